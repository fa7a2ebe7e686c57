/*
 * view_footprint.c - the memory-model footprint panel: one bar per model
 * (FLATMEM, SPARSEMEM, SPARSEMEM_VMEMMAP) on a common scale, each cut
 * into struct pages for RAM, struct pages for holes and the indexes
 * (roots, usemaps, vmemmap page tables), with the figures, where the
 * difference comes from, and each node's share.
 *
 * The footprint is of the memory the boot ends with, so it is computed
 * once per engine and does not change with the step. The panel is a list
 * of lines drawn through a small cursor that skips the lines scrolled
 * away, so it scrolls like the other panels when it does not fit.
 */
#include "view.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "footprint.h"
#include "xalloc.h"

#define NAME_W 10

struct fp_priv {
	struct view_fp fp;
	long top;			/* first line shown */
	long lines;			/* lines the last draw had */
	int rows;
};

/* Draws line after line into the panel, skipping those scrolled away. */
struct liner {
	struct canvas *c;
	struct rect in;
	long line, top;
};

/* The row of the next line, or -1 when it is not visible; advances. */
static int
liner_next(struct liner *l)
{
	long i = l->line++ - l->top;

	return i >= 0 && i < l->in.h ? l->in.y + (int)i : -1;
}

static void __attribute__((format(printf, 3, 4)))
liner_printf(struct liner *l, enum role role, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int y = liner_next(l);

	if (y < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	canvas_text(l->c, l->in.x, y, l->in.w, role, buf);
}

static const char *
short_name(enum mem_model m)
{
	return m == MEM_MODEL_FLATMEM ? "FLATMEM" : m == MEM_MODEL_SPARSEMEM ? "SPARSEMEM" : "VMEMMAP";
}

/* Cells for part of total on a bar of w cells (at least one if any). */
static int
cells_of(uint64_t part, uint64_t scale, int w)
{
	int n;

	if (!part || !scale)
		return 0;
	n = (int)((double)part * w / (double)scale + 0.5);
	return n < 1 ? 1 : n;
}

static void
draw_segment(struct canvas *c, int *x, int end, int y, int n, enum role role)
{
	uint32_t g = theme_fill(role);

	for (int i = 0; i < n && *x < end; i++, (*x)++)
		canvas_put(c, *x, y, g, role);
}

/* One model's bar: name, [RAM memmap | hole memmap | indexes], size. */
static void
draw_bar(struct liner *l, const struct fp_model *m, uint64_t scale)
{
	char sz[32], tail[64];
	int y = liner_next(l), bar_w, x, tail_w, n_ram, n_hole, n_index;
	uint64_t memmap = m->bytes[FP_MEMMAP];
	uint64_t hole = m->hole_bytes < memmap ? m->hole_bytes : memmap;

	if (y < 0)
		return;
	fmt_size(m->total, sz, sizeof(sz));
	tail_w = snprintf(tail, sizeof(tail), " %s %.2f%%", sz, m->percent);
	bar_w = l->in.w - NAME_W - tail_w;
	if (bar_w < 4)
		bar_w = 4;
	canvas_text(l->c, l->in.x, y, NAME_W, ROLE_HEADER, short_name(m->model));
	/* the small parts get a cell even when they round to none; the
	 * struct pages of RAM take what is left of the bar's length */
	n_hole = cells_of(hole, scale, bar_w);
	n_index = cells_of(m->total - memmap, scale, bar_w);
	n_ram = cells_of(m->total, scale, bar_w) - n_hole - n_index;
	if (n_ram < 1 && memmap > hole)
		n_ram = 1;
	x = l->in.x + NAME_W;
	draw_segment(l->c, &x, l->in.x + NAME_W + bar_w, y, n_ram, ROLE_MM_BACKED);
	draw_segment(l->c, &x, l->in.x + NAME_W + bar_w, y, n_hole, ROLE_MM_HOLE);
	draw_segment(l->c, &x, l->in.x + NAME_W + bar_w, y, n_index, ROLE_MM_INDEX);
	canvas_text(l->c, x, y, l->in.x + l->in.w - x, ROLE_DEFAULT, tail);
}

static void
draw_legend(struct liner *l)
{
	static const enum role roles[] = { ROLE_MM_BACKED, ROLE_MM_HOLE, ROLE_MM_INDEX };
	int y = liner_next(l), x;

	if (y < 0)
		return;
	x = l->in.x + NAME_W;
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		int dummy = x;

		draw_segment(l->c, &dummy, x + 1, y, 1, roles[i]);
		x += 2 + canvas_text(l->c, x + 2, y, l->in.x + l->in.w - x - 2, ROLE_DIM,
				     theme_label(roles[i])) + 1;
	}
}

/* Where the difference comes from, one line per model. */
static void
draw_why(struct liner *l, const struct footprint *f)
{
	const struct fp_model *fl = &f->model[MEM_MODEL_FLATMEM];
	const struct fp_model *sp = &f->model[MEM_MODEL_SPARSEMEM];
	const struct fp_model *vm = &f->model[MEM_MODEL_SPARSEMEM_VMEMMAP];
	char a[32], b[32], c[32], d[32];

	fmt_size(fl->hole_bytes, a, sizeof(a));
	fmt_size(fl->global, b, sizeof(b));
	liner_printf(l, ROLE_DEFAULT, "FLATMEM: pfn %#" PRIx64 "-%#" PRIx64 " in one mem_map; %s for holes, %s between nodes",
		     f->flat_start, f->flat_end ? f->flat_end - 1 : 0, a, b);
	fmt_size(sp->sections ? sp->bytes[FP_MEMMAP] / sp->sections : 0, a, sizeof(a));
	fmt_size(sp->hole_bytes, b, sizeof(b));
	fmt_size(sp->bytes[FP_ROOTS] + sp->bytes[FP_ROOT_ARRAY], c, sizeof(c));
	fmt_size(sp->bytes[FP_USEMAPS], d, sizeof(d));
	liner_printf(l, ROLE_DEFAULT, "SPARSEMEM: %" PRIu64 " sections x %s (%s on holes) + roots %s + usemaps %s",
		     sp->sections, a, b, c, d);
	fmt_size(vm->bytes[FP_PGTABLES], a, sizeof(a));
	liner_printf(l, ROLE_DEFAULT, "VMEMMAP: same sections in 2 MiB blocks, + %" PRIu64 " PMD + %" PRIu64 " PUD table pages (%s)",
		     vm->pmd_tables, vm->pud_tables, a);
}

static void
draw_nodes(struct liner *l, const struct footprint *f)
{
	char s[FP_MODELS][32], ram[32];

	for (size_t k = 0; k < f->nr_nodes; k++) {
		const struct fp_node *n = &f->nodes[k];

		fmt_size(n->present_pages * f->page_size, ram, sizeof(ram));
		for (int i = 0; i < FP_MODELS; i++)
			fmt_size(n->total[i], s[i], sizeof(s[i]));
		liner_printf(l, ROLE_DEFAULT, "node %d (%s RAM, %" PRIu64 " sections): %s | %s | %s",
			     n->nid, ram, n->sections, s[0], s[1], s[2]);
	}
	for (int i = 0; i < FP_MODELS; i++)
		fmt_size(f->model[i].global, s[i], sizeof(s[i]));
	liner_printf(l, ROLE_DIM, "no node: %s | %s | %s", s[0], s[1], s[2]);
}

static void
fp_draw(struct view *v, struct canvas *c, const struct app *a)
{
	struct fp_priv *p = v->priv;
	struct rect in = view_frame(v, c, "memory model footprint");
	const struct footprint *f = view_fp_get(&p->fp, a->e);
	const struct machine *m = engine_machine(a->e);
	struct liner l = { c, in, 0, 0 };
	uint64_t scale = 0;
	char ram[32];

	canvas_clip(c, in);
	p->rows = in.h;
	if (p->top > p->lines - in.h)
		p->top = p->lines - in.h;
	if (p->top < 0)
		p->top = 0;
	l.top = p->top;
	for (int i = 0; i < FP_MODELS; i++)
		if (f->model[i].total > scale)
			scale = f->model[i].total;
	fmt_size(f->present_pages * f->page_size, ram, sizeof(ram));
	liner_printf(&l, ROLE_HEADER, "RAM %s (%" PRIu64 " pages), %zu node%s; struct page %" PRIu64 " B; this kernel: %s",
		     ram, f->present_pages, f->nr_nodes, f->nr_nodes == 1 ? "" : "s",
		     f->struct_page_size, footprint_model_name(m->build.model));
	for (int i = 0; i < FP_MODELS; i++)
		draw_bar(&l, &f->model[i], scale);
	draw_legend(&l);
	draw_why(&l, f);
	liner_printf(&l, ROLE_HEADER, "per node: FLATMEM | SPARSEMEM | VMEMMAP");
	draw_nodes(&l, f);
	p->lines = l.line;
	if (p->top > 0)
		canvas_put(c, in.x + in.w - 1, in.y, theme_glyph(GLYPH_UP), ROLE_DIM);
	if (p->top + in.h < p->lines)
		canvas_put(c, in.x + in.w - 1, in.y + in.h - 1, theme_glyph(GLYPH_DOWN), ROLE_DIM);
	canvas_unclip(c);
}

static int
fp_handle(struct view *v, enum action act, struct app *a)
{
	struct fp_priv *p = v->priv;
	long by = view_scroll_by(act, p->rows);

	if (!by)
		return H_IGNORED;
	p->top = p->top + by < 0 ? 0 : p->top + by;
	return H_HANDLED | H_REDRAW;
}

static void
fp_free(void *priv)
{
	struct fp_priv *p = priv;

	if (p)
		view_fp_release(&p->fp);
	free(p);
}

static void *
fp_new(void)
{
	return xcalloc(1, sizeof(struct fp_priv));
}

const struct view_ops view_footprint_ops = {
	.ctx = CTX_PANEL,
	.new_priv = fp_new,
	.draw = fp_draw,
	.handle = fp_handle,
	.mouse = view_wheel,
	.free_priv = fp_free,
};
