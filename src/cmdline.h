/*
 * cmdline.h - the kernel command-line options that change memory layout:
 * mem=, memmap=, numa=off, memblock=debug, read the way 6.1's
 * parse_early_param() hands them to their early_param handlers. The
 * kernel refuses none of them: a malformed one is ignored (and, for mem=,
 * reported), so neither does memboot.
 */
#ifndef MEMBOOT_CMDLINE_H
#define MEMBOOT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum memmap_kind {
	MEMMAP_NONE,		/* ignored: malformed, or a % form with junk after it */
	MEMMAP_EXACTMAP,	/* memmap=exactmap: start from an empty table */
	MEMMAP_ADD,		/* nn@ss, nn#ss, nn$ss, nn!ss: add a range of a type */
	MEMMAP_LIMIT,		/* mem=nn, memmap=nn: remove RAM above nn */
	MEMMAP_RETYPE,		/* nn%ss-old+new: retype, add (no old) or remove (no new) */
};

/* One early option the handlers act on, in command-line order: a mem=,
 * one comma-separated piece of a memmap=, or a malformed numa. */
struct early_opt {
	enum memmap_kind kind;
	bool userdef;		/* the kernel prints the user-defined map afterwards */
	const char *function;	/* the handler: "parse_memopt" or "parse_memmap_opt" */
	uint64_t start;
	uint64_t size;
	uint32_t type;		/* MEMMAP_ADD: the new type */
	uint32_t old_type;	/* MEMMAP_RETYPE: 0 = none */
	uint32_t new_type;	/* MEMMAP_RETYPE: 0 = none */
	char text[80];		/* the option as written, for narration */
	char warn[2][64];	/* pr_warn lines the kernel prints for it */
	unsigned nr_warn;
};

struct cmdline_opts {
	bool memblock_debug;
	bool numa_off;
	struct early_opt *early;		/* mem= and memmap=, in command-line order */
	size_t nr_early;
};

/* Parse a command line for an x86_32 or x86_64 kernel (mem=nopentium
 * differs). Never fails: what the kernel ignores is ignored. */
void cmdline_parse(const char *cmdline, bool x86_32, struct cmdline_opts *o);
void cmdline_release(struct cmdline_opts *o);

/* The kernel's memparse(): simple_strtoull() in base 0 (0x hex, 0 octal,
 * no sign or space, wrapping on overflow) and an optional K/M/G/T/P/E
 * suffix. Returns the value and sets *end past what was read. */
uint64_t cmdline_memparse(const char *s, const char **end);

#endif
