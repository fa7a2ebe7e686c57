/*
 * screen.c - layout, focus, overlays and stepping. Views only see
 * actions; this module decides which view an action goes to: step and
 * phase actions move the app, zoom and the memmap colouring go to the
 * map whatever has focus, cursor and scroll actions to the focused view.
 */
#include "screen.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const int play_delay_ms[] = { 4000, 2000, 1000, 500, 250, 100 };
#define NR_SPEEDS ((int)(sizeof(play_delay_ms) / sizeof(play_delay_ms[0])))
#define ANIM_FRAME_MS 60

void
screen_init(struct screen *s, struct app *a)
{
	memset(s, 0, sizeof(*s));
	s->app = a;
	s->views[V_MAP] = view_map_new();
	s->views[V_E820] = view_e820_new();
	s->views[V_MEMBLOCK] = view_memblock_new();
	s->views[V_SECTIONS] = view_sections_new();
	s->views[V_FREE] = view_freelist_new();
	s->views[V_LOG] = view_log_new();
	s->views[V_FOOTPRINT] = view_footprint_new();
	s->focus = V_MAP;
	s->panel = V_E820;
	s->speed = 2;
}

void
screen_release(struct screen *s)
{
	for (int i = 0; i < V_COUNT; i++)
		view_free(s->views[i]);
}

static bool
visible(const struct screen *s, enum view_id v)
{
	if (s->layout == LAYOUT_TOO_SMALL)
		return false;
	if (v == V_MAP)
		return true;
	if (s->layout == LAYOUT_LARGE)
		return v == V_FREE || v == V_LOG || v == s->panel;
	return v == s->panel;
}

/* The table that suits a phase, while the user has not picked one. */
static void
follow_phase(struct screen *s)
{
	static const enum view_id by_phase[PHASE_COUNT] = {
		[PHASE_E820] = V_E820, [PHASE_MEMBLOCK] = V_MEMBLOCK, [PHASE_NUMA] = V_MEMBLOCK,
		[PHASE_SPARSE] = V_SECTIONS, [PHASE_ZONES] = V_MEMBLOCK, [PHASE_BUDDY] = V_FREE,
	};
	enum view_id want = by_phase[s->app->st->phase];

	if (s->panel_pinned)
		return;
	if (s->layout == LAYOUT_LARGE && want == V_FREE)
		want = V_MEMBLOCK;
	if (s->focus == s->panel)
		s->focus = want;
	s->panel = want;
}

void
screen_layout(struct screen *s, int w, int h)
{
	struct view **v = s->views;
	int body = h - 4;

	s->w = w;
	s->h = h;
	for (int i = 0; i < V_COUNT; i++)
		v[i]->r = (struct rect){ 0, 0, 0, 0 };
	if (w < SCREEN_MIN_W || h < SCREEN_MIN_H) {
		s->layout = LAYOUT_TOO_SMALL;
		return;
	}
	if (w >= SCREEN_LARGE_W && h >= SCREEN_LARGE_H) {
		int lw = w * 11 / 20, mh = body * 3 / 5, th = body / 2;

		s->layout = LAYOUT_LARGE;
		if (s->panel == V_FREE || s->panel == V_LOG)
			s->panel = V_MEMBLOCK;
		v[V_MAP]->r = (struct rect){ 0, 1, lw, mh };
		v[V_LOG]->r = (struct rect){ 0, 1 + mh, lw, body - mh };
		for (int t = V_E820; t <= V_SECTIONS; t++)
			v[t]->r = (struct rect){ lw, 1, w - lw, th };
		v[V_FOOTPRINT]->r = (struct rect){ lw, 1, w - lw, th };
		v[V_FREE]->r = (struct rect){ lw, 1 + th, w - lw, body - th };
	} else {
		int mh = body / 2 + 1;

		s->layout = LAYOUT_TABBED;
		v[V_MAP]->r = (struct rect){ 0, 1, w, mh };
		for (int t = V_E820; t < V_COUNT; t++)
			v[t]->r = (struct rect){ 0, 1 + mh, w, body - mh };
	}
	if (!visible(s, s->focus))
		s->focus = V_MAP;
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

static void
draw_help(struct screen *s, struct canvas *c)
{
	int w = s->w - 8 < 96 ? s->w - 8 : 96, h = s->h - 4;
	struct rect r = { (s->w - w) / 2, 2, w, h };
	int rows = h - 3;
	long n = ACT_COUNT - 1;
	char keys[160];

	if (s->help_top > n - rows)
		s->help_top = n - rows;
	if (s->help_top < 0)
		s->help_top = 0;
	canvas_fill(c, r, ' ', ROLE_HELP);
	canvas_box(c, r, ROLE_BORDER_FOCUS, ROLE_TITLE_FOCUS, "Help: keys (Escape closes)");
	canvas_clip(c, (struct rect){ r.x + 1, r.y + 1, r.w - 2, r.h - 2 });
	for (long i = 0; i < rows && s->help_top + i < n; i++) {
		enum action a = (enum action)(s->help_top + i + 1);

		keys_of_action(a, keys, sizeof(keys));
		canvas_text(c, r.x + 2, r.y + 1 + (int)i, 34, ROLE_HELP_KEY, keys);
		canvas_text(c, r.x + 37, r.y + 1 + (int)i, r.w - 39, ROLE_HELP, keys_help(a));
	}
	canvas_text(c, r.x + 2, r.y + r.h - 2, r.w - 4, ROLE_HELP,
		    "Mouse: click a map cell to inspect it; the wheel zooms the map or scrolls a panel.");
	canvas_unclip(c);
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
	for (int i = 0; i < V_COUNT; i++) {
		s->views[i]->focused = i == (int)s->focus;
		if (visible(s, (enum view_id)i))
			s->views[i]->ops->draw(s->views[i], c, s->app);
	}
	if (s->layout == LAYOUT_TABBED) {
		/* the tabs, in the panel's top edge after its title */
		struct rect r = s->views[s->panel]->r;
		int x = r.x + r.w - 1 - (V_COUNT - V_E820) * 4;

		for (int t = V_E820; t < V_COUNT; t++, x += 4) {
			canvas_printf(c, x, r.y, 4, t == (int)s->panel ? ROLE_TITLE_FOCUS : ROLE_DIM,
				      " %d ", t);
		}
	}
	s->app->cursor_moved = false;
	draw_timeline(s, c);
	draw_narration(s, c);
	draw_hint(s, c);
	if (s->help)
		draw_help(s, c);
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
	for (int i = 0; i < V_COUNT; i++)
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

static void
cycle_focus(struct screen *s, int dir)
{
	static const enum view_id large[] = { V_MAP, V_E820, V_FREE, V_LOG };
	int n = s->layout == LAYOUT_LARGE ? 4 : V_COUNT, cur = 0;

	for (int i = 0; i < n; i++) {
		enum view_id v = s->layout == LAYOUT_LARGE ? large[i] : (enum view_id)i;

		if (v == s->focus || (v == V_E820 && s->layout == LAYOUT_LARGE &&
				      ((s->focus >= V_E820 && s->focus <= V_SECTIONS) ||
				       s->focus == V_FOOTPRINT)))
			cur = i;
	}
	cur = (cur + dir + n) % n;
	if (s->layout == LAYOUT_LARGE) {
		s->focus = large[cur] == V_E820 ? s->panel : large[cur];
	} else {
		s->focus = (enum view_id)cur;
		if (s->focus != V_MAP) {
			s->panel = s->focus;
			s->panel_pinned = true;
		}
	}
}

int
screen_show_panel(struct screen *s, enum view_id v)
{
	if (s->layout == LAYOUT_LARGE && (v == V_FREE || v == V_LOG)) {
		s->focus = v;
		return H_HANDLED | H_REDRAW;
	}
	s->panel = v;
	s->panel_pinned = true;
	s->focus = v;
	return H_HANDLED | H_REDRAW;
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
		return s->views[V_MAP]->ops->handle(s->views[V_MAP], act, a);
	case ACT_FOCUS_NEXT: cycle_focus(s, 1); return H_HANDLED | H_REDRAW;
	case ACT_FOCUS_PREV: cycle_focus(s, -1); return H_HANDLED | H_REDRAW;
	case ACT_PANEL_E820: return screen_show_panel(s, V_E820);
	case ACT_PANEL_MEMBLOCK: return screen_show_panel(s, V_MEMBLOCK);
	case ACT_PANEL_SECTIONS: return screen_show_panel(s, V_SECTIONS);
	case ACT_PANEL_FREE: return screen_show_panel(s, V_FREE);
	case ACT_PANEL_LOG: return screen_show_panel(s, V_LOG);
	case ACT_PANEL_FOOTPRINT: return screen_show_panel(s, V_FOOTPRINT);
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
	for (int i = 0; i < V_COUNT; i++) {
		struct view *v = s->views[i];

		if (!visible(s, (enum view_id)i) || !rect_contains(v->r, x, y))
			continue;
		if (kind == MOUSE_CLICK)
			s->focus = (enum view_id)i;
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
