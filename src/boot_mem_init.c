/*
 * boot_mem_init.c - the hand-over to the buddy allocator: mem_init()
 * (arch/x86/mm/init_64.c, init_32.c) with the 32-bit HighMem pages
 * (arch/x86/mm/highmem_32.c), memblock_free_all() (mm/memblock.c), the
 * vmalloc page tables preallocated after it, the "Memory:" line
 * (mem_init_print_info, mm/page_alloc.c), and the deferred struct pages
 * freed later by deferred_init_memmap().
 */
#include "boot_mem_init.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "boot_free_area.h"
#include "kernel_const.h"

/* What releasing one free range did, for the narration. */
struct release {
	uint64_t pages;		/* pages counted into totalram */
	uint64_t freed;		/* of those, freed into the buddy now */
	unsigned max_order;	/* largest block freed */
	bool merged;		/* joined a free neighbour: buddies merged */
};

/* Does [s, e) touch a range already free in the zone? */
static bool
touches_free(const struct buddy_state *bs, int nid, int zone, uint64_t s, uint64_t e)
{
	const struct buddy_zone *z = buddy_zone_find(bs, nid, zone);

	for (size_t i = 0; z && i < z->nr_free_ranges; i++)
		if (z->free[i].end == s || z->free[i].start == e)
			return true;
	return false;
}

/* Free pfns [cs, ce) of a zone, touching each block run in order. */
static void
release_blocks(struct boot_ctx *b, int nid, int zone, uint64_t cs, uint64_t ce, struct release *rel)
{
	struct buddy_state *bs = &b->w->buddy;

	rel->merged |= touches_free(bs, nid, zone, cs, ce);
	buddy_free_range(bs, nid, zone, cs, ce);
	buddy_zone_get(bs, nid, zone)->managed += ce - cs;
	bs->nr_free_pages += ce - cs;
	rel->freed += ce - cs;
	for (uint64_t p = cs; p < ce;) {
		unsigned o = bs->max_order - 1;
		uint64_t n = 1;

		if (p)
			o = (unsigned)__builtin_ctzll(p) < o ? (unsigned)__builtin_ctzll(p) : o;
		while (p + (1ull << o) > ce)
			o--;
		if (o == bs->max_order - 1)
			n = (ce - p) >> o;
		if (o > rel->max_order)
			rel->max_order = o;
		touch(b, PFN_PHYS(p), PFN_PHYS(p + (n << o)));
		p += n << o;
	}
}

/* __free_memory_core(): the pages of [start, end) go to their zones,
 * except those at or above the node's first deferred pfn (that pfn is
 * section aligned, so no block straddles it). */
static void
free_memory_core(struct boot_ctx *b, uint64_t start, uint64_t end, int nid, struct release *rel)
{
	struct boot_work *w = b->w;
	uint64_t s = PFN_UP(start), e = PFN_DOWN(end);
	uint64_t deferred;

	memset(rel, 0, sizeof(*rel));
	if (e > w->max_low_pfn)
		e = w->max_low_pfn;
	if (s >= e)
		return;
	if (nid < 0 || nid >= w->zones.nr_nodes)
		return;		/* no node, no zone: never initialised */
	rel->pages = e - s;
	deferred = w->zones.nodes[nid].first_deferred_pfn;
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		const struct zone_info *zi = &w->zones.nodes[nid].zones[j];
		uint64_t zs = zi->start_pfn, ze = zi->start_pfn + zi->spanned;
		uint64_t cs = s > zs ? s : zs, ce = e < ze ? e : ze;

		if (!zi->spanned || cs >= ce)
			continue;
		if (ce > deferred)
			ce = deferred > cs ? deferred : cs;
		if (cs < ce)
			release_blocks(b, nid, j, cs, ce, rel);
	}
}

/*
 * x86_32 set_highmem_pages_init(): before memblock_free_all, the free
 * HighMem pages (memory minus reserved, above lowmem) are handed to the
 * buddy allocator one page at a time and counted in totalhigh.
 */
void
set_highmem_pages_init(struct boot_ctx *b)
{
	struct boot_work *w = b->w;

	for (int nid = 0; nid < w->zones.nr_nodes; nid++) {
		for (int j = ZONE_HIGHMEM; j <= ZONE_MOVABLE; j++) {
			const struct zone_info *zi = &w->zones.nodes[nid].zones[j];
			uint64_t zs = zi->start_pfn, ze = zs + zi->spanned, idx = 0, s, e;
			struct release rel = { 0 };
			int rnid;

			if (!w->zones.nodes[nid].initialised || !zone_configured(b, j))
				continue;
			klog_printf(LOG(b), KLOG_INFO, "Initializing %s for node %d (%08llx:%08llx)",
				    zone_name(j), nid, (unsigned long long)zs, (unsigned long long)ze);
			while (j == ZONE_HIGHMEM &&
			       memblock_next_free_range(MB(b), &idx, nid, MEMBLOCK_NONE, &s, &e, &rnid)) {
				uint64_t ps = PFN_UP(s), pe = PFN_DOWN(e);

				ps = ps < zs ? zs : (ps > ze ? ze : ps);
				pe = pe < zs ? zs : (pe > ze ? ze : pe);
				if (ps < pe)
					release_blocks(b, nid, j, ps, pe, &rel);
			}
			w->buddy.totalram_pages += rel.freed;
			w->buddy.totalhigh_pages += rel.freed;
			if (j == ZONE_HIGHMEM)
				step(b, "set_highmem_pages_init",
				     "HighMem: %llu free pages above lowmem go to the buddy allocator page by page; they never were memblock's to release.",
				     (unsigned long long)rel.freed);
		}
	}
}

void
memblock_free_all(struct boot_ctx *b)
{
	struct boot_work *w = b->w;
	struct memblock *mb = MB(b);
	uint64_t idx = 0, s, e;
	int nid;

	memblock_clear_hotplug(mb, 0, UINT64_MAX);
	for (size_t i = 0; i < w->buddy.nr_zones; i++)
		w->buddy.zones[i].managed = 0;
	step(b, "memblock_free_all",
	     "memblock hands over to the buddy allocator: reserved regions stay PageReserved, everything else is freed.");
	while (memblock_next_free_range(mb, &idx, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, &nid)) {
		struct release rel;

		free_memory_core(b, s, e, nid, &rel);
		if (!rel.pages)
			continue;
		w->buddy.totalram_pages += rel.pages;
		if (!rel.freed)
			step(b, "__free_pages_memory",
			     "Free range [0x%llx-0x%llx] (%llu pages) lies past the node's first deferred pfn: its struct pages are not initialised yet, so it waits for deferred init.",
			     (unsigned long long)s, (unsigned long long)(e - 1),
			     (unsigned long long)rel.pages);
		else
			step(b, "__free_pages_memory",
			     "Free range [0x%llx-0x%llx]: %llu pages freed in the largest aligned blocks (up to order %u)%s%s.",
			     (unsigned long long)s, (unsigned long long)(e - 1),
			     (unsigned long long)rel.freed, rel.max_order,
			     rel.merged ? "; they merge with free buddies next to them" : "",
			     rel.freed < rel.pages ? ", the rest waits for deferred struct page init" : "");
	}
	w->buddy.released = true;
}

/* The zone GFP_KERNEL allocations on the boot CPU's node try first. */
static struct buddy_zone *
preferred_zone(struct boot_ctx *b)
{
	struct buddy_state *bs = &b->w->buddy;
	struct buddy_zone *best = NULL;

	for (size_t i = 0; i < bs->nr_zones; i++) {
		struct buddy_zone *z = &bs->zones[i];

		if (z->nid == 0 && z->zone <= ZONE_NORMAL && z->nr_free_ranges &&
		    (!best || z->zone > best->zone))
			best = z;
	}
	return best;
}

/*
 * preallocate_vmalloc_pages(): after memblock_free_all, mem_init allocates
 * one page-table page per top-level entry of the vmalloc area (PUD pages
 * with 4-level paging, P4D pages with 5-level). The area is 32 TiB (12800
 * TiB with 5-level); with a randomized vmalloc_base (1 GiB aligned) it
 * straddles one more entry. These unmovable order-0 pages come from the
 * buddy allocator, which at this point steals them from the largest free
 * block; the engine takes them from the first largest block of the zone.
 */
void
preallocate_vmalloc_pages(struct boot_ctx *b)
{
	const bool la57 = b->m->build.max_physmem_bits > 46;
	const uint64_t size = la57 ? 12800ull << 40 : 32ull << 40;
	const uint64_t span = la57 ? 1ull << 48 : 1ull << 39;
	uint64_t n = size / span + (b->m->build.randomize_memory ? 1 : 0), left = n;
	struct buddy_state *bs = &b->w->buddy;

	if (b->m->build.x86_32)
		return;
	while (left) {
		struct buddy_zone *z = preferred_zone(b);
		uint64_t pfn, take;
		unsigned order;

		if (!z || !buddy_zone_largest_block(z, bs->max_order, &pfn, &order))
			break;
		take = left < (1ull << order) ? left : 1ull << order;
		buddy_take_range(bs, z->nid, z->zone, pfn, pfn + take);
		bs->nr_free_pages -= take;
		touch(b, PFN_PHYS(pfn), PFN_PHYS(pfn + take));
		left -= take;
	}
	step(b, "preallocate_vmalloc_pages",
	     "mem_init allocates %llu page-table pages from the buddy allocator so every top-level entry of the vmalloc area exists before anyone forks.",
	     (unsigned long long)n);
}

void
mem_init_print_info(struct boot_ctx *b)
{
	const struct boot_work *w = b->w;
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t physpages = 0, avail;

	for (int nid = 0; nid < w->zones.nr_nodes; nid++)
		physpages += w->zones.nodes[nid].present;
	avail = w->buddy.nr_free_pages;
	char highmem[48] = "";

	/* CONFIG_HIGHMEM kernels add the HighMem total */
	if (b->m->build.x86_32)
		snprintf(highmem, sizeof(highmem), ", %lluK highmem",
			 (unsigned long long)(w->buddy.totalhigh_pages << 2));
	klog_printf(LOG(b), KLOG_INFO,
		    "Memory: %lluK/%lluK available (%lluK kernel code, %lluK rwdata, %lluK rodata, %lluK init, %lluK bss, %lluK reserved, %lluK cma-reserved%s)",
		    (unsigned long long)(avail << 2), (unsigned long long)(physpages << 2),
		    (unsigned long long)k->code_k, (unsigned long long)k->rwdata_k,
		    (unsigned long long)k->rodata_k, (unsigned long long)k->init_k,
		    (unsigned long long)k->bss_k,
		    (unsigned long long)((physpages - w->buddy.totalram_pages) << 2), 0ull, highmem);
	step(b, "mem_init_print_info",
	     "%llu MiB are free in the buddy allocator out of %llu MiB present; the rest is reserved (kernel, memmap, firmware, early allocations).",
	     (unsigned long long)(avail >> 8), (unsigned long long)(physpages >> 8));
}

void
deferred_init(struct boot_ctx *b)
{
	struct boot_work *w = b->w;
	const struct memblock *mb = MB(b);
	uint64_t idx = 0, s, e;
	struct release rel = { 0 };
	int nid;

	if (!b->m->build.deferred_struct_page_init)
		return;
	while (memblock_next_free_range(mb, &idx, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, &nid)) {
		uint64_t ps = PFN_UP(s), pe = PFN_DOWN(e), fd;

		if (nid < 0 || nid >= w->zones.nr_nodes)
			continue;
		fd = w->zones.nodes[nid].first_deferred_pfn;
		if (pe > w->max_low_pfn)
			pe = w->max_low_pfn;
		if (ps < fd)
			ps = fd;
		if (ps >= pe)
			continue;
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			const struct zone_info *zi = &w->zones.nodes[nid].zones[j];
			uint64_t zs = zi->start_pfn, ze = zs + zi->spanned;
			uint64_t cs = ps > zs ? ps : zs, ce = pe < ze ? pe : ze;

			if (!zi->spanned || cs >= ce)
				continue;
			release_blocks(b, nid, j, cs, ce, &rel);
		}
	}
	if (rel.freed)
		step(b, "deferred_init_memmap",
		     "Later in boot, kernel threads initialise the deferred struct pages and free their %llu pages (%llu MiB) into the buddy allocator.",
		     (unsigned long long)rel.freed, (unsigned long long)(rel.freed >> 8));
}
