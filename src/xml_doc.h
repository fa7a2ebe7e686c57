/*
 * xml_doc.h - a machine file's XML, parsed safely (network off, no DTD,
 * no entities) and validated against the built-in RelaxNG schema.
 */
#ifndef MEMBOOT_XML_DOC_H
#define MEMBOOT_XML_DOC_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

/* The line of n in its file, 0 if unknown. */
int xml_node_line(xmlNodePtr n);

/* Parse buf into a tree, or NULL with err set (file and line). */
xmlDocPtr xml_doc_parse(const char *buf, size_t len, const char *file, struct diag *err);

/* Validate doc against machines/memboot.rng: 0, or -1 with the first
 * precise error in err. */
int xml_doc_validate(xmlDocPtr doc, const char *file, struct diag *err);

#endif
