/*
 * boot.h - the boot sequence (setup_arch through mem_init) acting on the
 * engine's working state; internal to the engine.
 */
#ifndef MEMBOOT_BOOT_H
#define MEMBOOT_BOOT_H

#include "bootmem.h"
#include "buddy.h"
#include "cmdline.h"
#include "diag.h"
#include "e820.h"
#include "klog.h"
#include "machine.h"
#include "memblock.h"
#include "numa.h"
#include "sparse.h"
#include "zone.h"

struct engine;

/* The mutable state the boot works on; engine.c snapshots it per step. */
struct boot_work {
	struct klog log;
	struct e820_table e820;
	struct memblock mb;
	struct numa_state numa;
	struct sparse_state sparse;
	struct zone_state zones;
	struct buddy_state buddy;
	struct bootmem_state bootmem;
	uint64_t max_pfn;
	uint64_t max_low_pfn;
};

/* Run the whole boot of m into w, recording steps into e.
 * 0, or -1 with err filled. */
int boot_run(struct engine *e, struct boot_work *w, const struct machine *m,
	     struct diag *err);

/* boot_bootmem.c: the i386 bootmem boot (2.4/2.6 before 2.6.27), called by
 * boot_run when the profile says bootmem. 0, or -1 with err filled. */
int boot_bootmem_run(struct engine *e, struct boot_work *w, const struct machine *m,
		     struct diag *err);

/* The firmware's e820 entries into the working table, sanitised (what
 * both boot sequences start with). 0, or -1 with err. */
int boot_copy_e820(struct boot_work *w, const struct machine *m, struct diag *err);

/*
 * What every boot sequence uses to close a step and note what it touched,
 * given a handle b with members e (engine), w (boot_work) and phase.
 */
void boot_step(struct engine *e, const struct boot_work *w, int phase, const char *function,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void boot_touch(struct engine *e, uint64_t start, uint64_t end);
#define step(b, ...)	boot_step((b)->e, (b)->w, (b)->phase, __VA_ARGS__)
#define touch(b, s, x)	boot_touch((b)->e, (s), (x))
#define LOG(b)		(&(b)->w->log)

/* engine.c: close the current step (everything since the last one). */
void engine_record_step(struct engine *e, const struct boot_work *w, int phase,
			const char *function, const char *narration);
/* engine.c: note a physical byte range the current step touched. */
void engine_record_touch(struct engine *e, uint64_t start, uint64_t end);

#endif
