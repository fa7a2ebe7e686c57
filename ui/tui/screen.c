/*
 * screen.c - layout, focus, overlays and stepping. Views only see
 * actions; this module decides which view an action goes to: step and
 * phase actions move the app, zoom and the memmap colouring go to the
 * map whatever has focus, cursor and scroll actions to the focused view.
 * Where a view goes, whether it is a tab, what the panel shows in each
 * phase and the focus order are read from the view registry.
 */
#include "screen.h"

#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "views.h"
#include "xalloc.h"

static const int play_delay_ms[] = { 4000, 2000, 1000, 500, 250, 100 };
#define NR_SPEEDS ((int)(sizeof(play_delay_ms) / sizeof(play_delay_ms[0])))
#define ANIM_FRAME_MS 60

static enum view_place
place(int v)
{
	return views_get(v)->place;
}

/* The first of the views placed in the panel. */
static int
first_panel(void)
{
	int i = 0;

	while (place(i) != PLACE_PANEL)
		i++;
	return i;
}

void
screen_init(struct screen *s, struct app *a)
{
	memset(s, 0, sizeof(*s));
	s->app = a;
	s->views = xcalloc((size_t)views_count(), sizeof(*s->views));
	for (int i = 0; i < views_count(); i++) {
		s->views[i] = view_new(views_get(i));
		if (place(i) == PLACE_MAP)
			s->map = i;
	}
	s->focus = s->map;
	s->panel = first_panel();
	s->speed = 2;
}

void
screen_release(struct screen *s)
{
	for (int i = 0; i < views_count(); i++)
		view_free(s->views[i]);
	free(s->views);
}

/* Can view v be the one the panel shows? Tabbed: any view but the map;
 * large: the views placed in the panel. */
static bool
in_panel(const struct screen *s, int v)
{
	return s->layout == LAYOUT_LARGE ? place(v) == PLACE_PANEL : place(v) != PLACE_MAP;
}

static bool
visible(const struct screen *s, int v)
{
	if (s->layout == LAYOUT_TOO_SMALL)
		return false;
	return in_panel(s, v) ? v == s->panel : place(v) != PLACE_PANEL;
}

static int
nr_phases(unsigned phases)
{
	int n = 0;

	for (; phases; phases &= phases - 1)
		n++;
	return n;
}

/* The view for the panel in this phase: of those that can be the panel
 * and explain it, the most particular (the fewest phases); -1 if none. */
static int
phase_view(const struct screen *s)
{
	unsigned bit = PHASE_BIT(s->app->st->phase);
	int best = -1;

	for (int i = 0; i < views_count(); i++) {
		const struct view_desc *d = views_get(i);

		if (!(d->phases & bit) || !in_panel(s, i))
			continue;
		if (best < 0 || nr_phases(d->phases) < nr_phases(views_get(best)->phases))
			best = i;
	}
	return best;
}

/* The view that suits the phase, while the user has not picked one. */
static void
follow_phase(struct screen *s)
{
	int want = phase_view(s);

	if (s->panel_pinned || want < 0)
		return;
	if (s->focus == s->panel)
		s->focus = want;
	s->panel = want;
}

void
screen_layout(struct screen *s, int w, int h)
{
	int body = h - 4;

	s->w = w;
	s->h = h;
	for (int i = 0; i < views_count(); i++)
		s->views[i]->r = (struct rect){ 0, 0, 0, 0 };
	if (w < SCREEN_MIN_W || h < SCREEN_MIN_H) {
		s->layout = LAYOUT_TOO_SMALL;
		return;
	}
	if (w >= SCREEN_LARGE_W && h >= SCREEN_LARGE_H) {
		int lw = w * 11 / 20, mh = body * 3 / 5, th = body / 2;
		const struct rect at[] = {
			[PLACE_MAP] = { 0, 1, lw, mh },
			[PLACE_PANEL] = { lw, 1, w - lw, th },
			[PLACE_BELOW_PANEL] = { lw, 1 + th, w - lw, body - th },
			[PLACE_BELOW_MAP] = { 0, 1 + mh, lw, body - mh },
		};

		s->layout = LAYOUT_LARGE;
		for (int i = 0; i < views_count(); i++)
			s->views[i]->r = at[place(i)];
		/* a tab with a place of its own here: the panel follows the boot */
		if (!in_panel(s, s->panel)) {
			s->panel_pinned = false;
			s->panel = first_panel();
			follow_phase(s);
		}
	} else {
		int mh = body / 2 + 1;

		s->layout = LAYOUT_TABBED;
		for (int i = 0; i < views_count(); i++)
			s->views[i]->r = place(i) == PLACE_MAP ? (struct rect){ 0, 1, w, mh } :
					 (struct rect){ 0, 1 + mh, w, body - mh };
	}
	if (!visible(s, s->focus))
		s->focus = s->map;
}

/* ---------------------------------------------------------- drawing */

static void
draw_timeline(struct screen *s, struct canvas *c)
{
	const struct app *a = s->app;
	int x = 1;
	char right[96];

	canvas_fill(c, (struct rect){ 0, 0, s->w, 1 }, ' ', ROLE_DEFAULT);
	for (int p = 0; p < PHASE_COUNT; p++) {
		enum role r = p == (int)a->st->phase ? ROLE_PHASE_CURRENT :
			      p < (int)a->st->phase ? ROLE_PHASE_DONE : ROLE_PHASE;

		if (p) {
			canvas_put(c, x, 0, theme_glyph(GLYPH_ARROW), ROLE_DIM);
			x++;
		}
		canvas_put(c, x, 0, ' ', r);
		x += 1 + canvas_text(c, x + 1, 0, 20, r, phase_name((enum boot_phase)p));
		canvas_put(c, x, 0, ' ', r);
		x++;
	}
	if (s->playing)
		snprintf(right, sizeof(right), "play %.2gs/step  step %zu/%zu",
			 play_delay_ms[s->speed] / 1000.0, a->step + 1, engine_nr_steps(a->e));
	else
		snprintf(right, sizeof(right), "%.20s  step %zu/%zu",
			 engine_machine(a->e)->name ? engine_machine(a->e)->name : "",
			 a->step + 1, engine_nr_steps(a->e));
	x = s->w - (int)strlen(right) - 1;
	if (s->playing)
		canvas_put(c, x - 2, 0, theme_glyph(GLYPH_PLAY), ROLE_STEP);
	canvas_text(c, x, 0, (int)strlen(right), ROLE_STEP, right);
}

/* Word-wrap text into lines of width w at (x, y); returns lines used. */
static int
wrap_text(struct canvas *c, int x, int y, int w, int maxlines, int first_x, enum role role,
	  const char *text)
{
	int line = 0, col = first_x;
	const char *p = text;

	while (*p && line < maxlines) {
		const char *e = p;
		int n;

		while (*e && *e != ' ')
			e++;
		n = (int)(e - p);
		if (col > 0 && col + n > w) {
			line++;
			col = 0;
			if (line >= maxlines)
				break;
		}
		char word[256];

		snprintf(word, sizeof(word), "%.*s", n < 255 ? n : 255, p);
		col += canvas_text(c, x + col, y + line, w - col, role, word);
		if (*e == ' ' && col < w)
			col++;
		p = *e ? e + 1 : e;
	}
	/* text left over: say so at the end of the last line */
	if (*p && w > 3)
		canvas_text(c, x + w - 3, y + maxlines - 1, 3, role, "...");
	return line + 1;
}

static void
draw_narration(struct screen *s, struct canvas *c)
{
	const struct boot_step *st = s->app->st;
	int y = s->h - 3, n;
	char fn[96];

	canvas_fill(c, (struct rect){ 0, y, s->w, 2 }, ' ', ROLE_DEFAULT);
	snprintf(fn, sizeof(fn), "%s():", st->function);
	n = canvas_text(c, 1, y, s->w - 2, ROLE_FUNCTION, fn);
	wrap_text(c, 1, y, s->w - 2, 2, n + 1, ROLE_NARRATION, st->narration);
}

static void
draw_hint(struct screen *s, struct canvas *c)
{
	int y = s->h - 1;
	char buf[256];

	canvas_fill(c, (struct rect){ 0, y, s->w, 1 }, ' ', ROLE_HINT);
	if (s->prompt) {
		int n = canvas_text(c, 0, y, s->w, ROLE_PROMPT, s->prompt == PROMPT_FIND ?
				    " Find in the kernel log: " :
				    " Go to address (0x1000000, 16M) or pfn (pfn 0x1000): ");

		n += canvas_text(c, n, y, s->w - n, ROLE_PROMPT, s->input);
		canvas_put(c, n, y, '_', ROLE_PROMPT);
		return;
	}
	if (s->message[0]) {
		canvas_text(c, 1, y, s->w - 1, ROLE_HINT_KEY, s->message);
		return;
	}
	keys_hint_line(buf, sizeof(buf));
	/* whole hints only: cut at the last gap between two that fits */
	if (s->w > 1 && strlen(buf) > (size_t)(s->w - 1)) {
		char *gap = NULL;

		for (char *p = strstr(buf, "  "); p && p - buf <= s->w - 1; p = strstr(p + 2, "  "))
			gap = p;
		if (gap)
			*gap = '\0';
	}
	/* keys bright, labels plain: a key is the word before each label */
	int x = 1;
	bool key = true;

	for (const char *p = buf; *p && x < s->w; p++) {
		if (*p == ' ') {
			key = !key || p[1] == ' ';
			if (p[1] == ' ')
				key = true;
		}
		canvas_put(c, x++, y, (uint32_t)(unsigned char)*p, key && *p != ' ' ? ROLE_HINT_KEY : ROLE_HINT);
	}
}

void
screen_draw(struct screen *s, struct canvas *c)
{
	canvas_clear(c);
	if (s->layout == LAYOUT_TOO_SMALL) {
		char msg[128];
		int len;

		len = snprintf(msg, sizeof(msg), "Terminal too small: need %dx%d, have %dx%d",
			       SCREEN_MIN_W, SCREEN_MIN_H, s->w, s->h);
		if (len > s->w)
			len = snprintf(msg, sizeof(msg), "need %dx%d", SCREEN_MIN_W, SCREEN_MIN_H);
		canvas_text(c, (s->w - len) / 2 > 0 ? (s->w - len) / 2 : 0, s->h / 2, s->w,
			    ROLE_ERROR, msg);
		return;
	}
	follow_phase(s);
	for (int i = 0; i < views_count(); i++) {
		s->views[i]->focused = i == s->focus;
		if (visible(s, i))
			s->views[i]->ops->draw(s->views[i], c, s->app);
	}
	if (s->layout == LAYOUT_TABBED) {
		/* the tabs' keys, in the panel's top edge after its title */
		struct rect r = s->views[s->panel]->r;
		int x = r.x + r.w - 1, w;

		for (int t = 0; t < views_count(); t++)
			if (in_panel(s, t))
				x -= (int)strlen(views_get(t)->key) + 3;
		for (int t = 0; t < views_count(); t++) {
			if (!in_panel(s, t))
				continue;
			w = (int)strlen(views_get(t)->key) + 3;
			canvas_printf(c, x, r.y, w, t == s->panel ? ROLE_TITLE_FOCUS : ROLE_DIM, " %s ",
				      views_get(t)->key);
			x += w;
		}
	}
	s->app->cursor_moved = false;
	draw_timeline(s, c);
	draw_narration(s, c);
	draw_hint(s, c);
	if (s->help)
		help_draw(c, s->w, s->h, &s->help_top);
}

/* ---------------------------------------------------------- actions */

enum key_ctx
screen_key_ctx(const struct screen *s)
{
	if (s->help)
		return CTX_PANEL;
	return s->views[s->focus]->ops->ctx;
}

static void
step_changed(struct screen *s)
{
	for (int i = 0; i < views_count(); i++)
		if (s->views[i]->ops->step_changed)
			s->views[i]->ops->step_changed(s->views[i], s->app);
}

int
screen_go(struct screen *s, size_t step, bool animate)
{
	if (!app_goto(s->app, step, animate))
		return H_HANDLED | H_REDRAW;
	follow_phase(s);
	step_changed(s);
	return H_HANDLED | H_REDRAW;
}

static int
phase_jump(struct screen *s, int dir)
{
	const struct app *a = s->app;
	int ph = (int)a->st->phase;

	if (dir > 0) {
		for (int p = ph + 1; p < PHASE_COUNT; p++) {
			size_t f = engine_phase_first(a->e, (enum boot_phase)p);

			if (f < engine_nr_steps(a->e))
				return screen_go(s, f, false);
		}
		return screen_go(s, engine_nr_steps(a->e) - 1, false);
	}
	/* back: to this phase's first step, or the previous phase's if there */
	size_t f = engine_phase_first(a->e, (enum boot_phase)ph);

	if (f < a->step)
		return screen_go(s, f, false);
	for (int p = ph - 1; p >= 0; p--) {
		f = engine_phase_first(a->e, (enum boot_phase)p);
		if (f < engine_nr_steps(a->e))
			return screen_go(s, f, false);
	}
	return screen_go(s, 0, false);
}

/* The views Tab visits, in registry order; in the large layout the
 * panel's views count once, as the one shown. */
static int
focus_order(const struct screen *s, int *order)
{
	bool panel = false;
	int n = 0;

	for (int i = 0; i < views_count(); i++) {
		if (s->layout != LAYOUT_LARGE || place(i) != PLACE_PANEL)
			order[n++] = i;
		else if (!panel)
			order[n++] = s->panel;
		if (s->layout == LAYOUT_LARGE && place(i) == PLACE_PANEL)
			panel = true;
	}
	return n;
}

static void
cycle_focus(struct screen *s, int dir)
{
	int *order = xcalloc((size_t)views_count(), sizeof(*order));
	int n = focus_order(s, order), cur = 0;

	for (int i = 0; i < n; i++)
		if (order[i] == s->focus)
			cur = i;
	s->focus = order[(cur + dir + n) % n];
	if (s->layout != LAYOUT_LARGE && s->focus != s->map) {
		s->panel = s->focus;
		s->panel_pinned = true;
	}
	free(order);
}

int
screen_show_view(struct screen *s, int v)
{
	if (!in_panel(s, v)) {
		s->focus = v;
		return H_HANDLED | H_REDRAW;
	}
	s->panel = v;
	s->panel_pinned = true;
	s->focus = v;
	return H_HANDLED | H_REDRAW;
}

int
screen_key(struct screen *s, const char *key)
{
	int v = s->help ? -1 : views_by_key(key);

	if (v < 0)
		return screen_action(s, keys_lookup(key, screen_key_ctx(s)));
	s->message[0] = '\0';
	app_anim_finish(s->app);
	return screen_show_view(s, v);
}

int
screen_action(struct screen *s, enum action act)
{
	struct app *a = s->app;
	struct view *fv = s->views[s->focus];
	int r;

	s->message[0] = '\0';
	if (s->help) {
		switch (act) {
		case ACT_UP: s->help_top--; return H_HANDLED | H_REDRAW;
		case ACT_DOWN: s->help_top++; return H_HANDLED | H_REDRAW;
		case ACT_PAGE_UP: s->help_top -= 10; return H_HANDLED | H_REDRAW;
		case ACT_PAGE_DOWN: s->help_top += 10; return H_HANDLED | H_REDRAW;
		case ACT_FIRST: s->help_top = 0; return H_HANDLED | H_REDRAW;
		/* help_draw clamps it to the last screenful */
		case ACT_LAST: s->help_top = LONG_MAX; return H_HANDLED | H_REDRAW;
		case ACT_QUIT: return H_QUIT;
		case ACT_HELP:
		case ACT_CLOSE:
			s->help = false;
			return H_HANDLED | H_REDRAW;
		default:
			return H_HANDLED;
		}
	}
	if (act != ACT_PLAY && act != ACT_FASTER && act != ACT_SLOWER)
		app_anim_finish(a);
	switch (act) {
	case ACT_NEXT:
		return screen_go(s, a->step + 1, true);
	case ACT_PREV:
		return a->step ? screen_go(s, a->step - 1, false) : H_HANDLED;
	case ACT_NEXT_PHASE: return phase_jump(s, 1);
	case ACT_PREV_PHASE: return phase_jump(s, -1);
	case ACT_FIRST: return screen_go(s, 0, false);
	case ACT_LAST: return screen_go(s, engine_nr_steps(a->e) - 1, false);
	case ACT_PLAY:
		s->playing = !s->playing;
		if (s->playing && a->step + 1 >= engine_nr_steps(a->e))
			screen_go(s, 0, false);
		return H_HANDLED | H_REDRAW;
	case ACT_FASTER:
		if (s->speed + 1 < NR_SPEEDS)
			s->speed++;
		snprintf(s->message, sizeof(s->message), "autoplay: %.2g s per step",
			 play_delay_ms[s->speed] / 1000.0);
		return H_HANDLED | H_REDRAW;
	case ACT_SLOWER:
		if (s->speed > 0)
			s->speed--;
		snprintf(s->message, sizeof(s->message), "autoplay: %.2g s per step",
			 play_delay_ms[s->speed] / 1000.0);
		return H_HANDLED | H_REDRAW;
	case ACT_ZOOM_IN:
	case ACT_ZOOM_OUT:
	case ACT_MEMMAP:
		return s->views[s->map]->ops->handle(s->views[s->map], act, a);
	case ACT_FOCUS_NEXT: cycle_focus(s, 1); return H_HANDLED | H_REDRAW;
	case ACT_FOCUS_PREV: cycle_focus(s, -1); return H_HANDLED | H_REDRAW;
	case ACT_GOTO:
		s->prompt = PROMPT_GOTO;
		s->input[0] = '\0';
		return H_HANDLED | H_REDRAW;
	case ACT_FIND:
		s->prompt = PROMPT_FIND;
		s->input[0] = '\0';
		return H_HANDLED | H_REDRAW;
	case ACT_FIND_NEXT:
		return screen_find_next(s);
	case ACT_HELP:
		s->help = true;
		s->help_top = 0;
		return H_HANDLED | H_REDRAW;
	case ACT_CLOSE:
		s->playing = false;
		return H_HANDLED | H_REDRAW;
	case ACT_REDRAW:
		return H_HANDLED | H_REDRAW;
	case ACT_QUIT:
		return H_QUIT;
	default:
		break;
	}
	r = fv->ops->handle(fv, act, a);
	if (r & H_HANDLED)
		return r;
	/* a panel without a use for left/right: step instead */
	if (act == ACT_LEFT)
		return screen_action(s, ACT_PREV);
	if (act == ACT_RIGHT)
		return screen_action(s, ACT_NEXT);
	return H_IGNORED;
}

int
screen_mouse(struct screen *s, enum mouse_kind kind, int x, int y)
{
	if (s->help || s->prompt || s->layout == LAYOUT_TOO_SMALL)
		return H_IGNORED;
	for (int i = 0; i < views_count(); i++) {
		struct view *v = s->views[i];

		if (!visible(s, i) || !rect_contains(v->r, x, y))
			continue;
		if (kind == MOUSE_CLICK)
			s->focus = i;
		if (v->ops->mouse)
			return v->ops->mouse(v, kind, x, y, s->app) | H_REDRAW;
		return H_HANDLED | H_REDRAW;
	}
	return H_IGNORED;
}

int
screen_timeout_ms(const struct screen *s)
{
	if (app_animating(s->app))
		return ANIM_FRAME_MS;
	if (s->playing)
		return play_delay_ms[s->speed];
	return -1;
}

int
screen_tick(struct screen *s)
{
	struct app *a = s->app;

	if (app_animating(a)) {
		app_anim_advance(a);
		return H_REDRAW;
	}
	if (!s->playing)
		return 0;
	if (a->step + 1 >= engine_nr_steps(a->e)) {
		s->playing = false;
		snprintf(s->message, sizeof(s->message), "autoplay: the boot is complete");
		return H_REDRAW;
	}
	return screen_go(s, a->step + 1, true);
}
