/*
 * e820_fixture.h - what tests/test_e820.c and tests/test_e820_range.c
 * share: a 16-entry table with its log, an append that bypasses the
 * kernel's rules, and the entry and line checks.
 */
#ifndef MEMBOOT_E820_FIXTURE_H
#define MEMBOOT_E820_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "e820.h"
#include "klog.h"

struct fixture {
	struct e820_table t;
	struct klog log;
};

/* cmocka setup and teardown of a struct fixture. */
int e820_fixture_setup(void **state);
int e820_fixture_teardown(void **state);

/* Append an entry without going through any kernel logic. */
void put(struct e820_table *t, uint64_t addr, uint64_t size, uint32_t type);

void assert_entry(const struct e820_table *t, uint32_t i, uint64_t addr, uint64_t size,
		  uint32_t type);
void assert_line(const struct klog *log, size_t i, const char *text);

#endif
