/*
 * test_state.h - deep copies of boot states for the tests: a copy owns
 * every component, so it keeps what a state held at the moment it was
 * taken, whatever happens to the engine's snapshots or working state
 * afterwards.
 */
#ifndef MEMBOOT_TEST_STATE_H
#define MEMBOOT_TEST_STATE_H

#include "engine.h"

struct state_copy {
	struct e820_table e820;
	struct memblock_type memory;
	struct memblock_type reserved;
	struct numa_state numa;
	struct sparse_state sparse;
	struct zone_state zones;
	struct buddy_state buddy;
	struct bootmem_state bootmem;
	uint64_t current_limit;
	bool bottom_up;
	uint64_t max_pfn;
	uint64_t max_low_pfn;
};

void state_copy_take(struct state_copy *c, const struct boot_state *s);
void state_copy_release(struct state_copy *c);

/* Fails the test, naming the step and the component, when s differs
 * from the copy c in anything. */
void assert_state_matches_copy(const struct boot_state *s, const struct state_copy *c,
			       size_t step);

#endif
