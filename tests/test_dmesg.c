/*
 * test_dmesg.c - the boot-log importer as a whole (src/dmesg.c,
 * src/dmesg_text.c, src/dmesg_calibrate.c): every prefix style (plain,
 * dmesg -T, journalctl, syslog, levels), serial console captures, the
 * kernel's timestamp quoted inside a message, a log without an e820
 * table, a log of two boots, garbage, the low-memory calibration and a
 * machine the engine runs. The line families are
 * tests/test_dmesg_firmware.c's and tests/test_dmesg_kernel.c's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dmesg.h"
#include "dmesg_fixture.h"
#include "engine.h"

static void
test_message_prefixes(void **state)
{
	static const struct {
		const char *line, *msg;
	} cases[] = {
		{ "[    0.000000] Linux version 6.1.0", "Linux version 6.1.0" },
		{ "[12345.678901] x", "x" },
		{ "Linux version 6.1.0", "Linux version 6.1.0" },
		{ "<6>[    0.000000] BIOS-e820: a", "BIOS-e820: a" },
		{ "[Mon Jan  1 00:00:00 2024] Zone ranges:", "Zone ranges:" },
		{ "Oct 31 18:16:04 host kernel: [    0.000000] Zone ranges:", "Zone ranges:" },
		{ "Nov 15 14:48:53 ogenser kernel: Zone ranges:", "Zone ranges:" },
		{ "2022-04-14T19:46:19+0000 host kernel: Zone ranges:", "Zone ranges:" },
		{ "[    0.000000] kernel: Command line: ro", "Command line: ro" },
		{ "kern  :info  : [    0.000000] Zone ranges:", "Zone ranges:" },
		/* journalctl -k -o short-monotonic, -o short-precise */
		{ "[    0.000000] vm-1.lan kernel: Zone ranges:", "Zone ranges:" },
		{ "Dec 04 21:00:00.123456 vm kernel: Zone ranges:", "Zone ranges:" },
		{ "vm kernel: Zone ranges:", "vm kernel: Zone ranges:" },
		{ "[    0.007310]   DMA      [mem 0x1000-0xffffff]", "  DMA      [mem 0x1000-0xffffff]" },
		{ "[Firmware Bug]: TSC", "[Firmware Bug]: TSC" },
		{ "[    0.0", "[    0.0" },
		{ "", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(dmesg_message(cases[i].line), cases[i].msg);
}

/* The same boot in four dressings gives the same machine. */
static void
test_prefix_styles(void **state)
{
	static const char *const logs[] = {
		"[    0.000000] Linux version 5.4.0-110-generic (x@y) #1\n"
		"[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
		"[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable\n",
		"Linux version 5.4.0-110-generic (x@y) #1\r\n"
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\r\n"
		"BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable   \r\n",
		"Oct 31 18:16:04 vm kernel: [    0.000000] Linux version 5.4.0-110-generic (x@y) #1\n"
		"Oct 31 18:16:04 vm kernel: [    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
		"Oct 31 18:16:04 vm kernel: [    0.000000] BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable\n",
		"[Tue Oct 31 18:16:04 2023] Linux version 5.4.0-110-generic (x@y) #1\n"
		"[Tue Oct 31 18:16:04 2023] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
		"[Tue Oct 31 18:16:04 2023] BIOS-e820: [mem 0x0000000000100000-0x000000007fffffff] usable\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		struct dmesg d;

		parse(logs[i], &d, 0);
		assert_int_equal(d.m.nr_e820, 2);
		assert_int_equal(d.m.e820[1].size, 0x7ff00000);
		assert_string_equal(d.m.kernel_version, "5.4.0-110-generic");
		assert_int_equal(d.m.e820[1].line, 3);
		dmesg_release(&d);
	}
}

/*
 * A serial console's capture, as QEMU's -serial stdio gives it: SeaBIOS
 * and the boot loader print without a newline before the kernel starts,
 * so its first line follows their text and escape codes on the same line
 * (the exact bytes of tests/data/qemu-6.1/pc-128m.log's first line).
 */
static void
test_console_capture(void **state)
{
	static const char *const logs[] = {
		"Probing EDD (edd=off to disable)... o\033c\033[?7l\033[2J"
		"[    0.000000] Linux version 6.1.0-47-cloud-amd64 (debian-kernel@lists.debian.org) "
		"(gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) "
		"#1 SMP PREEMPT_DYNAMIC Debian 6.1.170-3 (2026-04-23)\r\n"
		"[    0.000000] Command line: console=ttyS0 memblock=debug panic=-1 loglevel=8\r\n"
		"[    0.000000] BIOS-provided physical RAM map:\r\n"
		"[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\r\n",
		/* dmesg -r's levels; the escape codes alone before the kernel */
		"\033c\033[?7l\033[2J\033[0mSeaBIOS (version 1.16.2-debian-1.16.2-1)\n"
		"\033c\033[?7l\033[2J<6>[    0.000000] Linux version 6.1.0-47-cloud-amd64 (x)\n"
		"<6>[    0.000000] Command line: console=ttyS0 memblock=debug panic=-1 loglevel=8\n"
		"<6>[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		struct dmesg d;

		parse(logs[i], &d, 0);
		assert_string_equal(d.m.kernel_version, "6.1.0-47-cloud-amd64");
		assert_string_equal(d.m.cmdline, "console=ttyS0 memblock=debug panic=-1 loglevel=8");
		assert_int_equal(d.lines[i].line, (int)i + 1);
		assert_memory_equal(d.lines[i].text, "Linux version 6.1.0-47-cloud-amd64 (", 36);
		assert_int_equal(d.m.nr_e820, 1);
		dmesg_release(&d);
	}
}

/* The kernel's "[%5lu.%06lu]" inside a message starts no line: not after
 * the line's own timestamp, not in a log without timestamps, and only in
 * the kernel's exact format. */
static void
test_timestamp_in_message(void **state)
{
	static const struct {
		const char *log, *cmdline;
	} cases[] = {
		{ "[    0.000000] Command line: ro x=[    1.000000] Linux version 9.9\n", "ro x=[    1.000000] Linux version 9.9" },
		{ "Command line: ro x=[    1.000000] Linux version 9.9\n", "ro x=[    1.000000] Linux version 9.9" },
		{ "Oct 31 18:16:04 vm kernel: Command line: ro [    1.000000] y\n", "ro [    1.000000] y" },
		{ "[Tue Oct 31 18:16:04 2023] Command line: ro [    1.000000] y\n", "ro [    1.000000] y" },
		/* only "[%5lu.%06lu]" is the kernel's: these are the loader's text */
		{ "[    0.000000] x\nboot: [ 1.000000] Command line: a\n", "" },
		{ "[    0.000000] x\nboot: [    1.00000] Command line: a\n", "" },
		{ "[    0.000000] x\nboot: [   12.000000 ] Command line: a\n", "" },
		{ "[    0.000000] x\nboot: [123456.000001] Command line: a\n", "a" },
		{ "[    0.000000] x\n[[    [    0.000000] Command line: a\n", "a" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char log[512];
		struct dmesg d;

		snprintf(log, sizeof(log), "%s%s", cases[i].log,
			 "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n");
		parse(log, &d, 0);
		if (strcmp(d.m.cmdline, cases[i].cmdline) != 0)
			fail_msg("case %zu: command line \"%s\"", i, d.m.cmdline);
		assert_null(d.m.kernel_version);
		dmesg_release(&d);
	}
}

static void
test_no_e820(void **state)
{
	struct dmesg d;
	struct diag err = { 0 };
	const char *text = "Linux version 6.1.0\nZone ranges:\n";

	(void)state;
	assert_int_equal(dmesg_parse(text, strlen(text), "boot.log", &d, &err), -1);
	assert_string_equal(err.file, "boot.log");
	assert_non_null(strstr(err.msg, "No BIOS-e820 table"));
	dmesg_release(&d);
	assert_int_equal(dmesg_parse("", 0, "empty.log", &d, &err), -1);
	assert_string_equal(err.file, "empty.log");
	assert_non_null(strstr(err.msg, "empty"));
	dmesg_release(&d);
}

/* Only the first boot of a log with several. */
static void
test_second_boot(void **state)
{
	struct dmesg d;

	(void)state;
	parse("Linux version 6.1.0-6-amd64 (x)\n" E820_QEMU "Zone ranges:\n"
	      "Linux version 6.2.0 (x)\n" E820_QEMU "Zone ranges:\n", &d, 0);
	assert_int_equal(d.m.nr_e820, 5);
	assert_string_equal(d.m.kernel_version, "6.1.0-6-amd64");
	assert_int_equal(d.nr_lines, 8);
	dmesg_release(&d);
}

/* Hostile input: numbers too long, ranges backwards, huge lines, NULs,
 * truncated lines, ranges past every limit. Nothing crashes, nothing
 * out of range is kept. */
static void
test_garbage(void **state)
{
	static const char *const bad[] = {
		"BIOS-e820: [mem 0x10000000000000000000000000-0x1] usable\n",
		"BIOS-e820: [mem 0x2000-0x1000] usable\n",
		"BIOS-e820: [mem 0xfffffffffffff000-0xffffffffffffffff] usable\n",
		"BIOS-e820: [mem 0x0-0x1000] type 99999999999999999999\n",
		"BIOS-e820: [mem 0x0-0x1000\n",
		"BIOS-e820: 0000 - 0000 (usable)\n",
		"SRAT: PXM 1 -> APIC 0xffffffffffff -> Node 0\n",
		"e820: update [mem 0x0-0x1000] usable ==>\n",
		"memblock_alloc_try_nid: 99999999999999999999999 bytes align=0x40\n",
		"memblock_reserve: [0x1-0x0] x\n",
		"Memory: 1K/2K available (1K kernel code\n",
		"NODE_DATA(0) allocated [mem 0x1000-0x0]\n",
		"<99999999999>[ 0.0] x\n",
	};
	size_t big = 3 * DMESG_LINE_MAX;
	char *huge = malloc(big + 200);
	struct dmesg d;
	struct diag err;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dmesg_parse(bad[i], strlen(bad[i]), "g", &d, &err) != -1)
			fail_msg("garbage %zu parsed: %s", i, bad[i]);
		dmesg_release(&d);
	}
	/* a very long line, then NUL bytes inside a valid one */
	memset(huge, 'A', big);
	memcpy(huge + big, "\nBIOS-e820: [mem 0x0-0xfff] usable\0 x\n", 38);
	assert_int_equal(dmesg_parse(huge, big + 38, "g", &d, &err), 0);
	assert_int_equal(d.m.nr_e820, 1);
	assert_int_equal(strlen(d.lines[0].text), DMESG_LINE_MAX - 1);
	dmesg_release(&d);
	free(huge);
}

/*
 * The low-memory facts: base memory ends where the last usable entry
 * below 640 KiB ends (0x9e000 here: 632 KiB, EBDA there), and a 5.4 log
 * saying "DMA zone: 22 pages reserved" fits the trampoline: 15 pages of
 * the first 64 KiB (page 0 is not memory) + 7 trampoline pages = 22.
 */
static void
test_low_memory_calibration(void **state)
{
	static const char log[] =
		"Linux version 5.4.0-110-generic (x@y) #1 SMP\n"
		"BIOS-provided physical RAM map:\n"
		"BIOS-e820: [mem 0x0000000000000000-0x000000000009dfff] usable\n"
		"BIOS-e820: [mem 0x000000000009e000-0x000000000009ffff] reserved\n"
		"BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n"
		"BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n"
		"BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved\n"
		"  DMA zone: 22 pages reserved\n";
	struct dmesg d;

	(void)state;
	parse(log, &d, 0);
	assert_int_equal(d.dma_reserved, 22);
	assert_int_equal(d.m.kernel.bios_basemem_kb, 632);
	assert_int_equal(d.m.kernel.bios_ebda, 0x9e000);
	/* 4.8-5.12 default: 24 KiB */
	assert_int_equal(d.m.kernel.trampoline_size, 0x6000);
	dmesg_calibrate(&d);
	assert_int_equal(d.m.kernel.trampoline_size, 0x7000);
	dmesg_release(&d);
}

/* The importer's machine runs through the engine. */
static void
test_engine_runs(void **state)
{
	struct dmesg d;
	struct diag err = { 0 };
	struct engine *e;

	(void)state;
	parse(E820_QEMU "e820: update [mem 0x7f000000-0x7fdfffff] usable ==> reserved\n", &d, 0);
	e = engine_new(&d.m, &err);
	assert_non_null(e);
	engine_free(e);
	dmesg_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_message_prefixes),
		cmocka_unit_test(test_prefix_styles),
		cmocka_unit_test(test_console_capture),
		cmocka_unit_test(test_timestamp_in_message),
		cmocka_unit_test(test_low_memory_calibration),
		cmocka_unit_test(test_no_e820),
		cmocka_unit_test(test_second_boot),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_engine_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
