/* help.c - the key list of the help overlay and the man page (help.h). */
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
