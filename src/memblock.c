/*
 * memblock.c - the early boot allocator, following mm/memblock.c.
 *
 * Each type is a sorted array of non-overlapping regions; an empty array
 * holds one zero-sized dummy region. Adding inserts only the parts of a
 * range not yet covered, then merges neighbours that touch and share node
 * and flags. Removing, freeing and setting nodes first isolate the range
 * (splitting straddling regions) and then act on whole regions. When an
 * array runs out of slots it doubles, the new array itself being a
 * memblock allocation (memblock_alloc.c walks the free ranges and
 * allocates).
 */
#include "memblock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "kernel_const.h"
#include "klog.h"
#include "range_set.h"
#include "machine.h"
#include "xalloc.h"

static uint64_t
page_align(uint64_t x)
{
	return align_up_p2(x, PAGE_SIZE);
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
	addr = find_in_range(mb, excl_start + excl_size, mb->current_limit, new_alloc, PAGE_SIZE);
	if (!addr && excl_size)
		addr = find_in_range(mb, 0, excl_start < mb->current_limit ? excl_start :
				     mb->current_limit, new_alloc, PAGE_SIZE);
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

int
memblock_reserve_node(struct memblock *mb, uint64_t base, uint64_t size, int nid, uint32_t flags,
		      const char *caller)
{
	return reserve_range(mb, base, size, nid, flags, caller);
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
		uint64_t s = align_up_p2(os, align), e = align_down_p2(oe, align);

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

/* memblock_find_in_range(): any node, mirror first if asked (never here). */
static uint64_t
find_in_range(struct memblock *mb, uint64_t start, uint64_t end, uint64_t size,
	      uint64_t align)
{
	return memblock_find_in_range_node(mb, size, align, start, end, NUMA_NO_NODE, 0);
}

static void
dump_type(const struct memblock *mb, const struct memblock_type *t)
{
	klog_printf(mb->log, KLOG_MEMBLOCK, " %s.cnt  = 0x%zx", t->name, t->cnt);
	for (size_t i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];
		char nid_buf[32] = "";

		if (mb->numa && r->nid >= 0 && r->nid < mb->max_numnodes)
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

static void
region_span(const void *item, uint64_t *start, uint64_t *size)
{
	const struct memblock_region *r = item;

	*start = r->base;
	*size = r->size;
}

int
memblock_search(const struct memblock_type *t, uint64_t addr)
{
	return (int)ranges_find(t->regions, t->cnt, sizeof(t->regions[0]), region_span, addr);
}

size_t
memblock_first_after(const struct memblock_type *t, uint64_t addr)
{
	/* an empty type holds one zero-sized region, which never counts */
	return ranges_first_above(t->regions, memblock_type_empty(t) ? 0 : t->cnt,
				  sizeof(t->regions[0]), region_span, addr);
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
