/*
 * e820_fixture.c - the e820 tests' shared fixture (see e820_fixture.h).
 */
#include "e820_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>

#include <cmocka.h>

int
e820_fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	e820_table_init(&f->t, 16);
	klog_init(&f->log);
	*state = f;
	return 0;
}

int
e820_fixture_teardown(void **state)
{
	struct fixture *f = *state;

	e820_table_release(&f->t);
	klog_release(&f->log);
	free(f);
	return 0;
}

void
put(struct e820_table *t, uint64_t addr, uint64_t size, uint32_t type)
{
	assert_true(t->nr_entries < t->max_entries);
	t->entries[t->nr_entries++] = (struct e820_entry){ addr, size, type };
}

void
assert_entry(const struct e820_table *t, uint32_t i, uint64_t addr, uint64_t size,
	     uint32_t type)
{
	assert_true(i < t->nr_entries);
	assert_int_equal(t->entries[i].addr, addr);
	assert_int_equal(t->entries[i].size, size);
	assert_int_equal(t->entries[i].type, type);
}

void
assert_line(const struct klog *log, size_t i, const char *text)
{
	assert_true(i < log->nr);
	assert_string_equal(log->lines[i].text, text);
}
