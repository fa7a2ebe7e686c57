/*
 * memblock.c - the early boot allocator, following mm/memblock.c.
 *
 * Each type is a sorted array of non-overlapping regions; an empty array
 * holds one zero-sized dummy region. Adding inserts only the parts of a
 * range not yet covered, then merges neighbours that touch and share node
 * and flags. Removing, freeing and setting nodes first isolate the range
 * (splitting straddling regions) and then act on whole regions. When an
 * array runs out of slots it doubles, the new array itself being a
 * memblock allocation. Allocation walks the free ranges (memory minus
 * reserved) from the top down (or bottom up) and reserves what it finds.
 */
#include "memblock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klog.h"
#include "machine.h"
#include "xalloc.h"

#define PAGE_SIZE_4K 4096ull

static uint64_t
round_down_p2(uint64_t x, uint64_t a)
{
	return x & ~(a - 1);
}

static uint64_t
round_up_p2(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

static uint64_t
page_align(uint64_t x)
{
	return round_up_p2(x, PAGE_SIZE_4K);
}

static void
type_init(struct memblock_type *t, const char *name, int max_numnodes)
{
	t->name = name;
	t->cnt = 1;
	t->max = INIT_MEMBLOCK_REGIONS;
	t->total_size = 0;
	t->regions = xcalloc(t->max, sizeof(t->regions[0]));
	t->regions[0].nid = max_numnodes;
	t->array_base = 0;
}

void
memblock_init(struct memblock *mb, int max_numnodes, bool numa, struct klog *log)
{
	memset(mb, 0, sizeof(*mb));
	mb->max_numnodes = max_numnodes;
	mb->numa = numa;
	mb->current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	mb->log = log;
	mb->phys_alloc_dbg = true;
	mb->phys_free_name = "memblock_phys_free";
	type_init(&mb->memory, "memory", max_numnodes);
	type_init(&mb->reserved, "reserved", max_numnodes);
}

void
memblock_type_release(struct memblock_type *t)
{
	free(t->regions);
	t->regions = NULL;
	t->cnt = t->max = 0;
}

void
memblock_release(struct memblock *mb)
{
	memblock_type_release(&mb->memory);
	memblock_type_release(&mb->reserved);
}

void
memblock_type_copy(struct memblock_type *dst, const struct memblock_type *src)
{
	*dst = *src;
	/* a snapshot needs only the slots in use; max is kept as a number */
	dst->regions = xmemdup(src->regions, src->cnt * sizeof(src->regions[0]));
}

bool
memblock_type_equal(const struct memblock_type *a, const struct memblock_type *b)
{
	return a->cnt == b->cnt && a->max == b->max && a->total_size == b->total_size &&
	       a->array_base == b->array_base &&
	       memcmp(a->regions, b->regions, a->cnt * sizeof(a->regions[0])) == 0;
}

bool
memblock_type_empty(const struct memblock_type *t)
{
	return t->cnt == 1 && t->regions[0].size == 0;
}

static uint64_t
cap_size(uint64_t base, uint64_t *size)
{
	if (*size > PHYS_ADDR_MAX - base)
		*size = PHYS_ADDR_MAX - base;
	return *size;
}

static void
insert_region(struct memblock_type *t, size_t idx, uint64_t base, uint64_t size,
	      int nid, uint32_t flags)
{
	struct memblock_region *r = &t->regions[idx];

	memmove(r + 1, r, (t->cnt - idx) * sizeof(*r));
	r->base = base;
	r->size = size;
	r->flags = flags;
	r->nid = nid;
	t->cnt++;
	t->total_size += size;
}

static void
remove_region(struct memblock *mb, struct memblock_type *t, size_t idx)
{
	t->total_size -= t->regions[idx].size;
	memmove(&t->regions[idx], &t->regions[idx + 1],
		(t->cnt - (idx + 1)) * sizeof(t->regions[0]));
	t->cnt--;
	if (t->cnt == 0) {
		t->cnt = 1;
		t->regions[0] = (struct memblock_region){ 0, 0, 0, mb->max_numnodes };
	}
}

static void
merge_regions(struct memblock_type *t)
{
	size_t i = 0;

	while (i + 1 < t->cnt) {
		struct memblock_region *this = &t->regions[i], *next = this + 1;

		if (this->base + this->size != next->base || this->nid != next->nid ||
		    this->flags != next->flags) {
			i++;
			continue;
		}
		this->size += next->size;
		memmove(next, next + 1, (t->cnt - (i + 2)) * sizeof(*next));
		t->cnt--;
	}
}

static int add_range(struct memblock *mb, struct memblock_type *t, uint64_t base,
		     uint64_t size, int nid, uint32_t flags);
static int reserve_range(struct memblock *mb, uint64_t base, uint64_t size, int nid,
			 uint32_t flags, const char *caller);

static uint64_t find_in_range(struct memblock *mb, uint64_t start, uint64_t end,
			      uint64_t size, uint64_t align);

/* Double t's array, placing the new one outside [excl_start, +excl_size). */
static int
double_array(struct memblock *mb, struct memblock_type *t, uint64_t excl_start,
	     uint64_t excl_size)
{
	uint64_t old_size = t->max * MEMBLOCK_REGION_SIZE;
	uint64_t new_size = old_size << 1;
	uint64_t old_alloc = page_align(old_size), new_alloc = page_align(new_size);
	uint64_t addr, old_base = t->array_base;

	if (!mb->can_resize)
		return -1;
	if (t != &mb->reserved)
		excl_start = excl_size = 0;
	addr = find_in_range(mb, excl_start + excl_size, mb->current_limit, new_alloc, PAGE_SIZE_4K);
	if (!addr && excl_size)
		addr = find_in_range(mb, 0, excl_start < mb->current_limit ? excl_start :
				     mb->current_limit, new_alloc, PAGE_SIZE_4K);
	if (!addr) {
		klog_printf(mb->log, KLOG_INFO,
			    "memblock: Failed to double %s array from %zu to %zu entries !",
			    t->name, t->max, t->max * 2);
		return -1;
	}
	klog_printf(mb->log, KLOG_MEMBLOCK, "memblock: %s is doubled to %zu at [0x%016llx-0x%016llx]",
		    t->name, t->max * 2, (unsigned long long)addr,
		    (unsigned long long)(addr + new_size - 1));
	t->regions = xrealloc(t->regions, 2 * t->max * sizeof(t->regions[0]));
	memset(t->regions + t->max, 0, t->max * sizeof(t->regions[0]));
	t->max <<= 1;
	t->array_base = addr;
	if (old_base)
		memblock_phys_free(mb, old_base, old_alloc, "memblock_double_array");
	reserve_range(mb, addr, new_alloc, NUMA_NO_NODE, MEMBLOCK_NONE, "memblock_double_array");
	return 0;
}

static int
add_range(struct memblock *mb, struct memblock_type *t, uint64_t obase,
	  uint64_t size, int nid, uint32_t flags)
{
	uint64_t end = obase + cap_size(obase, &size), base;
	bool insert = false;
	size_t nr_new, idx;

	if (!size)
		return 0;
	if (t->regions[0].size == 0) {
		t->regions[0] = (struct memblock_region){ obase, size, flags, nid };
		t->total_size = size;
		return 0;
	}
	if (t->cnt * 2 + 1 <= t->max)
		insert = true;
repeat:
	base = obase;
	nr_new = 0;
	for (idx = 0; idx < t->cnt; idx++) {
		struct memblock_region *r = &t->regions[idx];
		uint64_t rbase = r->base, rend = rbase + r->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase > base) {
			nr_new++;
			if (insert)
				insert_region(t, idx++, base, rbase - base, nid, flags);
		}
		base = rend < end ? rend : end;
	}
	if (base < end) {
		nr_new++;
		if (insert)
			insert_region(t, idx, base, end - base, nid, flags);
	}
	if (!nr_new)
		return 0;
	if (!insert) {
		while (t->cnt + nr_new > t->max)
			if (double_array(mb, t, obase, size) < 0)
				return -1;
		insert = true;
		goto repeat;
	}
	merge_regions(t);
	return 0;
}

static void
dbg_range(struct memblock *mb, const char *fn, uint64_t base, uint64_t size,
	  const char *caller)
{
	klog_printf(mb->log, KLOG_MEMBLOCK, "%s: [0x%016llx-0x%016llx] %s", fn,
		    (unsigned long long)base, (unsigned long long)(base + size - 1),
		    caller && *caller ? caller : "");
}

int
memblock_add(struct memblock *mb, uint64_t base, uint64_t size, const char *caller)
{
	dbg_range(mb, "memblock_add", base, size, caller);
	return add_range(mb, &mb->memory, base, size, mb->max_numnodes, 0);
}

int
memblock_add_node(struct memblock *mb, uint64_t base, uint64_t size, int nid,
		  uint32_t flags, const char *caller)
{
	klog_printf(mb->log, KLOG_MEMBLOCK, "memblock_add_node: [0x%016llx-0x%016llx] nid=%d flags=%x %s",
		    (unsigned long long)base, (unsigned long long)(base + size - 1), nid, flags,
		    caller ? caller : "");
	return add_range(mb, &mb->memory, base, size, nid, flags);
}

/* __memblock_reserve(): before reserve_nid_flags every reservation is
 * memblock_reserve() without node and flags, as 6.1 prints it */
static int
reserve_range(struct memblock *mb, uint64_t base, uint64_t size, int nid, uint32_t flags,
	      const char *caller)
{
	if (!mb->reserve_nid_flags) {
		dbg_range(mb, "memblock_reserve", base, size, caller);
		return add_range(mb, &mb->reserved, base, size, mb->max_numnodes, 0);
	}
	klog_printf(mb->log, KLOG_MEMBLOCK, "__memblock_reserve: [0x%016llx-0x%016llx] nid=%d flags=%x %s",
		    (unsigned long long)base, (unsigned long long)(base + size - 1), nid, flags,
		    caller && *caller ? caller : "");
	return add_range(mb, &mb->reserved, base, size,
			 nid >= 0 && nid < mb->max_numnodes ? nid : mb->max_numnodes, flags);
}

int
memblock_reserve(struct memblock *mb, uint64_t base, uint64_t size, const char *caller)
{
	return reserve_range(mb, base, size, NUMA_NO_NODE, MEMBLOCK_NONE, caller);
}

int
memblock_reserve_kern(struct memblock *mb, uint64_t base, uint64_t size, const char *caller)
{
	return reserve_range(mb, base, size, NUMA_NO_NODE, MEMBLOCK_RSRV_KERN, caller);
}

/* Split regions so that [base, base+size) is covered by whole regions. */
static int
isolate_range(struct memblock *mb, struct memblock_type *t, uint64_t base,
	      uint64_t size, size_t *start_rgn, size_t *end_rgn)
{
	uint64_t end = base + cap_size(base, &size);

	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;
	while (t->cnt + 2 > t->max)
		if (double_array(mb, t, base, size) < 0)
			return -1;
	for (size_t idx = 0; idx < t->cnt; idx++) {
		struct memblock_region *r = &t->regions[idx];
		uint64_t rbase = r->base, rend = rbase + r->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase < base) {
			r->base = base;
			r->size -= base - rbase;
			t->total_size -= base - rbase;
			insert_region(t, idx, rbase, base - rbase, r->nid, r->flags);
		} else if (rend > end) {
			r->base = end;
			r->size -= end - rbase;
			t->total_size -= end - rbase;
			insert_region(t, idx, rbase, end - rbase, r->nid, r->flags);
			idx--;	/* redo the new bottom half */
		} else {
			if (!*end_rgn)
				*start_rgn = idx;
			*end_rgn = idx + 1;
		}
	}
	return 0;
}

static int
remove_range(struct memblock *mb, struct memblock_type *t, uint64_t base, uint64_t size)
{
	size_t s, e;

	if (isolate_range(mb, t, base, size, &s, &e))
		return -1;
	for (size_t i = e; i > s; i--)
		remove_region(mb, t, i - 1);
	return 0;
}

int
memblock_remove(struct memblock *mb, uint64_t base, uint64_t size, const char *caller)
{
	dbg_range(mb, "memblock_remove", base, size, caller);
	return remove_range(mb, &mb->memory, base, size);
}

int
memblock_phys_free(struct memblock *mb, uint64_t base, uint64_t size, const char *caller)
{
	dbg_range(mb, mb->phys_free_name, base, size, caller);
	return remove_range(mb, &mb->reserved, base, size);
}

int
memblock_set_node(struct memblock *mb, uint64_t base, uint64_t size,
		  struct memblock_type *t, int nid)
{
	size_t s, e;

	if (isolate_range(mb, t, base, size, &s, &e))
		return -1;
	for (size_t i = s; i < e; i++)
		t->regions[i].nid = nid;
	merge_regions(t);
	return 0;
}

static int
setclr_flag(struct memblock *mb, uint64_t base, uint64_t size, bool set, uint32_t flag)
{
	struct memblock_type *t = &mb->memory;
	size_t s, e;

	if (isolate_range(mb, t, base, size, &s, &e))
		return -1;
	for (size_t i = s; i < e; i++) {
		if (set)
			t->regions[i].flags |= flag;
		else
			t->regions[i].flags &= ~flag;
	}
	merge_regions(t);
	return 0;
}

int
memblock_mark_hotplug(struct memblock *mb, uint64_t base, uint64_t size)
{
	return setclr_flag(mb, base, size, true, MEMBLOCK_HOTPLUG);
}

int
memblock_clear_hotplug(struct memblock *mb, uint64_t base, uint64_t size)
{
	return setclr_flag(mb, base, size, false, MEMBLOCK_HOTPLUG);
}

int
memblock_mark_kho_scratch(struct memblock *mb, uint64_t base, uint64_t size)
{
	return setclr_flag(mb, base, size, true, MEMBLOCK_KHO_SCRATCH);
}

int
memblock_clear_kho_scratch(struct memblock *mb, uint64_t base, uint64_t size)
{
	return setclr_flag(mb, base, size, false, MEMBLOCK_KHO_SCRATCH);
}

void
memblock_trim_memory(struct memblock *mb, uint64_t align)
{
	struct memblock_type *t = &mb->memory;

	for (size_t i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];
		uint64_t os = r->base, oe = r->base + r->size;
		uint64_t s = round_up_p2(os, align), e = round_down_p2(oe, align);

		if (memblock_type_empty(t))
			break;
		if (s == os && e == oe)
			continue;
		if (s < e) {
			/* the kernel leaves total_size alone here */
			r->base = s;
			r->size = e - s;
		} else {
			remove_region(mb, t, i);
			i--;
		}
	}
}

void
memblock_allow_resize(struct memblock *mb)
{
	mb->can_resize = true;
}

void
memblock_set_bottom_up(struct memblock *mb, bool enable)
{
	mb->bottom_up = enable;
}

void
memblock_set_current_limit(struct memblock *mb, uint64_t limit)
{
	mb->current_limit = limit;
}

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
	struct pfn_like { uint64_t s, e; } *fr = NULL;
	size_t nr = 0, cap = 0;
	uint64_t idx = 0, s, e, found = 0;

	if (end == MEMBLOCK_ALLOC_ACCESSIBLE || end == MEMBLOCK_ALLOC_NOLEAKTRACE)
		end = mb->current_limit;
	if (start < PAGE_SIZE_4K)
		start = PAGE_SIZE_4K;
	if (end < start)
		end = start;
	if (!align)
		align = 64;

	while (memblock_next_free_range(mb, &idx, nid, flags, &s, &e, NULL)) {
		xgrow((void **)&fr, &cap, nr + 1, sizeof(*fr));
		fr[nr].s = s < start ? start : (s > end ? end : s);
		fr[nr].e = e < start ? start : (e > end ? end : e);
		nr++;
	}
	if (mb->bottom_up) {
		for (size_t i = 0; i < nr; i++) {
			uint64_t cand = round_up_p2(fr[i].s, align);

			if (cand < fr[i].e && fr[i].e - cand >= size) {
				found = cand;
				break;
			}
		}
	} else {
		for (size_t i = nr; i > 0; i--) {
			uint64_t cand;

			if (fr[i - 1].e < size)
				continue;
			cand = round_down_p2(fr[i - 1].e - size, align);
			if (cand >= fr[i - 1].s) {
				found = cand;
				break;
			}
		}
	}
	free(fr);
	return found;
}

/* memblock_find_in_range(): any node, mirror first if asked (never here). */
static uint64_t
find_in_range(struct memblock *mb, uint64_t start, uint64_t end, uint64_t size,
	      uint64_t align)
{
	return memblock_find_in_range_node(mb, size, align, start, end, NUMA_NO_NODE, 0);
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
	if (found && !reserve_range(mb, found, size, nid, MEMBLOCK_RSRV_KERN, "memblock_alloc_range_nid"))
		return found;
	if (nid != NUMA_NO_NODE && !exact_nid) {
		found = memblock_find_in_range_node(mb, size, align, start, end, NUMA_NO_NODE, 0);
		if (found && !reserve_range(mb, found, size, NUMA_NO_NODE, MEMBLOCK_RSRV_KERN,
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

		return found && !reserve_range(mb, found, size, NUMA_NO_NODE, MEMBLOCK_NONE, caller)
			       ? found
			       : 0;
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

static void
dump_type(const struct memblock *mb, const struct memblock_type *t)
{
	klog_printf(mb->log, KLOG_MEMBLOCK, " %s.cnt  = 0x%zx", t->name, t->cnt);
	for (size_t i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];
		char nid_buf[32] = "";

		if (mb->numa && r->nid != mb->max_numnodes)
			snprintf(nid_buf, sizeof(nid_buf), " on node %d", r->nid);
		klog_printf(mb->log, KLOG_MEMBLOCK,
			    " %s[0x%zx]\t[0x%016llx-0x%016llx], 0x%016llx bytes%s flags: 0x%x",
			    t->name, i, (unsigned long long)r->base,
			    (unsigned long long)(r->base + r->size - 1),
			    (unsigned long long)r->size, nid_buf, r->flags);
	}
}

void
memblock_dump_all(const struct memblock *mb)
{
	klog_printf(mb->log, KLOG_MEMBLOCK, "MEMBLOCK configuration:");
	klog_printf(mb->log, KLOG_MEMBLOCK, " memory size = 0x%016llx reserved size = 0x%016llx",
		    (unsigned long long)mb->memory.total_size,
		    (unsigned long long)mb->reserved.total_size);
	dump_type(mb, &mb->memory);
	dump_type(mb, &mb->reserved);
}

uint64_t
memblock_phys_mem_size(const struct memblock *mb)
{
	return mb->memory.total_size;
}

uint64_t
memblock_start_of_dram(const struct memblock *mb)
{
	return mb->memory.regions[0].base;
}

uint64_t
memblock_end_of_dram(const struct memblock *mb)
{
	const struct memblock_region *r = &mb->memory.regions[mb->memory.cnt - 1];

	return r->base + r->size;
}

int
memblock_search(const struct memblock_type *t, uint64_t addr)
{
	size_t lo = 0, hi = t->cnt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct memblock_region *r = &t->regions[mid];

		if (addr < r->base)
			hi = mid;
		else if (addr - r->base >= r->size)
			lo = mid + 1;
		else
			return (int)mid;
	}
	return -1;
}

size_t
memblock_first_after(const struct memblock_type *t, uint64_t addr)
{
	size_t lo = 0, hi = memblock_type_empty(t) ? 0 : t->cnt;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->regions[mid].base + t->regions[mid].size <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
memblock_overlaps(const struct memblock_type *t, uint64_t base, uint64_t size)
{
	uint64_t end = base + size;

	for (size_t i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		if (r->base < end && base < r->base + r->size)
			return true;
	}
	return false;
}
