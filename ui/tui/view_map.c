/*
 * view_map.c - the physical map: the address space as rows of cells, each
 * cell 2^k pages. Rows hold a power-of-two number of cells so every row
 * starts at a round address. k starts at the smallest value that fits the
 * whole space and zooms down to one page per cell.
 *
 * What colour a cell has is view_map_cells.c's; a shaded glyph marks a
 * cell of several kinds. Cells of ranges the step has not yet revealed
 * (animation) are drawn from the previous state. In the bootmem profile
 * a cell of one page shows the bitmap's bit itself.
 */
#include "view_map.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bootmem.h"
#include "range_set.h"
#include "xalloc.h"

#define LABEL_W 8

struct range_list {
	struct span *r;
	size_t n, cap;
};

struct map_priv {
	int k;				/* log2 pages per cell */
	int fit_k;
	bool autofit;			/* follow fit_k on resize */
	long top;			/* first row shown */
	int cols, rows;			/* grid geometry of the last layout */
	struct rect grid;
	size_t touched_step;		/* touched lists built for */
	size_t touched_shown;
	struct range_list shown, pending;
	uint8_t seen[ROLE_COUNT];
	struct map_cells cells;
};

/* ---------------------------------------------------------- touched */

/* touched[from, to) as a set: sorted, merged. */
static void
range_list_build(struct range_list *l, const struct span *t, size_t from, size_t to)
{
	l->n = 0;
	if (to <= from)
		return;
	xgrow((void **)&l->r, &l->cap, to - from, sizeof(*l->r));
	for (size_t i = from; i < to; i++)
		l->r[l->n++] = (struct span){ t[i].start, t[i].end };
	range_set_sort(l->r, &l->n);
}

static bool
range_list_hits(const struct range_list *l, uint64_t a, uint64_t b)
{
	size_t i = range_set_pos(l->r, l->n, a);

	return i < l->n && l->r[i].start < b;
}

static void
touched_update(struct map_priv *p, const struct app *a)
{
	if (p->touched_step == a->step && p->touched_shown == a->anim_shown)
		return;
	p->touched_step = a->step;
	p->touched_shown = a->anim_shown;
	range_list_build(&p->shown, a->st->touched, 0, a->anim_shown);
	range_list_build(&p->pending, a->st->touched, a->anim_shown, a->st->nr_touched);
}

/* ---------------------------------------------------------- geometry */

static void
map_geometry(struct view *v, const struct app *a, struct rect inner, int *legend_h,
	     int *info_h)
{
	struct map_priv *p = v->priv;
	int avail = inner.w - LABEL_W;
	uint64_t cells;

	*info_h = inner.h >= 22 ? 4 : 3;
	*legend_h = inner.h >= 22 ? 2 : 1;
	p->rows = inner.h - *info_h - *legend_h;
	if (p->rows < 1)
		p->rows = 1;
	p->cols = 1;
	while (p->cols * 2 <= avail)
		p->cols *= 2;
	p->grid = (struct rect){ inner.x + LABEL_W, inner.y, p->cols, p->rows };
	cells = (uint64_t)p->rows * p->cols;
	p->fit_k = 0;
	while (((a->nr_pfns + (1ull << p->fit_k) - 1) >> p->fit_k) > cells)
		p->fit_k++;
	if (p->autofit || p->k > p->fit_k)
		p->k = p->fit_k;
	if (p->k == p->fit_k)
		p->autofit = true;
}

static long
total_rows(const struct map_priv *p, const struct app *a)
{
	uint64_t cells = (a->nr_pfns + (1ull << p->k) - 1) >> p->k;

	return (long)((cells + p->cols - 1) / p->cols);
}

/* Short address for row labels: the largest unit that divides it. */
static void
fmt_addr_short(uint64_t addr, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	int u = -1;

	if (!addr) {
		snprintf(buf, len, "0");
		return;
	}
	if (addr % 1024) {
		snprintf(buf, len, "%" PRIu64, addr);
		return;
	}
	while (u < 5 && addr % 1024 == 0) {
		addr /= 1024;
		u++;
	}
	snprintf(buf, len, "%" PRIu64 "%c", addr, units[u]);
}

/* ---------------------------------------------------------- drawing */

static void
draw_info(const struct app *a, struct canvas *c, struct rect r, int k)
{
	const struct boot_state *s = &a->st->state;
	uint64_t cell = 1ull << k, p0 = a->cursor_pfn & ~(cell - 1);
	unsigned ps = a->page_shift;
	struct pfn_info pi;
	char sz[32], line[256], e820[24], zone[64], node[24], sect[96], blk[96];
	const char *mb;

	engine_pfn_info(a->e, s, a->cursor_pfn, &pi);
	fmt_size(cell << ps, sz, sizeof(sz));
	canvas_printf(c, r.x, r.y, r.w, ROLE_DEFAULT,
		      "cursor: [mem 0x%016" PRIx64 "-0x%016" PRIx64 "] pfn %#" PRIx64 "-%#" PRIx64 " (%s)",
		      p0 << ps, ((p0 + cell) << ps) - 1, p0, p0 + cell - 1, sz);
	if (pi.e820_index >= 0)
		snprintf(e820, sizeof(e820), "%s", e820_type_short(pi.e820_type));
	else
		snprintf(e820, sizeof(e820), "none");
	mb = pi.reserved_index >= 0 ? (pi.memory_index >= 0 ? "memory, reserved" : "reserved") :
	     pi.memory_index >= 0 ? "memory, free" : "not memory";
	/* the bootmem profile has no memblock: say what its bitmap holds */
	if (s->bootmem->active)
		mb = s->bootmem->released ? "released" :
		     pi.pfn < s->bootmem->start_pfn || pi.pfn >= s->bootmem->low_pfn ? "outside the map" :
		     bootmem_test(s->bootmem, pi.pfn) ? "reserved" : "free";
	if (pi.nid >= 0)
		snprintf(node, sizeof(node), "%d", pi.nid);
	else
		snprintf(node, sizeof(node), "-");
	snprintf(sect, sizeof(sect), "%" PRIu64 "%s%s%s%s", pi.section_nr,
		 pi.section_flags & SECTION_MARKED_PRESENT ? " present" : " absent",
		 pi.section_flags & SECTION_HAS_MEM_MAP ? " memmap" : "",
		 pi.section_flags & SECTION_IS_ONLINE ? " online" : "",
		 pi.section_flags & SECTION_IS_EARLY ? " early" : "");
	canvas_printf(c, r.x, r.y + 1, r.w, ROLE_DEFAULT,
		      "at pfn %#" PRIx64 ": e820 %s | %s %s | node %s | section %s",
		      pi.pfn, e820, s->bootmem->active ? "bootmem" : "memblock", mb, node, sect);
	snprintf(zone, sizeof(zone), "%s", pi.zone >= 0 ? zone_name((enum zone_type)pi.zone) : "-");
	if (pi.is_free)
		snprintf(blk, sizeof(blk), "free block pfn %#" PRIx64 " order %u, buddy %#" PRIx64,
			 pi.block_pfn, pi.block_order, pi.buddy_pfn);
	else
		snprintf(blk, sizeof(blk), "%s", pi.deferred ? "deferred struct page init" :
			 s->buddy->nr_zones ? "not free" : "buddy not yet filled");
	snprintf(line, sizeof(line), "zone %s | %s", zone, blk);
	canvas_text(c, r.x, r.y + 2, r.w, ROLE_DEFAULT, line);
}

static void
draw_legend(const struct map_priv *p, struct canvas *c, struct rect r)
{
	int x = r.x, y = r.y;

	for (int role = ROLE_HOLE; role < ROLE_CURSOR; role++) {
		const char *label = theme_label((enum role)role);
		int w = (int)strlen(label) + 3;

		if (!p->seen[role])
			continue;
		if (x + w > r.x + r.w) {
			if (y + 1 >= r.y + r.h)
				break;
			x = r.x;
			y++;
		}
		canvas_put(c, x, y, theme_fill((enum role)role), (enum role)role);
		canvas_text(c, x + 2, y, w - 2, ROLE_DIM, label);
		x += w;
	}
	if (x + 30 > r.x + r.w && y + 1 < r.y + r.h) {
		x = r.x;
		y++;
	}
	canvas_put(c, x, y, theme_glyph(GLYPH_MIXED), ROLE_DIM);
	x += 2 + canvas_text(c, x + 2, y, 6, ROLE_DIM, "mixed") + 1;
	canvas_put(c, x, y, theme_glyph(GLYPH_TOUCH), (enum role)(ROLE_HOLE | ROLE_TOUCHED));
	x += 2 + canvas_text(c, x + 2, y, 8, ROLE_DIM, "touched") + 1;
	canvas_put(c, x, y, theme_glyph(GLYPH_CURSOR), (enum role)(ROLE_HOLE | ROLE_TOUCHED));
	canvas_text(c, x + 2, y, 7, ROLE_DIM, "cursor");
}

static void
map_draw(struct view *v, struct canvas *c, const struct app *a)
{
	struct map_priv *p = v->priv;
	struct rect in = { v->r.x + 1, v->r.y + 1, v->r.w - 2, v->r.h - 2 };
	int legend_h, info_h;
	long nrows;
	uint64_t cell, ccell;
	char title[128], sz[32], lbl[24];

	map_geometry(v, a, in, &legend_h, &info_h);
	cell = 1ull << p->k;
	fmt_size(cell << a->page_shift, sz, sizeof(sz));
	if (p->cells.memmap_mode)
		snprintf(title, sizeof(title), "Physical map: memmap under %s, 1 cell = %s%s",
			 footprint_model_name((enum mem_model)(p->cells.memmap_mode - 1)), sz,
			 p->k < p->fit_k ? " (zoomed)" : "");
	else
		snprintf(title, sizeof(title), "Physical map: %s view, 1 cell = %s%s",
			 phase_name(a->st->phase), sz, p->k < p->fit_k ? " (zoomed)" : "");
	view_frame(v, c, title);
	canvas_clip(c, in);
	touched_update(p, a);
	nrows = total_rows(p, a);
	ccell = a->cursor_pfn >> p->k;
	if (a->cursor_moved || p->top > nrows - p->rows)
		p->top = view_scroll_to(p->top, (long)(ccell / p->cols), p->rows, nrows);
	memset(p->seen, 0, sizeof(p->seen));
	for (int row = 0; row < p->rows && p->top + row < nrows; row++) {
		uint64_t first = (uint64_t)(p->top + row) * p->cols;

		fmt_addr_short((first << p->k) << a->page_shift, lbl, sizeof(lbl));
		canvas_printf(c, in.x, in.y + row, LABEL_W - 1, ROLE_DIM, "%*s", LABEL_W - 1, lbl);
		for (int col = 0; col < p->cols; col++) {
			uint64_t p0 = (first + col) << p->k, p1 = p0 + cell;
			uint64_t b0, b1;
			bool mixed, touched, pending;
			enum role role;
			uint32_t g;

			if (p0 >= a->nr_pfns)
				break;
			if (p1 > a->nr_pfns)
				p1 = a->nr_pfns;
			b0 = p0 << a->page_shift;
			b1 = p1 << a->page_shift;
			touched = range_list_hits(&p->shown, b0, b1);
			pending = !touched && a->prev && range_list_hits(&p->pending, b0, b1);
			const struct boot_state *s_bits = pending ? a->prev : &a->st->state;

			role = map_cells_role(&p->cells, pending, a, s_bits, b0, b1, &mixed);
			p->seen[role] = 1;
			g = theme_fill(role);
			if (mixed && g == ' ')
				g = theme_glyph(GLYPH_MIXED);
			/* one page per cell: the bootmem bit itself */
			if (!p->cells.memmap_mode && p->k == 0 && s_bits->bootmem->active &&
			    !s_bits->buddy->released && p0 < s_bits->bootmem->low_pfn)
				g = bootmem_test(s_bits->bootmem, p0) ? '1' : '0';
			if (touched && (g == ' ' || g == theme_glyph(GLYPH_MIXED) || role == ROLE_HOLE))
				g = theme_glyph(GLYPH_TOUCH);
			if (first + col == ccell) {
				g = theme_glyph(GLYPH_CURSOR);
				touched = true;
			}
			canvas_put(c, p->grid.x + col, in.y + row, g,
				   (enum role)(role | (touched ? ROLE_TOUCHED : 0)));
		}
	}
	draw_legend(p, c, (struct rect){ in.x, in.y + p->rows, in.w, legend_h });
	draw_info(a, c, (struct rect){ in.x, in.y + p->rows + legend_h, in.w, info_h }, p->k);
	canvas_unclip(c);
}

/* ---------------------------------------------------------- input */

static void
cursor_move(struct app *a, int64_t cells, int k)
{
	int64_t pfn = (int64_t)(a->cursor_pfn >> k) + cells;
	int64_t last = (int64_t)((a->nr_pfns - 1) >> k);

	if (pfn < 0)
		pfn = 0;
	if (pfn > last)
		pfn = last;
	a->cursor_pfn = (uint64_t)pfn << k;
	a->cursor_moved = true;
}

static int
map_handle(struct view *v, enum action act, struct app *a)
{
	struct map_priv *p = v->priv;

	switch (act) {
	case ACT_MEMMAP:
		p->cells.memmap_mode = (p->cells.memmap_mode + 1) % (1 + FP_MODELS);
		return H_HANDLED | H_REDRAW;
	case ACT_ZOOM_IN:
		if (p->k == 0)
			return H_HANDLED;
		p->k--;
		p->autofit = false;
		a->cursor_moved = true;
		return H_HANDLED | H_REDRAW;
	case ACT_ZOOM_OUT:
		if (p->k < p->fit_k)
			p->k++;
		a->cursor_pfn &= ~((1ull << p->k) - 1);
		a->cursor_moved = true;
		return H_HANDLED | H_REDRAW;
	case ACT_LEFT: cursor_move(a, -1, p->k); break;
	case ACT_RIGHT: cursor_move(a, 1, p->k); break;
	case ACT_UP: cursor_move(a, -p->cols, p->k); break;
	case ACT_DOWN: cursor_move(a, p->cols, p->k); break;
	case ACT_PAGE_UP: cursor_move(a, -(int64_t)p->cols * p->rows, p->k); break;
	case ACT_PAGE_DOWN: cursor_move(a, (int64_t)p->cols * p->rows, p->k); break;
	default:
		return H_IGNORED;
	}
	return H_HANDLED | H_REDRAW;
}

static int
map_mouse(struct view *v, enum mouse_kind kind, int x, int y, struct app *a)
{
	struct map_priv *p = v->priv;

	if (kind == MOUSE_WHEEL_UP)
		return map_handle(v, ACT_ZOOM_IN, a);
	if (kind == MOUSE_WHEEL_DOWN)
		return map_handle(v, ACT_ZOOM_OUT, a);
	if (!rect_contains(p->grid, x, y))
		return H_HANDLED;
	uint64_t idx = (uint64_t)(p->top + y - p->grid.y) * p->cols + (uint64_t)(x - p->grid.x);

	if ((idx << p->k) < a->nr_pfns) {
		a->cursor_pfn = idx << p->k;
		a->cursor_moved = true;
	}
	return H_HANDLED | H_REDRAW;
}

static void
map_free(void *priv)
{
	struct map_priv *p = priv;

	if (!p)
		return;
	map_cells_release(&p->cells);
	free(p->shown.r);
	free(p->pending.r);
	free(p);
}

static void *
map_new(void)
{
	struct map_priv *p = xcalloc(1, sizeof(*p));

	p->autofit = true;
	p->touched_step = (size_t)-1;
	return p;
}

const struct view_ops view_map_ops = {
	.ctx = CTX_MAP,
	.new_priv = map_new,
	.draw = map_draw,
	.handle = map_handle,
	.mouse = map_mouse,
	.free_priv = map_free,
};
