/*
 * view_tables.c - the e820 table, the memblock memory[] / reserved[]
 * arrays (in the i386 bootmem profile: the bootmem bitmap's set-bit runs
 * instead) and the section table, as scrolling lists. Rows are computed
 * on demand from the state (row i -> entry, view_tables_*.c), so a table
 * never holds a window or an object per row. Rows the last step added or
 * changed are highlighted, rows it removed are shown struck out at the
 * end, and a step scrolls the list to its first change. The section
 * table has a selected row, with its arithmetic under the list.
 */
#include "view_tables.h"

#include <stdlib.h>

#include "xalloc.h"

#define SECT_DETAIL_H 4		/* lines of section arithmetic under the list */

static long
table_nrows(struct table_priv *p, const struct app *a)
{
	switch (p->kind) {
	case TABLE_E820: return table_e820_nrows(a);
	case TABLE_MEMBLOCK: return table_memblock_nrows(a);
	default: return table_sections_nrows(p, a);
	}
}

static void
table_row(struct table_priv *p, const struct app *a, long i, struct row *r)
{
	switch (p->kind) {
	case TABLE_E820: table_e820_row(a, i, r); break;
	case TABLE_MEMBLOCK: table_memblock_row(a, i, r); break;
	default: table_sections_row(p, a, i, r); break;
	}
}

static long
table_first_changed(struct table_priv *p, const struct app *a)
{
	long n;
	struct row r;

	if (p->kind == TABLE_SECTIONS)
		return table_sections_first_changed(p, a);
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
	switch (p->kind) {
	case TABLE_E820: return table_e820_header(a, c, in);
	case TABLE_MEMBLOCK: return 0;
	default: return table_sections_header(a, c, in);
	}
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
	struct rect in = view_frame(v, c, p->kind == TABLE_MEMBLOCK && table_memblock_is_bootmem(a) ?
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
	/* a FLATMEM kernel has no sections to wait for: the header says so */
	if (!n && !(p->kind == TABLE_SECTIONS &&
		    engine_machine(a->e)->build.model == MEM_MODEL_FLATMEM))
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
		table_sections_detail(p, a, c,
				      (struct rect){ in.x, in.y + in.h - detail, in.w, detail });
	canvas_unclip(c);
}

static int
table_handle(struct view *v, enum action act, struct app *a)
{
	struct table_priv *p = v->priv;
	long by = view_scroll_by(act, p->rows_shown);

	if (p->kind == TABLE_SECTIONS)
		return table_sections_select(p, act, a);
	if (!by)
		return H_IGNORED;
	p->top = p->top + by < 0 ? 0 : p->top + by;
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

	if (kind != MOUSE_CLICK)
		return view_wheel(v, kind, x, y, a);
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
