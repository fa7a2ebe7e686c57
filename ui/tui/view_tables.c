/*
 * view_tables.c - the e820 table, the memblock memory[] / reserved[]
 * arrays (in the i386 bootmem profile: the bootmem bitmap's set-bit runs
 * instead) and the section table, as scrolling lists. Rows are computed
 * on demand from the state (row i -> entry), so a table never holds a
 * window or an object per row; the section table maps a row to its run
 * by binary search over the runs. Rows the last step added or changed
 * are highlighted, rows it removed are shown struck out at the end, and
 * a step scrolls the list to its first change.
 *
 * The section table has a selected row; under the list it shows that
 * section's section_mem_map encoding and the pfn_to_page / page_to_pfn
 * arithmetic through it, for the map cursor's pfn when the cursor lies
 * in the section and for the section's first pfn otherwise.
 */
#include "view.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "section_math.h"
#include "xalloc.h"

#define SECT_DETAIL_H 4		/* lines of section arithmetic under the list */

enum table_kind {
	TABLE_E820,
	TABLE_MEMBLOCK,
	TABLE_SECTIONS,
};

struct table_priv {
	enum table_kind kind;
	long top;
	long rows_shown;
	long sel;		/* section table: the selected row */
	int list_y;		/* screen row of the first list row */
	/* section rows: prefix sums of run lengths for one sparse state */
	const struct sparse_state *prefix_of;
	uint64_t *prefix;
	size_t prefix_cap;
};

struct row {
	char text[256];
	enum role role;
};

/* ---------------------------------------------------------- e820 */

static bool
e820_has(const struct e820_table *t, const struct e820_entry *e, bool same_start_only)
{
	for (uint32_t i = 0; t && i < t->nr_entries; i++)
		if (t->entries[i].addr == e->addr &&
		    (same_start_only || (t->entries[i].size == e->size && t->entries[i].type == e->type)))
			return true;
	return false;
}

static uint32_t
e820_removed(const struct app *a, uint32_t *idx, uint32_t max)
{
	uint32_t n = 0;

	if (!a->prev)
		return 0;
	for (uint32_t i = 0; i < a->prev->e820->nr_entries; i++)
		if (!e820_has(a->st->state.e820, &a->prev->e820->entries[i], true)) {
			if (idx && n < max)
				idx[n] = i;
			n++;
		}
	return n;
}

static long
e820_nrows(struct table_priv *p, const struct app *a)
{
	return a->st->state.e820->nr_entries + e820_removed(a, NULL, 0);
}

static void
e820_fmt(const struct e820_entry *e, char *buf, size_t len, const char *mark)
{
	char ty[32], sz[32];

	e820_type_name(e->type, ty, sizeof(ty));
	fmt_size(e->size, sz, sizeof(sz));
	snprintf(buf, len, "%s[mem 0x%016" PRIx64 "-0x%016" PRIx64 "] %-9s %s", mark, e->addr,
		 e->addr + e->size - 1, ty, sz);
}

static void
e820_row(struct table_priv *p, const struct app *a, long i, struct row *r)
{
	const struct e820_table *t = a->st->state.e820;
	const struct e820_entry *e;

	if (i < (long)t->nr_entries) {
		e = &t->entries[i];
		r->role = !a->prev ? ROLE_ROW_ADDED :
			  e820_has(a->prev->e820, e, false) ? ROLE_DEFAULT :
			  e820_has(a->prev->e820, e, true) ? ROLE_ROW_CHANGED : ROLE_ROW_ADDED;
		e820_fmt(e, r->text, sizeof(r->text), r->role == ROLE_DEFAULT ? "  " : "+ ");
		if (r->role == ROLE_ROW_CHANGED)
			r->text[0] = '*';
		return;
	}
	uint32_t n = (uint32_t)(i - t->nr_entries), *idx = xmalloc((n + 1) * sizeof(*idx));

	e820_removed(a, idx, n + 1);
	e820_fmt(&a->prev->e820->entries[idx[n]], r->text, sizeof(r->text), "- ");
	r->role = ROLE_ROW_REMOVED;
	free(idx);
}

/* ---------------------------------------------------------- memblock */

static size_t
mb_cnt(const struct memblock_type *t)
{
	return memblock_type_empty(t) ? 0 : t->cnt;
}

/* How a region compares with the previous array: 0 same, 1 changed, 2 new. */
static int
mb_diff(const struct memblock_type *old, const struct memblock_region *r)
{
	size_t j;

	if (!old)
		return 2;
	j = memblock_first_after(old, r->base);
	if (j >= mb_cnt(old) || old->regions[j].base >= r->base + r->size)
		return 2;
	const struct memblock_region *o = &old->regions[j];

	return o->base == r->base && o->size == r->size && o->nid == r->nid &&
	       o->flags == r->flags ? 0 : 1;
}

/* Regions of old that no region of cur overlaps. */
static size_t
mb_removed(const struct memblock_type *old, const struct memblock_type *cur, size_t *idx,
	   size_t max)
{
	size_t n = 0;

	for (size_t i = 0; old && i < mb_cnt(old); i++) {
		const struct memblock_region *o = &old->regions[i];
		size_t j = memblock_first_after(cur, o->base);

		if (j < mb_cnt(cur) && cur->regions[j].base < o->base + o->size)
			continue;
		if (idx && n < max)
			idx[n] = i;
		n++;
	}
	return n;
}

struct mb_layout {
	const struct memblock_type *cur[2], *old[2];
	size_t cnt[2], removed[2];
};

static void
mb_layout(const struct app *a, struct mb_layout *l)
{
	l->cur[0] = a->st->state.memory;
	l->cur[1] = a->st->state.reserved;
	l->old[0] = a->prev ? a->prev->memory : NULL;
	l->old[1] = a->prev ? a->prev->reserved : NULL;
	for (int k = 0; k < 2; k++) {
		l->cnt[k] = mb_cnt(l->cur[k]);
		l->removed[k] = mb_removed(l->old[k], l->cur[k], NULL, 0);
	}
}

static long
mb_nrows(struct table_priv *p, const struct app *a)
{
	struct mb_layout l;

	mb_layout(a, &l);
	return (long)(2 + l.cnt[0] + l.removed[0] + 1 + l.cnt[1] + l.removed[1]);
}

static void
mb_fmt(const struct memblock_region *r, const char *mark, size_t i, char *buf, size_t len)
{
	char sz[32], nid[16];

	fmt_size(r->size, sz, sizeof(sz));
	if (r->nid >= 0 && r->nid < 1 << 10)
		snprintf(nid, sizeof(nid), "%d", r->nid);
	else
		snprintf(nid, sizeof(nid), "-");
	snprintf(buf, len, "%s%3zu [0x%016" PRIx64 "-0x%016" PRIx64 "] %9s node %s%s", mark, i,
		 r->base, r->base + r->size - 1, sz, nid,
		 r->flags & MEMBLOCK_HOTPLUG ? " hotplug" : r->flags & MEMBLOCK_NOMAP ? " nomap" :
		 r->flags & MEMBLOCK_MIRROR ? " mirror" : "");
}

static void
mb_row(struct table_priv *p, const struct app *a, long i, struct row *r)
{
	struct mb_layout l;

	mb_layout(a, &l);
	for (int k = 0; k < 2; k++) {
		long n = (long)(l.cnt[k] + l.removed[k]);
		char sz[32];

		if (i == 0) {
			fmt_size(l.cur[k]->total_size, sz, sizeof(sz));
			snprintf(r->text, sizeof(r->text), "memblock.%s: %zu of %zu regions, %s",
				 k ? "reserved" : "memory", l.cnt[k], l.cur[k]->max, sz);
			r->role = ROLE_HEADER;
			return;
		}
		i--;
		if (i < (long)l.cnt[k]) {
			int d = mb_diff(l.old[k], &l.cur[k]->regions[i]);

			if (!a->prev)
				d = 2;
			mb_fmt(&l.cur[k]->regions[i], d == 0 ? "  " : d == 1 ? "* " : "+ ",
			       (size_t)i, r->text, sizeof(r->text));
			r->role = d == 0 ? ROLE_DEFAULT : d == 1 ? ROLE_ROW_CHANGED : ROLE_ROW_ADDED;
			return;
		}
		if (i < n) {
			size_t *idx = xmalloc(l.removed[k] * sizeof(*idx));
			size_t j = (size_t)(i - (long)l.cnt[k]);

			mb_removed(l.old[k], l.cur[k], idx, l.removed[k]);
			mb_fmt(&l.old[k]->regions[idx[j]], "- ", idx[j], r->text, sizeof(r->text));
			r->role = ROLE_ROW_REMOVED;
			free(idx);
			return;
		}
		i -= n;
		if (k == 0 && i == 0) {
			r->text[0] = '\0';
			r->role = ROLE_DEFAULT;
			return;
		}
		if (k == 0)
			i--;
	}
	r->text[0] = '\0';
	r->role = ROLE_DEFAULT;
}

/* ---------------------------------------------------------- bootmem */

/* The i386 bootmem profile shows its bitmap here, as runs of set bits. */
static bool
bm_shown(const struct app *a)
{
	return a->st->state.bootmem->active;
}

static const struct bootmem_state *
bm_old(const struct app *a)
{
	return a->prev && a->prev->bootmem->active ? a->prev->bootmem : NULL;
}

/* Is [s, e) exactly a run of set bits of b? (Outside the map counts as clear.) */
static bool
bm_has_run(const struct bootmem_state *b, uint64_t s, uint64_t e)
{
	return bootmem_count_reserved(b, s, e) == e - s &&
	       (s == b->start_pfn || !bootmem_test(b, s - 1)) &&
	       (e >= b->low_pfn || !bootmem_test(b, e));
}

/* Runs of old with no bit set any more in cur. */
static size_t
bm_removed(const struct bootmem_state *old, const struct bootmem_state *cur, size_t *idx,
	   size_t max)
{
	size_t n = 0;

	for (size_t i = 0; old && i < old->nr_reserved; i++) {
		if (bootmem_count_reserved(cur, old->reserved[i].start, old->reserved[i].end))
			continue;
		if (idx && n < max)
			idx[n] = i;
		n++;
	}
	return n;
}

static long
bm_nrows(const struct app *a)
{
	const struct bootmem_state *b = a->st->state.bootmem;

	return (long)(1 + b->nr_reserved + bm_removed(bm_old(a), b, NULL, 0));
}

static void
bm_fmt(const struct pfn_range *r, const char *mark, size_t i, char *buf, size_t len)
{
	snprintf(buf, len, "%s%3zu pfn 0x%05" PRIx64 "-0x%05" PRIx64 " %7" PRIu64
		 " pages [mem 0x%08" PRIx64 "-0x%08" PRIx64 "]", mark, i, r->start, r->end - 1,
		 r->end - r->start, r->start << 12, (r->end << 12) - 1);
}

static void
bm_row(const struct app *a, long i, struct row *r)
{
	const struct bootmem_state *b = a->st->state.bootmem, *old = bm_old(a);
	size_t removed = bm_removed(old, b, NULL, 0);

	if (i == 0) {
		snprintf(r->text, sizeof(r->text), "%s: %zu runs of set bits, %" PRIu64 " of %" PRIu64
			 " pages reserved", b->released ? "bootmem (released to the buddy allocator)" :
			 "bootmem bitmap", b->nr_reserved,
			 bootmem_count_reserved(b, b->start_pfn, b->low_pfn), b->low_pfn - b->start_pfn);
		r->role = ROLE_HEADER;
		return;
	}
	i--;
	if (i < (long)b->nr_reserved) {
		const struct pfn_range *x = &b->reserved[i];
		int d = !old ? 2 : bm_has_run(old, x->start, x->end) ? 0 :
			bootmem_count_reserved(old, x->start, x->end) ? 1 : 2;

		bm_fmt(x, d == 0 ? "  " : d == 1 ? "* " : "+ ", (size_t)i, r->text, sizeof(r->text));
		r->role = d == 0 ? ROLE_DEFAULT : d == 1 ? ROLE_ROW_CHANGED : ROLE_ROW_ADDED;
		return;
	}
	i -= (long)b->nr_reserved;
	if (i < (long)removed) {
		size_t *idx = xmalloc(removed * sizeof(*idx));

		bm_removed(old, b, idx, removed);
		bm_fmt(&old->reserved[idx[i]], "- ", idx[i], r->text, sizeof(r->text));
		r->role = ROLE_ROW_REMOVED;
		free(idx);
		return;
	}
	r->text[0] = '\0';
	r->role = ROLE_DEFAULT;
}

/* ---------------------------------------------------------- sections */

static const uint64_t *
sect_prefix(struct table_priv *p, const struct sparse_state *s)
{
	if (p->prefix_of != s) {
		xgrow((void **)&p->prefix, &p->prefix_cap, s->nr_runs + 1, sizeof(*p->prefix));
		p->prefix[0] = 0;
		for (size_t i = 0; i < s->nr_runs; i++)
			p->prefix[i + 1] = p->prefix[i] + s->runs[i].nr;
		p->prefix_of = s;
	}
	return p->prefix;
}

static long
sect_nrows(struct table_priv *p, const struct app *a)
{
	const struct sparse_state *s = a->st->state.sparse;

	return (long)sect_prefix(p, s)[s->nr_runs];
}

/* Does section nr look the same in runs x and y? */
static bool
sect_same(const struct section_run *x, const struct section_run *y, uint64_t nr)
{
	return x && y && x->nid == y->nid && x->flags == y->flags &&
	       section_run_memmap(x, nr) == section_run_memmap(y, nr) &&
	       section_run_usemap(x, nr) == section_run_usemap(y, nr);
}

static void
sect_flags(uint32_t f, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s", f & SECTION_MARKED_PRESENT ? "present " : "",
		 f & SECTION_HAS_MEM_MAP ? "memmap " : "", f & SECTION_IS_ONLINE ? "online " : "",
		 f & SECTION_IS_EARLY ? "early" : "");
}

/* The run of row i, and its section number in *nr. */
static const struct section_run *
sect_at(struct table_priv *p, const struct app *a, long i, uint64_t *nr)
{
	const struct sparse_state *s = a->st->state.sparse;
	const uint64_t *pre = sect_prefix(p, s);
	size_t lo = 0, hi = s->nr_runs;

	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;

		if (pre[mid] <= (uint64_t)i)
			lo = mid;
		else
			hi = mid;
	}
	*nr = s->runs[lo].first + ((uint64_t)i - pre[lo]);
	return &s->runs[lo];
}

static void
sect_row(struct table_priv *p, const struct app *a, long i, struct row *r)
{
	unsigned ssb = engine_machine(a->e)->build.section_size_bits - a->page_shift;
	uint64_t nr;
	const struct section_run *run = sect_at(p, a, i, &nr);
	const struct section_run *old = a->prev ? sparse_find(a->prev->sparse, nr) : NULL;
	bool same = sect_same(run, old, nr);
	char fl[64];

	sect_flags(run->flags, fl, sizeof(fl));
	snprintf(r->text, sizeof(r->text),
		 "%s%6" PRIu64 " pfn %#010" PRIx64 "-%#010" PRIx64 " node %-3d %-22s memmap %#" PRIx64
		 " usemap %#" PRIx64, same ? "  " : old ? "* " : "+ ", nr, nr << ssb,
		 ((nr + 1) << ssb) - 1, run->nid, fl, section_run_memmap(run, nr),
		 section_run_usemap(run, nr));
	r->role = same ? ROLE_DEFAULT : old ? ROLE_ROW_CHANGED : ROLE_ROW_ADDED;
}

/* The first row whose section differs from the previous state, or -1. */
static long
sect_first_changed(struct table_priv *p, const struct app *a)
{
	const struct sparse_state *s = a->st->state.sparse;
	const uint64_t *pre = sect_prefix(p, s);

	for (size_t i = 0; i < s->nr_runs; i++) {
		const struct section_run *r = &s->runs[i];

		for (uint64_t nr = r->first; nr < r->first + r->nr;) {
			const struct section_run *o = a->prev ? sparse_find(a->prev->sparse, nr) : NULL;

			if (!sect_same(r, o, nr))
				return (long)(pre[i] + (nr - r->first));
			nr = o->first + o->nr;
		}
	}
	return -1;
}

/* ---------------------------------------------------------- generic list */

static long
table_nrows(struct table_priv *p, const struct app *a)
{
	switch (p->kind) {
	case TABLE_E820: return e820_nrows(p, a);
	case TABLE_MEMBLOCK: return bm_shown(a) ? bm_nrows(a) : mb_nrows(p, a);
	default: return sect_nrows(p, a);
	}
}

static void
table_row(struct table_priv *p, const struct app *a, long i, struct row *r)
{
	switch (p->kind) {
	case TABLE_E820: e820_row(p, a, i, r); break;
	case TABLE_MEMBLOCK:
		if (bm_shown(a))
			bm_row(a, i, r);
		else
			mb_row(p, a, i, r);
		break;
	default: sect_row(p, a, i, r); break;
	}
}

static long
table_first_changed(struct table_priv *p, const struct app *a)
{
	long n;
	struct row r;

	if (p->kind == TABLE_SECTIONS)
		return sect_first_changed(p, a);
	n = table_nrows(p, a);
	for (long i = 0; i < n; i++) {
		table_row(p, a, i, &r);
		if (r.role == ROLE_ROW_ADDED || r.role == ROLE_ROW_CHANGED ||
		    r.role == ROLE_ROW_REMOVED)
			return i;
	}
	return -1;
}

static int
table_header(struct table_priv *p, const struct app *a, struct canvas *c, struct rect in)
{
	const struct sparse_state *s = a->st->state.sparse;
	const struct machine *m = engine_machine(a->e);
	char sz[32];

	if (p->kind == TABLE_E820) {
		canvas_printf(c, in.x, in.y, in.w, ROLE_HEADER, "%u entries, max_pfn %#" PRIx64,
			      a->st->state.e820->nr_entries, a->st->state.max_pfn);
		return 1;
	}
	if (p->kind != TABLE_SECTIONS)
		return 0;
	if (m->build.model == MEM_MODEL_FLATMEM) {
		canvas_text(c, in.x, in.y, in.w, ROLE_HEADER,
			    "FLATMEM: one mem_map array, no section table");
		return 1;
	}
	fmt_size(s->root_array_size, sz, sizeof(sz));
	canvas_printf(c, in.x, in.y, in.w, ROLE_HEADER,
		      "%" PRIu64 " present, %zu runs, %zu roots, root array %#" PRIx64 " (%s)",
		      s->nr_present, s->nr_runs, s->nr_roots, s->root_array, sz);
	return 1;
}

/* ---------------------------------------------------------- section arithmetic */

/* The pfn the arithmetic is shown for: the map cursor's when it lies in
 * the section, else the section's first. */
static uint64_t
sect_chosen_pfn(const struct app *a, const struct section_code *sc, uint64_t pages)
{
	if (a->cursor_pfn >= sc->first_pfn && a->cursor_pfn - sc->first_pfn < pages)
		return a->cursor_pfn;
	return sc->first_pfn;
}

/* The encoding line: what section_mem_map holds and why. */
static void
sect_encoding_line(struct canvas *c, struct rect r, const struct section_code *sc)
{
	if (!sc->has_map && !(sc->flags & SECTION_MARKED_PRESENT))
		canvas_printf(c, r.x, r.y, r.w, ROLE_DEFAULT,
			      "section_mem_map 0: not present, no memmap (pfn_valid() is false)");
	else if (!sc->has_map)
		canvas_printf(c, r.x, r.y, r.w, ROLE_DEFAULT,
			      "section_mem_map %#" PRIx64 " = node %d << %u | %#x (early: no memmap yet)",
			      sc->value, sc->nid, sc->nid_shift, sc->flags);
	else if (sc->vmemmap)
		canvas_printf(c, r.x, r.y, r.w, ROLE_DEFAULT,
			      "section_mem_map %#" PRIx64 " = (memmap %#" PRIx64 " - %#" PRIx64
			      " x %" PRIu64 ") | %#x = vmemmap | flags", sc->value, sc->memmap_va,
			      sc->first_pfn, sc->page_size, sc->flags);
	else
		canvas_printf(c, r.x, r.y, r.w, ROLE_DEFAULT,
			      "section_mem_map %#" PRIx64 " = (memmap %#" PRIx64 " - %#" PRIx64
			      " x %" PRIu64 ") | %#x", sc->value, sc->memmap_va, sc->first_pfn,
			      sc->page_size, sc->flags);
}

static void
sect_detail(struct table_priv *p, const struct app *a, struct canvas *c, struct rect r)
{
	const struct machine_build *b = &engine_machine(a->e)->build;
	uint64_t nr, pages = 1ull << (b->section_size_bits - a->page_shift), pfn, page;
	const struct section_run *run;
	struct section_code sc;
	char pa[48] = "";

	if (p->sel < 0 || p->sel >= sect_nrows(p, a))
		return;
	run = sect_at(p, a, p->sel, &nr);
	section_math_encode(b, run, nr, &sc);
	if (sc.has_map && !sc.vmemmap)
		snprintf(pa, sizeof(pa), ", memmap at pa %#" PRIx64, sc.memmap_pa);
	canvas_printf(c, r.x, r.y, r.w, ROLE_HEADER,
		      "section %" PRIu64 " = mem_section[%" PRIu64 "][%" PRIu64 "], pfn %#" PRIx64
		      "-%#" PRIx64 ", node %d%s", nr, sc.root, sc.index, sc.first_pfn,
		      sc.first_pfn + pages - 1, sc.nid, pa);
	sect_encoding_line(c, (struct rect){ r.x, r.y + 1, r.w, 1 }, &sc);
	if (!sc.has_map)
		return;
	pfn = sect_chosen_pfn(a, &sc, pages);
	page = section_math_pfn_to_page(&sc, pfn);
	canvas_printf(c, r.x, r.y + 2, r.w, ROLE_DEFAULT,
		      "pfn_to_page(%#" PRIx64 ") = %#" PRIx64 " + %#" PRIx64 " x %" PRIu64 " = %#" PRIx64,
		      pfn, section_math_map_addr(&sc), pfn, sc.page_size, page);
	canvas_printf(c, r.x, r.y + 3, r.w, ROLE_DEFAULT,
		      "page_to_pfn(%#" PRIx64 ") = (page - %#" PRIx64 ") / %" PRIu64 " = %#" PRIx64,
		      page, section_math_map_addr(&sc), sc.page_size,
		      section_math_page_to_pfn(&sc, page));
}

static const char *const table_titles[] = {
	[TABLE_E820] = "e820 table",
	[TABLE_MEMBLOCK] = "memblock memory[] / reserved[]",
	[TABLE_SECTIONS] = "mem_section table",
};

static void
table_draw(struct view *v, struct canvas *c, const struct app *a)
{
	struct table_priv *p = v->priv;
	struct rect in = view_frame(v, c, p->kind == TABLE_MEMBLOCK && bm_shown(a) ?
				    "bootmem bitmap: reserved (set) bits" : table_titles[p->kind]);
	int hdr, detail;
	long n;
	struct row r;

	canvas_clip(c, in);
	hdr = table_header(p, a, c, in);
	n = table_nrows(p, a);
	detail = p->kind == TABLE_SECTIONS && n && in.h - hdr >= SECT_DETAIL_H + 3 ? SECT_DETAIL_H : 0;
	if (p->sel >= n)
		p->sel = n - 1;
	if (p->sel < 0)
		p->sel = 0;
	p->rows_shown = in.h - hdr - detail;
	p->list_y = in.y + hdr;
	if (p->top > n - p->rows_shown)
		p->top = n - p->rows_shown;
	if (p->top < 0)
		p->top = 0;
	if (!n)
		canvas_text(c, in.x, in.y + hdr, in.w, ROLE_DIM,
			    p->kind == TABLE_SECTIONS ? "No sections yet: sparse_init has not run." :
			    "Empty.");
	for (long i = 0; i < p->rows_shown && p->top + i < n; i++) {
		table_row(p, a, p->top + i, &r);
		if (detail && p->top + i == p->sel)
			r.role = ROLE_SELECTED;
		if (r.role != ROLE_DEFAULT && r.role != ROLE_HEADER)
			canvas_fill(c, (struct rect){ in.x, in.y + hdr + (int)i, in.w, 1 }, ' ', r.role);
		canvas_text(c, in.x, in.y + hdr + (int)i, in.w, r.role, r.text);
	}
	if (p->top > 0)
		canvas_put(c, in.x + in.w - 1, in.y + hdr, theme_glyph(GLYPH_UP), ROLE_DIM);
	if (p->top + p->rows_shown < n)
		canvas_put(c, in.x + in.w - 1, in.y + hdr + (int)p->rows_shown - 1,
			   theme_glyph(GLYPH_DOWN), ROLE_DIM);
	if (detail)
		sect_detail(p, a, c, (struct rect){ in.x, in.y + in.h - detail, in.w, detail });
	canvas_unclip(c);
}

/* The section table moves its selection and keeps it in view. */
static int
sect_select(struct table_priv *p, enum action act, const struct app *a)
{
	long page = p->rows_shown > 1 ? p->rows_shown - 1 : 1, n = sect_nrows(p, a);

	switch (act) {
	case ACT_UP: p->sel--; break;
	case ACT_DOWN: p->sel++; break;
	case ACT_PAGE_UP: p->sel -= page; break;
	case ACT_PAGE_DOWN: p->sel += page; break;
	default: return H_IGNORED;
	}
	if (p->sel >= n)
		p->sel = n - 1;
	if (p->sel < 0)
		p->sel = 0;
	p->top = view_scroll_to(p->top, p->sel, p->rows_shown > 0 ? p->rows_shown : 1, n);
	return H_HANDLED | H_REDRAW;
}

static int
table_handle(struct view *v, enum action act, struct app *a)
{
	struct table_priv *p = v->priv;
	long page = p->rows_shown > 1 ? p->rows_shown - 1 : 1;

	if (p->kind == TABLE_SECTIONS)
		return sect_select(p, act, a);
	switch (act) {
	case ACT_UP: p->top--; break;
	case ACT_DOWN: p->top++; break;
	case ACT_PAGE_UP: p->top -= page; break;
	case ACT_PAGE_DOWN: p->top += page; break;
	default: return H_IGNORED;
	}
	if (p->top < 0)
		p->top = 0;
	return H_HANDLED | H_REDRAW;
}

static void
table_step_changed(struct view *v, const struct app *a)
{
	struct table_priv *p = v->priv;
	long first = table_first_changed(p, a);

	if (first >= 0 && p->kind == TABLE_SECTIONS)
		p->sel = first;
	if (first >= 0)
		p->top = view_scroll_to(p->top, first, p->rows_shown > 0 ? p->rows_shown : 1,
					table_nrows(p, a));
}

static int
table_mouse(struct view *v, enum mouse_kind kind, int x, int y, struct app *a)
{
	struct table_priv *p = v->priv;

	if (kind == MOUSE_WHEEL_UP)
		return table_handle(v, ACT_UP, a);
	if (kind == MOUSE_WHEEL_DOWN)
		return table_handle(v, ACT_DOWN, a);
	if (p->kind == TABLE_SECTIONS && y >= p->list_y && y - p->list_y < p->rows_shown)
		p->sel = p->top + (y - p->list_y);
	return H_HANDLED;
}

static void
table_free(void *priv)
{
	struct table_priv *p = priv;

	if (p)
		free(p->prefix);
	free(p);
}

static void *
table_new(enum table_kind kind)
{
	struct table_priv *p = xcalloc(1, sizeof(*p));

	p->kind = kind;
	p->rows_shown = 1;
	return p;
}

static void *
e820_new(void)
{
	return table_new(TABLE_E820);
}

static void *
memblock_new(void)
{
	return table_new(TABLE_MEMBLOCK);
}

static void *
sections_new(void)
{
	return table_new(TABLE_SECTIONS);
}

const struct view_ops view_e820_ops = {
	.ctx = CTX_PANEL,
	.new_priv = e820_new,
	.draw = table_draw,
	.handle = table_handle,
	.step_changed = table_step_changed,
	.mouse = table_mouse,
	.free_priv = table_free,
};

const struct view_ops view_memblock_ops = {
	.ctx = CTX_PANEL,
	.new_priv = memblock_new,
	.draw = table_draw,
	.handle = table_handle,
	.step_changed = table_step_changed,
	.mouse = table_mouse,
	.free_priv = table_free,
};

const struct view_ops view_sections_ops = {
	.ctx = CTX_PANEL,
	.new_priv = sections_new,
	.draw = table_draw,
	.handle = table_handle,
	.step_changed = table_step_changed,
	.mouse = table_mouse,
	.free_priv = table_free,
};
