/*
 * sparse.c - the section table as runs. Setting a range of sections cuts
 * the runs it overlaps, inserts the new run and merges it with neighbours
 * that continue it (same node and flags, addresses on the same stride).
 */
#include "sparse.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
sparse_state_init(struct sparse_state *s)
{
	memset(s, 0, sizeof(*s));
}

void
sparse_state_copy(struct sparse_state *dst, const struct sparse_state *src)
{
	*dst = *src;
	dst->runs = src->nr_runs ? xmemdup(src->runs, src->nr_runs * sizeof(src->runs[0])) : NULL;
	dst->cap_runs = src->nr_runs;
	dst->roots = src->nr_roots ? xmemdup(src->roots, src->nr_roots * sizeof(src->roots[0])) : NULL;
	dst->cap_roots = src->nr_roots;
}

bool
sparse_state_equal(const struct sparse_state *a, const struct sparse_state *b)
{
	return a->nr_runs == b->nr_runs && a->nr_roots == b->nr_roots &&
	       a->root_array == b->root_array && a->vmemmap_tables == b->vmemmap_tables &&
	       a->nr_present == b->nr_present &&
	       (!a->nr_runs || memcmp(a->runs, b->runs, a->nr_runs * sizeof(a->runs[0])) == 0) &&
	       (!a->nr_roots || memcmp(a->roots, b->roots, a->nr_roots * sizeof(a->roots[0])) == 0);
}

void
sparse_state_release(struct sparse_state *s)
{
	free(s->runs);
	free(s->roots);
	memset(s, 0, sizeof(*s));
}

const struct section_run *
sparse_find(const struct sparse_state *s, uint64_t nr)
{
	size_t lo = 0, hi = s->nr_runs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct section_run *r = &s->runs[mid];

		if (nr < r->first)
			hi = mid;
		else if (nr - r->first >= r->nr)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

uint64_t
section_run_memmap(const struct section_run *r, uint64_t nr)
{
	return r->memmap ? r->memmap + (nr - r->first) * r->memmap_stride : 0;
}

uint64_t
section_run_usemap(const struct section_run *r, uint64_t nr)
{
	return r->usemap ? r->usemap + (nr - r->first) * r->usemap_stride : 0;
}

/* Does b continue a (adjacent, same attributes, same strides)? */
static bool
run_continues(const struct section_run *a, const struct section_run *b)
{
	if (a->first + a->nr != b->first || a->nid != b->nid || a->flags != b->flags)
		return false;
	if ((a->memmap != 0) != (b->memmap != 0) || (a->usemap != 0) != (b->usemap != 0))
		return false;
	if (a->memmap && (a->memmap_stride != b->memmap_stride ||
			  section_run_memmap(a, b->first) != b->memmap))
		return false;
	if (a->usemap && (a->usemap_stride != b->usemap_stride ||
			  section_run_usemap(a, b->first) != b->usemap))
		return false;
	return true;
}

/* The part of run r from section 'from' on, as a run of its own. */
static struct section_run
run_tail(const struct section_run *r, uint64_t from)
{
	struct section_run t = *r;

	t.first = from;
	t.nr = r->first + r->nr - from;
	t.memmap = section_run_memmap(r, from);
	t.usemap = section_run_usemap(r, from);
	return t;
}

static void
push_run(struct section_run **out, size_t *nr, size_t *cap, const struct section_run *r)
{
	if (*nr && run_continues(&(*out)[*nr - 1], r)) {
		(*out)[*nr - 1].nr += r->nr;
		return;
	}
	xgrow((void **)out, cap, *nr + 1, sizeof(**out));
	(*out)[(*nr)++] = *r;
}

void
sparse_set_range(struct sparse_state *s, const struct section_run *new_run)
{
	uint64_t first = new_run->first, end = new_run->first + new_run->nr;
	struct section_run *out = NULL;
	size_t nr_out = 0, cap = 0;
	bool placed = false;

	if (!new_run->nr)
		return;
	for (size_t i = 0; i < s->nr_runs; i++) {
		const struct section_run *r = &s->runs[i];
		uint64_t rend = r->first + r->nr;

		if (rend <= first) {
			push_run(&out, &nr_out, &cap, r);
			continue;
		}
		if (r->first < first) {
			struct section_run head = *r;

			head.nr = first - r->first;
			push_run(&out, &nr_out, &cap, &head);
		}
		if (!placed) {
			push_run(&out, &nr_out, &cap, new_run);
			placed = true;
		}
		if (rend > end) {
			struct section_run tail = run_tail(r, r->first > end ? r->first : end);

			push_run(&out, &nr_out, &cap, &tail);
		}
	}
	if (!placed)
		push_run(&out, &nr_out, &cap, new_run);
	free(s->runs);
	s->runs = out;
	s->nr_runs = nr_out;
	s->cap_runs = cap;
}
