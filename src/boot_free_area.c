/*
 * boot_free_area.c - free_area_init() and the struct page set-up of
 * mm/page_alloc.c (mm/mm_init.c from 6.3): the zone ranges, each node's
 * zones spanned, present and managed-estimate pages
 * (free_area_init_node), memmap_init() with its deferral point and its
 * unavailable ranges, and the pg_data_t of nodes without memory.
 */
#include "boot_free_area.h"

#include <stdint.h>

#include "align.h"
#include "boot_numa.h"
#include "boot_sparse.h"
#include "kernel_const.h"
#include "xalloc.h"

bool
zone_configured(const struct boot_ctx *b, int z)
{
	const struct machine_build *bd = &b->m->build;

	switch (z) {
	case ZONE_DMA:		return bd->zone_dma;
	case ZONE_DMA32:	return bd->zone_dma32 && !bd->x86_32;
	case ZONE_NORMAL:	return true;
	case ZONE_HIGHMEM:	return bd->x86_32;
	case ZONE_MOVABLE:	return true;
	case ZONE_DEVICE:	return bd->zone_device;
	default:		return false;
	}
}

/* Node pfn span from its memblock regions (get_pfn_range_for_nid). */
static void
node_pfn_range(const struct memblock *mb, int nid, uint64_t *start, uint64_t *end)
{
	*start = UINT64_MAX;
	*end = 0;
	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t s = PFN_UP(r->base), e = PFN_DOWN(r->base + r->size);

		if (s >= e || r->nid != nid)
			continue;
		if (s < *start)
			*start = s;
		if (e > *end)
			*end = e;
	}
	if (*start == UINT64_MAX)
		*start = 0;
}

/* Pages of [s, e) not covered by memblock memory of node nid (-1: any). */
uint64_t
absent_pages_in_range(const struct memblock *mb, int nid, uint64_t s, uint64_t e)
{
	uint64_t absent = e - s;

	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t rs = PFN_UP(r->base), re = PFN_DOWN(r->base + r->size);

		if (rs >= re || (nid != NUMA_NO_NODE && r->nid != nid))
			continue;
		rs = rs < s ? s : (rs > e ? e : rs);
		re = re < s ? s : (re > e ? e : re);
		absent -= re - rs;
	}
	return absent;
}

static uint64_t
calc_memmap_size(const struct boot_ctx *b, uint64_t spanned, uint64_t present)
{
	uint64_t pages = spanned;

	if (spanned > present + (present >> 4) && b->m->build.model != MEM_MODEL_FLATMEM)
		pages = present;
	return align_up(pages * b->m->build.struct_page_size, PAGE_SIZE) >> PAGE_SHIFT;
}

void
zone_ranges(struct boot_ctx *b)
{
	struct zone_state *z = &b->w->zones;
	const struct memblock *mb = MB(b);
	uint64_t max_zone_pfn[MAX_NR_ZONES] = { 0 };
	uint64_t start_pfn = PFN_DOWN(memblock_start_of_dram(mb));

	if (b->m->build.x86_32) {
		max_zone_pfn[ZONE_DMA] = MAX_DMA_PFN;
		max_zone_pfn[ZONE_NORMAL] = b->w->max_low_pfn;
		max_zone_pfn[ZONE_HIGHMEM] = b->w->max_pfn;
	} else {
		max_zone_pfn[ZONE_DMA] = b->w->max_low_pfn < MAX_DMA_PFN ? b->w->max_low_pfn : MAX_DMA_PFN;
		max_zone_pfn[ZONE_DMA32] = b->w->max_low_pfn < MAX_DMA32_PFN ? b->w->max_low_pfn : MAX_DMA32_PFN;
		max_zone_pfn[ZONE_NORMAL] = b->w->max_low_pfn;
	}
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		uint64_t end;

		if (i == ZONE_MOVABLE || !zone_configured(b, i))
			continue;
		end = max_zone_pfn[i] > start_pfn ? max_zone_pfn[i] : start_pfn;
		z->zone_low[i] = start_pfn;
		z->zone_high[i] = end;
		start_pfn = end;
	}
	z->ranges_set = true;
	klog_printf(LOG(b), KLOG_INFO, "Zone ranges:");
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE || !zone_configured(b, i))
			continue;
		if (z->zone_low[i] == z->zone_high[i])
			klog_printf(LOG(b), KLOG_INFO, "  %-8s empty", zone_name(i));
		else
			klog_printf(LOG(b), KLOG_INFO, "  %-8s [mem 0x%016llx-0x%016llx]", zone_name(i),
				    (unsigned long long)PFN_PHYS(z->zone_low[i]),
				    (unsigned long long)(PFN_PHYS(z->zone_high[i]) - 1));
		touch(b, PFN_PHYS(z->zone_low[i]), PFN_PHYS(z->zone_high[i]));
	}
	klog_printf(LOG(b), KLOG_INFO, "Movable zone start for each node");
	step(b, "free_area_init",
	     "Zone boundaries are fixed: DMA below 16 MiB, DMA32 below 4 GiB, Normal above; each zone starts where the previous one ends.");
	klog_printf(LOG(b), KLOG_INFO, "Early memory node ranges");
	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t s = PFN_UP(r->base), e = PFN_DOWN(r->base + r->size);

		if (s >= e)
			continue;
		klog_printf(LOG(b), KLOG_INFO, "  node %3d: [mem 0x%016llx-0x%016llx]", r->nid,
			    (unsigned long long)PFN_PHYS(s), (unsigned long long)(PFN_PHYS(e) - 1));
		touch(b, PFN_PHYS(s), PFN_PHYS(e));
	}
	step(b, "free_area_init", "Each memblock memory range, with its node, is what the zones will hold.");
}

/* zone_batchsize(): a thousandth of the zone, at most cap bytes (1 MiB,
 * 512 KiB before 4.19), quartered and clamped to 2^n - 1; the boot prints
 * it from the managed estimate */
static unsigned
zone_batchsize(uint64_t managed, uint64_t cap)
{
	uint64_t batch = managed / 1024, p = 1;

	if (batch * PAGE_SIZE > cap)
		batch = cap / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch += batch / 2;
	while (p * 2 <= batch)
		p *= 2;
	return (unsigned)(p - 1);
}

static void
node_totals(struct boot_ctx *b, int nid, uint64_t node_start, uint64_t node_end)
{
	struct zone_state *z = &b->w->zones;
	struct pgdat_info *pg = &z->nodes[nid];
	const struct memblock *mb = MB(b);

	pg->initialised = true;
	pg->start_pfn = node_start;
	pg->end_pfn = node_end;
	pg->first_deferred_pfn = UINT64_MAX;
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone_info *zi = &pg->zones[j];
		uint64_t lo = z->zone_low[j], hi = z->zone_high[j];
		uint64_t zs, ze, spanned = 0, absent = 0;

		zi->configured = zone_configured(b, j);
		if (node_start || node_end) {
			zs = node_start < lo ? lo : (node_start > hi ? hi : node_start);
			ze = node_end < lo ? lo : (node_end > hi ? hi : node_end);
			if (!(ze < node_start || zs > node_end)) {
				ze = ze < node_end ? ze : node_end;
				zs = zs > node_start ? zs : node_start;
				spanned = ze - zs;
				absent = absent_pages_in_range(mb, nid, zs, ze);
			}
			zi->start_pfn = spanned ? zs : 0;
		}
		zi->spanned = spanned;
		zi->present = spanned - absent;
		pg->present += zi->present;
	}
	/* before 5.14 calculate_node_totalpages() and free_area_init_core()
	 * printed their sums at KERN_DEBUG */
	if (!b->prof.zone_debug_quiet)
		klog_printf(LOG(b), KLOG_DEBUG, "On node %d totalpages: %llu", nid,
			    (unsigned long long)pg->present);
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone_info *zi = &pg->zones[j];
		uint64_t freesize, memmap_pages;

		/* free_area_init_core(): the managed-pages estimate */
		freesize = zi->present;
		memmap_pages = calc_memmap_size(b, zi->spanned, zi->present);
		if (j != ZONE_HIGHMEM) {
			if (freesize >= memmap_pages) {
				freesize -= memmap_pages;
				if (memmap_pages && !b->prof.zone_debug_quiet)
					klog_printf(LOG(b), KLOG_DEBUG, "  %s zone: %llu pages used for memmap",
						    zone_name(j), (unsigned long long)memmap_pages);
			} else {
				klog_printf(LOG(b), KLOG_INFO, "  %s zone: %llu memmap pages exceeds freesize %llu",
					    zone_name(j), (unsigned long long)memmap_pages,
					    (unsigned long long)freesize);
			}
		}
		if (j == 0 && freesize > z->dma_reserve) {
			freesize -= z->dma_reserve;
			if (!b->prof.zone_debug_quiet)
				klog_printf(LOG(b), KLOG_DEBUG, "  %s zone: %llu pages reserved",
					    zone_name(j), (unsigned long long)z->dma_reserve);
		}
		if (zi->present && !b->prof.zone_debug_quiet)
			klog_printf(LOG(b), KLOG_DEBUG, "  %s zone: %llu pages, LIFO batch:%u",
				    zone_name(j), (unsigned long long)zi->present,
				    zone_batchsize(freesize, b->prof.pcp_batch_1m ? 1024 * 1024 : 512 * 1024));
		if (j != ZONE_HIGHMEM)
			z->nr_kernel_pages += freesize;
		else if (z->nr_kernel_pages > memmap_pages * 2)
			z->nr_kernel_pages -= memmap_pages;
		z->nr_all_pages += freesize;
		zi->managed_estimate = freesize;
	}
}

/* Does the section of pfn hold memory (an early section with a memmap)? */
static bool
early_pfn_valid(const struct boot_ctx *b, uint64_t pfn)
{
	const struct section_run *r;

	if (b->m->build.model == MEM_MODEL_FLATMEM)
		return pfn < b->w->max_pfn;	/* mem_map covers [0, max_pfn) */
	r = sparse_find(&b->w->sparse, pfn >> section_shift(b));
	return r && (r->flags & SECTION_HAS_MEM_MAP);
}

/* Count the pfns of [spfn, epfn) whose pageblock start has a memmap. */
static uint64_t
count_valid_pfns(const struct boot_ctx *b, uint64_t spfn, uint64_t epfn)
{
	uint64_t pb = 1ull << b->m->build.pageblock_order;
	uint64_t sec = 1ull << section_shift(b), cnt = 0;

	/* pfn_valid is constant over a section and pageblocks divide
	 * sections, so count whole sections at a time */
	for (uint64_t pfn = spfn; pfn < epfn;) {
		uint64_t next = align_down(pfn, sec) + sec;

		if (next > epfn)
			next = epfn;
		if (early_pfn_valid(b, align_down(pfn, pb)))
			cnt += next - pfn;
		pfn = next;
	}
	return cnt;
}

/*
 * Kernels 5.3-5.9 (init_unavailable_mem): every pfn between memblock
 * memory ranges (rounded outward) and after the last one up to max_pfn.
 * Kernels 4.15-5.2 (zero_resv_unavail): the pfns of reserved ranges that
 * are not memory. One line for the whole machine, before Initmem setup.
 */
static void
unavailable_before_5_10(struct boot_ctx *b)
{
	const struct memblock *mb = MB(b);
	uint64_t cnt = 0, next = 0, idx = 0, s, e;

	if (b->prof.unavailable == UNAVAIL_ZEROED) {
		for (size_t i = 0; i < mb->memory.cnt && !memblock_type_empty(&mb->memory); i++) {
			const struct memblock_region *r = &mb->memory.regions[i];

			if (next < r->base)
				cnt += count_valid_pfns(b, PFN_DOWN(next), PFN_UP(r->base));
			next = r->base + r->size;
		}
		/* up to the end of the last section: an early section's memmap
		 * is all there, holes at its end included */
		cnt += count_valid_pfns(b, PFN_DOWN(next),
					b->m->build.model == MEM_MODEL_FLATMEM ? b->w->max_pfn :
					align_up(b->w->max_pfn, 1ull << section_shift(b)));
		if (cnt)
			klog_printf(LOG(b), KLOG_INFO, "Zeroed struct page in unavailable ranges: %llu pages",
				    (unsigned long long)cnt);
		return;
	}
	/* reserved minus memory: the free-range walk with the roles swapped */
	while (memblock_next_reserved_unavail(mb, &idx, &s, &e))
		cnt += count_valid_pfns(b, PFN_DOWN(s), PFN_UP(e));
	if (cnt)
		klog_printf(LOG(b), KLOG_INFO, "Reserved but unavailable: %llu pages",
			    (unsigned long long)cnt);
}

void
free_area_init_nodes(struct boot_ctx *b)
{
	struct zone_state *z = &b->w->zones;
	const struct numa_state *n = &b->w->numa;
	int nr = n->nr_node_ids ? n->nr_node_ids : 1;

	z->nodes = xcalloc(nr, sizeof(z->nodes[0]));
	z->nr_nodes = nr;
	if (b->prof.unavailable == UNAVAIL_ZEROED || b->prof.unavailable == UNAVAIL_RESERVED)
		unavailable_before_5_10(b);
	for (int nid = 0; nid < nr; nid++) {
		uint64_t s, e;

		if (n->nr_node_ids && !n->nodes[nid].possible)
			continue;
		/* before 5.18 only online nodes were set up here */
		if (b->m->build.numa && n->nr_node_ids && !n->nodes[nid].online &&
		    !b->prof.memoryless_lines)
			continue;
		if (b->m->build.numa && n->nr_node_ids && !n->nodes[nid].online) {
			uint64_t pa;

			klog_printf(LOG(b), KLOG_INFO, "Initializing node %d as memoryless", nid);
			pa = memblock_alloc_virt(MB(b), "memblock_alloc_try_nid", b->m->build.pglist_data_size,
						 L1_CACHE_BYTES, 0, 0, NUMA_NO_NODE, false, "free_area_init");
			touch(b, pa, pa + b->m->build.pglist_data_size);
			z->nodes[nid].memoryless = true;
		}
		node_pfn_range(MB(b), nid, &s, &e);
		if (s != e)
			klog_printf(LOG(b), KLOG_INFO, "Initmem setup node %d [mem 0x%016llx-0x%016llx]", nid,
				    (unsigned long long)PFN_PHYS(s),
				    (unsigned long long)(e ? PFN_PHYS(e) - 1 : 0));
		else
			klog_printf(LOG(b), KLOG_INFO, "Initmem setup node %d as memoryless", nid);
		node_totals(b, nid, s, e);
		touch(b, PFN_PHYS(s), PFN_PHYS(e));
		step(b, "free_area_init_node",
		     s != e ? "Node %d spans pfn 0x%llx-0x%llx: %llu pages present."
			    : "Node %d has CPUs but no memory%.0llx%.0llx%.0llu.",
		     nid, (unsigned long long)s, (unsigned long long)e,
		     (unsigned long long)z->nodes[nid].present);
	}
}

/* memmap_init_range()'s deferral: in the zone that ends the node, only
 * the first section's worth of pages (and up to a section boundary) is
 * initialised now; the rest waits for deferred_init_memmap. */
struct defer_ctx {
	uint64_t prev_end_pfn;
	uint64_t nr_initialised;
};

static void
defer_init_range(struct boot_ctx *b, struct defer_ctx *d, int nid, uint64_t start, uint64_t end,
		 uint64_t zone_end)
{
	struct pgdat_info *pg = &b->w->zones.nodes[nid];
	uint64_t sec = 1ull << section_shift(b), pfn;

	if (!b->m->build.deferred_struct_page_init)
		return;
	if (d->prev_end_pfn != zone_end) {
		d->prev_end_pfn = zone_end;
		d->nr_initialised = 0;
	}
	if (zone_end < pg->end_pfn || pg->first_deferred_pfn != UINT64_MAX)
		return;
	/* the first pfn p with count > sec and p section aligned, where the
	 * count increments once per pfn from start */
	pfn = start + (sec > d->nr_initialised ? sec - d->nr_initialised : 0);
	pfn = align_up(pfn, sec);
	if (pfn < end) {
		pg->first_deferred_pfn = pfn;
		d->nr_initialised += pfn - start + 1;
	} else {
		d->nr_initialised += end - start;
	}
}

static void
init_unavailable_range(struct boot_ctx *b, uint64_t spfn, uint64_t epfn, int zone, int nid)
{
	uint64_t cnt = count_valid_pfns(b, spfn, epfn);

	if (cnt)
		klog_printf(LOG(b), KLOG_INFO, "On node %d, zone %s: %llu pages in unavailable ranges",
			    nid, zone_name(zone), (unsigned long long)cnt);
}

void
memmap_init(struct boot_ctx *b)
{
	const struct memblock *mb = MB(b);
	const struct zone_state *z = &b->w->zones;
	uint64_t hole = 0, end = 0;
	int last_zone = 0, nid = 0;
	struct defer_ctx d = { 0, 0 };

	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t s = PFN_UP(r->base), e = PFN_DOWN(r->base + r->size);

		/* memory no node claimed (a gap under the 1 MiB slack of the
		 * coverage check, or a failed memblock_set_node) has no pgdat */
		if (s >= e || r->nid < 0 || r->nid >= z->nr_nodes)
			continue;
		end = e;
		nid = r->nid;
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			const struct zone_info *zi = &z->nodes[nid].zones[j];
			uint64_t zs = zi->start_pfn, ze = zi->start_pfn + zi->spanned;
			uint64_t cs, ce;

			if (!zi->present)
				continue;
			cs = s < zs ? zs : (s > ze ? ze : s);
			ce = end < zs ? zs : (end > ze ? ze : end);
			last_zone = j;
			if (cs >= ce)
				continue;
			defer_init_range(b, &d, nid, cs, ce, ze);
			if (hole < cs && b->prof.unavailable == UNAVAIL_PER_ZONE)
				init_unavailable_range(b, hole, cs, j, nid);
			hole = ce;
		}
	}
	if (b->prof.unavailable != UNAVAIL_PER_ZONE)
		goto done;
	if (b->m->build.model != MEM_MODEL_FLATMEM)
		end = align_up(end, 1ull << section_shift(b));
	if (hole < end)
		init_unavailable_range(b, hole, end, last_zone, nid);
done:
	step(b, "memmap_init",
	     "struct pages are initialised for every memory range; holes inside present sections become reserved pages (\"unavailable ranges\").");
}

/*
 * Before 5.18, nodes with CPUs but no memory were not set up by
 * free_area_init(); init_cpu_to_node() gave them a NODE_DATA (from any
 * node) and an empty Initmem setup later in setup_arch.
 */
void
init_memory_less_nodes(struct boot_ctx *b)
{
	struct numa_state *n = &b->w->numa;
	struct zone_state *z = &b->w->zones;

	if (b->prof.memoryless_lines || !b->m->build.numa)
		return;
	for (int nid = 0; nid < n->nr_node_ids && nid < z->nr_nodes; nid++) {
		if (!n->nodes[nid].possible || n->nodes[nid].online)
			continue;
		alloc_node_data(b, nid);
		klog_printf(LOG(b), KLOG_INFO,
			    "Initmem setup node %d [mem 0x0000000000000000-0x0000000000000000]", nid);
		node_totals(b, nid, 0, 0);
		z->nodes[nid].memoryless = true;
		step(b, "init_memory_less_node",
		     "Node %d has CPUs but no memory: it gets a pg_data_t from another node and empty zones.",
		     nid);
	}
}
