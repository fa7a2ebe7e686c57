/*
 * boot_setup.c - the memory part of setup_arch() (arch/x86/kernel/setup.c)
 * and the e820 procedures it calls (arch/x86/kernel/e820.c): the firmware
 * map copied, edited by mem=/memmap= and the kernel's own rules, max_pfn,
 * the early reservations, e820 into memblock; and from arch/x86/mm/
 * init.c and init_32.c init_mem_mapping(), memblock_find_dma_reserve()
 * and the 32-bit lowmem/HighMem split.
 */
#include "boot_setup.h"

#include <stdint.h>
#include <string.h>

#include "align.h"
#include "boot_replay.h"
#include "direct_map.h"
#include "kernel_const.h"

/* Kernels before 4.18 printed the e820 headers with an "e820: " prefix. */
static const char *
e820_prefix(const struct boot_ctx *b)
{
	return b->prof.e820_prefix ? "e820: " : "";
}

int
boot_copy_e820(struct boot_work *w, const struct machine *m, struct diag *err)
{
	if (m->nr_e820 < 2) {
		/* append_e820_table() refuses fewer than two entries and the
		 * kernel fakes a BIOS-88/e801 map we have no data for */
		diag_set(err, m->file, m->nr_e820 ? m->e820[0].line : 0,
			 "the e820 table has %zu entr%s; the kernel needs at least two "
			 "(append_e820_table ignores a shorter one)",
			 m->nr_e820, m->nr_e820 == 1 ? "y" : "ies");
		return -1;
	}
	for (size_t i = 0; i < m->nr_e820; i++) {
		const struct machine_e820 *x = &m->e820[i];

		if (x->addr + x->size < x->addr && x->size) {
			diag_set(err, m->file, x->line,
				 "e820 entry at 0x%llx wraps past the end of the address space",
				 (unsigned long long)x->addr);
			return -1;
		}
		e820_range_add(&w->e820, x->addr, x->size, x->type, &w->log);
	}
	e820_update_table(&w->e820);
	return 0;
}

int
e820_setup(struct boot_ctx *b, struct diag *err)
{
	struct e820_table *t = &b->w->e820;
	const struct machine *m = b->m;

	if (boot_copy_e820(b->w, m, err))
		return -1;
	klog_printf(LOG(b), KLOG_INFO, "%sBIOS-provided physical RAM map:", e820_prefix(b));
	e820_print_table(t, "BIOS-e820", LOG(b));
	for (uint32_t i = 0; i < t->nr_entries; i++)
		touch(b, t->entries[i].addr, t->entries[i].addr + t->entries[i].size);
	step(b, "e820__memory_setup",
	     "The firmware's e820 map (%zu entries) is copied, sanitised (overlaps resolved by type, sorted, merged) and printed: %u entries.",
	     m->nr_e820, t->nr_entries);
	return 0;
}

void
e820_user_options(struct boot_ctx *b)
{
	struct e820_table *t = &b->w->e820;
	bool userdef = false;

	/* each handler edits the table in command-line order */
	for (size_t i = 0; i < b->opts.nr_early; i++) {
		const struct early_opt *o = &b->opts.early[i];

		switch (o->kind) {
		case MEMMAP_NONE:
			break;
		case MEMMAP_EXACTMAP:
			t->nr_entries = 0;
			break;
		case MEMMAP_LIMIT:
			e820_range_remove(t, o->size, UINT64_MAX - o->size, E820_TYPE_RAM, true, LOG(b));
			touch(b, o->size, UINT64_MAX);
			break;
		case MEMMAP_ADD:
			e820_range_add(t, o->start, o->size, o->type, LOG(b));
			touch(b, o->start, o->start + o->size);
			break;
		case MEMMAP_RETYPE:
			if (o->old_type && o->new_type)
				e820_range_update(t, o->start, o->size, o->old_type, o->new_type, LOG(b));
			else if (o->new_type)
				e820_range_add(t, o->start, o->size, o->new_type, LOG(b));
			else
				e820_range_remove(t, o->start, o->size, o->old_type,
						  o->old_type != 0, LOG(b));
			touch(b, o->start, o->start + o->size);
			break;
		}
		for (unsigned w = 0; w < o->nr_warn; w++)
			klog_printf(LOG(b), KLOG_INFO, "%s", o->warn[w]);
		if (o->kind == MEMMAP_NONE)
			step(b, o->function, "%s is malformed: the kernel ignores it%s.", o->text,
			     o->userdef ? ", but still prints the user-defined map" : "");
		else if (o->kind == MEMMAP_LIMIT && strcmp(o->function, "parse_memopt") == 0)
			step(b, o->function, "mem=0x%llx: usable RAM above the limit is removed from e820.",
			     (unsigned long long)o->size);
		else
			step(b, o->function, "%s edits the e820 table.", o->text);
		userdef |= o->userdef;
	}
	if (!userdef)
		return;
	e820_update_table(t);
	klog_printf(LOG(b), KLOG_INFO, "%suser-defined physical RAM map:", e820_prefix(b));
	e820_print_table(t, "user", LOG(b));
	step(b, "e820__finish_early_params",
	     "After mem=/memmap= the table is sanitised again and printed as the user-defined map.");
}

void
e820_kernel_and_bios(struct boot_ctx *b)
{
	struct e820_table *t = &b->w->e820;
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t kend = k->text + k->reserve_size + k->brk_size;

	if (!e820_all_mapped(t, k->text, kend, E820_TYPE_RAM)) {
		klog_printf(LOG(b), KLOG_INFO, ".text .data .bss are not marked as E820_TYPE_RAM!");
		e820_range_remove(t, k->text, kend - k->text, E820_TYPE_RAM, false, LOG(b));
		e820_range_add(t, k->text, kend - k->text, E820_TYPE_RAM, LOG(b));
		touch(b, k->text, kend);
		step(b, "e820_add_kernel_range",
		     "The kernel image was not in usable RAM; its range is forced to usable.");
	}
	e820_range_update(t, 0, PAGE_SIZE, E820_TYPE_RAM, E820_TYPE_RESERVED, LOG(b));
	e820_range_remove(t, 0xa0000, 0x100000 - 0xa0000, E820_TYPE_RAM, true, LOG(b));
	e820_update_table(t);
	touch(b, 0, PAGE_SIZE);
	touch(b, 0xa0000, 0x100000);
	step(b, "trim_bios_range",
	     "Page 0 becomes reserved (BIOS data) and the legacy VGA/BIOS hole 640K-1M is taken out of usable RAM.");
}

static uint64_t
max_arch_pfn(const struct boot_ctx *b)
{
	return 1ull << (b->m->build.max_physmem_bits - PAGE_SHIFT);
}

/* max_pfn = e820__end_of_ram_pfn(), once and again after MTRR trimming. */
void
e820_max_pfn(struct boot_ctx *b, bool again)
{
	struct boot_work *w = b->w;

	w->max_pfn = e820_end_of_ram_pfn(&w->e820, max_arch_pfn(b), max_arch_pfn(b), e820_prefix(b),
					 LOG(b));
	touch(b, 0, PFN_PHYS(w->max_pfn));
	step(b, "e820__end_of_ram_pfn",
	     "%smax_pfn = 0x%llx: the end of the highest usable e820 entry (%llu MiB of address space).",
	     again ? "After the changes, " : "", (unsigned long long)w->max_pfn,
	     (unsigned long long)(w->max_pfn >> 8));
}

/* max_low_pfn: the end of RAM below 4 GiB when there is RAM above it. */
void
e820_max_low_pfn(struct boot_ctx *b)
{
	struct boot_work *w = b->w;

	if (b->m->build.x86_32) {
		/* find_low_pfn_range(): lowmem ends at MAXMEM */
		uint64_t lim = b->m->build.lowmem_limit >> PAGE_SHIFT;

		w->max_low_pfn = w->max_pfn < lim ? w->max_pfn : lim;
		return;
	}
	if (w->max_pfn <= (1ull << (32 - PAGE_SHIFT))) {
		w->max_low_pfn = w->max_pfn;
		return;
	}
	w->max_low_pfn = e820_end_of_ram_pfn(&w->e820, 1ull << (32 - PAGE_SHIFT), max_arch_pfn(b),
					     e820_prefix(b), LOG(b));
	step(b, "e820__end_of_low_ram_pfn",
	     "There is RAM above 4 GiB: max_low_pfn = 0x%llx is the end of RAM below it.",
	     (unsigned long long)w->max_low_pfn);
}

/* The EBDA and the BIOS area up to 1 MiB; early from 5.12, before that
 * right after e820__memblock_setup() and printed (setup_arch inlines it) */
static void
reserve_bios_regions(struct boot_ctx *b, const char *caller)
{
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t bios_start = (uint64_t)k->bios_basemem_kb << 10;

	if (!k->reserve_bios_regions)
		return;
	if (bios_start < 0x20000 || bios_start > 0x9f000)
		bios_start = 0x9f000;
	if (k->bios_ebda >= 0x20000 && k->bios_ebda < bios_start)
		bios_start = k->bios_ebda;
	memblock_reserve(MB(b), bios_start, 0x100000 - bios_start, caller);
	touch(b, bios_start, 0x100000);
	step(b, "reserve_bios_regions", "The EBDA and BIOS area from 0x%llx up to 1 MiB are reserved.",
	     (unsigned long long)bios_start);
}

void
early_reservations(struct boot_ctx *b)
{
	const struct machine_kernel *k = &b->m->kernel;
	struct memblock *mb = MB(b);

	/* early_reserve_memory() runs before memblock=debug is parsed, so
	 * nothing is printed: take the log away for these calls */
	mb->log = NULL;
	memblock_reserve_kern(mb, k->text, k->reserve_size, "early_reserve_memory");
	touch(b, k->text, k->text + k->reserve_size);
	step(b, "early_reserve_memory",
	     "Before anything else the kernel image (_text to __end_of_kernel_reserve) is reserved in memblock (this ran before the e820 map was printed).");
	if (b->prof.early_reserve_memory) {
		memblock_reserve(mb, 0, 64 << 10, "early_reserve_memory");
		touch(b, 0, 64 << 10);
		step(b, "early_reserve_memory",
		     "The first 64 KiB are reserved: BIOS data and legacy corruption-prone memory.");
	} else {
		memblock_reserve(mb, 0, PAGE_SIZE, "setup_arch");
		touch(b, 0, PAGE_SIZE);
		step(b, "setup_arch", "Page 0 is reserved (its contents could leak through L1TF).");
	}
	if (k->initrd_start && k->initrd_size) {
		uint64_t end = align_up(k->initrd_start + k->initrd_size, PAGE_SIZE);

		memblock_reserve(mb, k->initrd_start, end - k->initrd_start, "early_reserve_initrd");
		touch(b, k->initrd_start, end);
		step(b, "early_reserve_initrd", "The initrd the boot loader placed is reserved.");
	}
	if (b->prof.early_reserve_memory)
		reserve_bios_regions(b, "reserve_bios_regions");
	mb->log = LOG(b);
}

void
reserve_brk(struct boot_ctx *b)
{
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t start = k->text + k->reserve_size;

	if (!k->brk_size)
		return;
	memblock_reserve_kern(MB(b), start, k->brk_size, "setup_arch");
	touch(b, start, start + k->brk_size);
	step(b, "reserve_brk",
	     "The used part of the kernel's brk area (early page tables, DMI) is reserved: %llu KiB.",
	     (unsigned long long)(k->brk_size >> 10));
}

void
e820_memblock_setup(struct boot_ctx *b)
{
	const struct e820_table *t = &b->w->e820;
	struct memblock *mb = MB(b);

	memblock_set_current_limit(mb, ISA_END_ADDRESS);
	memblock_allow_resize(mb);
	for (uint32_t i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *x = &t->entries[i];

		if (x->addr + x->size < x->addr)
			continue;
		if (x->type == E820_TYPE_SOFT_RESERVED) {
			memblock_reserve(mb, x->addr, x->size, "e820__memblock_setup");
		} else if (x->type == E820_TYPE_RAM || x->type == E820_TYPE_RESERVED_KERN) {
			memblock_add(mb, x->addr, x->size, "e820__memblock_setup");
		} else {
			continue;
		}
		touch(b, x->addr, x->addr + x->size);
		step(b, "e820__memblock_setup",
		     "Usable e820 entry [0x%llx-0x%llx] becomes a memblock.memory region.",
		     (unsigned long long)x->addr, (unsigned long long)(x->addr + x->size - 1));
	}
	/* 6.16's kexec handover: the first MiB is scratch, so that the
	 * trampoline can be allocated there, until reserve_real_mode */
	if (b->prof.memblock_kho)
		memblock_mark_kho_scratch(mb, 0, SZ_1M);
	memblock_trim_memory(mb, PAGE_SIZE);
	memblock_dump_all(mb);
	step(b, "memblock_trim_memory",
	     "Memory regions are trimmed to whole pages; memblock now knows %zu memory and %zu reserved regions.",
	     mb->memory.cnt, mb->reserved.cnt);
	if (!b->prof.early_reserve_memory)
		reserve_bios_regions(b, "setup_arch");
}

void
reserve_real_mode(struct boot_ctx *b)
{
	uint64_t size = align_up(b->m->kernel.trampoline_size, PAGE_SIZE);
	uint64_t mem = 0;

	if (size) {
		mem = memblock_phys_alloc_range(MB(b), size, PAGE_SIZE, 0, SZ_1M, "reserve_real_mode");
		if (!mem)
			klog_printf(LOG(b), KLOG_INFO, "No sub-1M memory is available for the trampoline");
		touch(b, mem, mem + size);
		step(b, "reserve_real_mode",
		     mem ? "The real-mode trampoline (used to start other CPUs) gets %llu KiB below 1 MiB, top-down."
			 : "No room below 1 MiB for the %llu KiB real-mode trampoline.",
		     (unsigned long long)(size >> 10));
	}
	if (!b->prof.reserve_first_1m) {
		/* trim_low_memory_range(): before 5.13 only the first 64 KiB */
		memblock_reserve(MB(b), 0, 64 << 10, "setup_arch");
		touch(b, 0, 64 << 10);
		step(b, "trim_low_memory_range",
		     "The first 64 KiB stay reserved (reservelow=); kernels from 5.13 reserve the whole first MiB.");
		return;
	}
	/* 6.16 moved this into reserve_real_mode, which then ends the
	 * first MiB's time as KHO scratch */
	memblock_reserve(MB(b), 0, SZ_1M, b->prof.memblock_kho ? "reserve_real_mode" : "setup_arch");
	if (b->prof.memblock_kho)
		memblock_clear_kho_scratch(MB(b), 0, SZ_1M);
	touch(b, 0, SZ_1M);
	step(b, "setup_arch", "The whole first MiB is reserved, whatever the BIOS said (since Linux 5.13).");
}

void
init_mem_mapping(struct boot_ctx *b)
{
	const struct machine *m = b->m;
	/* the direct map covers lowmem only on 32-bit */
	uint64_t end = PFN_PHYS(m->build.x86_32 ? b->w->max_low_pfn : b->w->max_pfn);

	if (m->build.x86_32) {
		/* 32-bit page tables are not modelled; only the probe */
		uint64_t probe = memblock_phys_probe(MB(b), PMD_SIZE, PMD_SIZE, ISA_END_ADDRESS, end,
						     "init_mem_mapping");

		touch(b, probe, probe ? probe + PMD_SIZE : 0);
		step(b, "memory_map_top_down",
		     "init_mem_mapping probes for the highest free 2 MiB block and frees it again: the direct map is built downward from there.");
	} else {
		struct direct_map_config cfg = {
			.gbpages = m->build.gbpages,
			.la57 = m->build.max_physmem_bits > 46,
			.kaslr_trampoline = m->build.randomize_memory,
			/* INIT_PGT_BUF_SIZE: 3 tables (4 with CONFIG_X86_5LEVEL),
			 * twice (four times with RANDOMIZE_MEMORY) */
			.pgt_buf_pages = (m->build.config_5level ? 4 : 3) *
					 (m->build.randomize_memory ? 4 : 2),
			/* early_alloc_pgt_buf() is the first extend_brk() */
			.pgt_buf_start = m->kernel.text + m->kernel.reserve_size,
		};
		struct direct_map_result res;

		direct_map_init(MB(b), &cfg, end, &res);
		touch(b, res.probe, res.probe ? res.probe + PMD_SIZE : 0);
		for (size_t i = 0; i < res.nr_pages; i++)
			touch(b, res.pages[i], res.pages[i] + PAGE_SIZE);
		step(b, "init_mem_mapping",
		     "The direct map of all RAM is built top-down from the highest free 2 MiB block (%s pages): %u page-table pages come from the kernel's brk buffer and %zu from memblock at the top of memory.",
		     cfg.gbpages ? "1 GiB and 2 MiB" : "2 MiB", res.brk_pages, res.nr_pages);
		direct_map_result_release(&res);
	}
	run_hook(b, HOOK_INIT_MEM_MAPPING);
	/* on 64-bit everything is direct mapped: low memory is all memory */
	if (!m->build.x86_32)
		b->w->max_low_pfn = b->w->max_pfn;
	memblock_set_current_limit(MB(b), PFN_PHYS(b->w->max_low_pfn));
}

void
reserve_initrd(struct boot_ctx *b)
{
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t end;

	if (!k->initrd_start || !k->initrd_size)
		return;
	end = align_up(k->initrd_start + k->initrd_size, PAGE_SIZE);
	klog_printf(LOG(b), KLOG_INFO, "RAMDISK: [mem 0x%08llx-0x%08llx]",
		    (unsigned long long)k->initrd_start, (unsigned long long)(end - 1));
	touch(b, k->initrd_start, end);
	step(b, "reserve_initrd", "The initrd stays where the boot loader put it (it is inside the direct map).");
}

/* x86_32 initmem_init(): where lowmem ends and HighMem starts. */
void
highmem_split(struct boot_ctx *b)
{
	const struct boot_work *w = b->w;
	uint64_t highstart = w->max_pfn > w->max_low_pfn ? w->max_low_pfn : w->max_pfn;
	const uint64_t page_offset = 0xc0000000ull;

	klog_printf(LOG(b), KLOG_INFO, "%lluMB HIGHMEM available.",
		    (unsigned long long)((w->max_pfn - highstart) >> (20 - PAGE_SHIFT)));
	klog_printf(LOG(b), KLOG_INFO, "%lluMB LOWMEM available.",
		    (unsigned long long)(w->max_low_pfn >> (20 - PAGE_SHIFT)));
	klog_printf(LOG(b), KLOG_DEBUG, "max_low_pfn = %llx, highstart_pfn = %llx",
		    (unsigned long long)w->max_low_pfn, (unsigned long long)highstart);
	klog_printf(LOG(b), KLOG_DEBUG, "Low memory ends at vaddr %08llx",
		    (unsigned long long)((page_offset + PFN_PHYS(w->max_low_pfn)) & 0xffffffffull));
	klog_printf(LOG(b), KLOG_DEBUG, "High memory starts at vaddr %08llx",
		    (unsigned long long)((page_offset + PFN_PHYS(highstart)) & 0xffffffffull));
	touch(b, PFN_PHYS(highstart), PFN_PHYS(w->max_pfn));
	step(b, "initmem_init",
	     "A 32-bit kernel maps only the first %llu MiB (lowmem) permanently; the %llu MiB above become the HighMem zone.",
	     (unsigned long long)(w->max_low_pfn >> 8), (unsigned long long)((w->max_pfn - highstart) >> 8));
}

/* memblock_find_dma_reserve(): memory pages below 16 MiB not free now. */
void
find_dma_reserve(struct boot_ctx *b)
{
	const struct memblock *mb = MB(b);
	uint64_t nr_pages = 0, nr_free = 0, idx = 0, s, e;

	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t ps = PFN_UP(r->base), pe = PFN_DOWN(r->base + r->size);

		ps = ps < MAX_DMA_PFN ? ps : MAX_DMA_PFN;
		pe = pe < MAX_DMA_PFN ? pe : MAX_DMA_PFN;
		if (pe > ps)
			nr_pages += pe - ps;
	}
	while (memblock_next_free_range(mb, &idx, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, NULL)) {
		uint64_t ps = PFN_UP(s), pe = PFN_DOWN(e);

		ps = ps < MAX_DMA_PFN ? ps : MAX_DMA_PFN;
		pe = pe < MAX_DMA_PFN ? pe : MAX_DMA_PFN;
		if (pe > ps)
			nr_free += pe - ps;
	}
	b->w->zones.dma_reserve = nr_pages - nr_free;
}

/* e820__setup_pci_gap(), setup_arch's last word on memory: the largest
 * hole below 4 GiB of at least 4 MiB is where PCI gets addresses for
 * BARs the firmware left unassigned. */
void
e820_setup_pci_gap(struct boot_ctx *b)
{
	uint64_t start = 0, size = 4 * SZ_1M;
	bool found = e820_search_gap(&b->w->e820, b->prof.pci_gap_forward, &start, &size);

	if (!found && b->m->build.x86_32) {
		start = 256 * SZ_1M;
	} else if (!found) {
		start = PFN_PHYS(b->w->max_pfn) + SZ_1M;
		/* 4.12-4.17 put "e820: " before both lines too */
		klog_printf(LOG(b), KLOG_INFO,
			    "%sCannot find an available gap in the 32-bit address range",
			    e820_prefix(b));
		klog_printf(LOG(b), KLOG_INFO,
			    "%sPCI devices with unassigned 32-bit BARs may not work!", e820_prefix(b));
	}
	klog_printf(LOG(b), KLOG_INFO, "%s[%s 0x%08llx-0x%08llx] available for PCI devices",
		    e820_prefix(b), b->prof.pci_gap_forward ? "gap" : "mem",
		    (unsigned long long)start, (unsigned long long)(start + size - 1));
	if (found)
		step(b, "e820__setup_pci_gap",
		     "The largest hole in the e820 map below 4 GiB, %llu MiB, is where PCI will "
		     "place the devices the firmware left without addresses.",
		     (unsigned long long)(size >> 20));
	else
		step(b, "e820__setup_pci_gap",
		     "No hole of 4 MiB below 4 GiB: PCI gets the 4 MiB at 0x%llx instead, and "
		     "32-bit device addresses the firmware left unassigned may not fit.",
		     (unsigned long long)start);
}
