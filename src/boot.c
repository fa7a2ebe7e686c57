/*
 * boot.c - the boot sequence itself: start_kernel()'s order of the memory
 * set-up (init/main.c: setup_arch, mm_init, mem_init), with the
 * procedures in the boot_*.c files named after the kernel files they
 * follow.
 *
 * Every kernel action that changes memory state is one step: it acts on
 * the working state through the e820/memblock/... modules (which print the
 * kernel's lines), notes the physical ranges it touched, and closes with
 * step(), which hands the step to the engine for snapshotting. Memblock
 * operations the engine does not derive (ACPI, percpu, page tables, ...)
 * come from the machine file and run at their hook points.
 */
#include "boot.h"

#include <stdarg.h>
#include <stdio.h>

#include "boot_bootmem.h"
#include "boot_ctx.h"
#include "boot_free_area.h"
#include "boot_mem_init.h"
#include "boot_numa.h"
#include "boot_replay.h"
#include "boot_setup.h"
#include "boot_sparse.h"
#include "boot_zonelist.h"

void
step(struct boot_ctx *b, const char *function, const char *fmt, ...)
{
	char buf[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	engine_record_step(b->e, b->w, b->phase, function, buf);
}

/* Nodes with memory (N_MEMORY): more than one makes hash tables vmalloc'ed. */
static int
memory_nodes(const struct boot_work *w)
{
	int n = 0;

	for (int nid = 0; nid < w->zones.nr_nodes; nid++)
		n += w->zones.nodes[nid].present > 0;
	return n;
}

/* The x86 boot with memblock (2.6.27 on; Linux 6.1's order). */
static int
boot_memblock_run(struct boot_ctx *b, struct diag *err)
{
	const struct machine *m = b->m;

	b->phase = PHASE_E820;
	if (e820_setup(b, err))
		return -1;
	e820_events(b, E820_AT_EARLY);
	e820_user_options(b);
	e820_kernel_and_bios(b);
	e820_max_pfn(b, false);
	if (e820_events(b, E820_AT_MTRR))
		e820_max_pfn(b, true);
	e820_max_low_pfn(b);

	b->phase = PHASE_MEMBLOCK;
	early_reservations(b);
	reserve_brk(b);
	run_hook(b, HOOK_SETUP_ARCH);
	e820_memblock_setup(b);
	reserve_real_mode(b);
	init_mem_mapping(b);
	reserve_initrd(b);
	run_hook(b, HOOK_ACPI_TABLE_INIT);

	b->phase = PHASE_NUMA;
	initmem_init(b);
	if (m->build.x86_32)
		highmem_split(b);
	run_hook(b, HOOK_AFTER_NUMA);
	if (!m->build.x86_32)	/* memblock_find_dma_reserve is 64-bit only */
		find_dma_reserve(b);

	b->phase = PHASE_SPARSE;
	sparse_init(b);

	b->phase = PHASE_ZONES;
	zone_ranges(b);
	free_area_init_nodes(b);
	memmap_init(b);
	run_hook(b, HOOK_AFTER_PAGING_INIT);
	init_memory_less_nodes(b);
	e820_setup_pci_gap(b);
	run_hook(b, HOOK_START_KERNEL);
	if (!b->prof.zonelists_in_mm_core_init)
		build_all_zonelists(b);

	b->phase = PHASE_BUDDY;
	if (memory_nodes(b->w) <= 1) {
		large_system_hash(b, "Dentry cache", 13);
		large_system_hash(b, "Inode-cache", 14);
	}
	/* from 6.4 mm_core_init() builds them, after vfs_caches_init_early() */
	if (b->prof.zonelists_in_mm_core_init)
		build_all_zonelists(b);
	run_hook(b, HOOK_MM_INIT);
	if (m->build.x86_32)
		set_highmem_pages_init(b);
	memblock_free_all(b);
	preallocate_vmalloc_pages(b);
	mem_init_print_info(b);
	deferred_init(b);
	return 0;
}

/* The allocator the kernel boots with, which decides the sequence. */
enum early_allocator {
	EARLY_MEMBLOCK,		/* x86 from 2.6.27 */
	EARLY_BOOTMEM,		/* i386 2.4 and 2.6 before 2.6.27: the bootmem bitmap */
	EARLY_ALLOCATOR_COUNT
};

static int (*const sequences[EARLY_ALLOCATOR_COUNT])(struct boot_ctx *, struct diag *) = {
	[EARLY_MEMBLOCK] = boot_memblock_run,
	[EARLY_BOOTMEM] = boot_bootmem_run,
};

static enum early_allocator
early_allocator(const struct boot_ctx *b)
{
	return b->prof.bootmem && b->m->build.x86_32 ? EARLY_BOOTMEM : EARLY_MEMBLOCK;
}

int
boot_run(struct engine *e, struct boot_work *w, const struct machine *m, struct diag *err)
{
	struct boot_ctx b = { .e = e, .w = w, .m = m };
	int ret;

	cmdline_parse(m->cmdline, m->build.x86_32, &b.opts);
	profile_from_version(m->kernel_version, &b.prof);
	b.max_numnodes = m->build.numa ? 1 << m->build.nodes_shift : 1;
	w->log.memblock_debug = b.opts.memblock_debug;
	e820_table_init(&w->e820, MACHINE_MAX_E820);
	w->e820.names_7 = b.prof.e820_gaps_names;
	memblock_init(&w->mb, b.max_numnodes, m->build.numa, &w->log);
	w->mb.phys_alloc_dbg = b.prof.phys_alloc_dbg;
	w->mb.find_in_range_callers = !b.prof.phys_alloc_callers;
	w->mb.reserve_nid_flags = b.prof.memblock_kho;
	if (!b.prof.memblock_phys_free_name)
		w->mb.phys_free_name = "memblock_free";
	numa_state_init(&w->numa);
	sparse_state_init(&w->sparse);
	zone_state_init(&w->zones);
	buddy_state_init(&w->buddy, m->build.max_order);
	bootmem_state_init(&w->bootmem);
	if (early_allocator(&b) == EARLY_MEMBLOCK && !b.prof.x86_memblock) {
		/* 2.6.27-2.6.34 (and x86_64 before) had early_res and bootmem */
		diag_set(err, m->file, 0,
			 "kernel %s on %s: x86 allocates early memory with memblock only from "
			 "2.6.35; memboot replays that boot from 2.6.35 on and the i386 bootmem "
			 "boot of 2.4 to 2.6.26, not the early_res boot between",
			 m->kernel_version, m->build.x86_32 ? "i386" : "x86_64");
		ret = -1;
	} else {
		ret = sequences[early_allocator(&b)](&b, err);
	}
	cmdline_release(&b.opts);
	return ret;
}
