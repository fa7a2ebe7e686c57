/*
 * xml_doc.c - the first two passes of reading a machine file: parse the
 * buffer with libxml2 so that nothing is ever declared, expanded or
 * fetched, then validate the tree against the RelaxNG schema compiled into
 * the program, each pass keeping its first error as one diag.
 */
#include "xml_doc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>

#include "builtin.h"

/* The first error of the parse or validation pass. */
struct xml_errors {
	const char *file;
	struct diag *err;
	xmlDocPtr doc;		/* the document being validated */
	bool failed;
	bool vague;		/* the error kept is a vague schema error */
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

int
xml_node_line(xmlNodePtr n)
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
xmlDocPtr
xml_doc_parse(const char *buf, size_t len, const char *file, struct diag *err)
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

/* The first element called name (depth first), or NULL. */
static xmlNodePtr
first_element(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next) {
		xmlNodePtr found;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, name) == 0)
			return n;
		found = first_element(n->children, name);
		if (found)
			return found;
	}
	return NULL;
}

/* libxml2 gives "Extra element NAME in interleave" no node and no line:
 * the element it means is the first one of that name. */
static xmlNodePtr
extra_element(const struct xml_errors *xe, const char *msg)
{
	static const char prefix[] = "Extra element ";
	const char *name = msg + sizeof(prefix) - 1, *end;
	char buf[128];

	if (!xe->doc || strncmp(msg, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	end = strchr(name, ' ');
	if (!end || (size_t)(end - name) >= sizeof(buf))
		return NULL;
	memcpy(buf, name, (size_t)(end - name));
	buf[end - name] = '\0';
	return first_element(xmlDocGetRootElement(xe->doc), buf);
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
	if (!n || n->type != XML_ELEMENT_NODE) {
		xmlNodePtr extra = extra_element(xe, msg);

		if (extra)
			diag_set(xe->err, xe->file, xml_node_line(extra),
				 "In <%s>, the machine schema is not followed: %s.",
				 (const char *)extra->name, msg);
		else
			diag_set(xe->err, xe->file, e->line,
				 "The machine schema is not followed: %s.", msg);
	} else if (strstr(msg, "failed to validate attributes"))
		/* libxml2 says no more; say what it can be */
		diag_set(xe->err, xe->file, xml_node_line(n),
			 "In <%s>, a required attribute is missing or a value "
			 "does not have the form the machine schema allows.",
			 (const char *)n->name);
	else
		diag_set(xe->err, xe->file, xml_node_line(n),
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

int
xml_doc_validate(xmlDocPtr doc, const char *file, struct diag *err)
{
	struct xml_errors xe = { .file = file, .err = err, .doc = doc };
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
