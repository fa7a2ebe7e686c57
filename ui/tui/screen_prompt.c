/*
 * screen_prompt.c - the hint bar's one-line prompts: go to an address or
 * pfn (the map cursor moves there), and find text in the kernel log (the
 * boot goes to the step that printed the line, and the log panel marks
 * it; F finds the next one, wrapping round).
 */
#include "screen.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "views.h"

/* Parse "0x1000", "16M", "pfn 0x10", "p:16" into a pfn; -1 if invalid. */
static int
parse_target(const char *in, unsigned page_shift, uint64_t *pfn)
{
	bool is_pfn = false;
	char *end;
	unsigned long long v;

	while (isspace((unsigned char)*in))
		in++;
	if (strncasecmp(in, "pfn", 3) == 0) {
		is_pfn = true;
		in += 3;
	} else if (strncasecmp(in, "p:", 2) == 0) {
		is_pfn = true;
		in += 2;
	}
	while (isspace((unsigned char)*in) || *in == ':' || *in == '=')
		in++;
	if (!isdigit((unsigned char)*in))
		return -1;
	v = strtoull(in, &end, 0);
	if (!is_pfn) {
		int shift = 0;

		switch (toupper((unsigned char)*end)) {
		case 'K': shift = 10; break;
		case 'M': shift = 20; break;
		case 'G': shift = 30; break;
		case 'T': shift = 40; break;
		default: break;
		}
		if (shift) {
			if (v >> (64 - shift))
				return -1;
			v <<= shift;
			end++;
			if (toupper((unsigned char)*end) == 'I')
				end++;
			if (toupper((unsigned char)*end) == 'B')
				end++;
		}
	}
	while (isspace((unsigned char)*end))
		end++;
	if (*end)
		return -1;
	*pfn = is_pfn ? v : v >> page_shift;
	return 0;
}

/* The goto prompt's Enter: move the map cursor there. */
static void
go_to_target(struct screen *s)
{
	uint64_t pfn;

	if (parse_target(s->input, s->app->page_shift, &pfn)) {
		snprintf(s->message, sizeof(s->message),
			 "'%.60s' is not an address (0x1000, 16M) or a pfn (pfn 0x10)", s->input);
	} else if (pfn >= s->app->nr_pfns) {
		snprintf(s->message, sizeof(s->message),
			 "pfn %#" PRIx64 " is beyond the end of the map (pfn %#" PRIx64 ")", pfn,
			 s->app->nr_pfns);
	} else {
		s->app->cursor_pfn = pfn;
		s->app->cursor_moved = true;
		s->focus = s->map;
	}
}

/*
 * Find s->search in the log from line 'from' on (wrapping), go to the
 * step that printed it and show the line marked in the log panel.
 */
static int
find_from(struct screen *s, size_t from)
{
	struct app *a = s->app;
	const struct klog *log = engine_log(a->e);
	long i = klog_find(log, s->search, from);
	size_t step;

	if (i < 0) {
		snprintf(s->message, sizeof(s->message), "'%.60s' is not in the kernel log",
			 s->search);
		return H_HANDLED | H_REDRAW;
	}
	step = engine_step_of_line(a->e, (size_t)i);
	screen_go(s, step, false);
	a->log_mark = i;
	a->log_mark_seq++;
	screen_show_view(s, views_find("log"));
	snprintf(s->message, sizeof(s->message),
		 "'%.60s': log line %ld of %zu, printed by step %zu (F: next)", s->search, i + 1,
		 log->nr, step + 1);
	return H_HANDLED | H_REDRAW;
}

int
screen_find_next(struct screen *s)
{
	const struct app *a = s->app;

	if (!s->search[0]) {
		s->prompt = PROMPT_FIND;
		s->input[0] = '\0';
		return H_HANDLED | H_REDRAW;
	}
	/* after the marked line, or from this step's first line */
	return find_from(s, a->log_mark >= 0 ? (size_t)a->log_mark + 1 : a->st->log_first);
}

int
screen_prompt_input(struct screen *s, long ch)
{
	size_t n = strlen(s->input);
	enum prompt_kind kind = s->prompt;

	if (ch == PROMPT_CANCEL) {
		s->prompt = PROMPT_NONE;
	} else if (ch == PROMPT_BACKSPACE) {
		if (n)
			s->input[n - 1] = '\0';
	} else if (ch == PROMPT_ENTER) {
		s->prompt = PROMPT_NONE;
		if (kind == PROMPT_GOTO) {
			go_to_target(s);
		} else if (s->input[0]) {
			snprintf(s->search, sizeof(s->search), "%s", s->input);
			return find_from(s, s->app->st->log_first);
		}
	} else if (ch >= 0x20 && ch < 0x7f && n + 1 < sizeof(s->input)) {
		s->input[n] = (char)ch;
		s->input[n + 1] = '\0';
	}
	return H_HANDLED | H_REDRAW;
}
