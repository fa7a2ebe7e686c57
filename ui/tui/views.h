/*
 * views.h - the view registry: one row per view, in tab order, saying
 * what it is called, the key that shows it, its line in the help, its
 * code (view_ops: draw, handle, ...), where the large layout puts it and
 * which phases of the boot it explains. The screen's layout, tabs, focus
 * order, phase following and the help's view keys all come from these
 * rows, so a new view is one row in views.c plus its code.
 */
#ifndef MEMBOOT_VIEWS_H
#define MEMBOOT_VIEWS_H

#include "view.h"

/* Where the large layout puts a view; the tabbed one keeps the map on
 * top and shows one of the others below it. */
enum view_place {
	PLACE_MAP,		/* left, on top: always shown */
	PLACE_PANEL,		/* right, on top: one of them, chosen or following the phase */
	PLACE_BELOW_PANEL,	/* always shown */
	PLACE_BELOW_MAP,	/* always shown */
};

#define PHASE_BIT(p) (1u << (p))

struct view_desc {
	const char *name;		/* how code that needs this view finds it */
	const char *key;		/* shows it, and titles it; NULL for the map */
	const char *help;		/* the help's line for the key */
	const struct view_ops *ops;
	enum view_place place;
	/* PHASE_BIT()s: while the boot is in one of them, the panel shows
	 * the view most particular to it (the one with fewest such bits) */
	unsigned phases;
};

/* The number of views, and view i (0 <= i < views_count()). */
int views_count(void);
const struct view_desc *views_get(int i);

/* The view called name, or the one key shows; -1 if none. */
int views_find(const char *name);
int views_by_key(const char *key);

#endif
