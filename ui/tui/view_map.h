/*
 * view_map.h - the physical map's cells (view_map_cells.c), for the map
 * view (view_map.c): the role of the cell [a, b) and what it keeps
 * between frames.
 */
#ifndef MEMBOOT_VIEW_MAP_H
#define MEMBOOT_VIEW_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "view.h"

struct free_piece {
	uint64_t start, end;		/* pfns */
	const struct buddy_zone *z;
};

struct free_index {
	const struct buddy_state *of;
	struct free_piece *p;
	size_t n, cap;
};

struct map_cells {
	int memmap_mode;		/* 0: the phase's colours, else 1 + enum mem_model */
	struct free_index fi[2];	/* for the state and the previous one */
	struct view_fp fp;
};

/* The role of the cell of bytes [a, b) in state s (slot 1 when s is the
 * previous state, for cells the animation has not reached, else 0);
 * *mixed when the cell holds more than one kind. */
enum role map_cells_role(struct map_cells *p, int slot, const struct app *ap,
			 const struct boot_state *s, uint64_t a, uint64_t b, bool *mixed);

/* Free what the cells keep. */
void map_cells_release(struct map_cells *p);

#endif
