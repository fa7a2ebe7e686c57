/*
 * app.c - stepping and animation bookkeeping. A step's animation only
 * counts how many of its touched ranges are shown; views draw the ranges
 * not yet shown from the previous state, so the picture "lands" range by
 * range. Jumping finishes the animation first, so it never waits.
 */
#include "app.h"

void
app_init(struct app *a, struct engine *e)
{
	const struct machine *m = engine_machine(e);

	a->e = e;
	a->page_shift = m->build.page_shift ? m->build.page_shift : 12;
	a->nr_pfns = (engine_phys_end(e) + (1ull << a->page_shift) - 1) >> a->page_shift;
	if (!a->nr_pfns)
		a->nr_pfns = 1;
	a->cursor_pfn = 0;
	a->cursor_moved = true;
	a->log_mark = -1;
	a->log_mark_seq = 0;
	a->step = (size_t)-1;
	app_goto(a, 0, false);
}

bool
app_goto(struct app *a, size_t i, bool animate)
{
	size_t n = engine_nr_steps(a->e);

	if (i >= n)
		i = n ? n - 1 : 0;
	if (i == a->step) {
		app_anim_finish(a);
		return false;
	}
	a->step = engine_goto(a->e, i);
	a->st = engine_step(a->e, a->step);
	a->prev = a->step ? &engine_step(a->e, a->step - 1)->state : NULL;
	a->anim_shown = animate && a->st->nr_touched > 1 ? 0 : a->st->nr_touched;
	return true;
}

bool
app_animating(const struct app *a)
{
	return a->anim_shown < a->st->nr_touched;
}

bool
app_anim_advance(struct app *a)
{
	size_t n = a->st->nr_touched;
	size_t group = (n + APP_ANIM_FRAMES - 1) / APP_ANIM_FRAMES;

	if (a->anim_shown >= n)
		return false;
	a->anim_shown += group ? group : 1;
	if (a->anim_shown > n)
		a->anim_shown = n;
	return a->anim_shown < n;
}

void
app_anim_finish(struct app *a)
{
	a->anim_shown = a->st->nr_touched;
}
