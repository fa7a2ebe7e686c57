/*
 * phase.h - the phases a boot's steps are grouped in, in boot order.
 */
#ifndef MEMBOOT_PHASE_H
#define MEMBOOT_PHASE_H

enum boot_phase {
	PHASE_E820,
	PHASE_MEMBLOCK,
	PHASE_NUMA,
	PHASE_SPARSE,
	PHASE_ZONES,
	PHASE_BUDDY,
	PHASE_COUNT
};

/* Display name ("E820", "memblock", "NUMA", "sparse", "zones", "buddy"). */
const char *phase_name(enum boot_phase phase);

/* Phase by name, case-insensitive; -1 when unknown. */
int phase_from_name(const char *name);

#endif
