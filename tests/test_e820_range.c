/*
 * test_e820_range.c - the e820 module's range edits against hand-worked
 * cases of arch/x86/kernel/e820.c (Linux 6.1): e820__range_add() on a
 * full table, e820__range_update() and e820__range_remove() editing
 * entries in place and appending the split-off pieces, and the lines
 * each prints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "e820.h"
#include "e820_fixture.h"
#include "klog.h"
#include "machine.h"

/* ------------------------------------------------------------ add */

static void
test_range_add_full_table_prints_too_many(void **state)
{
	struct e820_table t;
	struct klog log;

	(void)state;
	klog_init(&log);
	e820_table_init(&t, 2);
	e820_range_add(&t, 0x0, 0x1000, E820_TYPE_RAM, &log);
	e820_range_add(&t, 0x1000, 0x1000, E820_TYPE_RAM, &log);
	assert_int_equal(log.nr, 0);
	e820_range_add(&t, 0x100000, 0x100000, E820_TYPE_RAM, &log);
	assert_int_equal(t.nr_entries, 2);
	assert_int_equal(log.nr, 1);
	assert_line(&log, 0, "too many entries; ignoring [mem 0x00100000-0x001fffff]");
	e820_table_release(&t);
	klog_release(&log);
}

/* ------------------------------------------------------------ update */

static void
test_range_update_fully_inside_retypes(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x1000, E820_TYPE_RAM);
	put(&f->t, 0x2000, 0x1000, E820_TYPE_RESERVED);
	assert_int_equal(e820_range_update(&f->t, 0x0, 0x10000, E820_TYPE_RAM,
					   E820_TYPE_RESERVED_KERN, &f->log), 0x1000);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x1000, 0x1000, E820_TYPE_RESERVED_KERN);
	assert_entry(&f->t, 1, 0x2000, 0x1000, E820_TYPE_RESERVED);
	assert_int_equal(f->log.nr, 1);
	assert_int_equal(f->log.lines[0].level, KLOG_DEBUG);
	assert_line(&f->log, 0, "e820: update [mem 0x00000000-0x0000ffff] usable ==> usable");
}

static void
test_range_update_strictly_containing_appends_split(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x100000, E820_TYPE_RAM);
	put(&f->t, 0x100000, 0x1000, E820_TYPE_RESERVED);
	assert_int_equal(e820_range_update(&f->t, 0x10000, 0x2000, E820_TYPE_RAM,
					   E820_TYPE_RESERVED, &f->log), 0x2000);
	assert_int_equal(f->t.nr_entries, 4);
	assert_entry(&f->t, 0, 0x0, 0x10000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x100000, 0x1000, E820_TYPE_RESERVED);
	assert_entry(&f->t, 2, 0x10000, 0x2000, E820_TYPE_RESERVED);
	assert_entry(&f->t, 3, 0x12000, 0xee000, E820_TYPE_RAM);
	assert_line(&f->log, 0, "e820: update [mem 0x00010000-0x00011fff] usable ==> reserved");
}

/* trim_bios_range's first call: page 0 of [0, 0x9f000). */
static void
test_range_update_partial_head_moves_entry_start(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x9f000, E820_TYPE_RAM);
	assert_int_equal(e820_range_update(&f->t, 0x0, 0x1000, E820_TYPE_RAM,
					   E820_TYPE_RESERVED, &f->log), 0x1000);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x1000, 0x9e000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x0, 0x1000, E820_TYPE_RESERVED);
	assert_line(&f->log, 0, "e820: update [mem 0x00000000-0x00000fff] usable ==> reserved");
}

static void
test_range_update_partial_tail_shrinks_entry(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x10000, E820_TYPE_RAM);
	assert_int_equal(e820_range_update(&f->t, 0x8000, 0x10000, E820_TYPE_RAM,
					   E820_TYPE_RESERVED, &f->log), 0x8000);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x0, 0x8000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x8000, 0x8000, E820_TYPE_RESERVED);
	assert_line(&f->log, 0, "e820: update [mem 0x00008000-0x00017fff] usable ==> reserved");
}

static void
test_range_update_no_match_still_prints(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x100000000ull, 0x1000, E820_TYPE_RESERVED);
	assert_int_equal(e820_range_update(&f->t, 0x100000000ull, 0x1000, E820_TYPE_RAM,
					   E820_TYPE_UNUSABLE, &f->log), 0);
	assert_entry(&f->t, 0, 0x100000000ull, 0x1000, E820_TYPE_RESERVED);
	assert_int_equal(f->log.nr, 1);
	assert_line(&f->log, 0, "e820: update [mem 0x100000000-0x100000fff] usable ==> unusable");
}

static void
test_range_update_clamps_size_at_address_space_end(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x3000, E820_TYPE_RAM);
	assert_int_equal(e820_range_update(&f->t, 0x1000, UINT64_MAX, E820_TYPE_RAM,
					   E820_TYPE_PMEM, &f->log), 0x2000);
	assert_entry(&f->t, 0, 0x0, 0x1000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x1000, 0x2000, E820_TYPE_PMEM);
	assert_line(&f->log, 0,
		    "e820: update [mem 0x00001000-0xfffffffffffffffe] usable ==> persistent (type 7)");
}

/* ------------------------------------------------------------ remove */

static void
test_range_remove_checked_no_overlap_prints_type(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x9f000, E820_TYPE_RAM);
	put(&f->t, 0x9f000, 0x1000, E820_TYPE_RESERVED);
	put(&f->t, 0x100000, 0x100000, E820_TYPE_RAM);
	assert_int_equal(e820_range_remove(&f->t, 0xa0000, 0x60000, E820_TYPE_RAM, true,
					   &f->log), 0);
	assert_int_equal(f->t.nr_entries, 3);
	assert_entry(&f->t, 2, 0x100000, 0x100000, E820_TYPE_RAM);
	assert_int_equal(f->log.lines[0].level, KLOG_DEBUG);
	assert_line(&f->log, 0, "e820: remove [mem 0x000a0000-0x000fffff] usable");
}

static void
test_range_remove_strictly_containing_appends_tail(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x200000, E820_TYPE_RAM);
	assert_int_equal(e820_range_remove(&f->t, 0xa0000, 0x60000, E820_TYPE_RAM, true,
					   &f->log), 0x60000);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x0, 0xa0000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x100000, 0x100000, E820_TYPE_RAM);
}

static void
test_range_remove_partial_head_and_tail(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x4000, E820_TYPE_RAM);
	put(&f->t, 0x8000, 0x4000, E820_TYPE_RAM);
	assert_int_equal(e820_range_remove(&f->t, 0x4000, 0x6000, E820_TYPE_RAM, true,
					   &f->log), 0x3000);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x1000, 0x3000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0xa000, 0x2000, E820_TYPE_RAM);
}

static void
test_range_remove_checked_skips_other_types(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x10000, E820_TYPE_RESERVED);
	put(&f->t, 0x10000, 0x10000, E820_TYPE_RAM);
	assert_int_equal(e820_range_remove(&f->t, 0x0, 0x20000, E820_TYPE_RAM, true,
					   &f->log), 0x10000);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x0, 0x10000, E820_TYPE_RESERVED);
	assert_entry(&f->t, 1, 0x0, 0x0, 0);
}

static void
test_range_remove_unchecked_zeroes_and_keeps_trailing_space(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x1000, E820_TYPE_RESERVED);
	put(&f->t, 0x3000, 0x1000, E820_TYPE_RAM);
	put(&f->t, 0x20000, 0x1000, E820_TYPE_RAM);
	assert_int_equal(e820_range_remove(&f->t, 0x0, 0x10000, E820_TYPE_RAM, false,
					   &f->log), 0x2000);
	assert_int_equal(f->t.nr_entries, 3);
	assert_entry(&f->t, 0, 0x0, 0x0, 0);
	assert_entry(&f->t, 1, 0x0, 0x0, 0);
	assert_line(&f->log, 0, "e820: remove [mem 0x00000000-0x0000ffff] ");
	/* the next sanitise drops the zeroed entries */
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 1);
	assert_entry(&f->t, 0, 0x20000, 0x1000, E820_TYPE_RAM);
}

/* parse_memopt(): remove(mem, ULLONG_MAX - mem) prints end - 1 with
 * end = ULLONG_MAX, i.e. ...fffe. */
static void
test_range_remove_mem_option_line(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x100000, 0x7ff00000, E820_TYPE_RAM);
	assert_int_equal(e820_range_remove(&f->t, 0x40000000, UINT64_MAX - 0x40000000,
					   E820_TYPE_RAM, true, &f->log), 0x40000000);
	assert_entry(&f->t, 0, 0x100000, 0x3ff00000, E820_TYPE_RAM);
	assert_line(&f->log, 0, "e820: remove [mem 0x40000000-0xfffffffffffffffe] usable");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, e820_fixture_setup, e820_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_add_full_table_prints_too_many),
		T(test_range_update_fully_inside_retypes),
		T(test_range_update_strictly_containing_appends_split),
		T(test_range_update_partial_head_moves_entry_start),
		T(test_range_update_partial_tail_shrinks_entry),
		T(test_range_update_no_match_still_prints),
		T(test_range_update_clamps_size_at_address_space_end),
		T(test_range_remove_checked_no_overlap_prints_type),
		T(test_range_remove_strictly_containing_appends_tail),
		T(test_range_remove_partial_head_and_tail),
		T(test_range_remove_checked_skips_other_types),
		T(test_range_remove_unchecked_zeroes_and_keeps_trailing_space),
		T(test_range_remove_mem_option_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
