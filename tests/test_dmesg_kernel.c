/*
 * test_dmesg_kernel.c - the importer's lines about the kernel
 * (src/dmesg_kernel.c, src/dmesg_memblock.c, src/dmesg_bootmem.c): the
 * version, command line, RAMDISK, NODE_DATA, Memory: sizes and zone
 * hints; i686 builds; the memblock=debug trace replayed at its hooks in
 * the 5.10 to 7.x forms; and the bootmem era's maps and build lines.
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
		cmocka_unit_test(test_kernel_facts),
		cmocka_unit_test(test_i686),
		cmocka_unit_test(test_memblock_replay),
		cmocka_unit_test(test_memblock_forms),
		cmocka_unit_test(test_bootmem_2_4_map),
		cmocka_unit_test(test_bootmem_2_6_build),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
