/*
 * machine_xml.h - machine descriptions from XML: parse a buffer safely
 * (no network, no DTD, no entities, size cap), validate it against the
 * RelaxNG schema compiled into the program, then check what the schema
 * cannot (ranges, limits) and fill a struct machine.
 */
#ifndef MEMBOOT_MACHINE_XML_H
#define MEMBOOT_MACHINE_XML_H

#include <stddef.h>

#include "diag.h"
#include "machine.h"

/* Largest machine file accepted, in bytes. */
#define MACHINE_XML_MAX_BYTES (16u << 20)

/* Parse buf (len bytes) named filename (for messages). 0 on success;
 * -1 with err naming file, line and element otherwise. m is initialised
 * here (machine_init_defaults) and must be released by the caller even
 * on failure. */
int machine_parse_xml(const char *buf, size_t len, const char *filename,
		      struct machine *m, struct diag *err);

/* The built-in default machine (machines/default.xml). */
int machine_parse_builtin(struct machine *m, struct diag *err);

#endif
