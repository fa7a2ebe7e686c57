/*
 * direct_map.c - the x86_64 direct map and the page-table pages it costs.
 *
 * The page tables are modelled as sets of table indices: a PUD table per
 * 512 GiB top-level entry, a PMD table (or a 1 GiB page) per 1 GiB, a PTE
 * table (or a 2 MiB page) per 2 MiB. Mapping a range walks those levels
 * like kernel_physical_mapping_init(): an entry that already has a table
 * reuses it, an empty one gets a large page when the range's page-size
 * mask allows it and a new table otherwise. The ranges and masks come
 * from split_mem_range() and adjust_range_page_size_mask(); the order of
 * the mappings from memory_map_top_down(). Each new table is one
 * alloc_low_page(): from the brk buffer while it lasts and while the
 * range being mapped does not cover the buffer itself, else from memblock
 * in [min_pfn_mapped, max_pfn_mapped), top-down.
 */
#include "direct_map.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "kernel_const.h"
#include "memblock.h"
#include "range_set.h"
#include "xalloc.h"

#define MASK_2M		1u
#define MASK_1G		2u

/* A set of table indices as sorted, disjoint, non-touching runs
 * [start, end): mapping GiBs of memory adds indices in runs, in either
 * direction, so the set stays a few runs long. */
struct idx_set {
	struct span *r;
	size_t nr, cap;
};

struct dm {
	struct memblock *mb;
	const struct direct_map_config *cfg;
	struct direct_map_result *res;
	struct idx_set pud_tables, pmd_tables, gb_pages, pte_tables;
	uint64_t pgt_buf_end, pgt_buf_top;	/* pfns */
	uint64_t min_pfn_mapped, max_pfn_mapped;
	bool can_use_brk;
	unsigned mask;				/* page_size_mask */
};

static bool
set_has(const struct idx_set *s, uint64_t x)
{
	return range_set_find(s->r, s->nr, x) >= 0;
}

static void
set_add(struct idx_set *s, uint64_t x)
{
	range_set_add(&s->r, &s->nr, &s->cap, x, x + 1);
}

static void
set_del(struct idx_set *s, uint64_t x)
{
	range_set_remove(&s->r, &s->nr, &s->cap, x, x + 1);
}

/* The highest index in [first, last] not in the set, or false. */
static bool
set_last_absent(const struct idx_set *s, uint64_t first, uint64_t last, uint64_t *out)
{
	size_t i = range_set_pos(s->r, s->nr, last);

	if (i < s->nr && s->r[i].start <= last) {
		/* runs never touch: the index below a run is absent */
		if (s->r[i].start <= first)
			return false;
		last = s->r[i].start - 1;
	}
	*out = last;
	return true;
}

/* alloc_low_page() */
static void
alloc_low_page(struct dm *d)
{
	uint64_t pa = 0;

	if (d->pgt_buf_end + 1 <= d->pgt_buf_top && d->can_use_brk) {
		d->pgt_buf_end++;
		d->res->brk_pages++;
		return;
	}
	if (d->min_pfn_mapped < d->max_pfn_mapped)
		pa = memblock_phys_alloc_range(d->mb, 1ull << PAGE_SHIFT, 1ull << PAGE_SHIFT,
					       d->min_pfn_mapped << PAGE_SHIFT,
					       d->max_pfn_mapped << PAGE_SHIFT, "alloc_low_pages");
	if (!pa) {
		/* the kernel would extend brk here; count it with brk */
		d->res->brk_pages++;
		return;
	}
	xgrow((void **)&d->res->pages, &d->res->cap_pages, d->res->nr_pages + 1,
	      sizeof(d->res->pages[0]));
	d->res->pages[d->res->nr_pages++] = pa;
}

/* kernel_physical_mapping_init(): map [start, end) with mask; returns the
 * end of what got mapped (a large page maps all of itself). */
static uint64_t
map_range(struct dm *d, uint64_t start, uint64_t end, unsigned mask)
{
	uint64_t last = end;

	for (uint64_t g = start >> PGDIR_SHIFT; g <= (end - 1) >> PGDIR_SHIFT; g++) {
		if (!set_has(&d->pud_tables, g)) {
			alloc_low_page(d);
			set_add(&d->pud_tables, g);
		}
	}
	for (uint64_t a = start; a < end;) {
		uint64_t i = a >> PUD_SHIFT, pud_end = (i + 1) << PUD_SHIFT;
		uint64_t e = end < pud_end ? end : pud_end;

		if (set_has(&d->gb_pages, i) && (mask & MASK_1G)) {
			last = pud_end;
			a = e;
			continue;
		}
		if (!set_has(&d->pmd_tables, i)) {
			if (mask & MASK_1G) {
				set_add(&d->gb_pages, i);
				last = pud_end;
				a = e;
				continue;
			}
			set_del(&d->gb_pages, i);	/* split into a PMD table */
			alloc_low_page(d);
			set_add(&d->pmd_tables, i);
		}
		if (mask & MASK_2M) {
			/* no table is made: the mapping ends with the last 2 MiB
			 * page, past which only PMDs that kept a PTE table lie */
			uint64_t j;

			if (set_last_absent(&d->pte_tables, a >> PMD_SHIFT, (e - 1) >> PMD_SHIFT, &j))
				last = (j + 1) << PMD_SHIFT;
			a = e;
			continue;
		}
		for (uint64_t p = a; p < e;) {
			uint64_t j = p >> PMD_SHIFT, pmd_end = (j + 1) << PMD_SHIFT;

			/* 4 KiB pages: every PMD gets its PTE table */
			if (!set_has(&d->pte_tables, j)) {
				alloc_low_page(d);
				set_add(&d->pte_tables, j);
			}
			p = e < pmd_end ? e : pmd_end;
		}
		a = e;
	}
	return last;
}

struct map_range {
	uint64_t start, end;	/* pfns */
	unsigned mask;
};

static int
save_mr(struct map_range *mr, int n, uint64_t s, uint64_t e, unsigned mask)
{
	if (s < e)
		mr[n++] = (struct map_range){ s, e, mask };
	return n;
}

/* Is all of [start, end) memblock memory? (memblock_is_region_memory) */
static bool
is_region_memory(const struct memblock *mb, uint64_t start, uint64_t end)
{
	int i = memblock_search(&mb->memory, start);

	return i >= 0 && mb->memory.regions[i].base + mb->memory.regions[i].size >= end;
}

/* split_mem_range() + adjust_range_page_size_mask() + the merge. */
static int
split_mem_range(const struct dm *d, struct map_range *mr, uint64_t start, uint64_t end)
{
	const uint64_t pmd_pfns = PMD_SIZE >> PAGE_SHIFT, pud_pfns = PUD_SIZE >> PAGE_SHIFT;
	uint64_t limit = end >> PAGE_SHIFT, pfn = start >> PAGE_SHIFT, s, e;
	int n = 0;

	e = pfn == 0 ? pmd_pfns : align_up(pfn, pmd_pfns);
	if (e > limit)
		e = limit;
	if (pfn < e) {
		n = save_mr(mr, n, pfn, e, 0);
		pfn = e;
	}
	s = align_up(pfn, pmd_pfns);
	e = align_up(pfn, pud_pfns);
	if (e > align_down(limit, pmd_pfns))
		e = align_down(limit, pmd_pfns);
	if (s < e) {
		n = save_mr(mr, n, s, e, d->mask & MASK_2M);
		pfn = e;
	}
	s = align_up(pfn, pud_pfns);
	e = align_down(limit, pud_pfns);
	if (s < e) {
		n = save_mr(mr, n, s, e, d->mask & (MASK_2M | MASK_1G));
		pfn = e;
	}
	s = align_up(pfn, pmd_pfns);
	e = align_down(limit, pmd_pfns);
	if (s < e) {
		n = save_mr(mr, n, s, e, d->mask & MASK_2M);
		pfn = e;
	}
	n = save_mr(mr, n, pfn, limit, 0);

	for (int i = 0; i < n; i++) {
		if ((d->mask & MASK_2M) && !(mr[i].mask & MASK_2M) &&
		    is_region_memory(d->mb, align_down(mr[i].start << PAGE_SHIFT, PMD_SIZE),
				     align_up(mr[i].end << PAGE_SHIFT, PMD_SIZE)))
			mr[i].mask |= MASK_2M;
		if ((d->mask & MASK_1G) && !(mr[i].mask & MASK_1G) &&
		    is_region_memory(d->mb, align_down(mr[i].start << PAGE_SHIFT, PUD_SIZE),
				     align_up(mr[i].end << PAGE_SHIFT, PUD_SIZE)))
			mr[i].mask |= MASK_1G;
	}
	for (int i = 0; n > 1 && i < n - 1; i++) {
		if (mr[i].end != mr[i + 1].start || mr[i].mask != mr[i + 1].mask)
			continue;
		mr[i + 1].start = mr[i].start;
		memmove(&mr[i], &mr[i + 1], (size_t)(n - 1 - i) * sizeof(mr[0]));
		n--;
		i--;
	}
	return n;
}

/* init_memory_mapping(start, end) */
static void
init_memory_mapping(struct dm *d, uint64_t start, uint64_t end)
{
	struct map_range mr[8];
	int n = split_mem_range(d, mr, start, end);
	uint64_t last = end;

	for (int i = 0; i < n; i++)
		last = map_range(d, mr[i].start << PAGE_SHIFT, mr[i].end << PAGE_SHIFT, mr[i].mask);
	if ((last >> PAGE_SHIFT) > d->max_pfn_mapped)
		d->max_pfn_mapped = last >> PAGE_SHIFT;
}

/* init_range_memory_mapping(): the memory in [r_start, r_end). */
static uint64_t
init_range_memory_mapping(struct dm *d, uint64_t r_start, uint64_t r_end)
{
	const struct memblock_type *mem = &d->mb->memory;
	uint64_t mapped = 0;

	for (size_t i = 0; i < mem->cnt && !memblock_type_empty(mem); i++) {
		uint64_t s = (mem->regions[i].base + 4095) & ~4095ull;
		uint64_t e = (mem->regions[i].base + mem->regions[i].size) & ~4095ull;
		uint64_t buf_s = d->pgt_buf_end << PAGE_SHIFT, buf_e = d->pgt_buf_top << PAGE_SHIFT;

		if (s >= e)
			continue;
		s = s < r_start ? r_start : (s > r_end ? r_end : s);
		e = e < r_start ? r_start : (e > r_end ? r_end : e);
		if (s >= e)
			continue;
		/* the brk buffer may only serve ranges it is not part of */
		d->can_use_brk = (s > buf_s ? s : buf_s) >= (e < buf_e ? e : buf_e);
		init_memory_mapping(d, s, e);
		mapped += e - s;
		d->can_use_brk = true;
	}
	return mapped;
}

void
direct_map_init(struct memblock *mb, const struct direct_map_config *cfg, uint64_t map_end,
		struct direct_map_result *res)
{
	struct dm d = { .mb = mb, .cfg = cfg, .res = res, .can_use_brk = true };
	uint64_t real_end, last_start, step = PMD_SIZE, mapped = 0;

	memset(res, 0, sizeof(*res));
	d.mask = MASK_2M | (cfg->gbpages ? MASK_1G : 0);
	d.pgt_buf_end = cfg->pgt_buf_start >> PAGE_SHIFT;
	d.pgt_buf_top = d.pgt_buf_end + cfg->pgt_buf_pages;

	/* the ISA range, always, with 4 KiB pages */
	init_memory_mapping(&d, 0, ISA_END_ADDRESS);
	if (cfg->kaslr_trampoline) {
		alloc_low_page(&d);		/* the trampoline's PUD page */
		if (cfg->la57)
			alloc_low_page(&d);	/* and its P4D page */
	}

	/* memory_map_top_down(ISA_END_ADDRESS, map_end) */
	res->probe = memblock_phys_probe(mb, PMD_SIZE, PMD_SIZE, ISA_END_ADDRESS, map_end, "init_mem_mapping");
	real_end = res->probe + PMD_SIZE;
	d.max_pfn_mapped = 0;
	d.min_pfn_mapped = real_end >> PAGE_SHIFT;
	last_start = real_end;
	while (last_start > ISA_END_ADDRESS) {
		uint64_t start = ISA_END_ADDRESS;

		if (last_start > step) {
			start = align_down(last_start - 1, step);
			if (start < ISA_END_ADDRESS)
				start = ISA_END_ADDRESS;
		}
		mapped += init_range_memory_mapping(&d, start, last_start);
		last_start = start;
		d.min_pfn_mapped = last_start >> PAGE_SHIFT;
		/* each step maps up to 256 times what is mapped so far */
		if (mapped >= step)
			step <<= PMD_SHIFT - PAGE_SHIFT - 1;
	}
	if (real_end < map_end)
		init_range_memory_mapping(&d, real_end, map_end);

	free(d.pud_tables.r);
	free(d.pmd_tables.r);
	free(d.gb_pages.r);
	free(d.pte_tables.r);
}

void
direct_map_result_release(struct direct_map_result *res)
{
	free(res->pages);
	memset(res, 0, sizeof(*res));
}
