/*
 * view_freelist.c - the buddy allocator's free lists: per node and zone
 * the number of free blocks of each order (the /proc/buddyinfo picture),
 * counts that went up or down with the last step coloured (a merge shows
 * as lower orders going down and a higher one going up, and is said so in
 * words under the table), and the runs of free blocks of the selected zone
 * and order. A step selects the first zone it changed. Counts come from
 * the free ranges (buddy_zone_counts), never from pages.
 */
#include "view.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct fl_priv {
	int sel_zone;		/* index in the sorted zone list */
	unsigned order;
	long block_top;
	int list_rows;
};

struct block_list {
	unsigned order;
	uint64_t *pfn, *count;
	size_t n, cap;
	uint64_t total;
};

static int
zone_cmp(const void *x, const void *y)
{
	const struct buddy_zone *const *p = x, *const *q = y;

	if ((*p)->nid != (*q)->nid)
		return (*p)->nid < (*q)->nid ? -1 : 1;
	return (*p)->zone < (*q)->zone ? -1 : (*p)->zone > (*q)->zone;
}

/* The zones sorted by node then zone; caller frees. */
static const struct buddy_zone **
sorted_zones(const struct buddy_state *b)
{
	const struct buddy_zone **z = xcalloc(b->nr_zones + 1, sizeof(*z));

	for (size_t i = 0; i < b->nr_zones; i++)
		z[i] = &b->zones[i];
	qsort(z, b->nr_zones, sizeof(*z), zone_cmp);
	return z;
}

/* Counts as 5 columns: 12345, 123K, 12M. */
static void
fmt_count(uint64_t v, char *buf, size_t len)
{
	if (v < 100000)
		snprintf(buf, len, "%5" PRIu64, v);
	else if (v < 10000000)
		snprintf(buf, len, "%4" PRIu64 "K", v / 1000);
	else
		snprintf(buf, len, "%4" PRIu64 "M", v / 1000000);
}

static uint64_t
zone_free_pages(const struct buddy_zone *z)
{
	uint64_t n = 0;

	for (size_t i = 0; z && i < z->nr_free_ranges; i++)
		n += z->free[i].end - z->free[i].start;
	return n;
}

/* The zone as it was before this step, or NULL. */
static const struct buddy_zone *
old_zone(const struct app *a, const struct buddy_zone *z)
{
	return a->prev ? buddy_zone_find(a->prev->buddy, z->nid, z->zone) : NULL;
}

/* Counts per order of z before (old) and now (cur); true if any differs. */
static bool
zone_deltas(const struct app *a, const struct buddy_zone *z, uint64_t cur[BUDDY_MAX_ORDERS],
	    uint64_t old[BUDDY_MAX_ORDERS])
{
	const struct buddy_zone *oz = old_zone(a, z);

	memset(cur, 0, sizeof(uint64_t) * BUDDY_MAX_ORDERS);
	memset(old, 0, sizeof(uint64_t) * BUDDY_MAX_ORDERS);
	buddy_zone_counts(z, a->st->state.buddy->max_order, cur);
	if (oz)
		buddy_zone_counts(oz, a->prev->buddy->max_order, old);
	return memcmp(cur, old, sizeof(uint64_t) * BUDDY_MAX_ORDERS) != 0;
}

/*
 * What the step did to zone z, in words: pages freed and the count
 * changes per order. Orders going down while pages only came in can
 * only be buddies that met and merged into a bigger block; orders going
 * up while pages went out, a bigger block split to give them.
 */
static void
delta_line(const struct app *a, const struct buddy_zone *z, unsigned maxo, char *buf,
	   size_t len)
{
	uint64_t cur[BUDDY_MAX_ORDERS], old[BUDDY_MAX_ORDERS];
	uint64_t now = zone_free_pages(z), before = zone_free_pages(old_zone(a, z));
	size_t n;
	bool fell = false, rose = false;
	const char *what = "";

	buf[0] = '\0';
	if (!zone_deltas(a, z, cur, old))
		return;
	for (unsigned o = 0; o < maxo; o++) {
		fell |= cur[o] < old[o];
		rose |= cur[o] > old[o];
	}
	if (fell && now > before)
		what = ", freed buddies merged";
	else if (rose && now < before)
		what = ", bigger blocks split";
	/* the verdict before the per-order detail, which may be cut off */
	n = (size_t)snprintf(buf, len, "this step: %s%" PRId64 " pages%s:", now >= before ? "+" : "",
			     (int64_t)(now - before), what);
	for (unsigned o = 0; o < maxo && n < len; o++)
		if (cur[o] != old[o])
			n += (size_t)snprintf(buf + n, len - n, " o%u %+" PRId64, o,
					      (int64_t)(cur[o] - old[o]));
}

static void
collect_run(uint64_t pfn, unsigned order, uint64_t count, void *arg)
{
	struct block_list *l = arg;

	if (order != l->order)
		return;
	l->total += count;
	if (l->n && l->pfn[l->n - 1] + (l->count[l->n - 1] << order) == pfn) {
		l->count[l->n - 1] += count;
		return;
	}
	size_t cap = l->cap;

	xgrow((void **)&l->pfn, &cap, l->n + 1, sizeof(*l->pfn));
	xgrow((void **)&l->count, &l->cap, l->n + 1, sizeof(*l->count));
	l->pfn[l->n] = pfn;
	l->count[l->n++] = count;
}

static void
fl_draw(struct view *v, struct canvas *c, const struct app *a)
{
	struct fl_priv *p = v->priv;
	const struct buddy_state *b = a->st->state.buddy;
	struct rect in = view_frame(v, c, "free lists (buddyinfo)");
	const struct buddy_zone **zs;
	uint64_t counts[BUDDY_MAX_ORDERS], old[BUDDY_MAX_ORDERS];
	unsigned maxo = b->max_order < BUDDY_MAX_ORDERS ? b->max_order : BUDDY_MAX_ORDERS;
	int y = in.y, x;
	char buf[32], sz[32];

	canvas_clip(c, in);
	if (!b->nr_zones) {
		canvas_text(c, in.x, y, in.w, ROLE_DIM,
			    "The buddy allocator is empty: memblock_free_all has not run yet.");
		canvas_unclip(c);
		return;
	}
	zs = sorted_zones(b);
	if (p->sel_zone >= (int)b->nr_zones)
		p->sel_zone = (int)b->nr_zones - 1;
	if (p->order >= maxo)
		p->order = maxo - 1;
	x = canvas_text(c, in.x, y, in.w, ROLE_HEADER, "node zone    ");
	for (unsigned o = 0; o < maxo; o++) {
		snprintf(buf, sizeof(buf), "%5u ", o);
		canvas_text(c, in.x + x + (int)o * 6, y, 6, o == p->order ? ROLE_SELECTED : ROLE_HEADER,
			    buf);
	}
	y++;
	for (size_t i = 0; i < b->nr_zones && y < in.y + in.h - 2; i++, y++) {
		const struct buddy_zone *z = zs[i];

		zone_deltas(a, z, counts, old);
		canvas_printf(c, in.x, y, 13, (int)i == p->sel_zone ? ROLE_SELECTED : ROLE_DEFAULT,
			      "%4d %-8s", z->nid, zone_name((enum zone_type)z->zone));
		for (unsigned o = 0; o < maxo; o++) {
			enum role r = counts[o] > old[o] ? ROLE_ROW_ADDED :
				      counts[o] < old[o] ? ROLE_ROW_REMOVED : ROLE_DEFAULT;

			fmt_count(counts[o], buf, sizeof(buf));
			canvas_text(c, in.x + x + (int)o * 6, y, 5, r, buf);
		}
	}
	/* the runs of the selected zone and order */
	const struct buddy_zone *z = zs[p->sel_zone];
	struct block_list l = { .order = p->order };
	uint64_t free_pages = zone_free_pages(z);
	char delta[160];

	for (size_t i = 0; i < z->nr_free_ranges; i++)
		buddy_for_each_block_run(z->free[i].start, z->free[i].end, b->max_order, collect_run, &l);
	fmt_size(free_pages << a->page_shift, sz, sizeof(sz));
	y++;
	canvas_printf(c, in.x, y++, in.w, ROLE_HEADER,
		      "node %d %s: %" PRIu64 " pages free (%s); order %u: %" PRIu64 " blocks in %zu runs",
		      z->nid, zone_name((enum zone_type)z->zone), free_pages, sz, p->order, l.total, l.n);
	delta_line(a, z, maxo, delta, sizeof(delta));
	if (delta[0])
		canvas_text(c, in.x, y++, in.w, ROLE_ROW_CHANGED, delta);
	p->list_rows = in.y + in.h - y;
	if (p->block_top > (long)l.n - p->list_rows)
		p->block_top = (long)l.n - p->list_rows;
	if (p->block_top < 0)
		p->block_top = 0;
	for (long i = p->block_top; i < (long)l.n && y < in.y + in.h; i++, y++) {
		uint64_t end = l.pfn[i] + (l.count[i] << p->order);

		canvas_printf(c, in.x, y, in.w, ROLE_DEFAULT,
			      "  pfn %#010" PRIx64 "-%#010" PRIx64 "  %6" PRIu64 " x order-%u block%s",
			      l.pfn[i], end - 1, l.count[i], p->order, l.count[i] == 1 ? "" : "s");
	}
	free(l.pfn);
	free(l.count);
	free(zs);
	canvas_unclip(c);
}

static int
fl_handle(struct view *v, enum action act, struct app *a)
{
	struct fl_priv *p = v->priv;
	int nz = (int)a->st->state.buddy->nr_zones;

	switch (act) {
	case ACT_UP:
		if (p->sel_zone > 0)
			p->sel_zone--;
		p->block_top = 0;
		break;
	case ACT_DOWN:
		if (p->sel_zone + 1 < nz)
			p->sel_zone++;
		p->block_top = 0;
		break;
	case ACT_LEFT:
		if (p->order > 0)
			p->order--;
		p->block_top = 0;
		break;
	case ACT_RIGHT:
		if (p->order + 1 < a->st->state.buddy->max_order)
			p->order++;
		p->block_top = 0;
		break;
	case ACT_PAGE_UP:
		p->block_top -= p->list_rows > 1 ? p->list_rows - 1 : 1;
		break;
	case ACT_PAGE_DOWN:
		p->block_top += p->list_rows > 1 ? p->list_rows - 1 : 1;
		break;
	default:
		return H_IGNORED;
	}
	return H_HANDLED | H_REDRAW;
}

/* Follow the boot: select the first zone the step changed. */
static void
fl_step_changed(struct view *v, const struct app *a)
{
	struct fl_priv *p = v->priv;
	const struct buddy_state *b = a->st->state.buddy;
	const struct buddy_zone **zs = sorted_zones(b);
	uint64_t cur[BUDDY_MAX_ORDERS], old[BUDDY_MAX_ORDERS];

	for (size_t i = 0; i < b->nr_zones; i++) {
		if (zone_deltas(a, zs[i], cur, old)) {
			p->sel_zone = (int)i;
			p->block_top = 0;
			break;
		}
	}
	free(zs);
}

static void *
fl_new(void)
{
	struct fl_priv *p = xcalloc(1, sizeof(*p));

	p->order = 10;
	return p;
}

const struct view_ops view_freelist_ops = {
	.ctx = CTX_PANEL,
	.new_priv = fl_new,
	.draw = fl_draw,
	.handle = fl_handle,
	.step_changed = fl_step_changed,
	.mouse = view_wheel,
};
