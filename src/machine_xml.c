/*
 * machine_xml.c - machine descriptions from XML.
 *
 * Three passes over one buffer, each of which may fail with one diag:
 *  1. parse with libxml2, network off; SAX hooks stop the parser at the
 *     first entity declaration or at the end of any DOCTYPE, so nothing is
 *     ever declared, expanded or fetched;
 *  2. validate the tree against the RelaxNG schema compiled into the
 *     program (machines/memboot.rng), reporting the first error;
 *  3. walk the tree, convert every value and check what the schema cannot
 *     (ranges, limits, names), filling the struct machine.
 * machines/README.md is the format reference.
 */
#include "machine_xml.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>

#include "builtin.h"
#include "e820.h"
#include "xalloc.h"

/* The first error of the parse or validation pass. */
struct xml_errors {
	const char *file;
	struct diag *err;
	bool failed;
	bool vague;		/* the error kept is a vague schema error */
};

/* State of the tree walk. */
struct loader {
	const char *file;
	struct machine *m;
	struct diag *err;
	uint64_t phys_limit;	/* 1 << max_physmem_bits */
	size_t cap_e820, cap_mem, cap_cpu, cap_ops, cap_ev;
};

enum num_form {
	NUM_PLAIN,		/* decimal or 0x hex */
	NUM_SIZE,		/* the same with an optional K/M/G/T suffix */
};

/* ------------------------------------------------------------- messages */

/* libxml2 messages end in a newline; copy without it. */
static void
copy_message(char *buf, size_t len, const char *msg)
{
	size_t n;

	snprintf(buf, len, "%s", msg ? msg : "unknown error");
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' ' ||
			 buf[n - 1] == '.'))
		buf[--n] = '\0';
}

static int
node_line(xmlNodePtr n)
{
	long line = xmlGetLineNo(n);

	return line > 0 && line < INT32_MAX ? (int)line : 0;
}

/* ---------------------------------------------------------- pass 1: parse */

static struct xml_errors *
ctxt_errors(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

/* Mark the parse failed; true when this is its first error. */
static bool
first_error(void *ctx)
{
	struct xml_errors *xe = ctxt_errors(ctx);
	bool first = !xe->failed;

	xe->failed = true;
	return first;
}

/* A DTD was read to its end or declares something: stop there. */
static void
reject_dtd(void *ctx)
{
	if (first_error(ctx))
		diag_set(ctxt_errors(ctx)->err, ctxt_errors(ctx)->file,
			 xmlSAX2GetLineNumber(ctx), "A DOCTYPE declaration is "
			 "not allowed in a machine file.");
	xmlStopParser(ctx);
}

/* An entity is being declared: stop before it can be used. */
static void
reject_entity(void *ctx, const xmlChar *name)
{
	if (first_error(ctx))
		diag_set(ctxt_errors(ctx)->err, ctxt_errors(ctx)->file,
			 xmlSAX2GetLineNumber(ctx), "Entity \"%s\" is declared, "
			 "but a machine file may not declare entities or have "
			 "a DOCTYPE.", (const char *)name);
	xmlStopParser(ctx);
}

static void
sax_parse_error(void *ctx, xmlErrorPtr e)
{
	char msg[DIAG_MSG_LEN];

	if (e->level < XML_ERR_ERROR || !first_error(ctx))
		return;
	copy_message(msg, sizeof(msg), e->message);
	diag_set(ctxt_errors(ctx)->err, ctxt_errors(ctx)->file, e->line,
		 "The file is not well-formed XML: %s.", msg);
}

/* Called once the whole DOCTYPE has been read: always an error here. */
static void
sax_external_subset(void *ctx, const xmlChar *name, const xmlChar *public_id,
		    const xmlChar *system_id)
{
	(void)name, (void)public_id, (void)system_id;
	reject_dtd(ctx);
}

static void
sax_entity_decl(void *ctx, const xmlChar *name, int type,
		const xmlChar *public_id, const xmlChar *system_id,
		xmlChar *content)
{
	(void)type, (void)public_id, (void)system_id, (void)content;
	reject_entity(ctx, name);
}

static void
sax_unparsed_entity_decl(void *ctx, const xmlChar *name,
			 const xmlChar *public_id, const xmlChar *system_id,
			 const xmlChar *notation)
{
	(void)public_id, (void)system_id, (void)notation;
	reject_entity(ctx, name);
}

/* Comments and processing instructions inside a DOCTYPE's internal subset
 * would hang off a DTD node, and no DTD node is built: libxml2 would leak
 * them. They are dropped there; elsewhere the tree keeps them. */
static void
sax_comment(void *ctx, const xmlChar *value)
{
	if (!((xmlParserCtxtPtr)ctx)->inSubset)
		xmlSAX2Comment(ctx, value);
}

static void
sax_processing_instruction(void *ctx, const xmlChar *target, const xmlChar *data)
{
	if (!((xmlParserCtxtPtr)ctx)->inSubset)
		xmlSAX2ProcessingInstruction(ctx, target, data);
}

/*
 * Parse buf into a tree. Only XML_PARSE_NONET, plus BIG_LINES so that
 * messages name the right line past 65535; never NOENT, DTDLOAD or HUGE.
 */
static xmlDocPtr
parse(const char *buf, size_t len, const char *file, struct diag *err)
{
	struct xml_errors xe = { .file = file, .err = err };
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (!ctxt) {
		diag_set(err, file, 0, "Out of memory while parsing the file.");
		return NULL;
	}
	ctxt->_private = &xe;
	ctxt->sax->serror = sax_parse_error;
	/* No DTD node is built. An entity declaration stops the parser
	 * before the entity can be used (and is named in the message); any
	 * other DOCTYPE stops it where the DOCTYPE ends, before the root. */
	ctxt->sax->internalSubset = NULL;
	ctxt->sax->externalSubset = sax_external_subset;
	ctxt->sax->entityDecl = sax_entity_decl;
	ctxt->sax->unparsedEntityDecl = sax_unparsed_entity_decl;
	ctxt->sax->comment = sax_comment;
	ctxt->sax->processingInstruction = sax_processing_instruction;
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, file, NULL,
				XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	if (!doc && !xe.failed) {
		xe.failed = true;
		diag_set(err, file, 0, "The file could not be parsed as XML.");
	}
	xmlFreeParserCtxt(ctxt);
	if (xe.failed) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* ------------------------------------------------------- pass 2: schema */

/* libxml2 follows a precise schema error with vaguer ones about the
 * enclosing patterns, and sometimes puts a vague one first. */
static bool
vague(const char *msg)
{
	return strstr(msg, "Invalid sequence in interleave") ||
	       strstr(msg, "failed to validate content");
}

/* Keep the first precise error (or the first error if none is precise). */
static void
schema_error(void *data, xmlErrorPtr e)
{
	struct xml_errors *xe = data;
	xmlNodePtr n = e->node;
	char msg[DIAG_MSG_LEN];

	if (e->level < XML_ERR_ERROR || (xe->failed && !xe->vague))
		return;
	copy_message(msg, sizeof(msg), e->message);
	if (xe->failed && vague(msg))
		return;
	xe->failed = true;
	xe->vague = vague(msg);
	if (!n || n->type != XML_ELEMENT_NODE)
		diag_set(xe->err, xe->file, e->line,
			 "The machine schema is not followed: %s.", msg);
	else if (strstr(msg, "failed to validate attributes"))
		/* libxml2 says no more; say what it can be */
		diag_set(xe->err, xe->file, node_line(n),
			 "In <%s>, a required attribute is missing or a value "
			 "does not have the form the machine schema allows.",
			 (const char *)n->name);
	else
		diag_set(xe->err, xe->file, node_line(n),
			 "In <%s>, the machine schema is not followed: %s.",
			 (const char *)n->name, msg);
}

static void
schema_parse_error(void *data, xmlErrorPtr e)
{
	struct xml_errors *xe = data;
	char msg[DIAG_MSG_LEN];

	if (xe->failed || e->level < XML_ERR_ERROR)
		return;
	xe->failed = true;
	copy_message(msg, sizeof(msg), e->message);
	diag_set(xe->err, NULL, 0,
		 "The built-in machine schema is broken (line %d): %s.",
		 e->line, msg);
}

static int
validate(xmlDocPtr doc, const char *file, struct diag *err)
{
	struct xml_errors xe = { .file = file, .err = err };
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGValidCtxtPtr vctxt;
	xmlRelaxNGPtr schema;
	int rc;

	pctxt = xmlRelaxNGNewMemParserCtxt(builtin_schema_rng,
					   (int)strlen(builtin_schema_rng));
	if (!pctxt) {
		diag_set(err, NULL, 0, "Out of memory while loading the schema.");
		return -1;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, schema_parse_error, &xe);
	schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (!schema) {
		if (!xe.failed)
			diag_set(err, NULL, 0, "The built-in machine schema is broken.");
		return -1;
	}
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	if (!vctxt) {
		xmlRelaxNGFree(schema);
		diag_set(err, NULL, 0, "Out of memory while loading the schema.");
		return -1;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, schema_error, &xe);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	if (rc != 0 && !xe.failed)
		diag_set(err, file, 0, "The machine schema is not followed.");
	return rc == 0 ? 0 : -1;
}

/* ------------------------------------------------------- values */

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
static char *
attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

static bool
has_attr(xmlNodePtr n, const char *name)
{
	return xmlHasNsProp(n, (const xmlChar *)name, NULL) != NULL;
}

static int
fail(struct loader *ld, xmlNodePtr n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record an error at element n; always returns -1. */
static int
fail(struct loader *ld, xmlNodePtr n, const char *fmt, ...)
{
	char msg[DIAG_MSG_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_set(ld->err, ld->file, node_line(n), "In <%s>, %s",
		 (const char *)n->name, msg);
	return -1;
}

static int
missing(struct loader *ld, xmlNodePtr n, const char *name)
{
	return fail(ld, n, "attribute \"%s\" is missing.", name);
}

/* Read attribute name as a number into *out; absent leaves *out alone. */
static int
get_u64(struct loader *ld, xmlNodePtr n, const char *name,
	enum num_form form, uint64_t *out)
{
	char *s = attr(n, name);
	int rc;

	if (!s)
		return 0;
	rc = parse_u64(s, form, out);
	if (rc == -1)
		fail(ld, n, "%s \"%s\" is not a number%s.", name, s,
		     form == NUM_SIZE ? " (decimal or 0x hex, optional K/M/G/T)" :
		     " (decimal or 0x hex)");
	else if (rc == -2)
		fail(ld, n, "%s \"%s\" does not fit in 64 bits.", name, s);
	xmlFree(s);
	return rc ? -1 : 0;
}

/* The same, bounded by max. */
static int
get_bounded(struct loader *ld, xmlNodePtr n, const char *name,
	    enum num_form form, uint64_t max, uint64_t *out)
{
	uint64_t v = *out;

	if (get_u64(ld, n, name, form, &v))
		return -1;
	if (v > max)
		return fail(ld, n, "%s \"%" PRIu64 "\" is larger than %" PRIu64 ".",
			    name, v, max);
	*out = v;
	return 0;
}

static int
get_u32(struct loader *ld, xmlNodePtr n, const char *name,
	enum num_form form, uint32_t *out)
{
	uint64_t v = *out;

	if (get_bounded(ld, n, name, form, UINT32_MAX, &v))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* A u32 attribute in [min, max]. */
static int
get_u32_in(struct loader *ld, xmlNodePtr n, const char *name,
	   uint32_t min, uint32_t max, uint32_t *out)
{
	uint32_t v = *out;

	if (get_u32(ld, n, name, NUM_PLAIN, &v))
		return -1;
	if (v < min || v > max)
		return fail(ld, n, "%s \"%" PRIu32 "\" is outside %" PRIu32
			    "..%" PRIu32 ".", name, v, min, max);
	*out = v;
	return 0;
}

static int
get_bool(struct loader *ld, xmlNodePtr n, const char *name, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	char *s = attr(n, name);
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
		fail(ld, n, "%s \"%s\" is not yes or no.", name, s);
	xmlFree(s);
	return rc;
}

/* A size (bytes) that the machine stores in KiB. */
static int
get_kib(struct loader *ld, xmlNodePtr n, const char *name, uint64_t *kib)
{
	uint64_t v = *kib << 10;

	if (get_u64(ld, n, name, NUM_SIZE, &v))
		return -1;
	if (v & 1023)
		return fail(ld, n, "%s \"%" PRIu64 "\" is not a whole number "
			    "of KiB (write it like \"639K\").", name, v);
	*kib = v >> 10;
	return 0;
}

/* An address range: start with end (inclusive) or size. */
static int
get_range(struct loader *ld, xmlNodePtr n, uint64_t *start, uint64_t *size)
{
	uint64_t last;

	if (!has_attr(n, "start"))
		return missing(ld, n, "start");
	if (get_u64(ld, n, "start", NUM_SIZE, start))
		return -1;
	if (has_attr(n, "end")) {
		if (get_u64(ld, n, "end", NUM_SIZE, &last))
			return -1;
		if (last < *start)
			return fail(ld, n, "end \"%#" PRIx64 "\" is before "
				    "start \"%#" PRIx64 "\".", last, *start);
		if (last - *start == UINT64_MAX)
			return fail(ld, n, "the range [%#" PRIx64 "-%#" PRIx64
				    "] covers the whole 64-bit space.",
				    *start, last);
		*size = last - *start + 1;
	} else {
		if (!has_attr(n, "size"))
			return missing(ld, n, "end\" or \"size");
		if (get_u64(ld, n, "size", NUM_SIZE, size))
			return -1;
		if (*size == 0)
			return fail(ld, n, "size \"0\" makes an empty range.");
		if (*size - 1 > UINT64_MAX - *start)
			return fail(ld, n, "start \"%#" PRIx64 "\" plus size "
				    "\"%#" PRIx64 "\" overflows 64 bits.",
				    *start, *size);
		last = *start + *size - 1;
	}
	if (last >= ld->phys_limit)
		return fail(ld, n, "the range [%#" PRIx64 "-%#" PRIx64 "] goes "
			    "past the physical address limit %#" PRIx64
			    " (max-physmem-bits \"%" PRIu32 "\").", *start, last,
			    ld->phys_limit, ld->m->build.max_physmem_bits);
	return 0;
}

/* Text content with leading and trailing space removed (xmlFree it). */
static char *
text(xmlNodePtr n)
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
static char *
text_collapsed(xmlNodePtr n)
{
	char *s = text(n), *w = s;

	for (const char *r = s; *r; r++) {
		if (!is_space(*r))
			*w++ = *r;
		else if (w > s && w[-1] != ' ')
			*w++ = ' ';
	}
	*w = '\0';
	return s;
}

static char *
text_dup(xmlNodePtr n, bool collapse)
{
	char *s = collapse ? text_collapsed(n) : text(n);
	char *copy = xstrdup(s);

	xmlFree(s);
	return copy;
}

static bool
is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* ---------------------------------------------------- pass 3: elements */

static int
load_build(struct loader *ld, xmlNodePtr n)
{
	static const char *const models[] = {
		[MEM_MODEL_FLATMEM] = "flatmem",
		[MEM_MODEL_SPARSEMEM] = "sparsemem",
		[MEM_MODEL_SPARSEMEM_VMEMMAP] = "sparsemem-vmemmap",
	};
	struct machine_build *b = &ld->m->build;
	char *model = attr(n, "model");

	if (model) {
		int found = -1;

		for (int i = 0; i < (int)(sizeof(models) / sizeof(models[0])); i++)
			if (strcmp(model, models[i]) == 0)
				found = i;
		if (found < 0)
			fail(ld, n, "model \"%s\" is not flatmem, sparsemem or "
			     "sparsemem-vmemmap.", model);
		else
			b->model = (enum mem_model)found;
		xmlFree(model);
		if (found < 0)
			return -1;
	}
	if (get_u32_in(ld, n, "page-shift", 0, 63, &b->page_shift))
		return -1;
	/* the attribute exists so that a file says what it assumes */
	if (b->page_shift != 12)
		return fail(ld, n, "page-shift \"%u\" is not 12: x86's base pages are "
			    "4 KiB, the only size memboot models.", b->page_shift);
	/* x86: 32 (i386), 36 (PAE), 46 (4-level paging) or 52 (5-level) */
	if (get_u32_in(ld, n, "max-physmem-bits", 32, 52, &b->max_physmem_bits) ||
	    get_u32_in(ld, n, "section-size-bits", b->page_shift,
		       b->max_physmem_bits, &b->section_size_bits) ||
	    get_u32_in(ld, n, "max-order", 1, 20, &b->max_order) ||
	    get_u32_in(ld, n, "pageblock-order", 0, b->max_order - 1,
		       &b->pageblock_order) ||
	    get_u32(ld, n, "struct-page-size", NUM_SIZE, &b->struct_page_size) ||
	    get_u32(ld, n, "mem-section-size", NUM_SIZE, &b->mem_section_size) ||
	    get_u32(ld, n, "usemap-size", NUM_SIZE, &b->usemap_size) ||
	    get_u64(ld, n, "pglist-data-size", NUM_SIZE, &b->pglist_data_size) ||
	    get_u32_in(ld, n, "nodes-shift", 0, 10, &b->nodes_shift) ||
	    get_bool(ld, n, "numa", &b->numa) ||
	    get_bool(ld, n, "deferred-struct-page-init",
		     &b->deferred_struct_page_init) ||
	    get_bool(ld, n, "memory-hotremove", &b->memory_hotremove) ||
	    get_bool(ld, n, "zone-dma", &b->zone_dma) ||
	    get_bool(ld, n, "zone-dma32", &b->zone_dma32) ||
	    get_bool(ld, n, "zone-device", &b->zone_device) ||
	    get_bool(ld, n, "x86-32", &b->x86_32) ||
	    get_u32_in(ld, n, "migrate-types", 1, 8, &b->migrate_types) ||
	    get_u32_in(ld, n, "internode-cache-shift", 0, 12,
		       &b->internode_cache_shift) ||
	    get_bool(ld, n, "randomize-memory", &b->randomize_memory) ||
	    get_u64(ld, n, "lowmem-limit", NUM_SIZE, &b->lowmem_limit) ||
	    get_bool(ld, n, "gbpages", &b->gbpages) ||
	    get_bool(ld, n, "config-5level", &b->config_5level) ||
	    get_bool(ld, n, "debug-bootmem", &b->debug_bootmem))
		return -1;
	/* one page holds SECTIONS_PER_ROOT mem_sections, so a mem_section is
	 * at most a page; struct page and the usemap are small structures */
	if (b->struct_page_size < 1 || b->struct_page_size > 4096)
		return fail(ld, n, "struct-page-size \"%u\" is outside 1..4096 bytes.",
			    b->struct_page_size);
	if (b->mem_section_size < 8 || b->mem_section_size > 4096)
		return fail(ld, n, "mem-section-size \"%u\" is outside 8..4096 bytes (a "
			    "section root is one page of them).", b->mem_section_size);
	if (b->usemap_size < 1 || b->usemap_size > 4096)
		return fail(ld, n, "usemap-size \"%u\" is outside 1..4096 bytes.",
			    b->usemap_size);
	/* mmzone.h's build check: a free block of the top order must fit
	 * in a section */
	if (b->page_shift + b->max_order - 1 > b->section_size_bits)
		return fail(ld, n, "section-size-bits \"%u\" is smaller than a "
			    "max-order block (page-shift %u + max-order %u - 1): "
			    "the kernel does not build so.", b->section_size_bits,
			    b->page_shift, b->max_order);
	return 0;
}

static int
load_kernel(struct loader *ld, xmlNodePtr n)
{
	struct machine_kernel *k = &ld->m->kernel;

	if (get_u64(ld, n, "text", NUM_SIZE, &k->text) ||
	    get_u64(ld, n, "reserve-size", NUM_SIZE, &k->reserve_size) ||
	    get_u64(ld, n, "brk-size", NUM_SIZE, &k->brk_size) ||
	    get_u64(ld, n, "trampoline-size", NUM_SIZE, &k->trampoline_size))
		return -1;
	if (k->reserve_size == 0)
		return fail(ld, n, "reserve-size \"0\" leaves no kernel image.");
	if (k->reserve_size + k->brk_size < k->reserve_size ||
	    k->reserve_size + k->brk_size - 1 > UINT64_MAX - k->text ||
	    k->text + k->reserve_size + k->brk_size > ld->phys_limit)
		return fail(ld, n, "the image at text \"%#" PRIx64 "\" with "
			    "reserve-size \"%#" PRIx64 "\" and brk-size \"%#"
			    PRIx64 "\" goes past the physical address limit.",
			    k->text, k->reserve_size, k->brk_size);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is_element(c, "sizes"))
			continue;
		if (get_kib(ld, c, "code", &k->code_k) ||
		    get_kib(ld, c, "rwdata", &k->rwdata_k) ||
		    get_kib(ld, c, "rodata", &k->rodata_k) ||
		    get_kib(ld, c, "init", &k->init_k) ||
		    get_kib(ld, c, "bss", &k->bss_k))
			return -1;
	}
	return 0;
}

static int
load_initrd(struct loader *ld, xmlNodePtr n)
{
	struct machine_kernel *k = &ld->m->kernel;

	if (get_range(ld, n, &k->initrd_start, &k->initrd_size))
		return -1;
	if (k->initrd_start == 0)
		return fail(ld, n, "start \"0\" is not allowed: the boot "
			    "protocol reads address 0 as no initrd.");
	return 0;
}

static int
load_bios(struct loader *ld, xmlNodePtr n)
{
	struct machine_kernel *k = &ld->m->kernel;
	uint64_t basemem = k->bios_basemem_kb, ebda = k->bios_ebda;

	if (get_kib(ld, n, "basemem", &basemem) ||
	    get_u64(ld, n, "ebda", NUM_SIZE, &ebda) ||
	    get_bool(ld, n, "reserve-regions", &k->reserve_bios_regions))
		return -1;
	if (basemem > 0xffff)
		return fail(ld, n, "basemem \"%" PRIu64 "K\" does not fit in "
			    "the 16-bit BIOS word at 0x413.", basemem);
	if (ebda > 0xffff0 || (ebda & 15))
		return fail(ld, n, "ebda \"%#" PRIx64 "\" is not a real-mode "
			    "segment address (a multiple of 16 below 1 MiB).",
			    ebda);
	k->bios_basemem_kb = (uint32_t)basemem;
	k->bios_ebda = (uint32_t)ebda;
	return 0;
}

static int
e820_type(struct loader *ld, xmlNodePtr n, uint32_t *type)
{
	char *s = attr(n, "type");
	bool named = false;

	if (!s)
		return missing(ld, n, "type");
	for (size_t i = 0; i < e820_nr_types; i++) {
		if (strcmp(s, e820_types[i].xml) == 0) {
			*type = e820_types[i].type;
			named = true;
		}
	}
	xmlFree(s);
	return named ? 0 : get_u32(ld, n, "type", NUM_PLAIN, type);
}

static int
load_e820(struct loader *ld, xmlNodePtr n)
{
	struct machine *m = ld->m;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		struct machine_e820 *e;

		if (!is_element(c, "entry"))
			continue;
		if (m->nr_e820 == MACHINE_MAX_E820)
			return fail(ld, c, "entry %zu is one too many: a machine "
				    "has at most %d e820 entries.",
				    m->nr_e820 + 1, MACHINE_MAX_E820);
		xgrow((void **)&m->e820, &ld->cap_e820, m->nr_e820 + 1,
		      sizeof(*m->e820));
		e = &m->e820[m->nr_e820];
		*e = (struct machine_e820){ .line = node_line(c) };
		if (get_range(ld, c, &e->addr, &e->size) ||
		    e820_type(ld, c, &e->type))
			return -1;
		m->nr_e820++;
	}
	return 0;
}

/* ---------------------------------------------------- e820 events */

/* An optional e820 type attribute; *present tells whether it was there. */
static int
e820_type_opt(struct loader *ld, xmlNodePtr n, const char *name,
	      uint32_t *type, bool *present)
{
	char *s = attr(n, name);

	*present = s != NULL;
	if (!s)
		return 0;
	for (size_t i = 0; i < e820_nr_types; i++) {
		if (strcmp(s, e820_types[i].xml) == 0) {
			*type = e820_types[i].type;
			xmlFree(s);
			return 0;
		}
	}
	xmlFree(s);
	return get_u32(ld, n, name, NUM_PLAIN, type);
}

/* A text attribute copied into a fixed buffer; too long is an error. */
static int
get_text(struct loader *ld, xmlNodePtr n, const char *name, char *buf,
	 size_t len)
{
	char *s = attr(n, name);
	int rc = 0;

	if (!s)
		return 0;
	if (strlen(s) >= len)
		rc = fail(ld, n, "%s \"%s\" is longer than %zu characters.",
			  name, s, len - 1);
	else
		strcpy(buf, s);
	xmlFree(s);
	return rc;
}

/* The fields of one event by its kind. */
static int
load_e820_event_fields(struct loader *ld, xmlNodePtr n,
		       struct machine_e820_event *ev)
{
	bool present = false;

	if (ev->kind == E820_EV_TABLE)
		return get_text(ld, n, "header", ev->header, sizeof(ev->header)) ||
		       get_text(ld, n, "who", ev->who, sizeof(ev->who)) ? -1 : 0;
	if (get_range(ld, n, &ev->start, &ev->size))
		return -1;
	switch (ev->kind) {
	case E820_EV_UPDATE:
		if (!has_attr(n, "from"))
			return missing(ld, n, "from");
		if (!has_attr(n, "to"))
			return missing(ld, n, "to");
		return e820_type_opt(ld, n, "from", &ev->old_type, &present) ||
		       e820_type_opt(ld, n, "to", &ev->new_type, &present) ? -1 : 0;
	case E820_EV_REMOVE:
		if (e820_type_opt(ld, n, "type", &ev->old_type, &present))
			return -1;
		ev->check_type = present;
		return 0;
	default:
		if (!has_attr(n, "type"))
			return missing(ld, n, "type");
		return e820_type_opt(ld, n, "type", &ev->new_type, &present);
	}
}

static int
load_e820_event(struct loader *ld, xmlNodePtr n)
{
	static const char *const kinds[] = {
		[E820_EV_UPDATE] = "update", [E820_EV_REMOVE] = "remove",
		[E820_EV_ADD] = "add", [E820_EV_TABLE] = "table",
	};
	struct machine *m = ld->m;
	struct machine_e820_event *ev;
	char *hook;
	size_t k = 0;

	while (k < sizeof(kinds) / sizeof(kinds[0]) && !is_element(n, kinds[k]))
		k++;
	if (k == sizeof(kinds) / sizeof(kinds[0]))
		return fail(ld, n, "the element is not an e820 event.");
	if (m->nr_e820_events == MACHINE_MAX_E820_EVENTS)
		return fail(ld, n, "event %zu is one too many: a machine has "
			    "at most %d e820 events.", m->nr_e820_events + 1,
			    MACHINE_MAX_E820_EVENTS);
	xgrow((void **)&m->e820_events, &ld->cap_ev, m->nr_e820_events + 1,
	      sizeof(*m->e820_events));
	ev = &m->e820_events[m->nr_e820_events];
	*ev = (struct machine_e820_event){ .kind = (enum e820_event_kind)k,
					   .hook = E820_AT_EARLY,
					   .line = node_line(n) };
	hook = attr(n, "hook");
	if (hook && strcmp(hook, "mtrr") == 0)
		ev->hook = E820_AT_MTRR;
	else if (hook && strcmp(hook, "early") != 0) {
		fail(ld, n, "hook \"%s\" is not early or mtrr.", hook);
		xmlFree(hook);
		return -1;
	}
	xmlFree(hook);
	if (load_e820_event_fields(ld, n, ev))
		return -1;
	m->nr_e820_events++;
	return 0;
}

static int
load_e820_events(struct loader *ld, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && load_e820_event(ld, c))
			return -1;
	return 0;
}

static int
load_srat_mem(struct loader *ld, xmlNodePtr n)
{
	struct machine *m = ld->m;
	struct machine_srat_mem *s;

	if (m->nr_srat_mem == MACHINE_MAX_SRAT)
		return fail(ld, n, "memory affinity %zu is one too many: a "
			    "machine has at most %d.", m->nr_srat_mem + 1,
			    MACHINE_MAX_SRAT);
	xgrow((void **)&m->srat_mem, &ld->cap_mem, m->nr_srat_mem + 1,
	      sizeof(*m->srat_mem));
	s = &m->srat_mem[m->nr_srat_mem];
	*s = (struct machine_srat_mem){ .enabled = true, .line = node_line(n) };
	if (!has_attr(n, "pxm"))
		return missing(ld, n, "pxm");
	if (get_u32(ld, n, "pxm", NUM_PLAIN, &s->pxm) ||
	    get_range(ld, n, &s->base, &s->length) ||
	    get_bool(ld, n, "enabled", &s->enabled) ||
	    get_bool(ld, n, "hotplug", &s->hotplug) ||
	    get_bool(ld, n, "nonvolatile", &s->nonvolatile))
		return -1;
	m->nr_srat_mem++;
	return 0;
}

static int
load_srat_cpu(struct loader *ld, xmlNodePtr n)
{
	struct machine *m = ld->m;
	struct machine_srat_cpu *s;

	if (m->nr_srat_cpu == MACHINE_MAX_CPUS)
		return fail(ld, n, "processor affinity %zu is one too many: a "
			    "machine has at most %d.", m->nr_srat_cpu + 1,
			    MACHINE_MAX_CPUS);
	xgrow((void **)&m->srat_cpu, &ld->cap_cpu, m->nr_srat_cpu + 1,
	      sizeof(*m->srat_cpu));
	s = &m->srat_cpu[m->nr_srat_cpu];
	*s = (struct machine_srat_cpu){ .enabled = true, .line = node_line(n) };
	if (!has_attr(n, "pxm"))
		return missing(ld, n, "pxm");
	if (!has_attr(n, "apic-id"))
		return missing(ld, n, "apic-id");
	if (get_u32(ld, n, "pxm", NUM_PLAIN, &s->pxm) ||
	    get_u32(ld, n, "apic-id", NUM_PLAIN, &s->apic_id) ||
	    get_bool(ld, n, "x2apic", &s->x2apic) ||
	    get_bool(ld, n, "enabled", &s->enabled))
		return -1;
	if (!s->x2apic && s->apic_id > 0xff)
		return fail(ld, n, "apic-id \"%#" PRIx32 "\" needs x2apic=\"yes\" "
			    "(an xAPIC id has 8 bits).", s->apic_id);
	m->nr_srat_cpu++;
	return 0;
}

static int
load_srat(struct loader *ld, xmlNodePtr n)
{
	ld->m->has_srat = true;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_element(c, "memory") && load_srat_mem(ld, c))
			return -1;
		if (is_element(c, "cpu") && load_srat_cpu(ld, c))
			return -1;
	}
	return 0;
}

/* "a, b or c" from a name function, for messages. */
static void
list_names(char *buf, size_t len, const char *(*name)(int), int count)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < count && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i == 0 ? "" : i == count - 1 ? " or " : ", ",
					 name(i));
}

static const char *
hook_name(int i)
{
	return machine_hook_name((enum boot_hook)i);
}

static const char *
api_name(int i)
{
	return machine_alloc_api_name((enum mb_alloc_api)i);
}

static int
api_count(void)
{
	int n = 0;

	while (machine_alloc_api_name((enum mb_alloc_api)n))
		n++;
	return n;
}

/* nid: -1 (NUMA_NO_NODE) or a node below MAX_NUMNODES. */
static int
get_nid(struct loader *ld, xmlNodePtr n, int *nid)
{
	char *s = attr(n, "nid");
	bool none = !s || strcmp(s, "-1") == 0;
	uint64_t v = 0;

	xmlFree(s);
	if (none)
		return 0;
	if (get_bounded(ld, n, "nid", NUM_PLAIN,
			(UINT64_C(1) << ld->m->build.nodes_shift) - 1, &v))
		return -1;
	*nid = (int)v;
	return 0;
}

static int
load_alloc(struct loader *ld, xmlNodePtr n, struct mb_op *op)
{
	char *api = attr(n, "api");

	op->align = 64;		/* SMP_CACHE_BYTES, as memblock_alloc() */
	op->api = MB_API_ALLOC_TRY_NID;
	if (api) {
		int found = machine_alloc_api_from_name(api);
		char names[256];

		if (found < 0) {
			list_names(names, sizeof(names), api_name, api_count());
			fail(ld, n, "api \"%s\" is not one of %s.", api, names);
		}
		xmlFree(api);
		if (found < 0)
			return -1;
		op->api = (enum mb_alloc_api)found;
	}
	op->exact_nid = op->api == MB_API_ALLOC_EXACT_NID_RAW;
	if (!has_attr(n, "size"))
		return missing(ld, n, "size");
	if (get_u64(ld, n, "size", NUM_SIZE, &op->size) ||
	    get_u64(ld, n, "align", NUM_SIZE, &op->align) ||
	    get_u64(ld, n, "min-addr", NUM_SIZE, &op->min_addr) ||
	    get_u64(ld, n, "max-addr", NUM_SIZE, &op->max_addr) ||
	    get_bool(ld, n, "exact-nid", &op->exact_nid))
		return -1;
	if (op->size == 0)
		return fail(ld, n, "size \"0\" allocates nothing.");
	if (op->align == 0 || (op->align & (op->align - 1)))
		return fail(ld, n, "align \"%#" PRIx64 "\" is not a power of "
			    "two.", op->align);
	if (op->max_addr && op->min_addr >= op->max_addr)
		return fail(ld, n, "min-addr \"%#" PRIx64 "\" is not below "
			    "max-addr \"%#" PRIx64 "\".", op->min_addr,
			    op->max_addr);
	return get_nid(ld, n, &op->nid);
}

static int
load_op(struct loader *ld, xmlNodePtr n, enum boot_hook hook)
{
	static const struct {
		const char *name;
		enum mb_op_kind kind;
	} kinds[] = {
		{ "add", MB_OP_ADD }, { "remove", MB_OP_REMOVE },
		{ "reserve", MB_OP_RESERVE }, { "free", MB_OP_FREE },
		{ "alloc", MB_OP_ALLOC }, { "bottom-up", MB_OP_BOTTOM_UP },
	};
	struct machine *m = ld->m;
	struct mb_op *op;
	char *caller;
	size_t k = 0;

	while (k < sizeof(kinds) / sizeof(kinds[0]) && !is_element(n, kinds[k].name))
		k++;
	if (k == sizeof(kinds) / sizeof(kinds[0]))
		return fail(ld, n, "the element is not a memblock operation.");
	if (m->nr_ops == MACHINE_MAX_OPS)
		return fail(ld, n, "operation %zu is one too many: a machine "
			    "has at most %d.", m->nr_ops + 1, MACHINE_MAX_OPS);
	xgrow((void **)&m->ops, &ld->cap_ops, m->nr_ops + 1, sizeof(*m->ops));
	op = &m->ops[m->nr_ops];
	*op = (struct mb_op){ .kind = kinds[k].kind, .hook = hook,
			      .nid = NUMA_NO_NODE, .bottom_up = true,
			      .line = node_line(n) };
	caller = attr(n, "caller");
	if (caller && strlen(caller) >= sizeof(op->caller)) {
		fail(ld, n, "caller \"%s\" is longer than %zu characters.",
		     caller, sizeof(op->caller) - 1);
		xmlFree(caller);
		return -1;
	}
	if (caller) {
		strcpy(op->caller, caller);
		xmlFree(caller);
	}
	if (op->kind == MB_OP_ALLOC) {
		if (load_alloc(ld, n, op))
			return -1;
	} else if (op->kind == MB_OP_BOTTOM_UP) {
		if (get_bool(ld, n, "enable", &op->bottom_up))
			return -1;
	} else if (get_range(ld, n, &op->base, &op->size)) {
		return -1;
	}
	m->nr_ops++;
	return 0;
}

static int
load_memblock(struct loader *ld, xmlNodePtr n)
{
	for (xmlNodePtr at = n->children; at; at = at->next) {
		char *name, names[256];
		int hook;

		if (!is_element(at, "at"))
			continue;
		name = attr(at, "hook");
		if (!name)
			return missing(ld, at, "hook");
		hook = machine_hook_from_name(name);
		if (hook < 0) {
			list_names(names, sizeof(names), hook_name, HOOK_COUNT);
			fail(ld, at, "hook \"%s\" is not one of %s.", name, names);
		}
		xmlFree(name);
		if (hook < 0)
			return -1;
		for (xmlNodePtr c = at->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    load_op(ld, c, (enum boot_hook)hook))
				return -1;
	}
	return 0;
}

static int
load_text(struct loader *ld, xmlNodePtr n)
{
	struct machine *m = ld->m;

	if (is_element(n, "description")) {
		m->description = text_dup(n, true);
	} else if (is_element(n, "kernel-version")) {
		m->kernel_version = text_dup(n, true);
	} else if (is_element(n, "cmdline")) {
		char *s = text(n);
		size_t len = strlen(s);

		if (len >= sizeof(m->cmdline)) {
			xmlFree(s);
			return fail(ld, n, "the command line is %zu bytes long; "
				    "the kernel takes at most %zu.", len,
				    sizeof(m->cmdline) - 1);
		}
		memcpy(m->cmdline, s, len + 1);
		xmlFree(s);
	}
	return 0;
}

/* The children of <machine>; <build> first, since limits depend on it. */
static int
load_machine(struct loader *ld, xmlNodePtr root)
{
	static const struct {
		const char *name;
		int (*load)(struct loader *, xmlNodePtr);
	} parts[] = {
		{ "kernel", load_kernel }, { "initrd", load_initrd },
		{ "bios", load_bios }, { "e820", load_e820 },
		{ "e820-events", load_e820_events },
		{ "srat", load_srat }, { "memblock", load_memblock },
	};
	char *name = attr(root, "name");
	xmlNodePtr c;

	if (!name)
		return missing(ld, root, "name");
	ld->m->name = xstrdup(name);
	xmlFree(name);
	for (c = root->children; c; c = c->next)
		if (is_element(c, "build") && load_build(ld, c))
			return -1;
	ld->phys_limit = UINT64_C(1) << ld->m->build.max_physmem_bits;
	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (load_text(ld, c))
			return -1;
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (is_element(c, parts[i].name) && parts[i].load(ld, c))
				return -1;
	}
	return 0;
}

/* ------------------------------------------------------------- entries */

int
machine_parse_xml(const char *buf, size_t len, const char *filename,
		  struct machine *m, struct diag *err)
{
	struct loader ld = { .file = filename, .m = m, .err = err };
	xmlDocPtr doc;
	xmlNodePtr root;
	int rc = -1;

	machine_init_defaults(m);
	if (filename)
		m->file = xstrdup(filename);
	if (len > MACHINE_XML_MAX_BYTES) {
		diag_set(err, filename, 0, "The file is larger than %u MiB, "
			 "the most a machine file may have.",
			 MACHINE_XML_MAX_BYTES >> 20);
		return -1;
	}
	doc = parse(buf, len, filename, err);
	if (!doc)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (!root) {
		diag_set(err, filename, 0, "The file has no root element.");
	} else if (root->ns || strcmp((const char *)root->name, "machine") != 0) {
		diag_set(err, filename, node_line(root), "The root element is "
			 "<%s>, not <machine>: this is not a memboot machine "
			 "description.", (const char *)root->name);
	} else if (validate(doc, filename, err) == 0) {
		rc = load_machine(&ld, root);
	}
	xmlFreeDoc(doc);
	return rc;
}

int
machine_parse_builtin(struct machine *m, struct diag *err)
{
	return machine_parse_xml(builtin_machine_xml,
				 strlen(builtin_machine_xml),
				 "(built-in default.xml)", m, err);
}
