/*
 * test_dmesg_firmware.c - the importer's firmware lines
 * (src/dmesg_firmware.c): the old and new BIOS-e820 formats and their
 * type names, the e820 changes printed after the table as events at
 * their hooks (old and new forms), and the SRAT memory and CPU affinity
 * lines.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_old_e820_format),
		cmocka_unit_test(test_e820_types),
		cmocka_unit_test(test_e820_events),
		cmocka_unit_test(test_old_events),
		cmocka_unit_test(test_srat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
