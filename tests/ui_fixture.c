/* ui_fixture.c - see ui_fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "machine_xml.h"
#include "theme.h"
#include "ui_fixture.h"
#include "xalloc.h"

int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct machine m;
	struct diag err = { 0 };

	theme_set(COLOUR_256, true);
	assert_int_equal(machine_parse_builtin(&m, &err), 0);
	f->e = engine_new(&m, &err);
	machine_release(&m);
	assert_non_null(f->e);
	app_init(&f->a, f->e);
	screen_init(&f->s, &f->a);
	f->c = canvas_new(80, 24);
	screen_layout(&f->s, 80, 24);
	*state = f;
	return 0;
}

int
teardown(void **state)
{
	struct fixture *f = *state;

	screen_release(&f->s);
	canvas_free(f->c);
	engine_free(f->e);
	free(f);
	return 0;
}

/* The whole canvas as one string (caller frees). */
char *
frame_text(struct fixture *f)
{
	size_t len = (size_t)f->c->w * 4 + 2, total = len * f->c->h + 1;
	char *out = xcalloc(1, total), *line = xmalloc(len);

	screen_draw(&f->s, f->c);
	for (int y = 0; y < f->c->h; y++) {
		canvas_row_text(f->c, y, line, len);
		strcat(out, line);
		strcat(out, "\n");
	}
	free(line);
	return out;
}

void
assert_frame_has(struct fixture *f, const char *what)
{
	char *t = frame_text(f);

	if (!strstr(t, what))
		fail_msg("'%s' not on screen:\n%s", what, t);
	free(t);
}

void
assert_frame_lacks(struct fixture *f, const char *what)
{
	char *t = frame_text(f);

	if (strstr(t, what))
		fail_msg("'%s' on screen:\n%s", what, t);
	free(t);
}
