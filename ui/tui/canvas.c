/*
 * canvas.c - a cell grid with clipping, text and frames. Text is UTF-8;
 * every code point is taken to be one column wide, which holds for the
 * glyphs memboot uses (ASCII, box drawing, blocks, arrows).
 */
#include "canvas.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct canvas *
canvas_new(int w, int h)
{
	struct canvas *c = xcalloc(1, sizeof(*c));

	canvas_resize(c, w, h);
	return c;
}

void
canvas_free(struct canvas *c)
{
	if (!c)
		return;
	free(c->cells);
	free(c);
}

void
canvas_resize(struct canvas *c, int w, int h)
{
	free(c->cells);
	c->w = w > 0 ? w : 0;
	c->h = h > 0 ? h : 0;
	c->cells = xcalloc((size_t)c->w * c->h + 1, sizeof(*c->cells));
	canvas_clear(c);
}

void
canvas_unclip(struct canvas *c)
{
	c->clip = (struct rect){ 0, 0, c->w, c->h };
}

void
canvas_clear(struct canvas *c)
{
	for (int i = 0; i < c->w * c->h; i++)
		c->cells[i] = (struct cell){ ' ', ROLE_DEFAULT };
	canvas_unclip(c);
}

void
canvas_clip(struct canvas *c, struct rect r)
{
	int x0 = r.x > 0 ? r.x : 0, y0 = r.y > 0 ? r.y : 0;
	int x1 = r.x + r.w < c->w ? r.x + r.w : c->w;
	int y1 = r.y + r.h < c->h ? r.y + r.h : c->h;

	c->clip = (struct rect){ x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0 };
}

int
rect_contains(struct rect r, int x, int y)
{
	return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

void
canvas_put(struct canvas *c, int x, int y, uint32_t ch, enum role role)
{
	if (!rect_contains(c->clip, x, y))
		return;
	c->cells[y * c->w + x] = (struct cell){ ch, (uint8_t)role };
}

const struct cell *
canvas_at(const struct canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->w || y >= c->h)
		return NULL;
	return &c->cells[y * c->w + x];
}

void
canvas_fill(struct canvas *c, struct rect r, uint32_t ch, enum role role)
{
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			canvas_put(c, x, y, ch, role);
}

/* Decode one UTF-8 sequence at *s; invalid bytes come out as '?'. */
static uint32_t
utf8_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t cp;
	int n;

	if (p[0] < 0x80) {
		*s += 1;
		return p[0];
	}
	if ((p[0] & 0xe0) == 0xc0) {
		cp = p[0] & 0x1f;
		n = 1;
	} else if ((p[0] & 0xf0) == 0xe0) {
		cp = p[0] & 0x0f;
		n = 2;
	} else if ((p[0] & 0xf8) == 0xf0) {
		cp = p[0] & 0x07;
		n = 3;
	} else {
		*s += 1;
		return '?';
	}
	for (int i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*s += i;
			return '?';
		}
		cp = cp << 6 | (p[i] & 0x3f);
	}
	*s += n + 1;
	return cp;
}

int
canvas_text(struct canvas *c, int x, int y, int maxw, enum role role, const char *s)
{
	int n = 0;

	while (*s && n < maxw) {
		uint32_t ch = utf8_next(&s);

		if (ch < 0x20)
			ch = ' ';
		canvas_put(c, x + n, y, theme_printable(ch), role);
		n++;
	}
	return n;
}

int
canvas_printf(struct canvas *c, int x, int y, int maxw, enum role role, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return canvas_text(c, x, y, maxw, role, buf);
}

void
canvas_box(struct canvas *c, struct rect r, enum role role, enum role title_role,
	   const char *title)
{
	if (r.w < 2 || r.h < 2)
		return;
	for (int x = r.x + 1; x < r.x + r.w - 1; x++) {
		canvas_put(c, x, r.y, theme_glyph(GLYPH_HLINE), role);
		canvas_put(c, x, r.y + r.h - 1, theme_glyph(GLYPH_HLINE), role);
	}
	for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
		canvas_put(c, r.x, y, theme_glyph(GLYPH_VLINE), role);
		canvas_put(c, r.x + r.w - 1, y, theme_glyph(GLYPH_VLINE), role);
	}
	canvas_put(c, r.x, r.y, theme_glyph(GLYPH_TL), role);
	canvas_put(c, r.x + r.w - 1, r.y, theme_glyph(GLYPH_TR), role);
	canvas_put(c, r.x, r.y + r.h - 1, theme_glyph(GLYPH_BL), role);
	canvas_put(c, r.x + r.w - 1, r.y + r.h - 1, theme_glyph(GLYPH_BR), role);
	if (title && *title && r.w > 4) {
		canvas_put(c, r.x + 1, r.y, ' ', title_role);
		int n = canvas_text(c, r.x + 2, r.y, r.w - 5, title_role, title);
		canvas_put(c, r.x + 2 + n, r.y, ' ', title_role);
	}
}

/* Append code point cp to buf as UTF-8; returns bytes written or 0. */
static size_t
utf8_put(char *buf, size_t room, uint32_t cp)
{
	if (cp < 0x80 && room > 1) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800 && room > 2) {
		buf[0] = (char)(0xc0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000 && room > 3) {
		buf[0] = (char)(0xe0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	if (room > 4) {
		buf[0] = (char)(0xf0 | cp >> 18);
		buf[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		buf[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[3] = (char)(0x80 | (cp & 0x3f));
		return 4;
	}
	return 0;
}

void
canvas_row_text(const struct canvas *c, int y, char *buf, size_t len)
{
	size_t n = 0;

	if (!len)
		return;
	for (int x = 0; y >= 0 && y < c->h && x < c->w; x++) {
		size_t k = utf8_put(buf + n, len - n, c->cells[y * c->w + x].ch);

		if (!k)
			break;
		n += k;
	}
	buf[n] = '\0';
}

void
canvas_dump(const struct canvas *c, FILE *f)
{
	size_t len = (size_t)c->w * 4 + 1;
	char *buf = xmalloc(len);

	for (int y = 0; y < c->h; y++) {
		canvas_row_text(c, y, buf, len);
		fprintf(f, "%s\n", buf);
	}
	free(buf);
}
