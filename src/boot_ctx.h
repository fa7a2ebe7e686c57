/*
 * boot_ctx.h - the context every boot sequence file works with: the
 * machine, its kernel's profile and command line, the working state,
 * the phase the steps go to and the engine that records them.
 */
#ifndef MEMBOOT_BOOT_CTX_H
#define MEMBOOT_BOOT_CTX_H

#include <stdint.h>

#include "boot_record.h"
#include "boot_work.h"
#include "cmdline.h"
#include "diag.h"
#include "machine.h"
#include "phase.h"
#include "profile.h"

struct boot_ctx {
	struct engine *e;		/* records the steps */
	struct boot_work *w;
	const struct machine *m;
	struct kernel_profile prof;
	struct cmdline_opts opts;
	enum boot_phase phase;		/* of the steps closed now */
	int max_numnodes;		/* MAX_NUMNODES: 1 << NODES_SHIFT, 1 without NUMA */
	/* the bootmem sequence's pfn limits and bitmap, which no view shows */
	uint64_t min_low_pfn;
	uint64_t highstart_pfn, highend_pfn;
	uint64_t bootmap_size;
};

/* Close the step: the phase, the kernel function doing it (a string
 * literal) and a one-line narration, formatted. */
void step(struct boot_ctx *b, const char *function, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Note a physical byte range [start, end) the open step touched; an
 * empty one is not noted. */
static inline void
touch(struct boot_ctx *b, uint64_t start, uint64_t end)
{
	if (end > start)
		engine_record_touch(b->e, start, end);
}

/* The log the kernel's lines go to (upper case only because every
 * print call of the boot files spells it so). */
static inline struct klog *
LOG(struct boot_ctx *b)
{
	return &b->w->log;
}

/* The firmware's e820 entries into the working table, sanitised (what
 * both boot sequences start with). 0, or -1 with err. */
int boot_copy_e820(struct boot_work *w, const struct machine *m, struct diag *err);

/* boot_bootmem.c: the i386 bootmem boot (2.4/2.6 before 2.6.27).
 * 0, or -1 with err filled. */
int boot_bootmem_run(struct boot_ctx *b, struct diag *err);

#endif
