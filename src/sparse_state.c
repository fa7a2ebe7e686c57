/*
 * sparse_state.c - the section table as runs. Setting a range of sections cuts
 * the runs it overlaps, inserts the new run and merges it with neighbours
 * that continue it (same node and flags, addresses on the same stride).
 */
#include "sparse_state.h"

#include <stdlib.h>
#include <string.h>

#include "range_set.h"
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
	       a->root_array == b->root_array && a->root_array_size == b->root_array_size &&
	       a->vmemmap_tables == b->vmemmap_tables &&
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

static void
run_span(const void *item, uint64_t *start, uint64_t *size)
{
	const struct section_run *r = item;

	*start = r->first;
	*size = r->nr;
}

size_t
sparse_index_after(const struct sparse_state *s, uint64_t nr)
{
	return ranges_first_above(s->runs, s->nr_runs, sizeof(s->runs[0]), run_span, nr);
}

const struct section_run *
sparse_find(const struct sparse_state *s, uint64_t nr)
{
	size_t i = sparse_index_after(s, nr);

	return i < s->nr_runs && s->runs[i].first <= nr ? &s->runs[i] : NULL;
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

/* Append r to the pieces, or extend the last piece when r continues it. */
static void
push_run(struct section_run *out, size_t *nr, const struct section_run *r)
{
	if (*nr && run_continues(&out[*nr - 1], r))
		out[*nr - 1].nr += r->nr;
	else
		out[(*nr)++] = *r;
}

/*
 * Only the runs the new one overlaps change, plus the neighbour on each
 * side it may merge with: rebuild that window (at most five pieces) and
 * splice it in, so setting sections in ascending order costs a binary
 * search and a short move, whatever the size of the table.
 */
void
sparse_set_range(struct sparse_state *s, const struct section_run *new_run)
{
	uint64_t first = new_run->first, end = new_run->first + new_run->nr;
	struct section_run piece[5];
	size_t nr_piece = 0, hit, lo, hi, tail_nr;

	if (!new_run->nr)
		return;
	/* runs [hit, hi) overlap the new one */
	hit = lo = sparse_index_after(s, first);
	for (hi = hit; hi < s->nr_runs && s->runs[hi].first < end; hi++)
		;
	if (lo > 0)
		push_run(piece, &nr_piece, &s->runs[--lo]);
	if (hit < hi && s->runs[hit].first < first) {
		struct section_run head = s->runs[hit];

		head.nr = first - head.first;
		push_run(piece, &nr_piece, &head);
	}
	push_run(piece, &nr_piece, new_run);
	if (hit < hi && s->runs[hi - 1].first + s->runs[hi - 1].nr > end) {
		struct section_run tail = run_tail(&s->runs[hi - 1], end);

		push_run(piece, &nr_piece, &tail);
	}
	if (hi < s->nr_runs)
		push_run(piece, &nr_piece, &s->runs[hi++]);
	/* the window [lo, hi) becomes the pieces */
	tail_nr = s->nr_runs - hi;
	xgrow((void **)&s->runs, &s->cap_runs, lo + nr_piece + tail_nr, sizeof(s->runs[0]));
	memmove(&s->runs[lo + nr_piece], &s->runs[hi], tail_nr * sizeof(s->runs[0]));
	memcpy(&s->runs[lo], piece, nr_piece * sizeof(piece[0]));
	s->nr_runs = lo + nr_piece + tail_nr;
}
