/* view.c - helpers every view shares: making and freeing one, its frame,
 * scrolling, and the footprint the map and the footprint panel draw. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>

#include "views.h"
#include "xalloc.h"

struct view *
view_new(const struct view_desc *d)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->desc = d;
	v->ops = d->ops;
	v->priv = d->ops->new_priv();
	return v;
}

struct rect
view_frame(const struct view *v, struct canvas *c, const char *title)
{
	char keyed[160];

	if (v->desc->key) {
		snprintf(keyed, sizeof(keyed), "%s %s", v->desc->key, title);
		title = keyed;
	}
	canvas_box(c, v->r, v->focused ? ROLE_BORDER_FOCUS : ROLE_BORDER,
		   v->focused ? ROLE_TITLE_FOCUS : ROLE_TITLE, title);
	return (struct rect){ v->r.x + 1, v->r.y + 1, v->r.w - 2, v->r.h - 2 };
}

long
view_scroll_to(long top, long want, long rows, long total)
{
	if (rows <= 0)
		return 0;
	if (want < top)
		top = want;
	if (want >= top + rows)
		top = want - rows + 1;
	if (top > total - rows)
		top = total - rows;
	return top < 0 ? 0 : top;
}

long
view_scroll_by(enum action act, long rows)
{
	long page = rows > 1 ? rows - 1 : 1;

	switch (act) {
	case ACT_UP: return -1;
	case ACT_DOWN: return 1;
	case ACT_PAGE_UP: return -page;
	case ACT_PAGE_DOWN: return page;
	default: return 0;
	}
}

int
view_wheel(struct view *v, enum mouse_kind kind, int x, int y, struct app *a)
{
	if (kind == MOUSE_CLICK)
		return H_HANDLED;
	return v->ops->handle(v, kind == MOUSE_WHEEL_UP ? ACT_UP : ACT_DOWN, a);
}

const struct footprint *
view_fp_get(struct view_fp *c, const struct engine *e)
{
	if (c->of != e) {
		view_fp_release(c);
		footprint_of_engine(e, &c->fp);
		c->of = e;
	}
	return &c->fp;
}

void
view_fp_release(struct view_fp *c)
{
	if (c->of)
		footprint_release(&c->fp);
	c->of = NULL;
}

void
view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->free_priv)
		v->ops->free_priv(v->priv);
	else
		free(v->priv);
	free(v);
}
