/*
 * boot_setup.h - setup_arch() up to the NUMA set-up, and the e820 procedures
 * it calls (boot_setup.c).
 */
#ifndef MEMBOOT_BOOT_SETUP_H
#define MEMBOOT_BOOT_SETUP_H

#include <stdbool.h>

#include "boot_ctx.h"
#include "diag.h"

/* The firmware's e820 entries into the working table, sanitised (what
 * both boot sequences start with). 0, or -1 with err. */
int boot_copy_e820(struct boot_work *w, const struct machine *m, struct diag *err);

/* e820__memory_setup(): the firmware map copied and printed. 0, or -1
 * with err when the machine's map cannot be booted. */
int e820_setup(struct boot_ctx *b, struct diag *err);
/* mem=, memmap= and e820__finish_early_params(). */
void e820_user_options(struct boot_ctx *b);
/* e820_add_kernel_range() and trim_bios_range(). */
void e820_kernel_and_bios(struct boot_ctx *b);
/* max_pfn from e820 (again after MTRR trimming when again). */
void e820_max_pfn(struct boot_ctx *b, bool again);
/* max_low_pfn: lowmem's end on 32-bit, else the end of RAM below 4 GiB. */
void e820_max_low_pfn(struct boot_ctx *b);

/* early_reserve_memory(), early_reserve_initrd(), reserve_bios_regions(). */
void early_reservations(struct boot_ctx *b);
/* reserve_brk(): the used part of the brk area. */
void reserve_brk(struct boot_ctx *b);
/* e820__memblock_setup(): usable e820 entries become memblock.memory. */
void e820_memblock_setup(struct boot_ctx *b);
/* reserve_real_mode() and the low memory kept reserved. */
void reserve_real_mode(struct boot_ctx *b);
/* init_mem_mapping(): the direct map's page tables, then memblock's limit. */
void init_mem_mapping(struct boot_ctx *b);
/* reserve_initrd(): the initrd stays where it is. */
void reserve_initrd(struct boot_ctx *b);
/* x86_32 initmem_init(): the lowmem/HighMem split printed. */
void highmem_split(struct boot_ctx *b);
/* memblock_find_dma_reserve(): pages below 16 MiB not free now. */
void find_dma_reserve(struct boot_ctx *b);
/* e820__setup_pci_gap(): the hole below 4 GiB left for PCI printed. */
void e820_setup_pci_gap(struct boot_ctx *b);

#endif
