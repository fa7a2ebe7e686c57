/*
 * view_tables_memblock.c - the memblock table's rows: memblock.memory and
 * memblock.reserved, each under a header line, regions marked added (+)
 * or changed (*) against the arrays before the step and the regions it
 * removed (-) after them. The i386 bootmem profile has no memblock: the
 * table shows the bootmem bitmap there, as runs of set bits.
 */
#include "view_tables.h"

#include <inttypes.h>
#include <stdlib.h>

#include "xalloc.h"

static size_t
mb_cnt(const struct memblock_type *t)
{
	return memblock_type_empty(t) ? 0 : t->cnt;
}

/* How a region compares with the previous array: 0 same, 1 changed, 2 new. */
static int
mb_diff(const struct memblock_type *old, const struct memblock_region *r)
{
	size_t j;

	if (!old)
		return 2;
	j = memblock_first_after(old, r->base);
	if (j >= mb_cnt(old) || old->regions[j].base >= r->base + r->size)
		return 2;
	const struct memblock_region *o = &old->regions[j];

	return o->base == r->base && o->size == r->size && o->nid == r->nid &&
	       o->flags == r->flags ? 0 : 1;
}

/* Regions of old that no region of cur overlaps. */
static size_t
mb_removed(const struct memblock_type *old, const struct memblock_type *cur, size_t *idx,
	   size_t max)
{
	size_t n = 0;

	for (size_t i = 0; old && i < mb_cnt(old); i++) {
		const struct memblock_region *o = &old->regions[i];
		size_t j = memblock_first_after(cur, o->base);

		if (j < mb_cnt(cur) && cur->regions[j].base < o->base + o->size)
			continue;
		if (idx && n < max)
			idx[n] = i;
		n++;
	}
	return n;
}

struct mb_layout {
	const struct memblock_type *cur[2], *old[2];
	size_t cnt[2], removed[2];
};

static void
mb_layout(const struct app *a, struct mb_layout *l)
{
	l->cur[0] = a->st->state.memory;
	l->cur[1] = a->st->state.reserved;
	l->old[0] = a->prev ? a->prev->memory : NULL;
	l->old[1] = a->prev ? a->prev->reserved : NULL;
	for (int k = 0; k < 2; k++) {
		l->cnt[k] = mb_cnt(l->cur[k]);
		l->removed[k] = mb_removed(l->old[k], l->cur[k], NULL, 0);
	}
}

static long
mb_nrows(const struct app *a)
{
	struct mb_layout l;

	mb_layout(a, &l);
	return (long)(2 + l.cnt[0] + l.removed[0] + 1 + l.cnt[1] + l.removed[1]);
}

static void
mb_fmt(const struct memblock_region *r, const char *mark, size_t i, char *buf, size_t len)
{
	char sz[32], nid[16];

	fmt_size(r->size, sz, sizeof(sz));
	if (r->nid >= 0 && r->nid < 1 << 10)
		snprintf(nid, sizeof(nid), "%d", r->nid);
	else
		snprintf(nid, sizeof(nid), "-");
	snprintf(buf, len, "%s%3zu [0x%016" PRIx64 "-0x%016" PRIx64 "] %9s node %s%s", mark, i,
		 r->base, r->base + r->size - 1, sz, nid,
		 r->flags & MEMBLOCK_HOTPLUG ? " hotplug" : r->flags & MEMBLOCK_NOMAP ? " nomap" :
		 r->flags & MEMBLOCK_MIRROR ? " mirror" : "");
}

static void
mb_row(const struct app *a, long i, struct row *r)
{
	struct mb_layout l;

	mb_layout(a, &l);
	for (int k = 0; k < 2; k++) {
		long n = (long)(l.cnt[k] + l.removed[k]);
		char sz[32];

		if (i == 0) {
			fmt_size(l.cur[k]->total_size, sz, sizeof(sz));
			snprintf(r->text, sizeof(r->text), "memblock.%s: %zu of %zu regions, %s",
				 k ? "reserved" : "memory", l.cnt[k], l.cur[k]->max, sz);
			r->role = ROLE_HEADER;
			return;
		}
		i--;
		if (i < (long)l.cnt[k]) {
			int d = mb_diff(l.old[k], &l.cur[k]->regions[i]);

			if (!a->prev)
				d = 2;
			mb_fmt(&l.cur[k]->regions[i], d == 0 ? "  " : d == 1 ? "* " : "+ ",
			       (size_t)i, r->text, sizeof(r->text));
			r->role = d == 0 ? ROLE_DEFAULT : d == 1 ? ROLE_ROW_CHANGED : ROLE_ROW_ADDED;
			return;
		}
		if (i < n) {
			size_t *idx = xmalloc(l.removed[k] * sizeof(*idx));
			size_t j = (size_t)(i - (long)l.cnt[k]);

			mb_removed(l.old[k], l.cur[k], idx, l.removed[k]);
			mb_fmt(&l.old[k]->regions[idx[j]], "- ", idx[j], r->text, sizeof(r->text));
			r->role = ROLE_ROW_REMOVED;
			free(idx);
			return;
		}
		i -= n;
		if (k == 0 && i == 0) {
			r->text[0] = '\0';
			r->role = ROLE_DEFAULT;
			return;
		}
		if (k == 0)
			i--;
	}
	r->text[0] = '\0';
	r->role = ROLE_DEFAULT;
}

bool
table_memblock_is_bootmem(const struct app *a)
{
	return a->st->state.bootmem->active;
}

static const struct bootmem_state *
bm_old(const struct app *a)
{
	return a->prev && a->prev->bootmem->active ? a->prev->bootmem : NULL;
}

/* Is [s, e) exactly a run of set bits of b? (Outside the map counts as clear.) */
static bool
bm_has_run(const struct bootmem_state *b, uint64_t s, uint64_t e)
{
	return bootmem_count_reserved(b, s, e) == e - s &&
	       (s == b->start_pfn || !bootmem_test(b, s - 1)) &&
	       (e >= b->low_pfn || !bootmem_test(b, e));
}

/* Runs of old with no bit set any more in cur. */
static size_t
bm_removed(const struct bootmem_state *old, const struct bootmem_state *cur, size_t *idx,
	   size_t max)
{
	size_t n = 0;

	for (size_t i = 0; old && i < old->nr_reserved; i++) {
		if (bootmem_count_reserved(cur, old->reserved[i].start, old->reserved[i].end))
			continue;
		if (idx && n < max)
			idx[n] = i;
		n++;
	}
	return n;
}

static long
bm_nrows(const struct app *a)
{
	const struct bootmem_state *b = a->st->state.bootmem;

	return (long)(1 + b->nr_reserved + bm_removed(bm_old(a), b, NULL, 0));
}

static void
bm_fmt(const struct span *r, const char *mark, size_t i, char *buf, size_t len)
{
	snprintf(buf, len, "%s%3zu pfn 0x%05" PRIx64 "-0x%05" PRIx64 " %7" PRIu64
		 " pages [mem 0x%08" PRIx64 "-0x%08" PRIx64 "]", mark, i, r->start, r->end - 1,
		 r->end - r->start, r->start << 12, (r->end << 12) - 1);
}

static void
bm_row(const struct app *a, long i, struct row *r)
{
	const struct bootmem_state *b = a->st->state.bootmem, *old = bm_old(a);
	size_t removed = bm_removed(old, b, NULL, 0);

	if (i == 0) {
		snprintf(r->text, sizeof(r->text), "%s: %zu runs of set bits, %" PRIu64 " of %" PRIu64
			 " pages reserved", b->released ? "bootmem (released to the buddy allocator)" :
			 "bootmem bitmap", b->nr_reserved,
			 bootmem_count_reserved(b, b->start_pfn, b->low_pfn), b->low_pfn - b->start_pfn);
		r->role = ROLE_HEADER;
		return;
	}
	i--;
	if (i < (long)b->nr_reserved) {
		const struct span *x = &b->reserved[i];
		int d = !old ? 2 : bm_has_run(old, x->start, x->end) ? 0 :
			bootmem_count_reserved(old, x->start, x->end) ? 1 : 2;

		bm_fmt(x, d == 0 ? "  " : d == 1 ? "* " : "+ ", (size_t)i, r->text, sizeof(r->text));
		r->role = d == 0 ? ROLE_DEFAULT : d == 1 ? ROLE_ROW_CHANGED : ROLE_ROW_ADDED;
		return;
	}
	i -= (long)b->nr_reserved;
	if (i < (long)removed) {
		size_t *idx = xmalloc(removed * sizeof(*idx));

		bm_removed(old, b, idx, removed);
		bm_fmt(&old->reserved[idx[i]], "- ", idx[i], r->text, sizeof(r->text));
		r->role = ROLE_ROW_REMOVED;
		free(idx);
		return;
	}
	r->text[0] = '\0';
	r->role = ROLE_DEFAULT;
}

long
table_memblock_nrows(const struct app *a)
{
	return table_memblock_is_bootmem(a) ? bm_nrows(a) : mb_nrows(a);
}

void
table_memblock_row(const struct app *a, long i, struct row *r)
{
	if (table_memblock_is_bootmem(a))
		bm_row(a, i, r);
	else
		mb_row(a, i, r);
}
