/*
 * keys.h - every user action and the one binding table that maps key
 * names (as libtermkey spells them: "Space", "C-c", "PageUp") to actions.
 * The input loop, the help overlay, the hint bar and the man page's key
 * list all read this table. The keys that show a view are the view
 * registry's (views.h).
 */
#ifndef MEMBOOT_KEYS_H
#define MEMBOOT_KEYS_H

#include <stddef.h>

/* X(id, help text); order is the order of the help overlay (help.c). */
#define ACTION_LIST(X) \
	X(ACT_NEXT, "next step") \
	X(ACT_PREV, "previous step") \
	X(ACT_NEXT_PHASE, "next phase") \
	X(ACT_PREV_PHASE, "previous phase") \
	X(ACT_FIRST, "first step") \
	X(ACT_LAST, "last step") \
	X(ACT_PLAY, "autoplay on/off") \
	X(ACT_FASTER, "autoplay faster") \
	X(ACT_SLOWER, "autoplay slower") \
	X(ACT_ZOOM_IN, "zoom the map in (fewer pages per cell)") \
	X(ACT_ZOOM_OUT, "zoom the map out") \
	X(ACT_MEMMAP, "map: colour by what the memmap covers (off, FLATMEM, SPARSEMEM, VMEMMAP)") \
	X(ACT_LEFT, "map: cursor left; free lists: lower order") \
	X(ACT_RIGHT, "map: cursor right; free lists: higher order") \
	X(ACT_UP, "map: cursor up; panels: scroll up (sections: select)") \
	X(ACT_DOWN, "map: cursor down; panels: scroll down (sections: select)") \
	X(ACT_PAGE_UP, "page up (map or focused panel)") \
	X(ACT_PAGE_DOWN, "page down (map or focused panel)") \
	X(ACT_FOCUS_NEXT, "focus the next panel") \
	X(ACT_FOCUS_PREV, "focus the previous panel") \
	X(ACT_GOTO, "go to an address or pfn (0x1000, 16M, pfn 0x100)") \
	X(ACT_FIND, "find text in the kernel log: go to the step that printed it") \
	X(ACT_FIND_NEXT, "find the same text again, further on") \
	X(ACT_HELP, "this help") \
	X(ACT_CLOSE, "close help or prompt, stop autoplay") \
	X(ACT_REDRAW, "redraw the screen") \
	X(ACT_QUIT, "quit")

#define ACTION_ENUM(id, help) id,
enum action {
	ACT_NONE,
	ACTION_LIST(ACTION_ENUM)
	ACT_COUNT
};
#undef ACTION_ENUM

/* Where a binding applies: everywhere, or only when a view has focus. */
enum key_ctx {
	CTX_ANY,
	CTX_MAP,
	CTX_PANEL,
};

struct binding {
	enum key_ctx ctx;
	const char *key;	/* libtermkey name */
	enum action action;
	int hint;		/* shown in the hint bar (0 = no) */
};

/* The action for a key name in a context (context bindings first). */
enum action keys_lookup(const char *key, enum key_ctx ctx);

/* The help text of an action. */
const char *keys_help(enum action a);

/* The table itself, for the help overlay and the hint bar. */
const struct binding *keys_table(size_t *n);

/* All keys of an action ("Space, n, Right"), with "(map)" notes. */
void keys_of_action(enum action a, char *buf, size_t len);

/* The hint bar's text: the most used keys, from the table. */
void keys_hint_line(char *buf, size_t len);

#endif
