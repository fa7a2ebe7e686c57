/*
 * boot_record.h - what a boot sequence tells the engine, which records
 * it: a step closed, or a physical range was touched. engine.c
 * implements both; the boot knows the engine only through them.
 */
#ifndef MEMBOOT_BOOT_RECORD_H
#define MEMBOOT_BOOT_RECORD_H

#include <stdint.h>

#include "boot_work.h"
#include "phase.h"

struct engine;

/* Close the open step (everything since the last one): snapshot what
 * of w changed and keep the step's phase, kernel function (a string
 * literal, kept as is) and narration (copied). */
void engine_record_step(struct engine *e, const struct boot_work *w, enum boot_phase phase,
			const char *function, const char *narration);

/* Note a physical byte range [start, end) the open step touched. */
void engine_record_touch(struct engine *e, uint64_t start, uint64_t end);

#endif
