/*
 * boot.h - the whole memory boot of a machine, run into the engine's
 * working state; internal to the engine.
 */
#ifndef MEMBOOT_BOOT_H
#define MEMBOOT_BOOT_H

#include "boot_work.h"
#include "diag.h"
#include "machine.h"

struct engine;

/* Run the boot of m into w (initialised here, released by the caller),
 * recording its steps into e. 0, or -1 with err filled. */
int boot_run(struct engine *e, struct boot_work *w, const struct machine *m,
	     struct diag *err);

#endif
