/*
 * sparse_state.h - the SPARSEMEM section table sparse_init() fills
 * (boot_sparse.c), kept as runs of consecutive sections that share node
 * and flags and whose memmap and usemap addresses advance by a fixed
 * stride. A 64 TiB machine has half a million sections
 * but only a handful of runs.
 */
#ifndef MEMBOOT_SPARSE_STATE_H
#define MEMBOOT_SPARSE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* section_mem_map flag bits (6.1, CONFIG_ZONE_DEVICE) */
enum {
	SECTION_MARKED_PRESENT = 1u << 0,
	SECTION_HAS_MEM_MAP = 1u << 1,
	SECTION_IS_ONLINE = 1u << 2,
	SECTION_IS_EARLY = 1u << 3,
};

struct section_run {
	uint64_t first;		/* first section number */
	uint64_t nr;		/* sections in the run */
	int nid;
	uint32_t flags;
	uint64_t memmap;	/* physical address of the first section's memmap, 0 if none */
	uint64_t memmap_stride;	/* bytes between consecutive sections' memmaps */
	uint64_t usemap;	/* physical address of the first mem_section_usage, 0 if none */
	uint64_t usemap_stride;
};

/* One allocated mem_section root (SPARSEMEM_EXTREME). */
struct section_root {
	uint64_t index;
	uint64_t pa;
};

struct sparse_state {
	struct section_run *runs;	/* sorted by first, not overlapping */
	size_t nr_runs;
	size_t cap_runs;
	struct section_root *roots;	/* sorted by index */
	size_t nr_roots;
	size_t cap_roots;
	uint64_t root_array;		/* mem_section pointer array, 0 if none */
	uint64_t root_array_size;
	uint64_t vmemmap_tables;	/* page-table pages allocated for vmemmap */
	uint64_t nr_present;		/* sections marked present */
};

void sparse_state_init(struct sparse_state *s);
void sparse_state_copy(struct sparse_state *dst, const struct sparse_state *src);
bool sparse_state_equal(const struct sparse_state *a, const struct sparse_state *b);
void sparse_state_release(struct sparse_state *s);

/* Index of the first run ending after section nr (nr_runs if none). */
size_t sparse_index_after(const struct sparse_state *s, uint64_t nr);

/* The run holding section nr, or NULL. */
const struct section_run *sparse_find(const struct sparse_state *s, uint64_t nr);

/* Set section [first, first+nr) to the given attributes, splitting and
 * merging runs as needed. stride-based addresses refer to 'first'. */
void sparse_set_range(struct sparse_state *s, const struct section_run *r);

/* memmap / usemap address of one section of a run */
uint64_t section_run_memmap(const struct section_run *r, uint64_t nr);
uint64_t section_run_usemap(const struct section_run *r, uint64_t nr);

#endif
