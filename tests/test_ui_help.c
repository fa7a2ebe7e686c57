/*
 * test_ui_help.c - the help overlay and the key bindings without a
 * terminal: the overlay read whole (every key and word of every entry, no
 * line cut at the box edge, the last entry reachable by scrolling) at
 * 80x24, 120x40 and 200x60, a terminal below the minimum, the binding
 * table (lookup by context) and the man page's key list (doc/keys.roff).
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

#include "help.h"
#include "keys.h"
#include "ui_fixture.h"
#include "xalloc.h"

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

/* The help overlay's frame on the canvas, found by its title. */
static struct rect
help_box(const struct canvas *c)
{
	static const char title[] = " Help: keys";
	struct rect r = { 0, 0, 0, 0 };

	for (int y = 0; y < c->h; y++)
		for (int x = 0; x + 12 < c->w; x++) {
			int k = 0;

			if (canvas_at(c, x, y)->ch != 0x250C)
				continue;
			while (title[k] && canvas_at(c, x + 1 + k, y)->ch == (uint32_t)title[k])
				k++;
			if (title[k])
				continue;
			r.x = x;
			r.y = y;
			for (r.w = 1; x + r.w < c->w && canvas_at(c, x + r.w, y)->ch != 0x2510; r.w++)
				;
			for (r.h = 1; y + r.h < c->h && canvas_at(c, x, y + r.h)->ch != 0x2514; r.h++)
				;
			r.w++;
			r.h++;
			return r;
		}
	fail_msg("no help overlay on the canvas");
	return r;
}

/* Row y of the box's inside (its help text is ASCII); the right padding
 * column must be blank, or the text ran into the frame. */
static void
help_row(const struct canvas *c, struct rect r, int y, char *buf)
{
	int n = 0;

	for (int x = r.x + 1; x < r.x + r.w - 1; x++) {
		uint32_t ch = canvas_at(c, x, y)->ch;

		buf[n++] = ch < 128 ? (char)ch : '?';
	}
	buf[n++] = '\n';
	buf[n] = '\0';
	assert_int_equal(canvas_at(c, r.x + r.w - 2, y)->ch, ' ');
}

/* How many whitespace-separated words of s are word. */
static int
count_word(const char *s, const char *word)
{
	size_t len = strlen(word);
	int n = 0;

	while (*s) {
		size_t k = strcspn(s, " \n");

		n += k == len && strncmp(s, word, len) == 0;
		s += k;
		s += strspn(s, " \n");
	}
	return n;
}

/* At w x h, every word of every help entry's keys and description is on
 * some row of the overlay, whole and as often as in the list, the rows
 * read by scrolling down one at a time to the end; returns the rows
 * scrolled. The last entry is on the final screen, and g/G go to the
 * top and back to the end. */
static long
check_help_readable(struct fixture *f, int w, int h)
{
	size_t cap = 1 << 16, len = 0;
	char *seen = xcalloc(1, cap), *want = xcalloc(1, cap), *t, keys[160], row[256];
	struct rect r;
	long prev, end;

	canvas_resize(f->c, w, h);
	screen_layout(&f->s, w, h);
	screen_action(&f->s, ACT_HELP);
	screen_draw(&f->s, f->c);
	r = help_box(f->c);
	assert_true(r.w - 2 < (int)sizeof(row) - 2);
	for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
		help_row(f->c, r, y, row);
		len += strlen(row);
		assert_true(len < cap);
		strcat(seen, row);
	}
	do {
		prev = f->s.help_top;
		screen_action(&f->s, ACT_DOWN);
		screen_draw(&f->s, f->c);
		if (f->s.help_top == prev)
			break;
		help_row(f->c, r, r.y + r.h - 2, row);
		len += strlen(row);
		assert_true(len < cap);
		strcat(seen, row);
	} while (prev < 1000);
	end = f->s.help_top;
	for (size_t i = 0; i < help_nr_lines(); i++) {
		const char *text = help_line(i, keys, sizeof(keys));

		strcat(want, keys);
		strcat(want, " ");
		strcat(want, text);
		strcat(want, "\n");
	}
	for (t = want; *t; t += strspn(t, " \n")) {
		size_t k = strcspn(t, " \n");
		char word[64];

		snprintf(word, sizeof(word), "%.*s", (int)k, t);
		if (count_word(seen, word) < count_word(want, word))
			fail_msg("at %dx%d the help shows '%s' %d times, the list has it %d times:\n%s",
				 w, h, word, count_word(seen, word), count_word(want, word), seen);
		t += k;
	}
	help_line(help_nr_lines() - 1, keys, sizeof(keys));
	assert_frame_has(f, keys);
	assert_frame_has(f, "scrolls a panel.");
	screen_action(&f->s, ACT_FIRST);
	assert_int_equal(f->s.help_top, 0);
	screen_action(&f->s, ACT_LAST);
	screen_draw(&f->s, f->c);
	assert_int_equal(f->s.help_top, end);
	screen_action(&f->s, ACT_CLOSE);
	free(seen);
	free(want);
	return end;
}

/* The help is readable at every size: at 80x24 and 120x40 it is longer
 * than the screen and scrolls (the bottom edge says so), at 200x60 it
 * fits. */
static void
test_help_readable(void **state)
{
	struct fixture *f = *state;

	assert_true(check_help_readable(f, 80, 24) > 0);
	assert_true(check_help_readable(f, 120, 40) > 0);
	screen_action(&f->s, ACT_HELP);
	assert_frame_has(f, "scroll: Up/Down");
	screen_action(&f->s, ACT_CLOSE);
	assert_int_equal(check_help_readable(f, 200, 60), 0);
	screen_action(&f->s, ACT_HELP);
	assert_frame_lacks(f, "scroll: Up/Down");
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
	help_write_man(mem);
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
		cmocka_unit_test_setup_teardown(test_help_and_small, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_readable, setup, teardown),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_keys_man),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
