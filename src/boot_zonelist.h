/*
 * boot_zonelist.h - build_all_zonelists() and the early hash tables
 * (boot_zonelist.c).
 */
#ifndef MEMBOOT_BOOT_ZONELIST_H
#define MEMBOOT_BOOT_ZONELIST_H

#include "boot_ctx.h"

/* build_all_zonelists(): the fallback orders and the "Built" line. */
void build_all_zonelists(struct boot_ctx *b);

/* alloc_large_system_hash() from memblock for the hash called name,
 * sized by the kernel pages and scale. */
void large_system_hash(struct boot_ctx *b, const char *name, unsigned scale);

#endif
