/*
 * test_footprint.c - the memory-model footprint, against figures worked
 * out by hand (the arithmetic is in the comments) for two machines:
 *
 *   QEMU-like 4 GiB PC, one node: memory [0x1000,0x9f000)
 *     [0x100000,0xbffe0000) [0x100000000,0x140000000)
 *   2-node server with a 1 TiB hole (machines/server-2node-1t-hole.xml):
 *     node 0 [0x1000,0x9f000) [0x100000,0x7ff80000) [4 GiB,64 GiB),
 *     node 1 [1088 GiB,1152 GiB)
 *
 * and that the footprint of the machine's own model agrees with what the
 * engine really allocated in sparse_init (runs, roots, vmemmap tables),
 * whose section runs section_math encodes as the kernel would (the
 * arithmetic itself is tests/test_section_math.c's).
 * Build constants are the defaults: 4 KiB pages, 128 MiB sections (32768
 * pages), struct page 64 B, mem_section 16 B (256 per root page), usemap
 * 56 B, 46 physical address bits (2^19 sections, 2048 roots).
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
#include "footprint.h"
#include "machine_xml.h"
#include "section_math.h"
#include "test_files.h"
#include "xalloc.h"

#define GiB (1ull << 30)
#define FLAT MEM_MODEL_FLATMEM
#define SPARSE MEM_MODEL_SPARSEMEM
#define VMEMMAP MEM_MODEL_SPARSEMEM_VMEMMAP

/* A memblock.memory array of the given regions. */
static struct memblock_type
memory_of(struct memblock_region *r, size_t n)
{
	struct memblock_type t = { .name = "memory", .cnt = n, .max = n, .regions = r };

	for (size_t i = 0; i < n; i++)
		t.total_size += r[i].size;
	return t;
}

static void
footprint_of(struct memblock_region *r, size_t n, struct footprint *f)
{
	struct machine m;
	struct memblock_type t = memory_of(r, n);

	machine_init_defaults(&m);
	footprint_compute(&m.build, &t, f);
	machine_release(&m);
}

static void
qemu_4g(struct footprint *f)
{
	static struct memblock_region r[] = {
		{ 0x1000, 0x9e000, 0, 0 },
		{ 0x100000, 0xbffe0000 - 0x100000, 0, 0 },
		{ 0x100000000, 0x40000000, 0, 0 },
	};

	footprint_of(r, 3, f);
}

static void
server_1t_hole(struct footprint *f)
{
	static struct memblock_region r[] = {
		{ 0x1000, 0x9e000, 0, 0 },
		{ 0x100000, 0x7ff80000 - 0x100000, 0, 0 },
		{ 0x100000000, 0x1000000000 - 0x100000000, 0, 0 },
		{ 0x11000000000, 0x1000000000, 0, 1 },
	};

	footprint_of(r, 4, f);
}

/* A node's bytes under a model: the sum of its parts, as its total says. */
static uint64_t
node_bytes(const struct fp_node *n, int model)
{
	uint64_t t = 0;

	for (int p = 0; p < FP_PART_COUNT; p++)
		t += n->bytes[model][p];
	assert_int_equal(n->total[model], t);
	return t;
}

/* ---------------------------------------------------------- QEMU 4 GiB */

static void
test_qemu_ram(void **state)
{
	struct footprint f;

	(void)state;
	qemu_4g(&f);
	/* pfns [1,0x9f) = 158, [0x100,0xbffe0) = 0xbfee0 = 786144,
	 * [0x100000,0x140000) = 0x40000 = 262144: 1048446 pages */
	assert_int_equal(f.present_pages, 1048446);
	assert_int_equal(f.nr_nodes, 1);
	assert_int_equal(f.nodes[0].present_pages, 1048446);
	assert_int_equal(f.nodes[0].start_pfn, 1);
	assert_int_equal(f.nodes[0].end_pfn, 0x140000);
	footprint_release(&f);
}

static void
test_qemu_flatmem(void **state)
{
	struct footprint f;
	const struct fp_model *m;

	(void)state;
	qemu_4g(&f);
	m = &f.model[FLAT];
	/* node 0 spans pfn 1 .. 0x140000: [1 & ~1023, ALIGN(0x140000, 1024))
	 * = [0, 0x140000) = 1310720 struct pages x 64 = 83886080 (80 MiB) */
	assert_int_equal(f.flat_start, 0);
	assert_int_equal(f.flat_end, 0x140000);
	assert_int_equal(m->covered, 1310720);
	assert_int_equal(m->bytes[FP_MEMMAP], 83886080);
	assert_int_equal(m->total, 83886080);
	assert_int_equal(m->pages, 20480);		/* 83886080 / 4096 */
	/* holes: 1310720 - 1048446 = 262274 pfns x 64 = 16785536 */
	assert_int_equal(m->hole_pfns, 262274);
	assert_int_equal(m->hole_bytes, 16785536);
	/* 20480 / 1048446 pages = 1.9534 % */
	assert_true(m->percent > 1.9533 && m->percent < 1.9535);
	assert_int_equal(node_bytes(&f.nodes[0], FLAT), 83886080);
	assert_int_equal(m->global, 0);
	footprint_release(&f);
}

static void
test_qemu_sparsemem(void **state)
{
	struct footprint f;
	const struct fp_model *m;

	(void)state;
	qemu_4g(&f);
	m = &f.model[SPARSE];
	/* sections: pfn 1..0x9e -> 0; 0x100..0xbffdf -> 0..23 (0xbffdf >> 15
	 * = 23); 0x100000..0x13ffff -> 32..39: 24 + 8 = 32 present */
	assert_int_equal(m->sections, 32);
	assert_int_equal(f.nodes[0].sections, 32);
	/* memmap 32 x PAGE_ALIGN(32768 x 64) = 32 x 2 MiB = 67108864 */
	assert_int_equal(m->bytes[FP_MEMMAP], 67108864);
	/* root array 8 x (2^19 / 256) = 8 x 2048 = 16384 */
	assert_int_equal(m->bytes[FP_ROOT_ARRAY], 16384);
	/* sections 0..39 all in root 0: one 4 KiB root page */
	assert_int_equal(m->roots, 1);
	assert_int_equal(m->bytes[FP_ROOTS], 4096);
	/* usemaps 32 x 56 = 1792 */
	assert_int_equal(m->bytes[FP_USEMAPS], 1792);
	assert_int_equal(m->bytes[FP_PGTABLES], 0);
	/* 67108864 + 16384 + 4096 + 1792 = 67131136 = 16389.4 pages -> 16390 */
	assert_int_equal(m->total, 67131136);
	assert_int_equal(m->pages, 16390);
	/* holes: 32 x 32768 = 1048576 covered - 1048446 = 130 pfns x 64 */
	assert_int_equal(m->covered, 1048576);
	assert_int_equal(m->hole_pfns, 130);
	assert_int_equal(m->hole_bytes, 8320);
	/* 67131136 / (1048446 x 4096) = 1.5632 % */
	assert_true(m->percent > 1.5631 && m->percent < 1.5633);
	/* node 0 pays all but the root array */
	assert_int_equal(node_bytes(&f.nodes[0], SPARSE), 67131136 - 16384);
	assert_int_equal(m->global, 16384);
	footprint_release(&f);
}

static void
test_qemu_vmemmap(void **state)
{
	struct footprint f;
	const struct fp_model *m;

	(void)state;
	qemu_4g(&f);
	m = &f.model[VMEMMAP];
	/* memmap ALIGN(2 MiB, 2 MiB) per section: same 67108864 */
	assert_int_equal(m->bytes[FP_MEMMAP], 67108864);
	/* vmemmap VA of section s is s x 2 MiB: sections 0..23 -> [0, 48M),
	 * 32..39 -> [64M, 80M): all in the first 1 GiB and the first 512 GiB:
	 * one PMD table and one PUD table page = 8192 */
	assert_int_equal(m->pmd_tables, 1);
	assert_int_equal(m->pud_tables, 1);
	assert_int_equal(m->bytes[FP_PGTABLES], 8192);
	/* 67131136 + 8192 = 67139328 = 16392 pages */
	assert_int_equal(m->total, 67139328);
	assert_int_equal(m->pages, 16392);
	assert_int_equal(m->hole_bytes, 8320);
	assert_int_equal(node_bytes(&f.nodes[0], VMEMMAP), 67139328 - 16384);
	footprint_release(&f);
}

/* ---------------------------------------------------------- server, 1 TiB hole */

static void
test_server_ram(void **state)
{
	struct footprint f;

	(void)state;
	server_1t_hole(&f);
	/* node 0: 158 + (0x7ff80 - 0x100 = 523904) + (0x1000000 - 0x100000
	 * = 15728640) = 16252702; node 1: 0x1000000 = 16777216 pages;
	 * together 33029918 */
	assert_int_equal(f.present_pages, 33029918);
	assert_int_equal(f.nr_nodes, 2);
	assert_int_equal(f.nodes[0].present_pages, 16252702);
	assert_int_equal(f.nodes[1].present_pages, 16777216);
	assert_int_equal(f.nodes[1].start_pfn, 0x11000000);
	assert_int_equal(f.nodes[1].end_pfn, 0x12000000);
	footprint_release(&f);
}

static void
test_server_flatmem(void **state)
{
	struct footprint f;
	const struct fp_model *m;

	(void)state;
	server_1t_hole(&f);
	m = &f.model[FLAT];
	/* one array for pfns [0, 0x12000000) = 301989888 struct pages x 64
	 * = 19327352832 bytes = 18 GiB = 4718592 pages */
	assert_int_equal(m->covered, 0x12000000);
	assert_int_equal(m->total, 18 * GiB);
	assert_int_equal(m->pages, 4718592);
	/* node 0 [0, 0x1000000) and node 1 [0x11000000, 0x12000000): 16M
	 * pfns each x 64 = 1 GiB each; the 1 TiB between them (0x10000000
	 * pfns x 64 = 16 GiB) belongs to no node */
	assert_int_equal(node_bytes(&f.nodes[0], FLAT), GiB);
	assert_int_equal(node_bytes(&f.nodes[1], FLAT), GiB);
	assert_int_equal(m->global, 16 * GiB);
	/* holes: 301989888 - 33029918 = 268959970 pfns x 64 = 17213438080 */
	assert_int_equal(m->hole_pfns, 268959970);
	assert_int_equal(m->hole_bytes, 17213438080ull);
	/* 4718592 / 33029918 = 14.286 % of RAM */
	assert_true(m->percent > 14.285 && m->percent < 14.287);
	footprint_release(&f);
}

static void
test_server_sparsemem(void **state)
{
	struct footprint f;
	const struct fp_model *m;

	(void)state;
	server_1t_hole(&f);
	m = &f.model[SPARSE];
	/* node 0: pfn 1..0x9e -> 0, 0x100..0x7ff7f -> 0..15, 0x100000..
	 * 0xffffff -> 32..511: 16 + 480 = 496; node 1: 0x11000000 >> 15 =
	 * 8704 .. 0x11ffffff >> 15 = 9215: 512; 1008 present */
	assert_int_equal(m->sections, 1008);
	assert_int_equal(f.nodes[0].sections, 496);
	assert_int_equal(f.nodes[1].sections, 512);
	/* roots: node 0 sections 0..511 -> roots 0, 1; node 1 8704/256 = 34,
	 * 9215/256 = 35: four root pages, two per node */
	assert_int_equal(m->roots, 4);
	/* memmap 1008 x 2 MiB = 2113929216; usemaps 1008 x 56 = 56448;
	 * roots 16384; root array 16384: 2114018432 */
	assert_int_equal(m->bytes[FP_MEMMAP], 2113929216);
	assert_int_equal(m->bytes[FP_USEMAPS], 56448);
	assert_int_equal(m->total, 2114018432);
	assert_int_equal(m->pages, 516118);		/* 516117.78 rounded up */
	/* node 0: 496 x 2 MiB + 496 x 56 + 2 x 4096 = 1040223360;
	 * node 1: 512 x 2 MiB + 512 x 56 + 2 x 4096 = 1073778688 */
	assert_int_equal(node_bytes(&f.nodes[0], SPARSE), 1040223360);
	assert_int_equal(node_bytes(&f.nodes[1], SPARSE), 1073778688);
	/* holes: 1008 x 32768 = 33030144 - 33029918 = 226 pfns x 64 */
	assert_int_equal(m->hole_pfns, 226);
	assert_int_equal(m->hole_bytes, 14464);
	/* 2114018432 / (33029918 x 4096) = 1.5626 % */
	assert_true(m->percent > 1.5625 && m->percent < 1.5627);
	footprint_release(&f);
}

static void
test_server_vmemmap(void **state)
{
	struct footprint f;
	const struct fp_model *m;

	(void)state;
	server_1t_hole(&f);
	m = &f.model[VMEMMAP];
	/* vmemmap VA: node 0 sections 0..511 -> [0, 1 GiB): PMD table 0;
	 * node 1 sections 8704..9215 -> [17 GiB, 18 GiB): PMD table 17;
	 * all below 512 GiB: PUD table 0 (paid by node 0) */
	assert_int_equal(m->pmd_tables, 2);
	assert_int_equal(m->pud_tables, 1);
	assert_int_equal(m->total, 2114018432 + 3 * 4096);
	assert_int_equal(node_bytes(&f.nodes[0], VMEMMAP), 1040223360 + 2 * 4096);
	assert_int_equal(node_bytes(&f.nodes[1], VMEMMAP), 1073778688 + 4096);
	assert_int_equal(m->hole_bytes, 14464);
	footprint_release(&f);
}

static void
test_covered_pfns(void **state)
{
	struct footprint f;

	(void)state;
	server_1t_hole(&f);
	/* the hole [64 GiB, 1088 GiB) has struct pages only under FLATMEM */
	assert_int_equal(footprint_covered_pfns(&f, FLAT, 0x1000000, 0x11000000), 0x10000000);
	assert_int_equal(footprint_covered_pfns(&f, SPARSE, 0x1000000, 0x11000000), 0);
	/* [2 GiB, 4 GiB) = sections 16..31: absent */
	assert_int_equal(footprint_covered_pfns(&f, VMEMMAP, 0x80000, 0x100000), 0);
	/* [0, 4 GiB): sections 0..15 = 16 x 32768 */
	assert_int_equal(footprint_covered_pfns(&f, SPARSE, 0, 0x100000), 16 * 32768);
	/* past the end: nothing at all */
	assert_int_equal(footprint_covered_pfns(&f, FLAT, 0x12000000, 0x13000000), 0);
	footprint_release(&f);
}

/* ---------------------------------------------------------- the engine agrees */

static struct engine *
engine_for(const char *file, int model)
{
	struct machine m;
	struct diag err = { 0 };
	struct engine *e;

	test_load_machine(file, &m);
	if (model >= 0)
		m.build.model = (enum mem_model)model;
	e = engine_new(&m, &err);
	machine_release(&m);
	assert_non_null(e);
	return e;
}

/* What sparse_init really allocated, summed over the section runs. */
static void
engine_sparse_sums(const struct sparse_state *s, uint64_t *memmap, uint64_t *usemap,
		   uint64_t *sections_of_node1)
{
	*memmap = *usemap = *sections_of_node1 = 0;
	for (size_t i = 0; i < s->nr_runs; i++) {
		const struct section_run *r = &s->runs[i];

		if (r->flags & SECTION_HAS_MEM_MAP)
			*memmap += r->nr * r->memmap_stride;
		if (r->usemap)
			*usemap += r->nr * r->usemap_stride;
		if (r->nid == 1 && (r->flags & SECTION_MARKED_PRESENT))
			*sections_of_node1 += r->nr;
	}
}

static void
assert_agrees(const char *file, int model)
{
	struct engine *e = engine_for(file, model);
	const struct boot_state *last = &engine_step(e, engine_nr_steps(e) - 1)->state;
	const struct sparse_state *s = last->sparse;
	int which = (int)engine_machine(e)->build.model;
	struct footprint f;
	uint64_t memmap, usemap, node1;

	footprint_of_engine(e, &f);
	engine_sparse_sums(s, &memmap, &usemap, &node1);
	assert_int_equal(f.model[which].sections, s->nr_present);
	assert_int_equal(f.model[which].roots, s->nr_roots);
	assert_int_equal(f.model[which].bytes[FP_ROOT_ARRAY], s->root_array_size);
	assert_int_equal(f.model[which].bytes[FP_MEMMAP], memmap);
	assert_int_equal(f.model[which].bytes[FP_USEMAPS], usemap);
	if (which == VMEMMAP)
		assert_int_equal(f.model[which].pmd_tables + f.model[which].pud_tables,
				 s->vmemmap_tables);
	else
		assert_int_equal(s->vmemmap_tables, 0);
	if (f.nr_nodes > 1)
		assert_int_equal(f.nodes[1].sections, node1);
	footprint_release(&f);
	engine_free(e);
}

static void
test_engine_agrees(void **state)
{
	static const char *const files[] = {
		"qemu-pc-4g.xml", "server-2node-1t-hole.xml", "board-ram-at-2g.xml",
		"large-holes.xml", "qemu-q35-4node-16g.xml", "server-2node.xml",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		assert_agrees(files[i], -1);
		assert_agrees(files[i], SPARSE);
	}
}

/* The figures of the machine files are the hand-made ones above. */
static void
test_engine_machines(void **state)
{
	struct engine *e;
	struct footprint f;

	(void)state;
	e = engine_for("qemu-pc-4g.xml", -1);
	footprint_of_engine(e, &f);
	assert_int_equal(f.present_pages, 1048446);
	assert_int_equal(f.model[FLAT].total, 83886080);
	assert_int_equal(f.model[SPARSE].total, 67131136);
	assert_int_equal(f.model[VMEMMAP].total, 67139328);
	footprint_release(&f);
	engine_free(e);
	e = engine_for("server-2node-1t-hole.xml", -1);
	footprint_of_engine(e, &f);
	assert_int_equal(f.present_pages, 33029918);
	assert_int_equal(f.model[FLAT].total, 18 * GiB);
	assert_int_equal(f.model[SPARSE].total, 2114018432);
	assert_int_equal(f.model[VMEMMAP].total, 2114030720);
	footprint_release(&f);
	engine_free(e);
}

/* The engine's own section runs, through the section arithmetic: every
 * present section's first pfn maps to its memmap and back. */
static void
test_engine_section_math(void **state)
{
	(void)state;
	for (int model = SPARSE; model <= VMEMMAP; model++) {
		struct engine *e = engine_for("server-2node-1t-hole.xml", model);
		const struct machine_build *b = &engine_machine(e)->build;
		const struct sparse_state *s = engine_step(e, engine_nr_steps(e) - 1)->state.sparse;

		for (size_t i = 0; i < s->nr_runs; i++) {
			const struct section_run *r = &s->runs[i];
			uint64_t nr = r->first + r->nr - 1;
			struct section_code c;
			uint64_t page;

			section_math_encode(b, r, nr, &c);
			assert_true(c.has_map);
			page = section_math_pfn_to_page(&c, c.first_pfn + 7);
			assert_int_equal(page, c.memmap_va + 7 * 64);
			assert_int_equal(section_math_page_to_pfn(&c, page), c.first_pfn + 7);
			if (model == SPARSE)
				assert_int_equal(c.memmap_va,
						 SM_PAGE_OFFSET_L4 + r->memmap + (nr - r->first) * r->memmap_stride);
			else
				assert_int_equal(c.value & ~0x1full, SM_VMEMMAP_BASE_L4);
		}
		engine_free(e);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_ram),
		cmocka_unit_test(test_qemu_flatmem),
		cmocka_unit_test(test_qemu_sparsemem),
		cmocka_unit_test(test_qemu_vmemmap),
		cmocka_unit_test(test_server_ram),
		cmocka_unit_test(test_server_flatmem),
		cmocka_unit_test(test_server_sparsemem),
		cmocka_unit_test(test_server_vmemmap),
		cmocka_unit_test(test_covered_pfns),
		cmocka_unit_test(test_engine_agrees),
		cmocka_unit_test(test_engine_machines),
		cmocka_unit_test(test_engine_section_math),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
