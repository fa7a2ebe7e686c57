/*
 * boot_work.h - the mutable state a boot sequence works on. The engine
 * owns it and snapshots what changed at every step; internal to the
 * engine.
 */
#ifndef MEMBOOT_BOOT_WORK_H
#define MEMBOOT_BOOT_WORK_H

#include <stdint.h>

#include "bootmem.h"
#include "buddy_state.h"
#include "e820.h"
#include "klog.h"
#include "memblock.h"
#include "numa_state.h"
#include "sparse_state.h"
#include "zone_state.h"

struct boot_work {
	struct klog log;
	struct e820_table e820;
	struct memblock mb;
	struct numa_state numa;
	struct sparse_state sparse;
	struct zone_state zones;
	struct buddy_state buddy;
	struct bootmem_state bootmem;
	uint64_t max_pfn;
	uint64_t max_low_pfn;
};

#endif
