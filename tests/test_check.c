/*
 * test_check.c - the comparison of a log's memory lines with the
 * prediction: which lines are compared under which key, pairing by key
 * rather than position, the Memory: total, extra and missing lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_keys(void **state)
{
	static const struct {
		const char *line, *key;
	} cases[] = {
		{ "Zone ranges:", "" },
		{ "  DMA      [mem 0x0000000000001000-0x0000000000ffffff]", "zone:DMA" },
		{ "  Device   empty", "zone:Device" },
		{ "Movable zone start for each node", "" },
		{ "  Node 0: 0x0000000100000000", "movable:0" },
		{ "Early memory node ranges", "" },
		{ "  node   1: [mem 0x0000000000001000-0x000000000009efff]", "noderange:1" },
		{ "Initmem setup node 2 [mem 0x0-0x0]", "initmem:2" },
		{ "  DMA zone: 64 pages used for memmap", "" },
		{ "On node 0, zone DMA32: 32 pages in unavailable ranges", "unavail:0:DMA32" },
		{ "Zeroed struct page in unavailable ranges: 98 pages", "unavail-total" },
		{ "Reserved but unavailable: 98 pages", "unavail-total" },
		{ "NUMA: Node 0 [mem 0x0-0x9ffff] + [mem 0x100000-0x7fffffff] -> [mem 0x0-0x7fffffff]", "numa-merge" },
		{ "Faking a node at [mem 0x0000000000000000-0x000000007ffdffff]", "numa-fake" },
		{ "No NUMA configuration found", "numa-none" },
		{ "NODE_DATA(3) allocated [mem 0x7ffd5000-0x7fffffff]", "nodedata:3" },
		{ "    NODE_DATA(3) on node 1", "nodedata-on:3" },
		{ "Built 2 zonelists, mobility grouping on.  Total pages: 1031904", "zonelists" },
		{ "Memory: 1333816K/4193784K available (14343K kernel code)", "memory" },
		{ "[mem 0xc0000000-0xfffbffff] available for PCI devices", "pci-gap" },
		{ "e820: [mem 0xe0000000-0xfebfffff] available for PCI devices", "pci-gap" },
		{ "[gap 0xc0000000-0xfed1bfff] available for PCI devices", "pci-gap" },
		{ "Cannot find an available gap in the 32-bit address range", "pci-gap-none" },
		{ "PCI devices with unassigned 32-bit BARs may not work!", "pci-gap-none" },
		{ "e820: Cannot find an available gap in the 32-bit address range", "pci-gap-none" },
		{ "  DMA      [mem 0x1000-0xffffff]", "" },	/* outside a block */
		{ "random line", "" },
	};
	int block = 0;
	char key[64];

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		check_key(cases[i].line, &block, key, sizeof(key));
		if (strcmp(key, cases[i].key) != 0)
			fail_msg("line %zu \"%s\": key \"%s\", want \"%s\"", i,
				 cases[i].line, key, cases[i].key);
	}
}

static void
test_compare(void **state)
{
	static const char *const log[] = {
		"Zone ranges:",
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
		"  Normal   [mem 0x0000000100000000-0x000000013fffffff]",
		"Early memory node ranges",
		"  node   0: [mem 0x0000000000001000-0x000000000009efff]",
		"  node   0: [mem 0x0000000000100000-0x000000007fffffff]",
		"On node 0 totalpages: 100",
		"On node 0, zone DMA: 1 pages in unavailable ranges",
		"On node 0, zone DMA: 97 pages in unavailable ranges",
		"Built 1 zonelists, mobility grouping on.  Total pages: 5",
		"Memory: 100K/4000K available (1K kernel code)",
	};
	static const char *const pred[] = {
		"BIOS-e820: whatever",
		"Zone ranges:",
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
		"  Normal   [mem 0x0000000100000000-0x000000017fffffff]",
		"  Device   empty",
		"Early memory node ranges",
		"  node   0: [mem 0x0000000000001000-0x000000000009efff]",
		"  node   0: [mem 0x0000000000100000-0x000000007fffffff]",
		"On node 0, zone DMA: 1 pages in unavailable ranges",
		"Built 1 zonelists, mobility grouping on.  Total pages: 5",
		"Memory: 200K/4000K available (2K kernel code)",
	};
	struct check_result r;

	(void)state;
	check_compare(log, N(log), pred, N(pred), &r);
	assert_int_equal(r.matched, 7);	/* DMA, DMA32, 2 nodes, 1 unavail, zonelists, memory */
	assert_int_equal(r.differed, 2);	/* Normal, extra Device */
	assert_int_equal(r.not_predicted, 1);	/* second DMA unavailable line */
	assert_int_equal(r.nr, 10);
	assert_int_equal(r.items[2].verdict, CHECK_DIFFERED);
	assert_int_equal(r.items[2].log_index, 3);
	assert_string_equal(r.items[2].predicted, pred[4]);
	assert_int_equal(r.items[6].verdict, CHECK_NOT_PREDICTED);
	assert_int_equal(r.items[9].verdict, CHECK_EXTRA);
	assert_string_equal(r.items[9].predicted, "  Device   empty");
	check_release(&r);
}

/* Only Memory:'s total counts; the pairing of equal keys is in order. */
static void
test_memory_total_and_order(void **state)
{
	static const char *const log[] = {
		"NODE_DATA(1) allocated [mem 0x1000-0x2000]",
		"NODE_DATA(0) allocated [mem 0x3000-0x4000]",
		"Memory: 1K/4000K available",
	};
	static const char *const pred[] = {
		"NODE_DATA(0) allocated [mem 0x3000-0x4000]",
		"NODE_DATA(1) allocated [mem 0x1000-0x2000]",
		"Memory: 1K/4001K available",
	};
	struct check_result r;

	(void)state;
	check_compare(log, N(log), pred, N(pred), &r);
	assert_int_equal(r.matched, 2);
	assert_int_equal(r.differed, 1);
	assert_int_equal(r.items[2].verdict, CHECK_DIFFERED);
	check_release(&r);
	check_compare(NULL, 0, NULL, 0, &r);
	assert_int_equal(r.nr, 0);
	check_release(&r);
}

/* Many lines of one key: linear-logarithmic, not quadratic. */
static void
test_many_lines(void **state)
{
	enum { COUNT = 200000 };
	const char **lines = malloc(COUNT * sizeof(*lines));
	struct check_result r;

	(void)state;
	for (size_t i = 0; i < COUNT; i++)
		lines[i] = "No NUMA configuration found";
	check_compare(lines, COUNT, lines, COUNT / 2, &r);
	assert_int_equal(r.matched, COUNT / 2);
	assert_int_equal(r.not_predicted, COUNT / 2);
	check_release(&r);
	free(lines);
}

/* The bootmem era's keys, and the same lines unkeyed by check_key (later
 * kernels print look-alikes the memblock boot does not predict). */
static void
test_bootmem_keys(void **state)
{
	static const struct {
		const char *line, *key;
	} cases[] = {
		{ "127MB HIGHMEM available.", "highmem" },
		{ "896MB LOWMEM available.", "lowmem" },
		{ "On node 0 totalpages: 262128", "totalpages:0" },
		{ "zone(2): 556928 pages.", "zone24:2" },
		{ "  DMA32 zone: 0 pages, LIFO batch:0", "lifo:DMA32" },
		{ "Entering add_active_range(0, 0, 65536) 0 entries of 256 used", "add-active-range" },
		{ "Zone PFN ranges:", "pfnranges" },
		{ "  DMA             0 ->     4096", "pfnrange:DMA" },
		{ "  HighMem     65536 ->    65536", "pfnrange:HighMem" },
		{ "Movable zone start PFN for each node", "movable-start" },
		{ "early_node_map[1] active PFN ranges", "nodemap" },
		{ "    0:        0 ->    65536", "activerange:0" },
		{ "On node 0 totalpages: 65536", "totalpages:0" },
		{ "  Normal zone: 480 pages used for memmap", "memmap:Normal" },
		{ "  DMA zone: 0 pages reserved", "zone-reserved:DMA" },
		{ "  Normal zone: 60960 pages, LIFO batch:15", "lifo:Normal" },
		{ "Building zonelist for node : 0", "zonelists" },
		{ "Built 1 zonelists in Zone order, mobility grouping on.  Total pages: 1300480", "zonelists" },
		{ "Memory: 248888k/262144k available (1993k kernel code, 12736k reserved, 900k data, 328k init, 0k highmem)", "memory" },
		{ "random line", "" },
	};
	int block = 0, plain = 0;
	char key[64];

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		check_key_bootmem(cases[i].line, &block, key, sizeof(key));
		if (strcmp(key, cases[i].key) != 0)
			fail_msg("line %zu \"%s\": key \"%s\", want \"%s\"", i,
				 cases[i].line, key, cases[i].key);
		check_key(cases[i].line, &plain, key, sizeof(key));
		if (key[0] && strcmp(key, "zonelists") != 0)
			fail_msg("line %zu \"%s\": check_key gives \"%s\", want none", i,
				 cases[i].line, key);
	}
}

/* Both numbers of the 2.x Memory: line count, and the era's lines are
 * compared only when the prediction is of that era. */
static void
test_bootmem_compare(void **state)
{
	const char *log[] = {
		"896MB LOWMEM available.",
		"  DMA zone: 4096 pages, LIFO batch:0",
		"Memory: 1032256k/1048512k available (4203k kernel code, 15600k reserved, 1592k data, 292k init, 131008k highmem)",
	};
	const char *same[] = {
		"896MB LOWMEM available.",
		"  DMA zone: 4096 pages, LIFO batch:0",
		"Memory: 1032256k/1048512k available (2148k kernel code, 11252k reserved, 720k data, 232k init, 131008k highmem)",
	};
	const char *avail[] = {
		"896MB LOWMEM available.",
		"  DMA zone: 4096 pages, LIFO batch:0",
		"Memory: 1032260k/1048512k available (4203k kernel code, 15600k reserved, 1592k data, 292k init, 131008k highmem)",
	};
	const char *modern[] = {
		"Memory: 1032256K/1048512K available (4203K kernel code)",
	};
	struct check_result r;

	(void)state;
	check_compare(log, 3, same, 3, &r);
	assert_int_equal(r.matched, 3);
	assert_int_equal(r.differed, 0);
	check_release(&r);
	check_compare(log, 3, avail, 3, &r);
	assert_int_equal(r.matched, 2);
	assert_int_equal(r.differed, 1);
	check_release(&r);
	/* a memblock-era prediction: nothing of the log is compared, the
	 * prediction's own Memory: line is extra */
	check_compare(log, 3, modern, 1, &r);
	assert_int_equal(r.matched + r.not_predicted, 0);
	assert_int_equal(r.differed, 1);
	check_release(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_bootmem_keys),
		cmocka_unit_test(test_bootmem_compare),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_memory_total_and_order),
		cmocka_unit_test(test_many_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
