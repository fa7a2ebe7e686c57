/*
 * canvas.h - the grid every view draws into: width x height cells, each a
 * glyph (a Unicode code point of terminal width 1) and a theme role. It
 * knows nothing of curses; screen.c paints it, the tests dump it as text.
 */
#ifndef MEMBOOT_CANVAS_H
#define MEMBOOT_CANVAS_H

#include <stdint.h>
#include <stdio.h>

#include "theme.h"

struct rect {
	int x, y, w, h;
};

struct cell {
	uint32_t ch;
	uint8_t role;		/* enum role */
};

struct canvas {
	int w, h;
	struct cell *cells;
	struct rect clip;	/* writes outside are dropped */
};

/* A blank canvas of w x h (both may be 0); free with canvas_free. */
struct canvas *canvas_new(int w, int h);
void canvas_free(struct canvas *c);
/* Change size and blank every cell. */
void canvas_resize(struct canvas *c, int w, int h);
/* Fill everything with spaces of ROLE_DEFAULT and reset the clip. */
void canvas_clear(struct canvas *c);

/* Restrict writes to r (intersected with the canvas); canvas_unclip resets. */
void canvas_clip(struct canvas *c, struct rect r);
void canvas_unclip(struct canvas *c);

void canvas_put(struct canvas *c, int x, int y, uint32_t ch, enum role role);
/* The cell at (x, y), NULL outside. */
const struct cell *canvas_at(const struct canvas *c, int x, int y);
void canvas_fill(struct canvas *c, struct rect r, uint32_t ch, enum role role);

/* Write UTF-8 text from (x, y), at most maxw cells; returns cells used. */
int canvas_text(struct canvas *c, int x, int y, int maxw, enum role role,
		const char *s);
int canvas_printf(struct canvas *c, int x, int y, int maxw, enum role role,
		  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* A frame around r with a title in its top edge. */
void canvas_box(struct canvas *c, struct rect r, enum role role,
		enum role title_role, const char *title);

/* Row y as UTF-8 text (trailing spaces kept) into buf of len bytes. */
void canvas_row_text(const struct canvas *c, int y, char *buf, size_t len);
/* The whole canvas as text lines (for tests and debugging). */
void canvas_dump(const struct canvas *c, FILE *f);

/* Does the rect hold the point? */
int rect_contains(struct rect r, int x, int y);

#endif
