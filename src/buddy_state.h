/*
 * buddy_state.h - the buddy allocator's free lists after boot release.
 *
 * Each zone keeps the sorted, merged pfn ranges that are free. With every
 * merge allowed (as at boot), the free blocks are exactly the maximal
 * aligned power-of-two blocks (order <= MAX_ORDER-1) inside those ranges,
 * so free_area[order] counts and block runs are derived from the ranges
 * on demand and state scales with free ranges, not pages.
 */
#ifndef MEMBOOT_BUDDY_STATE_H
#define MEMBOOT_BUDDY_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "range_set.h"

#define BUDDY_MAX_ORDERS 16

struct buddy_zone {
	int nid;
	int zone;			/* enum zone_type */
	struct span *free;		/* sorted, merged */
	size_t nr_free_ranges;
	size_t cap;
	uint64_t managed;		/* pages handed to this zone */
};

struct buddy_state {
	unsigned max_order;		/* MAX_ORDER: orders 0..max_order-1 */
	struct buddy_zone *zones;
	size_t nr_zones;
	uint64_t totalram_pages;
	uint64_t totalhigh_pages;	/* x86_32: of those, HighMem */
	uint64_t nr_free_pages;
	bool released;			/* memblock_free_all has run */
};

void buddy_state_init(struct buddy_state *b, unsigned max_order);
void buddy_state_copy(struct buddy_state *dst, const struct buddy_state *src);
bool buddy_state_equal(const struct buddy_state *a, const struct buddy_state *b);
void buddy_state_release(struct buddy_state *b);

/* The zone record for (nid, zone), created if missing. */
struct buddy_zone *buddy_zone_get(struct buddy_state *b, int nid, int zone);
const struct buddy_zone *buddy_zone_find(const struct buddy_state *b, int nid, int zone);

/* Free [start, end) into a zone: merge with neighbouring free ranges. */
void buddy_free_range(struct buddy_state *b, int nid, int zone, uint64_t start, uint64_t end);

/* Take [start, end) out of a zone's free ranges (an allocation). */
void buddy_take_range(struct buddy_state *b, int nid, int zone, uint64_t start, uint64_t end);

/* nr_free per order for one zone (counts[0..max_order-1]). */
void buddy_zone_counts(const struct buddy_zone *z, unsigned max_order, uint64_t *counts);

/* The free block holding pfn: true with its first pfn and order. */
bool buddy_block_of(const struct buddy_zone *z, unsigned max_order, uint64_t pfn,
		    uint64_t *block_pfn, unsigned *order);

/* The lowest-addressed free block of the highest order in the zone. */
bool buddy_zone_largest_block(const struct buddy_zone *z, unsigned max_order,
			      uint64_t *block_pfn, unsigned *order);

/*
 * Split [start, end) into the maximal aligned blocks the kernel's
 * __free_pages_memory frees, calling fn(start_pfn, order, arg) for each
 * run of same-order blocks as (first pfn, order, count).
 */
void buddy_for_each_block_run(uint64_t start, uint64_t end, unsigned max_order,
			      void (*fn)(uint64_t pfn, unsigned order, uint64_t count, void *arg),
			      void *arg);

#endif
