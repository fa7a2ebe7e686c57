/*
 * test_range_set.c - the sorted-range set every sorted table shares:
 * overlap lengths, the two binary searches (first range ending above x,
 * the range holding x) at range edges and in holes, adding that merges
 * touching ranges, removing that splits, counting, and making a set of
 * ranges given in any order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "range_set.h"

struct set {
	struct pfn_range *r;
	size_t nr, cap;
};

static void
assert_set(const struct set *s, const struct pfn_range *want, size_t n)
{
	assert_int_equal(s->nr, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(s->r[i].start, want[i].start);
		assert_int_equal(s->r[i].end, want[i].end);
	}
}

static void
test_overlap(void **state)
{
	(void)state;
	assert_int_equal(range_overlap(0, 10, 5, 20), 5);
	assert_int_equal(range_overlap(5, 20, 0, 10), 5);
	assert_int_equal(range_overlap(0, 10, 2, 3), 1);
	assert_int_equal(range_overlap(0, 10, 10, 20), 0);	/* touching is no overlap */
	assert_int_equal(range_overlap(10, 20, 0, 5), 0);
}

static void
test_search_edges_and_holes(void **state)
{
	const struct pfn_range r[] = { { 10, 20 }, { 30, 40 }, { 40, 45 } };

	(void)state;
	assert_int_equal(range_set_pos(r, 3, 0), 0);
	assert_int_equal(range_set_pos(r, 3, 19), 0);
	assert_int_equal(range_set_pos(r, 3, 20), 1);	/* end is exclusive */
	assert_int_equal(range_set_pos(r, 3, 25), 1);
	assert_int_equal(range_set_pos(r, 3, 40), 2);
	assert_int_equal(range_set_pos(r, 3, 45), 3);
	assert_int_equal(range_set_pos(r, 0, 5), 0);
	assert_int_equal(range_set_find(r, 3, 9), -1);
	assert_int_equal(range_set_find(r, 3, 10), 0);
	assert_int_equal(range_set_find(r, 3, 20), -1);
	assert_int_equal(range_set_find(r, 3, 39), 1);
	assert_int_equal(range_set_find(r, 3, 40), 2);
	assert_int_equal(range_set_find(r, 3, 45), -1);
}

static void
test_add_merges_and_remove_splits(void **state)
{
	struct set s = { NULL, 0, 0 };

	(void)state;
	range_set_add(&s.r, &s.nr, &s.cap, 30, 40);
	range_set_add(&s.r, &s.nr, &s.cap, 10, 20);
	range_set_add(&s.r, &s.nr, &s.cap, 50, 50);	/* empty: nothing */
	assert_set(&s, (const struct pfn_range[]){ { 10, 20 }, { 30, 40 } }, 2);
	range_set_add(&s.r, &s.nr, &s.cap, 20, 30);	/* touches both: one range */
	assert_set(&s, (const struct pfn_range[]){ { 10, 40 } }, 1);
	range_set_remove(&s.r, &s.nr, &s.cap, 15, 25);
	assert_set(&s, (const struct pfn_range[]){ { 10, 15 }, { 25, 40 } }, 2);
	assert_int_equal(range_set_count(s.r, s.nr, 0, 100), 20);
	assert_int_equal(range_set_count(s.r, s.nr, 12, 30), 8);
	range_set_remove(&s.r, &s.nr, &s.cap, 0, 30);
	assert_set(&s, (const struct pfn_range[]){ { 30, 40 } }, 1);
	free(s.r);
}

static void
test_sort_makes_a_set(void **state)
{
	struct pfn_range r[] = { { 50, 60 }, { 5, 5 }, { 10, 20 }, { 55, 70 }, { 20, 25 },
				 { 0, 3 }, { 12, 14 } };
	struct set s = { r, sizeof(r) / sizeof(r[0]), 0 };

	(void)state;
	range_set_sort(s.r, &s.nr);
	assert_set(&s, (const struct pfn_range[]){ { 0, 3 }, { 10, 25 }, { 50, 70 } }, 3);
	s.nr = 0;
	range_set_sort(s.r, &s.nr);
	assert_int_equal(s.nr, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_search_edges_and_holes),
		cmocka_unit_test(test_add_merges_and_remove_splits),
		cmocka_unit_test(test_sort_makes_a_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
