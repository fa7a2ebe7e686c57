/* numa_state.c - NUMA state: nodes and the cleaned-up numa_meminfo. */
#include "numa_state.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
numa_state_init(struct numa_state *n)
{
	memset(n, 0, sizeof(*n));
}

void
numa_state_copy(struct numa_state *dst, const struct numa_state *src)
{
	*dst = *src;
	dst->nodes = src->nr_node_ids ?
		xmemdup(src->nodes, src->nr_node_ids * sizeof(src->nodes[0])) : NULL;
	dst->meminfo.blk = src->meminfo.nr ?
		xmemdup(src->meminfo.blk, src->meminfo.nr * sizeof(src->meminfo.blk[0])) : NULL;
	dst->meminfo.cap = src->meminfo.nr;
}

bool
numa_state_equal(const struct numa_state *a, const struct numa_state *b)
{
	return a->done == b->done && a->faked == b->faked &&
	       a->nr_node_ids == b->nr_node_ids && a->meminfo.nr == b->meminfo.nr &&
	       (!a->nr_node_ids ||
		memcmp(a->nodes, b->nodes, a->nr_node_ids * sizeof(a->nodes[0])) == 0) &&
	       (!a->meminfo.nr ||
		memcmp(a->meminfo.blk, b->meminfo.blk, a->meminfo.nr * sizeof(a->meminfo.blk[0])) == 0);
}

void
numa_state_release(struct numa_state *n)
{
	free(n->nodes);
	free(n->meminfo.blk);
	memset(n, 0, sizeof(*n));
}

void
numa_meminfo_add(struct numa_meminfo *mi, uint64_t start, uint64_t end, int nid)
{
	xgrow((void **)&mi->blk, &mi->cap, mi->nr + 1, sizeof(mi->blk[0]));
	mi->blk[mi->nr++] = (struct numa_memblk){ start, end, nid };
}

void
numa_meminfo_remove(struct numa_meminfo *mi, size_t idx)
{
	memmove(&mi->blk[idx], &mi->blk[idx + 1], (mi->nr - idx - 1) * sizeof(mi->blk[0]));
	mi->nr--;
}
