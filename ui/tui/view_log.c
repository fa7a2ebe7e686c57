/*
 * view_log.c - the kernel log printed so far. The current step's own
 * lines are bright; the view follows the end of the log unless the user
 * scrolled back, and a step brings its lines into view again. The line
 * the last find went to is marked, and scrolled to once per find.
 */
#include "view.h"

#include "xalloc.h"

struct log_priv {
	long back;		/* lines scrolled back from the end */
	int rows;
	unsigned mark_seq;	/* the find last scrolled to */
};

static void
log_draw(struct view *v, struct canvas *c, const struct app *a)
{
	struct log_priv *p = v->priv;
	const struct klog *log = engine_log(a->e);
	struct rect in = view_frame(v, c, "kernel log");
	long end = (long)a->st->log_end, first;

	canvas_clip(c, in);
	p->rows = in.h;
	if (p->mark_seq != a->log_mark_seq && a->log_mark >= 0 && a->log_mark < end) {
		/* a new find: its line a third of the way down */
		p->mark_seq = a->log_mark_seq;
		p->back = end - a->log_mark - in.h + in.h / 3;
	}
	if (p->back > end - in.h)
		p->back = end - in.h;
	if (p->back < 0)
		p->back = 0;
	first = end - p->back - in.h;
	if (first < 0)
		first = 0;
	if (!end)
		canvas_text(c, in.x, in.y, in.w, ROLE_DIM, "Nothing printed yet.");
	for (long i = first; i < end - p->back && i - first < in.h; i++) {
		const struct klog_line *l = &log->lines[i];
		enum role r = i == a->log_mark ? ROLE_SELECTED :
			      i >= (long)a->st->log_first ? ROLE_LOG_NEW :
			      l->level == KLOG_INFO ? ROLE_LOG : ROLE_DIM;

		if (r == ROLE_SELECTED)
			canvas_fill(c, (struct rect){ in.x, in.y + (int)(i - first), in.w, 1 }, ' ', r);
		canvas_text(c, in.x, in.y + (int)(i - first), in.w, r, l->text);
	}
	if (p->back > 0)
		canvas_put(c, in.x + in.w - 1, in.y + in.h - 1, theme_glyph(GLYPH_DOWN), ROLE_DIM);
	canvas_unclip(c);
}

static int
log_handle(struct view *v, enum action act, struct app *a)
{
	struct log_priv *p = v->priv;
	long by = view_scroll_by(act, p->rows);

	if (!by)
		return H_IGNORED;
	/* back counts lines from the newest: up is further back */
	p->back = p->back - by < 0 ? 0 : p->back - by;
	return H_HANDLED | H_REDRAW;
}

static void
log_step_changed(struct view *v, const struct app *a)
{
	struct log_priv *p = v->priv;

	p->back = 0;
}

static void *
log_new(void)
{
	return xcalloc(1, sizeof(struct log_priv));
}

const struct view_ops view_log_ops = {
	.ctx = CTX_PANEL,
	.new_priv = log_new,
	.draw = log_draw,
	.handle = log_handle,
	.step_changed = log_step_changed,
	.mouse = view_wheel,
};
