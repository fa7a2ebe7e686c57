/*
 * test_cmdline.c - the kernel command line's memory options: memparse's
 * suffixes and bases, every memmap= form of parse_memmap_one()
 * (arch/x86/kernel/e820.c: exactmap, nn@ss, nn#ss, nn$ss, nn!ss, nn%ss
 * with -old and +new types, nn alone), comma lists, mem=, numa=off,
 * memblock=debug and the forms memboot refuses; then each form applied
 * to machines/default.xml's e820 map, the "user:" table worked out by
 * hand from the firmware map:
 *
 *   [0x0-0x9fbff] usable          [0x7ffe0000-0x7fffffff] reserved
 *   [0x9fc00-0x9ffff] reserved    [0xfffc0000-0xffffffff] reserved
 *   [0xf0000-0xfffff] reserved    [0xfd00000000-0xffffffffff] reserved
 *   [0x100000-0x7ffdffff] usable
 *
 * where overlaps go to the higher type number and persistent memory
 * (type 12) is never merged with its neighbour (e820_nomerge).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cmdline.h"
#include "engine.h"
#include "test_files.h"

#define KiB (1ull << 10)
#define MiB (1ull << 20)
#define GiB (1ull << 30)

/* ------------------------------------------------------------ memparse */

static void
test_memparse_suffixes_and_bases(void **state)
{
	static const struct {
		const char *s;
		uint64_t value;
		size_t used;
	} cases[] = {
		{ "4096", 4096, 4 },
		{ "0x1000", 4096, 6 },
		{ "010", 8, 3 },		/* base 0: a leading 0 is octal */
		{ "4k", 4 * KiB, 2 },
		{ "4K", 4 * KiB, 2 },
		{ "64m", 64 * MiB, 3 },
		{ "64M", 64 * MiB, 3 },
		{ "2G", 2 * GiB, 2 },
		{ "1T", 1ull << 40, 2 },
		{ "1p", 1ull << 50, 2 },
		{ "1E", 1ull << 60, 2 },
		{ "0x10M", 16 * MiB, 5 },
		{ "512Mx", 512 * MiB, 4 },	/* stops after the suffix */
		{ "16X", 16, 2 },		/* not a suffix */
		{ "@1G", 0, 0 },		/* no number */
		{ "", 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *end;
		uint64_t v = cmdline_memparse(cases[i].s, &end);

		if (v != cases[i].value || (size_t)(end - cases[i].s) != cases[i].used)
			fail_msg("memparse(\"%s\") = %llu after %zu characters, want %llu after %zu",
				 cases[i].s, (unsigned long long)v, (size_t)(end - cases[i].s),
				 (unsigned long long)cases[i].value, cases[i].used);
	}
}

/* ------------------------------------------------------------ parsing */

static void
parse_ok(const char *line, struct cmdline_opts *o)
{
	struct diag err = { 0 };

	if (cmdline_parse(line, o, &err))
		fail_msg("\"%s\" refused: %s", line, err.msg);
}

static void
assert_memmap(const struct memmap_opt *m, enum memmap_kind kind, uint64_t size,
	      uint64_t start, uint32_t type, uint32_t old_type, uint32_t new_type)
{
	assert_int_equal(m->kind, kind);
	assert_int_equal(m->size, size);
	assert_int_equal(m->start, start);
	assert_int_equal(m->type, type);
	assert_int_equal(m->old_type, old_type);
	assert_int_equal(m->new_type, new_type);
}

/* One memmap= option of each form, with what parse_memmap_one makes of it. */
static void
test_memmap_forms(void **state)
{
	static const struct {
		const char *opt;
		enum memmap_kind kind;
		uint64_t size, start;
		uint32_t type, old_type, new_type;
	} cases[] = {
		{ "memmap=exactmap", MEMMAP_EXACTMAP, 0, 0, 0, 0, 0 },
		{ "memmap=64M@0x100000000", MEMMAP_ADD, 64 * MiB, 4 * GiB, E820_TYPE_RAM, 0, 0 },
		{ "memmap=1G#4G", MEMMAP_ADD, GiB, 4 * GiB, E820_TYPE_ACPI, 0, 0 },
		{ "memmap=16K$0x9f000", MEMMAP_ADD, 16 * KiB, 0x9f000, E820_TYPE_RESERVED, 0, 0 },
		{ "memmap=4G!12G", MEMMAP_ADD, 4 * GiB, 12 * GiB, E820_TYPE_PRAM, 0, 0 },
		{ "memmap=64M@", MEMMAP_ADD, 64 * MiB, 0, E820_TYPE_RAM, 0, 0 },
		{ "memmap=512M", MEMMAP_LIMIT, 512 * MiB, 0, 0, 0, 0 },
		{ "memmap=0x1000%0x2000-1+2", MEMMAP_RETYPE, 0x1000, 0x2000, 0, 1, 2 },
		{ "memmap=4K%8K+12", MEMMAP_RETYPE, 4 * KiB, 8 * KiB, 0, 0, 12 },
		{ "memmap=4K%8K-0x1", MEMMAP_RETYPE, 4 * KiB, 8 * KiB, 0, 1, 0 },
		{ "memmap=4K%8K", MEMMAP_RETYPE, 4 * KiB, 8 * KiB, 0, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cmdline_opts o;

		parse_ok(cases[i].opt, &o);
		assert_int_equal(o.nr_memmap, 1);
		assert_memmap(&o.memmap[0], cases[i].kind, cases[i].size, cases[i].start,
			      cases[i].type, cases[i].old_type, cases[i].new_type);
		/* the narration names the option as written */
		assert_string_equal(o.memmap[0].text, cases[i].opt);
		assert_false(o.have_mem);
		cmdline_release(&o);
	}
}

/* Ranges given with commas and in several options keep their order. */
static void
test_memmap_lists_keep_order(void **state)
{
	struct cmdline_opts o;

	(void)state;
	parse_ok("ro memmap=exactmap,640K@0,1023M@1M quiet memmap=16M$1G\tmemmap=2G", &o);
	assert_int_equal(o.nr_memmap, 5);
	assert_memmap(&o.memmap[0], MEMMAP_EXACTMAP, 0, 0, 0, 0, 0);
	assert_memmap(&o.memmap[1], MEMMAP_ADD, 640 * KiB, 0, E820_TYPE_RAM, 0, 0);
	assert_memmap(&o.memmap[2], MEMMAP_ADD, 1023 * MiB, MiB, E820_TYPE_RAM, 0, 0);
	assert_memmap(&o.memmap[3], MEMMAP_ADD, 16 * MiB, GiB, E820_TYPE_RESERVED, 0, 0);
	assert_memmap(&o.memmap[4], MEMMAP_LIMIT, 2 * GiB, 0, 0, 0, 0);
	assert_string_equal(o.memmap[2].text, "memmap=1023M@1M");
	cmdline_release(&o);
}

static void
test_mem_numa_off_and_memblock_debug(void **state)
{
	struct cmdline_opts o;

	(void)state;
	parse_ok("BOOT_IMAGE=/vmlinuz mem=1536M numa=off memblock=debug", &o);
	assert_true(o.have_mem);
	assert_int_equal(o.mem, 1536 * MiB);
	assert_true(o.numa_off);
	assert_true(o.memblock_debug);
	assert_int_equal(o.nr_memmap, 0);
	cmdline_release(&o);

	/* x86_32's mem=nopentium is no limit (64-bit ignores it too) */
	parse_ok("mem=nopentium", &o);
	assert_false(o.have_mem);
	cmdline_release(&o);

	/* look-alikes are other options */
	parse_ok("numa=on numa=fake=2 memblock=debugx memory=1G xmem=1G mem memmapx=1G "
		 "memblock numa_off", &o);
	assert_false(o.numa_off);
	assert_false(o.memblock_debug);
	assert_false(o.have_mem);
	assert_int_equal(o.nr_memmap, 0);
	cmdline_release(&o);

	parse_ok("", &o);
	assert_int_equal(o.nr_memmap, 0);
	cmdline_release(&o);
	parse_ok("   \t ", &o);
	assert_int_equal(o.nr_memmap, 0);
	cmdline_release(&o);
}

/* memboot refuses what the kernel could not read, naming the option. */
static void
test_bad_forms_are_refused(void **state)
{
	static const struct {
		const char *line, *msg;
	} cases[] = {
		{ "memmap=foo", "bad memmap= option \"foo\" on the kernel command line" },
		{ "memmap=@1G", "bad memmap= option \"@1G\" on the kernel command line" },
		{ "memmap=64M^1G", "bad memmap= option \"64M^1G\" on the kernel command line" },
		{ "memmap=64M@1Gjunk", "bad memmap= option \"64M@1Gjunk\" on the kernel command line" },
		{ "memmap=4K%8K-1+2x", "bad memmap= option \"4K%8K-1+2x\" on the kernel command line" },
		{ "memmap=4K%8K*3", "bad memmap= option \"4K%8K*3\" on the kernel command line" },
		{ "ro memmap=1G@4G,,2G", "bad memmap= option \"\" on the kernel command line" },
		{ "mem=0", "bad mem= option \"mem=0\" on the kernel command line" },
		{ "mem=", "bad mem= option \"mem=\" on the kernel command line" },
		{ "quiet mem=lots", "bad mem= option \"mem=lots\" on the kernel command line" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cmdline_opts o;
		struct diag err = { 0 };

		if (cmdline_parse(cases[i].line, &o, &err) != -1)
			fail_msg("\"%s\" was accepted", cases[i].line);
		assert_string_equal(err.msg, cases[i].msg);
		cmdline_release(&o);
	}
}

/* ------------------------------------------------------------ applied */

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
		U_LOW,
		"user: [mem 0x0000000000100000-0x000000007ffdffff] usable",
		U_ACPI_TABLES,
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
		U_LOW,
		"user: [mem 0x0000000000100000-0x000000007ffdffff] usable",
		"user: [mem 0x000000007fff0000-0x000000007fffffff] reserved",
		U_HIGH, NULL,
	};
	static const char *const untouched[] = {
		U_LOW,
		"user: [mem 0x0000000000100000-0x000000007ffdffff] usable",
		U_ACPI_TABLES, U_HIGH, NULL,
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
		cmocka_unit_test(test_memparse_suffixes_and_bases),
		cmocka_unit_test(test_memmap_forms),
		cmocka_unit_test(test_memmap_lists_keep_order),
		cmocka_unit_test(test_mem_numa_off_and_memblock_debug),
		cmocka_unit_test(test_bad_forms_are_refused),
		cmocka_unit_test(test_exactmap_replaces_the_firmware_map),
		cmocka_unit_test(test_memmap_adds_ranges_of_each_type),
		cmocka_unit_test(test_memmap_limit_and_mem_remove_ram_above),
		cmocka_unit_test(test_memmap_percent_retypes_adds_and_removes),
		cmocka_unit_test(test_numa_off_fakes_one_node),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
