/*
 * bootmem.c - the i386 bootmem bitmap allocator (Linux 2.4/2.6 before the
 * 2.6.27 rewrite) as sorted runs of set bits.
 *
 * Written from the behaviour KERNEL-FACTS.md section 7 describes:
 * init_bootmem_core sets every bit, free_bootmem rounds inward and clears,
 * reserve_bootmem rounds outward and sets, warning once per page already
 * set. No bit ever exists as a bit here: every operation is a range
 * operation on the reserved runs.
 */
#include "bootmem.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "kernel_const.h"
#include "range_set.h"
#include "xalloc.h"

void
bootmem_state_init(struct bootmem_state *b)
{
	memset(b, 0, sizeof(*b));
}

void
bootmem_state_copy(struct bootmem_state *dst, const struct bootmem_state *src)
{
	*dst = *src;
	dst->cap = src->nr_reserved;
	dst->reserved = src->nr_reserved ?
		xmemdup(src->reserved, src->nr_reserved * sizeof(src->reserved[0])) : NULL;
}

bool
bootmem_state_equal(const struct bootmem_state *a, const struct bootmem_state *b)
{
	return a->active == b->active && a->released == b->released &&
	       a->start_pfn == b->start_pfn && a->low_pfn == b->low_pfn &&
	       a->map_pfn == b->map_pfn && a->map_bytes == b->map_bytes &&
	       a->freed_pages == b->freed_pages && a->nr_reserved == b->nr_reserved &&
	       a->last_success == b->last_success && a->last_pos == b->last_pos &&
	       a->last_offset == b->last_offset &&
	       (!a->nr_reserved ||
		memcmp(a->reserved, b->reserved, a->nr_reserved * sizeof(a->reserved[0])) == 0);
}

void
bootmem_state_release(struct bootmem_state *b)
{
	free(b->reserved);
	memset(b, 0, sizeof(*b));
}

uint64_t
bootmem_init_core(struct bootmem_state *b, uint64_t mapstart, uint64_t start, uint64_t end)
{
	uint64_t mapsize = (end - start + 7) / 8;

	mapsize = (mapsize + BOOTMEM_LONG - 1) & ~(uint64_t)(BOOTMEM_LONG - 1);
	b->active = true;
	b->released = false;
	b->start_pfn = start;
	b->low_pfn = end;
	b->map_pfn = mapstart;
	b->map_bytes = mapsize;
	b->freed_pages = 0;
	b->last_success = b->last_pos = b->last_offset = 0;
	b->nr_reserved = 0;
	if (end > start) {
		xgrow((void **)&b->reserved, &b->cap, 1, sizeof(b->reserved[0]));
		b->reserved[0] = (struct span){ start, end };
		b->nr_reserved = 1;
	}
	return mapsize;
}

uint64_t
bootmem_map_pages(const struct bootmem_state *b)
{
	return (b->map_bytes + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

uint64_t
bootmem_count_reserved(const struct bootmem_state *b, uint64_t lo, uint64_t hi)
{
	return range_set_count(b->reserved, b->nr_reserved, lo, hi);
}

bool
bootmem_test(const struct bootmem_state *b, uint64_t pfn)
{
	size_t i;

	if (!b->active || pfn < b->start_pfn || pfn >= b->low_pfn)
		return true;
	i = range_set_pos(b->reserved, b->nr_reserved, pfn);
	return i < b->nr_reserved && b->reserved[i].start <= pfn;
}

/* Clip pfns [*s, *e) to the map; false when nothing is left (or no map). */
static bool
clip_to_map(const struct bootmem_state *b, uint64_t *s, uint64_t *e)
{
	if (*s < b->start_pfn)
		*s = b->start_pfn;
	if (*e > b->low_pfn)
		*e = b->low_pfn;
	return b->active && *s < *e;
}

uint64_t
bootmem_free(struct bootmem_state *b, uint64_t addr, uint64_t size, uint64_t *already_clear)
{
	uint64_t s = (addr + PAGE_SIZE - 1) >> PAGE_SHIFT, e = (addr + size) >> PAGE_SHIFT;
	uint64_t set;

	if (already_clear)
		*already_clear = 0;
	if (!clip_to_map(b, &s, &e))
		return 0;
	set = bootmem_count_reserved(b, s, e);
	if (already_clear)
		*already_clear = (e - s) - set;
	range_set_remove(&b->reserved, &b->nr_reserved, &b->cap, s, e);
	return set;
}

uint64_t
bootmem_reserve(struct bootmem_state *b, uint64_t addr, uint64_t size, struct klog *log)
{
	uint64_t s = addr >> PAGE_SHIFT, e = (addr + size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	uint64_t twice;

	if (!clip_to_map(b, &s, &e))
		return 0;
	twice = bootmem_count_reserved(b, s, e);
	/* one line per page, as the kernel prints them; no walk without a log */
	for (size_t i = range_set_pos(b->reserved, b->nr_reserved, s);
	     log && i < b->nr_reserved && b->reserved[i].start < e; i++) {
		uint64_t p0 = b->reserved[i].start > s ? b->reserved[i].start : s;
		uint64_t p1 = b->reserved[i].end < e ? b->reserved[i].end : e;

		/* the kernel prints i * PAGE_SIZE, the offset from node_boot_start */
		for (uint64_t p = p0; p < p1; p++)
			klog_printf(log, KLOG_INFO, "hm, page %08llx reserved twice.",
				    (unsigned long long)((p - b->start_pfn) << PAGE_SHIFT));
	}
	range_set_add(&b->reserved, &b->nr_reserved, &b->cap, s, e);
	return twice;
}

/* The first clear pfn at or after pfn (low_pfn when none). */
static uint64_t
next_clear(const struct bootmem_state *b, uint64_t pfn)
{
	size_t i = range_set_pos(b->reserved, b->nr_reserved, pfn);

	if (i < b->nr_reserved && b->reserved[i].start <= pfn)
		pfn = b->reserved[i].end;
	return pfn < b->low_pfn ? pfn : b->low_pfn;
}

/* The first set pfn at or after pfn (low_pfn when none). */
static uint64_t
next_set(const struct bootmem_state *b, uint64_t pfn)
{
	size_t i = range_set_pos(b->reserved, b->nr_reserved, pfn);

	if (i == b->nr_reserved)
		return b->low_pfn;
	return b->reserved[i].start > pfn ? b->reserved[i].start : pfn;
}

/*
 * The scan in map indexes from 'from': each candidate is the next clear
 * bit rounded up to the step; a set bit inside the window moves the next
 * candidate one step past it, as the kernel's fail_block does.
 */
static bool
scan_from(const struct bootmem_state *b, uint64_t from, uint64_t areasize, uint64_t incr,
	  uint64_t *found)
{
	uint64_t base = b->start_pfn, eidx = b->low_pfn - base;

	for (uint64_t i = from; i < eidx;) {
		uint64_t j;

		i = align_up(next_clear(b, base + i) - base, incr);
		if (i >= eidx)
			break;
		if (bootmem_test(b, base + i)) {
			i += incr;
			continue;
		}
		j = next_set(b, base + i + 1) - base;
		if (j >= i + areasize) {
			*found = i;
			return true;
		}
		i = align_up(j, incr) + incr;
	}
	return false;
}

bool
bootmem_alloc(struct bootmem_state *b, uint64_t size, uint64_t align, uint64_t goal,
	      uint64_t *addr)
{
	uint64_t base = b->start_pfn << PAGE_SHIFT, preferred = 0, offset = 0;
	uint64_t areasize = (size + PAGE_SIZE - 1) >> PAGE_SHIFT, incr, start, ret;

	if (!b->active || b->released || !size)
		return false;
	align = align ? align : 1;
	incr = align >> PAGE_SHIFT ? align >> PAGE_SHIFT : 1;
	if (base & (align - 1))
		offset = (align - (base & (align - 1))) >> PAGE_SHIFT;
	if (goal && goal >= base && (goal >> PAGE_SHIFT) < b->low_pfn) {
		preferred = goal - base;
		if (b->last_success >= preferred)
			preferred = b->last_success;
	}
	preferred = (align_up(preferred, align) >> PAGE_SHIFT) + offset;
	if (!scan_from(b, preferred, areasize, incr, &start) &&
	    (preferred <= offset || !scan_from(b, offset, areasize, incr, &start)))
		return false;
	b->last_success = start << PAGE_SHIFT;
	if (align < PAGE_SIZE && b->last_offset && b->last_pos + 1 == start) {
		/* finish the previous allocation's last page first */
		uint64_t used = align_up(b->last_offset, align), room = PAGE_SIZE - used;

		ret = base + (b->last_pos << PAGE_SHIFT) + used;
		if (size < room) {
			areasize = 0;
			b->last_offset = used + size;
		} else {
			areasize = (size - room + PAGE_SIZE - 1) >> PAGE_SHIFT;
			b->last_pos = start + areasize - 1;
			b->last_offset = size - room;
		}
		b->last_offset &= PAGE_SIZE - 1;
	} else {
		b->last_pos = start + areasize - 1;
		b->last_offset = size & (PAGE_SIZE - 1);
		ret = base + (start << PAGE_SHIFT);
	}
	if (areasize)
		range_set_add(&b->reserved, &b->nr_reserved, &b->cap, b->start_pfn + start,
			      b->start_pfn + start + areasize);
	*addr = ret;
	return true;
}

void
bootmem_for_each_free(const struct bootmem_state *b,
		      void (*fn)(uint64_t start, uint64_t end, void *arg), void *arg)
{
	uint64_t at = b->start_pfn;

	if (!b->active)
		return;
	for (size_t i = 0; i < b->nr_reserved; i++) {
		if (b->reserved[i].start > at)
			fn(at, b->reserved[i].start, arg);
		at = b->reserved[i].end;
	}
	if (at < b->low_pfn)
		fn(at, b->low_pfn, arg);
}
