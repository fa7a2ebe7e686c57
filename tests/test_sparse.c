/*
 * test_sparse.c - the section table kept as runs: sparse_set_range cuts
 * the runs it overlaps, keeps the cut-off tails' memmap/usemap addresses
 * on their strides, and merges neighbours that continue each other (same
 * node and flags, adjacent, addresses on the same stride); sparse_find
 * and the per-section address helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "sparse_state.h"

#define PRESENT_ONLINE	(SECTION_MARKED_PRESENT | SECTION_IS_ONLINE)
#define ALL_EARLY	(PRESENT_ONLINE | SECTION_HAS_MEM_MAP | SECTION_IS_EARLY)
#define MAP_STRIDE	0x200000ull	/* 2 MiB of struct pages per section */
#define USE_STRIDE	40ull		/* mem_section_usage per section */

static int
setup(void **state)
{
	struct sparse_state *s = calloc(1, sizeof(*s));

	if (!s)
		return -1;
	sparse_state_init(s);
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	sparse_state_release(*state);
	free(*state);
	return 0;
}

static void
set_plain(struct sparse_state *s, uint64_t first, uint64_t nr, int nid, uint32_t flags)
{
	sparse_set_range(s, &(struct section_run){ .first = first, .nr = nr, .nid = nid,
						   .flags = flags });
}

static void
set_mapped(struct sparse_state *s, uint64_t first, uint64_t nr, int nid, uint64_t memmap,
	   uint64_t usemap)
{
	sparse_set_range(s, &(struct section_run){
		.first = first, .nr = nr, .nid = nid, .flags = ALL_EARLY,
		.memmap = memmap, .memmap_stride = MAP_STRIDE,
		.usemap = usemap, .usemap_stride = USE_STRIDE });
}

static void
assert_run(const struct sparse_state *s, size_t i, uint64_t first, uint64_t nr, int nid,
	   uint32_t flags)
{
	assert_true(i < s->nr_runs);
	assert_int_equal(s->runs[i].first, first);
	assert_int_equal(s->runs[i].nr, nr);
	assert_int_equal(s->runs[i].nid, nid);
	assert_int_equal(s->runs[i].flags, flags);
}

static void
test_set_range_into_empty_state(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 4, 8, 0, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 1);
	assert_run(s, 0, 4, 8, 0, PRESENT_ONLINE);
}

static void
test_set_range_zero_sections_is_noop(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 4, 0, 0, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 0);
}

static void
test_adjacent_same_attributes_merge(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 0, 8, 0, PRESENT_ONLINE);
	set_plain(s, 8, 4, 0, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 1);
	assert_run(s, 0, 0, 12, 0, PRESENT_ONLINE);
}

static void
test_adjacent_other_node_or_flags_stay_apart(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 0, 8, 0, PRESENT_ONLINE);
	set_plain(s, 8, 4, 1, PRESENT_ONLINE);
	set_plain(s, 12, 4, 1, SECTION_MARKED_PRESENT);
	assert_int_equal(s->nr_runs, 3);
	assert_run(s, 0, 0, 8, 0, PRESENT_ONLINE);
	assert_run(s, 1, 8, 4, 1, PRESENT_ONLINE);
	assert_run(s, 2, 12, 4, 1, SECTION_MARKED_PRESENT);
}

static void
test_gap_between_runs_prevents_merge(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 0, 4, 0, PRESENT_ONLINE);
	set_plain(s, 5, 4, 0, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 2);
}

static void
test_inserted_before_existing_runs_is_sorted(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 100, 4, 1, PRESENT_ONLINE);
	set_plain(s, 10, 2, 0, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 2);
	assert_run(s, 0, 10, 2, 0, PRESENT_ONLINE);
	assert_run(s, 1, 100, 4, 1, PRESENT_ONLINE);
}

static void
test_memmap_and_usemap_on_stride_merge(void **state)
{
	struct sparse_state *s = *state;

	set_mapped(s, 0, 4, 0, 0x100000000ull, 0x5000);
	set_mapped(s, 4, 2, 0, 0x100000000ull + 4 * MAP_STRIDE, 0x5000 + 4 * USE_STRIDE);
	assert_int_equal(s->nr_runs, 1);
	assert_run(s, 0, 0, 6, 0, ALL_EARLY);
	assert_int_equal(section_run_memmap(&s->runs[0], 5), 0x100a00000ull);
	assert_int_equal(section_run_usemap(&s->runs[0], 5), 0x50c8);
}

static void
test_memmap_off_stride_does_not_merge(void **state)
{
	struct sparse_state *s = *state;

	set_mapped(s, 0, 4, 0, 0x100000000ull, 0x5000);
	set_mapped(s, 4, 2, 0, 0x200000000ull, 0x5000 + 4 * USE_STRIDE);
	assert_int_equal(s->nr_runs, 2);
	assert_int_equal(s->runs[1].memmap, 0x200000000ull);
}

static void
test_usemap_off_stride_does_not_merge(void **state)
{
	struct sparse_state *s = *state;

	set_mapped(s, 0, 4, 0, 0x100000000ull, 0x5000);
	set_mapped(s, 4, 2, 0, 0x100000000ull + 4 * MAP_STRIDE, 0x9000);
	assert_int_equal(s->nr_runs, 2);
}

static void
test_mapped_next_to_unmapped_does_not_merge(void **state)
{
	struct sparse_state *s = *state;

	sparse_set_range(s, &(struct section_run){ .first = 0, .nr = 4, .nid = 0,
						   .flags = ALL_EARLY });
	set_mapped(s, 4, 2, 0, 0x100000000ull, 0x5000);
	assert_int_equal(s->nr_runs, 2);
}

/* Overwriting the middle of a mapped run: the tail keeps its addresses. */
static void
test_split_middle_keeps_tail_addresses(void **state)
{
	struct sparse_state *s = *state;

	set_mapped(s, 0, 16, 0, 0x100000000ull, 0x5000);
	set_plain(s, 4, 4, 1, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 3);
	assert_run(s, 0, 0, 4, 0, ALL_EARLY);
	assert_int_equal(s->runs[0].memmap, 0x100000000ull);
	assert_run(s, 1, 4, 4, 1, PRESENT_ONLINE);
	assert_int_equal(s->runs[1].memmap, 0);
	assert_run(s, 2, 8, 8, 0, ALL_EARLY);
	assert_int_equal(s->runs[2].memmap, 0x101000000ull);
	assert_int_equal(s->runs[2].usemap, 0x5140);
	assert_int_equal(s->runs[2].memmap_stride, MAP_STRIDE);
}

static void
test_overlap_two_runs_partially(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 0, 4, 0, PRESENT_ONLINE);
	set_mapped(s, 4, 4, 1, 0x80000000ull, 0x6000);
	set_plain(s, 2, 4, 2, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 3);
	assert_run(s, 0, 0, 2, 0, PRESENT_ONLINE);
	assert_run(s, 1, 2, 4, 2, PRESENT_ONLINE);
	assert_run(s, 2, 6, 2, 1, ALL_EARLY);
	assert_int_equal(s->runs[2].memmap, 0x80400000ull);
	assert_int_equal(s->runs[2].usemap, 0x6050);
}

/* Filling a gap with the neighbours' attributes joins all three. */
static void
test_fill_between_equal_runs_merges_all(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 0, 4, 0, PRESENT_ONLINE);
	set_plain(s, 4, 4, 1, PRESENT_ONLINE);
	set_plain(s, 8, 4, 0, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 3);
	set_plain(s, 4, 4, 0, PRESENT_ONLINE);
	assert_int_equal(s->nr_runs, 1);
	assert_run(s, 0, 0, 12, 0, PRESENT_ONLINE);
}

/* sparse_init_nid turns a present run into mapped sections in place. */
static void
test_mapping_whole_run_replaces_it(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 0, 8, 0, PRESENT_ONLINE);
	set_plain(s, 8, 8, 1, PRESENT_ONLINE);
	set_mapped(s, 0, 8, 0, 0x3e000000ull, 0x3ffb0000ull);
	set_mapped(s, 8, 8, 1, 0x7e000000ull, 0x7ffb0000ull);
	assert_int_equal(s->nr_runs, 2);
	assert_run(s, 0, 0, 8, 0, ALL_EARLY);
	assert_run(s, 1, 8, 8, 1, ALL_EARLY);
	assert_int_equal(section_run_memmap(&s->runs[1], 15), 0x7ee00000ull);
}

static void
test_find_hits_and_misses(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 0, 2, 0, PRESENT_ONLINE);
	set_plain(s, 10, 5, 1, PRESENT_ONLINE);
	set_plain(s, 20, 1, 2, PRESENT_ONLINE);
	assert_ptr_equal(sparse_find(s, 0), &s->runs[0]);
	assert_ptr_equal(sparse_find(s, 1), &s->runs[0]);
	assert_null(sparse_find(s, 2));
	assert_null(sparse_find(s, 9));
	assert_ptr_equal(sparse_find(s, 10), &s->runs[1]);
	assert_ptr_equal(sparse_find(s, 14), &s->runs[1]);
	assert_null(sparse_find(s, 15));
	assert_ptr_equal(sparse_find(s, 20), &s->runs[2]);
	assert_null(sparse_find(s, 21));
	assert_null(sparse_find(s, UINT64_MAX));
}

static void
test_find_in_empty_state(void **state)
{
	struct sparse_state *s = *state;

	assert_null(sparse_find(s, 0));
}

static void
test_unmapped_run_addresses_are_zero(void **state)
{
	struct sparse_state *s = *state;

	set_plain(s, 3, 3, 0, PRESENT_ONLINE);
	assert_int_equal(section_run_memmap(&s->runs[0], 4), 0);
	assert_int_equal(section_run_usemap(&s->runs[0], 4), 0);
}

/* Half a million sections of one node stay one run. */
static void
test_many_sections_stay_one_run(void **state)
{
	struct sparse_state *s = *state;

	for (uint64_t sec = 0; sec < 524288; sec += 4096)
		set_mapped(s, sec, 4096, 0, 0x100000000ull + sec * MAP_STRIDE,
			   0x1000 + sec * USE_STRIDE);
	assert_int_equal(s->nr_runs, 1);
	assert_run(s, 0, 0, 524288, 0, ALL_EARLY);
}

/*
 * The per-section fallback of sparse_init_nid: sections mapped one at a
 * time in ascending order, each memmap allocated below the previous one,
 * so no two continue each other and every section stays a run of its own.
 */
static void
test_one_section_at_a_time_top_down(void **state)
{
	struct sparse_state *s = *state;
	const uint64_t n = 65536;

	set_plain(s, 0, n, 0, PRESENT_ONLINE);
	for (uint64_t sec = 0; sec < n; sec++)
		set_mapped(s, sec, 1, 0, 0x100000000000ull - sec * MAP_STRIDE, 0x1000 + sec * USE_STRIDE);
	assert_int_equal(s->nr_runs, n);
	for (uint64_t sec = 0; sec < n; sec += 4099) {
		assert_run(s, sec, sec, 1, 0, ALL_EARLY);
		assert_int_equal(s->runs[sec].memmap, 0x100000000000ull - sec * MAP_STRIDE);
	}
}

/* A tiny deterministic generator, so a failure replays. */
static uint32_t
next_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/*
 * Random ranges against a plain per-section array: after every set, each
 * section's node, flags and addresses agree with the array, the runs are
 * sorted and disjoint, and no two neighbours could have been one run.
 */
static void
test_random_sets_match_per_section_model(void **state)
{
	enum { N = 96 };
	struct sparse_state *s = *state;
	struct section_run model[N] = { { 0 } };
	bool set[N] = { false };
	uint32_t x = 2463534242u;

	for (int op = 0; op < 2000; op++) {
		uint64_t first = next_rand(&x) % N, nr = 1 + next_rand(&x) % 12;
		struct section_run r = { .first = first, .nid = (int)(next_rand(&x) % 2),
					 .flags = next_rand(&x) % 2 ? ALL_EARLY : PRESENT_ONLINE };

		r.nr = first + nr > N ? N - first : nr;
		if (r.flags == ALL_EARLY) {
			/* mostly on one stride, so that runs merge, sometimes off it */
			r.memmap = 0x100000000ull + first * MAP_STRIDE + (next_rand(&x) % 4 ? 0 : 64);
			r.memmap_stride = MAP_STRIDE;
			r.usemap = 0x1000 + first * USE_STRIDE;
			r.usemap_stride = USE_STRIDE;
		}
		sparse_set_range(s, &r);
		for (uint64_t sec = r.first; sec < r.first + r.nr; sec++) {
			model[sec] = r;
			model[sec].first = sec;
			model[sec].nr = 1;
			model[sec].memmap = section_run_memmap(&r, sec);
			model[sec].usemap = section_run_usemap(&r, sec);
			set[sec] = true;
		}
		for (uint64_t sec = 0; sec < N; sec++) {
			const struct section_run *f = sparse_find(s, sec);

			if (!set[sec]) {
				assert_null(f);
				continue;
			}
			assert_non_null(f);
			assert_int_equal(f->nid, model[sec].nid);
			assert_int_equal(f->flags, model[sec].flags);
			assert_int_equal(section_run_memmap(f, sec), model[sec].memmap);
			assert_int_equal(section_run_usemap(f, sec), model[sec].usemap);
		}
		for (size_t i = 1; i < s->nr_runs; i++) {
			const struct section_run *a = &s->runs[i - 1], *b = &s->runs[i];
			bool same = a->first + a->nr == b->first && a->nid == b->nid &&
				    a->flags == b->flags && (!a->memmap ||
				    section_run_memmap(a, b->first) == b->memmap);

			assert_true(a->first + a->nr <= b->first);
			assert_false(same);
		}
	}
}

static void
test_copy_and_equal(void **state)
{
	struct sparse_state *s = *state, c;

	set_mapped(s, 0, 4, 0, 0x100000000ull, 0x5000);
	set_plain(s, 8, 4, 1, PRESENT_ONLINE);
	sparse_state_copy(&c, s);
	assert_true(sparse_state_equal(&c, s));
	set_plain(&c, 8, 1, 2, PRESENT_ONLINE);
	assert_false(sparse_state_equal(&c, s));
	sparse_state_release(&c);

	/* every scalar counts, the root array's size too */
	sparse_state_copy(&c, s);
	c.root_array_size += 4096;
	assert_false(sparse_state_equal(&c, s));
	sparse_state_release(&c);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_set_range_into_empty_state),
		T(test_set_range_zero_sections_is_noop),
		T(test_adjacent_same_attributes_merge),
		T(test_adjacent_other_node_or_flags_stay_apart),
		T(test_gap_between_runs_prevents_merge),
		T(test_inserted_before_existing_runs_is_sorted),
		T(test_memmap_and_usemap_on_stride_merge),
		T(test_memmap_off_stride_does_not_merge),
		T(test_usemap_off_stride_does_not_merge),
		T(test_mapped_next_to_unmapped_does_not_merge),
		T(test_split_middle_keeps_tail_addresses),
		T(test_overlap_two_runs_partially),
		T(test_fill_between_equal_runs_merges_all),
		T(test_mapping_whole_run_replaces_it),
		T(test_find_hits_and_misses),
		T(test_find_in_empty_state),
		T(test_unmapped_run_addresses_are_zero),
		T(test_many_sections_stay_one_run),
		T(test_one_section_at_a_time_top_down),
		T(test_random_sets_match_per_section_model),
		T(test_copy_and_equal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
