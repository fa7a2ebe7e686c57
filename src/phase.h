/*
 * phase.h - the phases a boot's steps are grouped in, in boot order.
 */
#ifndef MEMBOOT_PHASE_H
#define MEMBOOT_PHASE_H

/* One row a phase: its enum tail and display name. A new phase is a row
 * here plus the steps that set it. */
#define BOOT_PHASES(X) \
	X(E820, "E820") \
	X(MEMBLOCK, "memblock") \
	X(NUMA, "NUMA") \
	X(SPARSE, "sparse") \
	X(ZONES, "zones") \
	X(BUDDY, "buddy")

enum boot_phase {
#define X(id, name) PHASE_##id,
	BOOT_PHASES(X)
#undef X
	PHASE_COUNT
};

/* Display name ("E820", "memblock", "NUMA", "sparse", "zones", "buddy"). */
const char *phase_name(enum boot_phase phase);

/* "e820, memblock, numa, sparse, zones, buddy": the names in boot order,
 * lower case, for messages and help. */
const char *phase_list(void);

/* Phase by name, case-insensitive; -1 when unknown. */
int phase_from_name(const char *name);

#endif
