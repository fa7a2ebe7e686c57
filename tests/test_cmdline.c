/*
 * test_cmdline.c - the kernel command line's memory options as
 * src/cmdline.c parses them: memparse's suffixes and bases, every memmap=
 * form of parse_memmap_one() (arch/x86/kernel/e820.c: exactmap, nn@ss,
 * nn#ss, nn$ss, nn!ss, nn%ss with -old and +new types, nn alone), comma
 * lists, mem=, numa=off, memblock=debug, the malformed forms the kernel
 * ignores, next_arg's quotes and "--". What each option does to a boot is
 * tests/test_cmdline_applied.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cmdline.h"
#include "machine.h"

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
		{ "0x", 0, 1 },			/* "0x" is hex only before a hex digit */
		{ "0xg", 0, 1 },
		{ "09", 0, 1 },			/* 9 is no octal digit */
		{ "-1G", 0, 0 },		/* no sign */
		{ " 1G", 0, 0 },		/* no leading space */
		{ "0x10000000000000000", 0, 19 },	/* wraps like the kernel's */
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
	cmdline_parse(line, false, o);
}

static void
assert_memmap(const struct early_opt *m, enum memmap_kind kind, uint64_t size,
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
		{ "memmap=exactmapx", MEMMAP_EXACTMAP, 0, 0, 0, 0, 0 },	/* a prefix match */
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
		assert_int_equal(o.nr_early, 1);
		assert_memmap(&o.early[0], cases[i].kind, cases[i].size, cases[i].start,
			      cases[i].type, cases[i].old_type, cases[i].new_type);
		/* the narration names the option as written */
		assert_string_equal(o.early[0].text, cases[i].opt);
		assert_string_equal(o.early[0].function, "parse_memmap_opt");
		assert_true(o.early[0].userdef);
		assert_int_equal(o.early[0].nr_warn, 0);
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
	assert_int_equal(o.nr_early, 5);
	assert_memmap(&o.early[0], MEMMAP_EXACTMAP, 0, 0, 0, 0, 0);
	assert_memmap(&o.early[1], MEMMAP_ADD, 640 * KiB, 0, E820_TYPE_RAM, 0, 0);
	assert_memmap(&o.early[2], MEMMAP_ADD, 1023 * MiB, MiB, E820_TYPE_RAM, 0, 0);
	assert_memmap(&o.early[3], MEMMAP_ADD, 16 * MiB, GiB, E820_TYPE_RESERVED, 0, 0);
	assert_memmap(&o.early[4], MEMMAP_LIMIT, 2 * GiB, 0, 0, 0, 0);
	assert_string_equal(o.early[2].text, "memmap=1023M@1M");
	cmdline_release(&o);

	/* mem= is one more step in the same order, each one applied */
	parse_ok("memmap=64M@8G mem=4G mem=2G", &o);
	assert_int_equal(o.nr_early, 3);
	assert_memmap(&o.early[0], MEMMAP_ADD, 64 * MiB, 8 * GiB, E820_TYPE_RAM, 0, 0);
	assert_memmap(&o.early[1], MEMMAP_LIMIT, 4 * GiB, 0, 0, 0, 0);
	assert_memmap(&o.early[2], MEMMAP_LIMIT, 2 * GiB, 0, 0, 0, 0);
	assert_string_equal(o.early[1].function, "parse_memopt");
	assert_string_equal(o.early[1].text, "mem=4G");
	cmdline_release(&o);
}

/* next_arg(): double quotes hold spaces and are dropped; "--" ends the
 * kernel's options (the rest goes to init). */
static void
test_quotes_and_double_dash(void **state)
{
	struct cmdline_opts o;

	(void)state;
	parse_ok("acpi_osi=\"Windows 2009\" memmap=\"1G@4G,16M$1G\" \"mem=2G\"", &o);
	assert_int_equal(o.nr_early, 3);
	assert_memmap(&o.early[0], MEMMAP_ADD, GiB, 4 * GiB, E820_TYPE_RAM, 0, 0);
	assert_memmap(&o.early[1], MEMMAP_ADD, 16 * MiB, GiB, E820_TYPE_RESERVED, 0, 0);
	assert_memmap(&o.early[2], MEMMAP_LIMIT, 2 * GiB, 0, 0, 0, 0);
	cmdline_release(&o);

	parse_ok("ro mem=1G -- mem=512M numa=off", &o);
	assert_int_equal(o.nr_early, 1);
	assert_int_equal(o.early[0].size, GiB);
	assert_false(o.numa_off);
	cmdline_release(&o);
	/* only a bare "--" ends them */
	parse_ok("--=x mem=1G", &o);
	assert_int_equal(o.nr_early, 1);
	cmdline_release(&o);
}

static void
test_mem_numa_off_and_memblock_debug(void **state)
{
	struct cmdline_opts o;

	(void)state;
	parse_ok("BOOT_IMAGE=/vmlinuz mem=1536M numa=off memblock=debug", &o);
	assert_int_equal(o.nr_early, 1);
	assert_memmap(&o.early[0], MEMMAP_LIMIT, 1536 * MiB, 0, 0, 0, 0);
	assert_true(o.numa_off);
	assert_true(o.memblock_debug);
	cmdline_release(&o);

	/* numa_setup() compares a prefix, early_memblock() looks for "debug"
	 * anywhere in the value */
	parse_ok("numa=offline memblock=nodebugx", &o);
	assert_true(o.numa_off);
	assert_true(o.memblock_debug);
	cmdline_release(&o);

	/* look-alikes are other options */
	parse_ok("numa=on numa=fake=2 memblock=deb memory=1G xmem=1G memmapx=1G "
		 "memblock numa_off memmap", &o);
	assert_false(o.numa_off);
	assert_false(o.memblock_debug);
	assert_int_equal(o.nr_early, 0);
	cmdline_release(&o);

	parse_ok("", &o);
	assert_int_equal(o.nr_early, 0);
	cmdline_release(&o);
	parse_ok("   \t ", &o);
	assert_int_equal(o.nr_early, 0);
	cmdline_release(&o);
}

/* The kernel refuses nothing: what it cannot read it ignores, some of it
 * still marks the map user-defined, and a failing handler of mem= or numa=
 * makes do_early_param() print "Malformed early option". */
static void
test_malformed_forms_are_ignored(void **state)
{
	static const char malformed_mem[] = "Malformed early option 'mem'";
	static const struct {
		const char *line;
		bool x86_32;
		enum memmap_kind kind;
		uint64_t size;
		bool userdef;
		const char *warn0, *warn1;
	} cases[] = {
		/* no size: ignored and not user-defined */
		{ "memmap=foo", false, MEMMAP_NONE, 0, false, NULL, NULL },
		{ "memmap=@1G", false, MEMMAP_NONE, 0, false, NULL, NULL },
		{ "memmap=", false, MEMMAP_NONE, 0, false, NULL, NULL },
		/* an unknown separator is a limit, like memmap=nn */
		{ "memmap=64M^1G", false, MEMMAP_LIMIT, 64 * MiB, true, NULL, NULL },
		/* junk after a range: the range is still added */
		{ "memmap=64M@1Gjunk", false, MEMMAP_ADD, 64 * MiB, true, NULL, NULL },
		/* junk after a % form: nothing changed, yet user-defined */
		{ "memmap=4K%8K-1+2x", false, MEMMAP_NONE, 4 * KiB, true, NULL, NULL },
		{ "memmap=4K%8K*3", false, MEMMAP_NONE, 4 * KiB, true, NULL, NULL },
		/* junk after mem='s size is not looked at */
		{ "mem=2Gjunk", false, MEMMAP_LIMIT, 2 * GiB, true, NULL, NULL },
		/* a zero size removes nothing, but the map is user-defined */
		{ "mem=0", false, MEMMAP_NONE, 0, true, malformed_mem, NULL },
		{ "mem=", false, MEMMAP_NONE, 0, true, malformed_mem, NULL },
		{ "quiet mem=lots", false, MEMMAP_NONE, 0, true, malformed_mem, NULL },
		/* no value at all: the handler fails before anything */
		{ "mem", false, MEMMAP_NONE, 0, false, malformed_mem, NULL },
		{ "numa", false, MEMMAP_NONE, 0, false, "Malformed early option 'numa'", NULL },
		/* x86_32 turns off large pages, x86_64 says it has no such thing */
		{ "mem=nopentium", false, MEMMAP_NONE, 0, false,
		  "mem=nopentium ignored! (only supported on x86_32)", malformed_mem },
		{ "mem=nopentium", true, MEMMAP_NONE, 0, false, NULL, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cmdline_opts o;
		const struct early_opt *m;
		unsigned nr_warn = (cases[i].warn0 != NULL) + (cases[i].warn1 != NULL);

		cmdline_parse(cases[i].line, cases[i].x86_32, &o);
		if (o.nr_early != 1)
			fail_msg("\"%s\": %zu options, want 1", cases[i].line, o.nr_early);
		m = &o.early[0];
		if (m->kind != cases[i].kind || m->size != cases[i].size ||
		    m->userdef != cases[i].userdef || m->nr_warn != nr_warn)
			fail_msg("\"%s\": kind %d size %llu userdef %d %u warnings", cases[i].line,
				 m->kind, (unsigned long long)m->size, m->userdef, m->nr_warn);
		if (cases[i].warn0)
			assert_string_equal(m->warn[0], cases[i].warn0);
		if (cases[i].warn1)
			assert_string_equal(m->warn[1], cases[i].warn1);
		cmdline_release(&o);
	}

	/* an empty piece of a list is one more ignored option */
	{
		struct cmdline_opts o;

		parse_ok("ro memmap=1G@4G,,2G", &o);
		assert_int_equal(o.nr_early, 3);
		assert_memmap(&o.early[0], MEMMAP_ADD, GiB, 4 * GiB, E820_TYPE_RAM, 0, 0);
		assert_int_equal(o.early[1].kind, MEMMAP_NONE);
		assert_false(o.early[1].userdef);
		assert_memmap(&o.early[2], MEMMAP_LIMIT, 2 * GiB, 0, 0, 0, 0);
		cmdline_release(&o);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memparse_suffixes_and_bases),
		cmocka_unit_test(test_memmap_forms),
		cmocka_unit_test(test_memmap_lists_keep_order),
		cmocka_unit_test(test_mem_numa_off_and_memblock_debug),
		cmocka_unit_test(test_quotes_and_double_dash),
		cmocka_unit_test(test_malformed_forms_are_ignored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
