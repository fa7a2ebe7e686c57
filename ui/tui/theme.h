/*
 * theme.h - semantic roles for everything memboot draws, with one table
 * giving each role its label, its colours on 256- and 8-colour terminals,
 * its attributes on a monochrome one and, for map roles, its fill glyph.
 * Also the glyph set: UTF-8 box drawing and blocks, or plain ASCII when
 * the locale cannot show them. No curses here: screen.c turns roles into
 * curses attributes.
 */
#ifndef MEMBOOT_THEME_H
#define MEMBOOT_THEME_H

#include <stdbool.h>
#include <stdint.h>

enum role {
	ROLE_DEFAULT,
	ROLE_BORDER,
	ROLE_BORDER_FOCUS,
	ROLE_TITLE,
	ROLE_TITLE_FOCUS,
	ROLE_DIM,
	ROLE_HEADER,
	ROLE_ROW_ADDED,
	ROLE_ROW_CHANGED,
	ROLE_ROW_REMOVED,
	ROLE_SELECTED,
	ROLE_PHASE,
	ROLE_PHASE_DONE,
	ROLE_PHASE_CURRENT,
	ROLE_STEP,
	ROLE_FUNCTION,
	ROLE_NARRATION,
	ROLE_HINT,
	ROLE_HINT_KEY,
	ROLE_LOG,
	ROLE_LOG_NEW,
	ROLE_PROMPT,
	ROLE_ERROR,
	ROLE_HELP,
	ROLE_HELP_KEY,
	/* map cells */
	ROLE_HOLE,
	ROLE_E820_USABLE,
	ROLE_E820_RESERVED,
	ROLE_E820_ACPI,
	ROLE_E820_NVS,
	ROLE_E820_UNUSABLE,
	ROLE_E820_PMEM,
	ROLE_E820_OTHER,
	ROLE_MB_MEMORY,
	ROLE_MB_RESERVED,
	ROLE_MB_FIRMWARE,
	ROLE_NODE_0,
	ROLE_NODE_7 = ROLE_NODE_0 + 7,
	ROLE_SECT_NONE,
	ROLE_SECT_PRESENT,
	ROLE_SECT_MEMMAP,
	ROLE_ZONE_DMA,
	ROLE_ZONE_DMA32,
	ROLE_ZONE_NORMAL,
	ROLE_ZONE_HIGHMEM,
	ROLE_ZONE_MOVABLE,
	ROLE_ALLOCATED,
	ROLE_DEFERRED,
	ROLE_FREE_0,
	ROLE_FREE_10 = ROLE_FREE_0 + 10,
	/* memmap coverage (footprint panel and the map's memmap colouring) */
	ROLE_MM_BACKED,		/* memory with a struct page */
	ROLE_MM_HOLE,		/* a struct page for a pfn that is not memory */
	ROLE_MM_NONE,		/* no struct page */
	ROLE_MM_INDEX,		/* roots, usemaps, vmemmap page tables */
	ROLE_CURSOR,
	ROLE_COUNT
};

/* Or-ed into a cell's role: the cell was touched by the current step. */
#define ROLE_TOUCHED 0x80u
#define ROLE_MASK 0x7fu

enum colour_mode {
	COLOUR_256,
	COLOUR_8,
	COLOUR_MONO,
};

/* Attribute bits for the monochrome scheme (and emphasis in colour). */
enum {
	TA_BOLD = 1,
	TA_REVERSE = 2,
	TA_UNDERLINE = 4,
	TA_DIM = 8,
};

struct theme_entry {
	const char *label;	/* legend text (theme_label()), NULL for non-map roles */
	short fg256, bg256;	/* -1: terminal default */
	short fg8, bg8;
	unsigned attrs;		/* TA_* in colour modes */
	unsigned mono;		/* TA_* in the monochrome scheme */
	char mono_fill;		/* map fill in mono / ASCII, 0 = none */
};

enum glyph {
	GLYPH_HLINE,
	GLYPH_VLINE,
	GLYPH_TL,
	GLYPH_TR,
	GLYPH_BL,
	GLYPH_BR,
	GLYPH_ARROW,		/* between phases */
	GLYPH_HOLE,
	GLYPH_MIXED,		/* a map cell of several kinds */
	GLYPH_TOUCH,
	GLYPH_CURSOR,
	GLYPH_UP,
	GLYPH_DOWN,
	GLYPH_PLAY,
	GLYPH_COUNT
};

/* Choose the scheme and glyph set (once, before drawing). */
void theme_set(enum colour_mode mode, bool utf8);
enum colour_mode theme_mode(void);
bool theme_utf8(void);

const struct theme_entry *theme_entry(enum role role);
/* The legend's name of a map role (an e820 role's from e820_types), or
 * NULL for a role that is not on the map. */
const char *theme_label(enum role role);
uint32_t theme_glyph(enum glyph g);
/* ch as it can be shown: non-ASCII becomes '?' without UTF-8. */
uint32_t theme_printable(uint32_t ch);
/* The glyph a map cell of this role is filled with. */
uint32_t theme_fill(enum role role);

/* Map role for node nid, zone (enum zone_type), free order, e820 type. */
enum role theme_node_role(int nid);
enum role theme_zone_role(int zone);
enum role theme_free_role(unsigned order);
enum role theme_e820_role(uint32_t type);

#endif
