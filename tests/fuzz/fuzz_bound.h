/*
 * fuzz_bound.h - the harnesses' bound on the engine's work per input: the
 * engine's time grows with the memory it maps (64 TiB takes 1.5 s in a
 * normal build, over 30 s under ASan and coverage), so a machine with
 * more than FUZZ_MAX_RAM of RAM is loaded but not replayed.
 */
#ifndef MEMBOOT_FUZZ_BOUND_H
#define MEMBOOT_FUZZ_BOUND_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

#define FUZZ_MAX_RAM (UINT64_C(4) << 40)

static inline uint64_t
fuzz_add_sat(uint64_t a, uint64_t b)
{
	return b < UINT64_MAX - a ? a + b : UINT64_MAX;
}

/* True when the RAM the e820 table, its replayed changes and the
 * memblock_add calls give is small enough to replay. */
static inline bool
fuzz_engine_bounded(const struct machine *m)
{
	uint64_t ram = 0;

	for (size_t i = 0; i < m->nr_e820; i++)
		if (m->e820[i].type == E820_TYPE_RAM)
			ram = fuzz_add_sat(ram, m->e820[i].size);
	for (size_t i = 0; i < m->nr_e820_events; i++)
		if (m->e820_events[i].new_type == E820_TYPE_RAM)
			ram = fuzz_add_sat(ram, m->e820_events[i].size);
	for (size_t i = 0; i < m->nr_ops; i++)
		if (m->ops[i].kind == MB_OP_ADD)
			ram = fuzz_add_sat(ram, m->ops[i].size);
	return ram <= FUZZ_MAX_RAM;
}

#endif
