/*
 * help.h - the key list the help overlay shows and the man page prints:
 * every action of the binding table (keys.h) in ACTION_LIST order, and
 * after the focus actions the keys that show each view (views.h); and
 * the overlay that shows it.
 */
#ifndef MEMBOOT_HELP_H
#define MEMBOOT_HELP_H

#include <stddef.h>
#include <stdio.h>

#include "canvas.h"

/* The number of lines. */
size_t help_nr_lines(void);

/* Line i: its keys ("Space, n, Right") into keys; returns its text. */
const char *help_line(size_t i, char *keys, size_t len);

/* The list in roff (.TP items) for the man page. */
void help_write_man(FILE *f);

/* The overlay on an sw x sh screen: key lists and descriptions wrapped
 * into two columns, scrolled to row *top (clamped to what fits). */
void help_draw(struct canvas *c, int sw, int sh, long *top);

#endif
