/*
 * theme.c - the role table and the glyph sets. Map roles use a background
 * colour with a blank (or a digit for nodes and free orders) in colour
 * modes, and a distinct fill letter with attributes in monochrome, so a
 * vt100 still tells usable from reserved.
 */
#include "theme.h"

#include "e820.h"
#include "machine.h"
#include "zone_state.h"

static enum colour_mode cur_mode = COLOUR_256;
static bool cur_utf8 = true;

#define R(role, label, f256, b256, f8, b8, attrs, mono, fill) \
	[role] = { label, f256, b256, f8, b8, attrs, mono, fill }

static const struct theme_entry roles[ROLE_COUNT] = {
	R(ROLE_DEFAULT, NULL, -1, -1, -1, -1, 0, 0, 0),
	R(ROLE_BORDER, NULL, 242, -1, 7, -1, 0, TA_DIM, 0),
	R(ROLE_BORDER_FOCUS, NULL, 81, -1, 6, -1, TA_BOLD, TA_BOLD, 0),
	R(ROLE_TITLE, NULL, 252, -1, 7, -1, TA_BOLD, TA_BOLD, 0),
	R(ROLE_TITLE_FOCUS, NULL, 16, 81, 0, 6, TA_BOLD, TA_REVERSE | TA_BOLD, 0),
	R(ROLE_DIM, NULL, 244, -1, 7, -1, 0, TA_DIM, 0),
	R(ROLE_HEADER, NULL, 252, -1, 7, -1, TA_BOLD | TA_UNDERLINE, TA_BOLD | TA_UNDERLINE, 0),
	R(ROLE_ROW_ADDED, NULL, 16, 114, 0, 2, 0, TA_REVERSE, 0),
	R(ROLE_ROW_CHANGED, NULL, 16, 221, 0, 3, 0, TA_REVERSE | TA_BOLD, 0),
	R(ROLE_ROW_REMOVED, NULL, 16, 210, 0, 1, 0, TA_UNDERLINE, 0),
	R(ROLE_SELECTED, NULL, 16, 252, 0, 7, 0, TA_REVERSE, 0),
	R(ROLE_PHASE, NULL, 246, -1, 7, -1, 0, 0, 0),
	R(ROLE_PHASE_DONE, NULL, 108, -1, 2, -1, 0, TA_DIM, 0),
	R(ROLE_PHASE_CURRENT, NULL, 16, 81, 0, 6, TA_BOLD, TA_REVERSE | TA_BOLD, 0),
	R(ROLE_STEP, NULL, 231, -1, 7, -1, TA_BOLD, TA_BOLD, 0),
	R(ROLE_FUNCTION, NULL, 221, -1, 3, -1, TA_BOLD, TA_BOLD | TA_UNDERLINE, 0),
	R(ROLE_NARRATION, NULL, 252, -1, 7, -1, 0, 0, 0),
	R(ROLE_HINT, NULL, 250, 236, 0, 7, 0, TA_REVERSE, 0),
	R(ROLE_HINT_KEY, NULL, 221, 236, 4, 7, TA_BOLD, TA_REVERSE | TA_BOLD, 0),
	R(ROLE_LOG, NULL, 248, -1, 7, -1, 0, 0, 0),
	R(ROLE_LOG_NEW, NULL, 231, -1, 7, -1, TA_BOLD, TA_BOLD, 0),
	R(ROLE_PROMPT, NULL, 231, 24, 7, 4, TA_BOLD, TA_REVERSE, 0),
	R(ROLE_ERROR, NULL, 203, -1, 1, -1, TA_BOLD, TA_BOLD, 0),
	R(ROLE_HELP, NULL, 252, 235, 7, 4, 0, 0, 0),
	R(ROLE_HELP_KEY, NULL, 221, 235, 3, 4, TA_BOLD, TA_BOLD, 0),
	R(ROLE_HOLE, "hole", 238, -1, 7, -1, 0, TA_DIM, '.'),
	R(ROLE_E820_USABLE, NULL, 16, 71, 0, 2, 0, 0, '#'),
	R(ROLE_E820_RESERVED, NULL, 16, 167, 0, 1, 0, TA_BOLD, 'R'),
	R(ROLE_E820_ACPI, NULL, 16, 179, 0, 3, 0, 0, 'A'),
	R(ROLE_E820_NVS, NULL, 16, 173, 0, 5, 0, 0, 'N'),
	R(ROLE_E820_UNUSABLE, NULL, 16, 88, 7, 1, 0, 0, 'X'),
	R(ROLE_E820_PMEM, "persistent", 16, 99, 0, 5, 0, 0, 'P'),
	R(ROLE_E820_OTHER, "other type", 16, 245, 0, 7, 0, 0, 'O'),
	R(ROLE_MB_MEMORY, "memory", 16, 67, 0, 4, 0, 0, '#'),
	R(ROLE_MB_RESERVED, "reserved", 16, 203, 0, 1, 0, TA_BOLD, 'R'),
	R(ROLE_MB_FIRMWARE, "firmware", 250, 239, 7, 0, 0, TA_DIM, 'f'),
	R(ROLE_NODE_0, "node 0", 16, 75, 0, 4, 0, 0, '0'),
	R(ROLE_NODE_0 + 1, "node 1", 16, 114, 0, 2, 0, 0, '1'),
	R(ROLE_NODE_0 + 2, "node 2", 16, 221, 0, 3, 0, 0, '2'),
	R(ROLE_NODE_0 + 3, "node 3", 16, 176, 0, 5, 0, 0, '3'),
	R(ROLE_NODE_0 + 4, "node 4", 16, 80, 0, 6, 0, 0, '4'),
	R(ROLE_NODE_0 + 5, "node 5", 16, 209, 0, 1, 0, 0, '5'),
	R(ROLE_NODE_0 + 6, "node 6", 16, 147, 0, 7, 0, 0, '6'),
	R(ROLE_NODE_0 + 7, "node 7", 16, 186, 7, 4, 0, 0, '7'),
	R(ROLE_SECT_NONE, "no section", 16, 240, 7, 0, 0, TA_DIM, 'm'),
	R(ROLE_SECT_PRESENT, "present", 16, 110, 0, 6, 0, 0, 'p'),
	R(ROLE_SECT_MEMMAP, "has memmap", 16, 33, 0, 4, 0, TA_BOLD, 'M'),
	R(ROLE_ZONE_DMA, "DMA", 16, 179, 0, 3, 0, 0, 'd'),
	R(ROLE_ZONE_DMA32, "DMA32", 16, 75, 0, 4, 0, 0, 'D'),
	R(ROLE_ZONE_NORMAL, "Normal", 16, 114, 0, 2, 0, 0, 'n'),
	R(ROLE_ZONE_HIGHMEM, "HighMem", 16, 176, 0, 5, 0, 0, 'H'),
	R(ROLE_ZONE_MOVABLE, "Movable", 16, 209, 0, 1, 0, 0, 'V'),
	R(ROLE_ALLOCATED, "in use", 16, 131, 0, 1, 0, TA_BOLD, 'r'),
	R(ROLE_DEFERRED, "deferred", 250, 60, 7, 4, 0, TA_DIM, '~'),
	R(ROLE_FREE_0, "free o0", 16, 195, 0, 6, 0, 0, '0'),
	R(ROLE_FREE_0 + 1, "o1", 16, 159, 0, 6, 0, 0, '1'),
	R(ROLE_FREE_0 + 2, "o2", 16, 123, 0, 6, 0, 0, '2'),
	R(ROLE_FREE_0 + 3, "o3", 16, 87, 0, 6, 0, 0, '3'),
	R(ROLE_FREE_0 + 4, "o4", 16, 51, 0, 6, 0, 0, '4'),
	R(ROLE_FREE_0 + 5, "o5", 16, 45, 0, 6, TA_BOLD, 0, '5'),
	R(ROLE_FREE_0 + 6, "o6", 16, 39, 7, 4, 0, 0, '6'),
	R(ROLE_FREE_0 + 7, "o7", 231, 33, 7, 4, 0, 0, '7'),
	R(ROLE_FREE_0 + 8, "o8", 231, 27, 7, 4, TA_BOLD, 0, '8'),
	R(ROLE_FREE_0 + 9, "o9", 231, 21, 7, 4, TA_BOLD, 0, '9'),
	R(ROLE_FREE_0 + 10, "o10", 231, 19, 7, 4, TA_BOLD, TA_BOLD, 'A'),
	R(ROLE_MM_BACKED, "memmap: RAM", 16, 33, 0, 4, 0, TA_BOLD, 'M'),
	R(ROLE_MM_HOLE, "memmap: hole", 16, 209, 0, 1, 0, TA_BOLD, 'H'),
	R(ROLE_MM_NONE, "no memmap", 250, 237, 7, 0, 0, TA_DIM, '-'),
	R(ROLE_MM_INDEX, "index/tables", 16, 221, 0, 3, 0, TA_UNDERLINE, 'i'),
	R(ROLE_CURSOR, "cursor", 16, 231, 0, 7, TA_BOLD, TA_REVERSE | TA_BOLD, '@'),
};

/* The e820 types the map tells apart. The legend names a role of one
 * type as e820_print_type() does; persistent (two types) and every other
 * type have their own words in roles[]. */
static const struct {
	uint32_t type;
	enum role role;
} e820_roles[] = {
	{ E820_TYPE_RAM, ROLE_E820_USABLE },
	{ E820_TYPE_RESERVED, ROLE_E820_RESERVED },
	{ E820_TYPE_ACPI, ROLE_E820_ACPI },
	{ E820_TYPE_NVS, ROLE_E820_NVS },
	{ E820_TYPE_UNUSABLE, ROLE_E820_UNUSABLE },
	{ E820_TYPE_PMEM, ROLE_E820_PMEM },
	{ E820_TYPE_PRAM, ROLE_E820_PMEM },
};

#define NR_E820_ROLES (sizeof(e820_roles) / sizeof(e820_roles[0]))

static const uint32_t glyphs_utf8[GLYPH_COUNT] = {
	[GLYPH_HLINE] = 0x2500, [GLYPH_VLINE] = 0x2502,
	[GLYPH_TL] = 0x250c, [GLYPH_TR] = 0x2510,
	[GLYPH_BL] = 0x2514, [GLYPH_BR] = 0x2518,
	[GLYPH_ARROW] = 0x25b8, [GLYPH_HOLE] = 0x00b7,
	[GLYPH_MIXED] = 0x2592, [GLYPH_TOUCH] = 0x2022,
	[GLYPH_CURSOR] = 0x25c6, [GLYPH_UP] = 0x25b2,
	[GLYPH_DOWN] = 0x25bc, [GLYPH_PLAY] = 0x25b6,
};

static const uint32_t glyphs_ascii[GLYPH_COUNT] = {
	[GLYPH_HLINE] = '-', [GLYPH_VLINE] = '|',
	[GLYPH_TL] = '+', [GLYPH_TR] = '+', [GLYPH_BL] = '+', [GLYPH_BR] = '+',
	[GLYPH_ARROW] = '>', [GLYPH_HOLE] = '.',
	[GLYPH_MIXED] = ':', [GLYPH_TOUCH] = '*',
	[GLYPH_CURSOR] = '@', [GLYPH_UP] = '^',
	[GLYPH_DOWN] = 'v', [GLYPH_PLAY] = '>',
};

void
theme_set(enum colour_mode mode, bool utf8)
{
	cur_mode = mode;
	cur_utf8 = utf8;
}

enum colour_mode
theme_mode(void)
{
	return cur_mode;
}

bool
theme_utf8(void)
{
	return cur_utf8;
}

const struct theme_entry *
theme_entry(enum role role)
{
	return &roles[(unsigned)role & ROLE_MASK];
}

const char *
theme_label(enum role role)
{
	const struct theme_entry *t = theme_entry(role);

	if (t->label)
		return t->label;
	for (size_t i = 0; i < NR_E820_ROLES; i++)
		if (e820_roles[i].role == ((unsigned)role & ROLE_MASK))
			return e820_type_names(e820_roles[i].type)->kernel;
	return NULL;
}

uint32_t
theme_glyph(enum glyph g)
{
	return cur_utf8 ? glyphs_utf8[g] : glyphs_ascii[g];
}

uint32_t
theme_printable(uint32_t ch)
{
	return ch > 0x7e && !cur_utf8 ? '?' : ch;
}

uint32_t
theme_fill(enum role role)
{
	const struct theme_entry *t = theme_entry(role);

	if (role == ROLE_HOLE)
		return theme_glyph(GLYPH_HOLE);
	if (role == ROLE_CURSOR)
		return theme_glyph(GLYPH_CURSOR);
	/* digits (nodes, orders) say something in every mode */
	if (cur_mode == COLOUR_MONO || (t->mono_fill >= '0' && t->mono_fill <= '9') ||
	    role == ROLE_FREE_0 + 10)
		return (uint32_t)t->mono_fill;
	return ' ';
}

enum role
theme_node_role(int nid)
{
	return nid < 0 ? ROLE_MB_MEMORY : (enum role)(ROLE_NODE_0 + nid % 8);
}

enum role
theme_zone_role(int zone)
{
	switch (zone) {
	case ZONE_DMA: return ROLE_ZONE_DMA;
	case ZONE_DMA32: return ROLE_ZONE_DMA32;
	case ZONE_NORMAL: return ROLE_ZONE_NORMAL;
	case ZONE_HIGHMEM: return ROLE_ZONE_HIGHMEM;
	case ZONE_MOVABLE: return ROLE_ZONE_MOVABLE;
	default: return ROLE_MB_MEMORY;
	}
}

enum role
theme_free_role(unsigned order)
{
	return (enum role)(ROLE_FREE_0 + (order > 10 ? 10 : order));
}

enum role
theme_e820_role(uint32_t type)
{
	if (type == 0)
		return ROLE_HOLE;
	for (size_t i = 0; i < NR_E820_ROLES; i++)
		if (e820_roles[i].type == type)
			return e820_roles[i].role;
	return ROLE_E820_OTHER;
}
