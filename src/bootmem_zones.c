/*
 * bootmem_zones.c - the bootmem era's zone sizes and zone lines (see
 * bootmem_zones.h). The rules are read from 2.4.22 and 2.6.11/2.6.20
 * mm/page_alloc.c and arch/i386 zone_sizes_init; the boundaries between
 * the forms are profile.c's.
 */
#include "bootmem_zones.h"

#define PAGE_SHIFT	12
#define MAX_DMA_PFN	0x1000ull	/* virt_to_phys(MAX_DMA_ADDRESS) >> PAGE_SHIFT */
#define MAX_ACTIVE_REGIONS 256		/* i386 without NUMA */

/* The kernel's fls(): the 1-based index of the highest set bit, 0 for 0. */
static unsigned
fls(uint64_t x)
{
	unsigned n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

uint64_t
bootmem_zone_batch(const struct kernel_profile *p, uint64_t present)
{
	/* about a thousandth of the zone, at most 256 KiB (512 KiB from
	 * 2.6.15) of pages, a quarter of that */
	uint64_t cap = p->lifo_batch == LIFO_CLAMP_HALF ? 128 : 64;
	uint64_t batch = present / 1024;

	if (batch > cap)
		batch = cap;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	/* a 2^n - 1 batch aliases cache colours less */
	if (p->lifo_batch == LIFO_CLAMP)
		batch = (1ull << fls(batch + batch / 2)) - 1;
	else if (p->lifo_batch == LIFO_CLAMP_HALF)
		batch = (1ull << (fls(batch + batch / 2) - 1)) - 1;
	return batch;
}

uint64_t
bootmem_pcp_held(const struct kernel_profile *p, uint64_t batch, uint64_t n)
{
	/* setup_pageset(): the hot list holds up to 6 batches and gives a
	 * batch (at least one page from 2.6.15) back to the buddy at once */
	uint64_t high = 6 * batch, chunk = batch, count = 0;

	if (!p->pcp_lists)
		return 0;
	if (p->pcp_drain_after_add && chunk < 1)
		chunk = 1;
	for (uint64_t i = 0; i < n; i++) {
		if (!p->pcp_drain_after_add && count >= high)
			count -= chunk;
		count++;
		if (p->pcp_drain_after_add && count >= high)
			count -= chunk;
	}
	return count;
}

uint64_t
bootmem_memmap_pages(const struct kernel_profile *p, uint64_t spanned,
		     uint32_t struct_page_size)
{
	uint64_t bytes = spanned * struct_page_size;

	if (p->memmap_pages_round_up)
		bytes += (1ull << PAGE_SHIFT) - 1;
	return bytes >> PAGE_SHIFT;
}

/* The zones the build has, in zone order, for p's era. */
static bool
zone_exists(const struct bootmem_zones *z, const struct kernel_profile *p, enum zone_type t)
{
	switch (t) {
	case ZONE_DMA:
	case ZONE_NORMAL:
		return true;
	case ZONE_DMA32:
		return p->bootmem_dma32 && p->bootmem_zones != ZONES_2_4;
	case ZONE_HIGHMEM:
		/* a fixed zone array before 2.6.19 */
		return z->highmem || p->bootmem_zones != ZONES_NODE_MAP;
	case ZONE_MOVABLE:
		return p->bootmem_movable;
	default:
		return false;
	}
}

/* zone_sizes_init(): DMA below 16 MiB, Normal to max_low_pfn, HighMem to
 * highend_pfn (only with CONFIG_HIGHMEM); every span counts its holes. */
static void
size_zones(struct bootmem_zones *z)
{
	uint64_t end[MAX_NR_ZONES] = { 0 }, lo = 0;
	uint64_t high = z->highmem ? z->highend_pfn : z->max_low_pfn;

	end[ZONE_DMA] = MAX_DMA_PFN;
	end[ZONE_DMA32] = MAX_DMA_PFN;
	end[ZONE_NORMAL] = z->max_low_pfn;
	end[ZONE_HIGHMEM] = high;
	end[ZONE_MOVABLE] = high;
	z->totalpages = 0;
	for (int t = ZONE_DMA; t <= ZONE_MOVABLE; t++) {
		uint64_t hi = end[t] < high ? end[t] : high;

		hi = hi > lo ? hi : lo;
		z->start[t] = lo;
		z->spanned[t] = hi - lo;
		z->present[t] = hi - lo;
		z->totalpages += hi - lo;
		lo = hi;
	}
}

/* 2.4's free_area_init_core(): every zone's size. */
static void
print_2_4(const struct bootmem_zones *z, struct klog *log)
{
	static const enum zone_type order[] = { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM };

	klog_printf(log, KLOG_INFO, "On node 0 totalpages: %llu",
		    (unsigned long long)z->totalpages);
	for (unsigned j = 0; j < 3; j++)
		klog_printf(log, KLOG_INFO, "zone(%u): %llu pages.", j,
			    (unsigned long long)z->spanned[order[j]]);
}

static void
print_lifo(const struct bootmem_zones *z, const struct kernel_profile *p, enum zone_type t,
	   struct klog *log)
{
	/* 2.6.17's zone_pcp_init() prints only zones with pages */
	if (p->bootmem_zones != ZONES_LIFO_ALL && !z->present[t])
		return;
	klog_printf(log, KLOG_DEBUG, "  %s zone: %llu pages, LIFO batch:%llu", zone_name(t),
		    (unsigned long long)z->present[t],
		    (unsigned long long)bootmem_zone_batch(p, z->present[t]));
}

/* 2.6.19's free_area_init_nodes() and free_area_init_core(). */
static void
print_node_map(struct bootmem_zones *z, const struct kernel_profile *p, struct klog *log)
{
	uint64_t high = z->highmem ? z->highend_pfn : z->max_low_pfn;
	uint64_t lo = 0, hi;

	klog_printf(log, KLOG_DEBUG, "Entering add_active_range(0, 0, %llu) 0 entries of %d used",
		    (unsigned long long)high, MAX_ACTIVE_REGIONS);
	klog_printf(log, KLOG_INFO, "Zone PFN ranges:");
	/* each zone from the previous one's end to its max_zone_pfn, not
	 * clipped to memory; ZONE_MOVABLE is not listed */
	for (int t = ZONE_DMA; t < ZONE_MOVABLE; t++) {
		if (!zone_exists(z, p, (enum zone_type)t))
			continue;
		hi = t == ZONE_DMA ? MAX_DMA_PFN : t == ZONE_NORMAL ? z->max_low_pfn : z->highend_pfn;
		hi = hi > lo ? hi : lo;
		klog_printf(log, KLOG_INFO, "  %-8s %8llu -> %8llu", zone_name((enum zone_type)t),
			    (unsigned long long)lo, (unsigned long long)hi);
		lo = hi;
	}
	if (p->bootmem_movable)
		klog_printf(log, KLOG_INFO, "Movable zone start PFN for each node");
	klog_printf(log, KLOG_INFO, "early_node_map[1] active PFN ranges");
	klog_printf(log, KLOG_INFO, "  %3d: %8llu -> %8llu", 0, 0ull, (unsigned long long)high);
	klog_printf(log, KLOG_DEBUG, "On node 0 totalpages: %llu",
		    (unsigned long long)z->totalpages);
	for (int t = ZONE_DMA; t <= ZONE_MOVABLE; t++) {
		uint64_t memmap;

		if (!zone_exists(z, p, (enum zone_type)t))
			continue;
		memmap = bootmem_memmap_pages(p, z->spanned[t], z->struct_page_size);
		if (z->present[t] >= memmap) {
			z->present[t] -= memmap;
			klog_printf(log, KLOG_DEBUG, "  %s zone: %llu pages used for memmap",
				    zone_name((enum zone_type)t), (unsigned long long)memmap);
		} else {
			klog_printf(log, KLOG_INFO, "  %s zone: %llu pages exceeds realsize %llu",
				    zone_name((enum zone_type)t), (unsigned long long)memmap,
				    (unsigned long long)z->present[t]);
		}
		/* i386 has no dma_reserve: 0 pages, printed when DMA has any */
		if (t == ZONE_DMA && z->present[t] > 0)
			klog_printf(log, KLOG_DEBUG, "  DMA zone: 0 pages reserved");
		print_lifo(z, p, (enum zone_type)t, log);
	}
}

void
bootmem_zones_init(struct bootmem_zones *z, const struct kernel_profile *p, struct klog *log)
{
	size_zones(z);
	switch (p->bootmem_zones) {
	case ZONES_2_4:
		print_2_4(z, log);
		break;
	case ZONES_LIFO_ALL:
	case ZONES_LIFO_PRESENT:
		klog_printf(log, KLOG_DEBUG, "On node 0 totalpages: %llu",
			    (unsigned long long)z->totalpages);
		for (int t = ZONE_DMA; t <= ZONE_HIGHMEM; t++)
			if (zone_exists(z, p, (enum zone_type)t))
				print_lifo(z, p, (enum zone_type)t, log);
		break;
	case ZONES_NODE_MAP:
		print_node_map(z, p, log);
		break;
	}
	z->total_pages = 0;
	for (int t = ZONE_DMA; t <= ZONE_MOVABLE; t++)
		z->total_pages += z->present[t];
}

void
bootmem_zonelists_print(const struct bootmem_zones *z, const struct kernel_profile *p,
			struct klog *log)
{
	unsigned long long total = (unsigned long long)z->total_pages;
	/* grouping by mobility needs a pageblock of every migrate type */
	bool mobility = z->total_pages >= ((uint64_t)z->migrate_types << z->pageblock_order);

	switch (p->bootmem_zonelist) {
	case ZONELIST_NONE:
		break;
	case ZONELIST_BUILDING:
		klog_printf(log, KLOG_INFO, "Building zonelist for node : 0");
		break;
	case ZONELIST_BUILT:
		klog_printf(log, KLOG_INFO, "Built 1 zonelists");
		break;
	case ZONELIST_BUILT_TOTAL:
		klog_printf(log, KLOG_INFO, "Built 1 zonelists.  Total pages: %llu", total);
		break;
	case ZONELIST_BUILT_ORDER:
		klog_printf(log, KLOG_INFO, "Built 1 zonelists in Zone order.  Total pages: %llu",
			    total);
		break;
	case ZONELIST_BUILT_MOBILITY:
		klog_printf(log, KLOG_INFO,
			    "Built 1 zonelists in Zone order, mobility grouping %s.  Total pages: %llu",
			    mobility ? "on" : "off", total);
		break;
	}
}
