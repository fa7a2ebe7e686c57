/*
 * boot_replay.h - the machine file's e820 events and memblock operations,
 * replayed at their hook points (boot_replay.c).
 */
#ifndef MEMBOOT_BOOT_REPLAY_H
#define MEMBOOT_BOOT_REPLAY_H

#include <stdbool.h>

#include "boot_ctx.h"

/* The e820 changes listed for hook, each a step; whether there were any. */
bool e820_events(struct boot_ctx *b, enum e820_event_hook hook);

/* The memblock operations listed for hook, each a step. */
void run_hook(struct boot_ctx *b, enum boot_hook hook);

#endif
