/*
 * machine_xml_loader.h - the third pass of reading a machine file, shared
 * by its parts: the walk's state, and the readers that convert an
 * element's attributes and text, checking them and naming the element and
 * line in the error (machine_xml_values.c).
 */
#ifndef MEMBOOT_MACHINE_XML_LOADER_H
#define MEMBOOT_MACHINE_XML_LOADER_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "diag.h"
#include "machine.h"

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

/* An attribute's value; NULL when absent. Free with xmlFree. */
char *mx_attr(xmlNodePtr n, const char *name);

bool mx_has_attr(xmlNodePtr n, const char *name);

/* Record an error at element n; always returns -1. */
int mx_fail(struct loader *ld, xmlNodePtr n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

int mx_missing(struct loader *ld, xmlNodePtr n, const char *name);

/* Read attribute name as a number into *out; absent leaves *out alone. */
int mx_get_u64(struct loader *ld, xmlNodePtr n, const char *name,
	       enum num_form form, uint64_t *out);

/* The same, bounded by max. */
int mx_get_bounded(struct loader *ld, xmlNodePtr n, const char *name,
		   enum num_form form, uint64_t max, uint64_t *out);

int mx_get_u32(struct loader *ld, xmlNodePtr n, const char *name,
	       enum num_form form, uint32_t *out);

/* A u32 attribute in [min, max]. */
int mx_get_u32_in(struct loader *ld, xmlNodePtr n, const char *name,
		  uint32_t min, uint32_t max, uint32_t *out);

int mx_get_bool(struct loader *ld, xmlNodePtr n, const char *name, bool *out);

/* A size (bytes) that the machine stores in KiB. */
int mx_get_kib(struct loader *ld, xmlNodePtr n, const char *name, uint64_t *kib);

/* An address range: start with end (inclusive) or size. */
int mx_get_range(struct loader *ld, xmlNodePtr n, uint64_t *start, uint64_t *size);

/* Text content with leading and trailing space removed (xmlFree it). */
char *mx_text(xmlNodePtr n);

/* Text content with every run of white space made one space. */
char *mx_text_collapsed(xmlNodePtr n);

char *mx_text_dup(xmlNodePtr n, bool collapse);

bool mx_is_element(xmlNodePtr n, const char *name);

/* <memblock>: the early allocations and frees of each boot hook
 * (machine_xml_memblock.c). */
int mx_load_memblock(struct loader *ld, xmlNodePtr n);

#endif
