/*
 * boot_free_area.h - free_area_init() and memmap_init() (boot_free_area.c).
 */
#ifndef MEMBOOT_BOOT_FREE_AREA_H
#define MEMBOOT_BOOT_FREE_AREA_H

#include <stdbool.h>
#include <stdint.h>

#include "boot_ctx.h"

/* Does the build configure zone z (CONFIG_ZONE_DMA, ...)? */
bool zone_configured(const struct boot_ctx *b, int z);

/* absent_pages_in_range(): pages of [s, e) not covered by memblock
 * memory of node nid (NUMA_NO_NODE: any node). */
uint64_t absent_pages_in_range(const struct memblock *mb, int nid, uint64_t s, uint64_t e);

/* The zone ranges and early node ranges free_area_init() prints. */
void zone_ranges(struct boot_ctx *b);
/* free_area_init_node() for every node: spans, present, estimates. */
void free_area_init_nodes(struct boot_ctx *b);
/* memmap_init(): deferral point and unavailable ranges. */
void memmap_init(struct boot_ctx *b);
/* init_memory_less_node() for CPU-only nodes (before 5.18). */
void init_memory_less_nodes(struct boot_ctx *b);

#endif
