/*
 * test_buddy.c - the buddy free lists as free pfn ranges: freeing merges
 * neighbouring ranges (which is what buddy merging amounts to at boot),
 * taking splits them, and free_area counts, block lookup and the block
 * runs follow the kernel's __free_pages_memory split (order = lowest set
 * bit of the pfn, capped at MAX_ORDER - 1 = 10, lowered until the block
 * fits). Every count below was worked out by hand from that rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "buddy_state.h"
#include "zone_state.h"

#define MAX_ORDER 11

static int
setup(void **state)
{
	struct buddy_state *b = calloc(1, sizeof(*b));

	if (!b)
		return -1;
	buddy_state_init(b, MAX_ORDER);
	*state = b;
	return 0;
}

static int
teardown(void **state)
{
	buddy_state_release(*state);
	free(*state);
	return 0;
}

static void
assert_counts(const struct buddy_zone *z, const uint64_t expected[MAX_ORDER])
{
	uint64_t got[MAX_ORDER];

	buddy_zone_counts(z, MAX_ORDER, got);
	for (int o = 0; o < MAX_ORDER; o++)
		assert_int_equal(got[o], expected[o]);
}

static void
assert_ranges(const struct buddy_zone *z, const struct span *r, size_t n)
{
	assert_int_equal(z->nr_free_ranges, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(z->free[i].start, r[i].start);
		assert_int_equal(z->free[i].end, r[i].end);
	}
}

static const struct buddy_zone *
zone(const struct buddy_state *b, int nid, int z)
{
	const struct buddy_zone *bz = buddy_zone_find(b, nid, z);

	assert_non_null(bz);
	return bz;
}

/* ------------------------------------------------------------ ranges */

static void
test_free_adjacent_ranges_merge(void **state)
{
	struct buddy_state *b = *state;
	const struct span r[] = { { 0x100, 0x400 } };

	buddy_free_range(b, 0, ZONE_DMA, 0x100, 0x200);
	buddy_free_range(b, 0, ZONE_DMA, 0x300, 0x400);
	assert_int_equal(zone(b, 0, ZONE_DMA)->nr_free_ranges, 2);
	buddy_free_range(b, 0, ZONE_DMA, 0x200, 0x300);
	assert_ranges(zone(b, 0, ZONE_DMA), r, 1);
}

/* Two order-8 blocks at 0x100 and 0x300; freeing 0x200 merges it with its
 * buddy 0x300 into order 9, next to the order-8 block at 0x100. */
static void
test_free_merge_changes_orders_like_buddy_merging(void **state)
{
	struct buddy_state *b = *state;
	const uint64_t before[MAX_ORDER] = { [8] = 2 };
	const uint64_t after[MAX_ORDER] = { [8] = 1, [9] = 1 };

	buddy_free_range(b, 0, ZONE_DMA, 0x100, 0x200);
	buddy_free_range(b, 0, ZONE_DMA, 0x300, 0x400);
	assert_counts(zone(b, 0, ZONE_DMA), before);
	buddy_free_range(b, 0, ZONE_DMA, 0x200, 0x300);
	assert_counts(zone(b, 0, ZONE_DMA), after);
}

static void
test_free_bridging_several_ranges(void **state)
{
	struct buddy_state *b = *state;
	const struct span r[] = { { 0x0, 0x10 }, { 0x18, 0x60 }, { 0x80, 0x90 } };

	buddy_free_range(b, 0, ZONE_DMA, 0x0, 0x10);
	buddy_free_range(b, 0, ZONE_DMA, 0x20, 0x30);
	buddy_free_range(b, 0, ZONE_DMA, 0x40, 0x50);
	buddy_free_range(b, 0, ZONE_DMA, 0x80, 0x90);
	buddy_free_range(b, 0, ZONE_DMA, 0x18, 0x60);
	assert_ranges(zone(b, 0, ZONE_DMA), r, 3);
}

static void
test_free_empty_range_adds_nothing(void **state)
{
	struct buddy_state *b = *state;

	buddy_free_range(b, 0, ZONE_DMA32, 0x500, 0x500);
	assert_int_equal(zone(b, 0, ZONE_DMA32)->nr_free_ranges, 0);
}

/* Zones are separate free lists: touching ranges of two zones stay apart. */
static void
test_zones_do_not_merge_across(void **state)
{
	struct buddy_state *b = *state;
	const struct span dma[] = { { 0x1, 0x1000 } };
	const struct span dma32[] = { { 0x1000, 0x2000 } };
	const struct span n1[] = { { 0x2000, 0x3000 } };

	buddy_free_range(b, 1, ZONE_NORMAL, 0x2000, 0x3000);
	buddy_free_range(b, 0, ZONE_DMA32, 0x1000, 0x2000);
	buddy_free_range(b, 0, ZONE_DMA, 0x1, 0x1000);
	assert_int_equal(b->nr_zones, 3);
	/* kept sorted by (node, zone) */
	assert_int_equal(b->zones[0].zone, ZONE_DMA);
	assert_int_equal(b->zones[1].zone, ZONE_DMA32);
	assert_int_equal(b->zones[2].nid, 1);
	assert_ranges(zone(b, 0, ZONE_DMA), dma, 1);
	assert_ranges(zone(b, 0, ZONE_DMA32), dma32, 1);
	assert_ranges(zone(b, 1, ZONE_NORMAL), n1, 1);
}

static void
test_take_middle_splits_range(void **state)
{
	struct buddy_state *b = *state;
	const struct span r[] = { { 0x100, 0x180 }, { 0x200, 0x400 } };

	buddy_free_range(b, 0, ZONE_DMA, 0x100, 0x400);
	buddy_take_range(b, 0, ZONE_DMA, 0x180, 0x200);
	assert_ranges(zone(b, 0, ZONE_DMA), r, 2);
}

static void
test_take_head_tail_and_whole(void **state)
{
	struct buddy_state *b = *state;
	const struct span r[] = { { 0x140, 0x3c0 } };

	buddy_free_range(b, 0, ZONE_DMA, 0x100, 0x400);
	buddy_free_range(b, 0, ZONE_DMA, 0x800, 0x900);
	buddy_take_range(b, 0, ZONE_DMA, 0x100, 0x140);
	buddy_take_range(b, 0, ZONE_DMA, 0x3c0, 0x400);
	buddy_take_range(b, 0, ZONE_DMA, 0x800, 0x900);
	assert_ranges(zone(b, 0, ZONE_DMA), r, 1);
}

static void
test_take_spanning_two_ranges(void **state)
{
	struct buddy_state *b = *state;
	const struct span r[] = { { 0x0, 0x5 }, { 0x25, 0x30 } };

	buddy_free_range(b, 0, ZONE_DMA, 0x0, 0x10);
	buddy_free_range(b, 0, ZONE_DMA, 0x14, 0x18);
	buddy_free_range(b, 0, ZONE_DMA, 0x20, 0x30);
	buddy_take_range(b, 0, ZONE_DMA, 0x5, 0x25);
	assert_ranges(zone(b, 0, ZONE_DMA), r, 2);
}

/* ------------------------------------------------------------ counts */

/* QEMU's DMA zone after boot release: pfn 1 to 0x9f. Ascending from 1:
 * orders 0..6 at 1, 2, 4, 8, 0x10, 0x20, 0x40; then 0x80 (order 4),
 * 0x90 (3), 0x98 (2), 0x9c (1), 0x9e (0). */
static void
test_counts_qemu_dma_1_to_0x9f(void **state)
{
	struct buddy_state *b = *state;
	const uint64_t expected[MAX_ORDER] = { 2, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0 };

	buddy_free_range(b, 0, ZONE_DMA, 0x1, 0x9f);
	assert_counts(zone(b, 0, ZONE_DMA), expected);
}

/* 0x100 (order 8), 0x200 (order 9), then 255 order-10 blocks. */
static void
test_counts_0x100_to_0x40000(void **state)
{
	struct buddy_state *b = *state;
	const uint64_t expected[MAX_ORDER] = { [8] = 1, [9] = 1, [10] = 255 };

	buddy_free_range(b, 0, ZONE_DMA32, 0x100, 0x40000);
	assert_counts(zone(b, 0, ZONE_DMA32), expected);
}

/* 251 order-10 blocks up to 0x3fc00, then the 991-page tail:
 * 512 + 256 + 128 + 64 + 16 + 8 + 4 + 2 + 1 (no order 5). */
static void
test_counts_0x1000_to_0x3ffdf(void **state)
{
	struct buddy_state *b = *state;
	const uint64_t expected[MAX_ORDER] = { 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 251 };

	buddy_free_range(b, 0, ZONE_DMA32, 0x1000, 0x3ffdf);
	assert_counts(zone(b, 0, ZONE_DMA32), expected);
}

/* Counts add up over the ranges of a zone. */
static void
test_counts_sum_over_ranges(void **state)
{
	struct buddy_state *b = *state;
	const uint64_t expected[MAX_ORDER] = { 2, 2, 2, 2, 2, 1, 1, 0, 1, 1, 255 };

	buddy_free_range(b, 0, ZONE_DMA, 0x1, 0x9f);
	buddy_free_range(b, 0, ZONE_DMA, 0x100, 0x40000);
	assert_counts(zone(b, 0, ZONE_DMA), expected);
}

/* ------------------------------------------------------------ blocks */

static void
assert_block(const struct buddy_zone *z, uint64_t pfn, uint64_t block, unsigned order)
{
	uint64_t got_pfn = 0;
	unsigned got_order = 99;

	assert_true(buddy_block_of(z, MAX_ORDER, pfn, &got_pfn, &got_order));
	assert_int_equal(got_pfn, block);
	assert_int_equal(got_order, order);
}

static void
test_block_of_pfn(void **state)
{
	struct buddy_state *b = *state;
	const struct buddy_zone *z;
	uint64_t p;
	unsigned o;

	buddy_free_range(b, 0, ZONE_DMA, 0x1, 0x9f);
	buddy_free_range(b, 0, ZONE_DMA, 0x100, 0x40000);
	z = zone(b, 0, ZONE_DMA);
	assert_block(z, 0x1, 0x1, 0);
	assert_block(z, 0x3, 0x2, 1);
	assert_block(z, 0x50, 0x40, 6);
	assert_block(z, 0x85, 0x80, 4);
	assert_block(z, 0x9e, 0x9e, 0);
	assert_block(z, 0x1ff, 0x100, 8);
	assert_block(z, 0x3ff, 0x200, 9);
	assert_block(z, 0x12345, 0x12000, 10);
	assert_block(z, 0x3ffff, 0x3fc00, 10);
	assert_false(buddy_block_of(z, MAX_ORDER, 0x0, &p, &o));
	assert_false(buddy_block_of(z, MAX_ORDER, 0x9f, &p, &o));
	assert_false(buddy_block_of(z, MAX_ORDER, 0xff, &p, &o));
	assert_false(buddy_block_of(z, MAX_ORDER, 0x40000, &p, &o));
}

struct runs {
	uint64_t pfn[32];
	unsigned order[32];
	uint64_t count[32];
	size_t nr;
};

static void
collect_run(uint64_t pfn, unsigned order, uint64_t count, void *arg)
{
	struct runs *r = arg;

	assert_true(r->nr < 32);
	r->pfn[r->nr] = pfn;
	r->order[r->nr] = order;
	r->count[r->nr] = count;
	r->nr++;
}

static void
assert_run(const struct runs *r, size_t i, uint64_t pfn, unsigned order, uint64_t count)
{
	assert_true(i < r->nr);
	assert_int_equal(r->pfn[i], pfn);
	assert_int_equal(r->order[i], order);
	assert_int_equal(r->count[i], count);
}

static void
test_block_runs_free_pages_memory_split(void **state)
{
	struct runs r = { .nr = 0 };
	const unsigned orders[] = { 0, 1, 2, 3, 4, 5, 6, 4, 3, 2, 1, 0 };
	const uint64_t pfns[] = { 0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x90, 0x98,
				  0x9c, 0x9e };

	(void)state;
	buddy_for_each_block_run(0x1, 0x9f, MAX_ORDER, collect_run, &r);
	assert_int_equal(r.nr, 12);
	for (size_t i = 0; i < r.nr; i++)
		assert_run(&r, i, pfns[i], orders[i], 1);
}

static void
test_block_runs_top_order_grouped(void **state)
{
	struct runs r = { .nr = 0 };

	(void)state;
	buddy_for_each_block_run(0x100, 0x40000, MAX_ORDER, collect_run, &r);
	assert_int_equal(r.nr, 3);
	assert_run(&r, 0, 0x100, 8, 1);
	assert_run(&r, 1, 0x200, 9, 1);
	assert_run(&r, 2, 0x400, 10, 255);
}

static void
test_block_runs_tail_after_top_order(void **state)
{
	struct runs r = { .nr = 0 };

	(void)state;
	buddy_for_each_block_run(0x400, 0x1005, MAX_ORDER, collect_run, &r);
	assert_int_equal(r.nr, 3);
	assert_run(&r, 0, 0x400, 10, 3);
	assert_run(&r, 1, 0x1000, 2, 1);
	assert_run(&r, 2, 0x1004, 0, 1);
}

/* With MAX_ORDER 4 the largest block is order 3 (8 pages). */
static void
test_block_runs_respect_max_order(void **state)
{
	struct runs r = { .nr = 0 };

	(void)state;
	buddy_for_each_block_run(0x0, 0x40, 4, collect_run, &r);
	assert_int_equal(r.nr, 1);
	assert_run(&r, 0, 0x0, 3, 8);
}

static void
test_block_runs_empty_range(void **state)
{
	struct runs r = { .nr = 0 };

	(void)state;
	buddy_for_each_block_run(0x10, 0x10, MAX_ORDER, collect_run, &r);
	assert_int_equal(r.nr, 0);
}

static void
test_copy_and_equal(void **state)
{
	struct buddy_state *b = *state, c;

	buddy_free_range(b, 0, ZONE_DMA, 0x1, 0x9f);
	buddy_free_range(b, 0, ZONE_DMA32, 0x1000, 0x3ffdf);
	buddy_state_copy(&c, b);
	assert_true(buddy_state_equal(&c, b));
	buddy_take_range(&c, 0, ZONE_DMA32, 0x2000, 0x2001);
	assert_false(buddy_state_equal(&c, b));
	buddy_state_release(&c);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_free_adjacent_ranges_merge),
		T(test_free_merge_changes_orders_like_buddy_merging),
		T(test_free_bridging_several_ranges),
		T(test_free_empty_range_adds_nothing),
		T(test_zones_do_not_merge_across),
		T(test_take_middle_splits_range),
		T(test_take_head_tail_and_whole),
		T(test_take_spanning_two_ranges),
		T(test_counts_qemu_dma_1_to_0x9f),
		T(test_counts_0x100_to_0x40000),
		T(test_counts_0x1000_to_0x3ffdf),
		T(test_counts_sum_over_ranges),
		T(test_block_of_pfn),
		cmocka_unit_test(test_block_runs_free_pages_memory_split),
		cmocka_unit_test(test_block_runs_top_order_grouped),
		cmocka_unit_test(test_block_runs_tail_after_top_order),
		cmocka_unit_test(test_block_runs_respect_max_order),
		cmocka_unit_test(test_block_runs_empty_range),
		T(test_copy_and_equal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
