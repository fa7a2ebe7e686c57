/*
 * boot_ctx.h - the context every boot sequence file works with: the
 * machine, its kernel's profile and command line, the working state,
 * the phase the steps go to and the engine that records them.
 *
 * The boot is split like the kernel's sources: boot.c is the sequence
 * (start_kernel's order), boot_setup.c setup_arch and e820, boot_numa.c
 * x86 NUMA, boot_sparse.c sparse_init, boot_free_area.c free_area_init,
 * boot_zonelist.c the zonelists and hashes, boot_mem_init.c the hand-over
 * to the buddy allocator, boot_replay.c the machine file's own events,
 * and boot_bootmem.c the whole i386 bootmem boot of 2.4 and 2.6.
 */
#ifndef MEMBOOT_BOOT_CTX_H
#define MEMBOOT_BOOT_CTX_H

#include <stdint.h>

#include "boot_record.h"
#include "boot_work.h"
#include "bootmem_zones.h"
#include "cmdline.h"
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
	struct bootmem_zones zones;	/* the kernel's zone sizes (bootmem_zones.h) */
	uint64_t singles[MAX_NR_ZONES];	/* order-0 frees into each zone */
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

/* The working memblock. */
static inline struct memblock *
MB(struct boot_ctx *b)
{
	return &b->w->mb;
}

/* The log the kernel's lines go to (LOG and MB are upper case only
 * because every call in the boot files spells them so). */
static inline struct klog *
LOG(struct boot_ctx *b)
{
	return &b->w->log;
}

#endif
