/*
 * boot_numa.h - x86 NUMA initialisation, initmem_init() (boot_numa.c).
 */
#ifndef MEMBOOT_BOOT_NUMA_H
#define MEMBOOT_BOOT_NUMA_H

#include "boot_ctx.h"

/* initmem_init(): nodes from the SRAT, or one fake node, registered. */
void initmem_init(struct boot_ctx *b);

/* alloc_node_data(): NODE_DATA(nid) from memblock, preferring the node. */
void alloc_node_data(struct boot_ctx *b, int nid);

#endif
