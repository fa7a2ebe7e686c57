/*
 * dmesg_text.c - the bounded readers and the log-prefix skipping of the
 * boot-log importer (dmesg.h, dmesg_parser.h).
 */
#include "dmesg_parser.h"

#include <string.h>

/* ------------------------------------------------------------ text */

/* (byte by byte: called a few dozen times a line, it is most of the cost
 * of a log of short lines, and most calls fail on the first byte) */
bool
starts(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex digits (an optional 0x first) at *p; false on none or overflow. */
bool
read_hex(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int n = 0, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; (d = hex_value(*s)) >= 0; s++, n++) {
		if (v >> 60)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	if (!n)
		return false;
	*p = s;
	*out = v;
	return true;
}

/* Decimal digits at *p; false on none or overflow. */
bool
read_dec(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (!is_digit(*s))
		return false;
	for (; is_digit(*s); s++) {
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*out = v;
	return true;
}

/* A decimal that fits in 32 bits. */
bool
read_u32(const char **p, uint32_t *out)
{
	uint64_t v;

	if (!read_dec(p, &v) || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* Skip the literal lit at *p; false when it is not there. */
bool
eat(const char **p, const char *lit)
{
	const char *s = *p;

	while (*lit)
		if (*s++ != *lit++)
			return false;
	*p = s;
	return true;
}

void
skip_spaces(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* "[mem 0xa-0xb]" (inclusive end) at *p. */
bool
read_mem_range(const char **p, struct range *r)
{
	const char *s = *p;

	if (!eat(&s, "[mem ") || !read_hex(&s, &r->start) || !eat(&s, "-") ||
	    !read_hex(&s, &r->last) || !eat(&s, "]") || r->last < r->start)
		return false;
	*p = s;
	return true;
}

/* 2.6's "0000000000000000 - 000000000009fc00" (exclusive end) at *p. */
bool
read_old_range(const char **p, struct range *r)
{
	const char *s = *p;
	uint64_t end;

	if (!read_hex(&s, &r->start) || !eat(&s, " - ") || !read_hex(&s, &end) ||
	    end <= r->start)
		return false;
	r->last = end - 1;
	*p = s;
	return true;
}

/* ------------------------------------------------------- prefixes */

static bool
matches_template(const char *s, const char *tmpl)
{
	/* 'A' a letter, '9' a digit, '_' a digit or space, others literal */
	for (; *tmpl; tmpl++, s++) {
		char c = *s;

		if (*tmpl == 'A' ? !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) :
		    *tmpl == '9' ? !is_digit(c) :
		    *tmpl == '_' ? !(is_digit(c) || c == ' ') : c != *tmpl)
			return false;
	}
	return true;
}

/* "[    0.000000] " or dmesg -T's "[Mon Jan  1 00:00:00 2024] ". */
static const char *
skip_timestamp(const char *s)
{
	const char *p = s + 1;

	if (s[0] != '[')
		return s;
	if (matches_template(s, "[AAA AAA _9 99:99:99 9999]"))
		p = s + 26;
	else {
		while (*p == ' ')
			p++;
		if (!is_digit(*p))
			return s;
		while (is_digit(*p))
			p++;
		if (*p == '.') {
			p++;
			while (is_digit(*p))
				p++;
		}
		if (*p != ']')
			return s;
		p++;
	}
	return *p == ' ' ? p + 1 : p;
}

/*
 * The kernel's own timestamp, "[%5lu.%06lu]" (printk.c's print_time), at
 * the n bytes of s: its length, or 0. The seconds are right-aligned in
 * five columns, so the spaces and digits before the point are exactly
 * what that width makes them; at most 20 digits fit an unsigned long.
 * Reads at most 29 bytes, whatever follows.
 */
static size_t
kernel_timestamp(const char *s, size_t n)
{
	size_t i = 1, spaces, digits, frac;

	if (n < 1 || s[0] != '[')
		return 0;
	while (i < n && i <= 5 && s[i] == ' ')
		i++;
	spaces = i - 1;
	while (i < n && i - spaces <= 21 && is_digit(s[i]))
		i++;
	digits = i - 1 - spaces;
	if (!digits || digits > 20 || (digits < 5 ? spaces != 5 - digits : spaces != 0))
		return 0;
	if (i >= n || s[i++] != '.')
		return 0;
	for (frac = 0; i < n && frac < 6 && is_digit(s[i]); frac++)
		i++;
	if (frac != 6 || i >= n || s[i] != ']')
		return 0;
	return i + 1;
}

/* The length of a "<6>" level at the n bytes of s, or 0. */
static size_t
raw_level(const char *s, size_t n)
{
	size_t i = 1;

	if (n < 3 || s[0] != '<')
		return 0;
	while (i < n && i < 5 && is_digit(s[i]))
		i++;
	return i > 1 && i < n && s[i] == '>' ? i + 1 : 0;
}

bool
dmesg_timestamped(const char *buf, size_t len)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		/* dmesg -r and /dev/kmsg readers put the level first */
		size_t level = raw_level(buf + pos, n);

		if (kernel_timestamp(buf + pos + level, n - level))
			return true;
		pos += n + 1;
	}
	return false;
}

size_t
dmesg_kernel_start(const char *raw, size_t n)
{
	const char *p = raw, *end = raw + n;

	/* each '[' is looked at once, and kernel_timestamp reads a bounded
	 * number of bytes from it: linear in n */
	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		if (kernel_timestamp(p, (size_t)(end - p)))
			return (size_t)(p - raw);
		p++;
	}
	return n;
}

/* "<6>" */
static const char *
skip_level(const char *s)
{
	const char *p = s + 1;

	if (s[0] != '<' || !is_digit(*p))
		return s;
	while (is_digit(*p) && p - s < 5)
		p++;
	return *p == '>' ? p + 1 : s;
}

/* "Mon DD HH:MM:SS host kernel: " or "2022-04-14T19:46:19+0000 host kernel: "
 * (journalctl's short-precise: "Mon DD HH:MM:SS.123456 host kernel: ") */
static const char *
skip_syslog(const char *s)
{
	const char *k;

	if (!matches_template(s, "AAA _9 99:99:99 ") &&
	    !matches_template(s, "AAA _9 99:99:99.9") &&
	    !matches_template(s, "9999-99-99T99:99:99") &&
	    !matches_template(s, "9999-99-99 99:99:99"))
		return s;
	k = strstr(s, " kernel: ");
	if (!k || k - s > 160)
		return s;
	return k + 9;
}

/* dmesg -x's "kern  :info  : " */
static const char *
skip_facility(const char *s)
{
	const char *p = s;

	if (!eat(&p, "kern"))
		return s;
	skip_spaces(&p);
	if (*p++ != ':')
		return s;
	while (*p >= 'a' && *p <= 'z')
		p++;
	skip_spaces(&p);
	if (*p++ != ':')
		return s;
	return *p == ' ' ? p + 1 : p;
}

/* journalctl -o short-monotonic's "host kernel: " after its timestamp */
static const char *
skip_host(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_");

	return n && n <= 64 && starts(s + n, " kernel: ") ? s + n + 9 : s;
}

const char *
dmesg_message(const char *line)
{
	const char *s = skip_syslog(line), *t;

	s = skip_facility(s);
	s = skip_level(s);
	t = skip_timestamp(s);
	if (starts(t, "kernel: "))
		t += 8;
	else if (t != s)
		t = skip_host(t);
	return t;
}
