/*
 * boot_zonelist.c - build_all_zonelists() with the fallback order of
 * each node, and alloc_large_system_hash() for the dentry and inode
 * hashes start_kernel() still takes from memblock (mm/page_alloc.c).
 */
#include "boot_zonelist.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "kernel_const.h"
#include "xalloc.h"

/* node_distance() without a SLIT, which machine files do not carry */
static int
node_distance(int a, int b)
{
	return a == b ? 10 : 20;
}

/*
 * build_zonelists()' fallback order for every node, printed from 5.16:
 * the node itself, then the nodes with memory, nearest first, a node
 * numbered below the local one counting one further, ties going to the
 * least loaded and then the lowest number. Each first node of a new
 * distance gets one more load, so that equal nodes take turns across the
 * zonelists. (No CPU is in a node's cpumask yet when start_kernel builds
 * them, so the preference for nodes without CPUs plays no part.)
 */
static void
print_fallback_order(struct boot_ctx *b)
{
	const struct zone_state *z = &b->w->zones;
	int n = z->nr_nodes;
	int *load = xcalloc((size_t)n, sizeof(*load));
	bool *used = xcalloc((size_t)n, sizeof(*used));

	for (int local = 0; local < n; local++) {
		char line[512];
		size_t len;
		int prev = local;

		if (!z->nodes[local].initialised)
			continue;
		len = (size_t)snprintf(line, sizeof(line), "Fallback order for Node %d: ", local);
		memset(used, 0, (size_t)n * sizeof(*used));
		for (;;) {
			int best = -1;
			long min_val = LONG_MAX;

			if (!used[local]) {
				best = local;
			} else {
				for (int c = 0; c < n; c++) {
					long val;

					if (used[c] || !z->nodes[c].initialised || !z->nodes[c].present)
						continue;
					val = node_distance(local, c) + (c < local);
					val = val * b->max_numnodes + load[c];
					if (val < min_val) {
						min_val = val;
						best = c;
					}
				}
			}
			if (best < 0)
				break;
			used[best] = true;
			if (node_distance(local, best) != node_distance(local, prev))
				load[best]++;
			prev = best;
			if (len < sizeof(line))
				len += (size_t)snprintf(line + len, sizeof(line) - len, "%d ", best);
		}
		klog_printf(LOG(b), KLOG_INFO, "%s", line);
	}
	free(load);
	free(used);
}

void
build_all_zonelists(struct boot_ctx *b)
{
	struct zone_state *z = &b->w->zones;
	uint64_t total = 0;
	int online = 0, policy = 0;

	for (int nid = 0; nid < z->nr_nodes; nid++) {
		if (!z->nodes[nid].initialised)
			continue;
		/* init_cpu_to_node() brings CPU-only nodes online too */
		online++;
		for (int j = 0; j <= ZONE_MOVABLE; j++) {
			const struct zone_info *zi = &z->nodes[nid].zones[j];

			if (!zi->present)
				continue;
			/* from 6.9 the present pages: the early managed
			 * estimate and dma_reserve are gone */
			total += b->prof.total_pages_present ? zi->present : zi->managed_estimate;
			if (j > policy && j != ZONE_MOVABLE)
				policy = j;
		}
	}
	z->total_pages = total;
	if (b->m->build.numa && b->prof.fallback_order)
		print_fallback_order(b);
	klog_printf(LOG(b), KLOG_INFO, "Built %d zonelists%s, mobility grouping %s.  Total pages: %lld",
		    online, b->prof.zonelist_order ? (b->m->build.numa ? " in Node order" : " in Zone order") : "",
		    total < ((uint64_t)b->m->build.migrate_types << b->m->build.pageblock_order) ? "off" : "on",
		    (long long)total);
	if (b->m->build.numa)
		klog_printf(LOG(b), KLOG_INFO, "Policy zone: %s", zone_name(policy));
	step(b, "build_all_zonelists",
	     b->prof.total_pages_present
		     ? "The zonelists are built; \"Total pages\" is the sum of every zone's present pages."
		     : "The zonelists are built; \"Total pages\" is the sum of every zone's estimate of managed pages (present minus memmap and DMA reserve).");
}

/* alloc_large_system_hash() for the dentry and inode caches, which are
 * allocated from memblock only when there is a single memory node. */
void
large_system_hash(struct boot_ctx *b, const char *name, unsigned scale)
{
	const struct zone_state *z = &b->w->zones;
	const uint64_t bucket = 8;
	uint64_t n = align_up(z->nr_kernel_pages, 256), max, size, pa;
	unsigned log2qty = 0;

	/* 64-bit kernels give big machines relatively smaller tables */
	for (uint64_t adapt = (64ull << 30) >> PAGE_SHIFT; !b->m->build.x86_32 && adapt < n; adapt <<= 2)
		scale++;
	n = scale > PAGE_SHIFT ? n >> (scale - PAGE_SHIFT) : n << (PAGE_SHIFT - scale);
	if (n * bucket < PAGE_SIZE)
		n = PAGE_SIZE / bucket;
	while ((1ull << log2qty) < n)
		log2qty++;
	max = ((z->nr_all_pages << PAGE_SHIFT) >> 4) / bucket;
	if (max > 0x80000000ull)
		max = 0x80000000ull;
	if ((1ull << log2qty) > max)
		while (log2qty && (1ull << log2qty) > max)
			log2qty--;
	do {
		size = bucket << log2qty;
		pa = memblock_alloc_virt(MB(b), "memblock_alloc_try_nid", size, L1_CACHE_BYTES, 0, 0,
					 NUMA_NO_NODE, false, "alloc_large_system_hash");
	} while (!pa && size > PAGE_SIZE && --log2qty);
	if (!pa)
		return;
	klog_printf(LOG(b), KLOG_INFO, "%s hash table entries: %llu (order: %d, %llu bytes, linear)",
		    name, 1ull << log2qty, (int)(63 - __builtin_clzll(size)) - PAGE_SHIFT,
		    (unsigned long long)size);
	touch(b, pa, pa + size);
	step(b, "alloc_large_system_hash",
	     "The %s hash table (%llu KiB) comes from memblock: with one memory node it is allocated before the buddy allocator exists.",
	     name, (unsigned long long)(size >> 10));
}
