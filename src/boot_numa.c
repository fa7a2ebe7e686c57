/*
 * boot_numa.c - initmem_init() of x86 NUMA (arch/x86/mm/numa.c): the
 * SRAT's affinity entries (drivers/acpi/numa/srat.c, arch/x86/mm/
 * srat.c) or one fake node, numa_cleanup_meminfo(), and
 * numa_register_memblks() giving memblock its node ids and every node
 * with memory its NODE_DATA.
 */
#include "boot_numa.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "boot_free_area.h"
#include "kernel_const.h"
#include "xalloc.h"

#define NODE_MIN_SIZE	(4ull << 20)

/* What acpi_numa_init() and numa_init() collect before the nodes are
 * registered (the kernel's numa.c and SRAT __initdata). */
struct numa_parse {
	int pxm_to_node[MACHINE_MAX_NODES];
	int nr_pxm_mapped;
	bool nodes_parsed[MACHINE_MAX_NODES];
	struct numa_meminfo mi;
};

static int
map_pxm_to_node(struct boot_ctx *b, struct numa_parse *np, uint32_t pxm)
{
	for (int i = 0; i < np->nr_pxm_mapped; i++)
		if ((uint32_t)np->pxm_to_node[i] == pxm)
			return i;
	if (np->nr_pxm_mapped >= b->max_numnodes || np->nr_pxm_mapped >= MACHINE_MAX_NODES)
		return NUMA_NO_NODE;
	np->pxm_to_node[np->nr_pxm_mapped] = (int)pxm;
	return np->nr_pxm_mapped++;
}

static void
numa_add_memblk(struct boot_ctx *b, struct numa_parse *np, int nid, uint64_t start, uint64_t end)
{
	if (start == end)
		return;
	if (start > end || nid < 0 || nid >= b->max_numnodes) {
		klog_printf(LOG(b), KLOG_INFO, "Warning: invalid memblk node %d [mem 0x%08llx-0x%08llx]",
			    nid, (unsigned long long)start, (unsigned long long)(end - 1));
		return;
	}
	numa_meminfo_add(&np->mi, start, end, nid);
}

/* acpi_numa_init(): CPU affinity first, then memory affinity. */
static int
srat_parse(struct boot_ctx *b, struct numa_parse *np)
{
	const struct machine *m = b->m;
	int parsed = 0;

	for (size_t i = 0; i < m->nr_srat_cpu; i++) {
		const struct machine_srat_cpu *c = &m->srat_cpu[i];
		int node;

		if (!c->enabled)
			continue;
		node = map_pxm_to_node(b, np, c->pxm);
		if (node < 0) {
			klog_printf(LOG(b), KLOG_INFO, "SRAT: Too many proximity domains %x", c->pxm);
			klog_printf(LOG(b), KLOG_INFO, "SRAT: SRAT not used.");
			return -1;
		}
		np->nodes_parsed[node] = true;
		if (!b->prof.srat_cpu_quiet)
			klog_printf(LOG(b), KLOG_INFO, c->x2apic ? "SRAT: PXM %u -> APIC 0x%04x -> Node %u"
								  : "SRAT: PXM %u -> APIC 0x%02x -> Node %u",
				    c->pxm, c->apic_id, (unsigned)node);
	}
	if (m->nr_srat_cpu)
		step(b, "acpi_numa_processor_affinity_init",
		     "SRAT processor entries map each CPU's proximity domain (PXM) to a node, first come first served.");
	for (size_t i = 0; i < m->nr_srat_mem; i++) {
		const struct machine_srat_mem *x = &m->srat_mem[i];
		uint64_t start = x->base, end = x->base + x->length;
		int node;

		if (!x->enabled)
			continue;
		node = map_pxm_to_node(b, np, x->pxm);
		if (node < 0) {
			klog_printf(LOG(b), KLOG_INFO, "ACPI: SRAT: Too many proximity domains.");
			klog_printf(LOG(b), KLOG_INFO, "ACPI: SRAT: SRAT not used.");
			return -1;
		}
		if (np->mi.nr >= (size_t)2 * b->max_numnodes) {
			klog_printf(LOG(b), KLOG_INFO, "too many memblk ranges");
			klog_printf(LOG(b), KLOG_INFO,
				    "ACPI: SRAT: Failed to add memblk to node %u [mem 0x%08llx-0x%08llx]",
				    (unsigned)node, (unsigned long long)start, (unsigned long long)(end - 1));
			klog_printf(LOG(b), KLOG_INFO, "ACPI: SRAT: SRAT not used.");
			return -1;
		}
		numa_add_memblk(b, np, node, start, end);
		np->nodes_parsed[node] = true;
		klog_printf(LOG(b), KLOG_INFO, "ACPI: SRAT: Node %u PXM %u [mem 0x%08llx-0x%08llx]%s%s",
			    (unsigned)node, x->pxm, (unsigned long long)start,
			    (unsigned long long)(end - 1), x->hotplug ? " hotplug" : "",
			    x->nonvolatile ? " non-volatile" : "");
		if (x->hotplug)
			memblock_mark_hotplug(MB(b), start, x->length);
		parsed++;
		touch(b, start, end);
		step(b, "acpi_numa_memory_affinity_init",
		     "SRAT memory affinity: [0x%llx-0x%llx] belongs to PXM %u, node %d%s.",
		     (unsigned long long)start, (unsigned long long)(end - 1), x->pxm, node,
		     x->hotplug ? " (hot-pluggable)" : "");
	}
	return parsed ? 0 : -1;
}

static void
dummy_numa_init(struct boot_ctx *b, struct numa_parse *np)
{
	uint64_t end = PFN_PHYS(b->w->max_pfn);

	klog_printf(LOG(b), KLOG_INFO, "%s",
		    b->opts.numa_off ? "NUMA turned off" : "No NUMA configuration found");
	klog_printf(LOG(b), KLOG_INFO, "Faking a node at [mem 0x%016llx-0x%016llx]",
		    0ull, (unsigned long long)(end - 1));
	np->nodes_parsed[0] = true;
	numa_add_memblk(b, np, 0, 0, end);
	touch(b, 0, end);
	step(b, "dummy_numa_init",
	     "%s: one fake node 0 spans all memory up to max_pfn.",
	     b->opts.numa_off ? "numa=off" : "There is no SRAT");
}

/* numa_cleanup_meminfo(): trim to RAM and max_pfn, then merge same-node
 * blocks whose hull does not cross another node. */
static int
numa_cleanup_meminfo(struct boot_ctx *b, struct numa_parse *np)
{
	struct numa_meminfo *mi = &np->mi;
	uint64_t high = PFN_PHYS(b->w->max_pfn);
	/* 6.12's generic numa_memblks start at memblock's first byte (0x1000
	 * on x86, where page 0 is reserved in e820), x86's own code at 0 */
	uint64_t low = b->prof.numa_low_dram_start ? memblock_start_of_dram(MB(b)) : 0;

	for (size_t i = 0; i < mi->nr; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		if (!memblock_overlaps(&MB(b)->memory, bi->start, bi->end - bi->start)) {
			numa_meminfo_remove(mi, i--);
			continue;
		}
		if (bi->start < low)
			bi->start = low;
		if (bi->end > high)
			bi->end = high;
		if (bi->start >= bi->end)
			numa_meminfo_remove(mi, i--);
	}
	for (size_t i = 0; i < mi->nr; i++) {
		for (size_t j = i + 1; j < mi->nr; j++) {
			struct numa_memblk *bi = &mi->blk[i], *bj = &mi->blk[j];
			uint64_t start, end;
			size_t k;

			if (bi->end > bj->start && bi->start < bj->end) {
				if (bi->nid != bj->nid) {
					klog_printf(LOG(b), KLOG_INFO,
						    "node %d [mem 0x%08llx-0x%08llx] overlaps with node %d [mem 0x%08llx-0x%08llx]",
						    bi->nid, (unsigned long long)bi->start,
						    (unsigned long long)(bi->end - 1), bj->nid,
						    (unsigned long long)bj->start, (unsigned long long)(bj->end - 1));
					return -1;
				}
				klog_printf(LOG(b), KLOG_INFO,
					    "Warning: node %d [mem 0x%08llx-0x%08llx] overlaps with itself [mem 0x%08llx-0x%08llx]",
					    bi->nid, (unsigned long long)bi->start,
					    (unsigned long long)(bi->end - 1), (unsigned long long)bj->start,
					    (unsigned long long)(bj->end - 1));
			}
			if (bi->nid != bj->nid)
				continue;
			start = bi->start < bj->start ? bi->start : bj->start;
			end = bi->end > bj->end ? bi->end : bj->end;
			for (k = 0; k < mi->nr; k++) {
				const struct numa_memblk *bk = &mi->blk[k];

				if (bk->nid != bi->nid && start < bk->end && end > bk->start)
					break;
			}
			if (k < mi->nr)
				continue;
			klog_printf(LOG(b), KLOG_INFO,
				    "NUMA: Node %d [mem 0x%08llx-0x%08llx] + [mem 0x%08llx-0x%08llx] -> [mem 0x%08llx-0x%08llx]",
				    bi->nid, (unsigned long long)bi->start, (unsigned long long)(bi->end - 1),
				    (unsigned long long)bj->start, (unsigned long long)(bj->end - 1),
				    (unsigned long long)start, (unsigned long long)(end - 1));
			bi->start = start;
			bi->end = end;
			numa_meminfo_remove(mi, j--);
			touch(b, start, end);
			step(b, "numa_cleanup_meminfo",
			     "Node %d's blocks merge into [0x%llx-0x%llx]: no other node lies in between.",
			     bi->nid, (unsigned long long)start, (unsigned long long)(end - 1));
		}
	}
	return 0;
}

static bool
numa_meminfo_cover_memory(struct boot_ctx *b, struct numa_parse *np)
{
	uint64_t numaram = 0, e820ram;
	const struct memblock *mb = MB(b);

	for (size_t i = 0; i < np->mi.nr; i++) {
		uint64_t s = np->mi.blk[i].start >> PAGE_SHIFT, e = np->mi.blk[i].end >> PAGE_SHIFT;

		numaram += e - s;
		numaram -= absent_pages_in_range(mb, np->mi.blk[i].nid, s, e);
		if ((int64_t)numaram < 0)
			numaram = 0;
	}
	e820ram = b->w->max_pfn - absent_pages_in_range(mb, NUMA_NO_NODE, 0, b->w->max_pfn);
	if ((int64_t)(e820ram - numaram) >= (1 << (20 - PAGE_SHIFT))) {
		klog_printf(LOG(b), KLOG_INFO, "NUMA: nodes only cover %lluMB of your %lluMB e820 RAM. Not used.",
			    (unsigned long long)(numaram >> 8), (unsigned long long)(e820ram >> 8));
		return false;
	}
	return true;
}

static void
numa_state_set_nodes(struct boot_ctx *b, int nr)
{
	struct numa_state *n = &b->w->numa;

	if (nr <= n->nr_node_ids)
		return;
	n->nodes = xrealloc(n->nodes, nr * sizeof(n->nodes[0]));
	for (int i = n->nr_node_ids; i < nr; i++)
		n->nodes[i] = (struct numa_node){ .pxm = -1 };
	n->nr_node_ids = nr;
}

void
alloc_node_data(struct boot_ctx *b, int nid)
{
	/* x86's alloc_node_data() rounded pg_data_t up to a page; the
	 * generic one of 6.12 allocates it exactly */
	uint64_t nd_size = b->prof.node_data_cacheline ? b->m->build.pglist_data_size
						       : align_up(b->m->build.pglist_data_size, PAGE_SIZE);
	uint64_t pa = memblock_phys_alloc_try_nid(MB(b), nd_size, L1_CACHE_BYTES, nid);
	struct numa_node *node = &b->w->numa.nodes[nid];
	int ri;

	if (!pa) {
		klog_printf(LOG(b), KLOG_INFO, "Cannot find %llu bytes in any node (initial node: %d)",
			    (unsigned long long)nd_size, nid);
		step(b, "alloc_node_data", "No room for node %d's pg_data_t anywhere.", nid);
		return;
	}
	klog_printf(LOG(b), KLOG_INFO, "NODE_DATA(%d) allocated [mem 0x%08llx-0x%08llx]", nid,
		    (unsigned long long)pa, (unsigned long long)(pa + nd_size - 1));
	ri = memblock_search(&MB(b)->memory, pa);
	if (ri >= 0 && MB(b)->memory.regions[ri].nid != nid)
		klog_printf(LOG(b), KLOG_INFO, "    NODE_DATA(%d) on node %d", nid,
			    MB(b)->memory.regions[ri].nid);
	node->online = true;
	node->node_data = pa;
	node->node_data_size = nd_size;
	touch(b, pa, pa + nd_size);
	step(b, "alloc_node_data",
	     "Node %d's pg_data_t (%llu KiB) is allocated top-down inside the node: NODE_DATA(%d).",
	     nid, (unsigned long long)(nd_size >> 10), nid);
}

static int
numa_register_memblks(struct boot_ctx *b, struct numa_parse *np)
{
	struct numa_meminfo *mi = &np->mi;
	struct memblock *mb = MB(b);
	bool possible[MACHINE_MAX_NODES] = { false };
	bool reserved_node[MACHINE_MAX_NODES] = { false };
	int nr_ids = 0;

	for (int i = 0; i < b->max_numnodes && i < MACHINE_MAX_NODES; i++)
		possible[i] = np->nodes_parsed[i];
	for (size_t i = 0; i < mi->nr; i++)
		possible[mi->blk[i].nid] = true;
	for (size_t i = 0; i < mi->nr; i++)
		memblock_set_node(mb, mi->blk[i].start, mi->blk[i].end - mi->blk[i].start,
				  &mb->memory, mi->blk[i].nid);
	/* numa_clear_kernel_node_hotplug() */
	for (size_t i = 0; i < mi->nr; i++)
		memblock_set_node(mb, mi->blk[i].start, mi->blk[i].end - mi->blk[i].start,
				  &mb->reserved, mi->blk[i].nid);
	for (size_t i = 0; i < mb->reserved.cnt; i++) {
		int nid = mb->reserved.regions[i].nid;

		if (nid >= 0 && nid < MACHINE_MAX_NODES && nid != mb->max_numnodes)
			reserved_node[nid] = true;
	}
	for (size_t i = 0; i < mi->nr; i++)
		if (reserved_node[mi->blk[i].nid])
			memblock_clear_hotplug(mb, mi->blk[i].start, mi->blk[i].end - mi->blk[i].start);
	if (!numa_meminfo_cover_memory(b, np))
		return -1;

	for (int i = 0; i < MACHINE_MAX_NODES; i++)
		if (possible[i])
			nr_ids = i + 1;
	numa_state_set_nodes(b, nr_ids);
	for (int i = 0; i < nr_ids; i++) {
		b->w->numa.nodes[i].possible = possible[i];
		b->w->numa.nodes[i].pxm = i < np->nr_pxm_mapped ? np->pxm_to_node[i] : -1;
	}
	free(b->w->numa.meminfo.blk);
	b->w->numa.meminfo = *mi;
	b->w->numa.meminfo.blk = mi->nr ? xmemdup(mi->blk, mi->nr * sizeof(mi->blk[0])) : NULL;
	b->w->numa.meminfo.cap = mi->nr;
	step(b, "numa_register_memblks",
	     "memblock_set_node gives every memory and reserved region its node id (%zu blocks, %d possible nodes).",
	     mi->nr, nr_ids);

	for (int nid = 0; nid < nr_ids; nid++) {
		uint64_t start = PFN_PHYS(b->w->max_pfn), end = 0;

		if (!possible[nid])
			continue;
		for (size_t i = 0; i < mi->nr; i++) {
			if (mi->blk[i].nid != nid)
				continue;
			if (mi->blk[i].start < start)
				start = mi->blk[i].start;
			if (mi->blk[i].end > end)
				end = mi->blk[i].end;
		}
		if (start >= end || (end && end - start < NODE_MIN_SIZE)) {
			b->w->numa.nodes[nid].memoryless = true;
			continue;
		}
		alloc_node_data(b, nid);
	}
	memblock_dump_all(mb);
	return 0;
}

/* numa_init(fn): reset, run the discovery, clean up and register. */
static int
numa_try(struct boot_ctx *b, struct numa_parse *np, bool srat)
{
	struct memblock *mb = MB(b);

	np->mi.nr = 0;
	np->nr_pxm_mapped = 0;
	memset(np->nodes_parsed, 0, sizeof(np->nodes_parsed));
	/* 6.12 resets to NUMA_NO_NODE, which then merges with neither a
	 * node's regions nor those added later (MAX_NUMNODES) */
	memblock_set_node(mb, 0, UINT64_MAX, &mb->memory,
			  b->prof.numa_reset_no_node ? NUMA_NO_NODE : mb->max_numnodes);
	memblock_set_node(mb, 0, UINT64_MAX, &mb->reserved,
			  b->prof.numa_reset_no_node ? NUMA_NO_NODE : mb->max_numnodes);
	memblock_clear_hotplug(mb, 0, UINT64_MAX);
	if (srat) {
		if (srat_parse(b, np))
			return -1;
	} else {
		dummy_numa_init(b, np);
	}
	memblock_set_bottom_up(mb, false);
	if (numa_cleanup_meminfo(b, np))
		return -1;
	return numa_register_memblks(b, np);
}

void
initmem_init(struct boot_ctx *b)
{
	struct numa_parse np = { .nr_pxm_mapped = 0 };

	if (!b->m->build.numa) {
		/* !CONFIG_NUMA: everything is node 0, no lines, static pgdat */
		struct memblock *mb = MB(b);

		memblock_set_node(mb, 0, UINT64_MAX, &mb->memory, 0);
		numa_state_set_nodes(b, 1);
		b->w->numa.nodes[0] = (struct numa_node){ .possible = true, .online = true, .pxm = -1 };
		b->w->numa.done = true;
		step(b, "initmem_init", "Without CONFIG_NUMA all memory is node 0.");
		return;
	}
	if (b->opts.numa_off || !b->m->has_srat || numa_try(b, &np, true)) {
		b->w->numa.faked = true;
		numa_try(b, &np, false);
	}
	b->w->numa.done = true;
	free(np.mi.blk);
}
