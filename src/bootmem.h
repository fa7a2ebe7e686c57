/*
 * bootmem.h - the i386 bootmem allocator of Linux 2.4/2.6 (before the
 * 2.6.27 rewrite), as state that scales with runs, not pages.
 *
 * The kernel keeps one bit per page below node_low_pfn in a bitmap placed
 * right after the kernel image; a set bit means reserved. Here the set
 * bits are kept as sorted, merged pfn ranges, with the bitmap's location
 * and size alongside, so a state snapshot costs a few ranges. The bit of
 * any page is a binary search away (bootmem_test).
 */
#ifndef MEMBOOT_BOOTMEM_H
#define MEMBOOT_BOOTMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buddy_state.h"
#include "klog.h"

struct bootmem_state {
	bool active;			/* init_bootmem has run */
	bool released;			/* free_all_bootmem has run: the map is gone */
	uint64_t start_pfn;		/* node_boot_start >> PAGE_SHIFT (0 on i386) */
	uint64_t low_pfn;		/* node_low_pfn: the map covers [start_pfn, low_pfn) */
	uint64_t map_pfn;		/* the bitmap's first page (min_low_pfn) */
	uint64_t map_bytes;		/* its size: (pages + 7) / 8 rounded up to sizeof(long) */
	struct span *reserved;	/* set bits: sorted, merged, inside the map */
	size_t nr_reserved;
	size_t cap;
	uint64_t freed_pages;		/* what free_all_bootmem returned */
	/* __alloc_bootmem_core's memory between calls */
	uint64_t last_success;		/* byte offset of the last allocation's first page */
	uint64_t last_pos;		/* map index of its last page */
	uint64_t last_offset;		/* bytes used in that page (0: the page is full) */
};

/* sizeof(long) on i386. */
#define BOOTMEM_LONG 4u

void bootmem_state_init(struct bootmem_state *b);
void bootmem_state_copy(struct bootmem_state *dst, const struct bootmem_state *src);
bool bootmem_state_equal(const struct bootmem_state *a, const struct bootmem_state *b);
void bootmem_state_release(struct bootmem_state *b);

/* init_bootmem_core(): a map of [start, end) pfns at mapstart, every bit
 * set. Returns the map size in bytes. */
uint64_t bootmem_init_core(struct bootmem_state *b, uint64_t mapstart, uint64_t start,
			   uint64_t end);

/* The bitmap's size in whole pages (bootmem_bootmap_pages). */
uint64_t bootmem_map_pages(const struct bootmem_state *b);

/* free_bootmem(): clear the bits of the pages wholly inside
 * [addr, addr + size) (rounded inward). Returns the number of bits
 * cleared; *already_clear (may be NULL) gets the pages whose bit was
 * already clear, where the kernel would BUG(). */
uint64_t bootmem_free(struct bootmem_state *b, uint64_t addr, uint64_t size,
		      uint64_t *already_clear);

/* reserve_bootmem(): set the bits of every page [addr, addr + size)
 * touches (rounded outward). Each bit already set prints
 * "hm, page %08lx reserved twice." with its byte offset, as 2.4 and
 * 2.6.0-2.6.2 did unconditionally. Returns the number of such pages. */
uint64_t bootmem_reserve(struct bootmem_state *b, uint64_t addr, uint64_t size,
			 struct klog *log);

/* __alloc_bootmem_core(): size bytes aligned to align (a power of two),
 * first fit from goal upward (or from the last allocation, when that lies
 * above goal), then from the bottom. An allocation with align below a
 * page shares the partly used last page of the previous one when it
 * starts right after it. Sets *addr and returns true, or returns false
 * when nothing fits. */
bool bootmem_alloc(struct bootmem_state *b, uint64_t size, uint64_t align, uint64_t goal,
		   uint64_t *addr);

/* The bit of one page: true = reserved. Pages outside the map: true. */
bool bootmem_test(const struct bootmem_state *b, uint64_t pfn);

/* Set bits among pfns [lo, hi) (clipped to the map). */
uint64_t bootmem_count_reserved(const struct bootmem_state *b, uint64_t lo, uint64_t hi);

/* Clear runs of the map, in address order: calls fn(start, end, arg) for
 * each maximal run of clear bits. */
void bootmem_for_each_free(const struct bootmem_state *b,
			   void (*fn)(uint64_t start, uint64_t end, void *arg), void *arg);

#endif
