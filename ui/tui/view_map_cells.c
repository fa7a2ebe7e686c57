/*
 * view_map_cells.c - what one cell of the physical map shows. A cell's
 * colour says what the current phase knows. A cell can cover many
 * regions, so it is summarised by bytes: the kind covering the most
 * bytes gives the colour, and the caller marks a cell of several kinds.
 * Everything is computed from the region arrays by binary search, so the
 * cost is per cell and per region, never per page.
 *
 * The bootmem profile (i386, 2.4/2.6) has no memblock: until the buddy
 * allocator takes over its cells show the bootmem bitmap, reserved (set)
 * against free (clear) bits.
 *
 * The memmap colouring (key m) replaces the phase's colours by what the
 * memmap of the finished boot covers under one memory model: memory with
 * struct pages, struct pages spent on holes, and pfns without any.
 */
#include "view_map.h"

#include <stdlib.h>

#include "range_set.h"
#include "xalloc.h"

struct acc {
	enum role role[12];
	uint64_t bytes[12];
	int n;
};

static void
acc_add(struct acc *c, enum role r, uint64_t bytes)
{
	if (!bytes)
		return;
	for (int i = 0; i < c->n; i++)
		if (c->role[i] == r) {
			c->bytes[i] += bytes;
			return;
		}
	if (c->n < 12) {
		c->role[c->n] = r;
		c->bytes[c->n++] = bytes;
	}
}

static enum role
acc_result(const struct acc *c, bool *mixed)
{
	int best = -1;

	/* anything beats nothing: a cell is a hole only if it is all hole */
	*mixed = c->n > 1;
	for (int i = 0; i < c->n; i++)
		if (c->role[i] != ROLE_HOLE && (best < 0 || c->bytes[i] > c->bytes[best]))
			best = i;
	return best < 0 ? ROLE_HOLE : c->role[best];
}

static uint64_t
mb_cover(const struct memblock_type *t, uint64_t a, uint64_t b)
{
	uint64_t sum = 0;
	size_t n = memblock_type_empty(t) ? 0 : t->cnt;

	for (size_t i = memblock_first_after(t, a); i < n && t->regions[i].base < b; i++)
		sum += range_overlap(a, b, t->regions[i].base, t->regions[i].base + t->regions[i].size);
	return sum;
}

static void
classify_e820(const struct boot_state *s, uint64_t a, uint64_t b, struct acc *c)
{
	const struct e820_table *t = s->e820;
	uint64_t covered = 0;

	for (size_t i = e820_first_after(t, a); i < t->nr_entries && t->entries[i].addr < b; i++) {
		uint64_t ov = range_overlap(a, b, t->entries[i].addr,
					    t->entries[i].addr + t->entries[i].size);

		acc_add(c, theme_e820_role(t->entries[i].type), ov);
		covered += ov;
	}
	if (b - a > covered)
		acc_add(c, ROLE_HOLE, b - a - covered);
}

/* What is not memory: firmware ranges of the e820 map, or nothing. */
static void
classify_rest(const struct boot_state *s, uint64_t a, uint64_t b, uint64_t rest,
	      struct acc *c)
{
	const struct e820_table *t = s->e820;
	uint64_t fw = 0;

	for (size_t i = e820_first_after(t, a); i < t->nr_entries && t->entries[i].addr < b; i++)
		if (t->entries[i].type != E820_TYPE_RAM)
			fw += range_overlap(a, b, t->entries[i].addr,
					    t->entries[i].addr + t->entries[i].size);
	if (fw > rest)
		fw = rest;
	acc_add(c, ROLE_MB_FIRMWARE, fw);
	acc_add(c, ROLE_HOLE, rest - fw);
}

static void
classify_memblock(const struct boot_state *s, uint64_t a, uint64_t b, struct acc *c)
{
	uint64_t mem = mb_cover(s->memory, a, b), res = mb_cover(s->reserved, a, b);
	uint64_t known = mem > res ? mem : res;

	acc_add(c, ROLE_MB_RESERVED, res);
	acc_add(c, ROLE_MB_MEMORY, mem > res ? mem - res : 0);
	classify_rest(s, a, b, b - a - known, c);
}

static int
region_nid(const struct boot_state *s, const struct memblock_region *r)
{
	const struct numa_meminfo *mi = &s->numa->meminfo;

	if (s->numa->done && r->nid >= 0 && r->nid < s->numa->nr_node_ids)
		return r->nid;
	for (size_t i = 0; i < mi->nr; i++)
		if (r->base >= mi->blk[i].start && r->base < mi->blk[i].end)
			return mi->blk[i].nid;
	return -1;
}

/* What one piece [p0, p1) of memblock.memory region r shows. */
typedef void mem_piece_fn(const struct app *ap, const struct boot_state *s,
			  const struct memblock_region *r, uint64_t p0, uint64_t p1, struct acc *c);

/* Memory in [a, b) region by region through piece(); the rest is
 * firmware or hole. */
static void
classify_memory(const struct app *ap, const struct boot_state *s, uint64_t a, uint64_t b,
		mem_piece_fn *piece, struct acc *c)
{
	const struct memblock_type *t = s->memory;
	size_t n = memblock_type_empty(t) ? 0 : t->cnt;
	uint64_t mem = 0;

	for (size_t i = memblock_first_after(t, a); i < n && t->regions[i].base < b; i++) {
		const struct memblock_region *r = &t->regions[i];
		uint64_t p0 = r->base > a ? r->base : a;
		uint64_t p1 = r->base + r->size < b ? r->base + r->size : b;

		piece(ap, s, r, p0, p1, c);
		mem += p1 - p0;
	}
	classify_rest(s, a, b, b - a - mem, c);
}

static void
numa_piece(const struct app *ap, const struct boot_state *s, const struct memblock_region *r,
	   uint64_t p0, uint64_t p1, struct acc *c)
{
	acc_add(c, theme_node_role(region_nid(s, r)), p1 - p0);
}

static void
sparse_piece(const struct app *ap, const struct boot_state *s, const struct memblock_region *r,
	     uint64_t p0, uint64_t p1, struct acc *c)
{
	const struct sparse_state *sp = s->sparse;
	unsigned ssb = engine_machine(ap->e)->build.section_size_bits;
	uint64_t in_runs = 0;

	for (size_t j = sparse_index_after(sp, p0 >> ssb); j < sp->nr_runs &&
	     (sp->runs[j].first << ssb) < p1; j++) {
		const struct section_run *run = &sp->runs[j];
		uint64_t ov = range_overlap(p0, p1, run->first << ssb, (run->first + run->nr) << ssb);

		acc_add(c, run->flags & SECTION_HAS_MEM_MAP ? ROLE_SECT_MEMMAP :
			   run->flags & SECTION_MARKED_PRESENT ? ROLE_SECT_PRESENT :
			   ROLE_SECT_NONE, ov);
		in_runs += ov;
	}
	acc_add(c, ROLE_SECT_NONE, p1 - p0 - in_runs);
}

static void
zones_piece(const struct app *ap, const struct boot_state *s, const struct memblock_region *r,
	    uint64_t p0, uint64_t p1, struct acc *c)
{
	const struct zone_state *z = s->zones;
	uint64_t zoned = 0;

	for (int zt = 0; zt < MAX_NR_ZONES; zt++) {
		uint64_t ov = range_overlap(p0, p1, z->zone_low[zt] << ap->page_shift,
					    z->zone_high[zt] << ap->page_shift);

		acc_add(c, theme_zone_role(zt), ov);
		zoned += ov;
	}
	acc_add(c, ROLE_MB_MEMORY, p1 - p0 - zoned);
}

static int
piece_cmp(const void *x, const void *y)
{
	const struct free_piece *p = x, *q = y;

	return p->start < q->start ? -1 : p->start > q->start;
}

static void
piece_span(const void *item, uint64_t *start, uint64_t *size)
{
	const struct free_piece *p = item;

	*start = p->start;
	*size = p->end - p->start;
}

/* Every zone's free ranges in one sorted array, rebuilt when the state
 * changes (its size is the number of free ranges). */
static const struct free_index *
free_index_for(struct map_cells *p, int slot, const struct buddy_state *b)
{
	struct free_index *fi = &p->fi[slot];

	if (fi->of == b)
		return fi;
	fi->of = b;
	fi->n = 0;
	for (size_t zi = 0; zi < b->nr_zones; zi++)
		for (size_t i = 0; i < b->zones[zi].nr_free_ranges; i++) {
			xgrow((void **)&fi->p, &fi->cap, fi->n + 1, sizeof(*fi->p));
			fi->p[fi->n++] = (struct free_piece){ b->zones[zi].free[i].start,
				b->zones[zi].free[i].end, &b->zones[zi] };
		}
	qsort(fi->p, fi->n, sizeof(*fi->p), piece_cmp);
	return fi;
}

/* RAM bytes of the e820 map in [a, b) (the bootmem profile's memory). */
static uint64_t
e820_ram_cover(const struct e820_table *t, uint64_t a, uint64_t b)
{
	uint64_t sum = 0;

	for (size_t i = e820_first_after(t, a); i < t->nr_entries && t->entries[i].addr < b; i++)
		if (t->entries[i].type == E820_TYPE_RAM)
			sum += range_overlap(a, b, t->entries[i].addr,
					     t->entries[i].addr + t->entries[i].size);
	return sum;
}

static void
classify_buddy(struct map_cells *p, int slot, const struct app *ap, const struct boot_state *s,
	       uint64_t a, uint64_t b, struct acc *c)
{
	const struct free_index *fi;
	uint64_t pa = a >> ap->page_shift, pb = b >> ap->page_shift;
	uint64_t mem, res, freeb = 0, other;

	if (!s->buddy->nr_zones) {
		classify_memblock(s, a, b, c);
		return;
	}
	fi = free_index_for(p, slot, s->buddy);
	for (size_t i = ranges_first_above(fi->p, fi->n, sizeof(*fi->p), piece_span, pa);
	     i < fi->n && fi->p[i].start < pb; i++) {
		uint64_t s0 = fi->p[i].start > pa ? fi->p[i].start : pa;
		uint64_t s1 = fi->p[i].end < pb ? fi->p[i].end : pb;
		uint64_t bp;
		unsigned order = 0;

		buddy_block_of(fi->p[i].z, s->buddy->max_order, s0 + (s1 - s0) / 2, &bp, &order);
		acc_add(c, theme_free_role(order), (s1 - s0) << ap->page_shift);
		freeb += (s1 - s0) << ap->page_shift;
	}
	mem = mb_cover(s->memory, a, b);
	res = mb_cover(s->reserved, a, b);
	if (s->bootmem->active) {
		/* bootmem: RAM the buddy did not get stays reserved */
		mem = e820_ram_cover(s->e820, a, b);
		res = mem > freeb ? mem - freeb : 0;
	}
	acc_add(c, ROLE_ALLOCATED, res);
	other = mem > freeb + res ? mem - freeb - res : 0;
	if (other) {
		size_t i = memblock_first_after(s->memory, a);
		int nid = i < s->memory->cnt ? s->memory->regions[i].nid : 0;
		bool deferred = nid >= 0 && nid < s->zones->nr_nodes &&
				pa >= s->zones->nodes[nid].first_deferred_pfn;

		acc_add(c, deferred ? ROLE_DEFERRED : ROLE_MB_MEMORY, other);
	}
	mem = mem > res ? mem : res;
	classify_rest(s, a, b, b - a > mem ? b - a - mem : 0, c);
}

/* What the memmap of the finished boot covers in [a, b) under a model. */
static void
classify_memmap(struct map_cells *p, const struct app *ap, uint64_t a, uint64_t b, struct acc *c)
{
	const struct footprint *f = view_fp_get(&p->fp, ap->e);
	const struct boot_state *last = &engine_step(ap->e, engine_nr_steps(ap->e) - 1)->state;
	enum mem_model m = (enum mem_model)(p->memmap_mode - 1);
	uint64_t mem = mb_cover(last->memory, a, b);
	uint64_t covered = footprint_covered_pfns(f, m, a >> ap->page_shift, b >> ap->page_shift)
			   << ap->page_shift;
	uint64_t backed = mem < covered ? mem : covered;

	acc_add(c, ROLE_MM_BACKED, backed);
	acc_add(c, ROLE_MM_HOLE, covered - backed);
	acc_add(c, ROLE_MM_NONE, b - a > covered ? b - a - covered : 0);
}

/* Bootmem: set bits reserved, clear bits free; above the map, e820. */
static void
classify_bootmem(const struct app *ap, const struct boot_state *s, uint64_t a, uint64_t b,
		 struct acc *c)
{
	const struct bootmem_state *bm = s->bootmem;
	uint64_t lim = bm->low_pfn << ap->page_shift, m1 = b < lim ? b : lim;

	if (a < m1) {
		uint64_t res = bootmem_count_reserved(bm, a >> ap->page_shift,
						      m1 >> ap->page_shift) << ap->page_shift;

		acc_add(c, ROLE_MB_RESERVED, res);
		acc_add(c, ROLE_MB_MEMORY, m1 - a - res);
	}
	if (b > lim)
		classify_e820(s, a > lim ? a : lim, b, c);
}

enum role
map_cells_role(struct map_cells *p, int slot, const struct app *ap, const struct boot_state *s,
	       uint64_t a, uint64_t b, bool *mixed)
{
	struct acc c = { .n = 0 };

	if (p->memmap_mode) {
		classify_memmap(p, ap, a, b, &c);
		return acc_result(&c, mixed);
	}
	if (s->bootmem->active && !s->buddy->released) {
		classify_bootmem(ap, s, a, b, &c);
		return acc_result(&c, mixed);
	}
	switch (ap->st->phase) {
	case PHASE_E820: classify_e820(s, a, b, &c); break;
	case PHASE_MEMBLOCK: classify_memblock(s, a, b, &c); break;
	case PHASE_NUMA: classify_memory(ap, s, a, b, numa_piece, &c); break;
	case PHASE_SPARSE:
		if (s->sparse->nr_runs)
			classify_memory(ap, s, a, b, sparse_piece, &c);
		else
			classify_memblock(s, a, b, &c);
		break;
	case PHASE_ZONES:
		classify_memory(ap, s, a, b, s->zones->ranges_set ? zones_piece : numa_piece, &c);
		break;
	default: classify_buddy(p, slot, ap, s, a, b, &c); break;
	}
	return acc_result(&c, mixed);
}

void
map_cells_release(struct map_cells *p)
{
	free(p->fi[0].p);
	free(p->fi[1].p);
	view_fp_release(&p->fp);
}
