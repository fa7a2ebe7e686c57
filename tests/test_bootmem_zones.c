/*
 * test_bootmem_zones.c - the bootmem era's zone lines (src/bootmem_zones.c)
 * against lines real kernels printed (tests/data/dmesg-2.6, the file named
 * at each case): zone_batchsize() in its three forms, the pages a zone's
 * memmap takes rounded down and up, the pages left on a per-cpu list in
 * both drain orders, free_area_init's lines of 2.4, 2.6.15, 2.6.18 and
 * 2.6.20/2.6.26, and build_all_zonelists' line in every form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bootmem_zones.h"

/* 2.6.11 (plain), 2.6.13 (clamp), 2.6.20 (clamp of the halved batch) */
static void
test_zone_batch(void **state)
{
	static const struct {
		const char *version;
		uint64_t present, batch;
	} cases[] = {
		{ "2.6.11", 4096, 1 },		/* 018: DMA */
		{ "2.6.11", 225280, 16 },	/* 018: Normal */
		{ "2.6.11", 4227072, 16 },	/* 018: HighMem, capped at 64 / 4 */
		{ "2.6.7", 32752, 7 },		/* 016: HighMem */
		{ "2.6.12-rc3", 294896, 16 },	/* 019: HighMem */
		{ "2.6.0", 0, 1 },		/* 014: an empty zone still gets 1 */
		{ "2.6.12", 4096, 1 },		/* 020: DMA */
		{ "2.6.12", 225280, 31 },	/* 020: Normal */
		{ "2.6.13-rc6", 556976, 31 },	/* 021: HighMem */
		{ "2.6.12", 0, 1 },		/* 020: empty HighMem */
		{ "2.6.15", 4096, 0 },		/* 022: DMA */
		{ "2.6.15", 0, 0 },		/* 022: DMA32 */
		{ "2.6.15", 225280, 31 },	/* 022: Normal */
		{ "2.6.15", 32752, 7 },		/* 022: HighMem */
		{ "2.6.22", 60958, 15 },	/* 026: Normal */
		{ "2.6.20", 4064, 0 },		/* 025: DMA after its memmap */
		{ "2.6.24", 1072896, 31 },	/* 028: HighMem */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kernel_profile p;
		uint64_t got;

		profile_from_version(cases[i].version, &p);
		got = bootmem_zone_batch(&p, cases[i].present);
		if (got != cases[i].batch)
			fail_msg("%s, %llu pages: batch %llu, want %llu", cases[i].version,
				 (unsigned long long)cases[i].present, (unsigned long long)got,
				 (unsigned long long)cases[i].batch);
	}
}

/* 026 (2.6.22): Normal spans 61437 pages, 61437 x 32 / 4096 = 479.97 ->
 * 479; 029 (2.6.26): 61120 pages, 477.5 -> 478. */
static void
test_memmap_pages(void **state)
{
	struct kernel_profile p;

	(void)state;
	profile_from_version("2.6.22-14-generic", &p);
	assert_int_equal(bootmem_memmap_pages(&p, 61437, 32), 479);
	assert_int_equal(bootmem_memmap_pages(&p, 4096, 32), 32);
	profile_from_version("2.6.26-1-686", &p);
	assert_int_equal(bootmem_memmap_pages(&p, 61120, 32), 478);
	assert_int_equal(bootmem_memmap_pages(&p, 0, 32), 0);
}

/* A hot list holds up to 6 batches: 2.6.11 drains a batch before adding
 * to a full list, 2.6.15 after the add that fills it; 2.4 has no lists. */
static void
test_pcp_held(void **state)
{
	struct kernel_profile p;

	(void)state;
	profile_from_version("2.4.22", &p);
	assert_int_equal(bootmem_pcp_held(&p, 16, 1000), 0);
	profile_from_version("2.6.11", &p);
	assert_int_equal(bootmem_pcp_held(&p, 16, 95), 95);
	assert_int_equal(bootmem_pcp_held(&p, 16, 96), 96);
	assert_int_equal(bootmem_pcp_held(&p, 16, 97), 81);
	assert_int_equal(bootmem_pcp_held(&p, 1, 100), 6);
	profile_from_version("2.6.15", &p);
	assert_int_equal(bootmem_pcp_held(&p, 16, 95), 95);
	assert_int_equal(bootmem_pcp_held(&p, 16, 96), 80);
	/* 022's HighMem: 32752 pages one by one, batch 7, high 42: after
	 * the first 42 the list cycles 35..41, (32752 - 42) % 7 = 6 -> 41 */
	assert_int_equal(bootmem_pcp_held(&p, 7, 32752), 41);
	/* batch 0 (a DMA zone): high 0, each page goes straight back */
	assert_int_equal(bootmem_pcp_held(&p, 0, 500), 0);
}

static void
assert_lines(const struct klog *log, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n && i < log->nr; i++)
		if (strcmp(log->lines[i].text, want[i]) != 0)
			fail_msg("line %zu: \"%s\", want \"%s\"", i, log->lines[i].text, want[i]);
	if (log->nr != n)
		fail_msg("%zu lines, want %zu", log->nr, n);
}

static void
zones_lines(const char *version, uint64_t max_low, uint64_t highend, bool highmem,
	    const char *const *want, size_t n, uint64_t total)
{
	struct kernel_profile p;
	struct klog log;
	struct bootmem_zones z = { .max_low_pfn = max_low, .highend_pfn = highend,
				   .highmem = highmem, .struct_page_size = 32,
				   .pageblock_order = 10, .migrate_types = 5 };

	profile_from_version(version, &p);
	klog_init(&log);
	bootmem_zones_init(&z, &p, &log);
	assert_lines(&log, want, n);
	assert_int_equal(z.total_pages, total);
	klog_release(&log);
}

/* 005 (2.4.17, 3 GiB): every zone's span, HighMem with its holes */
static void
test_zones_2_4(void **state)
{
	static const char *const want[] = {
		"On node 0 totalpages: 786304",
		"zone(0): 4096 pages.",
		"zone(1): 225280 pages.",
		"zone(2): 556928 pages.",
	};

	(void)state;
	zones_lines("2.4.17-3smp", 229376, 786304, true, want, 4, 786304);
}

/* 001 (2.4.1, 64 MiB, no CONFIG_HIGHMEM): zone(2) is still printed */
static void
test_zones_2_4_no_highmem(void **state)
{
	static const char *const want[] = {
		"On node 0 totalpages: 16624",
		"zone(0): 4096 pages.",
		"zone(1): 12528 pages.",
		"zone(2): 0 pages.",
	};

	(void)state;
	zones_lines("2.4.1", 16624, 16624, false, want, 4, 16624);
}

/* 022 (2.6.15, 1 GiB): every zone, the empty DMA32 one included */
static void
test_zones_2_6_15(void **state)
{
	static const char *const want[] = {
		"On node 0 totalpages: 262128",
		"  DMA zone: 4096 pages, LIFO batch:0",
		"  DMA32 zone: 0 pages, LIFO batch:0",
		"  Normal zone: 225280 pages, LIFO batch:31",
		"  HighMem zone: 32752 pages, LIFO batch:7",
	};

	(void)state;
	zones_lines("2.6.15", 229376, 262128, true, want, 5, 262128);
}

/* 024 (2.6.18-rc6, 502 MiB, no CONFIG_HIGHMEM): populated zones only */
static void
test_zones_2_6_18(void **state)
{
	static const char *const want[] = {
		"On node 0 totalpages: 128640",
		"  DMA zone: 4096 pages, LIFO batch:0",
		"  Normal zone: 124544 pages, LIFO batch:31",
	};

	(void)state;
	zones_lines("2.6.18-rc6", 128640, 128640, false, want, 3, 128640);
}

/* 025 (2.6.20, 256 MiB, empty HighMem): the node map era */
static void
test_zones_2_6_20(void **state)
{
	static const char *const want[] = {
		"Entering add_active_range(0, 0, 65536) 0 entries of 256 used",
		"Zone PFN ranges:",
		"  DMA             0 ->     4096",
		"  Normal       4096 ->    65536",
		"  HighMem     65536 ->    65536",
		"early_node_map[1] active PFN ranges",
		"    0:        0 ->    65536",
		"On node 0 totalpages: 65536",
		"  DMA zone: 32 pages used for memmap",
		"  DMA zone: 0 pages reserved",
		"  DMA zone: 4064 pages, LIFO batch:0",
		"  Normal zone: 480 pages used for memmap",
		"  Normal zone: 60960 pages, LIFO batch:15",
		"  HighMem zone: 0 pages used for memmap",
	};

	(void)state;
	zones_lines("2.6.20-16-generic", 65536, 65536, true, want, 14, 65024);
}

/* 029 (2.6.26, 255 MiB): Movable, and the memmap rounded up */
static void
test_zones_2_6_26(void **state)
{
	static const char *const want[] = {
		"Entering add_active_range(0, 0, 65216) 0 entries of 256 used",
		"Zone PFN ranges:",
		"  DMA             0 ->     4096",
		"  Normal       4096 ->    65216",
		"  HighMem     65216 ->    65216",
		"Movable zone start PFN for each node",
		"early_node_map[1] active PFN ranges",
		"    0:        0 ->    65216",
		"On node 0 totalpages: 65216",
		"  DMA zone: 32 pages used for memmap",
		"  DMA zone: 0 pages reserved",
		"  DMA zone: 4064 pages, LIFO batch:0",
		"  Normal zone: 478 pages used for memmap",
		"  Normal zone: 60642 pages, LIFO batch:15",
		"  HighMem zone: 0 pages used for memmap",
		"  Movable zone: 0 pages used for memmap",
	};

	(void)state;
	zones_lines("2.6.26-1-686", 65216, 65216, true, want, 16, 64706);
}

static void
zonelist_line(const char *version, uint64_t total, const char *want)
{
	struct kernel_profile p;
	struct klog log;
	struct bootmem_zones z = { .total_pages = total, .pageblock_order = 10,
				   .migrate_types = 5 };

	profile_from_version(version, &p);
	klog_init(&log);
	bootmem_zonelists_print(&z, &p, &log);
	if (!want) {
		assert_int_equal(log.nr, 0);
	} else {
		assert_int_equal(log.nr, 1);
		assert_string_equal(log.lines[0].text, want);
	}
	klog_release(&log);
}

static void
test_zonelist_lines(void **state)
{
	(void)state;
	zonelist_line("2.4.22", 1000, NULL);
	zonelist_line("2.6.0-test9", 9216, "Building zonelist for node : 0");
	zonelist_line("2.6.15", 262128, "Built 1 zonelists");
	zonelist_line("2.6.18-rc6", 128640, "Built 1 zonelists.  Total pages: 128640");
	zonelist_line("2.6.23", 65022, "Built 1 zonelists in Zone order.  Total pages: 65022");
	zonelist_line("2.6.24-23-server", 1300480,
		      "Built 1 zonelists in Zone order, mobility grouping on.  Total pages: 1300480");
	/* fewer pages than a pageblock of each of the 5 migrate types */
	zonelist_line("2.6.26", 5119,
		      "Built 1 zonelists in Zone order, mobility grouping off.  Total pages: 5119");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zone_batch),
		cmocka_unit_test(test_memmap_pages),
		cmocka_unit_test(test_pcp_held),
		cmocka_unit_test(test_zones_2_4),
		cmocka_unit_test(test_zones_2_4_no_highmem),
		cmocka_unit_test(test_zones_2_6_15),
		cmocka_unit_test(test_zones_2_6_18),
		cmocka_unit_test(test_zones_2_6_20),
		cmocka_unit_test(test_zones_2_6_26),
		cmocka_unit_test(test_zonelist_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
