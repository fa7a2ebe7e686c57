/* range_set.c - the binary search of sorted tables, and merged range sets. */
#include "range_set.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const void *
item_at(const void *items, size_t item_size, size_t i)
{
	return (const char *)items + i * item_size;
}

size_t
ranges_first_above(const void *items, size_t nr, size_t item_size, range_span_fn *span,
		   uint64_t x)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t start, size;

		span(item_at(items, item_size, mid), &start, &size);
		if (start + size <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long
ranges_find(const void *items, size_t nr, size_t item_size, range_span_fn *span, uint64_t x)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t start, size;

		span(item_at(items, item_size, mid), &start, &size);
		/* x - start, not start + size: an e820 entry may end past 2^64 */
		if (x < start)
			hi = mid;
		else if (x - start >= size)
			lo = mid + 1;
		else
			return (long)mid;
	}
	return -1;
}

static void
pfn_range_span(const void *item, uint64_t *start, uint64_t *size)
{
	const struct pfn_range *r = item;

	*start = r->start;
	*size = r->end - r->start;
}

size_t
range_set_pos(const struct pfn_range *r, size_t nr, uint64_t x)
{
	return ranges_first_above(r, nr, sizeof(*r), pfn_range_span, x);
}

long
range_set_find(const struct pfn_range *r, size_t nr, uint64_t x)
{
	return ranges_find(r, nr, sizeof(*r), pfn_range_span, x);
}

void
range_set_add(struct pfn_range **r, size_t *nr, size_t *cap, uint64_t start, uint64_t end)
{
	size_t lo, hi;

	if (start >= end)
		return;
	/* ranges [lo, hi) touch or overlap [start, end) and fold into it */
	lo = range_set_pos(*r, *nr, start);
	if (lo > 0 && (*r)[lo - 1].end == start)
		lo--;
	hi = lo;
	while (hi < *nr && (*r)[hi].start <= end) {
		if ((*r)[hi].start < start)
			start = (*r)[hi].start;
		if ((*r)[hi].end > end)
			end = (*r)[hi].end;
		hi++;
	}
	if (hi == lo) {
		xgrow((void **)r, cap, *nr + 1, sizeof(**r));
		memmove(*r + lo + 1, *r + lo, (*nr - lo) * sizeof(**r));
		(*nr)++;
	} else if (hi - lo > 1) {
		memmove(*r + lo + 1, *r + hi, (*nr - hi) * sizeof(**r));
		*nr -= hi - lo - 1;
	}
	(*r)[lo] = (struct pfn_range){ start, end };
}

void
range_set_remove(struct pfn_range **r, size_t *nr, size_t *cap, uint64_t start, uint64_t end)
{
	size_t i;

	if (start >= end)
		return;
	i = range_set_pos(*r, *nr, start);
	while (i < *nr && (*r)[i].start < end) {
		struct pfn_range *x = &(*r)[i];

		if (x->start < start && x->end > end) {
			/* split in two */
			xgrow((void **)r, cap, *nr + 1, sizeof(**r));
			x = &(*r)[i];
			memmove(x + 1, x, (*nr - i) * sizeof(*x));
			(*nr)++;
			x[0].end = start;
			x[1].start = end;
			return;
		}
		if (x->start < start) {
			x->end = start;
			i++;
		} else if (x->end > end) {
			x->start = end;
			return;
		} else {
			memmove(x, x + 1, (*nr - i - 1) * sizeof(*x));
			(*nr)--;
		}
	}
}

uint64_t
range_set_count(const struct pfn_range *r, size_t nr, uint64_t lo, uint64_t hi)
{
	uint64_t n = 0;

	for (size_t i = range_set_pos(r, nr, lo); i < nr && r[i].start < hi; i++)
		n += range_overlap(r[i].start, r[i].end, lo, hi);
	return n;
}

static int
range_cmp(const void *x, const void *y)
{
	const struct pfn_range *p = x, *q = y;

	return p->start < q->start ? -1 : p->start > q->start;
}

void
range_set_sort(struct pfn_range *r, size_t *nr)
{
	size_t n = 0;

	qsort(r, *nr, sizeof(*r), range_cmp);
	for (size_t i = 0; i < *nr; i++) {
		if (r[i].end <= r[i].start)
			continue;
		if (n && r[i].start <= r[n - 1].end) {
			if (r[i].end > r[n - 1].end)
				r[n - 1].end = r[i].end;
		} else {
			r[n++] = r[i];
		}
	}
	*nr = n;
}
