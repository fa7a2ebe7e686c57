/*
 * range_set.h - sorted, disjoint ranges.
 *
 * Every table the engine keeps sorted (e820 entries, memblock regions,
 * section runs, free ranges, steps' log lines) is searched by the one
 * binary search here, told how to read an item's start and size. The
 * set functions keep an array of [start, end) ranges sorted and merged
 * (ranges that touch become one), as the buddy's free ranges, bootmem's
 * set bits and the page-table indexes of the direct map and vmemmap are.
 */
#ifndef MEMBOOT_RANGE_SET_H
#define MEMBOOT_RANGE_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pfn_range {
	uint64_t start;
	uint64_t end;
};

/* How long [a0, a1) and [b0, b1) overlap. */
static inline uint64_t
range_overlap(uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
	uint64_t s = a0 > b0 ? a0 : b0, e = a1 < b1 ? a1 : b1;

	return e > s ? e - s : 0;
}

/* An item's range of a sorted table: its start and size. */
typedef void range_span_fn(const void *item, uint64_t *start, uint64_t *size);

/* The first of the nr items (each item_size bytes, sorted and disjoint)
 * whose range ends above x; nr when none does. */
size_t ranges_first_above(const void *items, size_t nr, size_t item_size, range_span_fn *span,
			  uint64_t x);

/* The index of the item whose range holds x, or -1. */
long ranges_find(const void *items, size_t nr, size_t item_size, range_span_fn *span,
		 uint64_t x);

/*
 * The set: r[0..nr) sorted and merged, with room for cap (grown as
 * needed). range_set_pos() is the first range ending above x (nr when
 * none).
 */
size_t range_set_pos(const struct pfn_range *r, size_t nr, uint64_t x);
/* The range holding x, or -1. */
long range_set_find(const struct pfn_range *r, size_t nr, uint64_t x);
/* Add [start, end), merging with the ranges it overlaps or touches. */
void range_set_add(struct pfn_range **r, size_t *nr, size_t *cap, uint64_t start, uint64_t end);
/* Take [start, end) out, splitting a range that holds it. */
void range_set_remove(struct pfn_range **r, size_t *nr, size_t *cap, uint64_t start,
		      uint64_t end);
/* How much of [lo, hi) the ranges cover. */
uint64_t range_set_count(const struct pfn_range *r, size_t nr, uint64_t lo, uint64_t hi);
/* Make a set of r[0..*nr) in place, ranges in any order: sorted, the
 * ones that overlap or touch merged, empty ones dropped. */
void range_set_sort(struct pfn_range *r, size_t *nr);

#endif
