/*
 * test_dmesg.c - the boot-log parser: every prefix style (plain, dmesg
 * -T, journalctl, syslog, levels), old and new e820 formats, e820 events
 * and their hooks, SRAT, the kernel facts (version, command line,
 * RAMDISK, Memory: sizes, max_arch_pfn, i686), memblock=debug replay,
 * garbage and a log without an e820 table.
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
#include "engine.h"

/* Parse text; the test fails unless the result is want. */
static void
parse(const char *text, struct dmesg *d, int want)
{
	struct diag err = { 0 };

	assert_int_equal(dmesg_parse(text, strlen(text), "test.log", d, &err), want);
}

#define E820_QEMU \
	"BIOS-provided physical RAM map:\n" \
	"BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n" \
	"BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n" \
	"BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n" \
	"BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n" \
	"BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved\n"

static void
assert_qemu_e820(const struct machine *m)
{
	assert_int_equal(m->nr_e820, 5);
	assert_int_equal(m->e820[0].addr, 0);
	assert_int_equal(m->e820[0].size, 0x9fc00);
	assert_int_equal(m->e820[0].type, E820_TYPE_RAM);
	assert_int_equal(m->e820[3].addr, 0x100000);
	assert_int_equal(m->e820[3].size, 0x7fee0000);
	assert_int_equal(m->e820[4].type, E820_TYPE_RESERVED);
}

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
test_old_e820_format(void **state)
{
	struct dmesg d;

	(void)state;
	parse("BIOS-provided physical RAM map:\n"
	      " BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n"
	      " BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)\n"
	      " BIOS-e820: 0000000000100000 - 000000003fff0000 (usable)\n"
	      " BIOS-e820: 000000003fff0000 - 0000000040000000 (ACPI data)\n"
	      " BIOS-e820: 00000000fec00000 - 00000000fec01000 type 12\n", &d, 0);
	assert_int_equal(d.m.nr_e820, 5);
	assert_int_equal(d.m.e820[0].size, 0x9fc00);
	assert_int_equal(d.m.e820[2].addr, 0x100000);
	assert_int_equal(d.m.e820[2].size, 0x3fef0000);
	assert_int_equal(d.m.e820[3].type, E820_TYPE_ACPI);
	assert_int_equal(d.m.e820[4].type, 12);
	dmesg_release(&d);
}

static void
test_e820_types(void **state)
{
	struct dmesg d;

	(void)state;
	parse("BIOS-e820: [mem 0x0000000000000000-0x0000000000000fff] ACPI NVS\n"
	      "BIOS-e820: [mem 0x0000000000001000-0x0000000000001fff] unusable\n"
	      "BIOS-e820: [mem 0x0000000000002000-0x0000000000002fff] persistent (type 7)\n"
	      "BIOS-e820: [mem 0x0000000000003000-0x0000000000003fff] persistent (type 12)\n"
	      "BIOS-e820: [mem 0x0000000000004000-0x0000000000004fff] soft reserved\n"
	      "BIOS-e820: [mem 0x0000000000005000-0x0000000000005fff] type 20\n"
	      "BIOS-e820: [mem 0x0000000000006000-0x0000000000006fff] bogus\n", &d, 0);
	assert_int_equal(d.m.nr_e820, 6);
	assert_int_equal(d.m.e820[0].type, E820_TYPE_NVS);
	assert_int_equal(d.m.e820[1].type, E820_TYPE_UNUSABLE);
	assert_int_equal(d.m.e820[2].type, E820_TYPE_PMEM);
	assert_int_equal(d.m.e820[3].type, E820_TYPE_PRAM);
	assert_int_equal(d.m.e820[4].type, E820_TYPE_SOFT_RESERVED);
	assert_int_equal(d.m.e820[5].type, 20);
	dmesg_release(&d);
}

/* Updates before the first last_pfn are early, between the first and the
 * second they are MTRR's; trim_bios_range's two lines are left out. */
static void
test_e820_events(void **state)
{
	struct dmesg d;
	const struct machine_e820_event *ev;

	(void)state;
	parse(E820_QEMU
	      "e820: update [mem 0x7e8ee018-0x7e8fe057] usable ==> usable\n"
	      "extended physical RAM map:\n"
	      "reserve setup_data: [mem 0x0000000000000000-0x000000000009fbff] usable\n"
	      "reserve setup_data: [mem 0x0000000000100000-0x000000007e8ee017] usable\n"
	      "efi: Remove mem64: MMIO range=[0xe0000000-0xefffffff] (256MB) from e820 map\n"
	      "e820: remove [mem 0xe0000000-0xefffffff] reserved\n"
	      "e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\n"
	      "e820: remove [mem 0x000a0000-0x000fffff] usable\n"
	      "last_pfn = 0x80000 max_arch_pfn = 0x10000000000\n"
	      "e820: update [mem 0x7f000000-0xffffffff] usable ==> reserved\n"
	      "e820: last_pfn = 0x7f000 max_arch_pfn = 0x10000000000\n"
	      "e820: update [mem 0x10000000-0x1fffffff] usable ==> reserved\n", &d, 0);
	assert_qemu_e820(&d.m);
	assert_int_equal(d.m.nr_e820_events, 4);
	ev = d.m.e820_events;
	assert_int_equal(ev[0].kind, E820_EV_UPDATE);
	assert_int_equal(ev[0].hook, E820_AT_EARLY);
	assert_int_equal(ev[0].start, 0x7e8ee018);
	assert_int_equal(ev[0].size, 0x7e8fe058 - 0x7e8ee018);
	assert_int_equal(ev[0].old_type, E820_TYPE_RAM);
	assert_int_equal(ev[0].new_type, E820_TYPE_RAM);
	assert_int_equal(ev[1].kind, E820_EV_TABLE);
	assert_string_equal(ev[1].header, "extended physical RAM map:");
	assert_string_equal(ev[1].who, "reserve setup_data");
	assert_int_equal(ev[2].kind, E820_EV_REMOVE);
	assert_true(ev[2].check_type);
	assert_int_equal(ev[2].old_type, E820_TYPE_RESERVED);
	assert_int_equal(ev[3].hook, E820_AT_MTRR);
	assert_int_equal(ev[3].start, 0x7f000000);
	assert_int_equal(ev[3].new_type, E820_TYPE_RESERVED);
	assert_int_equal(d.m.build.max_physmem_bits, 52);
	dmesg_release(&d);
}

/* 2.6's MTRR trimming: exclusive ranges, a "modified" table; the
 * user-defined map (from memmap=) is the engine's own. */
static void
test_old_events(void **state)
{
	struct dmesg d;
	const struct machine_e820_event *ev;

	(void)state;
	parse(" BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n"
	      " BIOS-e820: 0000000000100000 - 00000000c0000000 (usable)\n"
	      "user-defined physical RAM map:\n"
	      " user: 0000000000000000 - 000000000009fc00 (usable)\n"
	      "last_pfn = 0xc0000 max_arch_pfn = 0x400000000\n"
	      "update e820 for mtrr\n"
	      "e820 update range: 00000000bf000000 - 00000000c0000000 (usable) ==> (reserved)\n"
	      "modified physical RAM map:\n"
	      " modified: 0000000000000000 - 000000000009fc00 (usable)\n"
	      "e820 remove range: 00000000bf800000 - 00000000c0000000 (usable)\n", &d, 0);
	assert_int_equal(d.m.nr_e820_events, 3);
	ev = d.m.e820_events;
	assert_int_equal(ev[0].kind, E820_EV_UPDATE);
	assert_int_equal(ev[0].hook, E820_AT_MTRR);
	assert_int_equal(ev[0].start, 0xbf000000);
	assert_int_equal(ev[0].size, 0x1000000);
	assert_int_equal(ev[1].kind, E820_EV_TABLE);
	assert_string_equal(ev[1].header, "modified physical RAM map:");
	assert_string_equal(ev[1].who, "modified");
	assert_int_equal(ev[2].kind, E820_EV_REMOVE);
	assert_true(ev[2].check_type);
	dmesg_release(&d);
}

static void
test_srat(void **state)
{
	struct dmesg d;

	(void)state;
	parse(E820_QEMU
	      "SRAT: PXM 0 -> APIC 0x00 -> Node 0\n"
	      "SRAT: PXM 1 -> APIC 0x0102 -> Node 1\n"
	      "ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]\n"
	      "ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x13fffffff] hotplug\n"
	      "SRAT: Node 2 PXM 7 [mem 0x140000000-0x17fffffff] hotplug non-volatile\n"
	      "ACPI: SRAT: Node 3 PXM 99999999999 [mem 0x0-0x1]\n", &d, 0);
	assert_true(d.m.has_srat);
	assert_int_equal(d.m.nr_srat_cpu, 2);
	assert_false(d.m.srat_cpu[0].x2apic);
	assert_true(d.m.srat_cpu[1].x2apic);
	assert_int_equal(d.m.srat_cpu[1].apic_id, 0x102);
	assert_int_equal(d.m.nr_srat_mem, 3);
	assert_int_equal(d.m.srat_mem[1].base, 0x100000000);
	assert_int_equal(d.m.srat_mem[1].length, 0x40000000);
	assert_true(d.m.srat_mem[1].hotplug);
	assert_false(d.m.srat_mem[1].nonvolatile);
	assert_int_equal(d.m.srat_mem[2].pxm, 7);
	assert_true(d.m.srat_mem[2].nonvolatile);
	dmesg_release(&d);
}

static void
test_kernel_facts(void **state)
{
	struct dmesg d;

	(void)state;
	parse("Linux version 4.8.0-58-generic (buildd@lgw01-21) (gcc version 5.4.0) #63\n"
	      "Command line: BOOT_IMAGE=/boot/vmlinuz ro mem=1G\n"
	      "e820: BIOS-provided physical RAM map:\n"
	      E820_QEMU
	      "e820: last_pfn = 0x7ffe0 max_arch_pfn = 0x400000000\n"
	      "RAMDISK: [mem 0x7d000000-0x7e7fffff]\n"
	      "NODE_DATA(0) allocated [mem 0x7ffd1000-0x7fffbfff]\n"
	      "Zone ranges:\n"
	      "  DMA      [mem 0x0000000000001000-0x0000000000ffffff]\n"
	      "  DMA32    [mem 0x0000000001000000-0x000000007ffdffff]\n"
	      "  Normal   empty\n"
	      "Movable zone start for each node\n"
	      "Memory: 1996K/2096632K available (8443K kernel code, 1312K rwdata, 3964K rodata, 1484K init, 1248K bss, 99K reserved, 0K cma-reserved)\n",
	      &d, 0);
	assert_string_equal(d.m.kernel_version, "4.8.0-58-generic");
	assert_string_equal(d.m.cmdline, "BOOT_IMAGE=/boot/vmlinuz ro mem=1G");
	assert_int_equal(d.m.kernel.initrd_start, 0x7d000000);
	assert_int_equal(d.m.kernel.initrd_size, 0x1800000);
	assert_int_equal(d.m.build.pglist_data_size, 0x2b000);
	assert_int_equal(d.m.build.max_physmem_bits, 46);
	assert_int_equal(d.m.kernel.code_k, 8443);
	assert_int_equal(d.m.kernel.rwdata_k, 1312);
	assert_int_equal(d.m.kernel.rodata_k, 3964);
	assert_int_equal(d.m.kernel.init_k, 1484);
	assert_int_equal(d.m.kernel.bss_k, 1248);
	assert_true(d.m.build.numa);
	assert_false(d.m.build.x86_32);
	assert_false(d.m.build.zone_device);	/* no "Device" line */
	assert_true(d.m.build.zone_dma);
	assert_int_equal(d.nr_lines, 18);
	assert_string_equal(d.lines[13].text, "  DMA      [mem 0x0000000000001000-0x0000000000ffffff]");
	dmesg_release(&d);
}

static void
test_i686(void **state)
{
	struct dmesg d;

	(void)state;
	parse("Linux version 4.15.0-50-generic (x@y) #54-Ubuntu\n"
	      E820_QEMU
	      "last_pfn = 0x7ffe0 max_arch_pfn = 0x1000000\n"
	      "1151MB HIGHMEM available.\n"
	      "Zone ranges:\n"
	      "  DMA      [mem 0x0000000000001000-0x0000000000ffffff]\n"
	      "  Normal   [mem 0x0000000001000000-0x00000000375fdfff]\n"
	      "  HighMem  [mem 0x00000000375fe000-0x000000007ffdffff]\n", &d, 0);
	assert_true(d.x86_32);
	assert_true(d.m.build.x86_32);
	assert_false(d.m.build.numa);
	assert_int_equal(d.m.build.model, MEM_MODEL_FLATMEM);
	assert_int_equal(d.m.build.max_physmem_bits, 36);
	assert_int_equal(d.m.build.lowmem_limit, 0x375fe000);
	dmesg_release(&d);

	/* an i686 kernel with NUMA says so */
	parse("Linux version 5.15.75-generic-1rosa2021.1-i686 (x@y)\n" E820_QEMU
	      "No NUMA configuration found\n", &d, 0);
	assert_true(d.m.build.x86_32);
	assert_true(d.m.build.numa);
	dmesg_release(&d);
}

/* memblock=debug: the calls the engine does not derive, at their hooks. */
static void
test_memblock_replay(void **state)
{
	struct dmesg d;
	const struct mb_op *op;

	(void)state;
	parse("Command line: console=ttyS0 memblock=debug\n"
	      E820_QEMU
	      "memblock_reserve: [0x0000000001000000-0x00000000037fffff] early_reserve_memory+0x4c/0x5b0\n"
	      "memblock_reserve: [0x0000000003800000-0x0000000003810fff] setup_arch+0x1b7/0x5b0\n"
	      "memblock_reserve: [0x00000000000f5a40-0x00000000000f5a4f] smp_scan_config+0xb4/0xf3\n"
	      "MEMBLOCK configuration:\n"
	      " memory size = 0x000000007ff7ec00 reserved size = 0x0000000002882000\n"
	      " reserved[0x0]\t[0x0000000000000000-0x000000000000ffff], 0x0000000000010000 bytes flags: 0x0\n"
	      " reserved[0x1]\t[0x0000000001000000-0x0000000003810fff], 0x0000000002811000 bytes flags: 0x0\n"
	      "memblock_add: [0x0000000000001000-0x000000000009efff] e820__memblock_setup+0x4c/0x7a\n"
	      "memblock_phys_alloc_range: 28672 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode+0x50/0xa0\n"
	      "memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 acpi_table_upgrade+0x5c/0x130\n"
	      "ACPI: Early table checksum verification disabled\n"
	      "memblock_reserve: [0x000000007ffe1000-0x000000007ffe1fff] acpi_reserve_initial_tables+0x51/0x61\n"
	      "NODE_DATA(0) allocated [mem 0x7ffd5000-0x7fffffff]\n"
	      "MEMBLOCK configuration:\n"
	      "memblock_alloc_try_nid: 64 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 crash_save+0x1/0x2\n"
	      "memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init+0x2e/0x1a0\n"
	      "Initmem setup node 0 [mem 0x0000000000001000-0x000000007ffdffff]\n"
	      "setup_percpu: NR_CPUS:8192 nr_cpumask_bits:1 nr_cpu_ids:1 nr_node_ids:1\n"
	      "memblock_alloc_try_nid: 2097152 bytes align=0x200000 nid=0 from=0x0000000001000000 max_addr=0x0000000000000000 pcpu_fc_alloc+0xf2/0x148\n"
	      "Built 1 zonelists, mobility grouping on.  Total pages: 515808\n"
	      "memblock_alloc_exact_nid_raw: 64 bytes align=0x40 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 f+0x1/0x2\n"
	      "memblock_free: [0x0000000000200000-0x00000000003fffff] mm_init+0x1/0x2\n"
	      "Memory: 1333816K/4193784K available (14343K kernel code, 2327K rwdata, 8328K rodata, 2596K init, 5460K bss, 174400K reserved, 0K cma-reserved)\n"
	      "memblock_reserve: [0x0000000000300000-0x00000000003fffff] after+0x1/0x2\n",
	      &d, 0);
	assert_true(d.memblock_debug);
	assert_int_equal(d.m.kernel.text, 0x1000000);
	assert_int_equal(d.m.kernel.reserve_size, 0x2800000);
	assert_int_equal(d.m.kernel.brk_size, 0x11000);
	assert_int_equal(d.m.kernel.trampoline_size, 28672);
	/* alloc_low_pages lines are derived (direct map), not replayed */
	assert_int_equal(d.m.nr_ops, 8);
	op = d.m.ops;
	assert_int_equal(op[0].kind, MB_OP_RESERVE);
	assert_int_equal(op[0].hook, HOOK_SETUP_ARCH);
	assert_string_equal(op[0].caller, "early_reserve_memory+0x4c/0x5b0");
	assert_string_equal(op[1].caller, "smp_scan_config+0xb4/0xf3");
	op++;
	assert_int_equal(op[1].kind, MB_OP_ALLOC);
	assert_int_equal(op[1].hook, HOOK_INIT_MEM_MAPPING);
	assert_int_equal(op[1].api, MB_API_PHYS_ALLOC_RANGE);
	assert_int_equal(op[1].max_addr, 0x100000);
	assert_int_equal(op[2].hook, HOOK_ACPI_TABLE_INIT);
	assert_int_equal(op[3].hook, HOOK_AFTER_NUMA);
	assert_int_equal(op[3].nid, NUMA_NO_NODE);
	assert_int_equal(op[4].hook, HOOK_START_KERNEL);
	assert_int_equal(op[4].nid, 0);
	assert_int_equal(op[4].align, 0x200000);
	assert_int_equal(op[4].min_addr, 0x1000000);
	assert_int_equal(op[5].hook, HOOK_MM_INIT);
	assert_int_equal(op[5].api, MB_API_ALLOC_EXACT_NID_RAW);
	assert_true(op[5].exact_nid);
	assert_int_equal(op[6].kind, MB_OP_FREE);
	dmesg_release(&d);
}

/* The other kernels' trace forms, by tools/trace2machine.py's rules: 5.10
 * reserves the trampoline it found, and its 13-page brk is too small for
 * the 5-level page-table buffer; 7.x prints "__memblock_reserve" with the
 * node and flags, allocates the section roots before sparse_index_alloc,
 * populates the vmemmap with huge pages, and starts mm_core_init with the
 * hash tables. */
static void
test_memblock_forms(void **state)
{
	struct dmesg d;

	(void)state;
	parse(E820_QEMU
	      "memblock_reserve: [0x0000000006800000-0x000000000680cfff] setup_arch+0x2b4/0xc55\n"
	      "MEMBLOCK configuration:\n"
	      " reserved[0x0]\t[0x0000000004600000-0x000000000680cfff], 0x000000000220d000 bytes flags: 0x0\n"
	      "memblock_add: [0x0000000000001000-0x000000000009efff] e820__memblock_setup+0x65/0x7d\n"
	      "memblock_reserve: [0x0000000000099000-0x000000000009efff] reserve_real_mode+0x6f/0x90\n",
	      &d, 0);
	assert_int_equal(d.m.kernel.text, 0x4600000);
	assert_int_equal(d.m.kernel.brk_size, 0xd000);
	assert_int_equal(d.m.kernel.trampoline_size, 0x6000);
	assert_false(d.m.build.config_5level);
	assert_int_equal(d.m.nr_ops, 0);
	dmesg_release(&d);

	parse(E820_QEMU
	      "last_pfn = 0x7ffe0 max_arch_pfn = 0x400000000\n"
	      "__memblock_reserve: [0x000000000b800000-0x000000000b810fff] nid=-1 flags=20 setup_arch+0x843/0xc00\n"
	      "MEMBLOCK configuration:\n"
	      " reserved[0x2]\t[0x0000000008600000-0x000000000b810fff], 0x0000000003211000 bytes flags: 0x20\n"
	      "memblock_add: [0x0000000000001000-0x000000000009efff] e820__memblock_setup+0x65/0x7d\n"
	      "memblock_phys_alloc_range: 28672 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode+0x6c/0xd0\n"
	      "__memblock_reserve: [0x0000000000098000-0x000000000009efff] nid=-1 flags=20 memblock_alloc_range_nid+0xe9/0x190\n"
	      "__memblock_reserve: [0x00000000000f5a40-0x00000000000f5a4f] nid=-1 flags=0 smp_scan_config+0xb4/0xf3\n"
	      "__memblock_reserve: [0x00000000000f5a50-0x00000000000f5a5f] nid=x flags=0 bad+0x1/0x2\n"
	      "ACPI: Early table checksum verification disabled\n"
	      "NODE_DATA(0) allocated [mem 0x7ffd5000-0x7fffffff]\n"
	      "MEMBLOCK configuration:\n"
	      "memblock_alloc_try_nid: 16384 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 __memblock_alloc_or_panic+0x24/0x50\n"
	      "memblock_alloc_try_nid: 4096 bytes align=0x40 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_index_alloc+0x40/0x70\n"
	      "memblock_alloc_try_nid_raw: 2097152 bytes align=0x200000 nid=0 from=0x0000000001000000 max_addr=0x0000000000000001 vmemmap_populate_hugepages+0x166/0x1b0\n"
	      "Initmem setup node 0 [mem 0x0000000000001000-0x000000007ffdffff]\n"
	      "setup_percpu: NR_CPUS:8192 nr_cpumask_bits:1 nr_cpu_ids:1 nr_node_ids:1\n"
	      "Dentry cache hash table entries: 16384 (order: 5, 131072 bytes, linear)\n"
	      "memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 spp_getpage+0x4d/0xb0\n",
	      &d, 0);
	assert_int_equal(d.m.kernel.text, 0x8600000);
	assert_int_equal(d.m.kernel.reserve_size, 0x3200000);
	assert_int_equal(d.m.kernel.brk_size, 0x11000);
	assert_int_equal(d.m.kernel.trampoline_size, 0x7000);
	assert_true(d.m.build.config_5level);
	assert_int_equal(d.m.nr_ops, 2);
	assert_int_equal(d.m.ops[0].kind, MB_OP_RESERVE);
	assert_int_equal(d.m.ops[0].base, 0xf5a40);
	assert_string_equal(d.m.ops[0].caller, "smp_scan_config+0xb4/0xf3");
	assert_int_equal(d.m.ops[1].hook, HOOK_MM_INIT);
	assert_string_equal(d.m.ops[1].caller, "spp_getpage+0x4d/0xb0");
	dmesg_release(&d);
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

/* The importer's machine runs through the engine. */
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

/* 2.4.0-2.4.3's "size @ start" map, made up from the BIOS-88 size; no
 * HIGHMEM line: a kernel without CONFIG_HIGHMEM; the 2.x Memory: line's
 * sizes and reserved figure. */
static void
test_bootmem_2_4_map(void **state)
{
	struct dmesg d;

	(void)state;
	parse("Linux version 2.4.1 (root@tabriel) (gcc version egcs-2.91.66) #9\n"
	      "BIOS-provided physical RAM map:\n"
	      " BIOS-88: 000000000009f000 @ 0000000000000000 (usable)\n"
	      " BIOS-88: 0000000003ff0000 @ 0000000000100000 (usable)\n"
	      "On node 0 totalpages: 16624\n"
	      "Memory: 63276k/66496k available (961k kernel code, 2832k reserved, "
	      "321k data, 204k init, 0k highmem)\n", &d, 0);
	assert_int_equal(d.m.nr_e820, 2);
	assert_int_equal(d.m.e820[0].addr, 0);
	assert_int_equal(d.m.e820[0].size, 0x9f000);
	assert_int_equal(d.m.e820[1].addr, 0x100000);
	assert_int_equal(d.m.e820[1].size, 0x3ff0000);
	assert_true(d.m.build.x86_32);
	assert_false(d.m.build.highmem);
	assert_int_equal(d.m.build.struct_page_size, 44);
	assert_int_equal(d.m.kernel.text, 0x100000);
	assert_int_equal(d.m.kernel.code_k, 961);
	assert_int_equal(d.m.kernel.rwdata_k, 321);
	assert_int_equal(d.m.kernel.init_k, 204);
	assert_int_equal(d.memory_reserved_k, 2832);
	dmesg_release(&d);
}

/* 2.6 with HighMem in use: the LOWMEM figure is the build's lowmem
 * (3936 MiB on a 4G/4G kernel), "Warning only 4GB" means no PAE, a map
 * line with two leading spaces still belongs to the table. */
static void
test_bootmem_2_6_build(void **state)
{
	struct dmesg d;

	(void)state;
	parse("Linux version 2.6.22-14-generic (buildd@palmer) #1 SMP\n"
	      "BIOS-provided physical RAM map:\n"
	      " BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)\n"
	      "  BIOS-e820: 0000000000100000 - 00000000cffb0000 (usable)\n"
	      " BIOS-e820: 0000000100000000 - 0000000130000000 (usable)\n"
	      "Warning only 4GB will be used.\n"
	      "Use a PAE enabled kernel.\n"
	      "3200MB HIGHMEM available.\n"
	      "3936MB LOWMEM available.\n"
	      "Memory: 3361500k/4194304k available (2015k kernel code, 44868k reserved, "
	      "916k data, 364k init, 2490048k highmem)\n", &d, 0);
	assert_int_equal(d.m.nr_e820, 3);
	assert_true(d.m.build.highmem);
	assert_int_equal(d.m.build.lowmem_limit, 3936ull << 20);
	/* 32 bits, raised to 33 for the map's top at 0x130000000 */
	assert_int_equal(d.m.build.max_physmem_bits, 33);
	assert_int_equal(d.m.build.struct_page_size, 32);
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
		cmocka_unit_test(test_old_e820_format),
		cmocka_unit_test(test_e820_types),
		cmocka_unit_test(test_e820_events),
		cmocka_unit_test(test_old_events),
		cmocka_unit_test(test_srat),
		cmocka_unit_test(test_kernel_facts),
		cmocka_unit_test(test_i686),
		cmocka_unit_test(test_memblock_replay),
		cmocka_unit_test(test_memblock_forms),
		cmocka_unit_test(test_low_memory_calibration),
		cmocka_unit_test(test_no_e820),
		cmocka_unit_test(test_second_boot),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_bootmem_2_4_map),
		cmocka_unit_test(test_bootmem_2_6_build),
		cmocka_unit_test(test_engine_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
