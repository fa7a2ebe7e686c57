/* buddy_state.c - free ranges per zone and the buddy blocks they decompose into. */
#include "buddy_state.h"

#include <stdlib.h>
#include <string.h>

#include "range_set.h"
#include "xalloc.h"

void
buddy_state_init(struct buddy_state *b, unsigned max_order)
{
	memset(b, 0, sizeof(*b));
	b->max_order = max_order;
}

void
buddy_state_copy(struct buddy_state *dst, const struct buddy_state *src)
{
	*dst = *src;
	dst->zones = src->nr_zones ? xmemdup(src->zones, src->nr_zones * sizeof(src->zones[0])) : NULL;
	for (size_t i = 0; i < src->nr_zones; i++) {
		const struct buddy_zone *z = &src->zones[i];

		dst->zones[i].free = z->nr_free_ranges ?
			xmemdup(z->free, z->nr_free_ranges * sizeof(z->free[0])) : NULL;
		dst->zones[i].cap = z->nr_free_ranges;
	}
}

bool
buddy_state_equal(const struct buddy_state *a, const struct buddy_state *b)
{
	if (a->nr_zones != b->nr_zones || a->totalram_pages != b->totalram_pages ||
	    a->totalhigh_pages != b->totalhigh_pages ||
	    a->nr_free_pages != b->nr_free_pages || a->released != b->released)
		return false;
	for (size_t i = 0; i < a->nr_zones; i++) {
		const struct buddy_zone *x = &a->zones[i], *y = &b->zones[i];

		if (x->nid != y->nid || x->zone != y->zone || x->managed != y->managed ||
		    x->nr_free_ranges != y->nr_free_ranges ||
		    (x->nr_free_ranges &&
		     memcmp(x->free, y->free, x->nr_free_ranges * sizeof(x->free[0]))))
			return false;
	}
	return true;
}

void
buddy_state_release(struct buddy_state *b)
{
	for (size_t i = 0; i < b->nr_zones; i++)
		free(b->zones[i].free);
	free(b->zones);
	memset(b, 0, sizeof(*b));
}

const struct buddy_zone *
buddy_zone_find(const struct buddy_state *b, int nid, int zone)
{
	for (size_t i = 0; i < b->nr_zones; i++)
		if (b->zones[i].nid == nid && b->zones[i].zone == zone)
			return &b->zones[i];
	return NULL;
}

struct buddy_zone *
buddy_zone_get(struct buddy_state *b, int nid, int zone)
{
	size_t i;

	for (i = 0; i < b->nr_zones; i++) {
		const struct buddy_zone *z = &b->zones[i];

		if (z->nid == nid && z->zone == zone)
			return &b->zones[i];
		if (z->nid > nid || (z->nid == nid && z->zone > zone))
			break;
	}
	/* keep zones sorted by (node, zone) */
	b->zones = xrealloc(b->zones, (b->nr_zones + 1) * sizeof(b->zones[0]));
	memmove(&b->zones[i + 1], &b->zones[i], (b->nr_zones - i) * sizeof(b->zones[0]));
	memset(&b->zones[i], 0, sizeof(b->zones[0]));
	b->zones[i].nid = nid;
	b->zones[i].zone = zone;
	b->nr_zones++;
	return &b->zones[i];
}

void
buddy_free_range(struct buddy_state *b, int nid, int zone, uint64_t start, uint64_t end)
{
	struct buddy_zone *z = buddy_zone_get(b, nid, zone);

	range_set_add(&z->free, &z->nr_free_ranges, &z->cap, start, end);
}

void
buddy_take_range(struct buddy_state *b, int nid, int zone, uint64_t start, uint64_t end)
{
	struct buddy_zone *z = buddy_zone_get(b, nid, zone);

	range_set_remove(&z->free, &z->nr_free_ranges, &z->cap, start, end);
}

/* Order of the largest aligned block at pfn not passing end. */
static unsigned
block_order(uint64_t pfn, uint64_t end, unsigned max_order)
{
	unsigned order = max_order - 1;

	if (pfn)
		order = (unsigned)__builtin_ctzll(pfn) < order ? (unsigned)__builtin_ctzll(pfn) : order;
	while (pfn + (1ull << order) > end)
		order--;
	return order;
}

void
buddy_for_each_block_run(uint64_t start, uint64_t end, unsigned max_order,
			 void (*fn)(uint64_t pfn, unsigned order, uint64_t count, void *arg),
			 void *arg)
{
	while (start < end) {
		unsigned order = block_order(start, end, max_order);
		uint64_t count = 1;

		/* only the top order can repeat: after a smaller block the
		 * next start is aligned to a higher order */
		if (order == max_order - 1)
			count = (end - start) >> order;
		fn(start, order, count, arg);
		start += count << order;
	}
}

static void
count_run(uint64_t pfn, unsigned order, uint64_t count, void *arg)
{
	uint64_t *counts = arg;

	(void)pfn;
	counts[order] += count;
}

void
buddy_zone_counts(const struct buddy_zone *z, unsigned max_order, uint64_t *counts)
{
	memset(counts, 0, max_order * sizeof(counts[0]));
	for (size_t i = 0; i < z->nr_free_ranges; i++)
		buddy_for_each_block_run(z->free[i].start, z->free[i].end, max_order,
					 count_run, counts);
}

bool
buddy_block_of(const struct buddy_zone *z, unsigned max_order, uint64_t pfn,
	       uint64_t *block_pfn, unsigned *order)
{
	long i = range_set_find(z->free, z->nr_free_ranges, pfn);
	uint64_t pos, end;

	if (i < 0)
		return false;
	pos = z->free[i].start;
	end = z->free[i].end;
	while (pos < end) {
		unsigned o = block_order(pos, end, max_order);
		uint64_t count = o == max_order - 1 ? (end - pos) >> o : 1;

		if (pfn < pos + (count << o)) {
			*block_pfn = pos + (((pfn - pos) >> o) << o);
			*order = o;
			return true;
		}
		pos += count << o;
	}
	return false;
}

struct largest {
	bool found;
	uint64_t pfn;
	unsigned order;
};

static void
note_largest(uint64_t pfn, unsigned order, uint64_t count, void *arg)
{
	struct largest *l = arg;

	(void)count;
	if (!l->found || order > l->order) {
		l->found = true;
		l->pfn = pfn;
		l->order = order;
	}
}

bool
buddy_zone_largest_block(const struct buddy_zone *z, unsigned max_order,
			 uint64_t *block_pfn, unsigned *order)
{
	struct largest l = { false, 0, 0 };

	for (size_t i = 0; i < z->nr_free_ranges; i++)
		buddy_for_each_block_run(z->free[i].start, z->free[i].end, max_order,
					 note_largest, &l);
	*block_pfn = l.pfn;
	*order = l.order;
	return l.found;
}
