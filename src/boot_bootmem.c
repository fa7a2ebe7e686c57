/*
 * boot_bootmem.c - the i386 memory boot of Linux 2.4 and 2.6 before the
 * 2.6.27 bootmem rewrite: setup_memory() with the bootmem bitmap
 * allocator instead of memblock, then the zones, free_all_bootmem() and
 * the HighMem pages freed one by one in mem_init().
 *
 * The rules are those of KERNEL-FACTS.md section 7 and the seed on
 * bootmem; the log lines use the 2.6-era formats (e820 with exclusive
 * ends, "hm, page ... reserved twice.", the old "Memory:" line). Each
 * kernel action is one engine step; the bootmem steps use the memblock
 * phase, which they stand in for. Of the bootmem allocations, those of
 * free_area_init_node (mem_map and the zones' wait tables) are made; the
 * AMD K7 errata page, the ACPI sleep and MP table reservations and
 * start_kernel's later hash tables are not modelled.
 */
#include "boot_bootmem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "boot_setup.h"
#include "bootmem_zones.h"
#include "kernel_const.h"
#include "profile.h"
#include "xalloc.h"

#define MAXMEM_PFN	0x38000ull	/* 896 MiB: 4G - PAGE_OFFSET (3G) - 128M vmalloc */
#define MAX_NONPAE_PFN	0x100000ull	/* 4 GiB */
#define SMP_CACHE_BYTES	32u		/* L1_CACHE_BYTES of a 686 build */
#define WAIT_QUEUE_HEAD	12u		/* sizeof(wait_queue_head_t): spinlock + list_head, SMP */
#define PAGES_PER_WAITQUEUE 256u

/* ------------------------------------------------------------ E820 */

/* 2.4/2.6 print_memory_map(): start - exclusive end (2.4.0-2.4.3: size @
 * start), the type in parentheses; it named the four types up to NVS. */
static void
print_memory_map(struct boot_ctx *b, const char *who)
{
	const struct e820_table *t = &b->w->e820;

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *x = &t->entries[i];
		const struct e820_type_names *n = x->type <= E820_TYPE_NVS ? e820_type_names(x->type) : NULL;
		uint64_t first = b->prof.e820_size_at_start ? x->size : x->addr;
		uint64_t second = b->prof.e820_size_at_start ? x->addr : x->addr + x->size;
		char type[32];

		if (n)
			snprintf(type, sizeof(type), "(%s)", n->kernel);
		else
			snprintf(type, sizeof(type), "type %u", x->type);
		klog_printf(LOG(b), KLOG_INFO, " %s: %016llx %s %016llx %s", who,
			    (unsigned long long)first, b->prof.e820_size_at_start ? "@" : "-",
			    (unsigned long long)second, type);
		touch(b, x->addr, x->addr + x->size);
	}
}

static int
setup_memory_region(struct boot_ctx *b, struct diag *err)
{
	struct e820_table *t = &b->w->e820;
	const struct machine *m = b->m;

	if (boot_copy_e820(b->w, m, err))
		return -1;
	klog_printf(LOG(b), KLOG_INFO, "BIOS-provided physical RAM map:");
	print_memory_map(b, "BIOS-e820");
	step(b, "setup_memory_region",
	     "The BIOS e820 map (%zu entries) is sanitised and printed in the 2.6 format, end exclusive: %u entries.",
	     m->nr_e820, t->nr_entries);
	return 0;
}

/* find_max_pfn(): the end of the highest usable entry, whole pages. */
static void
find_max_pfn(struct boot_ctx *b)
{
	const struct e820_table *t = &b->w->e820;
	uint64_t max_pfn = 0;

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		uint64_t s = PFN_UP(t->entries[i].addr);
		uint64_t e = PFN_DOWN(t->entries[i].addr + t->entries[i].size);

		if (t->entries[i].type != E820_TYPE_RAM || s >= e)
			continue;
		if (e > max_pfn)
			max_pfn = e;
	}
	b->w->max_pfn = max_pfn;
	touch(b, 0, PFN_PHYS(max_pfn));
	step(b, "find_max_pfn",
	     "max_pfn = 0x%llx: the end of the highest usable e820 entry, rounded down to a page (%llu MiB).",
	     (unsigned long long)max_pfn, (unsigned long long)(max_pfn >> 8));
}

/* find_max_low_pfn() and the HighMem split of setup_memory(). Lowmem ends
 * at the build's MAXMEM (896 MiB with the 3G/1G split). */
static void
find_max_low_pfn(struct boot_ctx *b)
{
	struct boot_work *w = b->w;
	const struct machine_build *bd = &b->m->build;
	uint64_t maxmem_pfn = bd->lowmem_limit ? bd->lowmem_limit >> PAGE_SHIFT : MAXMEM_PFN;

	w->max_low_pfn = w->max_pfn;
	if (w->max_pfn > maxmem_pfn) {
		w->max_low_pfn = maxmem_pfn;
		if (!bd->highmem) {
			klog_printf(LOG(b), KLOG_INFO, "Warning only %lluMB will be used.",
				    (unsigned long long)(maxmem_pfn >> (20 - PAGE_SHIFT)));
			klog_printf(LOG(b), KLOG_INFO, "Use a %s enabled kernel.",
				    w->max_pfn <= MAX_NONPAE_PFN ? "HIGHMEM" :
				    b->prof.bootmem_highmem64g ? "HIGHMEM64G" : "PAE");
		} else if (w->max_pfn > MAX_NONPAE_PFN && bd->max_physmem_bits < 36) {
			/* without PAE (36 physical address bits) */
			w->max_pfn = MAX_NONPAE_PFN;
			klog_printf(LOG(b), KLOG_INFO, "Warning only 4GB will be used.");
			klog_printf(LOG(b), KLOG_INFO, "Use a %s enabled kernel.",
				    b->prof.bootmem_highmem64g ? "HIGHMEM64G" : "PAE");
		}
	}
	/* highend_pfn: the end of HighMem, or of lowmem without CONFIG_HIGHMEM */
	b->highstart_pfn = b->highend_pfn = bd->highmem ? w->max_pfn : w->max_low_pfn;
	if (b->highend_pfn > w->max_low_pfn)
		b->highstart_pfn = w->max_low_pfn;
	if (bd->highmem)
		klog_printf(LOG(b), KLOG_INFO, "%lluMB HIGHMEM available.",
			    (unsigned long long)((b->highend_pfn - b->highstart_pfn) >> (20 - PAGE_SHIFT)));
	if (b->prof.bootmem_lowmem_line)
		klog_printf(LOG(b), KLOG_INFO, "%lluMB LOWMEM available.",
			    (unsigned long long)(w->max_low_pfn >> (20 - PAGE_SHIFT)));
	touch(b, PFN_PHYS(b->highstart_pfn), PFN_PHYS(b->highend_pfn));
	step(b, "setup_memory",
	     "Lowmem ends at max_low_pfn = 0x%llx (the kernel maps at most %llu MiB at 3 GiB); HighMem is pfn 0x%llx-0x%llx (%llu pages).",
	     (unsigned long long)w->max_low_pfn,
	     (unsigned long long)(maxmem_pfn >> (20 - PAGE_SHIFT)),
	     (unsigned long long)b->highstart_pfn,
	     (unsigned long long)b->highend_pfn,
	     (unsigned long long)(b->highend_pfn - b->highstart_pfn));
}

/* ------------------------------------------------------------ bootmem */

static void
init_bootmem(struct boot_ctx *b)
{
	struct boot_work *w = b->w;
	const struct machine_kernel *k = &b->m->kernel;

	/* the first page after the kernel image (PFN_UP(__pa(&_end))) */
	b->min_low_pfn = PFN_UP(k->text + k->reserve_size);
	b->bootmap_size = bootmem_init_core(&w->bootmem, b->min_low_pfn, 0, w->max_low_pfn);
	touch(b, PFN_PHYS(b->min_low_pfn), PFN_PHYS(b->min_low_pfn) + b->bootmap_size);
	step(b, "init_bootmem",
	     "bootmem: the bitmap for pfn 0-0x%llx (one bit per page, %llu bytes, %llu pages) goes at min_low_pfn 0x%llx, right after the kernel; every bit is set: all reserved.",
	     (unsigned long long)w->max_low_pfn, (unsigned long long)b->bootmap_size,
	     (unsigned long long)bootmem_map_pages(&w->bootmem), (unsigned long long)b->min_low_pfn);
}

static int
register_bootmem_low_pages(struct boot_ctx *b, struct diag *err)
{
	struct boot_work *w = b->w;
	const struct e820_table *t = &w->e820;

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		uint64_t curr = PFN_UP(t->entries[i].addr);
		uint64_t last = PFN_DOWN(t->entries[i].addr + t->entries[i].size);
		uint64_t cleared, twice;

		if (t->entries[i].type != E820_TYPE_RAM)
			continue;
		if (last > w->max_low_pfn)
			last = w->max_low_pfn;
		if (last <= curr)
			continue;
		cleared = bootmem_free(&w->bootmem, PFN_PHYS(curr), PFN_PHYS(last - curr), &twice);
		if (twice) {
			/* free_bootmem_core BUG()s on a bit already clear */
			diag_set(err, b->m->file, 0,
				 "kernel BUG in free_bootmem_core: %llu pages in [mem 0x%llx-0x%llx] freed twice (overlapping usable e820 entries)",
				 (unsigned long long)twice, (unsigned long long)PFN_PHYS(curr),
				 (unsigned long long)(PFN_PHYS(last) - 1));
			return -1;
		}
		touch(b, PFN_PHYS(curr), PFN_PHYS(last));
		step(b, "register_bootmem_low_pages",
		     "bootmem: free_bootmem clears the bits of usable e820 pages 0x%llx-0x%llx (%llu pages; partial pages at either end stay reserved).",
		     (unsigned long long)curr, (unsigned long long)(last - 1),
		     (unsigned long long)cleared);
	}
	return 0;
}

static void
reserve(struct boot_ctx *b, const char *what, uint64_t addr, uint64_t size)
{
	struct bootmem_state *bm = &b->w->bootmem;
	uint64_t s = PFN_DOWN(addr), e = PFN_UP(addr + size), twice;

	bool warn = b->prof.bootmem_twice_always || b->m->build.debug_bootmem;

	twice = bootmem_reserve(bm, addr, size, warn ? LOG(b) : NULL);
	touch(b, PFN_PHYS(s), PFN_PHYS(e));
	step(b, "reserve_bootmem",
	     "bootmem: reserve_bootmem sets the bits of %s, pages 0x%llx-0x%llx (rounded outward)%s%.0llu%s.",
	     what, (unsigned long long)s, (unsigned long long)(e - 1),
	     twice ? ": " : "", (unsigned long long)twice,
	     !twice ? "" : warn ? " of them already set, each printed as reserved twice" :
	     " of them already set, silently (only a CONFIG_DEBUG_BOOTMEM kernel says so)");
}

static void
reservations(struct boot_ctx *b)
{
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t end = PFN_PHYS(b->min_low_pfn) + b->bootmap_size + PAGE_SIZE - 1;

	reserve(b, "the kernel image through the end of the bitmap", k->text, end - k->text);
	reserve(b, "page 0 (BIOS data)", 0, PAGE_SIZE);
	if (b->prof.bootmem_ebda && k->bios_ebda)
		reserve(b, "the EBDA (one page from the address at 0x40e)", k->bios_ebda, PAGE_SIZE);
	reserve(b, "the SMP trampoline page", PAGE_SIZE, PAGE_SIZE);
	if (!k->initrd_start || !k->initrd_size)
		return;
	if (k->initrd_start + k->initrd_size > PFN_PHYS(b->w->max_low_pfn)) {
		klog_printf(LOG(b), KLOG_INFO,
			    "initrd extends beyond end of memory (0x%08llx > 0x%08llx)",
			    (unsigned long long)(k->initrd_start + k->initrd_size),
			    (unsigned long long)PFN_PHYS(b->w->max_low_pfn));
		klog_printf(LOG(b), KLOG_INFO, "disabling initrd");
		touch(b, k->initrd_start, k->initrd_start + k->initrd_size);
		step(b, "setup_memory", "The initrd ends above lowmem, where bootmem cannot reserve it: it is dropped.");
		return;
	}
	reserve(b, "the initrd", k->initrd_start, k->initrd_size);
}

/* ------------------------------------------------------------ zones */

static uint64_t
ram_pages(const struct e820_table *t, uint64_t lo, uint64_t hi)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		uint64_t s = PFN_UP(t->entries[i].addr);
		uint64_t e = PFN_DOWN(t->entries[i].addr + t->entries[i].size);

		if (t->entries[i].type != E820_TYPE_RAM)
			continue;
		s = s > lo ? s : lo;
		e = e < hi ? e : hi;
		if (e > s)
			n += e - s;
	}
	return n;
}

/* zone_sizes_init() and free_area_init(): the kernel's zones (spans with
 * their holes) and its lines; the engine's zones keep the RAM present in
 * them, and the kernel's own count as the managed estimate. */
static void
zone_sizes_init(struct boot_ctx *b)
{
	struct boot_work *w = b->w;
	struct zone_state *z = &w->zones;
	struct pgdat_info *pg;
	const struct machine_build *bd = &b->m->build;
	const int type[3] = { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM };

	b->zones = (struct bootmem_zones){
		.max_low_pfn = w->max_low_pfn, .highend_pfn = b->highend_pfn,
		.highmem = bd->highmem, .struct_page_size = bd->struct_page_size,
		.pageblock_order = bd->pageblock_order, .migrate_types = bd->migrate_types };
	bootmem_zones_init(&b->zones, &b->prof, LOG(b));
	/* one node, as !CONFIG_NUMA: the views read the zones through it */
	w->numa.nodes = xcalloc(1, sizeof(w->numa.nodes[0]));
	w->numa.nodes[0] = (struct numa_node){ .possible = true, .online = true, .pxm = -1 };
	w->numa.nr_node_ids = 1;
	w->numa.done = true;
	z->nodes = xcalloc(1, sizeof(z->nodes[0]));
	z->nr_nodes = 1;
	pg = &z->nodes[0];
	pg->initialised = true;
	pg->start_pfn = 0;
	pg->end_pfn = b->highend_pfn;
	pg->first_deferred_pfn = UINT64_MAX;
	for (int i = 0; i < 3; i++) {
		struct zone_info *zi = &pg->zones[type[i]];
		uint64_t lo = b->zones.start[type[i]], hi = lo + b->zones.spanned[type[i]];

		z->zone_low[type[i]] = lo;
		z->zone_high[type[i]] = hi;
		zi->configured = true;
		zi->start_pfn = hi > lo ? lo : 0;
		zi->spanned = hi - lo;
		zi->present = ram_pages(&w->e820, lo, hi);
		zi->managed_estimate = b->zones.present[type[i]];
		pg->present += zi->present;
		touch(b, PFN_PHYS(lo), PFN_PHYS(hi));
	}
	z->ranges_set = true;
	step(b, "zone_sizes_init",
	     "Zones: DMA below 16 MiB, Normal up to max_low_pfn 0x%llx, HighMem up to 0x%llx; %llu pages of RAM in all, %llu pages counted with the holes.",
	     (unsigned long long)w->max_low_pfn, (unsigned long long)b->highend_pfn,
	     (unsigned long long)pg->present, (unsigned long long)b->zones.totalpages);
}

/* build_all_zonelists(): one node, its zones in order; the line counts
 * the zones' present pages. */
static void
build_all_zonelists(struct boot_ctx *b)
{
	b->w->zones.total_pages = b->zones.total_pages;
	bootmem_zonelists_print(&b->zones, &b->prof, LOG(b));
	step(b, "build_all_zonelists",
	     "The zonelists: node 0's zones, highest first, each falling back to the ones below; %llu pages in them.",
	     (unsigned long long)b->zones.total_pages);
}

/* alloc_bootmem_node(): SMP_CACHE_BYTES aligned, from 16 MiB up (the goal
 * __pa(MAX_DMA_ADDRESS)) and then from the bottom; the kernel panics when
 * nothing fits. */
static int
alloc_bootmem_node(struct boot_ctx *b, uint64_t size, uint64_t *addr, struct diag *err)
{
	if (bootmem_alloc(&b->w->bootmem, size, SMP_CACHE_BYTES, PFN_PHYS(MAX_DMA_PFN), addr))
		return 0;
	klog_printf(LOG(b), KLOG_INFO, "bootmem alloc of %llu bytes failed!",
		    (unsigned long long)size);
	diag_set(err, b->m->file, 0,
		 "Kernel panic - not syncing: Out of memory: bootmem cannot give %llu bytes",
		 (unsigned long long)size);
	return -1;
}

/*
 * alloc_node_mem_map(): one struct page per pfn of the node. From 2.6.16
 * the array covers whole MAX_ORDER blocks at both ends; before, the
 * node's spanned pages plus one.
 */
static int
alloc_node_mem_map(struct boot_ctx *b, struct diag *err)
{
	const struct machine_build *bd = &b->m->build;
	uint64_t block = 1ull << (bd->max_order - 1), pages, addr;
	bool aligned = b->prof.mem_map_max_order_aligned;

	if (!b->highend_pfn)
		return 0;
	pages = aligned ? (b->highend_pfn + block - 1) & ~(block - 1) : b->highend_pfn + 1;
	if (alloc_bootmem_node(b, pages * bd->struct_page_size, &addr, err))
		return -1;
	touch(b, addr, addr + pages * bd->struct_page_size);
	step(b, "alloc_node_mem_map",
	     "mem_map: %llu struct pages of %u bytes (%llu KiB) for pfn 0-0x%llx%s, from bootmem at 0x%llx: first fit above 16 MiB.",
	     (unsigned long long)pages, bd->struct_page_size,
	     (unsigned long long)((pages * bd->struct_page_size) >> 10),
	     (unsigned long long)(pages - 1), aligned ? " (whole MAX_ORDER blocks)" : "",
	     (unsigned long long)addr);
	return 0;
}

/* wait_table_hash_nr_entries(): a power of two near one queue per 256
 * pages, between 4 and 4096. */
static uint64_t
wait_table_entries(uint64_t pages)
{
	uint64_t n = 1;

	pages /= PAGES_PER_WAITQUEUE;
	while (n < pages)
		n <<= 1;
	n = n < 4096 ? n : 4096;
	return n > 4 ? n : 4;
}

/* free_area_init_core(): each zone that spans pages gets its wait table. */
static int
zone_wait_tables(struct boot_ctx *b, struct diag *err)
{
	const struct pgdat_info *pg = &b->w->zones.nodes[0];
	static const int type[3] = { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM };

	for (int i = 0; i < 3; i++) {
		uint64_t spanned = pg->zones[type[i]].spanned, entries, addr;

		if (!spanned)
			continue;
		entries = wait_table_entries(spanned);
		if (alloc_bootmem_node(b, entries * WAIT_QUEUE_HEAD, &addr, err))
			return -1;
		touch(b, addr, addr + entries * WAIT_QUEUE_HEAD);
		step(b, "zone_wait_table_init",
		     "Zone %s: a wait table of %llu queue heads (%llu bytes) from bootmem at 0x%llx, %s.",
		     zone_name(type[i]), (unsigned long long)entries,
		     (unsigned long long)(entries * WAIT_QUEUE_HEAD), (unsigned long long)addr,
		     addr & (PAGE_SIZE - 1) ?
		     "inside the previous allocation's last page (bootmem packs small allocations)" :
		     "on a page of its own");
	}
	return 0;
}

/* ------------------------------------------------------------ buddy */

struct release_ctx {
	struct boot_ctx *b;
	uint64_t pages;
};

/* Free pfns [s, e) of lowmem into DMA and Normal. */
static void
free_low_range(struct boot_ctx *b, uint64_t s, uint64_t e)
{
	struct buddy_state *bs = &b->w->buddy;
	const struct zone_state *z = &b->w->zones;

	for (int zt = ZONE_DMA; zt <= ZONE_NORMAL; zt++) {
		uint64_t cs = s > z->zone_low[zt] ? s : z->zone_low[zt];
		uint64_t ce = e < z->zone_high[zt] ? e : z->zone_high[zt];

		if (zt == ZONE_DMA32 || cs >= ce)
			continue;
		buddy_free_range(bs, 0, zt, cs, ce);
		buddy_zone_get(bs, 0, zt)->managed += ce - cs;
		bs->nr_free_pages += ce - cs;
		touch(b, PFN_PHYS(cs), PFN_PHYS(ce));
	}
}

/* Pages [s, e) of lowmem freed one at a time, counted by zone. */
static void
add_singles(struct boot_ctx *b, uint64_t s, uint64_t e)
{
	uint64_t dma_end = b->w->zones.zone_high[ZONE_DMA];

	if (s >= e)
		return;
	if (s < dma_end)
		b->singles[ZONE_DMA] += (e < dma_end ? e : dma_end) - s;
	if (e > dma_end)
		b->singles[ZONE_NORMAL] += e - (s > dma_end ? s : dma_end);
}

/* free_all_bootmem_core() walks the map a long (32 pages) at a time: a
 * wholly clear word is one order-5 block, the clear pages of any other
 * word go out one by one. */
static void
release_run(uint64_t s, uint64_t e, void *arg)
{
	struct release_ctx *c = arg;
	uint64_t word = 8 * BOOTMEM_LONG;
	uint64_t first = (s + word - 1) / word * word, last = e / word * word;

	free_low_range(c->b, s, e);
	if (first >= last) {
		add_singles(c->b, s, e);
	} else {
		add_singles(c->b, s, first);
		add_singles(c->b, last, e);
	}
	c->pages += e - s;
}

static void
free_all_bootmem(struct boot_ctx *b)
{
	struct boot_work *w = b->w;
	struct bootmem_state *bm = &w->bootmem;
	struct release_ctx c = { b, 0 };
	uint64_t map_pages;

	/* every clear bit; the kernel walks the map a long (32 pages) at a
	 * time and frees a whole clear, aligned word as one order-5 block,
	 * which the buddy merges into the same canonical blocks */
	bootmem_for_each_free(bm, release_run, &c);
	/* then the bitmap itself: ((pages) / 8 + PAGE_SIZE - 1) / PAGE_SIZE pages */
	map_pages = ((bm->low_pfn - bm->start_pfn) / 8 + PAGE_SIZE - 1) / PAGE_SIZE;
	free_low_range(b, bm->map_pfn, bm->map_pfn + map_pages);
	add_singles(b, bm->map_pfn, bm->map_pfn + map_pages);
	bm->released = true;
	bm->freed_pages = c.pages + map_pages;
	w->buddy.totalram_pages += bm->freed_pages;
	w->buddy.released = true;
	step(b, "free_all_bootmem",
	     "bootmem: every clear bit's page (%llu) and then the bitmap's own %llu pages go to the buddy allocator: %llu lowmem pages in totalram_pages.",
	     (unsigned long long)c.pages, (unsigned long long)map_pages,
	     (unsigned long long)bm->freed_pages);
}

/* set_highmem_pages_init(): one page at a time, RAM pages only. */
static void
highmem_pages_init(struct boot_ctx *b)
{
	struct boot_work *w = b->w;
	const struct e820_table *t = &w->e820;
	struct buddy_state *bs = &w->buddy;
	uint64_t n = 0;

	if (b->highend_pfn <= b->highstart_pfn)
		return;
	for (uint32_t i = 0; i < t->nr_entries; i++) {
		uint64_t s = PFN_UP(t->entries[i].addr);
		uint64_t e = PFN_DOWN(t->entries[i].addr + t->entries[i].size);

		if (t->entries[i].type != E820_TYPE_RAM)
			continue;
		s = s > b->highstart_pfn ? s : b->highstart_pfn;
		e = e < b->highend_pfn ? e : b->highend_pfn;
		if (e <= s)
			continue;
		buddy_free_range(bs, 0, ZONE_HIGHMEM, s, e);
		buddy_zone_get(bs, 0, ZONE_HIGHMEM)->managed += e - s;
		bs->nr_free_pages += e - s;
		n += e - s;
		touch(b, PFN_PHYS(s), PFN_PHYS(e));
	}
	b->singles[ZONE_HIGHMEM] += n;
	bs->totalhigh_pages += n;
	bs->totalram_pages += n;
	step(b, "set_highmem_pages_init",
	     "HighMem: %llu RAM pages above lowmem are freed one by one (one_highpage_init) and counted in totalhigh_pages; bootmem never covered them.",
	     (unsigned long long)n);
}

/* mem_init()'s 2.4/2.6 summary line. */
static void
mem_init_print(struct boot_ctx *b)
{
	const struct boot_work *w = b->w;
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t reserved = 0, held = 0, nr_free;
	uint64_t physpages = b->highend_pfn > w->max_low_pfn ? b->highend_pfn : w->max_low_pfn;

	/* nr_free_pages() leaves out the pages on the per-cpu lists */
	for (int t = ZONE_DMA; t <= ZONE_HIGHMEM; t++)
		held += bootmem_pcp_held(&b->prof, bootmem_zone_batch(&b->prof, b->zones.present[t]),
					 b->singles[t]);
	nr_free = w->buddy.nr_free_pages - held;

	/* pfn < max_low_pfn that are RAM and still PageReserved: the RAM
	 * pages not handed to the buddy */
	reserved = ram_pages(&w->e820, 0, w->max_low_pfn);
	reserved = reserved > w->bootmem.freed_pages ? reserved - w->bootmem.freed_pages : 0;
	klog_printf(LOG(b), KLOG_INFO,
		    "Memory: %lluk/%lluk available (%lluk kernel code, %lluk reserved, %lluk data, %lluk init, %lluk highmem)",
		    (unsigned long long)(nr_free << 2),
		    (unsigned long long)(physpages << 2), (unsigned long long)k->code_k,
		    (unsigned long long)(reserved << 2),
		    (unsigned long long)(k->rwdata_k + k->rodata_k), (unsigned long long)k->init_k,
		    (unsigned long long)(w->buddy.totalhigh_pages << 2));
	step(b, "mem_init",
	     "%llu MiB free in the buddy allocator out of %llu MiB of pfns (%llu pages freed one by one still wait on the per-cpu lists); %llu lowmem RAM pages stay reserved.",
	     (unsigned long long)(w->buddy.nr_free_pages >> 8), (unsigned long long)(physpages >> 8),
	     (unsigned long long)held, (unsigned long long)reserved);
}

/* ------------------------------------------------------------ the boot */

int
boot_bootmem_run(struct boot_ctx *b, struct diag *err)
{
	b->phase = PHASE_E820;
	if (setup_memory_region(b, err))
		return -1;
	find_max_pfn(b);

	b->phase = PHASE_MEMBLOCK;
	find_max_low_pfn(b);
	init_bootmem(b);
	if (register_bootmem_low_pages(b, err))
		return -1;
	reservations(b);

	b->phase = PHASE_ZONES;
	zone_sizes_init(b);
	if (alloc_node_mem_map(b, err) || zone_wait_tables(b, err))
		return -1;
	build_all_zonelists(b);

	b->phase = PHASE_BUDDY;
	free_all_bootmem(b);
	highmem_pages_init(b);
	mem_init_print(b);
	return 0;
}
