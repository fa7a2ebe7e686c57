/*
 * view.h - the panel interface (after htop's Panel class): a view has a
 * rectangle, draws itself into a canvas from the app's state, and handles
 * actions (never raw keys), answering with a bitmask the loop acts on.
 * Which views exist, and where they go, is the registry's (views.h).
 */
#ifndef MEMBOOT_VIEW_H
#define MEMBOOT_VIEW_H

#include <stdbool.h>

#include "app.h"
#include "canvas.h"
#include "footprint.h"
#include "keys.h"

enum {
	H_IGNORED = 0,
	H_HANDLED = 1 << 0,
	H_REDRAW = 1 << 1,
	H_QUIT = 1 << 2,
};

enum mouse_kind {
	MOUSE_CLICK,
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN,
};

struct view;
struct view_desc;

struct view_ops {
	enum key_ctx ctx;			/* its key bindings */
	void *(*new_priv)(void);		/* its own state */
	void (*draw)(struct view *v, struct canvas *c, const struct app *a);
	int (*handle)(struct view *v, enum action act, struct app *a);
	/* The step changed: scroll to what it changed. May be NULL. */
	void (*step_changed)(struct view *v, const struct app *a);
	/* A mouse event at (x, y) inside the view. May be NULL. */
	int (*mouse)(struct view *v, enum mouse_kind kind, int x, int y, struct app *a);
	void (*free_priv)(void *priv);
};

struct view {
	const struct view_desc *desc;		/* its row in the registry */
	const struct view_ops *ops;
	struct rect r;
	bool focused;
	void *priv;
};

/* The frame of a view with its title after its key, in the focus colour
 * when focused; returns the inner rectangle. */
struct rect view_frame(const struct view *v, struct canvas *c, const char *title);

/* Scroll helper for list views: keep row `want` visible in `rows` lines. */
long view_scroll_to(long top, long want, long rows, long total);

/* How far a scrolling action moves a list that shows `rows` rows: one row
 * up (-1) or down (+1), or a page (rows - 1, at least 1); 0 for any other
 * action. */
long view_scroll_by(enum action act, long rows);

/* A mouse handler for lists: the wheel is the view's ACT_UP / ACT_DOWN,
 * a click only focuses. */
int view_wheel(struct view *v, enum mouse_kind kind, int x, int y, struct app *a);

/* The footprint of a view's boot, kept until the engine changes. */
struct view_fp {
	const struct engine *of;	/* the engine fp was computed for */
	struct footprint fp;
};

/* The footprint of e, computed again only for another engine. */
const struct footprint *view_fp_get(struct view_fp *c, const struct engine *e);
void view_fp_release(struct view_fp *c);

/* The view of a registry row (views.h); free with view_free. */
struct view *view_new(const struct view_desc *d);
void view_free(struct view *v);

/* Each view's code, named by its registry row. */
extern const struct view_ops view_map_ops;
extern const struct view_ops view_e820_ops;
extern const struct view_ops view_memblock_ops;
extern const struct view_ops view_sections_ops;
extern const struct view_ops view_freelist_ops;
extern const struct view_ops view_log_ops;
extern const struct view_ops view_footprint_ops;

#endif
