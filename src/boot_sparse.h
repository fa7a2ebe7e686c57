/*
 * boot_sparse.h - sparse_init() (boot_sparse.c).
 */
#ifndef MEMBOOT_BOOT_SPARSE_H
#define MEMBOOT_BOOT_SPARSE_H

#include <stdint.h>

#include "boot_ctx.h"

/* PFN_SECTION_SHIFT of the machine's build. */
uint64_t section_shift(const struct boot_ctx *b);

/* sparse_init(): present sections, their roots, usemaps and memmaps. */
void sparse_init(struct boot_ctx *b);

#endif
