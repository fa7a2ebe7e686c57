/*
 * bootmem_zones.h - the zones of the i386 bootmem boot (2.4 and 2.6
 * before 2.6.27) as the kernel sized and printed them: zone_sizes_init's
 * spans (holes included: i386 passed no hole sizes, and from 2.6.19 one
 * active range 0..highend_pfn), free_area_init_core's per-zone lines in
 * each era's form, zone_batchsize() and build_all_zonelists()' line.
 * Pure: the caller gives the boundaries and a log.
 */
#ifndef MEMBOOT_BOOTMEM_ZONES_H
#define MEMBOOT_BOOTMEM_ZONES_H

#include <stdbool.h>
#include <stdint.h>

#include "klog.h"
#include "profile.h"
#include "zone_state.h"

struct bootmem_zones {
	/* in: where the zones end */
	uint64_t max_low_pfn;		/* the end of Normal */
	uint64_t highend_pfn;		/* the end of HighMem */
	bool highmem;			/* CONFIG_HIGHMEM */
	uint32_t struct_page_size;	/* sizeof(struct page) */
	uint32_t pageblock_order, migrate_types;	/* 2.6.24's mobility grouping */
	/* out */
	uint64_t start[MAX_NR_ZONES];	/* first pfn of each zone */
	uint64_t spanned[MAX_NR_ZONES];	/* zone->spanned_pages */
	uint64_t present[MAX_NR_ZONES];	/* zone->present_pages: spanned less the memmap (2.6.19+) */
	uint64_t totalpages;		/* "On node 0 totalpages" */
	uint64_t total_pages;		/* build_all_zonelists' "Total pages" */
};

/* zone_batchsize(): the LIFO batch of a zone of present pages. */
uint64_t bootmem_zone_batch(const struct kernel_profile *p, uint64_t present);

/* The pages free_area_init_core counts for a zone's memmap (2.6.19+). */
uint64_t bootmem_memmap_pages(const struct kernel_profile *p, uint64_t spanned,
			      uint32_t struct_page_size);

/* Size the zones of z and print free_area_init's lines ("On node 0
 * totalpages", the zone lines of p's era) into log. */
void bootmem_zones_init(struct bootmem_zones *z, const struct kernel_profile *p,
			struct klog *log);

/* free_hot_cold_page(): how many of n order-0 frees into a zone with
 * LIFO batch batch are left on its hot per-cpu list, where
 * nr_free_pages() does not count them (2.4: none). */
uint64_t bootmem_pcp_held(const struct kernel_profile *p, uint64_t batch, uint64_t n);

/* build_all_zonelists()' line in p's form (2.4: none). */
void bootmem_zonelists_print(const struct bootmem_zones *z, const struct kernel_profile *p,
			     struct klog *log);

#endif
