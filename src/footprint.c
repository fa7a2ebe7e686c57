/*
 * footprint.c - the memory-model comparison (see footprint.h).
 *
 * One pass over memblock.memory gives the nodes (pages, span) and the
 * present sections as runs, the first node to touch a section owning it,
 * as memblocks_present does. Every figure is then a product or a count
 * over those runs: root pages, PMD and PUD tables are counted as distinct
 * indexes of consecutive runs, remembering the last index already paid
 * for, since runs come in increasing order.
 */
#include "footprint.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "e820.h"
#include "engine.h"
#include "kernel_const.h"
#include "range_set.h"
#include "xalloc.h"

#define VMEMMAP_BLOCK	(1ull << 21)	/* PMD-mapped memmap blocks */
#define PMD_TABLE_SPAN	(1ull << 30)	/* vmemmap VA one PMD table maps */
#define PUD_TABLE_SPAN	(1ull << 39)	/* vmemmap VA one PUD table maps */
#define ROOT_PTR_SIZE	8		/* sizeof(struct mem_section *) */

static const char *const model_names[FP_MODELS] = {
	[MEM_MODEL_FLATMEM] = "FLATMEM",
	[MEM_MODEL_SPARSEMEM] = "SPARSEMEM",
	[MEM_MODEL_SPARSEMEM_VMEMMAP] = "SPARSEMEM_VMEMMAP",
};

static const char *const part_names[FP_PART_COUNT] = {
	[FP_MEMMAP] = "memmap",
	[FP_ROOT_ARRAY] = "root array",
	[FP_ROOTS] = "root pages",
	[FP_USEMAPS] = "usemaps",
	[FP_PGTABLES] = "page tables",
};

const char *
footprint_model_name(enum mem_model m)
{
	return (unsigned)m < FP_MODELS ? model_names[m] : "?";
}

const char *
footprint_part_name(enum fp_part p)
{
	return (unsigned)p < FP_PART_COUNT ? part_names[p] : "?";
}

/* The node entry for nid, inserted in nid order when new. */
static struct fp_node *
node_get(struct footprint *f, size_t *cap, int nid)
{
	size_t i = 0;

	while (i < f->nr_nodes && f->nodes[i].nid < nid)
		i++;
	if (i < f->nr_nodes && f->nodes[i].nid == nid)
		return &f->nodes[i];
	xgrow((void **)&f->nodes, cap, f->nr_nodes + 1, sizeof(*f->nodes));
	memmove(&f->nodes[i + 1], &f->nodes[i], (f->nr_nodes - i) * sizeof(*f->nodes));
	memset(&f->nodes[i], 0, sizeof(*f->nodes));
	f->nodes[i].nid = nid;
	f->nodes[i].start_pfn = UINT64_MAX;
	f->nr_nodes++;
	return &f->nodes[i];
}

static struct fp_node *
node_of(struct footprint *f, int nid)
{
	for (size_t i = 0; i < f->nr_nodes; i++)
		if (f->nodes[i].nid == nid)
			return &f->nodes[i];
	return NULL;
}

/* Sections [first, last] of node nid become present unless already
 * owned (regions are sorted, so only the boundary section can be).
 * Returns how many sections the node gained. */
static uint64_t
spans_add(struct footprint *f, size_t *cap, uint64_t first, uint64_t last, int nid)
{
	struct fp_span *prev = f->nr_spans ? &f->spans[f->nr_spans - 1] : NULL;

	if (prev && first <= prev->last)
		first = prev->last + 1;
	if (first > last)
		return 0;
	if (prev && prev->nid == nid && prev->last + 1 == first) {
		prev->last = last;
		return last - first + 1;
	}
	xgrow((void **)&f->spans, cap, f->nr_spans + 1, sizeof(*f->spans));
	f->spans[f->nr_spans++] = (struct fp_span){ first, last, nid };
	return last - first + 1;
}

/* Nodes and present sections from memblock.memory. */
static void
scan_memory(struct footprint *f, const struct machine_build *b, const struct memblock_type *mem)
{
	size_t ncap = 0, scap = 0, n = memblock_type_empty(mem) ? 0 : mem->cnt;
	unsigned ps = b->page_shift, sshift = pfn_section_shift(b);

	for (size_t i = 0; i < n; i++) {
		const struct memblock_region *r = &mem->regions[i];
		uint64_t start = (r->base + f->page_size - 1) >> ps;
		uint64_t end = (r->base + r->size) >> ps;
		int nid = r->nid >= 0 && r->nid < MACHINE_MAX_NODES ? r->nid : 0;
		struct fp_node *nd;

		if (start >= end)
			continue;
		nd = node_get(f, &ncap, nid);
		nd->present_pages += end - start;
		if (start < nd->start_pfn)
			nd->start_pfn = start;
		if (end > nd->end_pfn)
			nd->end_pfn = end;
		f->present_pages += end - start;
		nd->sections += spans_add(f, &scap, start >> sshift, (end - 1) >> sshift, nid);
	}
}

static int
node_start_cmp(const void *x, const void *y)
{
	const struct fp_node *const *a = x, *const *b = y;

	return (*a)->start_pfn < (*b)->start_pfn ? -1 : (*a)->start_pfn > (*b)->start_pfn;
}

/* FLATMEM: each node's aligned span, in address order, cut so no pfn is
 * paid twice; the one array runs from pfn 0 to the last node's end. */
static void
flat_model(struct footprint *f, const struct machine_build *b)
{
	struct fp_model *m = &f->model[MEM_MODEL_FLATMEM];
	uint64_t mo = 1ull << (b->max_order ? b->max_order - 1 : 0), cursor = 0, owned = 0;
	struct fp_node **order = xcalloc(f->nr_nodes ? f->nr_nodes : 1, sizeof(*order));

	for (size_t i = 0; i < f->nr_nodes; i++)
		order[i] = &f->nodes[i];
	qsort(order, f->nr_nodes, sizeof(*order), node_start_cmp);
	f->flat_start = 0;
	f->flat_end = 0;
	for (size_t i = 0; i < f->nr_nodes; i++) {
		struct fp_node *nd = order[i];
		uint64_t s = nd->start_pfn & ~(mo - 1), e = align_up(nd->end_pfn, mo);

		if (s < cursor)
			s = cursor;
		if (e <= s)
			continue;
		nd->covered[MEM_MODEL_FLATMEM] = e - s;
		nd->bytes[MEM_MODEL_FLATMEM][FP_MEMMAP] = (e - s) * f->struct_page_size;
		owned += e - s;
		cursor = e;
		f->flat_end = e;
	}
	free(order);
	m->covered = f->flat_end - f->flat_start;
	m->bytes[FP_MEMMAP] = m->covered * f->struct_page_size;
	m->global = (m->covered - owned) * f->struct_page_size;
}

/* Root pages and, with vmemmap, PMD and PUD tables: distinct indexes of
 * the runs, each paid by the node of the first run reaching it. */
struct index_counter {
	uint64_t last;
	int any;
};

static uint64_t
index_count(struct index_counter *c, uint64_t lo, uint64_t hi)
{
	uint64_t n;

	if (c->any && lo <= c->last)
		lo = c->last + 1;
	if (lo > hi)
		return 0;
	n = hi - lo + 1;
	c->last = hi;
	c->any = 1;
	return n;
}

static void
sparse_model(struct footprint *f, const struct machine_build *b, enum mem_model which)
{
	struct fp_model *m = &f->model[which];
	const bool vm = which == MEM_MODEL_SPARSEMEM_VMEMMAP;
	uint64_t per_root = sections_per_root(b);
	uint64_t nr_sections = nr_mem_sections(b);
	uint64_t va_per_section = f->pages_per_section * f->struct_page_size;
	uint64_t map = vm ? align_up(va_per_section, VMEMMAP_BLOCK) : align_up(va_per_section, f->page_size);
	struct index_counter roots = { 0, 0 }, pmd = { 0, 0 }, pud = { 0, 0 };

	for (size_t i = 0; i < f->nr_spans; i++) {
		const struct fp_span *s = &f->spans[i];
		struct fp_node *nd = node_of(f, s->nid);
		uint64_t n = s->last - s->first + 1, r, t1 = 0, t2 = 0;

		r = index_count(&roots, s->first / per_root, s->last / per_root);
		if (vm) {
			uint64_t va0 = s->first * va_per_section, va1 = (s->last + 1) * va_per_section - 1;

			t1 = index_count(&pmd, va0 / PMD_TABLE_SPAN, va1 / PMD_TABLE_SPAN);
			t2 = index_count(&pud, va0 / PUD_TABLE_SPAN, va1 / PUD_TABLE_SPAN);
		}
		m->sections += n;
		m->roots += r;
		m->pmd_tables += t1;
		m->pud_tables += t2;
		nd->covered[which] += n * f->pages_per_section;
		nd->bytes[which][FP_MEMMAP] += n * map;
		nd->bytes[which][FP_USEMAPS] += n * b->usemap_size;
		nd->bytes[which][FP_ROOTS] += r * f->page_size;
		nd->bytes[which][FP_PGTABLES] += (t1 + t2) * f->page_size;
	}
	m->covered = m->sections * f->pages_per_section;
	m->bytes[FP_MEMMAP] = m->sections * map;
	m->bytes[FP_USEMAPS] = m->sections * b->usemap_size;
	m->bytes[FP_ROOTS] = m->roots * f->page_size;
	m->bytes[FP_PGTABLES] = (m->pmd_tables + m->pud_tables) * f->page_size;
	if (f->nr_spans)
		m->bytes[FP_ROOT_ARRAY] = ROOT_PTR_SIZE * ((nr_sections + per_root - 1) / per_root);
	m->global = m->bytes[FP_ROOT_ARRAY];
}

static void
model_totals(struct footprint *f, struct fp_model *m)
{
	uint64_t ram = f->present_pages * f->page_size;

	m->total = 0;
	for (int p = 0; p < FP_PART_COUNT; p++)
		m->total += m->bytes[p];
	for (size_t i = 0; i < f->nr_nodes; i++) {
		struct fp_node *nd = &f->nodes[i];

		nd->total[m->model] = 0;
		for (int p = 0; p < FP_PART_COUNT; p++)
			nd->total[m->model] += nd->bytes[m->model][p];
	}
	m->pages = (m->total + f->page_size - 1) / f->page_size;
	m->hole_pfns = m->covered > f->present_pages ? m->covered - f->present_pages : 0;
	m->hole_bytes = m->hole_pfns * f->struct_page_size;
	m->percent = ram ? (double)m->total * 100.0 / (double)ram : 0.0;
}

void
footprint_compute(const struct machine_build *b, const struct memblock_type *memory,
		  struct footprint *out)
{
	memset(out, 0, sizeof(*out));
	out->page_size = 1ull << b->page_shift;
	out->struct_page_size = b->struct_page_size ? b->struct_page_size : 64;
	out->pages_per_section = 1ull << pfn_section_shift(b);
	scan_memory(out, b, memory);
	flat_model(out, b);
	sparse_model(out, b, MEM_MODEL_SPARSEMEM);
	sparse_model(out, b, MEM_MODEL_SPARSEMEM_VMEMMAP);
	for (int i = 0; i < FP_MODELS; i++) {
		out->model[i].model = (enum mem_model)i;
		model_totals(out, &out->model[i]);
	}
}

/* The bootmem profile never fills memblock.memory: its RAM is the usable
 * e820 entries below max_pfn, the pages init_bootmem and the HighMem
 * loop cover, all on node 0. */
static void
bootmem_memory(const struct boot_state *s, struct memblock_type *mem)
{
	const struct e820_table *t = s->e820;
	size_t cap = 0;

	memset(mem, 0, sizeof(*mem));
	mem->name = "memory";
	for (uint32_t i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *en = &t->entries[i];
		uint64_t end = en->addr + en->size, limit = PFN_PHYS(s->max_pfn);

		if (en->type != E820_TYPE_RAM || en->addr >= limit)
			continue;
		xgrow((void **)&mem->regions, &cap, mem->cnt + 1, sizeof(*mem->regions));
		mem->regions[mem->cnt++] = (struct memblock_region){
			.base = en->addr, .size = (end < limit ? end : limit) - en->addr, .nid = 0,
		};
	}
}

void
footprint_of_engine(const struct engine *e, struct footprint *out)
{
	size_t n = engine_nr_steps(e);
	const struct boot_step *last = engine_step(e, n ? n - 1 : 0);
	struct memblock_type ram;

	if (!last->state.bootmem || !last->state.bootmem->active) {
		footprint_compute(&engine_machine(e)->build, last->state.memory, out);
		return;
	}
	bootmem_memory(&last->state, &ram);
	footprint_compute(&engine_machine(e)->build, &ram, out);
	free(ram.regions);
}

void
footprint_release(struct footprint *f)
{
	free(f->nodes);
	free(f->spans);
	memset(f, 0, sizeof(*f));
}

static void
span_sections(const void *item, uint64_t *start, uint64_t *size)
{
	const struct fp_span *sp = item;

	*start = sp->first;
	*size = sp->last - sp->first + 1;
}

uint64_t
footprint_covered_pfns(const struct footprint *f, enum mem_model m, uint64_t lo, uint64_t hi)
{
	uint64_t pps = f->pages_per_section, sum = 0;
	size_t a;

	if (m == MEM_MODEL_FLATMEM)
		return range_overlap(lo, hi, f->flat_start, f->flat_end);
	/* spans are in sections; lo/pps is the section holding pfn lo */
	a = ranges_first_above(f->spans, f->nr_spans, sizeof(f->spans[0]), span_sections, lo / pps);
	for (size_t i = a; i < f->nr_spans && f->spans[i].first * pps < hi; i++)
		sum += range_overlap(lo, hi, f->spans[i].first * pps, (f->spans[i].last + 1) * pps);
	return sum;
}
