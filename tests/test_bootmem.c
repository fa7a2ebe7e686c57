/*
 * test_bootmem.c - the i386 bootmem profile (Linux 2.6.18 machines):
 * the bitmap primitives on their own, then both shipped i386 machines
 * booted whole: bitmap place and size, the reserved pages before
 * free_all_bootmem, "hm, page ... reserved twice." for crafted double
 * reservations, and the final free counts per zone and order.
 *
 * Every expected figure is worked out by hand in the comments from the
 * machine files and the rules of KERNEL-FACTS.md section 7; none was
 * pasted from the program's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bootmem.h"
#include "engine.h"
#include "test_files.h"
#include "xalloc.h"

/* ------------------------------------------------------------ helpers */


static struct engine *
boot(struct machine *m)
{
	struct diag err = { 0 };
	struct engine *e = engine_new(m, &err);

	machine_release(m);
	assert_non_null(e);
	return e;
}

/* A machine file of machines/, loaded and booted as it is. */
static struct engine *
boot_file(const char *file)
{
	struct machine m;

	test_load_machine(file, &m);
	return boot(&m);
}

static const struct boot_state *
last_state(const struct engine *e)
{
	return &engine_step(e, engine_nr_steps(e) - 1)->state;
}

/* The state after the last bootmem reservation: the step before zones. */
static const struct boot_state *
reserved_state(const struct engine *e)
{
	size_t z = engine_phase_first(e, PHASE_ZONES);

	assert_true(z > 0 && z < engine_nr_steps(e));
	return &engine_step(e, z - 1)->state;
}

static size_t
log_count(const struct engine *e, const char *text)
{
	const struct klog *l = engine_log(e);
	size_t n = 0;

	for (size_t i = 0; i < l->nr; i++)
		n += strcmp(l->lines[i].text, text) == 0;
	return n;
}

static void
assert_counts(const struct boot_state *s, int zone, const uint64_t want[11])
{
	const struct buddy_zone *z = buddy_zone_find(s->buddy, 0, zone);
	uint64_t got[BUDDY_MAX_ORDERS] = { 0 };

	assert_non_null(z);
	assert_int_equal(s->buddy->max_order, 11);
	buddy_zone_counts(z, 11, got);
	for (int o = 0; o < 11; o++) {
		if (got[o] != want[o])
			print_error("zone %d order %d: %llu, want %llu\n", zone, o,
				    (unsigned long long)got[o], (unsigned long long)want[o]);
		assert_int_equal(got[o], want[o]);
	}
}

/* ------------------------------------------------------------ primitives */

static void
test_primitives(void **state)
{
	struct bootmem_state b;
	struct klog log;

	(void)state;
	klog_init(&log);
	bootmem_state_init(&b);
	/* 33 pages: (33 + 7) / 8 = 5 bytes, rounded up to a long: 8 */
	assert_int_equal(bootmem_init_core(&b, 100, 0, 33), 8);
	assert_int_equal(bootmem_count_reserved(&b, 0, 33), 33);
	/* free [0x800, 0x2800): inward, only page 1 (0x1000-0x1fff) is whole */
	assert_int_equal(bootmem_free(&b, 0x800, 0x2000, NULL), 1);
	assert_false(bootmem_test(&b, 1));
	assert_true(bootmem_test(&b, 0));
	assert_true(bootmem_test(&b, 2));
	/* free pages 4-19, then reserve [0x4800, 0x6001): outward, pages
	 * 4, 5 and 6; all three were clear, so no line */
	assert_int_equal(bootmem_free(&b, 0x4000, 0x10000, NULL), 16);
	assert_int_equal(bootmem_reserve(&b, 0x4800, 0x1801, &log), 0);
	assert_int_equal(log.nr, 0);
	/* reserve [0x5000, 0x8000): pages 5 and 6 again, page 7 new */
	assert_int_equal(bootmem_reserve(&b, 0x5000, 0x3000, &log), 2);
	assert_int_equal(log.nr, 2);
	assert_string_equal(log.lines[0].text, "hm, page 00005000 reserved twice.");
	assert_string_equal(log.lines[1].text, "hm, page 00006000 reserved twice.");
	/* set: 0, 2-3, 4-7, 20-32 -> runs [0,1) [2,8) [20,33) */
	assert_int_equal(b.nr_reserved, 3);
	assert_int_equal(b.reserved[1].start, 2);
	assert_int_equal(b.reserved[1].end, 8);
	assert_int_equal(bootmem_count_reserved(&b, 0, 33), 1 + 6 + 13);
	/* a page freed twice is reported, not cleared again */
	{
		uint64_t again;

		assert_int_equal(bootmem_free(&b, 0x8000, 0x2000, &again), 0);
		assert_int_equal(again, 2);
	}
	bootmem_state_release(&b);
	klog_release(&log);
}

/*
 * __alloc_bootmem_core on a 64-page map with pages 0-9 and 40-47 set:
 * first fit from the goal, the last allocation's page as the next start,
 * sub-page allocations sharing a page, page alignment stepping over a
 * set bit, the restart from the bottom, and a request nothing fits.
 */
static void
test_alloc(void **state)
{
	struct bootmem_state b;
	uint64_t a;

	(void)state;
	bootmem_state_init(&b);
	bootmem_init_core(&b, 100, 0, 64);
	bootmem_free(&b, 0, 64 << 12, NULL);
	bootmem_reserve(&b, 0, 10 << 12, NULL);
	bootmem_reserve(&b, 40 << 12, 8 << 12, NULL);
	/* 2 pages from goal page 36: 36-37 are clear, 38-39 too; first fit is 36 */
	assert_true(bootmem_alloc(&b, 0x2000, 32, 36 << 12, &a));
	assert_int_equal(a, 36 << 12);
	/* 100 bytes: the scan starts at the last success (36), finds 38 */
	assert_true(bootmem_alloc(&b, 100, 32, 36 << 12, &a));
	assert_int_equal(a, 38 << 12);
	/* 200 bytes: page 38 is partly used and 39 follows it: shared,
	 * at 100 rounded up to 32 = 128; page 39 stays clear */
	assert_true(bootmem_alloc(&b, 200, 32, 36 << 12, &a));
	assert_int_equal(a, (38 << 12) + 128);
	assert_false(bootmem_test(&b, 39));
	/* 3000 bytes: page 39 is clear and follows page 38, so the
	 * allocation goes at 100 + 200 = 300, rounded up to 352, and fits */
	assert_true(bootmem_alloc(&b, 3000, 32, 36 << 12, &a));
	assert_int_equal(a, (38 << 12) + 352);
	assert_false(bootmem_test(&b, 39));
	/* 1000 bytes: at 3360, 736 bytes in page 38 and 264 in page 39 */
	assert_true(bootmem_alloc(&b, 1000, 32, 36 << 12, &a));
	assert_int_equal(a, (38 << 12) + 3360);
	assert_true(bootmem_test(&b, 39));
	assert_int_equal(b.last_offset, 264);
	/* 5000 bytes: two clear pages are needed before any sharing is
	 * tried; 40-47 are set, so 48-49, a fresh start */
	assert_true(bootmem_alloc(&b, 5000, 32, 36 << 12, &a));
	assert_int_equal(a, 48 << 12);
	/* 8 KiB aligned to 8 KiB, from the last success 48: 50 */
	assert_true(bootmem_alloc(&b, 0x2000, 0x2000, 36 << 12, &a));
	assert_int_equal(a, 50 << 12);
	/* 20 pages: above 50 only 52-63 is clear; the restart from 0 finds 10 */
	assert_true(bootmem_alloc(&b, 20 << 12, 32, 36 << 12, &a));
	assert_int_equal(a, 10 << 12);
	/* 15 pages: the largest holes left are 30-35 and 52-63 */
	assert_false(bootmem_alloc(&b, 15 << 12, 32, 0, &a));
	assert_int_equal(bootmem_count_reserved(&b, 0, 64), 10 + 20 + 4 + 8 + 2 + 2);
	bootmem_state_release(&b);
}

/* ------------------------------------------------------------ 1 GiB */

/*
 * i386-bootmem-1g: usable [0, 0x9fc00) and [0x100000, 0x3fff0000);
 * kernel [0x100000, 0x3f5a40).
 *
 * max_pfn = PFN_DOWN(0x3fff0000) = 0x3fff0 > MAXMEM_PFN 0x38000, so
 * max_low_pfn = 0x38000; HighMem = 0x3fff0 - 0x38000 = 0x7ff0 = 32752
 * pages (127 MiB after >> 8).
 * min_low_pfn = PFN_UP(0x3f5a40) = 0x3f6: the bitmap's first page.
 * Bitmap: (0x38000 + 7) / 8 = 229383 / 8 = 28672 bytes, a multiple of 4
 * already: 0x7000, 7 pages (0x3f6-0x3fc).
 */
static void
test_1g_bitmap(void **state)
{
	struct engine *e;
	const struct boot_state *s;

	(void)state;
	e = boot_file("i386-bootmem-1g.xml");
	s = last_state(e);
	assert_true(s->bootmem->active);
	assert_int_equal(s->max_pfn, 0x3fff0);
	assert_int_equal(s->max_low_pfn, 0x38000);
	assert_int_equal(s->bootmem->map_pfn, 0x3f6);
	assert_int_equal(s->bootmem->map_bytes, 28672);
	assert_int_equal(bootmem_map_pages(s->bootmem), 7);
	assert_int_equal(s->bootmem->low_pfn, 0x38000);
	assert_int_equal(log_count(e, "127MB HIGHMEM available."), 1);
	assert_int_equal(log_count(e, "896MB LOWMEM available."), 1);
	assert_int_equal(log_count(e, " BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)"), 1);
	assert_int_equal(log_count(e, " BIOS-e820: 000000003fff0000 - 0000000040000000 (ACPI data)"), 1);
	engine_free(e);
}

/*
 * Reserved bits after setup_memory, 1 GiB:
 *   register_bootmem_low_pages clears 0-0x9e (PFN_DOWN(0x9fc00) = 0x9f,
 *   the partial page stays set) and 0x100-0x37fff: 159 + 229120 =
 *   229279 of 229376 bits; 0x9f-0xff (97 pages) stay set.
 *   Kernel through the bitmap: reserve_bootmem(0x100000,
 *   0x3f6000 + 0x7000 + 0xfff - 0x100000): end 0x3fdfff rounds out to
 *   pfn 0x3fe, so 0x100-0x3fd (766 pages, one past the bitmap).
 *   Page 0 and page 1 (trampoline): 2 pages.
 *   The EBDA page at 0x9fc00: [0x9fc00, 0xa0c00) rounds out to pages
 *   0x9f and 0xa0, both set already: two warnings (a DEBUG_BOOTMEM build).
 * Runs: [0, 2) and [0x9f, 0x3fe); 2 + 863 = 865 set bits.
 */
static void
test_1g_reserved(void **state)
{
	struct engine *e;
	const struct bootmem_state *b;

	(void)state;
	e = boot_file("i386-bootmem-1g.xml");
	b = reserved_state(e)->bootmem;
	assert_int_equal(b->nr_reserved, 2);
	assert_int_equal(b->reserved[0].start, 0);
	assert_int_equal(b->reserved[0].end, 2);
	assert_int_equal(b->reserved[1].start, 0x9f);
	assert_int_equal(b->reserved[1].end, 0x3fe);
	assert_int_equal(bootmem_count_reserved(b, 0, 0x38000), 865);
	assert_true(bootmem_test(b, 0x3fd));
	assert_false(bootmem_test(b, 0x3fe));
	assert_false(bootmem_test(b, 2));
	assert_int_equal(log_count(e, "hm, page 00001000 reserved twice."), 0);
	assert_int_equal(log_count(e, "hm, page 0009f000 reserved twice."), 1);
	assert_int_equal(log_count(e, "hm, page 000a0000 reserved twice."), 1);
	engine_free(e);
}

/*
 * free_area_init_node, 1 GiB (alloc_bootmem_node: goal 16 MiB, 32-byte
 * alignment). mem_map: highend 0x3fff0 rounded up to 1024 pages =
 * 0x40000 pages x 32 bytes = 8 MiB = 2048 pages at 0x1000000, pfn
 * 0x1000-0x17ff, ending on a page boundary. Wait tables (12-byte heads):
 *   DMA 4096 / 256 = 16 heads, 192 bytes: a page of its own, 0x1800
 *     (the previous allocation ended on a page boundary);
 *   Normal 225280 / 256 = 880, rounded up to 1024 heads, 12288 bytes:
 *     starts in page 0x1800 at 192, its 3904 bytes, then 8384 bytes =
 *     3 more pages, 0x1801-0x1803, ending 192 bytes into 0x1803;
 *   HighMem 32752 / 256 = 127, 128 heads, 1536 bytes: inside 0x1803 at 192.
 * 2048 + 1 + 3 = 2052 pages, [0x1000, 0x1804).
 */
static void
test_1g_node_allocations(void **state)
{
	struct engine *e;
	const struct bootmem_state *b;

	(void)state;
	e = boot_file("i386-bootmem-1g.xml");
	b = &engine_step(e, engine_phase_first(e, PHASE_BUDDY) - 1)->state.bootmem[0];
	assert_int_equal(bootmem_count_reserved(b, 0x1000, 0x1804), 0x804);
	assert_false(bootmem_test(b, 0xfff));
	assert_false(bootmem_test(b, 0x1804));
	assert_int_equal(b->last_pos, 0x1803);
	assert_int_equal(b->last_offset, 192 + 1536);
	engine_free(e);
}

/*
 * Final counts, 1 GiB. Lowmem freed = 229376 - 865 clear bits - 2052
 * pages of mem_map and wait tables = 226459, plus the bitmap's
 * ((0x38000 / 8) + 4095) / 4096 = 7 pages = 226466.
 * DMA [0, 0x1000) free ranges: [2, 0x9f), [0x3f6, 0x3fd), [0x3fe, 0x1000).
 *   [2, 0x9f): 2 o1, 4 o2, 8 o3, 16 o4, 32 o5, 64 o6, 128 o4, 144 o3,
 *     152 o2, 156 o1, 158 o0 (157 pages).
 *   [0x3f6, 0x3fd): 0x3f6 o1, 0x3f8 o2, 0x3fc o0 (7 pages).
 *   [0x3fe, 0x1000): 0x3fe o1, 0x400/0x800/0xc00 o10 (3074 pages).
 *   o0 2, o1 4, o2 3, o3 2, o4 2, o5 1, o6 1, o10 3 = 3238 pages.
 * Normal [0x1804, 0x38000), 223228 pages: 0x1804 o2, 0x1808 o3, 0x1810
 *   o4, 0x1820 o5, 0x1840 o6, 0x1880 o7, 0x1900 o8, 0x1a00 o9, then
 *   0x1c00-0x38000 = 217 x o10.
 * HighMem [0x38000, 0x3fff0): 32752 = 31 x 1024 + 1008 (512 + 256 +
 *   128 + 64 + 32 + 16): o10 31, o9..o4 one each.
 * Memory: freed 226466 + 32752 = 259218 pages, less those on the hot
 *   per-cpu lists (2.6.18: high 6 x batch, drained a batch at a time after
 *   the add): HighMem batch 7 (32752/1024 = 31, /4 = 7, clamp 2^3 - 1),
 *   high 42, 32752 single frees leave 35 + (32752 - 42) % 7 = 41; Normal
 *   batch 31 (high 186): the word 0x1800-0x181f after the wait tables
 *   frees 0x1804-0x181f one by one, 28 pages, all kept; DMA batch 0
 *   (high 0) keeps none. 259218 - 69 = 259149 = 1036596k; num_physpages
 *   = highend 0x3fff0 = 262128 = 1048512k; reserved = lowmem RAM 229279
 *   - 226466 = 2813 pages = 11252k; data = rwdata 396 + rodata 324 = 720k;
 *   highmem 32752 x 4 = 131008k.
 */
static void
test_1g_free_counts(void **state)
{
	static const uint64_t dma[11] = { 2, 4, 3, 2, 2, 1, 1, 0, 0, 0, 3 };
	static const uint64_t normal[11] = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 217 };
	static const uint64_t high[11] = { 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 31 };
	struct engine *e;
	const struct boot_state *s;

	(void)state;
	e = boot_file("i386-bootmem-1g.xml");
	s = last_state(e);
	assert_counts(s, ZONE_DMA, dma);
	assert_counts(s, ZONE_NORMAL, normal);
	assert_counts(s, ZONE_HIGHMEM, high);
	assert_int_equal(s->bootmem->freed_pages, 226466);
	assert_int_equal(s->buddy->totalhigh_pages, 32752);
	assert_int_equal(s->buddy->totalram_pages, 226466 + 32752);
	assert_int_equal(s->buddy->nr_free_pages, 259218);
	assert_int_equal(s->zones->nodes[0].zones[ZONE_DMA].spanned, 0x1000);
	assert_int_equal(s->zones->nodes[0].zones[ZONE_HIGHMEM].start_pfn, 0x38000);
	assert_int_equal(log_count(e, "Memory: 1036596k/1048512k available (2148k kernel code, "
				   "11252k reserved, 720k data, 232k init, 131008k highmem)"), 1);
	engine_free(e);
}

/* ------------------------------------------------------------ 4 GiB */

/*
 * i386-bootmem-4g: usable [0, 0x9fc00) and [0x100000, 0xdfff0000);
 * kernel [0x100000, 0x4c2000); initrd [0x1f000000, 0x1f200800).
 * max_pfn = 0xdfff0 (below 4 GiB: no PAE warning); max_low_pfn 0x38000;
 * HighMem 0xdfff0 - 0x38000 = 0xa7ff0 = 688112 pages, >> 8 = 2687 MiB.
 * min_low_pfn = 0x4c2 (_end is page aligned); the bitmap is again
 * 28672 bytes, 7 pages 0x4c2-0x4c8.
 */
static void
test_4g_bitmap(void **state)
{
	struct engine *e;
	const struct boot_state *s;

	(void)state;
	e = boot_file("i386-bootmem-4g.xml");
	s = last_state(e);
	assert_int_equal(s->max_pfn, 0xdfff0);
	assert_int_equal(s->max_low_pfn, 0x38000);
	assert_int_equal(s->bootmem->map_pfn, 0x4c2);
	assert_int_equal(s->bootmem->map_bytes, 28672);
	assert_int_equal(bootmem_map_pages(s->bootmem), 7);
	assert_int_equal(log_count(e, "2687MB HIGHMEM available."), 1);
	assert_int_equal(log_count(e, "896MB LOWMEM available."), 1);
	assert_int_equal(log_count(e, "Warning only 4GB will be used."), 0);
	engine_free(e);
}

/*
 * Reserved bits, 4 GiB: 0x9f-0xff stay set as before (97).
 *   Kernel through the bitmap: 0x4c2000 + 0x7000 + 0xfff = 0x4c9fff
 *   rounds out to 0x4ca: pages 0x100-0x4c9, 970.
 *   Pages 0 and 1: 2. Initrd: 0x1f000 to PFN_UP(0x1f200800) = 0x1f201:
 *   513 pages.
 * Runs [0, 2), [0x9f, 0x4ca), [0x1f000, 0x1f201):
 *   2 + 1067 + 513 = 1582 set bits.
 */
static void
test_4g_reserved(void **state)
{
	struct engine *e;
	const struct bootmem_state *b;

	(void)state;
	e = boot_file("i386-bootmem-4g.xml");
	b = reserved_state(e)->bootmem;
	assert_int_equal(b->nr_reserved, 3);
	assert_int_equal(b->reserved[1].start, 0x9f);
	assert_int_equal(b->reserved[1].end, 0x4ca);
	assert_int_equal(b->reserved[2].start, 0x1f000);
	assert_int_equal(b->reserved[2].end, 0x1f201);
	assert_int_equal(bootmem_count_reserved(b, 0, 0x38000), 1582);
	engine_free(e);
}

/*
 * Final counts, 4 GiB. free_area_init_node: mem_map 0xdfff0 rounded up to
 * 0xe0000 pages x 32 = 28 MiB = 7168 pages at 16 MiB, 0x1000-0x2bff; wait
 * tables DMA 16 heads (page 0x2c00), Normal 1024 heads (12288 bytes,
 * 0x2c01-0x2c03, ending 192 bytes in), HighMem 688112 / 256 = 2687, 4096
 * heads (the cap), 49152 bytes: 3904 in page 0x2c03 and 45248 = 12 more
 * pages, 0x2c04-0x2c0f. 7168 + 1 + 3 + 12 = 7184 pages, [0x1000, 0x2c10).
 * Lowmem freed = 229376 - 1582 - 7184 = 220610 + 7 bitmap pages = 220617.
 * DMA free ranges [2, 0x9f) (as for 1 GiB), [0x4c2, 0x4c9), [0x4ca, 0x1000):
 *   [0x4c2, 0x4c9): 0x4c2 o1, 0x4c4 o2, 0x4c8 o0.
 *   [0x4ca, 0x1000): 0x4ca o1, 0x4cc o2, 0x4d0 o4, 0x4e0 o5, 0x500 o8,
 *     0x600 o9, 0x800 o10, 0xc00 o10 (2870 pages).
 *   o0 2, o1 4, o2 4, o3 2, o4 3, o5 2, o6 1, o8 1, o9 1, o10 2 = 3034.
 * Normal: [0x2c10, 0x1f000): 0x2c10 o4, 0x2c20 o5, 0x2c40 o6, 0x2c80 o7,
 *   0x2d00 o8, 0x2e00 o9, then 0x3000-0x1f000 = 112 x o10 (115696
 *   pages); [0x1f201, 0x38000): 0x1f201 o0, then o1..o8 one each up to
 *   0x1f400 (511 pages), then 0x18c00 = 99 x o10 (101887 pages).
 *   o0..o3 1, o4..o8 2, o9 1, o10 211; 3034 + 115696 + 101887 = 220617.
 * HighMem [0x38000, 0xdfff0): 688112 = 671 x 1024 + 1008: o10 671,
 *   o9..o4 one each.
 * Memory: freed 220617 + 688112 = 908729, less the per-cpu lists:
 *   HighMem batch 31 (high 186) keeps 155 + (688112 - 186) % 31 = 160;
 *   Normal (batch 31) gets single frees from two words, 0x2c10-0x2c1f
 *   after the wait tables (16) and 0x1f201-0x1f21f after the initrd (31),
 *   47 kept; 908729 - 207 = 908522 = 3634088k; physpages 0xdfff0 =
 *   917488 = 3669952k; reserved 229279 - 220617 = 8662 = 34648k (pages 0,
 *   1, 0x100-0x4c1, 0x4c9, the initrd's 513 and free_area_init_node's
 *   7184); data 544 + 412 = 956k;
 *   highmem 688112 x 4 = 2752448k.
 */
static void
test_4g_free_counts(void **state)
{
	static const uint64_t dma[11] = { 2, 4, 4, 2, 3, 2, 1, 0, 1, 1, 2 };
	static const uint64_t normal[11] = { 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 211 };
	static const uint64_t high[11] = { 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 671 };
	struct engine *e;
	const struct boot_state *s;

	(void)state;
	e = boot_file("i386-bootmem-4g.xml");
	s = last_state(e);
	assert_counts(s, ZONE_DMA, dma);
	assert_counts(s, ZONE_NORMAL, normal);
	assert_counts(s, ZONE_HIGHMEM, high);
	assert_int_equal(s->bootmem->freed_pages, 220617);
	assert_int_equal(s->buddy->totalhigh_pages, 688112);
	assert_int_equal(s->buddy->nr_free_pages, 908729);
	assert_int_equal(log_count(e, "Memory: 3634088k/3669952k available (2860k kernel code, "
				   "34648k reserved, 956k data, 268k init, 2752448k highmem)"), 1);
	engine_free(e);
}

/* ------------------------------------------------------------ crafted */

/*
 * The 1 GiB machine with an initrd at 0x3f8000, 0x1800 bytes: outward
 * that is pages 0x3f8 and 0x3f9, inside the bitmap the kernel reservation
 * already covered (0x100-0x3fd), so both print, with the byte offset.
 */
static void
test_reserved_twice_initrd(void **state)
{
	struct machine m;
	struct engine *e;

	(void)state;
	test_load_machine("i386-bootmem-1g.xml", &m);
	m.kernel.initrd_start = 0x3f8000;
	m.kernel.initrd_size = 0x1800;
	e = boot(&m);
	assert_int_equal(log_count(e, "hm, page 003f8000 reserved twice."), 1);
	assert_int_equal(log_count(e, "hm, page 003f9000 reserved twice."), 1);
	assert_int_equal(log_count(e, "hm, page 003fa000 reserved twice."), 0);
	/* the set bits are the same 865 as without the initrd */
	assert_int_equal(bootmem_count_reserved(reserved_state(e)->bootmem, 0, 0x38000), 865);
	engine_free(e);
}

/*
 * The 1 GiB machine whose BIOS marks page 1 reserved: usable [0, 0x1000)
 * and [0x2000, 0x9fc00). Page 1's bit is never cleared, so the SMP
 * trampoline's reserve_bootmem(4096, 4096) prints "hm, page 00001000
 * reserved twice."; page 0 was freed and reserved once, silently.
 */
static void
test_reserved_twice_trampoline(void **state)
{
	struct machine m;
	struct engine *e;

	(void)state;
	test_load_machine("i386-bootmem-1g.xml", &m);
	assert_int_equal(m.e820[0].addr, 0);
	m.e820 = xrealloc(m.e820, (m.nr_e820 + 2) * sizeof(m.e820[0]));
	m.e820[0].size = 0x1000;
	m.e820[m.nr_e820++] = (struct machine_e820){ .addr = 0x1000, .size = 0x1000,
						     .type = E820_TYPE_RESERVED };
	m.e820[m.nr_e820++] = (struct machine_e820){ .addr = 0x2000, .size = 0x9fc00 - 0x2000,
						     .type = E820_TYPE_RAM };
	e = boot(&m);
	assert_int_equal(log_count(e, "hm, page 00001000 reserved twice."), 1);
	assert_int_equal(log_count(e, "hm, page 00000000 reserved twice."), 0);
	engine_free(e);
}

/*
 * From 2.6.3 the double reservation is silent unless the kernel has
 * CONFIG_DEBUG_BOOTMEM; 2.4 prints it always but has no EBDA reservation,
 * so only the initrd inside the kernel's pages (as above) warns there.
 */
static void
test_reserved_twice_needs_debug_bootmem(void **state)
{
	struct machine m;
	struct engine *e;

	(void)state;
	test_load_machine("i386-bootmem-1g.xml", &m);
	m.build.debug_bootmem = false;
	m.kernel.initrd_start = 0x3f8000;
	m.kernel.initrd_size = 0x1000;
	e = boot(&m);
	assert_int_equal(log_count(e, "hm, page 0009f000 reserved twice."), 0);
	assert_int_equal(log_count(e, "hm, page 003f8000 reserved twice."), 0);
	assert_int_equal(bootmem_count_reserved(reserved_state(e)->bootmem, 0, 0x38000), 865);
	engine_free(e);
	test_load_machine("i386-bootmem-1g.xml", &m);
	m.build.debug_bootmem = false;
	m.kernel.initrd_start = 0x3f8000;
	m.kernel.initrd_size = 0x1000;
	free(m.kernel_version);
	m.kernel_version = xstrdup("2.4.31");
	e = boot(&m);
	assert_int_equal(log_count(e, "hm, page 0009f000 reserved twice."), 0);
	assert_int_equal(log_count(e, "hm, page 003f8000 reserved twice."), 1);
	engine_free(e);
}

/* 2.6.27 leaves bootmem for the memblock-era boot; 2.4 keeps it, with the
 * older mem_map size. */
static void
test_profile_choice(void **state)
{
	struct machine m;
	struct engine *e;
	struct diag err = { 0 };

	(void)state;
	/* 2.6.27-2.6.34 had early_res and the rewritten bootmem, which memboot
	 * does not replay: refused, not shown as either boot */
	test_load_machine("i386-bootmem-1g.xml", &m);
	free(m.kernel_version);
	m.kernel_version = xstrdup("2.6.34");
	assert_null(engine_new(&m, &err));
	assert_non_null(strstr(err.msg, "kernel 2.6.34 on i386: x86 allocates early memory with "
				    "memblock only from 2.6.35"));
	machine_release(&m);
	test_load_machine("i386-bootmem-1g.xml", &m);
	free(m.kernel_version);
	m.kernel_version = xstrdup("2.6.35");
	e = boot(&m);
	assert_false(last_state(e)->bootmem->active);
	engine_free(e);
	test_load_machine("i386-bootmem-1g.xml", &m);
	free(m.kernel_version);
	m.kernel_version = xstrdup("2.4.31");
	e = boot(&m);
	assert_true(last_state(e)->bootmem->active);
	/* before 2.6.16 mem_map is spanned + 1 struct pages: 262129 x 32 =
	 * 8388128 bytes, ending 3616 bytes into page 0x17ff; the DMA wait
	 * table (192) fits in that page, up to 3808; Normal's 12288 take the
	 * 288 left and 12000 more, 0x1800-0x1802, ending at 3808; HighMem's
	 * 1536 take 288 and 1248 of page 0x1803 (2.6.18 ends at 1728) */
	assert_int_equal(last_state(e)->bootmem->last_pos, 0x1803);
	assert_int_equal(last_state(e)->bootmem->last_offset, 1248);
	engine_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_primitives),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_1g_bitmap),
		cmocka_unit_test(test_1g_reserved),
		cmocka_unit_test(test_1g_node_allocations),
		cmocka_unit_test(test_1g_free_counts),
		cmocka_unit_test(test_4g_bitmap),
		cmocka_unit_test(test_4g_reserved),
		cmocka_unit_test(test_4g_free_counts),
		cmocka_unit_test(test_reserved_twice_initrd),
		cmocka_unit_test(test_reserved_twice_trampoline),
		cmocka_unit_test(test_reserved_twice_needs_debug_bootmem),
		cmocka_unit_test(test_profile_choice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
