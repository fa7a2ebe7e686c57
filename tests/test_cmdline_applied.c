/*
 * test_cmdline_applied.c - the command line's memory options applied in
 * a whole boot of machines/default.xml (src/boot_setup.c's e820 edits,
 * numa=off's fake node, what the malformed forms print), the "user:"
 * table worked out by hand from the firmware map:
 *
 *   [0x0-0x9fbff] usable          [0x7ffe0000-0x7fffffff] reserved
 *   [0x9fc00-0x9ffff] reserved    [0xfffc0000-0xffffffff] reserved
 *   [0xf0000-0xfffff] reserved    [0xfd00000000-0xffffffffff] reserved
 *   [0x100000-0x7ffdffff] usable
 *
 * where overlaps go to the higher type number and persistent memory
 * (type 12) is never merged with its neighbour (e820_nomerge). How the
 * options are parsed is tests/test_cmdline.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"
#include "test_files.h"

static struct engine *
boot_default_with(const char *cmdline)
{
	struct machine m;
	struct diag err = { 0 };
	struct engine *e;

	test_load_machine("default.xml", &m);
	snprintf(m.cmdline, sizeof(m.cmdline), "%s", cmdline);
	e = engine_new(&m, &err);
	machine_release(&m);
	if (!e)
		fail_msg("%s: %s", cmdline, err.msg);
	return e;
}

static long
line_at(const struct klog *log, const char *text)
{
	for (size_t i = 0; i < log->nr; i++)
		if (strcmp(log->lines[i].text, text) == 0)
			return (long)i;
	return -1;
}

/* The whole "user:" table after the command line, and the e820 lines the
 * options printed before it (NULL-terminated lists). */
static void
assert_user_map(const char *cmdline, const char *const *edits, const char *const *user)
{
	struct engine *e = boot_default_with(cmdline);
	const struct klog *log = engine_log(e);
	long at = line_at(log, "user-defined physical RAM map:");
	size_t n = 0;

	if (at < 0)
		fail_msg("%s: no user-defined map", cmdline);
	for (size_t i = 0; edits && edits[i]; i++) {
		long l = line_at(log, edits[i]);

		if (l < 0 || l > at)
			fail_msg("%s: \"%s\" not printed before the user map", cmdline, edits[i]);
	}
	for (; user[n]; n++) {
		size_t i = (size_t)at + 1 + n;

		if (i >= log->nr || strcmp(log->lines[i].text, user[n]) != 0)
			fail_msg("%s: user map line %zu is \"%s\", want \"%s\"", cmdline, n,
				 i < log->nr ? log->lines[i].text : "(end)", user[n]);
	}
	if ((size_t)at + 1 + n < log->nr &&
	    strncmp(log->lines[at + 1 + n].text, "user: ", 6) == 0)
		fail_msg("%s: user map has more than %zu lines", cmdline, n);
	engine_free(e);
}

#define U_LOW \
	"user: [mem 0x0000000000000000-0x000000000009fbff] usable", \
	"user: [mem 0x000000000009fc00-0x000000000009ffff] reserved", \
	"user: [mem 0x00000000000f0000-0x00000000000fffff] reserved"
#define U_HIGH \
	"user: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved", \
	"user: [mem 0x000000fd00000000-0x000000ffffffffff] reserved"
#define U_ACPI_TABLES "user: [mem 0x000000007ffe0000-0x000000007fffffff] reserved"
#define U_RAM "user: [mem 0x0000000000100000-0x000000007ffdffff] usable"
/* the firmware's map unchanged */
#define U_FIRMWARE U_LOW, U_RAM, U_ACPI_TABLES, U_HIGH

static void
test_exactmap_replaces_the_firmware_map(void **state)
{
	static const char *const user[] = {
		"user: [mem 0x0000000000000000-0x000000000009ffff] usable",
		"user: [mem 0x0000000000100000-0x000000003fffffff] usable",
		NULL,
	};

	(void)state;
	assert_user_map("memmap=exactmap,640K@0,1023M@1M", NULL, user);
}

static void
test_memmap_adds_ranges_of_each_type(void **state)
{
	static const char *const ram[] = {
		U_LOW, U_RAM, U_ACPI_TABLES,
		"user: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved",
		"user: [mem 0x0000000100000000-0x000000013fffffff] usable",
		"user: [mem 0x000000fd00000000-0x000000ffffffffff] reserved",
		NULL,
	};
	static const char *const reserved[] = {
		U_LOW,
		"user: [mem 0x0000000000100000-0x000000000fffffff] usable",
		"user: [mem 0x0000000010000000-0x0000000013ffffff] reserved",
		"user: [mem 0x0000000014000000-0x000000007ffdffff] usable",
		U_ACPI_TABLES, U_HIGH, NULL,
	};
	static const char *const acpi[] = {
		U_LOW,
		"user: [mem 0x0000000000100000-0x000000001fffffff] usable",
		"user: [mem 0x0000000020000000-0x0000000020ffffff] ACPI data",
		"user: [mem 0x0000000021000000-0x000000007ffdffff] usable",
		U_ACPI_TABLES, U_HIGH, NULL,
	};
	/* type 12 wins over usable and reserved and is not merged */
	static const char *const pram[] = {
		U_LOW,
		"user: [mem 0x0000000000100000-0x000000003fffffff] usable",
		"user: [mem 0x0000000040000000-0x000000007ffdffff] persistent (type 12)",
		"user: [mem 0x000000007ffe0000-0x000000007fffffff] persistent (type 12)",
		U_HIGH, NULL,
	};
	static const char *const last_pfn[] = { "last_pfn = 0x140000 max_arch_pfn = 0x400000000", NULL };

	(void)state;
	assert_user_map("memmap=1G@4G", NULL, ram);
	{
		struct engine *e = boot_default_with("memmap=1G@4G");

		assert_true(line_at(engine_log(e), last_pfn[0]) >= 0);
		engine_free(e);
	}
	assert_user_map("memmap=64M$256M", NULL, reserved);
	assert_user_map("memmap=16M#0x20000000", NULL, acpi);
	assert_user_map("memmap=1G!1G", NULL, pram);
}

static void
test_memmap_limit_and_mem_remove_ram_above(void **state)
{
	static const char *const edits[] = {
		"e820: remove [mem 0x20000000-0xfffffffffffffffe] usable", NULL,
	};
	static const char *const user[] = {
		U_LOW,
		"user: [mem 0x0000000000100000-0x000000001fffffff] usable",
		U_ACPI_TABLES, U_HIGH, NULL,
	};

	(void)state;
	assert_user_map("memmap=512M", edits, user);
	assert_user_map("mem=512M", edits, user);
}

static void
test_memmap_percent_retypes_adds_and_removes(void **state)
{
	static const char *const upd_edits[] = {
		"e820: update [mem 0x01000000-0x01ffffff] usable ==> reserved", NULL,
	};
	static const char *const upd[] = {
		U_LOW,
		"user: [mem 0x0000000000100000-0x0000000000ffffff] usable",
		"user: [mem 0x0000000001000000-0x0000000001ffffff] reserved",
		"user: [mem 0x0000000002000000-0x000000007ffdffff] usable",
		U_ACPI_TABLES, U_HIGH, NULL,
	};
	/* ACPI data (3) over the EBDA's reserved (2) and the usable page */
	static const char *const add[] = {
		"user: [mem 0x0000000000000000-0x000000000009efff] usable",
		"user: [mem 0x000000000009f000-0x000000000009ffff] ACPI data",
		"user: [mem 0x00000000000f0000-0x00000000000fffff] reserved",
		"user: [mem 0x0000000000100000-0x000000007ffdffff] usable",
		U_ACPI_TABLES, U_HIGH, NULL,
	};
	static const char *const rm_typed[] = {
		"e820: remove [mem 0x7ffe0000-0x7ffeffff] reserved", NULL,
	};
	/* without a type the kernel's line ends in a space */
	static const char *const rm_any[] = { "e820: remove [mem 0x7ffe0000-0x7ffeffff] ", NULL };
	static const char *const rm_wrong[] = {
		"e820: remove [mem 0x7ffe0000-0x7ffeffff] usable", NULL,
	};
	static const char *const removed[] = {
		U_LOW, U_RAM,
		"user: [mem 0x000000007fff0000-0x000000007fffffff] reserved",
		U_HIGH, NULL,
	};
	static const char *const untouched[] = {
		U_FIRMWARE, NULL,
	};

	(void)state;
	assert_user_map("memmap=16M%16M-1+2", upd_edits, upd);
	assert_user_map("memmap=4K%0x9f000+3", NULL, add);
	assert_user_map("memmap=64K%0x7ffe0000-2", rm_typed, removed);
	assert_user_map("memmap=64K%0x7ffe0000", rm_any, removed);
	/* a typed remove leaves ranges of other types alone */
	assert_user_map("memmap=64K%0x7ffe0000-1", rm_wrong, untouched);
	{
		/* the kernel image at 16 MiB is no longer RAM: forced back */
		struct engine *e = boot_default_with("memmap=16M%16M-1+2");

		assert_true(line_at(engine_log(e), ".text .data .bss are not marked as E820_TYPE_RAM!") >= 0);
		engine_free(e);
	}
}

/* The handlers run in command-line order: a mem= after a memmap= range
 * removes it, a mem= before it does not (memboot used to apply every
 * mem= first, and only the last one). */
static void
test_mem_and_memmap_apply_in_order(void **state)
{
	static const char *const removed_edits[] = {
		"e820: remove [mem 0x100000000-0xfffffffffffffffe] usable", NULL,
	};
	static const char *const removed[] = {
		U_FIRMWARE, NULL,
	};
	static const char *const kept[] = {
		U_LOW, U_RAM, U_ACPI_TABLES,
		"user: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved",
		"user: [mem 0x0000000200000000-0x0000000203ffffff] usable",
		"user: [mem 0x000000fd00000000-0x000000ffffffffff] reserved",
		NULL,
	};
	static const char *const twice_edits[] = {
		"e820: remove [mem 0x40000000-0xfffffffffffffffe] usable",
		"e820: remove [mem 0x20000000-0xfffffffffffffffe] usable", NULL,
	};
	static const char *const twice[] = {
		U_LOW,
		"user: [mem 0x0000000000100000-0x000000001fffffff] usable",
		U_ACPI_TABLES, U_HIGH, NULL,
	};

	(void)state;
	assert_user_map("memmap=64M@8G mem=4G", removed_edits, removed);
	assert_user_map("mem=4G memmap=64M@8G", NULL, kept);
	/* every mem= is applied, the lower one last */
	assert_user_map("mem=1G mem=512M", twice_edits, twice);
}

/* What the kernel prints for options it ignores, and whether the map is
 * then user-defined. */
static void
test_malformed_options_in_the_log(void **state)
{
	static const char *const malformed[] = { "Malformed early option 'mem'", NULL };
	static const char *const unchanged[] = {
		U_FIRMWARE, NULL,
	};
	static const char *const ranges[] = {
		U_LOW, U_RAM, U_ACPI_TABLES,
		"user: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved",
		"user: [mem 0x0000000100000000-0x000000013fffffff] usable",
		"user: [mem 0x000000fd00000000-0x000000ffffffffff] reserved",
		NULL,
	};

	(void)state;
	/* mem=0 marks the map user-defined and removes nothing */
	assert_user_map("mem=0", malformed, unchanged);
	/* junk after a range: added silently; an empty piece is skipped */
	assert_user_map("memmap=1G@4Gjunk,,", NULL, ranges);
	{
		/* memmap=foo and a bare mem: nothing user-defined */
		struct engine *e = boot_default_with("memmap=foo mem mem=nopentium");
		const struct klog *log = engine_log(e);
		long nop = line_at(log, "mem=nopentium ignored! (only supported on x86_32)");
		long bare = line_at(log, "Malformed early option 'mem'");

		assert_int_equal(line_at(log, "user-defined physical RAM map:"), -1);
		assert_true(bare >= 0 && nop > bare);
		assert_string_equal(log->lines[nop + 1].text, "Malformed early option 'mem'");
		engine_free(e);
	}
}

/* numa=off: no SRAT parsing, one fake node over all memory. */
static void
test_numa_off_fakes_one_node(void **state)
{
	struct machine m;
	struct diag err = { 0 };
	struct engine *e;
	const struct klog *log;
	const struct boot_state *s;

	(void)state;
	test_load_machine("qemu-pc-2node-4g.xml", &m);
	snprintf(m.cmdline, sizeof(m.cmdline), "console=ttyS0 numa=off");
	e = engine_new(&m, &err);
	machine_release(&m);
	assert_non_null(e);
	log = engine_log(e);
	s = &engine_step(e, engine_nr_steps(e) - 1)->state;
	assert_true(line_at(log, "NUMA turned off") >= 0);
	/* 0 to max_pfn 0x140000 */
	assert_true(line_at(log, "Faking a node at [mem 0x0000000000000000-0x000000013fffffff]") >= 0);
	assert_int_equal(line_at(log, "No NUMA configuration found"), -1);
	assert_int_equal(line_at(log, "ACPI: SRAT: Node 1 PXM 1 [mem 0x80000000-0xbfffffff]"), -1);
	assert_true(s->numa->faked);
	assert_int_equal(s->numa->nr_node_ids, 1);
	assert_int_equal(s->zones->nr_nodes, 1);
	engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exactmap_replaces_the_firmware_map),
		cmocka_unit_test(test_memmap_adds_ranges_of_each_type),
		cmocka_unit_test(test_memmap_limit_and_mem_remove_ram_above),
		cmocka_unit_test(test_memmap_percent_retypes_adds_and_removes),
		cmocka_unit_test(test_mem_and_memmap_apply_in_order),
		cmocka_unit_test(test_malformed_options_in_the_log),
		cmocka_unit_test(test_numa_off_fakes_one_node),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
