/*
 * memblock_alloc.c - memblock's free ranges and allocations, following
 * mm/memblock.c: for_each_free_mem_range (memory minus reserved, in
 * address order), memblock_find_in_range_node() from the top down (or
 * bottom up), and the memblock_alloc and memblock_phys_alloc families,
 * which reserve what they find.
 */
#include "memblock.h"

#include <stdlib.h>

#include "align.h"
#include "kernel_const.h"
#include "klog.h"
#include "range_set.h"
#include "xalloc.h"

static bool
skip_memory_region(const struct memblock_region *m, int nid, uint32_t flags)
{
	if (nid != NUMA_NO_NODE && nid != m->nid)
		return true;
	if ((flags & MEMBLOCK_MIRROR) && !(m->flags & MEMBLOCK_MIRROR))
		return true;
	if (!(flags & MEMBLOCK_NOMAP) && (m->flags & MEMBLOCK_NOMAP))
		return true;
	if (!(flags & MEMBLOCK_DRIVER_MANAGED) && (m->flags & MEMBLOCK_DRIVER_MANAGED))
		return true;
	return false;
}

/* The next range of a minus b (ascending), a's regions filtered by nid
 * and flags when a is memory. *idx packs both array positions. */
static bool
next_range_diff(const struct memblock_type *a, const struct memblock_type *b, bool filter,
		uint64_t *idx, int nid, uint32_t flags, uint64_t *out_start, uint64_t *out_end,
		int *out_nid)
{
	size_t ia = (size_t)(*idx & 0xffffffffu), ib = (size_t)(*idx >> 32);

	for (; ia < a->cnt; ia++) {
		const struct memblock_region *m = &a->regions[ia];
		uint64_t m_start = m->base, m_end = m->base + m->size;

		if (filter && skip_memory_region(m, nid, flags))
			continue;
		for (; ib < b->cnt + 1; ib++) {
			uint64_t r_start = ib ? b->regions[ib - 1].base + b->regions[ib - 1].size : 0;
			uint64_t r_end = ib < b->cnt ? b->regions[ib].base : PHYS_ADDR_MAX;

			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				*out_start = m_start > r_start ? m_start : r_start;
				*out_end = m_end < r_end ? m_end : r_end;
				if (out_nid)
					*out_nid = m->nid;
				if (m_end <= r_end)
					ia++;
				else
					ib++;
				*idx = (uint64_t)ia | (uint64_t)ib << 32;
				return true;
			}
		}
	}
	return false;
}

bool
memblock_next_free_range(const struct memblock *mb, uint64_t *idx, int nid,
			 uint32_t flags, uint64_t *out_start, uint64_t *out_end, int *out_nid)
{
	return next_range_diff(&mb->memory, &mb->reserved, true, idx, nid, flags,
			       out_start, out_end, out_nid);
}

bool
memblock_next_reserved_unavail(const struct memblock *mb, uint64_t *idx, uint64_t *out_start,
			       uint64_t *out_end)
{
	if (memblock_type_empty(&mb->reserved))
		return false;
	return next_range_diff(&mb->reserved, &mb->memory, false, idx, NUMA_NO_NODE, 0,
			       out_start, out_end, NULL);
}

uint64_t
memblock_find_in_range_node(struct memblock *mb, uint64_t size, uint64_t align,
			    uint64_t start, uint64_t end, int nid, uint32_t flags)
{
	struct span *fr = NULL;
	size_t nr = 0, cap = 0;
	uint64_t idx = 0, s, e, found = 0;

	if (end == MEMBLOCK_ALLOC_ACCESSIBLE || end == MEMBLOCK_ALLOC_NOLEAKTRACE)
		end = mb->current_limit;
	if (start < PAGE_SIZE)
		start = PAGE_SIZE;
	if (end < start)
		end = start;
	if (!align)
		align = 64;

	while (memblock_next_free_range(mb, &idx, nid, flags, &s, &e, NULL)) {
		xgrow((void **)&fr, &cap, nr + 1, sizeof(*fr));
		fr[nr].start = s < start ? start : (s > end ? end : s);
		fr[nr].end = e < start ? start : (e > end ? end : e);
		nr++;
	}
	if (mb->bottom_up) {
		for (size_t i = 0; i < nr; i++) {
			uint64_t cand = align_up_p2(fr[i].start, align);

			if (cand < fr[i].end && fr[i].end - cand >= size) {
				found = cand;
				break;
			}
		}
	} else {
		for (size_t i = nr; i > 0; i--) {
			uint64_t cand;

			if (fr[i - 1].end < size)
				continue;
			cand = align_down_p2(fr[i - 1].end - size, align);
			if (cand >= fr[i - 1].start) {
				found = cand;
				break;
			}
		}
	}
	free(fr);
	return found;
}

uint64_t
memblock_alloc_range_nid(struct memblock *mb, uint64_t size, uint64_t align,
			 uint64_t start, uint64_t end, int nid, bool exact_nid)
{
	uint64_t found;

	if (nid == mb->max_numnodes)
		nid = NUMA_NO_NODE;
	if (!align)
		align = 64;	/* SMP_CACHE_BYTES, after a dump_stack */
	found = memblock_find_in_range_node(mb, size, align, start, end, nid, 0);
	if (found && !memblock_reserve_node(mb, found, size, nid, MEMBLOCK_RSRV_KERN,
					    "memblock_alloc_range_nid"))
		return found;
	if (nid != NUMA_NO_NODE && !exact_nid) {
		found = memblock_find_in_range_node(mb, size, align, start, end, NUMA_NO_NODE, 0);
		if (found && !memblock_reserve_node(mb, found, size, NUMA_NO_NODE, MEMBLOCK_RSRV_KERN,
						    "memblock_alloc_range_nid"))
			return found;
	}
	return 0;
}

uint64_t
memblock_phys_alloc_range(struct memblock *mb, uint64_t size, uint64_t align,
			  uint64_t start, uint64_t end, const char *caller)
{
	if (mb->find_in_range_callers) {
		uint64_t found = memblock_find_in_range_node(mb, size, align, start, end, NUMA_NO_NODE, 0);

		return found && !memblock_reserve(mb, found, size, caller) ? found : 0;
	}
	if (mb->phys_alloc_dbg)
		klog_printf(mb->log, KLOG_MEMBLOCK,
			    "memblock_phys_alloc_range: %llu bytes align=0x%llx from=0x%016llx max_addr=0x%016llx %s",
			    (unsigned long long)size, (unsigned long long)align,
			    (unsigned long long)start, (unsigned long long)end, caller ? caller : "");
	return memblock_alloc_range_nid(mb, size, align, start, end, NUMA_NO_NODE, false);
}

uint64_t
memblock_phys_probe(struct memblock *mb, uint64_t size, uint64_t align, uint64_t start,
		    uint64_t end, const char *caller)
{
	uint64_t found;

	if (mb->find_in_range_callers)
		return memblock_find_in_range_node(mb, size, align, start, end, NUMA_NO_NODE, 0);
	found = memblock_phys_alloc_range(mb, size, align, start, end, caller);
	if (found)
		memblock_phys_free(mb, found, size, caller);
	return found;
}

uint64_t
memblock_phys_alloc_try_nid(struct memblock *mb, uint64_t size, uint64_t align, int nid)
{
	return memblock_alloc_range_nid(mb, size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
}

uint64_t
memblock_alloc_virt(struct memblock *mb, const char *api, uint64_t size,
		    uint64_t align, uint64_t min_addr, uint64_t max_addr,
		    int nid, bool exact_nid, const char *caller)
{
	uint64_t found;

	klog_printf(mb->log, KLOG_MEMBLOCK,
		    "%s: %llu bytes align=0x%llx nid=%d from=0x%016llx max_addr=0x%016llx %s",
		    api, (unsigned long long)size, (unsigned long long)align, nid,
		    (unsigned long long)min_addr, (unsigned long long)max_addr,
		    caller ? caller : "");
	if (max_addr > mb->current_limit)
		max_addr = mb->current_limit;
	found = memblock_alloc_range_nid(mb, size, align, min_addr, max_addr, nid, exact_nid);
	if (!found && min_addr)
		found = memblock_alloc_range_nid(mb, size, align, 0, max_addr, nid, exact_nid);
	return found;
}
