/*
 * ui_fixture.h - the terminal UI without a terminal, shared by test_ui.c
 * and test_ui_help.c: the built-in machine replayed into an app and a
 * screen drawn into a canvas (80x24 at setup), and the frame read as text.
 */
#ifndef MEMBOOT_UI_FIXTURE_H
#define MEMBOOT_UI_FIXTURE_H

#include "app.h"
#include "canvas.h"
#include "engine.h"
#include "screen.h"

struct fixture {
	struct engine *e;
	struct app a;
	struct screen s;
	struct canvas *c;
};

/* cmocka setup and teardown: *state is a struct fixture */
int setup(void **state);
int teardown(void **state);
/* The whole canvas as one string (caller frees). */
char *frame_text(struct fixture *f);
void assert_frame_has(struct fixture *f, const char *what);
void assert_frame_lacks(struct fixture *f, const char *what);

#endif
