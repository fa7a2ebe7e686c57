/*
 * test_state.c - deep copies of boot states and their comparison, with
 * each component's own copy and equality (what the engine's snapshots
 * use too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_state.h"

void
state_copy_take(struct state_copy *c, const struct boot_state *s)
{
	e820_table_copy(&c->e820, s->e820);
	memblock_type_copy(&c->memory, s->memory);
	memblock_type_copy(&c->reserved, s->reserved);
	numa_state_copy(&c->numa, s->numa);
	sparse_state_copy(&c->sparse, s->sparse);
	zone_state_copy(&c->zones, s->zones);
	buddy_state_copy(&c->buddy, s->buddy);
	bootmem_state_copy(&c->bootmem, s->bootmem);
	c->current_limit = s->current_limit;
	c->bottom_up = s->bottom_up;
	c->max_pfn = s->max_pfn;
	c->max_low_pfn = s->max_low_pfn;
}

void
state_copy_release(struct state_copy *c)
{
	e820_table_release(&c->e820);
	memblock_type_release(&c->memory);
	memblock_type_release(&c->reserved);
	numa_state_release(&c->numa);
	sparse_state_release(&c->sparse);
	zone_state_release(&c->zones);
	buddy_state_release(&c->buddy);
	bootmem_state_release(&c->bootmem);
}

void
assert_state_matches_copy(const struct boot_state *s, const struct state_copy *c, size_t step)
{
	const char *differs = NULL;

	if (!e820_table_equal(s->e820, &c->e820))
		differs = "e820";
	else if (!memblock_type_equal(s->memory, &c->memory))
		differs = "memblock.memory";
	else if (!memblock_type_equal(s->reserved, &c->reserved))
		differs = "memblock.reserved";
	else if (!numa_state_equal(s->numa, &c->numa))
		differs = "numa";
	else if (!sparse_state_equal(s->sparse, &c->sparse))
		differs = "sparse";
	else if (!zone_state_equal(s->zones, &c->zones))
		differs = "zones";
	else if (!buddy_state_equal(s->buddy, &c->buddy))
		differs = "buddy";
	else if (!bootmem_state_equal(s->bootmem, &c->bootmem))
		differs = "bootmem";
	else if (s->current_limit != c->current_limit || s->bottom_up != c->bottom_up)
		differs = "memblock limit or direction";
	else if (s->max_pfn != c->max_pfn || s->max_low_pfn != c->max_low_pfn)
		differs = "max_pfn";
	if (differs)
		fail_msg("step %zu: %s differs from its deep copy", step, differs);
}
