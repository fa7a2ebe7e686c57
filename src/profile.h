/*
 * profile.h - where the kernel's printed lines and rules differ between
 * versions, chosen from the machine's kernel version ("5.4.0-110-generic").
 * The reference is 6.1; older kernels differ in a handful of places.
 */
#ifndef MEMBOOT_PROFILE_H
#define MEMBOOT_PROFILE_H

#include <stdbool.h>

enum unavailable_style {
	UNAVAIL_NONE,		/* before 4.15: nothing printed */
	UNAVAIL_RESERVED,	/* 4.15-5.2: "Reserved but unavailable: N pages" */
	UNAVAIL_ZEROED,		/* 5.3-5.9: "Zeroed struct page in unavailable ranges: N pages" */
	UNAVAIL_PER_ZONE,	/* 5.10+: "On node N, zone Z: N pages in unavailable ranges" */
};

/* The zone lines of the i386 bootmem boot (free_area_init and after). */
enum bootmem_zone_lines {
	ZONES_2_4,		/* "zone(N): P pages." for every zone (2.4) */
	ZONES_LIFO_ALL,		/* "  Z zone: P pages, LIFO batch:B", every zone (2.6.0-2.6.16) */
	ZONES_LIFO_PRESENT,	/* the same, zones with pages only (zone_pcp_init, 2.6.17-2.6.18) */
	ZONES_NODE_MAP,		/* Zone PFN ranges, early_node_map, memmap lines (2.6.19+) */
};

/* How zone_batchsize() turns a zone's pages into its LIFO batch. */
enum lifo_batch {
	LIFO_PLAIN,		/* min(pages/1024, 64)/4, at least 1 (before 2.6.12) */
	LIFO_CLAMP,		/* then (1 << fls(b + b/2)) - 1 (2.6.12-2.6.14) */
	LIFO_CLAMP_HALF,	/* min(pages/1024, 128)/4, then (1 << (fls(b + b/2) - 1)) - 1 (2.6.15+) */
};

/* build_all_zonelists()'s line in the bootmem era. */
enum bootmem_zonelist_line {
	ZONELIST_NONE,		/* 2.4 prints nothing */
	ZONELIST_BUILDING,	/* "Building zonelist for node : N" (2.6.0-2.6.5) */
	ZONELIST_BUILT,		/* "Built N zonelists" (2.6.6-2.6.17) */
	ZONELIST_BUILT_TOTAL,	/* "Built N zonelists.  Total pages: T" (2.6.18-2.6.22) */
	ZONELIST_BUILT_ORDER,	/* "... in Zone order.  Total pages: T" (2.6.23) */
	ZONELIST_BUILT_MOBILITY, /* "... in Zone order, mobility grouping on.  Total pages: T" (2.6.24+) */
};

struct kernel_profile {
	int major, minor, patch;
	int rc;				/* N of an "-rcN" suffix, 0 for a release */
	bool e820_prefix;		/* "e820: " before the map header and last_pfn (< 4.18) */
	bool zonelist_order;		/* "Built N zonelists in Node order" (< 4.14) */
	enum unavailable_style unavailable;
	bool reserve_first_1m;		/* the whole first MiB reserved (5.13+); else 64 KiB */
	bool memoryless_lines;		/* "Initializing node N as memoryless" (5.18+) */
	bool bootmem;			/* 2.4 and 2.6 before 2.6.27: the i386 bootmem bitmap boot */
	bool x86_memblock;		/* 2.6.35+: x86's early allocator is memblock */
	bool bootmem_twice_always;	/* "reserved twice" without CONFIG_DEBUG_BOOTMEM (< 2.6.3) */
	bool bootmem_ebda;		/* setup_bootmem_allocator reserves the EBDA page (2.6) */
	bool mem_map_max_order_aligned;	/* mem_map covers whole MAX_ORDER blocks (2.6.16+) */
	bool bootmem_lowmem_line;	/* "NNNMB LOWMEM available." (2.4.19+) */
	bool e820_size_at_start;	/* the map printed "size @ start" (2.4.0-2.4.3) */
	bool bootmem_highmem64g;	/* "Use a HIGHMEM64G enabled kernel." (2.6.24+), not "PAE" */
	enum bootmem_zone_lines bootmem_zones;
	enum lifo_batch lifo_batch;
	bool bootmem_dma32;		/* i386 has an empty DMA32 zone (2.6.14-2.6.16) */
	bool bootmem_movable;		/* ZONE_MOVABLE exists (2.6.23+) */
	bool memmap_pages_round_up;	/* "pages used for memmap" rounds up (2.6.26+) */
	enum bootmem_zonelist_line bootmem_zonelist;
	bool pcp_lists;			/* order-0 frees wait on per-cpu lists (2.6) */
	bool pcp_drain_after_add;	/* free_hot_cold_page drains after adding (2.6.15+) */
	bool fallback_order;		/* "Fallback order for Node N: ..." (5.16+) */
	bool trampoline_24k;		/* a 24 KiB real-mode trampoline (4.8-5.12); else 28 KiB */
	bool randomize_memory;		/* CONFIG_RANDOMIZE_MEMORY exists (4.8+) */
	bool distro_5level;		/* distributions build CONFIG_X86_5LEVEL (4.18+) */
	bool early_reserve_memory;	/* the first 64 KiB and the BIOS area reserved before
					 * the e820 map is printed (5.12+); before, page 0
					 * early and the BIOS area after e820__memblock_setup */
	bool phys_alloc_callers;	/* x86 allocates through memblock_phys_alloc_range
					 * (5.15+), not memblock_find_in_range + reserve */
	bool phys_alloc_dbg;		/* memblock_phys_alloc_range prints its call (5.12+) */
	bool pcp_batch_1m;		/* zone_batchsize caps at 1 MiB, before 512 KiB (4.19+) */
	bool zone_debug_quiet;		/* per-zone memmap / reserved / LIFO batch lines are
					 * pr_debug, not KERN_DEBUG (5.14+) */
	bool memblock_phys_free_name;	/* "memblock_phys_free:", before "memblock_free:" (5.16+) */
	bool zonelists_in_mm_core_init;	/* zonelists built after the early hash tables (6.4+) */
	bool total_pages_present;	/* "Total pages" counts present pages (6.9+) */
	bool srat_cpu_quiet;		/* no "SRAT: PXM -> APIC" lines (6.12+) */
	bool numa_low_dram_start;	/* NUMA blocks trimmed to memblock's first byte, not 0 (6.12+) */
	bool numa_reset_no_node;	/* numa_init resets memblock's nids to NUMA_NO_NODE,
					 * not MAX_NUMNODES (6.12+) */
	bool node_data_cacheline;	/* NODE_DATA sized exactly, cache-line aligned (6.12+) */
	bool memblock_kho;		/* the kexec-handover memblock (6.16+): reservations
					 * print as "__memblock_reserve: [...] nid=N flags=F",
					 * the kernel's own MEMBLOCK_RSRV_KERN, and the first
					 * MiB is KHO scratch until the trampoline is placed */
	bool vmemmap_no_buffer;		/* no sparse buffer: each section's memmap and the
					 * vmemmap tables allocated on their own, "not leak
					 * traced", usemaps without the NODE_DATA goal (7.0+) */
	bool e820_gaps_names;		/* e820 "System RAM"/"device reserved" names and
					 * "[gap ...]" lines (7.0+) */
	bool pci_gap_forward;		/* the PCI gap printed "[gap ...]", searched from
					 * the bottom of the table (7.0+); before "[mem ...]",
					 * from the top */
};

/* The profile for a version string; NULL or unparsable means 6.1. */
void profile_from_version(const char *version, struct kernel_profile *p);

/* Whether version starts with major.minor (2 <= major < 100), as
 * profile_from_version reads it. */
bool profile_version_valid(const char *version);

#endif
