/*
 * term.c - curses backend. Roles become colour pairs once at start (a
 * pair per role, and one more per map role for "touched" cells, drawn in
 * bold white on the role's background; roles of the same colours share a
 * pair, which lets the 64 pairs of an 8-colour terminal hold them all). Mouse reporting is switched on
 * with the xterm SGR sequences because input goes through libtermkey,
 * not getch().
 */
#include "term.h"

#include <curses.h>
#include <term.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static bool started;
static SCREEN *offscreen;
static attr_t role_attr[ROLE_COUNT * 2];

static attr_t
ta_to_attr(unsigned ta)
{
	return (ta & TA_BOLD ? A_BOLD : 0) | (ta & TA_REVERSE ? A_REVERSE : 0) |
	       (ta & TA_UNDERLINE ? A_UNDERLINE : 0) | (ta & TA_DIM ? A_DIM : 0);
}

/* Colour pairs in use: roles with the same colours share one, so that an
 * 8-colour terminal's 64 pairs are enough. */
static short pair_fg[ROLE_COUNT * 2], pair_bg[ROLE_COUNT * 2];
static int nr_pairs;

/* The pair of fg on bg, made on first use; 0 when the terminal has no
 * more pairs. */
static short
colour_pair(short fg, short bg)
{
	for (int i = 0; i < nr_pairs; i++)
		if (pair_fg[i] == fg && pair_bg[i] == bg)
			return (short)(i + 1);
	if (nr_pairs + 1 >= COLOR_PAIRS || nr_pairs >= ROLE_COUNT * 2)
		return 0;
	pair_fg[nr_pairs] = fg;
	pair_bg[nr_pairs] = bg;
	init_pair((short)(nr_pairs + 1), fg, bg);
	return (short)++nr_pairs;
}

/* Each role's attributes in mode; false when the pairs run out. */
static bool
role_colours(enum colour_mode mode)
{
	nr_pairs = 0;
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_entry *t = theme_entry((enum role)r);
		bool map = theme_label((enum role)r) != NULL;

		if (mode == COLOUR_MONO) {
			role_attr[r] = ta_to_attr(t->mono);
			role_attr[ROLE_COUNT + r] = ta_to_attr(t->mono) | A_REVERSE | A_BOLD;
			continue;
		}
		short fg = mode == COLOUR_256 ? t->fg256 : t->fg8;
		short bg = mode == COLOUR_256 ? t->bg256 : t->bg8;
		short pair = colour_pair(fg, bg);

		if (!pair)
			return false;
		role_attr[r] = COLOR_PAIR(pair) | ta_to_attr(t->attrs);
		if (map) {
			short touched = colour_pair(mode == COLOUR_256 ? 231 : COLOR_WHITE,
						    bg < 0 ? (mode == COLOUR_256 ? 88 : COLOR_RED) : bg);

			if (!touched)
				return false;
			role_attr[ROLE_COUNT + r] = COLOR_PAIR(touched) | A_BOLD;
		} else {
			role_attr[ROLE_COUNT + r] = role_attr[r] | A_BOLD;
		}
	}
	return true;
}

static void
setup_colours(void)
{
	enum colour_mode mode = COLOUR_MONO;
	const char *nc = getenv("NO_COLOR");

	if (!(nc && *nc) && has_colors()) {
		start_color();
		use_default_colors();
		if (COLORS >= 256 && role_colours(COLOUR_256))
			mode = COLOUR_256;
		else if (COLORS >= 8 && role_colours(COLOUR_8))
			mode = COLOUR_8;
	}
	if (mode == COLOUR_MONO)
		role_colours(COLOUR_MONO);
	theme_set(mode, theme_utf8());
}

static void
detect_utf8(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	theme_set(theme_mode(), cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0));
}

int
term_start(void)
{
	int err;
	char *cup;
	bool moves;

	detect_utf8();
	/* The terminal is looked up on its own first: initscr exits on an
	 * unknown TERM and newterm keeps what it allocated when it fails. */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return -1;
	/* a terminal that cannot move the cursor (TERM=dumb) shows nothing */
	cup = tigetstr("cup");
	moves = cup && cup != (char *)-1;
	del_curterm(cur_term);
	if (!moves || !newterm(NULL, stdout, stdin))
		return -1;
	started = true;
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, FALSE);
	curs_set(0);
	setup_colours();
	/* mouse: button press/release and wheel, SGR coordinates */
	fputs("\033[?1000h\033[?1006h", stdout);
	fflush(stdout);
	return 0;
}

int
term_start_offscreen(FILE *out, int w, int h)
{
	FILE *in = fopen("/dev/null", "r");

	detect_utf8();
	if (!in)
		return -1;
	offscreen = newterm("xterm-256color", out, in);
	if (!offscreen)
		return -1;
	started = true;
	resize_term(h, w);
	setup_colours();
	return 0;
}

void
term_stop(void)
{
	static const char off[] = "\033[?1006l\033[?1000l";

	if (!started)
		return;
	started = false;
	if (!offscreen && write(STDOUT_FILENO, off, sizeof(off) - 1) < 0) {
		/* nothing more can be done on the way out */
	}
	endwin();
}

void
term_size(int *w, int *h)
{
	*w = COLS;
	*h = LINES;
}

void
term_resize(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row)
		resizeterm(ws.ws_row, ws.ws_col);
}

void
term_paint(const struct canvas *c, int full)
{
	cchar_t cc;
	wchar_t wc[2] = { 0, 0 };

	if (full)
		clearok(curscr, TRUE);
	for (int y = 0; y < c->h && y < LINES; y++)
		for (int x = 0; x < c->w && x < COLS; x++) {
			const struct cell *cell = canvas_at(c, x, y);
			unsigned role = cell->role & ROLE_MASK;
			attr_t at = role_attr[(cell->role & ROLE_TOUCHED ? ROLE_COUNT : 0) + role];

			wc[0] = (wchar_t)cell->ch;
			setcchar(&cc, wc, at & ~A_COLOR, (short)PAIR_NUMBER(at), NULL);
			mvwadd_wch(stdscr, y, x, &cc);
		}
	wnoutrefresh(stdscr);
	doupdate();
}
