/*
 * boot_bootmem.h - the i386 bootmem boot of Linux 2.4 and 2.6 before 2.6.27
 * (boot_bootmem.c).
 */
#ifndef MEMBOOT_BOOT_BOOTMEM_H
#define MEMBOOT_BOOT_BOOTMEM_H

#include "boot_ctx.h"
#include "diag.h"

/* The whole bootmem boot. 0, or -1 with err filled. */
int boot_bootmem_run(struct boot_ctx *b, struct diag *err);

#endif
