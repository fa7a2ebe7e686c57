/*
 * zone_state.h - zones and nodes as free_area_init() sets them up
 * (boot_free_area.c does it): zone ranges, per-node spans,
 * spanned/present/absent pages, the managed estimate behind "Total
 * pages", and where deferred struct page init starts.
 */
#ifndef MEMBOOT_ZONE_STATE_H
#define MEMBOOT_ZONE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	ZONE_MOVABLE,
	ZONE_DEVICE,
	MAX_NR_ZONES
};

/* "DMA", "DMA32", "Normal", "HighMem", "Movable", "Device" */
const char *zone_name(enum zone_type z);

struct zone_info {
	bool configured;	/* the build has this zone */
	uint64_t start_pfn;
	uint64_t spanned;
	uint64_t present;
	uint64_t managed_estimate;	/* free_area_init_core's freesize */
};

struct pgdat_info {
	bool initialised;	/* free_area_init_node has run */
	bool memoryless;
	uint64_t start_pfn;
	uint64_t end_pfn;
	uint64_t present;
	uint64_t first_deferred_pfn;	/* UINT64_MAX: nothing deferred */
	struct zone_info zones[MAX_NR_ZONES];
};

struct zone_state {
	bool ranges_set;			/* "Zone ranges:" printed */
	uint64_t zone_low[MAX_NR_ZONES];	/* arch zone ranges, pfn */
	uint64_t zone_high[MAX_NR_ZONES];
	int nr_nodes;
	struct pgdat_info *nodes;		/* nr_nodes entries */
	uint64_t dma_reserve;
	uint64_t total_pages;			/* build_all_zonelists */
	uint64_t nr_kernel_pages;
	uint64_t nr_all_pages;
};

void zone_state_init(struct zone_state *z);
void zone_state_copy(struct zone_state *dst, const struct zone_state *src);
bool zone_state_equal(const struct zone_state *a, const struct zone_state *b);
void zone_state_release(struct zone_state *z);

/* The zone of a pfn on a node, or -1 if none spans it. */
int zone_of_pfn(const struct zone_state *z, int nid, uint64_t pfn);

#endif
