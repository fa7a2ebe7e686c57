/*
 * cmdline.c - the memory-layout options of the kernel command line, read
 * the way 6.1's parse_early_param() splits the line (lib/cmdline.c
 * next_arg: spaces end a word outside double quotes, "--" ends the kernel's
 * part) and hands each word to its early_param handler: parse_memopt(),
 * parse_memmap_opt() (arch/x86/kernel/e820.c), numa_setup()
 * (arch/x86/mm/numa.c), early_memblock() (mm/memblock.c). A handler that
 * fails makes do_early_param() print "Malformed early option".
 */
#include "cmdline.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "xalloc.h"

/* simple_strtoull() in base 0: the kernel takes "0x" as hex only when a hex
 * digit follows, reads no sign or space, and lets the value wrap. */
static uint64_t
kernel_strtoull(const char *s, const char **end)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (s[0] == '0') {
		base = 8;
		if ((s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2])) {
			base = 16;
			s += 2;
		}
	}
	for (;; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (unsigned)((*s | 0x20) - 'a' + 10);
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	*end = s;
	return v;
}

uint64_t
cmdline_memparse(const char *s, const char **end)
{
	const char *e;
	uint64_t v = kernel_strtoull(s, &e);

	switch (*e) {
	case 'E': case 'e': v <<= 10; /* fall through */
	case 'P': case 'p': v <<= 10; /* fall through */
	case 'T': case 't': v <<= 10; /* fall through */
	case 'G': case 'g': v <<= 10; /* fall through */
	case 'M': case 'm': v <<= 10; /* fall through */
	case 'K': case 'k': v <<= 10;
		e++;
		break;
	default:
		break;
	}
	*end = e;
	return v;
}

static struct early_opt *
add_opt(struct cmdline_opts *o, const char *function, const char *name, const char *val)
{
	struct early_opt *m;

	o->early = xrealloc(o->early, (o->nr_early + 1) * sizeof(o->early[0]));
	m = &o->early[o->nr_early++];
	memset(m, 0, sizeof(*m));
	m->function = function;
	snprintf(m->text, sizeof(m->text), "%s%s%s", name, val ? "=" : "", val ? val : "");
	return m;
}

static void
warn(struct early_opt *m, const char *line)
{
	if (m->nr_warn < sizeof(m->warn) / sizeof(m->warn[0]))
		snprintf(m->warn[m->nr_warn++], sizeof(m->warn[0]), "%s", line);
}

#define MALFORMED(name) "Malformed early option '" name "'"

static void
parse_memopt(struct cmdline_opts *o, const char *val, bool x86_32)
{
	struct early_opt *m = add_opt(o, "parse_memopt", "mem", val);
	const char *e;

	if (!val) {
		warn(m, MALFORMED("mem"));
		return;
	}
	if (strcmp(val, "nopentium") == 0) {
		/* x86_32 turns off large pages; x86_64 has no such option */
		if (!x86_32) {
			warn(m, "mem=nopentium ignored! (only supported on x86_32)");
			warn(m, MALFORMED("mem"));
		}
		return;
	}
	m->userdef = true;
	m->size = cmdline_memparse(val, &e);
	/* junk after the size is not looked at; a zero size removes nothing */
	if (m->size == 0)
		warn(m, MALFORMED("mem"));
	else
		m->kind = MEMMAP_LIMIT;
}

static void
parse_memmap_one(struct cmdline_opts *o, const char *p)
{
	struct early_opt *m = add_opt(o, "parse_memmap_opt", "memmap", p);
	const char *e;

	if (strncmp(p, "exactmap", 8) == 0) {
		m->kind = MEMMAP_EXACTMAP;
		m->userdef = true;
		return;
	}
	m->size = cmdline_memparse(p, &e);
	if (e == p)
		return;		/* no size: ignored, the map is not user-defined */
	m->userdef = true;
	switch (*e) {
	case '@': m->type = E820_TYPE_RAM; break;
	case '#': m->type = E820_TYPE_ACPI; break;
	case '$': m->type = E820_TYPE_RESERVED; break;
	case '!': m->type = E820_TYPE_PRAM; break;
	case '%':
		m->start = cmdline_memparse(e + 1, &e);
		if (*e == '-')
			m->old_type = (uint32_t)kernel_strtoull(e + 1, &e);
		if (*e == '+')
			m->new_type = (uint32_t)kernel_strtoull(e + 1, &e);
		/* checked before anything is changed */
		m->kind = *e ? MEMMAP_NONE : MEMMAP_RETYPE;
		return;
	default:
		m->kind = MEMMAP_LIMIT;
		return;
	}
	/* the range is added even with junk after it */
	m->start = cmdline_memparse(e + 1, &e);
	m->kind = MEMMAP_ADD;
}

static void
parse_memmap_opt(struct cmdline_opts *o, char *val)
{
	while (val) {
		char *k = strchr(val, ',');

		if (k)
			*k++ = '\0';
		parse_memmap_one(o, val);
		val = k;
	}
}

/* One word of the line as next_arg() cuts it: *param and *val (NULL
 * without '=') point into the word, NUL-terminated; returns the rest. */
static char *
next_arg(char *args, char **param, char **val)
{
	size_t i, equals = 0;
	bool in_quote = false, quoted = false;

	if (*args == '"') {
		args++;
		in_quote = quoted = true;
	}
	for (i = 0; args[i]; i++) {
		if (isspace((unsigned char)args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*param = args;
	*val = NULL;
	if (equals) {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	if (args[i])
		args[i++] = '\0';
	args += i;
	while (isspace((unsigned char)*args))
		args++;
	return args;
}

void
cmdline_parse(const char *cmdline, bool x86_32, struct cmdline_opts *o)
{
	char *line = xstrdup(cmdline), *args = line;

	memset(o, 0, sizeof(*o));
	while (isspace((unsigned char)*args))
		args++;
	while (*args) {
		char *param, *val;

		args = next_arg(args, &param, &val);
		if (!val && strcmp(param, "--") == 0)
			break;		/* the rest is for init */
		if (strcmp(param, "mem") == 0) {
			parse_memopt(o, val, x86_32);
		} else if (strcmp(param, "memmap") == 0) {
			parse_memmap_opt(o, val);
		} else if (strcmp(param, "numa") == 0) {
			if (!val)
				warn(add_opt(o, "numa_setup", "numa", NULL), MALFORMED("numa"));
			else if (strncmp(val, "off", 3) == 0)
				o->numa_off = true;
		} else if (strcmp(param, "memblock") == 0) {
			if (val && strstr(val, "debug"))
				o->memblock_debug = true;
		}
	}
	free(line);
}

void
cmdline_release(struct cmdline_opts *o)
{
	free(o->early);
	memset(o, 0, sizeof(*o));
}
