/*
 * screen.h - the whole frame: where the views of the registry (views.h)
 * are shown (the large layout with everything at once, the tabbed one at
 * 80x24, or the "too small" message), the timeline, narration and hint
 * lines, the help overlay, the goto prompt, focus, and autoplay. It turns
 * keys into actions and actions into view calls and app steps; it draws
 * only into a canvas, so the tests drive it exactly as the terminal loop
 * does.
 */
#ifndef MEMBOOT_SCREEN_H
#define MEMBOOT_SCREEN_H

#include <stdbool.h>

#include "app.h"
#include "canvas.h"
#include "keys.h"
#include "view.h"

#define SCREEN_MIN_W 80
#define SCREEN_MIN_H 24
#define SCREEN_LARGE_W 160
#define SCREEN_LARGE_H 48

enum screen_layout {
	LAYOUT_TOO_SMALL,
	LAYOUT_TABBED,
	LAYOUT_LARGE,
};

enum prompt_kind {
	PROMPT_NONE,
	PROMPT_GOTO,		/* an address or pfn for the map cursor */
	PROMPT_FIND,		/* text to find in the kernel log */
};

struct screen {
	struct app *app;
	struct view **views;	/* one per row of the view registry, by index */
	int map;		/* the map's index: zoom and colouring go to it */
	int w, h;
	enum screen_layout layout;
	int focus;
	int panel;		/* the table (large) or the tab (tabbed) shown */
	bool panel_pinned;	/* chosen by the user: stop following the phase */
	bool help;
	long help_top;
	enum prompt_kind prompt;
	char input[64];
	char search[64];	/* the last text found in the log */
	char message[160];
	bool playing;
	int speed;		/* index into the delay table */
};

void screen_init(struct screen *s, struct app *a);
void screen_release(struct screen *s);

/* Lay the views out for a w x h terminal. */
void screen_layout(struct screen *s, int w, int h);

/* Draw the frame (the canvas must be w x h). */
void screen_draw(struct screen *s, struct canvas *c);

/* The key-binding context of the focused view (or the help overlay). */
enum key_ctx screen_key_ctx(const struct screen *s);

/* A key (libtermkey's name for it): a view's key shows the view, any
 * other key is looked up in the binding table; H_* bits. */
int screen_key(struct screen *s, const char *key);

/* Perform an action; H_* bits. */
int screen_action(struct screen *s, enum action act);

/* A key while a prompt is open: a code point, or one of these. */
enum { PROMPT_BACKSPACE = -1, PROMPT_ENTER = -2, PROMPT_CANCEL = -3 };
int screen_prompt_input(struct screen *s, long ch);

/* Find the last search text again, after the marked line (the prompt
 * opens when nothing was searched yet). */
int screen_find_next(struct screen *s);

/* For the prompts: go to a step as a step key does; show view v (its
 * registry index) as its key does. H_* bits. */
int screen_go(struct screen *s, size_t step, bool animate);
int screen_show_view(struct screen *s, int v);

/* A mouse event at (x, y) (0-based). */
int screen_mouse(struct screen *s, enum mouse_kind kind, int x, int y);

/* Milliseconds until screen_tick wants to run (animation or autoplay),
 * or -1 when nothing is pending. */
int screen_timeout_ms(const struct screen *s);
/* Advance animation or autoplay; H_* bits. */
int screen_tick(struct screen *s);

#endif
