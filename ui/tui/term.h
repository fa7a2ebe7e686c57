/*
 * term.h - the only module that talks to curses: start and stop the
 * terminal, pick the colour scheme, and paint a canvas.
 */
#ifndef MEMBOOT_TERM_H
#define MEMBOOT_TERM_H

#include "canvas.h"

/* Start curses on the terminal; the theme is chosen here. 0 or -1. */
int term_start(void);
/* Restore the terminal; safe to call twice and from a signal handler. */
void term_stop(void);
/* The terminal's size after a resize. */
void term_size(int *w, int *h);
void term_resize(void);
/* Paint the canvas (only what changed goes out); full repaints it all. */
void term_paint(const struct canvas *c, int full);

/* Curses started on an off-screen terminal (benchmarks): output to out. */
int term_start_offscreen(FILE *out, int w, int h);

#endif
