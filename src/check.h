/*
 * check.h - compare the memory lines a kernel printed with the lines the
 * engine predicts: the Zone ranges and Early memory node ranges blocks,
 * "Initmem setup node", the unavailable-range lines, the NUMA merge /
 * "Faking a node" / "No NUMA configuration found" lines, NODE_DATA,
 * "Built N zonelists ... Total pages" and the total of "Memory: A/BK";
 * when the engine booted the i386 bootmem era (2.4, 2.6 before 2.6.27),
 * that era's own lines too (check_key_bootmem).
 *
 * Lines are paired by what they are about (zone name, node, occurrence),
 * not by position, so one wrong line does not shift the rest. Pure: no
 * I/O; the items point into the caller's strings.
 */
#ifndef MEMBOOT_CHECK_H
#define MEMBOOT_CHECK_H

#include <stddef.h>

enum check_verdict {
	CHECK_MATCHED,		/* the engine printed the same line */
	CHECK_DIFFERED,		/* it printed a different one */
	CHECK_NOT_PREDICTED,	/* it printed nothing for this log line */
	CHECK_EXTRA,		/* it printed a line the log does not have */
};

struct check_item {
	enum check_verdict verdict;
	size_t log_index;		/* index into the log lines; extra: none */
	const char *expected;		/* the log's line, NULL for extra */
	const char *predicted;		/* the engine's, NULL if not predicted */
};

struct check_result {
	struct check_item *items;	/* log order, then the extra lines */
	size_t nr;
	size_t matched;
	size_t differed;		/* differing and extra lines */
	size_t not_predicted;
};

/* Compare log[0..nlog) (the kernel's messages) with pred[0..npred). */
void check_compare(const char *const *log, size_t nlog,
		   const char *const *pred, size_t npred,
		   struct check_result *r);

void check_release(struct check_result *r);

/* The key a line is compared under, "" when the line is not compared;
 * *block carries the block (Zone ranges, ...) from line to line, start
 * it at 0. For tests and for tools. */
void check_key(const char *line, int *block, char *key, size_t len);
/* The same for a log of the i386 bootmem era (2.4, 2.6 before 2.6.27),
 * whose own lines (HIGHMEM/LOWMEM, totalpages, zone(N), LIFO batch,
 * pages used for memmap, Zone PFN ranges, early_node_map, the 2.x
 * "Memory:" line with both numbers) are compared too. */
void check_key_bootmem(const char *line, int *block, char *key, size_t len);

#endif
