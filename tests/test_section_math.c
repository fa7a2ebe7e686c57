/*
 * test_section_math.c - src/section_math.c against figures worked out by
 * hand (the arithmetic is in the comments): section_mem_map encoding of
 * one section under SPARSEMEM_VMEMMAP and classic SPARSEMEM, the wrap
 * below the direct map, the mem_section root and index, the early
 * encoding before sparse_init_nid with and without ZONE_DEVICE, and the
 * 5-level bases. Build constants are the defaults: 4 KiB pages, 128 MiB
 * sections (32768 pages), struct page 64 B, 256 mem_sections per root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "machine.h"
#include "section_math.h"

#define MiB (1ull << 20)
#define SPARSE MEM_MODEL_SPARSEMEM
#define VMEMMAP MEM_MODEL_SPARSEMEM_VMEMMAP
#define ALL_FLAGS (SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP | SECTION_IS_ONLINE | \
		   SECTION_IS_EARLY)

static void
default_build(struct machine_build *b, enum mem_model model)
{
	struct machine m;

	machine_init_defaults(&m);
	*b = m.build;
	b->model = model;
	machine_release(&m);
}

static void
test_math_vmemmap(void **state)
{
	struct machine_build b;
	struct section_run r = { .first = 32, .nr = 8, .nid = 0, .flags = ALL_FLAGS };
	struct section_code c;

	(void)state;
	default_build(&b, VMEMMAP);
	section_math_encode(&b, &r, 32, &c);
	/* section 32: first pfn 32 << 15 = 0x100000, mem_section[0][32] */
	assert_int_equal(c.first_pfn, 0x100000);
	assert_int_equal(c.root, 0);
	assert_int_equal(c.index, 32);
	/* memmap = vmemmap + 0x100000 x 64 = 0xffffea0000000000 + 0x4000000 */
	assert_int_equal(c.memmap_va, 0xffffea0004000000ull);
	/* stored: (memmap - pfn x 64) = vmemmap itself, | 0xf flags */
	assert_int_equal(c.value, 0xffffea000000000full);
	assert_int_equal(section_math_map_addr(&c), 0xffffea0000000000ull);
	/* pfn_to_page(0x100001) = vmemmap + 0x100001 x 64 = ...4000040 */
	assert_int_equal(section_math_pfn_to_page(&c, 0x100001), 0xffffea0004000040ull);
	assert_int_equal(section_math_page_to_pfn(&c, 0xffffea0004000040ull), 0x100001);
}

static void
test_math_classic(void **state)
{
	struct machine_build b;
	/* 8 sections from 32 whose memmaps are consecutive 2 MiB blocks from
	 * physical 0x13c000000 */
	struct section_run r = { .first = 32, .nr = 8, .nid = 0, .flags = ALL_FLAGS,
				 .memmap = 0x13c000000, .memmap_stride = 2 * MiB };
	struct section_code c;

	(void)state;
	default_build(&b, SPARSE);
	section_math_encode(&b, &r, 33, &c);
	/* section 33: memmap pa 0x13c000000 + 2 MiB = 0x13c200000, va =
	 * 0xffff888000000000 + 0x13c200000 = 0xffff88813c200000; first pfn
	 * 33 << 15 = 0x108000, x 64 = 0x4200000; coded = 0xffff88813c200000
	 * - 0x4200000 = 0xffff888138000000; stored | 0xf */
	assert_int_equal(c.memmap_pa, 0x13c200000);
	assert_int_equal(c.memmap_va, 0xffff88813c200000ull);
	assert_int_equal(c.coded_map, 0xffff888138000000ull);
	assert_int_equal(c.value, 0xffff88813800000full);
	/* pfn_to_page(0x108001) = 0xffff888138000000 + 0x4200040 */
	assert_int_equal(section_math_pfn_to_page(&c, 0x108001), 0xffff88813c200040ull);
	assert_int_equal(section_math_page_to_pfn(&c, 0xffff88813c200040ull), 0x108001);
	/* the section's first pfn lands on the memmap itself */
	assert_int_equal(section_math_pfn_to_page(&c, c.first_pfn), c.memmap_va);
}

static void
test_math_wraps_and_roots(void **state)
{
	struct machine_build b;
	/* node 1's first section of the server, memmap at 16 MiB */
	struct section_run r = { .first = 8704, .nr = 1, .nid = 1, .flags = ALL_FLAGS,
				 .memmap = 0x1000000, .memmap_stride = 2 * MiB };
	struct section_code c;

	(void)state;
	default_build(&b, SPARSE);
	section_math_encode(&b, &r, 8704, &c);
	/* 8704 / 256 = root 34, index 0; first pfn 0x11000000 */
	assert_int_equal(c.root, 34);
	assert_int_equal(c.index, 0);
	assert_int_equal(c.first_pfn, 0x11000000);
	/* 0xffff888001000000 - 0x11000000 x 64 (0x440000000)
	 * = 0xffff887bc1000000, below the direct map: fine, it is only
	 * ever added to a pfn of the section */
	assert_int_equal(c.coded_map, 0xffff887bc1000000ull);
	assert_int_equal(section_math_pfn_to_page(&c, 0x11000000), 0xffff888001000000ull);
	assert_int_equal(section_math_page_to_pfn(&c, 0xffff888001000000ull + 5 * 64), 0x11000005);
}

static void
test_math_early(void **state)
{
	struct machine_build b;
	struct section_run r = { .first = 8704, .nr = 512, .nid = 1,
				 .flags = SECTION_MARKED_PRESENT | SECTION_IS_ONLINE };
	struct section_code c;

	(void)state;
	default_build(&b, SPARSE);
	section_math_encode(&b, &r, 8800, &c);
	/* before sparse_init_nid: nid << SECTION_NID_SHIFT (5 with
	 * ZONE_DEVICE) | ONLINE (4) | PRESENT (1) = 0x20 | 5 = 0x25 */
	assert_false(c.has_map);
	assert_int_equal(c.value, 0x25);
	assert_int_equal(c.early, 0x25);
	/* without ZONE_DEVICE the node sits one bit lower: 0x10 | 5 */
	b.zone_device = false;
	section_math_encode(&b, &r, 8800, &c);
	assert_int_equal(c.value, 0x15);
	/* 5-level paging moves both bases */
	b.max_physmem_bits = 52;
	assert_int_equal(section_math_vmemmap_base(&b), 0xffd4000000000000ull);
	assert_int_equal(section_math_page_offset(&b), 0xff11000000000000ull);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_math_vmemmap),
		cmocka_unit_test(test_math_classic),
		cmocka_unit_test(test_math_wraps_and_roots),
		cmocka_unit_test(test_math_early),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
