/*
 * keys.c - the binding table. Context bindings (map or panel focused) are
 * looked up before the global ones, which is how the arrows move the map
 * cursor when the map has focus and step through the boot otherwise.
 */
#include "keys.h"

#include <stdio.h>
#include <string.h>

#define ACTION_HELP(id, help) [id] = help,
static const char *const help_text[ACT_COUNT] = {
	[ACT_NONE] = "",
	ACTION_LIST(ACTION_HELP)
};
#undef ACTION_HELP

static const struct binding table[] = {
	{ CTX_MAP, "Left", ACT_LEFT, 0 },
	{ CTX_MAP, "h", ACT_LEFT, 0 },
	{ CTX_MAP, "Right", ACT_RIGHT, 0 },
	{ CTX_MAP, "l", ACT_RIGHT, 0 },
	{ CTX_MAP, "Up", ACT_UP, 0 },
	{ CTX_MAP, "k", ACT_UP, 0 },
	{ CTX_MAP, "Down", ACT_DOWN, 0 },
	{ CTX_MAP, "j", ACT_DOWN, 0 },
	{ CTX_PANEL, "Up", ACT_UP, 0 },
	{ CTX_PANEL, "k", ACT_UP, 0 },
	{ CTX_PANEL, "Down", ACT_DOWN, 0 },
	{ CTX_PANEL, "j", ACT_DOWN, 0 },
	{ CTX_PANEL, "h", ACT_LEFT, 0 },
	{ CTX_PANEL, "<", ACT_LEFT, 0 },
	{ CTX_PANEL, "l", ACT_RIGHT, 0 },
	{ CTX_PANEL, ">", ACT_RIGHT, 0 },
	{ CTX_ANY, "Space", ACT_NEXT, 1 },
	{ CTX_ANY, "n", ACT_NEXT, 0 },
	{ CTX_ANY, "Right", ACT_NEXT, 0 },
	{ CTX_ANY, "Backspace", ACT_PREV, 1 },
	{ CTX_ANY, "p", ACT_PREV, 0 },
	{ CTX_ANY, "Left", ACT_PREV, 0 },
	{ CTX_ANY, "]", ACT_NEXT_PHASE, 1 },
	{ CTX_ANY, "[", ACT_PREV_PHASE, 1 },
	{ CTX_ANY, "Home", ACT_FIRST, 0 },
	{ CTX_ANY, "g", ACT_FIRST, 1 },
	{ CTX_ANY, "End", ACT_LAST, 0 },
	{ CTX_ANY, "G", ACT_LAST, 1 },
	{ CTX_ANY, "a", ACT_PLAY, 1 },
	{ CTX_ANY, "+", ACT_FASTER, 1 },
	{ CTX_ANY, "=", ACT_FASTER, 0 },
	{ CTX_ANY, "-", ACT_SLOWER, 1 },
	{ CTX_ANY, "z", ACT_ZOOM_IN, 1 },
	{ CTX_ANY, "Z", ACT_ZOOM_OUT, 1 },
	{ CTX_ANY, "m", ACT_MEMMAP, 0 },
	{ CTX_ANY, "PageUp", ACT_PAGE_UP, 0 },
	{ CTX_ANY, "PageDown", ACT_PAGE_DOWN, 0 },
	{ CTX_ANY, "Tab", ACT_FOCUS_NEXT, 1 },
	{ CTX_ANY, "S-Tab", ACT_FOCUS_PREV, 0 },
	{ CTX_ANY, "/", ACT_GOTO, 1 },
	{ CTX_ANY, "f", ACT_FIND, 1 },
	{ CTX_ANY, "F", ACT_FIND_NEXT, 1 },
	{ CTX_ANY, "?", ACT_HELP, 1 },
	{ CTX_ANY, "Escape", ACT_CLOSE, 0 },
	{ CTX_ANY, "C-l", ACT_REDRAW, 0 },
	{ CTX_ANY, "q", ACT_QUIT, 1 },
	{ CTX_ANY, "C-c", ACT_QUIT, 0 },
};

enum action
keys_lookup(const char *key, enum key_ctx ctx)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
			if (table[i].ctx != (pass == 0 ? ctx : CTX_ANY) ||
			    (pass == 0 && ctx == CTX_ANY))
				continue;
			if (strcmp(table[i].key, key) == 0)
				return table[i].action;
		}
	return ACT_NONE;
}

const char *
keys_help(enum action a)
{
	return a > ACT_NONE && a < ACT_COUNT ? help_text[a] : "";
}

const struct binding *
keys_table(size_t *n)
{
	*n = sizeof(table) / sizeof(table[0]);
	return table;
}

void
keys_of_action(enum action a, char *buf, size_t len)
{
	size_t used = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct binding *b = &table[i];
		int n;

		if (b->action != a)
			continue;
		n = snprintf(buf + used, len - used, "%s%s%s", used ? ", " : "", b->key,
			     b->ctx == CTX_MAP ? " (map)" : b->ctx == CTX_PANEL ? " (panel)" : "");
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
}

/* The first key bound to an action with the hint flag, abbreviated. */
static const char *
hint_key(enum action a)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].action == a && table[i].hint)
			return strcmp(table[i].key, "Backspace") == 0 ? "BS" : table[i].key;
	return "?";
}

void
keys_hint_line(char *buf, size_t len)
{
	static const struct {
		enum action a, b;
		const char *label;
	} hints[] = {
		{ ACT_HELP, ACT_NONE, "help" },
		{ ACT_QUIT, ACT_NONE, "quit" },
		{ ACT_NEXT, ACT_PREV, "step" },
		{ ACT_NEXT_PHASE, ACT_PREV_PHASE, "phase" },
		{ ACT_PLAY, ACT_NONE, "play" },
		{ ACT_FASTER, ACT_SLOWER, "speed" },
		{ ACT_ZOOM_IN, ACT_ZOOM_OUT, "zoom" },
		{ ACT_FOCUS_NEXT, ACT_NONE, "focus" },
		{ ACT_GOTO, ACT_NONE, "goto" },
		{ ACT_FIND, ACT_FIND_NEXT, "find" },
		{ ACT_FIRST, ACT_LAST, "first/last" },
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]) && used < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s%s%s %s", used ? "  " : "",
				 hint_key(hints[i].a), hints[i].b ? "/" : "",
				 hints[i].b ? hint_key(hints[i].b) : "", hints[i].label);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}
