/*
 * kernel_const.h - the x86 kernel's fixed sizes and limits the boot
 * works with (include/linux/pfn.h, asm/page_types.h, asm/dma.h, ...).
 * What a machine's build can change (section size, MAX_ORDER, the
 * struct sizes) is in struct machine_build; the constants the kernel
 * derives from those are the functions at the end.
 */
#ifndef MEMBOOT_KERNEL_CONST_H
#define MEMBOOT_KERNEL_CONST_H

#include <stdint.h>

#include "machine.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ull << PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((uint64_t)(x) << PAGE_SHIFT)
#define PMD_SHIFT	21
#define PMD_SIZE	(1ull << PMD_SHIFT)
#define PUD_SHIFT	30
#define PUD_SIZE	(1ull << PUD_SHIFT)
#define PGDIR_SHIFT	39		/* 4-level paging */
#define SZ_1M		0x100000ull
#define ISA_END_ADDRESS	0x100000ull
#define MAX_DMA_ADDRESS	0x1000000ull	/* 16 MiB, as a physical address */
#define MAX_DMA_PFN	0x1000ull
#define MAX_DMA32_PFN	0x100000ull
#define L1_CACHE_BYTES	64		/* x86_64 (boot_bootmem.c's i686 build has 32) */

/* PFN_SECTION_SHIFT: pfns per section, as a shift. */
static inline unsigned
pfn_section_shift(const struct machine_build *b)
{
	return b->section_size_bits - b->page_shift;
}

/* NR_MEM_SECTIONS: sections in the physical address space. */
static inline uint64_t
nr_mem_sections(const struct machine_build *b)
{
	return 1ull << (b->max_physmem_bits - b->section_size_bits);
}

/* SECTIONS_PER_ROOT (SPARSEMEM_EXTREME): the mem_sections one page of
 * the table holds. */
static inline uint64_t
sections_per_root(const struct machine_build *b)
{
	return (1ull << b->page_shift) / (b->mem_section_size ? b->mem_section_size : 16);
}

#endif
