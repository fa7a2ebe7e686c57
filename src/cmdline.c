/*
 * cmdline.c - the memory-layout options of the kernel command line, read
 * the way parse_early_param() hands them to parse_memopt() and
 * parse_memmap_opt().
 */
#include "cmdline.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "xalloc.h"

uint64_t
cmdline_memparse(const char *s, const char **end)
{
	char *e;
	uint64_t v = strtoull(s, &e, 0);

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

static int
parse_memmap_one(struct cmdline_opts *o, const char *p, size_t len, struct diag *err)
{
	struct memmap_opt m = { 0 };
	const char *e;
	char text[64];

	snprintf(text, sizeof(text), "%.*s", (int)(len < 63 ? len : 63), p);
	snprintf(m.text, sizeof(m.text), "memmap=%s", text);
	if (len == 8 && strncmp(p, "exactmap", 8) == 0) {
		m.kind = MEMMAP_EXACTMAP;
		goto add;
	}
	m.size = cmdline_memparse(p, &e);
	if (e == p) {
		diag_set(err, NULL, 0, "bad memmap= option \"%s\" on the kernel command line", text);
		return -1;
	}
	if (e == p + len) {
		m.kind = MEMMAP_LIMIT;
		goto add;
	}
	switch (*e) {
	case '@': m.type = E820_TYPE_RAM; break;
	case '#': m.type = E820_TYPE_ACPI; break;
	case '$': m.type = E820_TYPE_RESERVED; break;
	case '!': m.type = E820_TYPE_PRAM; break;
	case '%': m.kind = MEMMAP_RETYPE; break;
	default:
		diag_set(err, NULL, 0, "bad memmap= option \"%s\" on the kernel command line", text);
		return -1;
	}
	m.start = cmdline_memparse(e + 1, &e);
	if (m.kind == MEMMAP_RETYPE) {
		if (*e == '-')
			m.old_type = (uint32_t)strtoul(e + 1, (char **)&e, 0);
		if (*e == '+')
			m.new_type = (uint32_t)strtoul(e + 1, (char **)&e, 0);
	} else {
		m.kind = MEMMAP_ADD;
	}
	if (e != p + len) {
		diag_set(err, NULL, 0, "bad memmap= option \"%s\" on the kernel command line", text);
		return -1;
	}
add:
	o->memmap = xrealloc(o->memmap, (o->nr_memmap + 1) * sizeof(o->memmap[0]));
	o->memmap[o->nr_memmap++] = m;
	return 0;
}

int
cmdline_parse(const char *cmdline, struct cmdline_opts *o, struct diag *err)
{
	const char *p = cmdline;

	memset(o, 0, sizeof(*o));
	while (*p) {
		const char *w, *val;
		size_t len;

		while (isspace((unsigned char)*p))
			p++;
		w = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		len = (size_t)(p - w);
		if (!len)
			break;
		val = memchr(w, '=', len);
		if (len == 14 && strncmp(w, "memblock=debug", 14) == 0) {
			o->memblock_debug = true;
		} else if (len == 8 && strncmp(w, "numa=off", 8) == 0) {
			o->numa_off = true;
		} else if (val && val - w == 3 && strncmp(w, "mem", 3) == 0) {
			const char *e;

			if (strncmp(val + 1, "nopentium", 9) == 0)
				continue;
			o->mem = cmdline_memparse(val + 1, &e);
			if (e != p || o->mem == 0) {
				diag_set(err, NULL, 0, "bad mem= option \"%.*s\" on the kernel command line",
					 (int)len, w);
				return -1;
			}
			o->have_mem = true;
		} else if (val && val - w == 6 && strncmp(w, "memmap", 6) == 0) {
			const char *q = val + 1;

			/* several ranges may be given with commas */
			while (q < p) {
				const char *c = memchr(q, ',', (size_t)(p - q));
				const char *qe = c ? c : p;

				if (parse_memmap_one(o, q, (size_t)(qe - q), err))
					return -1;
				q = qe + 1;
			}
		}
	}
	return 0;
}

void
cmdline_release(struct cmdline_opts *o)
{
	free(o->memmap);
	memset(o, 0, sizeof(*o));
}
