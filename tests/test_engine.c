/*
 * test_engine.c - whole boots of small machines built in C: the printed
 * zone/node lines of a QEMU-like 1 GiB PC (the KERNEL-FACTS test vector),
 * a two-node SRAT machine with a same-node merge, first-touch section
 * ownership, mem= on the command line, step navigation (going to any step
 * and back yields the very same immutable state), step metadata, and a
 * 64 TiB machine whose state stays small because nothing scales with pages.
 * Expected values are worked out by hand from the kernel's rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"
#include "test_state.h"
#include "xalloc.h"

#define NOT_FOUND ((size_t)-1)

/* ------------------------------------------------------------ machines */

static void
add_e820(struct machine *m, uint64_t addr, uint64_t size, uint32_t type)
{
	m->e820 = xrealloc(m->e820, (m->nr_e820 + 1) * sizeof(m->e820[0]));
	m->e820[m->nr_e820++] = (struct machine_e820){ .addr = addr, .size = size, .type = type };
}

static void
add_srat_mem(struct machine *m, uint32_t pxm, uint64_t base, uint64_t length)
{
	m->srat_mem = xrealloc(m->srat_mem, (m->nr_srat_mem + 1) * sizeof(m->srat_mem[0]));
	m->srat_mem[m->nr_srat_mem++] = (struct machine_srat_mem){
		.pxm = pxm, .base = base, .length = length, .enabled = true };
	m->has_srat = true;
}

/* SeaBIOS low map: 639 KiB of RAM, EBDA, BIOS ROM. */
static void
add_pc_low_map(struct machine *m)
{
	add_e820(m, 0x0, 0x9fc00, E820_TYPE_RAM);
	add_e820(m, 0x9fc00, 0x400, E820_TYPE_RESERVED);
	add_e820(m, 0xf0000, 0x10000, E820_TYPE_RESERVED);
}

/* QEMU pc with 1 GiB: RAM to 0x3ffdf000, the BIOS flash below 4 GiB. */
static void
qemu_1g(struct machine *m)
{
	machine_init_defaults(m);
	add_pc_low_map(m);
	add_e820(m, 0x100000, 0x3fedf000, E820_TYPE_RAM);
	add_e820(m, 0x3ffdf000, 0x21000, E820_TYPE_RESERVED);
	add_e820(m, 0xfffc0000, 0x40000, E820_TYPE_RESERVED);
}

/* Two nodes: node 0 = low 2 GiB in two SRAT blocks, node 1 = [4G, 6G). */
static void
two_node_srat(struct machine *m)
{
	machine_init_defaults(m);
	add_pc_low_map(m);
	add_e820(m, 0x100000, 0x7ff00000, E820_TYPE_RAM);
	add_e820(m, 0xfffc0000, 0x40000, E820_TYPE_RESERVED);
	add_e820(m, 0x100000000ull, 0x80000000ull, E820_TYPE_RAM);
	add_srat_mem(m, 0, 0x0, 0xa0000);
	add_srat_mem(m, 0, 0x100000, 0x7ff00000);
	add_srat_mem(m, 1, 0x100000000ull, 0x80000000ull);
}

static struct engine *
boot(struct machine *m)
{
	struct diag err;
	struct engine *e;

	memset(&err, 0, sizeof(err));
	e = engine_new(m, &err);
	if (!e)
		fail_msg("engine_new failed: %s", err.msg);
	machine_release(m);
	return e;
}

/* ------------------------------------------------------------ log */

static size_t
find_line(const struct klog *log, const char *text, size_t from)
{
	for (size_t i = from; i < log->nr; i++)
		if (strcmp(log->lines[i].text, text) == 0)
			return i;
	return NOT_FOUND;
}

/* Every line appears, in this order, each right after the one before. */
static void
assert_consecutive(const struct klog *log, const char *const *lines, size_t n)
{
	size_t at = find_line(log, lines[0], 0);

	if (at == NOT_FOUND)
		fail_msg("line not printed: \"%s\"", lines[0]);
	for (size_t i = 1; i < n; i++) {
		if (at + i >= log->nr || strcmp(log->lines[at + i].text, lines[i]) != 0)
			fail_msg("expected \"%s\" after \"%s\", got \"%s\"", lines[i], lines[i - 1],
				 at + i < log->nr ? log->lines[at + i].text : "(end)");
	}
}

static void
assert_printed(const struct klog *log, const char *text)
{
	if (find_line(log, text, 0) == NOT_FOUND)
		fail_msg("line not printed: \"%s\"", text);
}

static void
assert_not_printed(const struct klog *log, const char *text)
{
	if (find_line(log, text, 0) != NOT_FOUND)
		fail_msg("line printed but should not be: \"%s\"", text);
}

static size_t
count_prefix(const struct klog *log, const char *prefix)
{
	size_t n = 0;

	for (size_t i = 0; i < log->nr; i++)
		if (strncmp(log->lines[i].text, prefix, strlen(prefix)) == 0)
			n++;
	return n;
}

static const struct boot_state *
final_state(struct engine *e)
{
	return &engine_step(e, engine_nr_steps(e) - 1)->state;
}

/* ------------------------------------------------------------ QEMU 1 GiB */

static void
test_qemu_1g_zone_and_node_lines(void **state)
{
	struct machine m;
	struct engine *e;
	static const char *const lines[] = {
		"Zone ranges:",
		"  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
		"  DMA32    [mem 0x0000000001000000-0x000000003ffdefff]",
		"  Normal   empty",
		"  Device   empty",
		"Movable zone start for each node",
		"Early memory node ranges",
		"  node   0: [mem 0x0000000000001000-0x000000000009efff]",
		"  node   0: [mem 0x0000000000100000-0x000000003ffdefff]",
		"Initmem setup node 0 [mem 0x0000000000001000-0x000000003ffdefff]",
		"On node 0, zone DMA: 1 pages in unavailable ranges",
		"On node 0, zone DMA: 97 pages in unavailable ranges",
		"On node 0, zone DMA32: 33 pages in unavailable ranges",
	};

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	assert_consecutive(engine_log(e), lines, sizeof(lines) / sizeof(lines[0]));
	engine_free(e);
}

static void
test_qemu_1g_e820_trim_and_max_pfn(void **state)
{
	struct machine m;
	struct engine *e;
	const struct klog *log;

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	log = engine_log(e);
	assert_printed(log, "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable");
	assert_printed(log, "BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved");
	assert_printed(log, "e820: update [mem 0x00000000-0x00000fff] usable ==> reserved");
	assert_printed(log, "e820: remove [mem 0x000a0000-0x000fffff] usable");
	assert_printed(log, "last_pfn = 0x3ffdf max_arch_pfn = 0x400000000");
	assert_int_equal(final_state(e)->max_pfn, 0x3ffdf);
	assert_int_equal(final_state(e)->max_low_pfn, 0x3ffdf);
	/* after trim_bios_range page 0 is reserved and RAM starts at 0x1000 */
	assert_int_equal(final_state(e)->e820->entries[0].type, E820_TYPE_RESERVED);
	assert_int_equal(final_state(e)->e820->entries[0].size, 0x1000);
	assert_int_equal(final_state(e)->memory->cnt, 2);
	assert_int_equal(final_state(e)->memory->regions[0].base, 0x1000);
	assert_int_equal(final_state(e)->memory->regions[0].size, 0x9e000);
	engine_free(e);
}

static void
test_qemu_1g_dummy_numa_and_node_data(void **state)
{
	struct machine m;
	struct engine *e;
	static const char *const lines[] = {
		"No NUMA configuration found",
		"Faking a node at [mem 0x0000000000000000-0x000000003ffdefff]",
	};

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	assert_consecutive(engine_log(e), lines, 2);
	/* top-down below max_pfn: 0x3ffdf000 - 0x2b000 */
	assert_printed(engine_log(e), "NODE_DATA(0) allocated [mem 0x3ffb4000-0x3ffdefff]");
	assert_true(final_state(e)->numa->faked);
	assert_int_equal(final_state(e)->numa->nodes[0].node_data, 0x3ffb4000);
	engine_free(e);
}

/* DMA spans pfn 1-0xfff with holes [0x9f, 0x100): 4095 spanned, 3998
 * present; DMA32 0x1000-0x3ffdf has no holes. */
static void
test_qemu_1g_zone_spans_with_holes(void **state)
{
	struct machine m;
	struct engine *e;
	const struct pgdat_info *pg;

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	pg = &final_state(e)->zones->nodes[0];
	assert_int_equal(pg->start_pfn, 0x1);
	assert_int_equal(pg->end_pfn, 0x3ffdf);
	assert_int_equal(pg->zones[ZONE_DMA].start_pfn, 0x1);
	assert_int_equal(pg->zones[ZONE_DMA].spanned, 4095);
	assert_int_equal(pg->zones[ZONE_DMA].present, 3998);
	assert_int_equal(pg->zones[ZONE_DMA32].start_pfn, 0x1000);
	assert_int_equal(pg->zones[ZONE_DMA32].spanned, 0x3efdf);
	assert_int_equal(pg->zones[ZONE_DMA32].present, 0x3efdf);
	assert_int_equal(pg->zones[ZONE_NORMAL].spanned, 0);
	assert_int_equal(pg->present, 262013);
	engine_free(e);
}

/* 0x3ffdf pages fill sections 0-7, all node 0: one run. */
static void
test_qemu_1g_sections_present(void **state)
{
	struct machine m;
	struct engine *e;
	const struct sparse_state *s;
	const struct section_run *r;

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	s = final_state(e)->sparse;
	assert_int_equal(s->nr_present, 8);
	r = sparse_find(s, 0);
	assert_non_null(r);
	assert_int_equal(r->first, 0);
	assert_int_equal(r->nr, 8);
	assert_int_equal(r->nid, 0);
	assert_true(r->flags & SECTION_MARKED_PRESENT);
	assert_true(r->flags & SECTION_HAS_MEM_MAP);
	assert_null(sparse_find(s, 8));
	engine_free(e);
}

/* ------------------------------------------------------------ SRAT */

static void
test_two_node_srat_lines_and_merge(void **state)
{
	struct machine m;
	struct engine *e;
	const struct klog *log;
	static const char *const srat[] = {
		"ACPI: SRAT: Node 0 PXM 0 [mem 0x00000000-0x0009ffff]",
		"ACPI: SRAT: Node 0 PXM 0 [mem 0x00100000-0x7fffffff]",
		"ACPI: SRAT: Node 1 PXM 1 [mem 0x100000000-0x17fffffff]",
	};
	static const char *const nodes[] = {
		"Early memory node ranges",
		"  node   0: [mem 0x0000000000001000-0x000000000009efff]",
		"  node   0: [mem 0x0000000000100000-0x000000007fffffff]",
		"  node   1: [mem 0x0000000100000000-0x000000017fffffff]",
		"Initmem setup node 0 [mem 0x0000000000001000-0x000000007fffffff]",
		"Initmem setup node 1 [mem 0x0000000100000000-0x000000017fffffff]",
		"On node 0, zone DMA: 1 pages in unavailable ranges",
		"On node 0, zone DMA: 97 pages in unavailable ranges",
	};

	(void)state;
	two_node_srat(&m);
	e = boot(&m);
	log = engine_log(e);
	assert_consecutive(log, srat, 3);
	assert_printed(log, "NUMA: Node 0 [mem 0x00000000-0x0009ffff] + [mem 0x00100000-0x7fffffff] -> [mem 0x00000000-0x7fffffff]");
	assert_printed(log, "NODE_DATA(0) allocated [mem 0x7ffd5000-0x7fffffff]");
	/* the kernel (at 16 MiB) lies in [1 MiB, 2 GiB), so that range's PMD
	 * table for [1 GiB, 2 GiB) cannot come from the brk buffer: it is the
	 * top page of RAM, and NODE_DATA(1) sits right below it */
	assert_printed(log, "NODE_DATA(1) allocated [mem 0x17ffd4000-0x17fffefff]");
	assert_printed(log, "  Normal   [mem 0x0000000100000000-0x000000017fffffff]");
	assert_consecutive(log, nodes, sizeof(nodes) / sizeof(nodes[0]));
	/* the 2-4 GiB hole lies in sections without memory: no line */
	assert_int_equal(count_prefix(log, "On node "), 2);
	assert_not_printed(log, "No NUMA configuration found");
	engine_free(e);
}

static void
test_two_node_srat_state(void **state)
{
	struct machine m;
	struct engine *e;
	const struct boot_state *s;

	(void)state;
	two_node_srat(&m);
	e = boot(&m);
	s = final_state(e);
	assert_false(s->numa->faked);
	assert_int_equal(s->numa->meminfo.nr, 2);
	assert_int_equal(s->numa->meminfo.blk[0].start, 0x0);
	assert_int_equal(s->numa->meminfo.blk[0].end, 0x80000000);
	assert_int_equal(s->numa->meminfo.blk[1].nid, 1);
	assert_int_equal(s->memory->cnt, 3);
	assert_int_equal(s->memory->regions[1].nid, 0);
	assert_int_equal(s->memory->regions[2].nid, 1);
	/* sections 0-15 node 0, 32-47 node 1 */
	assert_int_equal(s->sparse->nr_present, 32);
	assert_int_equal(sparse_find(s->sparse, 15)->nid, 0);
	assert_null(sparse_find(s->sparse, 16));
	assert_null(sparse_find(s->sparse, 31));
	assert_int_equal(sparse_find(s->sparse, 32)->nid, 1);
	assert_int_equal(s->zones->nodes[1].zones[ZONE_NORMAL].spanned, 0x80000);
	assert_int_equal(s->zones->nodes[0].zones[ZONE_DMA32].spanned, 0x7f000);
	engine_free(e);
}

/* Section 0 ([0, 128 MiB)) holds memory of both nodes; the node whose
 * memory comes first (node 1, PXM 3, the low 96 MiB) owns it. */
static void
test_first_touching_node_owns_shared_section(void **state)
{
	struct machine m;
	struct engine *e;
	const struct boot_state *s;

	(void)state;
	machine_init_defaults(&m);
	add_pc_low_map(&m);
	add_e820(&m, 0x100000, 0xff00000, E820_TYPE_RAM);
	add_srat_mem(&m, 5, 0x6000000, 0xa000000);
	add_srat_mem(&m, 3, 0x0, 0x6000000);
	e = boot(&m);
	s = final_state(e);
	assert_printed(engine_log(e), "ACPI: SRAT: Node 0 PXM 5 [mem 0x06000000-0x0fffffff]");
	assert_printed(engine_log(e), "ACPI: SRAT: Node 1 PXM 3 [mem 0x00000000-0x05ffffff]");
	assert_int_equal(s->sparse->nr_present, 2);
	assert_int_equal(sparse_find(s->sparse, 0)->nid, 1);
	assert_int_equal(sparse_find(s->sparse, 1)->nid, 0);
	engine_free(e);
}

/* ------------------------------------------------------------ mem= */

static void
test_mem_option_removes_ram_above_limit(void **state)
{
	struct machine m;
	struct engine *e;
	const struct klog *log;

	(void)state;
	qemu_1g(&m);
	snprintf(m.cmdline, sizeof(m.cmdline), "console=ttyS0 mem=512M");
	e = boot(&m);
	log = engine_log(e);
	/* remove(0x20000000, ULLONG_MAX - 0x20000000): end - 1 = ...fffe */
	assert_printed(log, "e820: remove [mem 0x20000000-0xfffffffffffffffe] usable");
	assert_printed(log, "user-defined physical RAM map:");
	assert_printed(log, "user: [mem 0x0000000000100000-0x000000001fffffff] usable");
	assert_printed(log, "last_pfn = 0x20000 max_arch_pfn = 0x400000000");
	assert_int_equal(final_state(e)->max_pfn, 0x20000);
	assert_int_equal(final_state(e)->memory->cnt, 2);
	assert_int_equal(final_state(e)->memory->regions[1].base +
			 final_state(e)->memory->regions[1].size, 0x20000000);
	engine_free(e);
}

/* ------------------------------------------------------------ steps */

static void
test_steps_metadata(void **state)
{
	struct machine m;
	struct engine *e;
	size_t n;

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	n = engine_nr_steps(e);
	assert_true(n > 20);
	for (size_t i = 0; i < n; i++) {
		const struct boot_step *st = engine_step(e, i);

		assert_non_null(st->function);
		assert_true(st->function[0] != '\0');
		assert_non_null(st->narration);
		assert_true(st->narration[0] != '\0');
		assert_true(st->log_first <= st->log_end);
		if (i > 0) {
			assert_true(st->phase >= engine_step(e, i - 1)->phase);
			assert_int_equal(st->log_first, engine_step(e, i - 1)->log_end);
		}
	}
	assert_int_equal(engine_step(e, 0)->phase, PHASE_E820);
	assert_int_equal(engine_step(e, n - 1)->phase, PHASE_BUDDY);
	assert_int_equal(engine_step(e, n - 1)->log_end, engine_log(e)->nr);
	assert_null(engine_step(e, n));
	engine_free(e);
}

/* Log search: each line found maps back to the step that printed it. */
static void
test_find_in_log_and_its_step(void **state)
{
	struct machine m;
	struct engine *e;
	const struct klog *log;
	long i, j;
	size_t st;

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	log = engine_log(e);
	i = klog_find(log, "zone ranges", 0);
	assert_true(i >= 0);
	assert_string_equal(log->lines[i].text, "Zone ranges:");
	st = engine_step_of_line(e, (size_t)i);
	assert_true(engine_step(e, st)->log_first <= (size_t)i);
	assert_true((size_t)i < engine_step(e, st)->log_end);
	/* from the line after, the search wraps round to the same line */
	assert_int_equal(klog_find(log, "ZONE RANGES:", (size_t)i + 1), i);
	j = klog_find(log, "Memory: ", 0);
	assert_true(j > i);
	assert_string_equal(engine_step(e, engine_step_of_line(e, (size_t)j))->function, "mem_init_print_info");
	assert_int_equal(klog_find(log, "no kernel prints this", 0), -1);
	assert_int_equal(klog_find(log, "", 0), -1);
	/* steps that print nothing are never the answer */
	for (size_t k = 0; k < log->nr; k += 7) {
		st = engine_step_of_line(e, k);
		assert_true(engine_step(e, st)->log_first <= k && k < engine_step(e, st)->log_end);
	}
	engine_free(e);
}

static void
test_phase_first_and_names(void **state)
{
	struct machine m;
	struct engine *e;

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	assert_int_equal(engine_phase_first(e, PHASE_E820), 0);
	for (int p = PHASE_E820 + 1; p < PHASE_COUNT; p++) {
		size_t first = engine_phase_first(e, (enum boot_phase)p);

		assert_true(first < engine_nr_steps(e));
		assert_int_equal(engine_step(e, first)->phase, p);
		assert_true((int)engine_step(e, first - 1)->phase < p);
	}
	assert_int_equal(phase_from_name("numa"), PHASE_NUMA);
	assert_string_equal(phase_name(PHASE_SPARSE), "sparse");
	assert_int_equal(phase_from_name("nonsense"), -1);
	engine_free(e);
}

/* Walk 0..N-1 and back to 0: each index gives step i's state both ways,
 * holding what a deep copy taken on the way forward holds. */
static void
test_stepping_forward_and_back_gives_same_states(void **state)
{
	struct machine m;
	struct engine *e;
	struct state_copy *seen;
	size_t n;

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	n = engine_nr_steps(e);
	seen = xcalloc(n, sizeof(*seen));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(engine_goto(e, i), i);
		state_copy_take(&seen[i], engine_state(e));
	}
	for (size_t i = n; i-- > 0;) {
		assert_int_equal(engine_goto(e, i), i);
		assert_int_equal(engine_current(e), i);
		assert_ptr_equal(engine_state(e), &engine_step(e, i)->state);
		assert_state_matches_copy(engine_state(e), &seen[i], i);
	}
	for (size_t i = 0; i < n; i++)
		state_copy_release(&seen[i]);
	free(seen);
	engine_free(e);
}

static void
pfn_infos(struct engine *e, size_t step, struct pfn_info out[4])
{
	static const uint64_t pfns[4] = { 0x0, 0x50, 0x8000, 0x3ffde };

	engine_goto(e, step);
	for (int i = 0; i < 4; i++)
		engine_pfn_info(e, engine_state(e), pfns[i], &out[i]);
}

static void
test_goto_jumps_give_identical_pfn_info(void **state)
{
	struct machine m;
	struct engine *e;
	struct pfn_info a[4], b[4], end[4];
	size_t n, mid;
	const struct boot_state *s_mid;

	(void)state;
	qemu_1g(&m);
	e = boot(&m);
	n = engine_nr_steps(e);
	mid = engine_phase_first(e, PHASE_SPARSE);
	pfn_infos(e, mid, a);
	s_mid = engine_state(e);
	pfn_infos(e, n - 1, end);
	pfn_infos(e, 0, b);
	pfn_infos(e, mid, b);
	assert_ptr_equal(engine_state(e), s_mid);
	assert_memory_equal(a, b, sizeof(a));
	/* clamped past the end */
	assert_int_equal(engine_goto(e, n + 100), n - 1);
	pfn_infos(e, n - 1, b);
	assert_memory_equal(end, b, sizeof(end));
	/* at the end pfn 0x8000 (128 MiB, above the kernel, below the
	 * deferred part) is free in DMA32 inside an order-10 block */
	assert_true(end[2].is_free);
	assert_int_equal(end[2].zone, ZONE_DMA32);
	assert_int_equal(end[2].block_order, 10);
	assert_int_equal(end[2].block_pfn, 0x8000);
	assert_int_equal(end[2].buddy_pfn, 0x8400);
	/* pfn 0 is reserved e820 and never memory */
	assert_int_equal(end[0].memory_index, -1);
	assert_false(end[0].is_free);
	engine_free(e);
}

/* ------------------------------------------------------------ scale */

/* 64 TiB of RAM (max_physmem_bits 46 allows exactly that): 2^19 sections,
 * yet the state holds a handful of runs, regions and free ranges. */
static void
test_64tib_machine_state_stays_small(void **state)
{
	struct machine m;
	struct engine *e;
	const struct boot_state *s;
	const uint64_t top = 1ull << 46;

	(void)state;
	machine_init_defaults(&m);
	add_pc_low_map(&m);
	add_e820(&m, 0x100000, top - 0x100000, E820_TYPE_RAM);
	e = boot(&m);
	s = final_state(e);
	assert_printed(engine_log(e), "last_pfn = 0x400000000 max_arch_pfn = 0x400000000");
	assert_int_equal(s->max_pfn, 0x400000000ull);
	assert_int_equal(s->sparse->nr_present, 524288);
	assert_true(s->sparse->nr_runs <= 16);
	assert_int_equal(s->memory->cnt, 2);
	assert_true(s->reserved->cnt < 64);
	assert_int_equal(s->zones->nodes[0].zones[ZONE_NORMAL].spanned, 0x400000000ull - 0x100000);
	assert_true(s->buddy->nr_zones <= 3);
	for (size_t i = 0; i < s->buddy->nr_zones; i++)
		assert_true(s->buddy->zones[i].nr_free_ranges < 64);
	assert_true(engine_nr_steps(e) < 1000);
	engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_1g_zone_and_node_lines),
		cmocka_unit_test(test_qemu_1g_e820_trim_and_max_pfn),
		cmocka_unit_test(test_qemu_1g_dummy_numa_and_node_data),
		cmocka_unit_test(test_qemu_1g_zone_spans_with_holes),
		cmocka_unit_test(test_qemu_1g_sections_present),
		cmocka_unit_test(test_two_node_srat_lines_and_merge),
		cmocka_unit_test(test_two_node_srat_state),
		cmocka_unit_test(test_first_touching_node_owns_shared_section),
		cmocka_unit_test(test_mem_option_removes_ram_above_limit),
		cmocka_unit_test(test_steps_metadata),
		cmocka_unit_test(test_find_in_log_and_its_step),
		cmocka_unit_test(test_phase_first_and_names),
		cmocka_unit_test(test_stepping_forward_and_back_gives_same_states),
		cmocka_unit_test(test_goto_jumps_give_identical_pfn_info),
		cmocka_unit_test(test_64tib_machine_state_stays_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
