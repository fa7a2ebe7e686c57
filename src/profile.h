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

struct kernel_profile {
	int major, minor, patch;
	bool e820_prefix;		/* "e820: " before the map header and last_pfn (< 4.18) */
	bool zonelist_order;		/* "Built N zonelists in Node order" (< 4.14) */
	enum unavailable_style unavailable;
	bool reserve_first_1m;		/* the whole first MiB reserved (5.13+); else 64 KiB */
	bool memoryless_lines;		/* "Initializing node N as memoryless" (5.18+) */
	bool bootmem;			/* 2.4 and 2.6 before 2.6.27: the i386 bootmem bitmap boot */
	bool bootmem_twice_always;	/* "reserved twice" without CONFIG_DEBUG_BOOTMEM (< 2.6.3) */
	bool bootmem_ebda;		/* setup_bootmem_allocator reserves the EBDA page (2.6) */
	bool mem_map_max_order_aligned;	/* mem_map covers whole MAX_ORDER blocks (2.6.16+) */
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
	bool zone_debug_quiet;		/* per-zone memmap / reserved / LIFO batch lines are
					 * pr_debug, not KERN_DEBUG (5.14+) */
	bool memblock_phys_free_name;	/* "memblock_phys_free:", before "memblock_free:" (5.16+) */
	bool zonelists_in_mm_core_init;	/* zonelists built after the early hash tables (6.4+) */
	bool total_pages_present;	/* "Total pages" counts present pages (6.9+) */
	bool srat_cpu_quiet;		/* no "SRAT: PXM -> APIC" lines (6.12+) */
	bool numa_low_dram_start;	/* NUMA blocks trimmed to memblock's first byte, not 0 (6.12+) */
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
};

/* The profile for a version string; NULL or unparsable means 6.1. */
void profile_from_version(const char *version, struct kernel_profile *p);

#endif
