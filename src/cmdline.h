/*
 * cmdline.h - the kernel command-line options that change memory layout:
 * mem=, memmap=, numa=off, memblock=debug.
 */
#ifndef MEMBOOT_CMDLINE_H
#define MEMBOOT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum memmap_kind {
	MEMMAP_EXACTMAP,	/* memmap=exactmap: start from an empty table */
	MEMMAP_ADD,		/* nn@ss, nn#ss, nn$ss, nn!ss: add a range of a type */
	MEMMAP_LIMIT,		/* memmap=nn (no address): like mem=nn */
	MEMMAP_RETYPE,		/* nn%ss-old+new: retype, add (no old) or remove (no new) */
};

struct memmap_opt {
	enum memmap_kind kind;
	uint64_t start;
	uint64_t size;
	uint32_t type;		/* MEMMAP_ADD: the new type */
	uint32_t old_type;	/* MEMMAP_RETYPE: 0 = none */
	uint32_t new_type;	/* MEMMAP_RETYPE: 0 = none */
	char text[80];		/* the option as written, for narration */
};

struct cmdline_opts {
	bool memblock_debug;
	bool numa_off;
	bool have_mem;
	uint64_t mem;		/* mem=: keep RAM below this */
	struct memmap_opt *memmap;	/* in command-line order */
	size_t nr_memmap;
};

/* Parse a command line. 0, or -1 with err naming the bad option. */
int cmdline_parse(const char *cmdline, struct cmdline_opts *o, struct diag *err);
void cmdline_release(struct cmdline_opts *o);

/* The kernel's memparse(): a number with an optional K/M/G/T/P/E suffix.
 * Returns the value and sets *end past what was read. */
uint64_t cmdline_memparse(const char *s, const char **end);

#endif
