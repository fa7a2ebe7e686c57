/*
 * test_e820_gap.c - e820_search_gap() on hand-made tables: the largest
 * hole below 4 GiB wins, a hole running past 4 GiB counts up to 4 GiB
 * only, holes under the 4 MiB minimum do not count, and of equal holes
 * 6.1's walk from the top keeps the lowest while 7.0's walk from the
 * bottom keeps the highest and also counts the hole below the first
 * entry (arch/x86/kernel/e820.c, e820__setup_pci_gap). Then whole boots:
 * the line as 6.1, 4.15 ("e820: ") and 7.x ("[gap") print it, and on
 * x86_64 without a hole the two errors and the 4 MiB above max_pfn (with
 * "e820: " on all three lines in 4.15).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "e820.h"
#include "e820_fixture.h"
#include "engine.h"
#include "machine.h"
#include "xalloc.h"

#define SZ_4M	0x400000ull

/* Search t both ways; what each finds, from the 4 MiB minimum. */
struct found {
	bool found;
	uint64_t start, size;
};

static struct found
search(const struct e820_table *t, bool forward)
{
	struct found r = { .start = 0xaeedbabe, .size = SZ_4M };

	r.found = e820_search_gap(t, forward, &r.start, &r.size);
	return r;
}

static void
assert_found(struct found r, uint64_t start, uint64_t size)
{
	assert_true(r.found);
	assert_int_equal(r.start, start);
	assert_int_equal(r.size, size);
}

static void
assert_none(struct found r)
{
	assert_false(r.found);
	assert_int_equal(r.start, 0xaeedbabe);
	assert_int_equal(r.size, SZ_4M);
}

/* A PC: the 1.5 GiB hole after RAM beats the 236 MiB one above the
 * MMCONFIG window and the 20 MiB under 4 GiB; RAM above 4 GiB and the
 * 324 KiB hole below 1 MiB play no part. */
static void
test_largest_hole_below_4g(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x9f000, E820_TYPE_RAM);
	put(&f->t, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	put(&f->t, 0x100000, 0x7ff00000, E820_TYPE_RAM);
	put(&f->t, 0xe0000000, 0x10000000, E820_TYPE_RESERVED);
	put(&f->t, 0xfec00000, 0x1000, E820_TYPE_RESERVED);
	put(&f->t, 0x100000000, 0x100000000, E820_TYPE_RAM);
	assert_found(search(&f->t, false), 0x80000000, 0x60000000);
	assert_found(search(&f->t, true), 0x80000000, 0x60000000);
}

/* The hole from the end of RAM to the next entry above 4 GiB counts up
 * to 4 GiB only. */
static void
test_hole_across_4g_cut_at_4g(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x100000, 0xeff00000, E820_TYPE_RAM);
	put(&f->t, 0x110000000, 0x10000000, E820_TYPE_RAM);
	assert_found(search(&f->t, false), 0xf0000000, 0x10000000);
	assert_found(search(&f->t, true), 0xf0000000, 0x10000000);
}

/* Two 256 MiB holes: from the top the lower is seen last and kept, from
 * the bottom the higher. */
static void
test_equal_holes(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x100000, 0xff00000, E820_TYPE_RAM);
	put(&f->t, 0x20000000, 0x10000000, E820_TYPE_RESERVED);
	put(&f->t, 0x40000000, 0xc0000000, E820_TYPE_RESERVED);
	assert_found(search(&f->t, false), 0x10000000, 0x10000000);
	assert_found(search(&f->t, true), 0x30000000, 0x10000000);
}

/* A hole of exactly 4 MiB is enough (the size compares with >=). */
static void
test_hole_of_exactly_4m(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0xffc00000, E820_TYPE_RAM);
	assert_found(search(&f->t, false), 0xffc00000, SZ_4M);
	assert_found(search(&f->t, true), 0xffc00000, SZ_4M);
}

/* Everything below 4 GiB but 1 MiB is mapped: no hole of 4 MiB. */
static void
test_no_hole(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x0, 0x9fc00, E820_TYPE_RAM);
	put(&f->t, 0x9fc00, 0x60400, E820_TYPE_RESERVED);
	put(&f->t, 0x100000, 0xffe00000, E820_TYPE_RAM);
	put(&f->t, 0x100000000, 0x40000000, E820_TYPE_RAM);
	assert_none(search(&f->t, false));
	assert_none(search(&f->t, true));
}

/* 8 MiB unmapped below the first entry: only the walk from the bottom
 * counts it. */
static void
test_hole_below_first_entry(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x800000, 0xff700000, E820_TYPE_RAM);
	assert_none(search(&f->t, false));
	assert_found(search(&f->t, true), 0x0, 0x800000);
}

/* Entries all above 4 GiB: all of the 4 GiB is the hole from the top;
 * from the bottom it is the hole before the first entry, cut at 4 GiB. */
static void
test_nothing_below_4g(void **state)
{
	struct fixture *f = *state;

	put(&f->t, 0x100000000, 0x100000000, E820_TYPE_RAM);
	put(&f->t, 0x200000000, 0x1000, E820_TYPE_RESERVED);
	assert_none(search(&f->t, false));
	assert_found(search(&f->t, true), 0x0, 0x100000000);
}

/* ------------------------------------------------------------ boots */

static void
add_e820(struct machine *m, uint64_t addr, uint64_t size, uint32_t type)
{
	m->e820 = xrealloc(m->e820, (m->nr_e820 + 1) * sizeof(m->e820[0]));
	m->e820[m->nr_e820++] = (struct machine_e820){ .addr = addr, .size = size, .type = type };
}

/* A SeaBIOS PC with RAM up to ram_end and the BIOS flash below 4 GiB,
 * booted as version; its log and steps in the engine. */
static struct engine *
boot_pc(uint64_t ram_end, const char *version)
{
	struct machine m;
	struct diag err;
	struct engine *e;

	machine_init_defaults(&m);
	free(m.kernel_version);
	m.kernel_version = xstrdup(version);
	add_e820(&m, 0x0, 0x9fc00, E820_TYPE_RAM);
	add_e820(&m, 0x9fc00, 0x400, E820_TYPE_RESERVED);
	add_e820(&m, 0xf0000, 0x10000, E820_TYPE_RESERVED);
	add_e820(&m, 0x100000, ram_end - 0x100000, E820_TYPE_RAM);
	add_e820(&m, 0xfffc0000, 0x40000, E820_TYPE_RESERVED);
	memset(&err, 0, sizeof(err));
	e = engine_new(&m, &err);
	if (!e)
		fail_msg("engine_new failed: %s", err.msg);
	machine_release(&m);
	return e;
}

/* Index of the line text in the log, or -1. */
static long
line_at(const struct klog *log, const char *text)
{
	for (size_t i = 0; i < log->nr; i++)
		if (strcmp(log->lines[i].text, text) == 0)
			return (long)i;
	return -1;
}

static bool
has_step(const struct engine *e, const char *function)
{
	for (size_t i = 0; i < engine_nr_steps(e); i++)
		if (strcmp(engine_step(e, i)->function, function) == 0)
			return true;
	return false;
}

static void
test_boot_prints_gap_per_version(void **state)
{
	static const struct {
		const char *version, *line;
	} cases[] = {
		{ "6.1", "[mem 0x40000000-0xfffbffff] available for PCI devices" },
		{ "4.15.0-29-generic", "e820: [mem 0x40000000-0xfffbffff] available for PCI devices" },
		{ "7.2", "[gap 0x40000000-0xfffbffff] available for PCI devices" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct engine *e = boot_pc(0x40000000, cases[i].version);
		const struct klog *log = engine_log(e);

		assert_true(line_at(log, cases[i].line) >= 0);
		assert_true(line_at(log, "Cannot find an available gap in the 32-bit address range") < 0);
		assert_true(has_step(e, "e820__setup_pci_gap"));
		engine_free(e);
	}
}

/* RAM up to 0xfff00000 and the flash above: 256 KiB free below 4 GiB.
 * max_pfn is 0xfff00, so the 4 MiB from 0xfff00000 + 1 MiB. */
static void
test_boot_without_hole(void **state)
{
	struct engine *e;
	const struct klog *log;
	long err1, err2, gap;

	(void)state;
	e = boot_pc(0xfff00000, "6.1");
	log = engine_log(e);
	err1 = line_at(log, "Cannot find an available gap in the 32-bit address range");
	err2 = line_at(log, "PCI devices with unassigned 32-bit BARs may not work!");
	gap = line_at(log, "[mem 0x100000000-0x1003fffff] available for PCI devices");
	assert_true(err1 >= 0);
	assert_int_equal(err2, err1 + 1);
	assert_int_equal(gap, err2 + 1);
	engine_free(e);

	e = boot_pc(0xfff00000, "4.15.0-29-generic");
	log = engine_log(e);
	err1 = line_at(log, "e820: Cannot find an available gap in the 32-bit address range");
	err2 = line_at(log, "e820: PCI devices with unassigned 32-bit BARs may not work!");
	gap = line_at(log, "e820: [mem 0x100000000-0x1003fffff] available for PCI devices");
	assert_true(err1 >= 0);
	assert_int_equal(err2, err1 + 1);
	assert_int_equal(gap, err2 + 1);
	engine_free(e);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, e820_fixture_setup, e820_fixture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_largest_hole_below_4g),
		T(test_hole_across_4g_cut_at_4g),
		T(test_equal_holes),
		T(test_hole_of_exactly_4m),
		T(test_no_hole),
		T(test_hole_below_first_entry),
		T(test_nothing_below_4g),
		cmocka_unit_test(test_boot_prints_gap_per_version),
		cmocka_unit_test(test_boot_without_hole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
