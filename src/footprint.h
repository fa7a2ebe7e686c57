/*
 * footprint.h - what the page descriptors and their indexes cost under
 * each memory model, for the memory a finished boot knows about.
 *
 * The three models are laid side by side for the same memblock.memory:
 *
 *   FLATMEM            one mem_map array from ARCH_PFN_OFFSET (0) to the
 *                      end of the last node, each node's part sized as
 *                      alloc_node_mem_map does ([start & ~(MAX_ORDER_NR_PAGES
 *                      - 1), ALIGN(end, MAX_ORDER_NR_PAGES))); what lies
 *                      between nodes is still part of the one array.
 *   SPARSEMEM          (EXTREME) the root pointer array, one root page per
 *                      root touched, a page-aligned memmap and a usemap per
 *                      present section.
 *   SPARSEMEM_VMEMMAP  the same roots and usemaps, each section's memmap
 *                      in 2 MiB blocks, plus the vmemmap page-table pages:
 *                      one PMD table per 1 GiB and one PUD table per
 *                      512 GiB of vmemmap address space touched.
 *
 * Everything is derived from ranges of pfns and runs of sections, never
 * by walking pages, so a 64 TiB machine costs as much as a small one.
 */
#ifndef MEMBOOT_FOOTPRINT_H
#define MEMBOOT_FOOTPRINT_H

#include <stddef.h>
#include <stdint.h>

#include "machine.h"
#include "memblock.h"

struct engine;

/* Index of a model in the arrays below (the enum mem_model values). */
#define FP_MODELS 3

/* What the bytes of a model are spent on. */
enum fp_part {
	FP_MEMMAP,		/* struct pages (mem_map / section memmaps) */
	FP_ROOT_ARRAY,		/* the mem_section root pointer array */
	FP_ROOTS,		/* 4 KiB mem_section root pages */
	FP_USEMAPS,		/* mem_section_usage, one per present section */
	FP_PGTABLES,		/* vmemmap PMD and PUD table pages */
	FP_PART_COUNT
};

/* One node's share of each model. */
struct fp_node {
	int nid;
	uint64_t present_pages;		/* memory pages of the node */
	uint64_t start_pfn, end_pfn;	/* node span [start, end) */
	uint64_t sections;		/* present sections it owns (first touch) */
	uint64_t covered[FP_MODELS];	/* pfns its memmap covers */
	uint64_t bytes[FP_MODELS][FP_PART_COUNT];
	uint64_t total[FP_MODELS];	/* sum of each model's parts */
};

/* One model's totals. */
struct fp_model {
	enum mem_model model;
	uint64_t bytes[FP_PART_COUNT];
	uint64_t total;			/* sum of the parts */
	uint64_t pages;			/* total in pages, rounded up */
	uint64_t covered;		/* pfns that have a struct page */
	uint64_t hole_pfns;		/* of those, pfns that are not memory */
	uint64_t hole_bytes;		/* struct pages spent on them */
	uint64_t global;		/* bytes no node owns (root array, gaps) */
	uint64_t sections;		/* present sections (sparse models) */
	uint64_t roots;			/* root pages */
	uint64_t pmd_tables, pud_tables;	/* vmemmap table pages */
	double percent;			/* total / RAM * 100 */
};

/* A run of consecutive present sections owned by one node. */
struct fp_span {
	uint64_t first, last;		/* section numbers, inclusive */
	int nid;
};

struct footprint {
	uint64_t page_size;
	uint64_t struct_page_size;
	uint64_t pages_per_section;
	uint64_t present_pages;		/* memory pages (RAM) */
	uint64_t flat_start, flat_end;	/* pfns the flat mem_map covers */
	struct fp_model model[FP_MODELS];
	struct fp_node *nodes;		/* sorted by nid */
	size_t nr_nodes;
	struct fp_span *spans;		/* sorted by section */
	size_t nr_spans;
};

/* Compute the footprint of memory (memblock.memory with nids) under the
 * build constants b. out is owned by the caller: footprint_release(). */
void footprint_compute(const struct machine_build *b, const struct memblock_type *memory,
		       struct footprint *out);

/* The same for the last state of a replayed boot. */
void footprint_of_engine(const struct engine *e, struct footprint *out);

void footprint_release(struct footprint *f);

/* Short name of a model ("FLATMEM", "SPARSEMEM", "SPARSEMEM_VMEMMAP"). */
const char *footprint_model_name(enum mem_model m);

/* Name of a part ("memmap", "root array", ...). */
const char *footprint_part_name(enum fp_part p);

/* How many pfns of [lo, hi) have a struct page under model m. */
uint64_t footprint_covered_pfns(const struct footprint *f, enum mem_model m, uint64_t lo,
				uint64_t hi);

#endif
