/*
 * boot_mem_init.h - memblock_free_all() and mem_init() (boot_mem_init.c).
 */
#ifndef MEMBOOT_BOOT_MEM_INIT_H
#define MEMBOOT_BOOT_MEM_INIT_H

#include "boot_ctx.h"

/* x86_32 set_highmem_pages_init(): free HighMem pages to the buddy. */
void set_highmem_pages_init(struct boot_ctx *b);
/* memblock_free_all(): every free memblock range into the buddy. */
void memblock_free_all(struct boot_ctx *b);
/* preallocate_vmalloc_pages(): page-table pages from the buddy. */
void preallocate_vmalloc_pages(struct boot_ctx *b);
/* mem_init_print_info(): the "Memory:" line. */
void mem_init_print_info(struct boot_ctx *b);
/* deferred_init_memmap(): the deferred pages freed later in boot. */
void deferred_init(struct boot_ctx *b);

#endif
