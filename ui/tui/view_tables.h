/*
 * view_tables.h - what the three tables share (view_tables.c) and the
 * rows of each (view_tables_e820.c, view_tables_memblock.c,
 * view_tables_sections.c): row i of a table is made from the state when
 * it is drawn.
 */
#ifndef MEMBOOT_VIEW_TABLES_H
#define MEMBOOT_VIEW_TABLES_H

#include "view.h"

enum table_kind {
	TABLE_E820,
	TABLE_MEMBLOCK,
	TABLE_SECTIONS,
};

struct table_priv {
	enum table_kind kind;
	long top;
	long rows_shown;
	long sel;		/* section table: the selected row */
	int list_y;		/* screen row of the first list row */
	/* section rows: prefix sums of run lengths for one sparse state */
	const struct sparse_state *prefix_of;
	uint64_t *prefix;
	size_t prefix_cap;
};

struct row {
	char text[256];
	enum role role;
};

/* The e820 table: its rows, row i, and its header line (lines used). */
long table_e820_nrows(const struct app *a);
void table_e820_row(const struct app *a, long i, struct row *r);
int table_e820_header(const struct app *a, struct canvas *c, struct rect in);

/* The memblock table, or the bootmem bitmap when the profile has one. */
bool table_memblock_is_bootmem(const struct app *a);
long table_memblock_nrows(const struct app *a);
void table_memblock_row(const struct app *a, long i, struct row *r);

/* The section table, its header, the first row the step changed (-1:
 * none), the selected section's arithmetic in r, and the selection
 * moved by an action (H_* bits). */
long table_sections_nrows(struct table_priv *p, const struct app *a);
void table_sections_row(struct table_priv *p, const struct app *a, long i, struct row *r);
int table_sections_header(const struct app *a, struct canvas *c, struct rect in);
long table_sections_first_changed(struct table_priv *p, const struct app *a);
void table_sections_detail(struct table_priv *p, const struct app *a, struct canvas *c,
			   struct rect r);
int table_sections_select(struct table_priv *p, enum action act, const struct app *a);

#endif
