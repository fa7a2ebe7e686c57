/*
 * machine_xml_values.c - attribute and text readers for the machine-file
 * loader: numbers with sizes, booleans, ranges below the physical limit,
 * whitespace-collapsed text; each error names the element and its line.
 */
#include "machine_xml_loader.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml_doc.h"
#include "xalloc.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Parse a decimal or 0x-hex number, with a binary K/M/G/T suffix if form
 * is NUM_SIZE; spaces around it are ignored. 0 on success; -1 when s is
 * not such a number; -2 when it does not fit in 64 bits.
 */
static int
parse_u64(const char *s, enum num_form form, uint64_t *out)
{
	unsigned base = 10, shift = 0, digits = 0;
	uint64_t v = 0;

	while (is_space(*s))
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++, digits++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return -2;
		v = v * base + d;
	}
	if (!digits)
		return -1;
	if (form == NUM_SIZE && *s && strchr("KMGT", *s)) {
		shift = 10 * (unsigned)(strchr("KMGT", *s) - "KMGT" + 1);
		s++;
	}
	while (is_space(*s))
		s++;
	if (*s)
		return -1;
	if (shift && v > (UINT64_MAX >> shift))
		return -2;
	*out = v << shift;
	return 0;
}

/* An attribute's value; NULL when absent. Free with xmlFree. */
char *
mx_attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

bool
mx_has_attr(xmlNodePtr n, const char *name)
{
	return xmlHasNsProp(n, (const xmlChar *)name, NULL) != NULL;
}

/* Record an error at element n; always returns -1. */
int
mx_fail(struct loader *ld, xmlNodePtr n, const char *fmt, ...)
{
	char msg[DIAG_MSG_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_set(ld->err, ld->file, xml_node_line(n), "In <%s>, %s",
		 (const char *)n->name, msg);
	return -1;
}

int
mx_missing(struct loader *ld, xmlNodePtr n, const char *name)
{
	return mx_fail(ld, n, "attribute \"%s\" is missing.", name);
}

/* Read attribute name as a number into *out; absent leaves *out alone. */
int
mx_get_u64(struct loader *ld, xmlNodePtr n, const char *name,
	enum num_form form, uint64_t *out)
{
	char *s = mx_attr(n, name);
	int rc;

	if (!s)
		return 0;
	rc = parse_u64(s, form, out);
	if (rc == -1)
		mx_fail(ld, n, "%s \"%s\" is not a number%s.", name, s,
		     form == NUM_SIZE ? " (decimal or 0x hex, optional K/M/G/T)" :
		     " (decimal or 0x hex)");
	else if (rc == -2)
		mx_fail(ld, n, "%s \"%s\" does not fit in 64 bits.", name, s);
	xmlFree(s);
	return rc ? -1 : 0;
}

/* The same, bounded by max. */
int
mx_get_bounded(struct loader *ld, xmlNodePtr n, const char *name,
	    enum num_form form, uint64_t max, uint64_t *out)
{
	uint64_t v = *out;

	if (mx_get_u64(ld, n, name, form, &v))
		return -1;
	if (v > max)
		return mx_fail(ld, n, "%s \"%" PRIu64 "\" is larger than %" PRIu64 ".",
			    name, v, max);
	*out = v;
	return 0;
}

int
mx_get_u32(struct loader *ld, xmlNodePtr n, const char *name,
	enum num_form form, uint32_t *out)
{
	uint64_t v = *out;

	if (mx_get_bounded(ld, n, name, form, UINT32_MAX, &v))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* A u32 attribute in [min, max]. */
int
mx_get_u32_in(struct loader *ld, xmlNodePtr n, const char *name,
	   uint32_t min, uint32_t max, uint32_t *out)
{
	uint32_t v = *out;

	if (mx_get_u32(ld, n, name, NUM_PLAIN, &v))
		return -1;
	if (v < min || v > max)
		return mx_fail(ld, n, "%s \"%" PRIu32 "\" is outside %" PRIu32
			    "..%" PRIu32 ".", name, v, min, max);
	*out = v;
	return 0;
}

int
mx_get_bool(struct loader *ld, xmlNodePtr n, const char *name, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	char *s = mx_attr(n, name);
	int rc = -1;

	if (!s)
		return 0;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			rc = 0;
		} else if (strcmp(s, no[i]) == 0) {
			*out = false;
			rc = 0;
		}
	}
	if (rc)
		mx_fail(ld, n, "%s \"%s\" is not yes or no.", name, s);
	xmlFree(s);
	return rc;
}

/* A size (bytes) that the machine stores in KiB. */
int
mx_get_kib(struct loader *ld, xmlNodePtr n, const char *name, uint64_t *kib)
{
	uint64_t v = *kib << 10;

	if (mx_get_u64(ld, n, name, NUM_SIZE, &v))
		return -1;
	if (v & 1023)
		return mx_fail(ld, n, "%s \"%" PRIu64 "\" is not a whole number "
			    "of KiB (write it like \"639K\").", name, v);
	*kib = v >> 10;
	return 0;
}

/* An address range: start with end (inclusive) or size. */
int
mx_get_range(struct loader *ld, xmlNodePtr n, uint64_t *start, uint64_t *size)
{
	uint64_t last;

	if (!mx_has_attr(n, "start"))
		return mx_missing(ld, n, "start");
	if (mx_get_u64(ld, n, "start", NUM_SIZE, start))
		return -1;
	if (mx_has_attr(n, "end")) {
		if (mx_get_u64(ld, n, "end", NUM_SIZE, &last))
			return -1;
		if (last < *start)
			return mx_fail(ld, n, "end \"%#" PRIx64 "\" is before "
				    "start \"%#" PRIx64 "\".", last, *start);
		if (last - *start == UINT64_MAX)
			return mx_fail(ld, n, "the range [%#" PRIx64 "-%#" PRIx64
				    "] covers the whole 64-bit space.",
				    *start, last);
		*size = last - *start + 1;
	} else {
		if (!mx_has_attr(n, "size"))
			return mx_missing(ld, n, "end\" or \"size");
		if (mx_get_u64(ld, n, "size", NUM_SIZE, size))
			return -1;
		if (*size == 0)
			return mx_fail(ld, n, "size \"0\" makes an empty range.");
		if (*size - 1 > UINT64_MAX - *start)
			return mx_fail(ld, n, "start \"%#" PRIx64 "\" plus size "
				    "\"%#" PRIx64 "\" overflows 64 bits.",
				    *start, *size);
		last = *start + *size - 1;
	}
	if (last >= ld->phys_limit)
		return mx_fail(ld, n, "the range [%#" PRIx64 "-%#" PRIx64 "] goes "
			    "past the physical address limit %#" PRIx64
			    " (max-physmem-bits \"%" PRIu32 "\").", *start, last,
			    ld->phys_limit, ld->m->build.max_physmem_bits);
	return 0;
}

/* Text content with leading and trailing space removed (xmlFree it). */
char *
mx_text(xmlNodePtr n)
{
	char *s = (char *)xmlNodeGetContent(n);
	size_t len, skip = 0;

	if (!s)
		return (char *)xmlStrdup((const xmlChar *)"");
	while (is_space(s[skip]))
		skip++;
	len = strlen(s + skip);
	memmove(s, s + skip, len + 1);
	while (len > 0 && is_space(s[len - 1]))
		s[--len] = '\0';
	return s;
}

/* Text content with every run of white space made one space. */
char *
mx_text_collapsed(xmlNodePtr n)
{
	char *s = mx_text(n), *w = s;

	for (const char *r = s; *r; r++) {
		if (!is_space(*r))
			*w++ = *r;
		else if (w > s && w[-1] != ' ')
			*w++ = ' ';
	}
	*w = '\0';
	return s;
}

char *
mx_text_dup(xmlNodePtr n, bool collapse)
{
	char *s = collapse ? mx_text_collapsed(n) : mx_text(n);
	char *copy = xstrdup(s);

	xmlFree(s);
	return copy;
}

bool
mx_is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* ---------------------------------------------------- pass 3: elements */
