/* help.c - the key list of the help overlay and the man page, and the
 * overlay itself (help.h). */
#include "help.h"

#include "keys.h"
#include "views.h"

/* The views' keys follow the actions up to this one: they too choose
 * what has focus. */
#define VIEWS_AFTER ACT_FOCUS_PREV

/* The i-th view that has a key, or NULL. */
static const struct view_desc *
keyed_view(size_t i)
{
	for (int v = 0; v < views_count(); v++)
		if (views_get(v)->key && i-- == 0)
			return views_get(v);
	return NULL;
}

static size_t
nr_keyed_views(void)
{
	size_t n = 0;

	while (keyed_view(n))
		n++;
	return n;
}

size_t
help_nr_lines(void)
{
	return ACT_COUNT - 1 + nr_keyed_views();
}

const char *
help_line(size_t i, char *keys, size_t len)
{
	const struct view_desc *d;
	enum action a;

	if (i >= VIEWS_AFTER) {
		d = keyed_view(i - VIEWS_AFTER);
		if (d) {
			snprintf(keys, len, "%s", d->key);
			return d->help;
		}
		i -= nr_keyed_views();
	}
	a = (enum action)(i + 1);
	keys_of_action(a, keys, len);
	return keys_help(a);
}

/* Write s for roff: dashes and backslashes escaped. */
static void
roff_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '-' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
}

void
help_write_man(FILE *f)
{
	char keys[160];

	for (size_t i = 0; i < help_nr_lines(); i++) {
		const char *text = help_line(i, keys, sizeof(keys));

		fputs(".TP\n.B ", f);
		roff_escape(f, keys);
		fputc('\n', f);
		roff_escape(f, text);
		fputc('\n', f);
	}
}

void
help_draw(struct canvas *c, int sw, int sh, long *top)
{
	int w = sw - 8 < 96 ? sw - 8 : 96, h = sh - 4;
	struct rect r = { (sw - w) / 2, 2, w, h };
	int rows = h - 3;
	long n = (long)help_nr_lines();
	char keys[160];

	if (*top > n - rows)
		*top = n - rows;
	if (*top < 0)
		*top = 0;
	canvas_fill(c, r, ' ', ROLE_HELP);
	canvas_box(c, r, ROLE_BORDER_FOCUS, ROLE_TITLE_FOCUS, "Help: keys (Escape closes)");
	canvas_clip(c, (struct rect){ r.x + 1, r.y + 1, r.w - 2, r.h - 2 });
	for (long i = 0; i < rows && *top + i < n; i++) {
		const char *text = help_line((size_t)(*top + i), keys, sizeof(keys));

		canvas_text(c, r.x + 2, r.y + 1 + (int)i, 34, ROLE_HELP_KEY, keys);
		canvas_text(c, r.x + 37, r.y + 1 + (int)i, r.w - 39, ROLE_HELP, text);
	}
	canvas_text(c, r.x + 2, r.y + r.h - 2, r.w - 4, ROLE_HELP,
		    "Mouse: click a map cell to inspect it; the wheel zooms the map or scrolls a panel.");
	canvas_unclip(c);
}
