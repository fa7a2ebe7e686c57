/* zone_state.c - zone and node records. */
#include "zone_state.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA] = "DMA",
	[ZONE_DMA32] = "DMA32",
	[ZONE_NORMAL] = "Normal",
	[ZONE_HIGHMEM] = "HighMem",
	[ZONE_MOVABLE] = "Movable",
	[ZONE_DEVICE] = "Device",
};

const char *
zone_name(enum zone_type z)
{
	return (unsigned)z < MAX_NR_ZONES ? zone_names[z] : "?";
}

void
zone_state_init(struct zone_state *z)
{
	memset(z, 0, sizeof(*z));
}

void
zone_state_copy(struct zone_state *dst, const struct zone_state *src)
{
	*dst = *src;
	dst->nodes = src->nr_nodes ? xmemdup(src->nodes, src->nr_nodes * sizeof(src->nodes[0])) : NULL;
}

bool
zone_state_equal(const struct zone_state *a, const struct zone_state *b)
{
	struct zone_state x = *a, y = *b;

	x.nodes = y.nodes = NULL;
	return memcmp(&x, &y, sizeof(x)) == 0 &&
	       (!a->nr_nodes || memcmp(a->nodes, b->nodes, a->nr_nodes * sizeof(a->nodes[0])) == 0);
}

void
zone_state_release(struct zone_state *z)
{
	free(z->nodes);
	memset(z, 0, sizeof(*z));
}

int
zone_of_pfn(const struct zone_state *z, int nid, uint64_t pfn)
{
	if (nid < 0 || nid >= z->nr_nodes)
		return -1;
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		const struct zone_info *zi = &z->nodes[nid].zones[j];

		if (zi->spanned && pfn >= zi->start_pfn && pfn < zi->start_pfn + zi->spanned)
			return j;
	}
	return -1;
}
