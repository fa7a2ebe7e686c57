/*
 * test_memblock.c - src/memblock.c against hand-worked cases of
 * mm/memblock.c (Linux 6.1): adding (merging only touching regions of the
 * same node and flags, inserting only uncovered parts), isolation-based
 * remove/free/set_node/flags, the empty dummy region, trimming that keeps
 * total_size, array doubling, the memblock=debug lines and dump, and the
 * DRAM bounds and region lookups. Finding and allocating are
 * tests/test_memblock_alloc.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "klog.h"
#include "machine.h"
#include "memblock.h"
#include "memblock_fixture.h"

/* ------------------------------------------------------------ add */

static void
test_add_merges_touching_regions(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x1000, 0x1000, NULL);
	memblock_add(&f->mb, 0x3000, 0x1000, NULL);
	assert_int_equal(f->mb.memory.cnt, 2);
	memblock_add(&f->mb, 0x2000, 0x1000, NULL);
	assert_int_equal(f->mb.memory.cnt, 1);
	assert_region(&f->mb.memory, 0, 0x1000, 0x3000, MAX_NUMNODES, 0);
	assert_int_equal(f->mb.memory.total_size, 0x3000);
}

static void
test_add_node_different_nid_or_flags_not_merged(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *m = &f->mb.memory;

	memblock_add_node(&f->mb, 0x0, 0x1000, 0, MEMBLOCK_NONE, NULL);
	memblock_add_node(&f->mb, 0x1000, 0x1000, 1, MEMBLOCK_NONE, NULL);
	memblock_add_node(&f->mb, 0x2000, 0x1000, 1, MEMBLOCK_HOTPLUG, NULL);
	memblock_add_node(&f->mb, 0x3000, 0x1000, 1, MEMBLOCK_HOTPLUG, NULL);
	assert_int_equal(m->cnt, 3);
	assert_region(m, 0, 0x0, 0x1000, 0, 0);
	assert_region(m, 1, 0x1000, 0x1000, 1, 0);
	assert_region(m, 2, 0x2000, 0x2000, 1, MEMBLOCK_HOTPLUG);
}

static void
test_add_overlap_inserts_only_uncovered_parts(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *m = &f->mb.memory;

	memblock_add_node(&f->mb, 0x1000, 0x1000, 0, MEMBLOCK_NONE, NULL);
	memblock_add_node(&f->mb, 0x3000, 0x1000, 0, MEMBLOCK_NONE, NULL);
	memblock_add_node(&f->mb, 0x0, 0x5000, 1, MEMBLOCK_NONE, NULL);
	assert_int_equal(m->cnt, 5);
	assert_region(m, 0, 0x0, 0x1000, 1, 0);
	assert_region(m, 1, 0x1000, 0x1000, 0, 0);
	assert_region(m, 2, 0x2000, 0x1000, 1, 0);
	assert_region(m, 3, 0x3000, 0x1000, 0, 0);
	assert_region(m, 4, 0x4000, 0x1000, 1, 0);
	assert_int_equal(m->total_size, 0x5000);
}

static void
test_reserve_overlapping_is_unioned(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *r = &f->mb.reserved;

	memblock_reserve(&f->mb, 0x1000, 0x2000, NULL);
	memblock_reserve(&f->mb, 0x2000, 0x2000, NULL);
	memblock_reserve(&f->mb, 0x1800, 0x800, NULL);
	assert_int_equal(r->cnt, 1);
	assert_region(r, 0, 0x1000, 0x3000, MAX_NUMNODES, 0);
	assert_int_equal(r->total_size, 0x3000);
}

static void
test_add_zero_size_is_noop(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x1000, 0x0, NULL);
	assert_true(memblock_type_empty(&f->mb.memory));
	assert_int_equal(f->mb.memory.total_size, 0);
}

/* ------------------------------------------------------------ isolate */

static void
test_remove_middle_splits_region(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *m = &f->mb.memory;

	memblock_add(&f->mb, 0x0, 0x10000, NULL);
	assert_int_equal(memblock_remove(&f->mb, 0x4000, 0x4000, NULL), 0);
	assert_int_equal(m->cnt, 2);
	assert_region(m, 0, 0x0, 0x4000, MAX_NUMNODES, 0);
	assert_region(m, 1, 0x8000, 0x8000, MAX_NUMNODES, 0);
	assert_int_equal(m->total_size, 0xc000);
}

static void
test_remove_across_regions_trims_both(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *m = &f->mb.memory;

	memblock_add(&f->mb, 0x0, 0x4000, NULL);
	memblock_add(&f->mb, 0x8000, 0x8000, NULL);
	memblock_remove(&f->mb, 0x2000, 0x8000, NULL);
	assert_int_equal(m->cnt, 2);
	assert_region(m, 0, 0x0, 0x2000, MAX_NUMNODES, 0);
	assert_region(m, 1, 0xa000, 0x6000, MAX_NUMNODES, 0);
	assert_int_equal(m->total_size, 0x8000);
}

static void
test_phys_free_splits_reserved(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *r = &f->mb.reserved;

	memblock_reserve(&f->mb, 0x1000, 0x4000, NULL);
	memblock_phys_free(&f->mb, 0x2000, 0x1000, NULL);
	assert_int_equal(r->cnt, 2);
	assert_region(r, 0, 0x1000, 0x1000, MAX_NUMNODES, 0);
	assert_region(r, 1, 0x3000, 0x2000, MAX_NUMNODES, 0);
	assert_int_equal(r->total_size, 0x3000);
}

static void
test_remove_everything_leaves_empty_dummy(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *m = &f->mb.memory;

	memblock_add(&f->mb, 0x1000, 0x1000, NULL);
	memblock_add_node(&f->mb, 0x3000, 0x1000, 0, MEMBLOCK_HOTPLUG, NULL);
	memblock_remove(&f->mb, 0x0, 0x10000, NULL);
	assert_int_equal(m->cnt, 1);
	assert_region(m, 0, 0x0, 0x0, MAX_NUMNODES, 0);
	assert_int_equal(m->total_size, 0);
	assert_true(memblock_type_empty(m));
	/* the next add overwrites the dummy */
	memblock_add(&f->mb, 0x5000, 0x1000, NULL);
	assert_int_equal(m->cnt, 1);
	assert_region(m, 0, 0x5000, 0x1000, MAX_NUMNODES, 0);
}

static void
test_set_node_splits_then_merges(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *m = &f->mb.memory;

	memblock_add(&f->mb, 0x0, 0x40000000, NULL);
	memblock_set_node(&f->mb, 0x20000000, 0x20000000, m, 1);
	assert_int_equal(m->cnt, 2);
	assert_region(m, 0, 0x0, 0x20000000, MAX_NUMNODES, 0);
	assert_region(m, 1, 0x20000000, 0x20000000, 1, 0);
	memblock_set_node(&f->mb, 0x0, 0x20000000, m, 1);
	assert_int_equal(m->cnt, 1);
	assert_region(m, 0, 0x0, 0x40000000, 1, 0);
}

static void
test_mark_and_clear_hotplug(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *m = &f->mb.memory;

	memblock_add(&f->mb, 0x0, 0x10000, NULL);
	memblock_mark_hotplug(&f->mb, 0x4000, 0x4000);
	assert_int_equal(m->cnt, 3);
	assert_region(m, 0, 0x0, 0x4000, MAX_NUMNODES, 0);
	assert_region(m, 1, 0x4000, 0x4000, MAX_NUMNODES, MEMBLOCK_HOTPLUG);
	assert_region(m, 2, 0x8000, 0x8000, MAX_NUMNODES, 0);
	memblock_clear_hotplug(&f->mb, 0x0, UINT64_MAX);
	assert_int_equal(m->cnt, 1);
	assert_region(m, 0, 0x0, 0x10000, MAX_NUMNODES, 0);
}

/* ------------------------------------------------------------ trim */

static void
test_trim_memory_keeps_total_size_of_kept_regions(void **state)
{
	struct fixture *f = *state;
	struct memblock_type *m = &f->mb.memory;

	memblock_add(&f->mb, 0x500, 0x9f700, NULL);		/* to 0x9fc00 */
	memblock_add(&f->mb, 0x100000, 0x3fedf800, NULL);	/* to 0x3ffdf800 */
	memblock_add(&f->mb, 0x40000000, 0x800, NULL);	/* under a page */
	memblock_trim_memory(&f->mb, 0x1000);
	assert_int_equal(m->cnt, 2);
	assert_region(m, 0, 0x1000, 0x9e000, MAX_NUMNODES, 0);
	assert_region(m, 1, 0x100000, 0x3fedf000, MAX_NUMNODES, 0);
	/* untrimmed sizes of the two kept regions; the removed one is gone */
	assert_int_equal(m->total_size, 0x9f700 + 0x3fedf800);
	assert_int_equal(memblock_phys_mem_size(&f->mb), 0x3ff7ef00);
}

static void
test_trim_memory_removing_only_region_leaves_dummy(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x100, 0x100, NULL);
	memblock_trim_memory(&f->mb, 0x1000);
	assert_true(memblock_type_empty(&f->mb.memory));
	assert_int_equal(f->mb.memory.total_size, 0);
}

/* ------------------------------------------------------------ doubling */

/* Reserve 128 single pages 8 KiB apart: the static array is full. */
static void
fill_reserved(struct memblock *mb)
{
	for (uint64_t i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		assert_int_equal(memblock_reserve(mb, i * 0x2000, 0x1000, NULL), 0);
	assert_int_equal(mb->reserved.cnt, INIT_MEMBLOCK_REGIONS);
	assert_int_equal(mb->reserved.max, INIT_MEMBLOCK_REGIONS);
}

static void
test_reserved_doubles_at_top_of_memory(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_add(&f->mb, 0x0, 0x40000000, NULL);
	memblock_allow_resize(&f->mb);
	fill_reserved(&f->mb);
	n0 = f->log.nr;
	assert_int_equal(memblock_reserve(&f->mb, 0x200000, 0x1000, "test_caller"), 0);
	assert_int_equal(f->log.nr, n0 + 3);
	assert_line(&f->log, n0, "memblock_reserve: [0x0000000000200000-0x0000000000200fff] test_caller");
	/* 256 * 24 bytes = 0x1800, placed in a page-aligned 0x2000 block */
	assert_line(&f->log, n0 + 1,
		    "memblock: reserved is doubled to 256 at [0x000000003fffe000-0x000000003ffff7ff]");
	assert_line(&f->log, n0 + 2,
		    "memblock_reserve: [0x000000003fffe000-0x000000003fffffff] memblock_double_array");
	assert_int_equal(f->mb.reserved.max, 256);
	assert_int_equal(f->mb.reserved.cnt, 130);
	assert_int_equal(f->mb.reserved.array_base, 0x3fffe000);
	assert_region(&f->mb.reserved, 128, 0x200000, 0x1000, MAX_NUMNODES, 0);
	assert_region(&f->mb.reserved, 129, 0x3fffe000, 0x2000, MAX_NUMNODES, 0);
}

/* The new array avoids the range being reserved: it lands below it. */
static void
test_reserved_doubling_excludes_range_being_added(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_add(&f->mb, 0x0, 0x40000000, NULL);
	memblock_allow_resize(&f->mb);
	fill_reserved(&f->mb);
	n0 = f->log.nr;
	assert_int_equal(memblock_reserve(&f->mb, 0x3fff0000, 0x10000, "test_caller"), 0);
	assert_line(&f->log, n0 + 1,
		    "memblock: reserved is doubled to 256 at [0x000000003ffee000-0x000000003ffef7ff]");
	assert_line(&f->log, n0 + 2,
		    "memblock_reserve: [0x000000003ffee000-0x000000003ffeffff] memblock_double_array");
	/* the array and the new range touch and merge */
	assert_int_equal(f->mb.reserved.cnt, 129);
	assert_region(&f->mb.reserved, 128, 0x3ffee000, 0x12000, MAX_NUMNODES, 0);
	assert_int_equal(f->mb.reserved.total_size, 128 * 0x1000 + 0x12000);
}

/* A second doubling finds room while the old array is still reserved,
 * then frees the old array and reserves the new one. */
static void
test_reserved_second_doubling_frees_old_array(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_add(&f->mb, 0x0, 0x40000000, NULL);
	memblock_allow_resize(&f->mb);
	fill_reserved(&f->mb);
	memblock_reserve(&f->mb, 0x200000, 0x1000, NULL);
	for (uint64_t i = 0; i < 126; i++)
		memblock_reserve(&f->mb, 0x300000 + i * 0x2000, 0x1000, NULL);
	assert_int_equal(f->mb.reserved.cnt, 256);
	n0 = f->log.nr;
	assert_int_equal(memblock_reserve(&f->mb, 0x600000, 0x1000, "test_caller"), 0);
	assert_int_equal(f->log.nr, n0 + 4);
	/* 512 * 24 bytes = 0x3000, right below the old array */
	assert_line(&f->log, n0 + 1,
		    "memblock: reserved is doubled to 512 at [0x000000003fffb000-0x000000003fffdfff]");
	assert_line(&f->log, n0 + 2,
		    "memblock_phys_free: [0x000000003fffe000-0x000000003fffffff] memblock_double_array");
	assert_line(&f->log, n0 + 3,
		    "memblock_reserve: [0x000000003fffb000-0x000000003fffdfff] memblock_double_array");
	assert_int_equal(f->mb.reserved.max, 512);
	assert_int_equal(f->mb.reserved.cnt, 257);
	assert_int_equal(f->mb.reserved.array_base, 0x3fffb000);
	assert_region(&f->mb.reserved, 256, 0x3fffb000, 0x3000, MAX_NUMNODES, 0);
}

/* Doubling memory excludes nothing: the array goes to the top free page
 * pair of the memory known so far. */
static void
test_memory_doubles_without_exclusion(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_allow_resize(&f->mb);
	for (uint64_t i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_add(&f->mb, i * 0x10000, 0x8000, NULL);
	assert_int_equal(f->mb.memory.cnt, INIT_MEMBLOCK_REGIONS);
	n0 = f->log.nr;
	assert_int_equal(memblock_add(&f->mb, 0x1000000, 0x8000, NULL), 0);
	assert_int_equal(f->log.nr, n0 + 3);
	assert_line(&f->log, n0 + 1,
		    "memblock: memory is doubled to 256 at [0x00000000007f6000-0x00000000007f77ff]");
	assert_line(&f->log, n0 + 2,
		    "memblock_reserve: [0x00000000007f6000-0x00000000007f7fff] memblock_double_array");
	assert_int_equal(f->mb.memory.max, 256);
	assert_int_equal(f->mb.memory.cnt, 129);
	assert_int_equal(f->mb.reserved.cnt, 1);
	assert_region(&f->mb.reserved, 0, 0x7f6000, 0x2000, MAX_NUMNODES, 0);
}

static void
test_doubling_refused_before_allow_resize(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_add(&f->mb, 0x0, 0x40000000, NULL);
	fill_reserved(&f->mb);
	n0 = f->log.nr;
	assert_int_equal(memblock_reserve(&f->mb, 0x200000, 0x1000, NULL), -1);
	assert_int_equal(f->log.nr, n0 + 1);
	assert_int_equal(f->mb.reserved.cnt, INIT_MEMBLOCK_REGIONS);
	assert_int_equal(f->mb.reserved.max, INIT_MEMBLOCK_REGIONS);
}

/* ------------------------------------------------------------ lines */

static void
test_debug_lines_for_add_remove_free_add_node(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x100000, 0x100000, "test_caller");
	memblock_remove(&f->mb, 0x180000, 0x1000, "test_caller");
	memblock_reserve(&f->mb, 0x1000, 0x1000, "test_caller");
	memblock_phys_free(&f->mb, 0x1000, 0x1000, "test_caller");
	memblock_add_node(&f->mb, 0x0, 0x1000, 1, MEMBLOCK_HOTPLUG, "test_caller");
	memblock_add_node(&f->mb, 0x1000, 0x1000, 2, MEMBLOCK_NONE, "test_caller");
	assert_int_equal(f->log.nr, 6);
	assert_line(&f->log, 0, "memblock_add: [0x0000000000100000-0x00000000001fffff] test_caller");
	assert_line(&f->log, 1, "memblock_remove: [0x0000000000180000-0x0000000000180fff] test_caller");
	assert_line(&f->log, 2, "memblock_reserve: [0x0000000000001000-0x0000000000001fff] test_caller");
	assert_line(&f->log, 3, "memblock_phys_free: [0x0000000000001000-0x0000000000001fff] test_caller");
	assert_line(&f->log, 4,
		    "memblock_add_node: [0x0000000000000000-0x0000000000000fff] nid=1 flags=1 test_caller");
	assert_line(&f->log, 5,
		    "memblock_add_node: [0x0000000000001000-0x0000000000001fff] nid=2 flags=0 test_caller");
}

static void
test_no_lines_without_memblock_debug(void **state)
{
	struct fixture *f = *state;

	f->log.memblock_debug = 0;
	memblock_add(&f->mb, 0x100000, 0x100000, NULL);
	memblock_reserve(&f->mb, 0x100000, 0x1000, NULL);
	memblock_phys_alloc_range(&f->mb, 0x1000, 0x1000, 0, MEMBLOCK_ALLOC_ANYWHERE, NULL);
	memblock_dump_all(&f->mb);
	assert_int_equal(f->log.nr, 0);
}

static void
test_dump_all_with_nodes(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_add_node(&f->mb, 0x1000, 0x9e000, 0, MEMBLOCK_NONE, NULL);
	memblock_add_node(&f->mb, 0x100000, 0x3fedf000, 0, MEMBLOCK_NONE, NULL);
	memblock_reserve(&f->mb, 0x0, 0x100000, NULL);
	n0 = f->log.nr;
	memblock_dump_all(&f->mb);
	assert_int_equal(f->log.nr, n0 + 7);
	assert_line(&f->log, n0, "MEMBLOCK configuration:");
	assert_line(&f->log, n0 + 1,
		    " memory size = 0x000000003ff7d000 reserved size = 0x0000000000100000");
	assert_line(&f->log, n0 + 2, " memory.cnt  = 0x2");
	assert_line(&f->log, n0 + 3,
		    " memory[0x0]\t[0x0000000000001000-0x000000000009efff], 0x000000000009e000 bytes on node 0 flags: 0x0");
	assert_line(&f->log, n0 + 4,
		    " memory[0x1]\t[0x0000000000100000-0x000000003ffdefff], 0x000000003fedf000 bytes on node 0 flags: 0x0");
	assert_line(&f->log, n0 + 5, " reserved.cnt  = 0x1");
	assert_line(&f->log, n0 + 6,
		    " reserved[0x0]\t[0x0000000000000000-0x00000000000fffff], 0x0000000000100000 bytes flags: 0x0");
}

static void
test_dump_empty_reserved_dummy_line(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_add_node(&f->mb, 0x1000, 0x1000, 3, MEMBLOCK_HOTPLUG, NULL);
	n0 = f->log.nr;
	memblock_dump_all(&f->mb);
	assert_line(&f->log, n0 + 3,
		    " memory[0x0]\t[0x0000000000001000-0x0000000000001fff], 0x0000000000001000 bytes on node 3 flags: 0x1");
	assert_line(&f->log, n0 + 5,
		    " reserved[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes flags: 0x0");
}

static void
test_dump_without_numa_has_no_node(void **state)
{
	struct memblock mb;
	struct klog log;

	(void)state;
	klog_init(&log);
	log.memblock_debug = 1;
	memblock_init(&mb, 1, false, &log);
	memblock_add_node(&mb, 0x1000, 0x1000, 0, MEMBLOCK_NONE, NULL);
	memblock_dump_all(&mb);
	assert_line(&log, log.nr - 3,
		    " memory[0x0]\t[0x0000000000001000-0x0000000000001fff], 0x0000000000001000 bytes flags: 0x0");
	memblock_release(&mb);
	klog_release(&log);
}

/* ------------------------------------------------------------ queries */

static void
test_dram_bounds_search_and_overlaps(void **state)
{
	struct fixture *f = *state;

	small_machine(&f->mb);
	assert_int_equal(memblock_start_of_dram(&f->mb), 0x0);
	assert_int_equal(memblock_end_of_dram(&f->mb), 0x8000000);
	assert_int_equal(memblock_phys_mem_size(&f->mb), 0x9f000 + 0x7f00000);
	assert_int_equal(memblock_search(&f->mb.memory, 0x9efff), 0);
	assert_int_equal(memblock_search(&f->mb.memory, 0x9f000), -1);
	assert_int_equal(memblock_search(&f->mb.memory, 0x7ffffff), 1);
	assert_true(memblock_overlaps(&f->mb.reserved, 0x7e00000, 0x100001));
	assert_false(memblock_overlaps(&f->mb.reserved, 0x7e00000, 0x100000));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, memblock_fixture_setup, \
						   memblock_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_add_merges_touching_regions),
		T(test_add_node_different_nid_or_flags_not_merged),
		T(test_add_overlap_inserts_only_uncovered_parts),
		T(test_reserve_overlapping_is_unioned),
		T(test_add_zero_size_is_noop),
		T(test_remove_middle_splits_region),
		T(test_remove_across_regions_trims_both),
		T(test_phys_free_splits_reserved),
		T(test_remove_everything_leaves_empty_dummy),
		T(test_set_node_splits_then_merges),
		T(test_mark_and_clear_hotplug),
		T(test_trim_memory_keeps_total_size_of_kept_regions),
		T(test_trim_memory_removing_only_region_leaves_dummy),
		T(test_reserved_doubles_at_top_of_memory),
		T(test_reserved_doubling_excludes_range_being_added),
		T(test_reserved_second_doubling_frees_old_array),
		T(test_memory_doubles_without_exclusion),
		T(test_doubling_refused_before_allow_resize),
		T(test_debug_lines_for_add_remove_free_add_node),
		T(test_no_lines_without_memblock_debug),
		T(test_dump_all_with_nodes),
		T(test_dump_empty_reserved_dummy_line),
		cmocka_unit_test(test_dump_without_numa_has_no_node),
		T(test_dram_bounds_search_and_overlaps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
