/*
 * memblock_fixture.h - what tests/test_memblock.c and
 * tests/test_memblock_alloc.c share: a memblock with memblock=debug on
 * and its log, the region and line checks, and the small machine both
 * allocate from and query.
 */
#ifndef MEMBOOT_MEMBLOCK_FIXTURE_H
#define MEMBOOT_MEMBLOCK_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "klog.h"
#include "memblock.h"

#define MAX_NUMNODES	1024	/* NODES_SHIFT 10 */

struct fixture {
	struct memblock mb;
	struct klog log;
};

/* cmocka setup and teardown of a struct fixture: NUMA, MAX_NUMNODES. */
int memblock_fixture_setup(void **state);
int memblock_fixture_teardown(void **state);

void assert_region(const struct memblock_type *t, size_t i, uint64_t base, uint64_t size,
		   int nid, uint32_t flags);
void assert_line(const struct klog *log, size_t i, const char *text);

/* Memory [0, 0x9f000) and [1 MiB, 128 MiB) with the top MiB reserved. */
void small_machine(struct memblock *mb);

#endif
