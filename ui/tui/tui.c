/*
 * tui.c - `memboot [FILE]`: the interactive loop. Input comes through
 * libtermkey (ncurses owns the terminal modes, so TERMKEY_FLAG_NOTERMIOS)
 * after pselect(), with SIGWINCH, SIGINT, SIGTERM and SIGHUP blocked
 * except while waiting; their handlers only set flags. A resize relays
 * out and repaints everything; the signals end the loop cleanly. atexit
 * and the handlers of fatal signals restore the terminal. A hangup (the
 * signal, or the end of input or a read error on the terminal) means the
 * terminal is gone: after the attempt to restore it, memboot dies of
 * SIGHUP as the default action would, without exit handlers (a
 * sanitizer's leak check at exit races with the orphaned process group's
 * SIGHUP/SIGCONT and can spin forever).
 *
 * MEMBOOT_BENCH_REDRAW=N renders N full frames of the largest layout
 * off-screen and prints the timings instead (tests/bench_ui.sh).
 */
#include "tui.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <termkey.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "canvas.h"
#include "machine_file.h"
#include "screen.h"
#include "term.h"

static volatile sig_atomic_t got_winch, got_quit, quit_sig;	/* quit_sig: 0 for a key */

static void
on_signal(int sig)
{
	if (sig == SIGWINCH) {
		got_winch = 1;
	} else {
		quit_sig = sig;
		got_quit = 1;
	}
}

static void
on_fatal(int sig)
{
	term_stop();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
restore_at_exit(void)
{
	term_stop();
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* A termkey key as a screen action or prompt input; H_* bits. */
static int
dispatch_key(TermKey *tk, struct screen *s, TermKeyKey *key)
{
	char name[64];

	if (key->type == TERMKEY_TYPE_MOUSE) {
		TermKeyMouseEvent ev;
		int button, line, col;

		termkey_interpret_mouse(tk, key, &ev, &button, &line, &col);
		if (ev != TERMKEY_MOUSE_PRESS)
			return 0;
		return screen_mouse(s, button == 4 ? MOUSE_WHEEL_UP : button == 5 ? MOUSE_WHEEL_DOWN :
				    MOUSE_CLICK, col - 1, line - 1);
	}
	if (s->prompt) {
		if (key->type == TERMKEY_TYPE_UNICODE && !key->modifiers)
			return screen_prompt_input(s, key->code.codepoint);
		if (key->type == TERMKEY_TYPE_KEYSYM) {
			switch (key->code.sym) {
			case TERMKEY_SYM_BACKSPACE: return screen_prompt_input(s, PROMPT_BACKSPACE);
			case TERMKEY_SYM_ENTER: return screen_prompt_input(s, PROMPT_ENTER);
			case TERMKEY_SYM_ESCAPE: return screen_prompt_input(s, PROMPT_CANCEL);
			case TERMKEY_SYM_SPACE: return screen_prompt_input(s, ' ');
			default: break;
			}
		}
		if (key->type == TERMKEY_TYPE_UNICODE && key->modifiers == TERMKEY_KEYMOD_CTRL &&
		    key->code.codepoint == 'c')
			return H_QUIT;
		return 0;
	}
	termkey_strfkey(tk, name, sizeof(name), key, 0);
	return screen_key(s, name);
}

static void
paint(struct screen *s, struct canvas *c, int full)
{
	int w, h;

	term_size(&w, &h);
	if (w != c->w || h != c->h) {
		canvas_resize(c, w, h);
		screen_layout(s, w, h);
		full = 1;
	}
	screen_draw(s, c);
	term_paint(c, full);
}

static int
loop(struct engine *e)
{
	struct app a;
	struct screen s;
	struct canvas *c;
	TermKey *tk;
	sigset_t block, orig;
	struct sigaction sa;
	int status = 0, dirty = 2;
	double deadline = -1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (int sig = 0, sigs[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP }; sig < 4; sig++) {
		sigaction(sigs[sig], &sa, NULL);
		sigaddset(&block, sigs[sig]);
	}
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	for (int sig = 0, sigs[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL }; sig < 5; sig++)
		sigaction(sigs[sig], &sa, NULL);
	sigprocmask(SIG_BLOCK, &block, &orig);

	atexit(restore_at_exit);
	if (term_start()) {
		const char *term = getenv("TERM");

		fprintf(stderr, "memboot: the terminal '%s' is unknown or cannot move the cursor;\n"
			"         set TERM or use 'memboot run --batch [MACHINE.xml]'\n",
			term ? term : "");
		return 2;
	}
	tk = termkey_new(STDIN_FILENO, TERMKEY_FLAG_NOTERMIOS | TERMKEY_FLAG_UTF8);
	if (!tk) {
		term_stop();
		fputs("memboot: cannot read the keyboard (libtermkey failed)\n", stderr);
		return 1;
	}
	termkey_set_canonflags(tk, TERMKEY_CANON_DELBS | TERMKEY_CANON_SPACESYMBOL);
	app_init(&a, e);
	screen_init(&s, &a);
	c = canvas_new(0, 0);

	while (!got_quit) {
		fd_set rfds;
		struct timespec ts, *tsp = NULL;
		int timeout = screen_timeout_ms(&s), wait_key = termkey_get_waittime(tk);
		TermKeyKey key;
		TermKeyResult res;
		int n;

		if (got_winch) {
			got_winch = 0;
			term_resize();
			dirty = 2;
		}
		if (dirty) {
			paint(&s, c, dirty > 1);
			dirty = 0;
		}
		if (timeout >= 0 && deadline < 0)
			deadline = now_ms() + timeout;
		if (timeout < 0)
			deadline = -1;
		if (deadline >= 0) {
			double left = deadline - now_ms();

			if (left < 0)
				left = 0;
			ts.tv_sec = (time_t)(left / 1000);
			ts.tv_nsec = (long)((left - ts.tv_sec * 1000.0) * 1e6);
			tsp = &ts;
		}
		FD_ZERO(&rfds);
		FD_SET(STDIN_FILENO, &rfds);
		n = pselect(STDIN_FILENO + 1, &rfds, NULL, NULL, tsp, &orig);
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0) {
			res = termkey_advisereadable(tk);
			if (res == TERMKEY_RES_EOF ||
			    (res == TERMKEY_RES_ERROR && errno != EINTR && errno != EAGAIN)) {
				quit_sig = SIGHUP;	/* the terminal is gone */
				break;
			}
			while ((res = termkey_getkey(tk, &key)) == TERMKEY_RES_KEY) {
				int r = dispatch_key(tk, &s, &key);

				if (r & H_QUIT)
					got_quit = 1;
				if (r & H_REDRAW)
					dirty = dirty ? dirty : 1;
				if (key.type == TERMKEY_TYPE_KEYSYM && key.code.sym == TERMKEY_SYM_NONE)
					continue;
				deadline = -1;
			}
			if (res == TERMKEY_RES_EOF) {
				quit_sig = SIGHUP;
				break;
			}
			if (res == TERMKEY_RES_AGAIN && wait_key >= 0) {
				/* a lone Escape: wait briefly for the rest of a sequence */
				fd_set again;
				struct timeval tv = { 0, wait_key * 1000 };

				FD_ZERO(&again);
				FD_SET(STDIN_FILENO, &again);
				if (select(STDIN_FILENO + 1, &again, NULL, NULL, &tv) == 0 &&
				    termkey_getkey_force(tk, &key) == TERMKEY_RES_KEY) {
					int r = dispatch_key(tk, &s, &key);

					if (r & H_QUIT)
						got_quit = 1;
					if (r & H_REDRAW)
						dirty = dirty ? dirty : 1;
				} else {
					termkey_advisereadable(tk);
				}
			}
		} else if (n == 0 && deadline >= 0 && now_ms() >= deadline) {
			deadline = -1;
			if (screen_tick(&s) & H_REDRAW)
				dirty = dirty ? dirty : 1;
		}
	}
	term_stop();
	if (quit_sig == SIGHUP) {
		signal(SIGHUP, SIG_DFL);
		sigprocmask(SIG_SETMASK, &orig, NULL);
		raise(SIGHUP);
	}
	termkey_destroy(tk);
	screen_release(&s);
	canvas_free(c);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return status;
}

/* Off-screen timing of the largest layout; prints one line per figure. */
static int
bench(const char *path, int frames)
{
	double t0 = now_ms(), t_load, t_first, t_total = 0, t_max = 0;
	struct engine *e = machine_file_boot(path);
	struct app a;
	struct screen s;
	struct canvas *c;
	FILE *out = fopen("/dev/null", "w");

	if (!e || !out) {
		if (out)
			fclose(out);
		engine_free(e);
		return 1;
	}
	t_load = now_ms() - t0;
	if (term_start_offscreen(out, 200, 60)) {
		fputs("memboot: cannot start an off-screen terminal\n", stderr);
		fclose(out);
		engine_free(e);
		return 1;
	}
	app_init(&a, e);
	screen_init(&s, &a);
	c = canvas_new(200, 60);
	screen_layout(&s, 200, 60);
	screen_draw(&s, c);
	term_paint(c, 1);
	t_first = now_ms() - t0;
	for (int i = 0; i < frames; i++) {
		double f0 = now_ms(), dt;

		/* walk the steps so every phase's picture is timed */
		app_goto(&a, (size_t)i * engine_nr_steps(e) / (size_t)(frames ? frames : 1), false);
		screen_draw(&s, c);
		term_paint(c, 1);
		dt = now_ms() - f0;
		t_total += dt;
		if (dt > t_max)
			t_max = dt;
	}
	term_stop();
	printf("machine: %s\nsteps: %zu\nload+replay: %.1f ms\nfirst frame (200x60): %.1f ms\n"
	       "full redraw (200x60): mean %.2f ms, max %.2f ms over %d frames\n",
	       path ? path : "(built-in default)", engine_nr_steps(e), t_load, t_first,
	       frames ? t_total / frames : 0, t_max, frames);
	screen_release(&s);
	canvas_free(c);
	engine_free(e);
	fclose(out);
	return 0;
}

int
tui_run(const char *path)
{
	const char *bench_env = getenv("MEMBOOT_BENCH_REDRAW");
	struct engine *e;
	int status;

	if (bench_env && *bench_env)
		return bench(path, atoi(bench_env));
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("memboot: the interactive view needs a terminal on stdin and stdout;\n"
		      "         use 'memboot run --batch [MACHINE.xml]' for the log without one\n",
		      stderr);
		return 2;
	}
	e = machine_file_boot(path);
	if (!e)
		return 1;
	status = loop(e);
	engine_free(e);
	return status;
}
