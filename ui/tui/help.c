/* help.c - the key list of the help overlay and the man page, and the
 * overlay itself (help.h). */
#include "help.h"

#include <stdbool.h>
#include <string.h>

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

/* What the key list cannot say: the mouse. */
static const char mouse_help[] =
	"Mouse: click a map cell to inspect it; the wheel zooms the map or scrolls a panel.";

/* The cells of the n bytes of UTF-8 at s. */
static int
cells(const char *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += (s[i] & 0xC0) != 0x80;
	return w;
}

/* The bytes of s's next line of at most width cells (width > 0): up to
 * the last space that fits (for a key list only one after a comma, so
 * "k (map)" stays whole), cut at width only when no space does. *next
 * gets where the line after it starts. */
static size_t
wrap(const char *s, int width, bool keys, const char **next)
{
	size_t i, brk = 0;
	int w = 0;

	for (i = 0; s[i]; i++) {
		if (s[i] == ' ' && (!keys || (i && s[i - 1] == ',')))
			brk = i;
		if ((s[i] & 0xC0) != 0x80 && w++ == width)
			break;
	}
	if (s[i] && brk)
		i = brk;
	for (*next = s + i; **next == ' '; (*next)++)
		;
	return i;
}

/* The widest key list and the widest description, in cells. */
static void
help_widest(int *key_w, int *text_w)
{
	char keys[160];

	*key_w = *text_w = 0;
	for (size_t i = 0; i < help_nr_lines(); i++) {
		const char *text = help_line(i, keys, sizeof(keys));
		int kw = cells(keys, strlen(keys)), tw = cells(text, strlen(text));

		*key_w = kw > *key_w ? kw : *key_w;
		*text_w = tw > *text_w ? tw : *text_w;
	}
}

/* Where the overlay's two columns go and how wide they are. */
struct help_cols {
	int x;		/* the key column */
	int key_w;
	int text_x;	/* the description column */
	int text_w;
	int full_w;	/* both, for the mouse line */
};

/* The key column at full_w: what the widest description leaves, but at
 * least a third; then only as wide as the widest line of the key lists
 * wrapped at that, so the long lists break between keys. */
static void
help_columns(struct help_cols *hc, int x, int full_w)
{
	int cap, key_max, text_max;
	char keys[160];

	help_widest(&key_max, &text_max);
	cap = full_w - text_max - 2 > full_w / 3 ? full_w - text_max - 2 : full_w / 3;
	if (cap < 1)
		cap = 1;
	hc->key_w = 1;
	for (size_t i = 0; i < help_nr_lines(); i++) {
		const char *k = keys;

		help_line(i, keys, sizeof(keys));
		while (*k) {
			const char *line = k;
			int w = cells(line, wrap(line, cap, true, &k));

			if (w > hc->key_w)
				hc->key_w = w;
		}
	}
	hc->x = x;
	hc->full_w = full_w;
	hc->text_x = x + hc->key_w + 2;
	hc->text_w = full_w - hc->key_w - 2 > 1 ? full_w - hc->key_w - 2 : 1;
}

/* The widest the overlay's text can use: every key list and description
 * on one line, and the mouse line. */
static int
help_full_width(void)
{
	int key_w, text_w, mouse_w = cells(mouse_help, strlen(mouse_help));

	help_widest(&key_w, &text_w);
	return key_w + 2 + text_w > mouse_w ? key_w + 2 + text_w : mouse_w;
}

/* One piece of a line at content row `row`, drawn if that row is among
 * the `rows` shown from `top` (starting at screen row y); c NULL counts. */
static void
help_put(struct canvas *c, long row, long top, int rows, int y, int x,
	 enum role role, const char *s, size_t n)
{
	if (c && row >= top && row < top + rows)
		canvas_printf(c, x, y + (int)(row - top), cells(s, n), role, "%.*s", (int)n, s);
}

/* Lay out every entry, its keys and its description wrapped into their
 * columns and the entry as tall as the taller, then a blank row and the
 * mouse line; draw rows top.. of it at y (c NULL: only count). Returns
 * the number of rows. */
static long
help_rows(struct canvas *c, const struct help_cols *hc, long top, int y, int rows)
{
	const char *m = mouse_help;
	char keys[160];
	long row = 0;

	for (size_t i = 0; i < help_nr_lines(); i++) {
		const char *text = help_line(i, keys, sizeof(keys)), *k = keys;

		for (; *k || *text; row++) {
			const char *line = k;
			size_t n;

			if (*k) {
				n = wrap(line, hc->key_w, true, &k);
				help_put(c, row, top, rows, y, hc->x, ROLE_HELP_KEY, line, n);
			}
			if (*text) {
				line = text;
				n = wrap(line, hc->text_w, false, &text);
				help_put(c, row, top, rows, y, hc->text_x, ROLE_HELP, line, n);
			}
		}
	}
	for (row++; *m; row++) {
		const char *line = m;
		size_t n = wrap(line, hc->full_w, false, &m);

		help_put(c, row, top, rows, y, hc->x, ROLE_HELP, line, n);
	}
	return row;
}

void
help_draw(struct canvas *c, int sw, int sh, long *top)
{
	int full = help_full_width();
	int w = sw - 4 < full + 4 ? sw - 4 : full + 4, h, rows;
	struct help_cols hc;
	struct rect r;
	long n;

	if (w < 8 || sh < 6)
		return;
	help_columns(&hc, (sw - w) / 2 + 2, w - 4);
	n = help_rows(NULL, &hc, 0, 0, 0);
	h = sh - 4 < n + 2 ? sh - 4 : (int)n + 2;
	rows = h - 2;
	r = (struct rect){ (sw - w) / 2, (sh - h) / 2, w, h };
	if (*top > n - rows)
		*top = n - rows;
	if (*top < 0)
		*top = 0;
	canvas_fill(c, r, ' ', ROLE_HELP);
	canvas_box(c, r, ROLE_BORDER_FOCUS, ROLE_TITLE_FOCUS, "Help: keys (Escape closes)");
	if (n > rows)
		canvas_printf(c, r.x + 2, r.y + r.h - 1, r.w - 4, ROLE_TITLE_FOCUS,
			      " rows %ld-%ld of %ld; scroll: Up/Down, PageUp/PageDown, g/G ",
			      *top + 1, *top + rows, n);
	canvas_clip(c, (struct rect){ r.x + 1, r.y + 1, r.w - 2, r.h - 2 });
	help_rows(c, &hc, *top, r.y + 1, rows);
	canvas_unclip(c);
}
