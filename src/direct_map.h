/*
 * direct_map.h - init_mem_mapping() on x86_64: the direct map of all RAM
 * is built from the top of memory down, and its page-table pages come
 * first from a small buffer in the kernel's brk area, then from memblock
 * at the top of the memory mapped so far. Those memblock pages are why
 * NODE_DATA of the highest node sits a few pages below the top of RAM.
 */
#ifndef MEMBOOT_DIRECT_MAP_H
#define MEMBOOT_DIRECT_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct memblock;

struct direct_map_config {
	bool gbpages;			/* the CPU maps 1 GiB pages */
	bool la57;			/* 5-level paging at run time */
	bool kaslr_trampoline;		/* RANDOMIZE_MEMORY: init_trampoline_kaslr */
	unsigned pgt_buf_pages;		/* INIT_PGT_BUF_SIZE / PAGE_SIZE */
	uint64_t pgt_buf_start;		/* physical address of that buffer */
};

struct direct_map_result {
	uint64_t probe;			/* the 2 MiB block found (and freed) at the top */
	unsigned brk_pages;		/* page-table pages taken from the brk buffer */
	uint64_t *pages;		/* page-table pages taken from memblock, in order */
	size_t nr_pages;
	size_t cap_pages;
};

/* Map [0, map_end) as init_mem_mapping does, allocating (and printing,
 * with memblock=debug) the memblock page-table pages. */
void direct_map_init(struct memblock *mb, const struct direct_map_config *cfg,
		     uint64_t map_end, struct direct_map_result *res);

void direct_map_result_release(struct direct_map_result *res);

#endif
