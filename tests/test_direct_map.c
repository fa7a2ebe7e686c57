/*
 * test_direct_map.c - the page-table pages init_mem_mapping() costs, by
 * hand, for 64 TiB of RAM: a PUD table per 512 GiB (128), a PMD table per
 * GiB unless 1 GiB pages map it (65536), a PTE table per 2 MiB mapped
 * with 4 KiB pages. The first six come from the brk buffer, the rest from
 * memblock. Mapping 64 TiB walks only the tables' index runs, never the
 * 32 million 2 MiB blocks one by one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "direct_map.h"
#include "klog.h"
#include "memblock.h"

#define TIB (1ull << 40)

/* Tables for RAM [0, 64 TiB), or with the legacy hole [640 KiB, 1 MiB). */
static size_t
tables(bool gbpages, bool isa_hole, unsigned *brk)
{
	struct klog log;
	struct memblock mb;
	struct direct_map_result res;
	struct direct_map_config cfg = { .gbpages = gbpages, .pgt_buf_pages = 6,
					 .pgt_buf_start = 0x2000000 };
	size_t n;

	klog_init(&log);
	memblock_init(&mb, 1024, true, &log);
	if (isa_hole) {
		memblock_add(&mb, 0, 0xa0000, "test");
		memblock_add(&mb, 0x100000, 64 * TIB - 0x100000, "test");
	} else {
		memblock_add(&mb, 0, 64 * TIB, "test");
	}
	memblock_allow_resize(&mb);
	direct_map_init(&mb, &cfg, 64 * TIB, &res);
	*brk = res.brk_pages;
	n = res.brk_pages + res.nr_pages;
	/* memblock's pages come top-down, below the top 2 MiB probe */
	assert_true(res.nr_pages > 0);
	assert_true(res.pages[0] < 64 * TIB && res.pages[0] >= 64 * TIB - 0x200000 - 0x1000);
	direct_map_result_release(&res);
	memblock_release(&mb);
	klog_release(&log);
	return n;
}

/* RAM from 0: the ISA range's page is widened to 2 MiB (all of [0, 2 MiB)
 * is RAM), so no PTE table: 128 PUD + 65536 PMD tables. */
static void
test_64t_2m_pages(void **state)
{
	unsigned brk;

	(void)state;
	assert_int_equal(tables(false, false, &brk), 128 + 65536);
	assert_int_equal(brk, 6);
}

/* With 1 GiB pages even the first GiB is one page: the PUD tables only. */
static void
test_64t_1g_pages(void **state)
{
	unsigned brk;

	(void)state;
	assert_int_equal(tables(true, false, &brk), 128);
}

/* The hole at 640 KiB keeps [0, 1 MiB) in 4 KiB pages: one PTE table, and
 * the first GiB in 2 MiB pages under a PMD table even with GB pages. */
static void
test_64t_isa_hole(void **state)
{
	unsigned brk;

	(void)state;
	assert_int_equal(tables(false, true, &brk), 128 + 65536 + 1);
	assert_int_equal(tables(true, true, &brk), 128 + 1 + 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_64t_2m_pages),
		cmocka_unit_test(test_64t_1g_pages),
		cmocka_unit_test(test_64t_isa_hole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
