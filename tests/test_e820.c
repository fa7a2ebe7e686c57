/*
 * test_e820.c - the e820 module's sanitiser and reports against
 * hand-worked cases of the kernel's rules (arch/x86/kernel/e820.c in
 * Linux 6.1): the change-point sweep (highest type wins, equal neighbours
 * merge, PRAM and soft-reserved never merge, zero sizes vanish, fewer
 * than two entries or a wrapping entry leave the table untouched), the
 * table print, max_pfn, the type names and the lookups. Range add, update
 * and remove are tests/test_e820_range.c's.
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

#define MAX_ARCH_PFN_4L	0x400000000ull	/* 1 << (46 - 12) */

/* ------------------------------------------------------------ sanitise */

static void
test_update_table_higher_type_wins_overlap(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x10000, E820_TYPE_RAM);
	put(&f->t, 0x8000, 0x4000, E820_TYPE_RESERVED);
	put(&f->t, 0x100000, 0x100000, E820_TYPE_RESERVED);
	put(&f->t, 0x180000, 0x100000, E820_TYPE_ACPI);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 5);
	assert_entry(&f->t, 0, 0x0, 0x8000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x8000, 0x4000, E820_TYPE_RESERVED);
	assert_entry(&f->t, 2, 0xc000, 0x4000, E820_TYPE_RAM);
	assert_entry(&f->t, 3, 0x100000, 0x80000, E820_TYPE_RESERVED);
	assert_entry(&f->t, 4, 0x180000, 0x100000, E820_TYPE_ACPI);
}

static void
test_update_table_soft_reserved_beats_everything(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x3000, E820_TYPE_RESERVED_KERN);
	put(&f->t, 0x2000, 0x1000, E820_TYPE_SOFT_RESERVED);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 3);
	assert_entry(&f->t, 0, 0x1000, 0x1000, E820_TYPE_RESERVED_KERN);
	assert_entry(&f->t, 1, 0x2000, 0x1000, E820_TYPE_SOFT_RESERVED);
	assert_entry(&f->t, 2, 0x3000, 0x1000, E820_TYPE_RESERVED_KERN);
}

static void
test_update_table_sorts_unsorted_entries(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x100000, 0x100000, E820_TYPE_RAM);
	put(&f->t, 0x0, 0x9f000, E820_TYPE_RAM);
	put(&f->t, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 3);
	assert_entry(&f->t, 0, 0x0, 0x9f000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	assert_entry(&f->t, 2, 0x100000, 0x100000, E820_TYPE_RAM);
}

static void
test_update_table_merges_adjacent_equal_types(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x2000, E820_TYPE_RAM);
	put(&f->t, 0x0, 0x1000, E820_TYPE_RAM);
	put(&f->t, 0x3000, 0x1000, E820_TYPE_RAM);
	put(&f->t, 0x10000, 0x2000, E820_TYPE_RESERVED);
	put(&f->t, 0x11000, 0x2000, E820_TYPE_RESERVED);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x0, 0x4000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x10000, 0x3000, E820_TYPE_RESERVED);
}

static void
test_update_table_pram_adjacent_not_merged(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x1000, E820_TYPE_PRAM);
	put(&f->t, 0x1000, 0x1000, E820_TYPE_PRAM);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x0, 0x1000, E820_TYPE_PRAM);
	assert_entry(&f->t, 1, 0x1000, 0x1000, E820_TYPE_PRAM);
}

static void
test_update_table_soft_reserved_adjacent_not_merged(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x100000000ull, 0x40000000, E820_TYPE_SOFT_RESERVED);
	put(&f->t, 0x140000000ull, 0x40000000, E820_TYPE_SOFT_RESERVED);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x100000000ull, 0x40000000, E820_TYPE_SOFT_RESERVED);
	assert_entry(&f->t, 1, 0x140000000ull, 0x40000000, E820_TYPE_SOFT_RESERVED);
}

/* A no-merge type is cut at every change point, even one where a lower
 * type merely starts underneath it. */
static void
test_update_table_pram_split_where_ram_starts_below(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x2000, E820_TYPE_PRAM);
	put(&f->t, 0x1000, 0x2000, E820_TYPE_RAM);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 3);
	assert_entry(&f->t, 0, 0x0, 0x1000, E820_TYPE_PRAM);
	assert_entry(&f->t, 1, 0x1000, 0x1000, E820_TYPE_PRAM);
	assert_entry(&f->t, 2, 0x2000, 0x1000, E820_TYPE_RAM);
}

static void
test_update_table_drops_zero_size_entries(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x1000, E820_TYPE_RAM);
	put(&f->t, 0x5000, 0x0, E820_TYPE_RESERVED);
	put(&f->t, 0x2000, 0x1000, E820_TYPE_RAM);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 2);
	assert_entry(&f->t, 0, 0x0, 0x1000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x2000, 0x1000, E820_TYPE_RAM);
}

static void
test_update_table_all_zero_size_gives_empty_table(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x0, E820_TYPE_RAM);
	put(&f->t, 0x2000, 0x0, E820_TYPE_RAM);
	assert_int_equal(e820_update_table(&f->t), 0);
	assert_int_equal(f->t.nr_entries, 0);
}

static void
test_update_table_single_entry_untouched(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x5000, 0x0, E820_TYPE_RAM);
	assert_int_equal(e820_update_table(&f->t), -1);
	assert_int_equal(f->t.nr_entries, 1);
	assert_entry(&f->t, 0, 0x5000, 0x0, E820_TYPE_RAM);
}

static void
test_update_table_empty_returns_minus_one(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(e820_update_table(&f->t), -1);
	assert_int_equal(f->t.nr_entries, 0);
}

static void
test_update_table_wrapping_entry_leaves_table_unsorted(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x2000, 0x1000, E820_TYPE_RAM);
	put(&f->t, 0x0, 0x1000, E820_TYPE_RESERVED);
	put(&f->t, 0xfffffffffffff000ull, 0x2000, E820_TYPE_RAM);
	assert_int_equal(e820_update_table(&f->t), -1);
	assert_int_equal(f->t.nr_entries, 3);
	assert_entry(&f->t, 0, 0x2000, 0x1000, E820_TYPE_RAM);
	assert_entry(&f->t, 1, 0x0, 0x1000, E820_TYPE_RESERVED);
	assert_entry(&f->t, 2, 0xfffffffffffff000ull, 0x2000, E820_TYPE_RAM);
}

/* An entry ending exactly at 2^64 also wraps (addr + size == 0). */
static void
test_update_table_entry_ending_at_2_64_counts_as_wrap(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x1000, E820_TYPE_RAM);
	put(&f->t, 0xfffffffffffff000ull, 0x1000, E820_TYPE_RESERVED);
	put(&f->t, 0x0, 0x1000, E820_TYPE_RAM);
	assert_int_equal(e820_update_table(&f->t), -1);
	assert_entry(&f->t, 0, 0x1000, 0x1000, E820_TYPE_RAM);
	assert_entry(&f->t, 2, 0x0, 0x1000, E820_TYPE_RAM);
}

/* The output stops when it fills the table's capacity. */
static void
test_update_table_output_truncated_at_capacity(void **state)
{
	struct e820_table t;

	(void)state;
	e820_table_init(&t, 3);
	put(&t, 0x0, 0x6000, E820_TYPE_RAM);
	put(&t, 0x1000, 0x1000, E820_TYPE_RESERVED);
	put(&t, 0x3000, 0x1000, E820_TYPE_RESERVED);
	assert_int_equal(e820_update_table(&t), 0);
	assert_int_equal(t.nr_entries, 3);
	assert_entry(&t, 0, 0x0, 0x1000, E820_TYPE_RAM);
	assert_entry(&t, 1, 0x1000, 0x1000, E820_TYPE_RESERVED);
	assert_entry(&t, 2, 0x2000, 0x1000, E820_TYPE_RAM);
	e820_table_release(&t);
}

/* ------------------------------------------------------------ print */

static void
test_print_table_lines(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x9fc00, E820_TYPE_RAM);
	put(&f->t, 0x9fc00, 0x400, E820_TYPE_RESERVED);
	put(&f->t, 0x100000, 0x3fedf000, E820_TYPE_RAM);
	put(&f->t, 0x3ffdf000, 0x21000, E820_TYPE_ACPI);
	put(&f->t, 0xfeffc000, 0x4000, E820_TYPE_NVS);
	put(&f->t, 0x100000000ull, 0x40000000, E820_TYPE_PMEM);
	e820_print_table(&f->t, "BIOS-e820", &f->log);
	assert_int_equal(f->log.nr, 6);
	assert_int_equal(f->log.lines[0].level, KLOG_INFO);
	assert_line(&f->log, 0, "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable");
	assert_line(&f->log, 1, "BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved");
	assert_line(&f->log, 2, "BIOS-e820: [mem 0x0000000000100000-0x000000003ffdefff] usable");
	assert_line(&f->log, 3, "BIOS-e820: [mem 0x000000003ffdf000-0x000000003fffffff] ACPI data");
	assert_line(&f->log, 4, "BIOS-e820: [mem 0x00000000feffc000-0x00000000feffffff] ACPI NVS");
	assert_line(&f->log, 5,
		    "BIOS-e820: [mem 0x0000000100000000-0x000000013fffffff] persistent (type 7)");
}

static void
test_print_table_other_who(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x1000, E820_TYPE_RESERVED_KERN);
	e820_print_table(&f->t, "reserve setup_data", &f->log);
	assert_line(&f->log, 0,
		    "reserve setup_data: [mem 0x0000000000001000-0x0000000000001fff] usable");
}

/* ------------------------------------------------------------ max_pfn */

static void
test_end_of_ram_pfn_qemu_1g(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x9fc00, E820_TYPE_RAM);
	put(&f->t, 0x9fc00, 0x400, E820_TYPE_RESERVED);
	put(&f->t, 0x100000, 0x3fedf000, E820_TYPE_RAM);
	put(&f->t, 0xfffc0000, 0x40000, E820_TYPE_RESERVED);
	assert_int_equal(e820_end_of_ram_pfn(&f->t, MAX_ARCH_PFN_4L, MAX_ARCH_PFN_4L, "", &f->log),
			 0x3ffdf);
	assert_line(&f->log, 0, "last_pfn = 0x3ffdf max_arch_pfn = 0x400000000");
}

static void
test_end_of_ram_pfn_ignores_reserved_kern(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x1000, 0x9e000, E820_TYPE_RAM);
	put(&f->t, 0x100000, 0x100000, E820_TYPE_RESERVED_KERN);
	assert_int_equal(e820_end_of_ram_pfn(&f->t, MAX_ARCH_PFN_4L, MAX_ARCH_PFN_4L, "", &f->log),
			 0x9f);
}

static void
test_end_of_ram_pfn_floors_partial_page(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x100000, 0xfff, E820_TYPE_RAM);
	assert_int_equal(e820_end_of_ram_pfn(&f->t, MAX_ARCH_PFN_4L, MAX_ARCH_PFN_4L, "", &f->log),
			 0x100);
}

static void
test_end_of_ram_pfn_low_limit_skips_entries_above(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x9fc00, E820_TYPE_RAM);
	put(&f->t, 0x100000, 0xbfee0000, E820_TYPE_RAM);
	put(&f->t, 0x100000000ull, 0x140000000ull, E820_TYPE_RAM);
	assert_int_equal(e820_end_of_ram_pfn(&f->t, 0x100000, MAX_ARCH_PFN_4L, "", &f->log),
			 0xbffe0);
	assert_line(&f->log, 0, "last_pfn = 0xbffe0 max_arch_pfn = 0x400000000");
}

/* An entry crossing the limit sets last_pfn to the limit and stops. */
static void
test_end_of_ram_pfn_entry_crossing_limit_stops(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x80000000, 0x100000000ull, E820_TYPE_RAM);
	put(&f->t, 0x0, 0x1000, E820_TYPE_RAM);
	assert_int_equal(e820_end_of_ram_pfn(&f->t, 0x100000, MAX_ARCH_PFN_4L, "", &f->log),
			 0x100000);
	assert_line(&f->log, 0, "last_pfn = 0x100000 max_arch_pfn = 0x400000000");
}

static void
test_end_of_ram_pfn_clamped_to_max_arch_pfn(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x10000000, E820_TYPE_RAM);
	assert_int_equal(e820_end_of_ram_pfn(&f->t, UINT64_MAX, 0x1000, "", &f->log), 0x1000);
	assert_line(&f->log, 0, "last_pfn = 0x1000 max_arch_pfn = 0x1000");
}

static void
test_end_of_ram_pfn_no_ram_prints_zero(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x1000, E820_TYPE_RESERVED);
	assert_int_equal(e820_end_of_ram_pfn(&f->t, MAX_ARCH_PFN_4L, MAX_ARCH_PFN_4L, "", &f->log), 0);
	assert_line(&f->log, 0, "last_pfn = 0x0 max_arch_pfn = 0x400000000");
}

/* ------------------------------------------------------------ names */

static void
assert_type_name(uint32_t type, const char *expected)
{
	char buf[32];

	e820_type_name(type, buf, sizeof(buf));
	assert_string_equal(buf, expected);
}

static void
test_type_name_every_type(void **state)
{
	(void)state;
	assert_type_name(E820_TYPE_RAM, "usable");
	assert_type_name(E820_TYPE_RESERVED, "reserved");
	assert_type_name(E820_TYPE_ACPI, "ACPI data");
	assert_type_name(E820_TYPE_NVS, "ACPI NVS");
	assert_type_name(E820_TYPE_UNUSABLE, "unusable");
	assert_type_name(E820_TYPE_PMEM, "persistent (type 7)");
	assert_type_name(E820_TYPE_PRAM, "persistent (type 12)");
	assert_type_name(E820_TYPE_RESERVED_KERN, "usable");
	assert_type_name(E820_TYPE_SOFT_RESERVED, "soft reserved");
}

static void
test_type_name_unknown_numbers(void **state)
{
	(void)state;
	assert_type_name(0, "type 0");
	assert_type_name(6, "type 6");
	assert_type_name(9, "type 9");
	assert_type_name(13, "type 13");
	assert_type_name(0xf0000000u, "type 4026531840");
}

/* ------------------------------------------------------------ lookups */

static void
test_find_and_all_mapped(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x9f000, E820_TYPE_RAM);
	put(&f->t, 0x100000, 0x100000, E820_TYPE_RAM);
	put(&f->t, 0x200000, 0x100000, E820_TYPE_RAM);
	assert_int_equal(e820_find(&f->t, 0x9efff), 0);
	assert_int_equal(e820_find(&f->t, 0x9f000), -1);
	assert_int_equal(e820_find(&f->t, 0x200000), 2);
	/* the first entry ending above: in an entry, in a hole, past the end */
	assert_int_equal(e820_first_after(&f->t, 0x9efff), 0);
	assert_int_equal(e820_first_after(&f->t, 0x9f000), 1);
	assert_int_equal(e820_first_after(&f->t, 0x1fffff), 1);
	assert_int_equal(e820_first_after(&f->t, 0x200000), 2);
	assert_int_equal(e820_first_after(&f->t, 0x300000), 3);
	assert_true(e820_all_mapped(&f->t, 0x180000, 0x280000, E820_TYPE_RAM));
	assert_false(e820_all_mapped(&f->t, 0x90000, 0x110000, E820_TYPE_RAM));
	assert_false(e820_all_mapped(&f->t, 0x180000, 0x280000, E820_TYPE_RESERVED));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, e820_fixture_setup, e820_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_update_table_higher_type_wins_overlap),
		T(test_update_table_soft_reserved_beats_everything),
		T(test_update_table_sorts_unsorted_entries),
		T(test_update_table_merges_adjacent_equal_types),
		T(test_update_table_pram_adjacent_not_merged),
		T(test_update_table_soft_reserved_adjacent_not_merged),
		T(test_update_table_pram_split_where_ram_starts_below),
		T(test_update_table_drops_zero_size_entries),
		T(test_update_table_all_zero_size_gives_empty_table),
		T(test_update_table_single_entry_untouched),
		T(test_update_table_empty_returns_minus_one),
		T(test_update_table_wrapping_entry_leaves_table_unsorted),
		T(test_update_table_entry_ending_at_2_64_counts_as_wrap),
		cmocka_unit_test(test_update_table_output_truncated_at_capacity),
		T(test_print_table_lines),
		T(test_print_table_other_who),
		T(test_end_of_ram_pfn_qemu_1g),
		T(test_end_of_ram_pfn_ignores_reserved_kern),
		T(test_end_of_ram_pfn_floors_partial_page),
		T(test_end_of_ram_pfn_low_limit_skips_entries_above),
		T(test_end_of_ram_pfn_entry_crossing_limit_stops),
		T(test_end_of_ram_pfn_clamped_to_max_arch_pfn),
		T(test_end_of_ram_pfn_no_ram_prints_zero),
		cmocka_unit_test(test_type_name_every_type),
		cmocka_unit_test(test_type_name_unknown_numbers),
		T(test_find_and_all_mapped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
