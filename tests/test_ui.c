/*
 * test_ui.c - the front end without a terminal: the built-in machine is
 * replayed, the whole screen is rendered into a canvas at 80x24, 200x60
 * and below the minimum, and the text a person would read is checked.
 * Also the binding table (lookup by context, the man page key list).
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"
#include "canvas.h"
#include "engine.h"
#include "keys.h"
#include "machine_xml.h"
#include "screen.h"
#include "theme.h"
#include "xalloc.h"

struct fixture {
	struct engine *e;
	struct app a;
	struct screen s;
	struct canvas *c;
};

static int
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

static int
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
static char *
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

static void
assert_frame_has(struct fixture *f, const char *what)
{
	char *t = frame_text(f);

	if (!strstr(t, what))
		fail_msg("'%s' not on screen:\n%s", what, t);
	free(t);
}

static void
test_first_frame(void **state)
{
	struct fixture *f = *state;
	char want[64];

	snprintf(want, sizeof(want), "step 1/%zu", engine_nr_steps(f->e));
	assert_frame_has(f, want);
	assert_frame_has(f, "E820");
	assert_frame_has(f, "buddy");
	assert_frame_has(f, "Physical map");
	assert_frame_has(f, "e820 table");
	assert_frame_has(f, "e820__memory_setup():");
	assert_frame_has(f, "? help");
	assert_frame_has(f, "[mem 0x0000000000100000-0x000000007ffdffff] usable");
}

static void
test_step_and_back(void **state)
{
	struct fixture *f = *state;
	char *first = frame_text(f), *again;

	assert_int_equal(screen_action(&f->s, ACT_NEXT) & H_REDRAW, H_REDRAW);
	assert_frame_has(f, "step 2/");
	screen_action(&f->s, ACT_NEXT);
	assert_frame_has(f, "step 3/");
	screen_action(&f->s, ACT_PREV);
	screen_action(&f->s, ACT_PREV);
	again = frame_text(f);
	assert_string_equal(first, again);
	free(first);
	free(again);
}

static void
test_phase_jump(void **state)
{
	struct fixture *f = *state;
	char want[64];

	screen_action(&f->s, ACT_NEXT_PHASE);
	assert_int_equal(f->a.st->phase, PHASE_MEMBLOCK);
	assert_int_equal(f->a.step, engine_phase_first(f->e, PHASE_MEMBLOCK));
	assert_frame_has(f, "memblock view");
	screen_action(&f->s, ACT_LAST);
	snprintf(want, sizeof(want), "step %zu/%zu", engine_nr_steps(f->e), engine_nr_steps(f->e));
	assert_frame_has(f, want);
	assert_frame_has(f, "buddy view");
	screen_action(&f->s, ACT_PANEL_FREE);
	assert_frame_has(f, "free lists");
	assert_frame_has(f, "DMA32");
	screen_action(&f->s, ACT_PREV_PHASE);
	assert_int_equal(f->a.step, engine_phase_first(f->e, PHASE_BUDDY));
	screen_action(&f->s, ACT_FIRST);
	assert_int_equal(f->a.step, 0);
}

static void
test_tabs_and_focus(void **state)
{
	struct fixture *f = *state;

	screen_action(&f->s, ACT_PANEL_MEMBLOCK);
	assert_frame_has(f, "memblock memory[] / reserved[]");
	screen_action(&f->s, ACT_PANEL_SECTIONS);
	assert_frame_has(f, "No sections yet");
	screen_action(&f->s, ACT_PANEL_LOG);
	assert_frame_has(f, "kernel log");
	assert_frame_has(f, "BIOS-e820");
	screen_action(&f->s, ACT_FOCUS_NEXT);
	assert_int_equal(f->s.focus, V_MAP);
	assert_int_equal(screen_key_ctx(&f->s), CTX_MAP);
	screen_action(&f->s, ACT_FOCUS_NEXT);
	assert_int_equal(f->s.focus, V_E820);
	assert_int_equal(screen_key_ctx(&f->s), CTX_PANEL);
}

static void
test_help_and_small(void **state)
{
	struct fixture *f = *state;

	screen_action(&f->s, ACT_HELP);
	assert_frame_has(f, "Help: keys");
	assert_frame_has(f, "next step");
	screen_action(&f->s, ACT_CLOSE);
	assert_false(f->s.help);
	canvas_resize(f->c, 60, 20);
	screen_layout(&f->s, 60, 20);
	assert_frame_has(f, "Terminal too small: need 80x24, have 60x20");
	canvas_resize(f->c, 200, 60);
	screen_layout(&f->s, 200, 60);
	assert_int_equal(f->s.layout, LAYOUT_LARGE);
	assert_frame_has(f, "free lists");
	assert_frame_has(f, "kernel log");
	assert_frame_has(f, "Physical map");
}

static void
test_map_zoom_goto(void **state)
{
	struct fixture *f = *state;

	assert_frame_has(f, "1 cell = 16 MiB");
	screen_action(&f->s, ACT_ZOOM_IN);
	assert_frame_has(f, "1 cell = 8 MiB (zoomed)");
	screen_action(&f->s, ACT_GOTO);
	for (const char *p = "16M"; *p; p++)
		screen_prompt_input(&f->s, *p);
	screen_prompt_input(&f->s, PROMPT_ENTER);
	assert_int_equal(f->a.cursor_pfn, 0x1000);
	assert_int_equal(f->s.focus, V_MAP);
	screen_action(&f->s, ACT_GOTO);
	for (const char *p = "pfn 0x7fe00"; *p; p++)
		screen_prompt_input(&f->s, *p);
	screen_prompt_input(&f->s, PROMPT_ENTER);
	assert_int_equal(f->a.cursor_pfn, 0x7fe00);
	screen_action(&f->s, ACT_GOTO);
	screen_prompt_input(&f->s, 'x');
	screen_prompt_input(&f->s, PROMPT_ENTER);
	assert_frame_has(f, "is not an address");
	for (int i = 0; i < 40; i++)
		screen_action(&f->s, ACT_ZOOM_IN);
	assert_frame_has(f, "1 cell = 4 KiB");
	screen_action(&f->s, ACT_RIGHT);
	assert_int_equal(f->a.cursor_pfn, 0x7fe01);
}

static void
test_animation(void **state)
{
	struct fixture *f = *state;
	size_t big = 0;

	for (size_t i = 1; i < engine_nr_steps(f->e); i++)
		if (engine_step(f->e, i)->nr_touched > engine_step(f->e, big)->nr_touched)
			big = i;
	assert_true(engine_step(f->e, big)->nr_touched > 1);
	app_goto(&f->a, big - 1, false);
	screen_action(&f->s, ACT_NEXT);
	assert_true(app_animating(&f->a));
	assert_true(screen_timeout_ms(&f->s) > 0);
	for (int i = 0; i < APP_ANIM_FRAMES + 1 && app_animating(&f->a); i++)
		screen_tick(&f->s);
	assert_false(app_animating(&f->a));
	/* jumping never waits for an animation */
	screen_action(&f->s, ACT_PREV);
	screen_action(&f->s, ACT_NEXT);
	screen_action(&f->s, ACT_LAST);
	assert_false(app_animating(&f->a));
}

static void
test_keys(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup("Space", CTX_ANY), ACT_NEXT);
	assert_int_equal(keys_lookup("Right", CTX_PANEL), ACT_NEXT);
	assert_int_equal(keys_lookup("Right", CTX_MAP), ACT_RIGHT);
	assert_int_equal(keys_lookup("l", CTX_MAP), ACT_RIGHT);
	assert_int_equal(keys_lookup("Backspace", CTX_MAP), ACT_PREV);
	assert_int_equal(keys_lookup("G", CTX_ANY), ACT_LAST);
	assert_int_equal(keys_lookup("q", CTX_MAP), ACT_QUIT);
	assert_int_equal(keys_lookup("x", CTX_ANY), ACT_NONE);
}

/* doc/keys.roff, included by the man page, is the table's own output. */
static void
test_keys_man(void **state)
{
	const char *src = getenv("MEMBOOT_SRCDIR");
	char path[4096], *want, *got = NULL;
	size_t got_len = 0;
	FILE *f, *mem;
	long n;

	(void)state;
	snprintf(path, sizeof(path), "%s/doc/keys.roff", src ? src : ".");
	mem = open_memstream(&got, &got_len);
	keys_write_man(mem);
	fclose(mem);
	if (getenv("MEMBOOT_REGENERATE")) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	}
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	want = xcalloc(1, (size_t)n + 1);
	assert_int_equal(fread(want, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_string_equal(want, got);
	free(want);
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_and_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phase_jump, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tabs_and_focus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_and_small, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_zoom_goto, setup, teardown),
		cmocka_unit_test_setup_teardown(test_animation, setup, teardown),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_keys_man),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
