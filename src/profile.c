/*
 * profile.c - kernel-version behaviour profiles. The version boundaries
 * come from the kernels whose logs the corpus holds (4.4, 4.8, 4.15, 4.19,
 * 5.3, 5.4, 5.10, 5.11, 5.13, 5.16, 5.19, 6.0-6.4) and from the commits that
 * changed each line; where only logs bound a change the boundary is the
 * oldest version seen printing the new form. The rules from 5.12 on are
 * compared line by line on real 5.10, 6.1, 6.12 and 7.2 boots in
 * tests/data/qemu-versions.md.
 */
#include "profile.h"

#include <stdlib.h>
#include <string.h>

static bool
at_least(const struct kernel_profile *p, int major, int minor)
{
	return p->major > major || (p->major == major && p->minor >= minor);
}

/* 2.6.x releases count in the third number */
static bool
at_least_2_6(const struct kernel_profile *p, int patch)
{
	return at_least(p, 2, 7) || (p->major == 2 && p->minor == 6 && p->patch >= patch);
}

/* 2.6.patch itself, not its release candidates */
static bool
released_2_6(const struct kernel_profile *p, int patch)
{
	return at_least_2_6(p, patch + 1) || (at_least_2_6(p, patch) && !p->rc);
}

/* 2.4.x (and later) */
static bool
at_least_2_4(const struct kernel_profile *p, int patch)
{
	return at_least(p, 2, 5) || (p->major == 2 && p->minor == 4 && p->patch >= patch);
}

/* The rules of the i386 bootmem boot (2.4-2.6.26); the boundaries are the
 * oldest corpus log printing the new form (tests/data/dmesg-2.6) unless a
 * commit is named. */
static void
bootmem_rules(struct kernel_profile *p)
{
	/* setup_memory() prints LOWMEM from 2.4.19 (2.4.17 does not) */
	p->bootmem_lowmem_line = at_least_2_4(p, 19);
	/* print_memory_map() printed size @ start up to 2.4.3 (2.4.3-pre2
	 * does, the 2.4.11 source prints start - end): 2.4.4 is taken as the
	 * first with start - end */
	p->e820_size_at_start = at_least(p, 2, 4) && !at_least_2_4(p, 4);
	/* the advice above 4 GiB: "PAE" in 2.6.22, "HIGHMEM64G" in 2.6.24 */
	p->bootmem_highmem64g = at_least_2_6(p, 24);
	if (at_least_2_6(p, 19))	/* arch-independent zone sizing, 2.6.19 */
		p->bootmem_zones = ZONES_NODE_MAP;
	else if (at_least_2_6(p, 17))	/* zone_pcp_init() prints populated zones */
		p->bootmem_zones = ZONES_LIFO_PRESENT;
	else if (at_least(p, 2, 6))
		p->bootmem_zones = ZONES_LIFO_ALL;
	else
		p->bootmem_zones = ZONES_2_4;
	/* the 2^n - 1 clamp: 2.6.12-rc3 has none, 2.6.12 has it; the
	 * 512 KiB cap and the halved clamp: 2.6.15 (2.6.13-rc6 has not) */
	if (at_least_2_6(p, 15))
		p->lifo_batch = LIFO_CLAMP_HALF;
	else if (released_2_6(p, 12))
		p->lifo_batch = LIFO_CLAMP;
	else
		p->lifo_batch = LIFO_PLAIN;
	/* ZONE_DMA32 came in 2.6.14 for every arch; from 2.6.17 an empty
	 * zone prints nothing, from 2.6.19 i386 does not configure it */
	p->bootmem_dma32 = at_least_2_6(p, 14) && !at_least_2_6(p, 19);
	/* "Create the ZONE_MOVABLE zone", 2.6.23 */
	p->bootmem_movable = at_least_2_6(p, 23);
	/* PAGE_ALIGN of the memmap size: 2.6.22 rounds down, 2.6.26 up */
	p->memmap_pages_round_up = at_least_2_6(p, 26);
	/* per-cpu hot/cold page lists arrived in 2.5; free_hot_cold_page()
	 * drains before adding in the 2.6.11 source and after it in 2.6.20's;
	 * 2.6.15 is taken as the first to drain after (unverified between:
	 * the corpus's 2.6.12-2.6.13 logs fit both orders about as well) */
	p->pcp_lists = at_least(p, 2, 6);
	p->pcp_drain_after_add = at_least_2_6(p, 15);
	if (at_least_2_6(p, 24))	/* page_group_by_mobility_disabled */
		p->bootmem_zonelist = ZONELIST_BUILT_MOBILITY;
	else if (at_least_2_6(p, 23))	/* zonelist order selection */
		p->bootmem_zonelist = ZONELIST_BUILT_ORDER;
	else if (at_least_2_6(p, 18))
		p->bootmem_zonelist = ZONELIST_BUILT_TOTAL;
	else if (at_least_2_6(p, 6))	/* 2.6.0-test9 prints Building, 2.6.6 Built */
		p->bootmem_zonelist = ZONELIST_BUILT;
	else if (at_least(p, 2, 6))
		p->bootmem_zonelist = ZONELIST_BUILDING;
	else
		p->bootmem_zonelist = ZONELIST_NONE;
}

/* major.minor[.patch][-rcN] into p; false (p untouched) when version
 * does not start with a major and a minor number */
static bool
parse_version(const char *version, struct kernel_profile *p)
{
	char *end;
	long major, minor;
	const char *q;

	if (!version)
		return false;
	major = strtol(version, &end, 10);
	if (end == version || *end != '.' || major < 2 || major >= 100)
		return false;
	q = end + 1;
	minor = strtol(q, &end, 10);
	if (end == q || minor < 0 || minor >= 1000)
		return false;
	p->major = (int)major;
	p->minor = (int)minor;
	if (*end == '.') {
		q = end + 1;
		long patch = strtol(q, &end, 10);

		if (end != q && patch >= 0 && patch < 1000)
			p->patch = (int)patch;
	}
	if (strncmp(end, "-rc", 3) == 0) {
		long rc = strtol(end + 3, &end, 10);

		if (rc > 0 && rc < 100)
			p->rc = (int)rc;
	}
	return true;
}

bool
profile_version_valid(const char *version)
{
	struct kernel_profile p = {0};

	return parse_version(version, &p);
}

void
profile_from_version(const char *version, struct kernel_profile *p)
{
	p->major = 6;
	p->minor = 1;
	p->patch = 0;
	p->rc = 0;
	parse_version(version, p);
	/* the e820 code lost its "e820: " pr_fmt prefix between 4.15 and
	 * 4.19 (both in the corpus); 4.18 is taken as the first without */
	p->e820_prefix = !at_least(p, 4, 18);
	/* zonelist ordering (node/zone order) was removed in 4.14 */
	p->zonelist_order = !at_least(p, 4, 14);
	if (at_least(p, 5, 10))
		p->unavailable = UNAVAIL_PER_ZONE;
	else if (at_least(p, 5, 3))
		p->unavailable = UNAVAIL_ZEROED;
	else if (at_least(p, 4, 15))
		p->unavailable = UNAVAIL_RESERVED;
	else
		p->unavailable = UNAVAIL_NONE;
	/* "x86/setup: Always reserve the first 1M of RAM", 5.13 */
	p->reserve_first_1m = at_least(p, 5, 13);
	/* free_area_init() initialises offline nodes as memoryless, 5.18 */
	p->memoryless_lines = at_least(p, 5, 18);
	/* bootmem was rewritten in 2.6.27 and replaced by memblock on x86 in
	 * 2.6.35; the bootmem profile is the bitmap allocator of 2.4-2.6.26
	 * (boot_run uses it for x86_32 builds only) */
	p->bootmem = !at_least_2_6(p, 27);
	p->x86_memblock = at_least_2_6(p, 35);
	/* the warning went under CONFIG_DEBUG_BOOTMEM in 2.6.3 */
	p->bootmem_twice_always = !at_least_2_6(p, 3);
	/* reserve_ebda_region() is a 2.6 i386 setup_bootmem_allocator step */
	p->bootmem_ebda = at_least(p, 2, 6);
	/* alloc_node_mem_map rounds the node out to MAX_ORDER blocks, 2.6.16 */
	p->mem_map_max_order_aligned = at_least_2_6(p, 16);
	bootmem_rules(p);
	/* "mm/page_alloc: print node fallback order", 5.16 (the corpus has
	 * a NUMA 5.15 without and 5.16 with) */
	p->fallback_order = at_least(p, 5, 16);
	/* the real-mode blob the trampoline is sized from: 28 KiB on 4.4
	 * and 5.13+, 24 KiB on 4.8-5.4 (the corpus's reserved DMA pages);
	 * older kernels take the 4.4 size */
	p->trampoline_24k = at_least(p, 4, 8) && !at_least(p, 5, 13);
	/* "x86/mm: Implement ASLR for kernel memory regions", 4.8 */
	p->randomize_memory = at_least(p, 4, 8);
	/* X86_5LEVEL arrived in 4.14; distributions build it from about 4.18 */
	p->distro_5level = at_least(p, 4, 18);
	/* "x86/setup: Consolidate early memory reservations", 5.12 (the
	 * traced 5.10 reserves page 0 early and the BIOS area after the
	 * first memblock dump) */
	p->early_reserve_memory = at_least(p, 5, 12);
	/* "memblock: make memblock_find_in_range method private", 5.15:
	 * the trampoline, the direct map's page tables and its probe */
	p->phys_alloc_callers = at_least(p, 5, 15);
	/* "mm: memblock: add more debug logs", 5.12 (5.10 does not print
	 * the call, 6.1 does) */
	p->phys_alloc_dbg = at_least(p, 5, 12);
	/* "mm/page_alloc: double zone's batchsize", 4.19 (the corpus's 4.4
	 * and 4.15 logs print LIFO batch:31 where 5.3 prints 63) */
	p->pcp_batch_1m = at_least(p, 4, 19);
	/* free_area_init_core's and zone_pcp_init's KERN_DEBUG zone lines
	 * became pr_debug: the corpus's 5.13 prints them, its 5.15 does not */
	p->zone_debug_quiet = at_least(p, 5, 14);
	/* "memblock: rename memblock_free to memblock_phys_free", 5.16 */
	p->memblock_phys_free_name = at_least(p, 5, 16);
	/* "init,mm: move mm_init() to mm/mm_init.c and rename it to
	 * mm_core_init()", 6.4: build_all_zonelists() moved there, after
	 * vfs_caches_init_early() (the corpus: 6.2 builds them before the
	 * Dentry cache, 6.4 after) */
	p->zonelists_in_mm_core_init = at_least(p, 6, 4);
	/* the mm_init clean-up that dropped dma_reserve and the early
	 * managed-pages estimate, 6.9: "Total pages" is then the present
	 * pages (traced: 6.1 the estimate, 6.12 the present pages) */
	p->total_pages_present = at_least(p, 6, 9);
	/* "x86/mm: Don't print out SRAT table information", 6.12 */
	p->srat_cpu_quiet = at_least(p, 6, 12);
	/* numa_memblks moved to mm/, 6.12: numa_cleanup_meminfo() trims to
	 * memblock_start_of_DRAM() and alloc_node_data() takes the exact
	 * size at SMP_CACHE_BYTES alignment */
	p->numa_low_dram_start = at_least(p, 6, 12);
	p->node_data_cacheline = at_least(p, 6, 12);
	/* and numa_init() resets the nids with NUMA_NO_NODE (traced 6.12
	 * keeps NODE_DATA apart from the reserved region above it) */
	p->numa_reset_no_node = at_least(p, 6, 12);
	/* "memblock: add MEMBLOCK_RSRV_KERN flag" (kexec handover), 6.16:
	 * traced 6.12 prints memblock_reserve, 7.2 __memblock_reserve */
	p->memblock_kho = at_least(p, 6, 16);
	/* sparse_init without the sparse buffer: traced 6.12 allocates each
	 * node's memmap in one block, 7.2 each section's 2 MiB on its own
	 * (vmemmap_populate_hugepages); 7.0 is taken as the first */
	p->vmemmap_no_buffer = at_least(p, 7, 0);
	/* the e820 print clean-up: traced 6.12 prints the old form, 7.2 the
	 * new one; 7.0 is taken as the first */
	p->e820_gaps_names = at_least(p, 7, 0);
	/* the same series rewrote e820_search_gap() and renamed its line:
	 * traced 6.12 prints "[mem", 7.2 "[gap"; 7.0 is taken as the first */
	p->pci_gap_forward = at_least(p, 7, 0);
}
