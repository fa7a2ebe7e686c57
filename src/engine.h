/*
 * engine.h - the boot engine's public face.
 *
 * engine_new() replays the whole boot of a machine once, as an ordered list
 * of steps. Every step records its phase, the kernel function that does
 * it, a one-line narration, the log lines it printed and the physical
 * ranges it touched, and the boot state right after it. States are
 * immutable and share every component a step did not change (copy on
 * write), so going to any step, forward or back, is a pointer lookup and
 * the memory used scales with regions, sections runs and free ranges,
 * never with pages.
 *
 * The UI, the batch mode and the tests all drive the engine through this
 * header and read the state through the component headers it includes.
 */
#ifndef MEMBOOT_ENGINE_H
#define MEMBOOT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bootmem.h"
#include "buddy_state.h"
#include "diag.h"
#include "e820.h"
#include "klog.h"
#include "machine.h"
#include "memblock.h"
#include "numa_state.h"
#include "phase.h"
#include "range_set.h"
#include "sparse_state.h"
#include "zone_state.h"

/* The whole boot state after a step. Every pointer is non-NULL. */
struct boot_state {
	const struct e820_table *e820;
	const struct memblock_type *memory;
	const struct memblock_type *reserved;
	const struct numa_state *numa;
	const struct sparse_state *sparse;
	const struct zone_state *zones;
	const struct buddy_state *buddy;
	const struct bootmem_state *bootmem;	/* i386 bootmem profile; inactive otherwise */
	uint64_t current_limit;
	bool bottom_up;
	uint64_t max_pfn;		/* 0 until e820 has been read */
	uint64_t max_low_pfn;
};

struct boot_step {
	enum boot_phase phase;
	const char *function;		/* kernel function doing the step */
	char *narration;		/* one line, plain text */
	size_t log_first;		/* its log lines: [log_first, log_end) */
	size_t log_end;
	struct span *touched;		/* physical byte ranges, in the order touched */
	size_t nr_touched;
	struct boot_state state;	/* the state right after this step */
};

struct engine;

/* Replay a machine's boot. NULL with err filled when it cannot. The
 * machine is copied; the caller keeps its own. */
struct engine *engine_new(const struct machine *m, struct diag *err);
void engine_free(struct engine *e);

size_t engine_nr_steps(const struct engine *e);
const struct boot_step *engine_step(const struct engine *e, size_t i);

/* Move to step i (clamped); returns the step now current. */
size_t engine_goto(struct engine *e, size_t i);
size_t engine_current(const struct engine *e);
const struct boot_state *engine_state(const struct engine *e);

/* First step of a phase, or engine_nr_steps() when the phase has none. */
size_t engine_phase_first(const struct engine *e, enum boot_phase phase);

/* Every line the boot printed; a step's own are [log_first, log_end). */
const struct klog *engine_log(const struct engine *e);

/* The step that printed log line i (clamped to the last step). */
size_t engine_step_of_line(const struct engine *e, size_t i);

const struct machine *engine_machine(const struct engine *e);

/* The highest physical address the map should show (exclusive): the end
 * of RAM or of the last e820 entry below 4 GiB, whichever is higher. */
uint64_t engine_phys_end(const struct engine *e);

/* What the state knows about one pfn, for the map cursor. */
struct pfn_info {
	uint64_t pfn;
	int e820_index;			/* -1: not in the e820 table */
	uint32_t e820_type;
	int memory_index;		/* -1: not memblock memory */
	int reserved_index;		/* -1: not reserved */
	int nid;			/* -1: unknown yet */
	uint64_t section_nr;
	uint32_t section_flags;		/* SECTION_* bits, 0 before sparse */
	int zone;			/* enum zone_type, -1 when none */
	bool is_free;			/* in a free block of the buddy */
	uint64_t block_pfn;		/* its block's first pfn */
	unsigned block_order;
	uint64_t buddy_pfn;		/* block_pfn ^ (1 << order) */
	bool deferred;			/* left for deferred struct page init */
};

void engine_pfn_info(const struct engine *e, const struct boot_state *s,
		     uint64_t pfn, struct pfn_info *out);

#endif
