/*
 * view_tables_sections.c - the section table: one row per present
 * section, found from the row number by binary search over prefix sums
 * of the runs' lengths, marked added (+) or changed (*) against the
 * sections before the step. The selected section's section_mem_map
 * encoding and the pfn_to_page / page_to_pfn arithmetic through it show
 * under the list, for the map cursor's pfn when the cursor lies in the
 * section and for the section's first pfn otherwise.
 */
#include "view_tables.h"

#include <inttypes.h>

#include "range_set.h"
#include "section_math.h"
#include "xalloc.h"

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

long
table_sections_nrows(struct table_priv *p, const struct app *a)
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

/* Run k's rows are [pre[k], pre[k + 1]): the prefix sums have one entry
 * more than the runs. */
static void
rows_span(const void *item, uint64_t *start, uint64_t *size)
{
	const uint64_t *pre = item;

	*start = pre[0];
	*size = pre[1] - pre[0];
}

/* The run of row i, and its section number in *nr. */
static const struct section_run *
sect_at(struct table_priv *p, const struct app *a, long i, uint64_t *nr)
{
	const struct sparse_state *s = a->st->state.sparse;
	const uint64_t *pre = sect_prefix(p, s);
	long k = ranges_find(pre, s->nr_runs, sizeof(*pre), rows_span, (uint64_t)i);

	*nr = s->runs[k].first + ((uint64_t)i - pre[k]);
	return &s->runs[k];
}

void
table_sections_row(struct table_priv *p, const struct app *a, long i, struct row *r)
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

long
table_sections_first_changed(struct table_priv *p, const struct app *a)
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


int
table_sections_header(const struct app *a, struct canvas *c, struct rect in)
{
	const struct sparse_state *s = a->st->state.sparse;
	char sz[32];

	if (engine_machine(a->e)->build.model == MEM_MODEL_FLATMEM) {
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

void
table_sections_detail(struct table_priv *p, const struct app *a, struct canvas *c, struct rect r)
{
	const struct machine_build *b = &engine_machine(a->e)->build;
	uint64_t nr, pages = 1ull << (b->section_size_bits - a->page_shift), pfn, page;
	const struct section_run *run;
	struct section_code sc;
	char pa[48] = "";

	if (p->sel < 0 || p->sel >= table_sections_nrows(p, a))
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

int
table_sections_select(struct table_priv *p, enum action act, const struct app *a)
{
	long by = view_scroll_by(act, p->rows_shown), n = table_sections_nrows(p, a);

	if (!by)
		return H_IGNORED;
	p->sel += by;
	if (p->sel >= n)
		p->sel = n - 1;
	if (p->sel < 0)
		p->sel = 0;
	p->top = view_scroll_to(p->top, p->sel, p->rows_shown > 0 ? p->rows_shown : 1, n);
	return H_HANDLED | H_REDRAW;
}
