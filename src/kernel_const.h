/*
 * kernel_const.h - the x86 kernel's fixed sizes and limits the boot
 * works with (include/linux/pfn.h, asm/page_types.h, asm/dma.h, ...).
 * What a machine's build can change (section size, MAX_ORDER, the
 * struct sizes) is in struct machine_build, not here.
 */
#ifndef MEMBOOT_KERNEL_CONST_H
#define MEMBOOT_KERNEL_CONST_H

#include <stdint.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ull << PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((uint64_t)(x) << PAGE_SHIFT)
#define PMD_SIZE	(2ull << 20)
#define SZ_1M		0x100000ull
#define ISA_END_ADDRESS	0x100000ull
#define MAX_DMA_ADDRESS	0x1000000ull	/* 16 MiB, as a physical address */
#define MAX_DMA_PFN	0x1000ull
#define MAX_DMA32_PFN	0x100000ull
#define SMP_CACHE_BYTES	64		/* L1_CACHE_BYTES of an x86_64 build */

#endif
