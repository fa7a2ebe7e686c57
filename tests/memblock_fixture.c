/*
 * memblock_fixture.c - the memblock tests' shared fixture (see
 * memblock_fixture.h).
 */
#include "memblock_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>

#include <cmocka.h>

int
memblock_fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	klog_init(&f->log);
	f->log.memblock_debug = 1;
	memblock_init(&f->mb, MAX_NUMNODES, true, &f->log);
	*state = f;
	return 0;
}

int
memblock_fixture_teardown(void **state)
{
	struct fixture *f = *state;

	memblock_release(&f->mb);
	klog_release(&f->log);
	free(f);
	return 0;
}

void
assert_region(const struct memblock_type *t, size_t i, uint64_t base, uint64_t size,
	      int nid, uint32_t flags)
{
	assert_true(i < t->cnt);
	assert_int_equal(t->regions[i].base, base);
	assert_int_equal(t->regions[i].size, size);
	assert_int_equal(t->regions[i].nid, nid);
	assert_int_equal(t->regions[i].flags, flags);
}

void
assert_line(const struct klog *log, size_t i, const char *text)
{
	assert_true(i < log->nr);
	assert_string_equal(log->lines[i].text, text);
}

void
small_machine(struct memblock *mb)
{
	memblock_add(mb, 0x0, 0x9f000, NULL);
	memblock_add(mb, 0x100000, 0x7f00000, NULL);
	memblock_reserve(mb, 0x7f00000, 0x100000, NULL);
}

