/*
 * check.c - pair the kernel's memory lines with the engine's (check.h).
 *
 * Every compared line gets a key: "zone:DMA32", "noderange:1",
 * "initmem:3", "unavail:0:DMA", "numa-merge", "nodedata:2",
 * "fallback:1", "zonelists", "memory", "pci-gap", ... Both sides are sorted by (key, position)
 * and merged, the k-th log line of a key meeting the k-th predicted
 * line of the same key; that costs O(n log n) whatever the input.
 */
#include "check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define KEY_LEN 40

enum block {
	BLOCK_NONE,
	BLOCK_ZONES,		/* after "Zone ranges:" */
	BLOCK_MOVABLE,		/* after "Movable zone start for each node" */
	BLOCK_NODES,		/* after "Early memory node ranges" */
	BLOCK_PFN,		/* bootmem era: after "Zone PFN ranges:" */
	BLOCK_NODE_MAP,		/* bootmem era: after "early_node_map[N] active PFN ranges" */
};

struct entry {
	char key[KEY_LEN];
	size_t index;		/* line index on its side */
	size_t pair;		/* index into the other side's entries, or SIZE_MAX */
};

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The word at s (up to a space, ':' or ','), at most n-1 bytes. */
static void
word(const char *s, char *out, size_t n)
{
	size_t i = 0;

	while (*s == ' ')
		s++;
	while (s[i] && s[i] != ' ' && s[i] != ':' && s[i] != ',' &&
	       s[i] != ')' && i < n - 1) {
		out[i] = s[i];
		i++;
	}
	out[i] = '\0';
}

static void
key2(char *key, size_t len, const char *kind, const char *at)
{
	char w[16];

	word(at, w, sizeof(w));
	snprintf(key, len, "%s:%s", kind, w);
}

/* Lines inside a block: two spaces of indent. */
static bool
block_line(const char *line, int block, char *key, size_t len)
{
	const char *s = line + 2;

	switch (block) {
	case BLOCK_ZONES:
		key2(key, len, "zone", s);
		return true;
	case BLOCK_MOVABLE:
		if (!starts(s, "Node "))
			return false;
		key2(key, len, "movable", s + 5);
		return true;
	case BLOCK_NODES:
		if (!starts(s, "node "))
			return false;
		key2(key, len, "noderange", s + 5);
		return true;
	case BLOCK_PFN:
		key2(key, len, "pfnrange", s);
		return true;
	case BLOCK_NODE_MAP:
		key2(key, len, "activerange", s);
		return true;
	default:
		return false;
	}
}

/* "On node N, zone Z: P pages in unavailable ranges" */
static bool
unavailable(const char *line, char *key, size_t len)
{
	const char *z = strstr(line, ", zone ");
	char node[16], zone[16];

	if (!starts(line, "On node ") || !z || !strstr(line, "unavailable ranges"))
		return false;
	word(line + 8, node, sizeof(node));
	word(z + 7, zone, sizeof(zone));
	snprintf(key, len, "unavail:%s:%s", node, zone);
	return true;
}

static bool
numa_line(const char *line, char *key, size_t len)
{
	if (starts(line, "NUMA: Node ") && strstr(line, " + ") && strstr(line, " -> "))
		snprintf(key, len, "numa-merge");
	else if (starts(line, "Faking a node at "))
		snprintf(key, len, "numa-fake");
	else if (strstr(line, "No NUMA configuration found"))
		snprintf(key, len, "numa-none");
	else if (starts(line, "NUMA: nodes only cover "))
		snprintf(key, len, "numa-cover");
	else
		return false;
	return true;
}

static bool
other_line(const char *line, char *key, size_t len)
{
	const char *s = line;

	if (starts(s, "Initmem setup node "))
		key2(key, len, "initmem", s + 19);
	else if (unavailable(s, key, len) || numa_line(s, key, len))
		;
	else if (starts(s, "Zeroed struct page in unavailable ranges:") ||
		 starts(s, "Reserved but unavailable:"))
		snprintf(key, len, "unavail-total");
	else if (starts(s, "NODE_DATA(") && strstr(s, " allocated "))
		key2(key, len, "nodedata", s + 10);
	else if (starts(s, "Fallback order for Node "))
		key2(key, len, "fallback", s + 24);
	else if (starts(s, "Built ") && strstr(s, " zonelists"))
		snprintf(key, len, "zonelists");
	else if (starts(s, "Memory: ") && strstr(s, "K available"))
		snprintf(key, len, "memory");
	else if (strstr(s, "] available for PCI devices"))
		snprintf(key, len, "pci-gap");
	else if (strstr(s, "Cannot find an available gap in the 32-bit address range") ||
		 strstr(s, "PCI devices with unassigned 32-bit BARs may not work!"))
		snprintf(key, len, "pci-gap-none");
	else {
		while (*s == ' ')
			s++;
		if (s == line || !starts(s, "NODE_DATA(") || !strstr(s, " on node "))
			return false;
		key2(key, len, "nodedata-on", s + 10);
	}
	return true;
}

/* The 2.x "Memory: Ak/Bk available (...)" line of the i386 bootmem era. */
static bool
memory_2x(const char *line)
{
	return starts(line, "Memory: ") && strstr(line, "k available (") &&
	       strstr(line, "k highmem)");
}

/* "  Z zone: N pages<tail>" */
static bool
zone_line(const char *line, const char *tail)
{
	const char *z = strstr(line, " zone: ");
	const char *p = z ? strstr(z, " pages") : NULL;

	return starts(line, "  ") && z && p && starts(p + 6, tail);
}

/* The lines only the bootmem era prints, or prints in its own form:
 * HIGHMEM/LOWMEM, totalpages, 2.4's zone(N), 2.6's LIFO batch, memmap
 * and reserved lines, the node map's headers, the zonelists line of
 * 2.6.0 and the 2.x "Memory:" line. */
static bool
bootmem_line(const char *line, int *block, char *key, size_t len)
{
	const char *s = line;
	char w[16];

	if (strcmp(line, "Zone PFN ranges:") == 0) {
		*block = BLOCK_PFN;
		snprintf(key, len, "pfnranges");
	} else if (starts(line, "early_node_map[") && strstr(line, "] active PFN ranges")) {
		*block = BLOCK_NODE_MAP;
		snprintf(key, len, "nodemap");
	} else if (strcmp(line, "Movable zone start PFN for each node") == 0) {
		snprintf(key, len, "movable-start");
	} else if (starts(line, "Entering add_active_range(")) {
		snprintf(key, len, "add-active-range");
	} else if (strstr(line, "MB HIGHMEM available.") || strstr(line, "MB LOWMEM available.")) {
		snprintf(key, len, strstr(line, "HIGHMEM") ? "highmem" : "lowmem");
	} else if (starts(line, "On node ") && strstr(line, " totalpages: ")) {
		key2(key, len, "totalpages", line + 8);
	} else if (starts(line, "zone(") && strstr(line, " pages.")) {
		key2(key, len, "zone24", line + 5);
	} else if (zone_line(line, ", LIFO batch:") || zone_line(line, " used for memmap") ||
		   zone_line(line, " reserved")) {
		word(s, w, sizeof(w));
		snprintf(key, len, "%s:%s", zone_line(line, ", LIFO") ? "lifo" :
			 zone_line(line, " used") ? "memmap" : "zone-reserved", w);
	} else if (starts(line, "Building zonelist for node : ")) {
		snprintf(key, len, "zonelists");
	} else if (memory_2x(line)) {
		snprintf(key, len, "memory");
	} else {
		return false;
	}
	return true;
}

static void
key_of(const char *line, bool bootmem, int *block, char *key, size_t len)
{
	key[0] = '\0';
	if (strcmp(line, "Zone ranges:") == 0) {
		*block = BLOCK_ZONES;
		return;
	}
	if (strcmp(line, "Movable zone start for each node") == 0) {
		*block = BLOCK_MOVABLE;
		return;
	}
	if (strcmp(line, "Early memory node ranges") == 0) {
		*block = BLOCK_NODES;
		return;
	}
	if (*block != BLOCK_NONE && starts(line, "  ") &&
	    block_line(line, *block, key, len))
		return;
	*block = BLOCK_NONE;
	if (bootmem && bootmem_line(line, block, key, len))
		return;
	if (!other_line(line, key, len))
		key[0] = '\0';
}

void
check_key(const char *line, int *block, char *key, size_t len)
{
	key_of(line, false, block, key, len);
}

void
check_key_bootmem(const char *line, int *block, char *key, size_t len)
{
	key_of(line, true, block, key, len);
}

/* The keyed lines of one side, sorted by (key, index). */
static struct entry *
entries(const char *const *lines, size_t n, bool bootmem, size_t *nr)
{
	struct entry *e = NULL;
	size_t cap = 0;
	int block = BLOCK_NONE;
	char key[KEY_LEN];

	*nr = 0;
	for (size_t i = 0; i < n; i++) {
		key_of(lines[i], bootmem, &block, key, sizeof(key));
		if (!key[0])
			continue;
		xgrow((void **)&e, &cap, *nr + 1, sizeof(*e));
		memcpy(e[*nr].key, key, sizeof(key));
		e[*nr].index = i;
		e[*nr].pair = SIZE_MAX;
		(*nr)++;
	}
	return e;
}

static int
by_key(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int
by_index(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->index < y->index ? -1 : x->index > y->index;
}

/* Pair the k-th entry of a key on one side with the k-th on the other. */
static void
pair(struct entry *l, size_t nl, struct entry *p, size_t np)
{
	size_t i = 0, j = 0;

	/* qsort needs a non-NULL base even for no elements */
	if (!nl || !np)
		return;
	qsort(l, nl, sizeof(*l), by_key);
	qsort(p, np, sizeof(*p), by_key);
	while (i < nl && j < np) {
		int c = strcmp(l[i].key, p[j].key);

		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			l[i].pair = p[j].index;
			p[j].pair = l[i].index;
			i++;
			j++;
		}
	}
	qsort(l, nl, sizeof(*l), by_index);
	qsort(p, np, sizeof(*p), by_index);
}

/* "Memory: A/BK available": only B, the total, is compared. */
static bool
same_memory_total(const char *a, const char *b)
{
	const char *x = strchr(a, '/'), *y = strchr(b, '/');
	size_t n;

	if (!x || !y)
		return strcmp(a, b) == 0;
	n = strcspn(x, "K ");
	return n == strcspn(y, "K ") && strncmp(x, y, n) == 0;
}

/* The 2.x "Memory: Ak/Bk available": both numbers are compared. */
static bool
same_memory_2x(const char *a, const char *b)
{
	const char *x = strstr(a, " available"), *y = strstr(b, " available");

	return x && y && x - a == y - b && strncmp(a, b, (size_t)(x - a)) == 0;
}

/* Equal up to trailing blanks: the kernel ends some lines with one
 * ("Fallback order for Node 0: 0 "), and logs that pass through other
 * tools often lose it. */
static bool
same_text(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	while (na && a[na - 1] == ' ')
		na--;
	while (nb && b[nb - 1] == ' ')
		nb--;
	return na == nb && memcmp(a, b, na) == 0;
}

static void
add_item(struct check_result *r, size_t *cap, enum check_verdict v,
	 size_t index, const char *expected, const char *predicted)
{
	xgrow((void **)&r->items, cap, r->nr + 1, sizeof(*r->items));
	r->items[r->nr++] = (struct check_item){ .verdict = v, .log_index = index,
						 .expected = expected,
						 .predicted = predicted };
	if (v == CHECK_MATCHED)
		r->matched++;
	else if (v == CHECK_NOT_PREDICTED)
		r->not_predicted++;
	else
		r->differed++;
}

void
check_compare(const char *const *log, size_t nlog,
	      const char *const *pred, size_t npred, struct check_result *r)
{
	size_t nl, np, cap = 0;
	bool bootmem = false;
	struct entry *l, *p;

	/* the bootmem era's lines are keyed only when the engine booted that
	 * era (its "Memory:" line has the 2.x form): later kernels print
	 * look-alikes (LIFO batch, totalpages, HIGHMEM) that the memblock
	 * boot does not predict */
	for (size_t j = 0; j < npred && !bootmem; j++)
		bootmem = memory_2x(pred[j]);
	l = entries(log, nlog, bootmem, &nl);
	p = entries(pred, npred, bootmem, &np);

	memset(r, 0, sizeof(*r));
	pair(l, nl, p, np);
	for (size_t i = 0; i < nl; i++) {
		const char *e = log[l[i].index], *q;
		bool same;

		if (l[i].pair == SIZE_MAX) {
			add_item(r, &cap, CHECK_NOT_PREDICTED, l[i].index, e, NULL);
			continue;
		}
		q = pred[l[i].pair];
		if (strcmp(l[i].key, "memory") != 0)
			same = same_text(e, q);
		else
			same = bootmem ? same_memory_2x(e, q) : same_memory_total(e, q);
		add_item(r, &cap, same ? CHECK_MATCHED : CHECK_DIFFERED,
			 l[i].index, e, q);
	}
	for (size_t j = 0; j < np; j++)
		if (p[j].pair == SIZE_MAX)
			add_item(r, &cap, CHECK_EXTRA, SIZE_MAX, NULL, pred[p[j].index]);
	free(l);
	free(p);
}

void
check_release(struct check_result *r)
{
	free(r->items);
	memset(r, 0, sizeof(*r));
}
