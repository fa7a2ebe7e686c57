/*
 * app.h - what every view reads: the engine, the current step, the state
 * before it (to mark what changed), the animation progress and the map
 * cursor, which the goto prompt and the mouse also move.
 */
#ifndef MEMBOOT_APP_H
#define MEMBOOT_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "fmt.h"

struct app {
	struct engine *e;
	size_t step;				/* current step */
	const struct boot_step *st;		/* engine_step(step) */
	const struct boot_state *prev;		/* state before it, NULL at step 0 */
	size_t anim_shown;			/* touched ranges already shown */
	unsigned page_shift;
	uint64_t nr_pfns;			/* pfns the map shows */
	uint64_t cursor_pfn;
	bool cursor_moved;			/* the map must scroll to it */
	long log_mark;				/* log line found by the last search, -1 */
	unsigned log_mark_seq;			/* bumped by each find: the log scrolls to it */
};

/* Set up for an engine (step 0, no animation). */
void app_init(struct app *a, struct engine *e);

/* Go to step i (clamped); animate: reveal its touched ranges one by one
 * instead of all at once. Returns true when the step changed. */
bool app_goto(struct app *a, size_t i, bool animate);

/* Is the current step still revealing touched ranges? */
bool app_animating(const struct app *a);

/* Reveal the next group of touched ranges; false when complete. The
 * groups are sized so any step animates in at most APP_ANIM_FRAMES. */
#define APP_ANIM_FRAMES 12
bool app_anim_advance(struct app *a);

/* Finish any animation at once. */
void app_anim_finish(struct app *a);

#endif
