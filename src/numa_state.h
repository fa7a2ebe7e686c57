/*
 * numa_state.h - what x86 NUMA discovery leaves (boot_numa.c does it):
 * the nodes with their PXM and NODE_DATA, and the cleaned-up
 * numa_meminfo whose blocks gave memblock its node ids.
 */
#ifndef MEMBOOT_NUMA_STATE_H
#define MEMBOOT_NUMA_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct numa_memblk {
	uint64_t start;
	uint64_t end;
	int nid;
};

struct numa_meminfo {
	size_t nr;
	size_t cap;
	struct numa_memblk *blk;
};

struct numa_node {
	bool possible;		/* in node_possible_map */
	bool online;		/* has NODE_DATA */
	bool memoryless;	/* possible, no memory (CPU-only SRAT node) */
	int pxm;		/* -1 when faked */
	uint64_t node_data;	/* physical address of NODE_DATA, 0 if none */
	uint64_t node_data_size;
};

struct numa_state {
	bool done;			/* initmem_init has run */
	bool faked;			/* dummy_numa_init made node 0 */
	int nr_node_ids;		/* highest possible node + 1 */
	struct numa_node *nodes;	/* nr_node_ids entries */
	struct numa_meminfo meminfo;	/* after cleanup */
};

void numa_state_init(struct numa_state *n);
void numa_state_copy(struct numa_state *dst, const struct numa_state *src);
bool numa_state_equal(const struct numa_state *a, const struct numa_state *b);
void numa_state_release(struct numa_state *n);

/* Add a block to a meminfo (numa_add_memblk without the checks). */
void numa_meminfo_add(struct numa_meminfo *mi, uint64_t start, uint64_t end, int nid);
void numa_meminfo_remove(struct numa_meminfo *mi, size_t idx);

#endif
