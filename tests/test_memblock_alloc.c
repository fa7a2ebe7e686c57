/*
 * test_memblock_alloc.c - src/memblock_alloc.c against hand-worked cases
 * of mm/memblock.c (Linux 6.1): memblock_find_in_range_node() top-down
 * and bottom-up with alignment, the page-0 rule and current_limit; the
 * allocation families with their memblock=debug lines, node filtering
 * and fallback, and the virtual allocations' clamping and retry; the
 * free-range iterator with its node and NOMAP filters.
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

/* Two nodes of 512 MiB each. */
static void
two_nodes(struct memblock *mb)
{
	memblock_add_node(mb, 0x0, 0x20000000, 0, MEMBLOCK_NONE, NULL);
	memblock_add_node(mb, 0x20000000, 0x20000000, 1, MEMBLOCK_NONE, NULL);
}

/* ------------------------------------------------------------ find */

static void
test_find_top_down_with_alignment(void **state)
{
	struct fixture *f = *state;

	small_machine(&f->mb);
	/* highest free range [1M, 0x7f00000): round_down(0x7efd000, 64K) */
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x3000, 0x10000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0),
			 0x7ef0000);
}

static void
test_find_top_down_skips_range_too_small_after_alignment(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x100000, 0x100000, NULL);
	memblock_add(&f->mb, 0x300000, 0x1800, NULL);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x1000, 0x2000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0),
			 0x300000);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x2000, 0x1000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0),
			 0x1fe000);
}

static void
test_find_never_returns_page_zero(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x0, 0x2000, NULL);
	memblock_reserve(&f->mb, 0x1000, 0x1000, NULL);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x1000, 0x1000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0), 0);
	memblock_set_bottom_up(&f->mb, true);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x1000, 0x1000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0), 0);
}

static void
test_find_bottom_up_start_raised_to_page_size(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x0, 0x3000, NULL);
	memblock_set_bottom_up(&f->mb, true);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x1000, 0x1000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0),
			 0x1000);
}

static void
test_find_accessible_end_is_current_limit(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x100000, 0x3ff00000, NULL);
	memblock_set_current_limit(&f->mb, 0x1000000);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x1000, 0x1000, 0,
						     MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE, 0),
			 0xfff000);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x1000, 0x1000, 0,
						     MEMBLOCK_ALLOC_NOLEAKTRACE, NUMA_NO_NODE, 0),
			 0xfff000);
	/* an explicit end is not clamped to the limit */
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x1000, 0x1000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0),
			 0x3ffff000);
}

static void
test_find_end_below_start_finds_nothing(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x100000, 0x3ff00000, NULL);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x1000, 0x1000, 0x2000000,
						     0x1000000, NUMA_NO_NODE, 0), 0);
}

static void
test_find_bottom_up_with_alignment(void **state)
{
	struct fixture *f = *state;

	small_machine(&f->mb);
	memblock_reserve(&f->mb, 0x0, 0x11000, NULL);
	memblock_set_bottom_up(&f->mb, true);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x2000, 0x4000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0),
			 0x14000);
	/* [0x9e000, 0x9f000) is too small: the next range's start */
	memblock_reserve(&f->mb, 0x0, 0x9e000, NULL);
	assert_int_equal(memblock_find_in_range_node(&f->mb, 0x2000, 0x4000, 0,
						     MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, 0),
			 0x100000);
}

/* ------------------------------------------------------------ alloc */

static void
test_phys_alloc_range_lines_and_reservation(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	small_machine(&f->mb);
	n0 = f->log.nr;
	assert_int_equal(memblock_phys_alloc_range(&f->mb, 0x3000, 0x10000, 0, 0x1000000,
						   "test_caller"), 0xff0000);
	assert_int_equal(f->log.nr, n0 + 2);
	assert_int_equal(f->log.lines[n0].level, KLOG_MEMBLOCK);
	assert_line(&f->log, n0,
		    "memblock_phys_alloc_range: 12288 bytes align=0x10000 from=0x0000000000000000 max_addr=0x0000000001000000 test_caller");
	assert_line(&f->log, n0 + 1,
		    "memblock_reserve: [0x0000000000ff0000-0x0000000000ff2fff] memblock_alloc_range_nid");
	assert_int_equal(f->mb.reserved.cnt, 2);
	assert_region(&f->mb.reserved, 0, 0xff0000, 0x3000, MAX_NUMNODES, 0);
}

static void
test_alloc_zero_align_means_cache_line(void **state)
{
	struct fixture *f = *state;

	memblock_add(&f->mb, 0x100000, 0x100000, NULL);
	/* round_down(0x200000 - 100, 64) */
	assert_int_equal(memblock_alloc_range_nid(&f->mb, 100, 0, 0, MEMBLOCK_ALLOC_ANYWHERE,
						  NUMA_NO_NODE, false), 0x1fff80);
}

static void
test_alloc_try_nid_takes_top_of_node(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	two_nodes(&f->mb);
	n0 = f->log.nr;
	assert_int_equal(memblock_phys_alloc_try_nid(&f->mb, 0x2000, 0x1000, 0), 0x1fffe000);
	/* memblock_phys_alloc_try_nid prints nothing of its own */
	assert_int_equal(f->log.nr, n0 + 1);
	assert_line(&f->log, n0,
		    "memblock_reserve: [0x000000001fffe000-0x000000001fffffff] memblock_alloc_range_nid");
	assert_int_equal(memblock_phys_alloc_try_nid(&f->mb, 0x2000, 0x1000, 1), 0x3fffe000);
}

static void
test_alloc_try_nid_falls_back_to_any_node(void **state)
{
	struct fixture *f = *state;

	two_nodes(&f->mb);
	memblock_reserve(&f->mb, 0x1ffff000, 0x1000, NULL);
	memblock_reserve(&f->mb, 0x20000000, 0x20000000, NULL);
	assert_int_equal(memblock_phys_alloc_try_nid(&f->mb, 0x2000, 0x1000, 1), 0x1fffd000);
}

static void
test_alloc_exact_nid_does_not_fall_back(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	two_nodes(&f->mb);
	memblock_reserve(&f->mb, 0x20000000, 0x20000000, NULL);
	n0 = f->log.nr;
	assert_int_equal(memblock_alloc_range_nid(&f->mb, 0x2000, 0x1000, 0,
						  MEMBLOCK_ALLOC_ACCESSIBLE, 1, true), 0);
	assert_int_equal(f->log.nr, n0);
	assert_int_equal(f->mb.reserved.cnt, 1);
}

static void
test_alloc_virt_clamps_max_addr_to_current_limit(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_add(&f->mb, 0x100000, 0x3ff00000, NULL);
	memblock_set_current_limit(&f->mb, 0x1000000);
	n0 = f->log.nr;
	assert_int_equal(memblock_alloc_virt(&f->mb, "memblock_alloc_try_nid", 0x1000, 0x1000,
					     0, MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE, false,
					     "test_caller"), 0xfff000);
	assert_int_equal(f->log.nr, n0 + 2);
	assert_line(&f->log, n0,
		    "memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0xffffffffffffffff test_caller");
	assert_line(&f->log, n0 + 1,
		    "memblock_reserve: [0x0000000000fff000-0x0000000000ffffff] memblock_alloc_range_nid");
}

/* The retry without min_addr prints no second line of its own. */
static void
test_alloc_virt_retries_without_min_addr(void **state)
{
	struct fixture *f = *state;
	size_t n0;

	memblock_add(&f->mb, 0x100000, 0x1f00000, NULL);
	n0 = f->log.nr;
	assert_int_equal(memblock_alloc_virt(&f->mb, "memblock_alloc_try_nid_raw", 0x1000,
					     0x1000, 0x4000000, MEMBLOCK_ALLOC_ACCESSIBLE, 0,
					     false, "test_caller"), 0x1fff000);
	assert_int_equal(f->log.nr, n0 + 2);
	assert_line(&f->log, n0,
		    "memblock_alloc_try_nid_raw: 4096 bytes align=0x1000 nid=0 from=0x0000000004000000 max_addr=0x0000000000000000 test_caller");
	assert_line(&f->log, n0 + 1,
		    "memblock_reserve: [0x0000000001fff000-0x0000000001ffffff] memblock_alloc_range_nid");
}

/* ------------------------------------------------------------ iterate */

struct range_nid {
	uint64_t start, end;
	int nid;
};

static size_t
collect_free(const struct memblock *mb, int nid, uint32_t flags, struct range_nid *out,
	     size_t max)
{
	uint64_t idx = 0, s, e;
	int n;
	size_t nr = 0;

	while (memblock_next_free_range(mb, &idx, nid, flags, &s, &e, &n)) {
		assert_true(nr < max);
		out[nr++] = (struct range_nid){ s, e, n };
	}
	return nr;
}

static void
free_range_layout(struct memblock *mb)
{
	memblock_add_node(mb, 0x1000, 0x9e000, 0, MEMBLOCK_NONE, NULL);
	memblock_add_node(mb, 0x100000, 0xf00000, 1, MEMBLOCK_NONE, NULL);
	memblock_add_node(mb, 0x2000000, 0x1000000, 1, MEMBLOCK_NOMAP, NULL);
	memblock_reserve(mb, 0x0, 0x2000, NULL);
	memblock_reserve(mb, 0x50000, 0x10000, NULL);
	memblock_reserve(mb, 0x9e000, 0x72000, NULL);
}

static void
test_next_free_range_memory_minus_reserved(void **state)
{
	struct fixture *f = *state;
	struct range_nid r[8];

	free_range_layout(&f->mb);
	assert_int_equal(collect_free(&f->mb, NUMA_NO_NODE, MEMBLOCK_NONE, r, 8), 3);
	assert_int_equal(r[0].start, 0x2000);
	assert_int_equal(r[0].end, 0x50000);
	assert_int_equal(r[0].nid, 0);
	assert_int_equal(r[1].start, 0x60000);
	assert_int_equal(r[1].end, 0x9e000);
	assert_int_equal(r[1].nid, 0);
	assert_int_equal(r[2].start, 0x110000);
	assert_int_equal(r[2].end, 0x1000000);
	assert_int_equal(r[2].nid, 1);
}

static void
test_next_free_range_node_and_nomap_filters(void **state)
{
	struct fixture *f = *state;
	struct range_nid r[8];

	free_range_layout(&f->mb);
	assert_int_equal(collect_free(&f->mb, 1, MEMBLOCK_NONE, r, 8), 1);
	assert_int_equal(r[0].start, 0x110000);
	assert_int_equal(r[0].end, 0x1000000);
	assert_int_equal(collect_free(&f->mb, 1, MEMBLOCK_NOMAP, r, 8), 2);
	assert_int_equal(r[1].start, 0x2000000);
	assert_int_equal(r[1].end, 0x3000000);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, memblock_fixture_setup, \
						   memblock_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_find_top_down_with_alignment),
		T(test_find_top_down_skips_range_too_small_after_alignment),
		T(test_find_never_returns_page_zero),
		T(test_find_bottom_up_start_raised_to_page_size),
		T(test_find_accessible_end_is_current_limit),
		T(test_find_end_below_start_finds_nothing),
		T(test_find_bottom_up_with_alignment),
		T(test_phys_alloc_range_lines_and_reservation),
		T(test_alloc_zero_align_means_cache_line),
		T(test_alloc_try_nid_takes_top_of_node),
		T(test_alloc_try_nid_falls_back_to_any_node),
		T(test_alloc_exact_nid_does_not_fall_back),
		T(test_alloc_virt_clamps_max_addr_to_current_limit),
		T(test_alloc_virt_retries_without_min_addr),
		T(test_next_free_range_memory_minus_reserved),
		T(test_next_free_range_node_and_nomap_filters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
