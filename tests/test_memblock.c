/*
 * test_memblock.c - the memblock module against hand-worked cases of
 * mm/memblock.c (Linux 6.1): adding (merging only touching regions of the
 * same node and flags, inserting only uncovered parts), isolation-based
 * remove/free/set_node/flags, the empty dummy region, trimming that keeps
 * total_size, allocation top-down and bottom-up with alignment, the
 * page-0 rule, current_limit, node filtering and fallback, the virtual
 * allocation family, array doubling and the memblock=debug lines and dump.
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

#define MAX_NUMNODES	1024	/* NODES_SHIFT 10 */

struct fixture {
	struct memblock mb;
	struct klog log;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	klog_init(&f->log);
	f->log.memblock_debug = 1;
	memblock_init(&f->mb, MAX_NUMNODES, true, &f->log);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	memblock_release(&f->mb);
	klog_release(&f->log);
	free(f);
	return 0;
}

static void
assert_region(const struct memblock_type *t, size_t i, uint64_t base, uint64_t size,
	      int nid, uint32_t flags)
{
	assert_true(i < t->cnt);
	assert_int_equal(t->regions[i].base, base);
	assert_int_equal(t->regions[i].size, size);
	assert_int_equal(t->regions[i].nid, nid);
	assert_int_equal(t->regions[i].flags, flags);
}

static void
assert_line(const struct klog *log, size_t i, const char *text)
{
	assert_true(i < log->nr);
	assert_string_equal(log->lines[i].text, text);
}

/* Memory [0, 0x9f000) and [1 MiB, 128 MiB) with the top MiB reserved. */
static void
small_machine(struct memblock *mb)
{
	memblock_add(mb, 0x0, 0x9f000, NULL);
	memblock_add(mb, 0x100000, 0x7f00000, NULL);
	memblock_reserve(mb, 0x7f00000, 0x100000, NULL);
}

/* Two nodes of 512 MiB each. */
static void
two_nodes(struct memblock *mb)
{
	memblock_add_node(mb, 0x0, 0x20000000, 0, MEMBLOCK_NONE, NULL);
	memblock_add_node(mb, 0x20000000, 0x20000000, 1, MEMBLOCK_NONE, NULL);
}

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

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

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
		T(test_next_free_range_memory_minus_reserved),
		T(test_next_free_range_node_and_nomap_filters),
		T(test_dram_bounds_search_and_overlaps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
