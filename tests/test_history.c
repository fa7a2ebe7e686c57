/*
 * test_history.c - the boot's history, step by step, on machines of the
 * library: facts that hold before and after the kernel function that
 * changes them (found by the step's function or phase, never by number),
 * and every step's snapshot against a deep copy of the working state
 * taken at the moment the step was recorded.
 *
 * The copies come from wrapping engine_record_step at link time
 * (-Wl,--wrap=engine_record_step in Makefile.am): the boot calls the
 * wrapper, which lets the engine record the step and then copies the
 * working state it was given. The engine itself has no test hook. A
 * snapshot that aliased the working state (or shared a component that
 * had changed) would show the final state at earlier steps and fail
 * both kinds of test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "boot_record.h"
#include "engine.h"
#include "test_files.h"
#include "test_state.h"
#include "xalloc.h"

/* ------------------------------------------------------------ recorder */

/* Deep copies of the working state, one per recorded step. */
struct recorder {
	struct state_copy *copies;
	size_t nr;
	size_t cap;
};

static struct recorder *recording;

void __real_engine_record_step(struct engine *e, const struct boot_work *w, enum boot_phase phase,
			       const char *function, const char *narration);
void __wrap_engine_record_step(struct engine *e, const struct boot_work *w, enum boot_phase phase,
			       const char *function, const char *narration);

void
__wrap_engine_record_step(struct engine *e, const struct boot_work *w, enum boot_phase phase,
			  const char *function, const char *narration)
{
	struct boot_state live = {
		.e820 = &w->e820,
		.memory = &w->mb.memory,
		.reserved = &w->mb.reserved,
		.numa = &w->numa,
		.sparse = &w->sparse,
		.zones = &w->zones,
		.buddy = &w->buddy,
		.bootmem = &w->bootmem,
		.current_limit = w->mb.current_limit,
		.bottom_up = w->mb.bottom_up,
		.max_pfn = w->max_pfn,
		.max_low_pfn = w->max_low_pfn,
	};

	__real_engine_record_step(e, w, phase, function, narration);
	if (!recording)
		return;
	xgrow((void **)&recording->copies, &recording->cap, recording->nr + 1,
	      sizeof(recording->copies[0]));
	state_copy_take(&recording->copies[recording->nr++], &live);
}

static void
recorder_release(struct recorder *r)
{
	for (size_t i = 0; i < r->nr; i++)
		state_copy_release(&r->copies[i]);
	free(r->copies);
}

/* ------------------------------------------------------------ machines */

/* Library machines the facts are checked on; bootmem ones have no
 * memblock, no trim_bios_range and no NUMA registration. */
static const struct {
	const char *file;
	bool bootmem;
	int nodes;		/* nodes with memory at the end */
} machines[] = {
	{ "default.xml", false, 1 },
	{ "qemu-pc-128m.xml", false, 1 },
	{ "qemu-pc-2node-4g.xml", false, 2 },
	{ "qemu-q35-4node-16g.xml", false, 4 },
	{ "server-2node.xml", false, 2 },
	{ "i386-bootmem-1g.xml", true, 1 },
	{ "i386-bootmem-4g.xml", true, 1 },
};

#define NR_MACHINES (sizeof(machines) / sizeof(machines[0]))

static struct engine *
boot_file(const char *file)
{
	struct machine m;
	struct diag err = { 0 };
	struct engine *e;

	test_load_machine(file, &m);
	e = engine_new(&m, &err);
	machine_release(&m);
	if (!e)
		fail_msg("%s: %s", file, err.msg);
	return e;
}

static const struct boot_state *
state_at(const struct engine *e, size_t i)
{
	return &engine_step(e, i)->state;
}

static const struct boot_state *
final_state(const struct engine *e)
{
	return state_at(e, engine_nr_steps(e) - 1);
}

/* The first step done by a kernel function; the test fails without one. */
static size_t
step_of(const struct engine *e, const char *file, const char *function)
{
	for (size_t i = 0; i < engine_nr_steps(e); i++)
		if (strcmp(engine_step(e, i)->function, function) == 0)
			return i;
	fail_msg("%s: no step is done by %s", file, function);
	return 0;
}

/* The last step done by a kernel function before step end. */
static size_t
last_step_of(const struct engine *e, const char *file, const char *function, size_t end)
{
	for (size_t i = end; i-- > 0;)
		if (strcmp(engine_step(e, i)->function, function) == 0)
			return i;
	fail_msg("%s: no step before %zu is done by %s", file, end, function);
	return 0;
}

static uint32_t
e820_type_at(const struct boot_state *s, uint64_t addr)
{
	int i = e820_find(s->e820, addr);

	return i < 0 ? 0 : s->e820->entries[i].type;
}

/* ------------------------------------------------------------ facts */

/* Nothing is memblock memory or reserved before the e820 map has been
 * read; at the end both hold the machine's RAM and reservations. */
static void
test_memblock_empty_at_step_0(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		struct engine *e = boot_file(machines[i].file);

		assert_true(memblock_type_empty(state_at(e, 0)->memory));
		assert_true(memblock_type_empty(state_at(e, 0)->reserved));
		if (!machines[i].bootmem) {
			assert_false(memblock_type_empty(final_state(e)->memory));
			assert_false(memblock_type_empty(final_state(e)->reserved));
		}
		engine_free(e);
	}
}

/* Page 0 is usable in the firmware's map and reserved from
 * trim_bios_range on; the 640K-1M hole is no longer usable RAM. */
static void
test_page_0_reserved_after_trim_bios_range(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		struct engine *e;
		size_t k;

		if (machines[i].bootmem)
			continue;
		e = boot_file(machines[i].file);
		k = step_of(e, machines[i].file, "trim_bios_range");
		assert_true(k > 0);
		assert_int_equal(e820_type_at(state_at(e, k - 1), 0), E820_TYPE_RAM);
		assert_int_equal(e820_type_at(state_at(e, k), 0), E820_TYPE_RESERVED);
		assert_int_equal(e820_type_at(state_at(e, k), 0xfff), E820_TYPE_RESERVED);
		assert_int_equal(e820_type_at(state_at(e, k), 0x1000), E820_TYPE_RAM);
		assert_int_not_equal(e820_type_at(state_at(e, k), 0xa0000), E820_TYPE_RAM);
		assert_int_equal(e820_type_at(final_state(e), 0), E820_TYPE_RESERVED);
		engine_free(e);
	}
}

/* The i386 bootmem boot: init_bootmem sets every bit, the low pages'
 * registration clears page 0's, and a reserve_bootmem sets it again. */
static void
test_bootmem_page_0_reserved_again(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		const char *f = machines[i].file;
		struct engine *e;
		size_t init, low, zones;

		if (!machines[i].bootmem)
			continue;
		e = boot_file(f);
		init = step_of(e, f, "init_bootmem");
		zones = engine_phase_first(e, PHASE_ZONES);
		low = last_step_of(e, f, "register_bootmem_low_pages", zones);
		assert_false(state_at(e, init - 1)->bootmem->active);
		assert_true(state_at(e, init)->bootmem->active);
		assert_true(bootmem_test(state_at(e, init)->bootmem, 0));
		assert_false(bootmem_test(state_at(e, low)->bootmem, 0));
		assert_true(bootmem_test(state_at(e, last_step_of(e, f, "reserve_bootmem", zones))->bootmem, 0));
		assert_true(bootmem_test(state_at(e, zones - 1)->bootmem, 0));
		engine_free(e);
	}
}

/* Every memory and reserved region has MAX_NUMNODES for a node until
 * numa_register_memblks gives them their nodes. */
static void
test_nids_unset_before_numa_register_memblks(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		const char *f = machines[i].file;
		struct engine *e;
		const struct machine *m;
		const struct boot_state *s;
		bool seen[64] = { false };
		int unset, nodes = 0;
		size_t k;

		if (machines[i].bootmem)
			continue;
		e = boot_file(f);
		m = engine_machine(e);
		assert_true(m->build.numa);
		unset = 1 << m->build.nodes_shift;
		k = step_of(e, f, "numa_register_memblks");
		for (size_t j = 0; j < k; j++) {
			s = state_at(e, j);
			for (size_t r = 0; r < s->memory->cnt; r++)
				assert_int_equal(s->memory->regions[r].nid, unset);
			for (size_t r = 0; r < s->reserved->cnt; r++)
				assert_int_equal(s->reserved->regions[r].nid, unset);
		}
		s = state_at(e, k);
		assert_false(memblock_type_empty(s->memory));
		for (size_t r = 0; r < s->memory->cnt; r++) {
			int nid = s->memory->regions[r].nid;

			assert_in_range(nid, 0, s->numa->nr_node_ids - 1);
			assert_true(s->numa->nodes[nid].possible);
			nodes += !seen[nid];
			seen[nid] = true;
		}
		assert_int_equal(nodes, machines[i].nodes);
		engine_free(e);
	}
}

/* Over the memblock phase the reservations only grow (a step may
 * allocate and free within itself, never give back more), from nothing
 * to the kernel image, the low memory, the brk, the trampoline and the
 * firmware's tables. */
static void
test_reserved_grows_over_memblock_phase(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		struct engine *e;
		size_t first, end, grew = 0;

		if (machines[i].bootmem)
			continue;
		e = boot_file(machines[i].file);
		first = engine_phase_first(e, PHASE_MEMBLOCK);
		end = engine_phase_first(e, PHASE_NUMA);
		assert_true(first > 0 && first < end);
		assert_int_equal(state_at(e, first - 1)->reserved->total_size, 0);
		for (size_t k = first; k < end; k++) {
			uint64_t before = state_at(e, k - 1)->reserved->total_size;
			uint64_t now = state_at(e, k)->reserved->total_size;

			assert_true(now >= before);
			grew += now > before;
		}
		/* the kernel image, the first 64 KiB, the BIOS regions, the
		 * brk, the trampoline, the first MiB: each its own step */
		assert_true(grew >= 5);
		engine_free(e);
	}
}

/* No node is known before numa_register_memblks and no section is
 * present before the sparse phase. */
static void
test_nodes_and_sections_unset_before_their_steps(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		const char *f = machines[i].file;
		struct engine *e;
		size_t reg, sparse;

		if (machines[i].bootmem)
			continue;
		e = boot_file(f);
		reg = step_of(e, f, "numa_register_memblks");
		sparse = engine_phase_first(e, PHASE_SPARSE);
		for (size_t k = 0; k < reg; k++) {
			assert_int_equal(state_at(e, k)->numa->nr_node_ids, 0);
			assert_false(state_at(e, k)->numa->done);
		}
		assert_true(state_at(e, reg)->numa->nr_node_ids >= machines[i].nodes);
		for (size_t k = 0; k < sparse; k++)
			assert_int_equal(state_at(e, k)->sparse->nr_present, 0);
		assert_true(state_at(e, sparse)->sparse->nr_present > 0);
		assert_true(final_state(e)->numa->done);
		engine_free(e);
	}
}

/* No zone or node exists before the zones phase; from its first step
 * on, the zone ranges are set. */
static void
test_zones_unset_before_zones_phase(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		struct engine *e = boot_file(machines[i].file);
		size_t z = engine_phase_first(e, PHASE_ZONES);

		assert_true(z > 0 && z < engine_nr_steps(e));
		for (size_t k = 0; k < z; k++) {
			const struct zone_state *zs = state_at(e, k)->zones;

			assert_false(zs->ranges_set);
			assert_int_equal(zs->nr_nodes, 0);
			assert_int_equal(zs->total_pages, 0);
		}
		assert_true(final_state(e)->zones->ranges_set);
		assert_int_equal(final_state(e)->zones->nr_nodes, machines[i].bootmem ? 1 :
				 final_state(e)->numa->nr_node_ids);
		/* "Built N zonelists ... Total pages" is the memblock boot's */
		if (!machines[i].bootmem)
			assert_true(final_state(e)->zones->total_pages > 0);
		engine_free(e);
	}
}

/* The buddy allocator holds nothing until memblock (or bootmem) hands
 * its free memory over. */
static void
test_buddy_empty_before_free_all(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		const char *f = machines[i].file;
		struct engine *e = boot_file(f);
		size_t k = step_of(e, f, machines[i].bootmem ? "free_all_bootmem" : "memblock_free_all");

		for (size_t j = 0; j < k; j++) {
			const struct buddy_state *b = state_at(e, j)->buddy;

			assert_false(b->released);
			assert_int_equal(b->nr_free_pages, 0);
			assert_int_equal(b->totalram_pages, 0);
			for (size_t z = 0; z < b->nr_zones; z++)
				assert_int_equal(b->zones[z].nr_free_ranges, 0);
		}
		assert_true(final_state(e)->buddy->released);
		assert_true(final_state(e)->buddy->nr_free_pages > 0);
		engine_free(e);
	}
}

/* ------------------------------------------------------------ snapshots */

static void
assert_all_match(const struct engine *e, const struct recorder *r)
{
	for (size_t k = 0; k < engine_nr_steps(e); k++)
		assert_state_matches_copy(state_at(e, k), &r->copies[k], k);
}

/* Each step's state equals the working state as it was when the step
 * was recorded: after the whole boot, after walking to the end and back,
 * and after jumps. */
static void
test_every_snapshot_equals_its_deep_copy(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_MACHINES; i++) {
		struct recorder r = { 0 };
		struct engine *e;
		size_t n;

		recording = &r;
		e = boot_file(machines[i].file);
		recording = NULL;
		n = engine_nr_steps(e);
		assert_int_equal(r.nr, n);
		assert_all_match(e, &r);
		for (size_t k = 0; k < n; k++) {
			assert_int_equal(engine_goto(e, k), k);
			assert_state_matches_copy(engine_state(e), &r.copies[k], k);
		}
		for (size_t k = n; k-- > 0;) {
			assert_int_equal(engine_goto(e, k), k);
			assert_state_matches_copy(engine_state(e), &r.copies[k], k);
		}
		for (size_t k = 0; k < n; k++) {
			size_t to = (k * 7919) % n;

			engine_goto(e, to);
			assert_state_matches_copy(engine_state(e), &r.copies[to], to);
		}
		assert_all_match(e, &r);
		engine_free(e);
		recorder_release(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memblock_empty_at_step_0),
		cmocka_unit_test(test_page_0_reserved_after_trim_bios_range),
		cmocka_unit_test(test_bootmem_page_0_reserved_again),
		cmocka_unit_test(test_nids_unset_before_numa_register_memblks),
		cmocka_unit_test(test_reserved_grows_over_memblock_phase),
		cmocka_unit_test(test_nodes_and_sections_unset_before_their_steps),
		cmocka_unit_test(test_zones_unset_before_zones_phase),
		cmocka_unit_test(test_buddy_empty_before_free_all),
		cmocka_unit_test(test_every_snapshot_equals_its_deep_copy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
