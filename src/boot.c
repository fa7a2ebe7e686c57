/*
 * boot.c - the x86_64 (Linux 6.1) memory boot, in the order setup_arch(),
 * start_kernel() and mem_init() run it.
 *
 * Every kernel action that changes memory state is one step: it acts on
 * the working state through the e820/memblock/... modules (which print the
 * kernel's lines), notes the physical ranges it touched, and closes with
 * step(), which hands the step to the engine for snapshotting. Memblock
 * operations the engine does not derive (ACPI, percpu, page tables, ...)
 * come from the machine file and run at their hook points.
 */
#include "boot.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "direct_map.h"
#include "engine.h"
#include "profile.h"
#include "xalloc.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ull << PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((uint64_t)(x) << PAGE_SHIFT)
#define SZ_1M		0x100000ull
#define ISA_END_ADDRESS	0x100000ull
#define MAX_DMA_ADDRESS	0x1000000ull	/* 16 MiB, as a physical address */
#define MAX_DMA_PFN	0x1000ull
#define MAX_DMA32_PFN	0x100000ull
#define SMP_CACHE_BYTES	64
#define NODE_MIN_SIZE	(4ull << 20)
#define PMD_SIZE	(2ull << 20)

struct boot {
	struct engine *e;
	struct boot_work *w;
	const struct machine *m;
	struct kernel_profile prof;
	struct cmdline_opts opts;
	int max_numnodes;
	int phase;
	/* NUMA bookkeeping that is not state the views show */
	int pxm_to_node[MACHINE_MAX_NODES];
	int nr_pxm_mapped;
	bool nodes_parsed[MACHINE_MAX_NODES];
	struct numa_meminfo mi;
	/* vmemmap page-table pages already allocated, by table index */
	uint64_t *pud_pages;		/* one per 512 GiB of vmemmap VA */
	size_t nr_pud_pages, cap_pud_pages;
	uint64_t *pmd_pages;		/* one per 1 GiB of vmemmap VA */
	size_t nr_pmd_pages, cap_pmd_pages;
};

void
boot_step(struct engine *e, const struct boot_work *w, int phase, const char *function,
	  const char *fmt, ...)
{
	char buf[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	engine_record_step(e, w, phase, function, buf);
}

void
boot_touch(struct engine *e, uint64_t start, uint64_t end)
{
	if (end > start)
		engine_record_touch(e, start, end);
}

static struct memblock *
MB(struct boot *b)
{
	return &b->w->mb;
}

/* ------------------------------------------------------------ E820 */

/* Kernels before 4.18 printed the e820 headers with an "e820: " prefix. */
static const char *
e820_prefix(const struct boot *b)
{
	return b->prof.e820_prefix ? "e820: " : "";
}

int
boot_copy_e820(struct boot_work *w, const struct machine *m, struct diag *err)
{
	if (m->nr_e820 < 2) {
		/* append_e820_table() refuses fewer than two entries and the
		 * kernel fakes a BIOS-88/e801 map we have no data for */
		diag_set(err, m->file, 0,
			 "the machine has %zu e820 entries; the kernel needs at least two", m->nr_e820);
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

static int
e820_setup(struct boot *b, struct diag *err)
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

static void
e820_user_options(struct boot *b)
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

/* Replay the e820 changes the machine file lists for this point. */
static bool
e820_events(struct boot *b, enum e820_event_hook hook)
{
	struct e820_table *t = &b->w->e820;
	bool any = false;

	for (size_t i = 0; i < b->m->nr_e820_events; i++) {
		const struct machine_e820_event *ev = &b->m->e820_events[i];
		char tn[32];

		if (ev->hook != hook)
			continue;
		any = true;
		switch (ev->kind) {
		case E820_EV_UPDATE:
			e820_range_update(t, ev->start, ev->size, ev->old_type, ev->new_type, LOG(b));
			e820_type_name(ev->new_type, tn, sizeof(tn));
			touch(b, ev->start, ev->start + ev->size);
			step(b, "e820__range_update", "[0x%llx-0x%llx] becomes %s in e820.",
			     (unsigned long long)ev->start,
			     (unsigned long long)(ev->start + ev->size - 1), tn);
			break;
		case E820_EV_REMOVE:
			e820_range_remove(t, ev->start, ev->size, ev->old_type, ev->check_type, LOG(b));
			touch(b, ev->start, ev->start + ev->size);
			step(b, "e820__range_remove", "[0x%llx-0x%llx] is taken out of e820.",
			     (unsigned long long)ev->start,
			     (unsigned long long)(ev->start + ev->size - 1));
			break;
		case E820_EV_ADD:
			e820_range_add(t, ev->start, ev->size, ev->new_type, LOG(b));
			e820_type_name(ev->new_type, tn, sizeof(tn));
			touch(b, ev->start, ev->start + ev->size);
			step(b, "e820__range_add", "[0x%llx-0x%llx] is added to e820 as %s.",
			     (unsigned long long)ev->start,
			     (unsigned long long)(ev->start + ev->size - 1), tn);
			break;
		case E820_EV_TABLE:
			e820_update_table(t);
			if (ev->header[0])
				klog_printf(LOG(b), KLOG_INFO, "%s", ev->header);
			e820_print_table(t, ev->who, LOG(b));
			step(b, "e820__update_table", "The table is sanitised again and printed as \"%s\".",
			     ev->who);
			break;
		}
	}
	return any;
}

static void
e820_kernel_and_bios(struct boot *b)
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
max_arch_pfn(const struct boot *b)
{
	return 1ull << (b->m->build.max_physmem_bits - PAGE_SHIFT);
}

/* max_pfn = e820__end_of_ram_pfn(), once and again after MTRR trimming. */
static void
e820_max_pfn(struct boot *b, bool again)
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
static void
e820_max_low_pfn(struct boot *b)
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

/* ------------------------------------------------------------ memblock */

static void
early_reservations(struct boot *b)
{
	const struct machine_kernel *k = &b->m->kernel;
	struct memblock *mb = MB(b);

	/* early_reserve_memory() runs before memblock=debug is parsed, so
	 * nothing is printed: take the log away for these calls */
	mb->log = NULL;
	memblock_reserve(mb, k->text, k->reserve_size, "early_reserve_memory");
	touch(b, k->text, k->text + k->reserve_size);
	step(b, "early_reserve_memory",
	     "Before anything else the kernel image (_text to __end_of_kernel_reserve) is reserved in memblock (this ran before the e820 map was printed).");
	memblock_reserve(mb, 0, 64 << 10, "early_reserve_memory");
	touch(b, 0, 64 << 10);
	step(b, "early_reserve_memory", "The first 64 KiB are reserved: BIOS data and legacy corruption-prone memory.");
	if (k->initrd_start && k->initrd_size) {
		uint64_t end = align_up(k->initrd_start + k->initrd_size, PAGE_SIZE);

		memblock_reserve(mb, k->initrd_start, end - k->initrd_start, "early_reserve_initrd");
		touch(b, k->initrd_start, end);
		step(b, "early_reserve_initrd", "The initrd the boot loader placed is reserved.");
	}
	if (k->reserve_bios_regions) {
		uint64_t bios_start = (uint64_t)k->bios_basemem_kb << 10;

		if (bios_start < 0x20000 || bios_start > 0x9f000)
			bios_start = 0x9f000;
		if (k->bios_ebda >= 0x20000 && k->bios_ebda < bios_start)
			bios_start = k->bios_ebda;
		memblock_reserve(mb, bios_start, 0x100000 - bios_start, "reserve_bios_regions");
		touch(b, bios_start, 0x100000);
		step(b, "reserve_bios_regions",
		     "The EBDA and BIOS area from 0x%llx up to 1 MiB are reserved.",
		     (unsigned long long)bios_start);
	}
	mb->log = LOG(b);
}

static void
reserve_brk(struct boot *b)
{
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t start = k->text + k->reserve_size;

	if (!k->brk_size)
		return;
	memblock_reserve(MB(b), start, k->brk_size, "setup_arch");
	touch(b, start, start + k->brk_size);
	step(b, "reserve_brk",
	     "The used part of the kernel's brk area (early page tables, DMI) is reserved: %llu KiB.",
	     (unsigned long long)(k->brk_size >> 10));
}

static void run_hook(struct boot *b, enum boot_hook hook);

static void
e820_memblock_setup(struct boot *b)
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
	memblock_trim_memory(mb, PAGE_SIZE);
	memblock_dump_all(mb);
	step(b, "memblock_trim_memory",
	     "Memory regions are trimmed to whole pages; memblock now knows %zu memory and %zu reserved regions.",
	     mb->memory.cnt, mb->reserved.cnt);
}

static void
reserve_real_mode(struct boot *b)
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
	memblock_reserve(MB(b), 0, SZ_1M, "setup_arch");
	touch(b, 0, SZ_1M);
	step(b, "setup_arch", "The whole first MiB is reserved, whatever the BIOS said (since Linux 5.13).");
}

static void
init_mem_mapping(struct boot *b)
{
	const struct machine *m = b->m;
	/* the direct map covers lowmem only on 32-bit */
	uint64_t end = PFN_PHYS(m->build.x86_32 ? b->w->max_low_pfn : b->w->max_pfn);

	if (m->build.x86_32) {
		/* 32-bit page tables are not modelled; only the probe */
		uint64_t probe = memblock_phys_alloc_range(MB(b), PMD_SIZE, PMD_SIZE, ISA_END_ADDRESS,
							   end, "init_mem_mapping");

		if (probe)
			memblock_phys_free(MB(b), probe, PMD_SIZE, "init_mem_mapping");
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

static void
reserve_initrd(struct boot *b)
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

/* ------------------------------------------------------------ replay */

static const char *
op_caller(const struct mb_op *op, const char *fallback)
{
	return op->caller[0] ? op->caller : fallback;
}

/* The range operations a machine file can replay, by kind. */
static const struct {
	const char *fn;
	const char *did;	/* narration: "<caller> <did> [start-end]" */
	int (*call)(struct memblock *, uint64_t, uint64_t, const char *);
} range_ops[] = {
	[MB_OP_ADD] = { "memblock_add", "adds to memblock.memory", memblock_add },
	[MB_OP_REMOVE] = { "memblock_remove", "removes from memblock.memory", memblock_remove },
	[MB_OP_RESERVE] = { "memblock_reserve", "reserves", memblock_reserve },
	[MB_OP_FREE] = { "memblock_phys_free", "gives back to memblock", memblock_phys_free },
};

static void
run_op(struct boot *b, const struct mb_op *op)
{
	struct memblock *mb = MB(b);
	const char *api = machine_alloc_api_name(op->api);
	uint64_t got;

	switch (op->kind) {
	case MB_OP_ADD:
	case MB_OP_REMOVE:
	case MB_OP_RESERVE:
	case MB_OP_FREE:
		range_ops[op->kind].call(mb, op->base, op->size, op_caller(op, range_ops[op->kind].fn));
		touch(b, op->base, op->base + op->size);
		step(b, range_ops[op->kind].fn, "%s %s [0x%llx-0x%llx] (%llu bytes).",
		     op_caller(op, "A caller"), range_ops[op->kind].did,
		     (unsigned long long)op->base, (unsigned long long)(op->base + op->size - 1),
		     (unsigned long long)op->size);
		break;
	case MB_OP_BOTTOM_UP:
		memblock_set_bottom_up(mb, op->bottom_up);
		step(b, "memblock_set_bottom_up", "Allocation direction is now %s.",
		     op->bottom_up ? "bottom-up" : "top-down");
		break;
	case MB_OP_ALLOC:
		switch (op->api) {
		case MB_API_PHYS_ALLOC_RANGE:
			got = memblock_phys_alloc_range(mb, op->size, op->align, op->min_addr,
							op->max_addr, op_caller(op, api));
			break;
		case MB_API_PHYS_ALLOC_TRY_NID:
			got = memblock_phys_alloc_try_nid(mb, op->size, op->align, op->nid);
			break;
		default:
			got = memblock_alloc_virt(mb, api, op->size, op->align, op->min_addr,
						  op->max_addr, op->nid,
						  op->exact_nid || op->api == MB_API_ALLOC_EXACT_NID_RAW,
						  op_caller(op, api));
			break;
		}
		touch(b, got, got ? got + op->size : 0);
		if (got)
			step(b, api, "%s allocates %llu bytes at 0x%llx (%s).",
			     op_caller(op, "A caller"), (unsigned long long)op->size,
			     (unsigned long long)got, mb->bottom_up ? "bottom-up" : "top-down");
		else
			step(b, api, "%s asks for %llu bytes and memblock finds no room.",
			     op_caller(op, "A caller"), (unsigned long long)op->size);
		break;
	}
}

static void
run_hook(struct boot *b, enum boot_hook hook)
{
	for (size_t i = 0; i < b->m->nr_ops; i++)
		if (b->m->ops[i].hook == hook)
			run_op(b, &b->m->ops[i]);
}

/* ------------------------------------------------------------ NUMA */

static int
map_pxm_to_node(struct boot *b, uint32_t pxm)
{
	for (int i = 0; i < b->nr_pxm_mapped; i++)
		if ((uint32_t)b->pxm_to_node[i] == pxm)
			return i;
	if (b->nr_pxm_mapped >= b->max_numnodes || b->nr_pxm_mapped >= MACHINE_MAX_NODES)
		return NUMA_NO_NODE;
	b->pxm_to_node[b->nr_pxm_mapped] = (int)pxm;
	return b->nr_pxm_mapped++;
}

static void
numa_add_memblk(struct boot *b, int nid, uint64_t start, uint64_t end)
{
	if (start == end)
		return;
	if (start > end || nid < 0 || nid >= b->max_numnodes) {
		klog_printf(LOG(b), KLOG_INFO, "Warning: invalid memblk node %d [mem 0x%08llx-0x%08llx]",
			    nid, (unsigned long long)start, (unsigned long long)(end - 1));
		return;
	}
	numa_meminfo_add(&b->mi, start, end, nid);
}

/* acpi_numa_init(): CPU affinity first, then memory affinity. */
static int
srat_parse(struct boot *b)
{
	const struct machine *m = b->m;
	int parsed = 0;

	for (size_t i = 0; i < m->nr_srat_cpu; i++) {
		const struct machine_srat_cpu *c = &m->srat_cpu[i];
		int node;

		if (!c->enabled)
			continue;
		node = map_pxm_to_node(b, c->pxm);
		if (node < 0) {
			klog_printf(LOG(b), KLOG_INFO, "SRAT: Too many proximity domains %x", c->pxm);
			klog_printf(LOG(b), KLOG_INFO, "SRAT: SRAT not used.");
			return -1;
		}
		b->nodes_parsed[node] = true;
		klog_printf(LOG(b), KLOG_INFO, c->x2apic ? "SRAT: PXM %u -> APIC 0x%04x -> Node %u"
							  : "SRAT: PXM %u -> APIC 0x%02x -> Node %u",
			    c->pxm, c->apic_id, (unsigned)node);
	}
	if (m->nr_srat_cpu)
		step(b, "acpi_numa_processor_affinity_init",
		     "SRAT processor entries map each CPU's proximity domain (PXM) to a node, first come first served.");
	for (size_t i = 0; i < m->nr_srat_mem; i++) {
		const struct machine_srat_mem *x = &m->srat_mem[i];
		uint64_t start = x->base, end = x->base + x->length;
		int node;

		if (!x->enabled)
			continue;
		node = map_pxm_to_node(b, x->pxm);
		if (node < 0) {
			klog_printf(LOG(b), KLOG_INFO, "ACPI: SRAT: Too many proximity domains.");
			klog_printf(LOG(b), KLOG_INFO, "ACPI: SRAT: SRAT not used.");
			return -1;
		}
		if (b->mi.nr >= (size_t)2 * b->max_numnodes) {
			klog_printf(LOG(b), KLOG_INFO, "too many memblk ranges");
			klog_printf(LOG(b), KLOG_INFO,
				    "ACPI: SRAT: Failed to add memblk to node %u [mem 0x%08llx-0x%08llx]",
				    (unsigned)node, (unsigned long long)start, (unsigned long long)(end - 1));
			klog_printf(LOG(b), KLOG_INFO, "ACPI: SRAT: SRAT not used.");
			return -1;
		}
		numa_add_memblk(b, node, start, end);
		b->nodes_parsed[node] = true;
		klog_printf(LOG(b), KLOG_INFO, "ACPI: SRAT: Node %u PXM %u [mem 0x%08llx-0x%08llx]%s%s",
			    (unsigned)node, x->pxm, (unsigned long long)start,
			    (unsigned long long)(end - 1), x->hotplug ? " hotplug" : "",
			    x->nonvolatile ? " non-volatile" : "");
		if (x->hotplug)
			memblock_mark_hotplug(MB(b), start, x->length);
		parsed++;
		touch(b, start, end);
		step(b, "acpi_numa_memory_affinity_init",
		     "SRAT memory affinity: [0x%llx-0x%llx] belongs to PXM %u, node %d%s.",
		     (unsigned long long)start, (unsigned long long)(end - 1), x->pxm, node,
		     x->hotplug ? " (hot-pluggable)" : "");
	}
	return parsed ? 0 : -1;
}

static void
dummy_numa_init(struct boot *b)
{
	uint64_t end = PFN_PHYS(b->w->max_pfn);

	klog_printf(LOG(b), KLOG_INFO, "%s",
		    b->opts.numa_off ? "NUMA turned off" : "No NUMA configuration found");
	klog_printf(LOG(b), KLOG_INFO, "Faking a node at [mem 0x%016llx-0x%016llx]",
		    0ull, (unsigned long long)(end - 1));
	b->nodes_parsed[0] = true;
	numa_add_memblk(b, 0, 0, end);
	touch(b, 0, end);
	step(b, "dummy_numa_init",
	     "%s: one fake node 0 spans all memory up to max_pfn.",
	     b->opts.numa_off ? "numa=off" : "There is no SRAT");
}

/* numa_cleanup_meminfo(): trim to RAM and max_pfn, then merge same-node
 * blocks whose hull does not cross another node. */
static int
numa_cleanup_meminfo(struct boot *b)
{
	struct numa_meminfo *mi = &b->mi;
	uint64_t high = PFN_PHYS(b->w->max_pfn);

	for (size_t i = 0; i < mi->nr; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		if (!memblock_overlaps(&MB(b)->memory, bi->start, bi->end - bi->start)) {
			numa_meminfo_remove(mi, i--);
			continue;
		}
		if (bi->end > high)
			bi->end = high;
		if (bi->start >= bi->end)
			numa_meminfo_remove(mi, i--);
	}
	for (size_t i = 0; i < mi->nr; i++) {
		for (size_t j = i + 1; j < mi->nr; j++) {
			struct numa_memblk *bi = &mi->blk[i], *bj = &mi->blk[j];
			uint64_t start, end;
			size_t k;

			if (bi->end > bj->start && bi->start < bj->end) {
				if (bi->nid != bj->nid) {
					klog_printf(LOG(b), KLOG_INFO,
						    "node %d [mem 0x%08llx-0x%08llx] overlaps with node %d [mem 0x%08llx-0x%08llx]",
						    bi->nid, (unsigned long long)bi->start,
						    (unsigned long long)(bi->end - 1), bj->nid,
						    (unsigned long long)bj->start, (unsigned long long)(bj->end - 1));
					return -1;
				}
				klog_printf(LOG(b), KLOG_INFO,
					    "Warning: node %d [mem 0x%08llx-0x%08llx] overlaps with itself [mem 0x%08llx-0x%08llx]",
					    bi->nid, (unsigned long long)bi->start,
					    (unsigned long long)(bi->end - 1), (unsigned long long)bj->start,
					    (unsigned long long)(bj->end - 1));
			}
			if (bi->nid != bj->nid)
				continue;
			start = bi->start < bj->start ? bi->start : bj->start;
			end = bi->end > bj->end ? bi->end : bj->end;
			for (k = 0; k < mi->nr; k++) {
				const struct numa_memblk *bk = &mi->blk[k];

				if (bk->nid != bi->nid && start < bk->end && end > bk->start)
					break;
			}
			if (k < mi->nr)
				continue;
			klog_printf(LOG(b), KLOG_INFO,
				    "NUMA: Node %d [mem 0x%08llx-0x%08llx] + [mem 0x%08llx-0x%08llx] -> [mem 0x%08llx-0x%08llx]",
				    bi->nid, (unsigned long long)bi->start, (unsigned long long)(bi->end - 1),
				    (unsigned long long)bj->start, (unsigned long long)(bj->end - 1),
				    (unsigned long long)start, (unsigned long long)(end - 1));
			bi->start = start;
			bi->end = end;
			numa_meminfo_remove(mi, j--);
			touch(b, start, end);
			step(b, "numa_cleanup_meminfo",
			     "Node %d's blocks merge into [0x%llx-0x%llx]: no other node lies in between.",
			     bi->nid, (unsigned long long)start, (unsigned long long)(end - 1));
		}
	}
	return 0;
}

/* Pages of [s, e) not covered by memblock memory of node nid (-1: any). */
static uint64_t
absent_pages_in_range(const struct memblock *mb, int nid, uint64_t s, uint64_t e)
{
	uint64_t absent = e - s;

	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t rs = PFN_UP(r->base), re = PFN_DOWN(r->base + r->size);

		if (rs >= re || (nid != NUMA_NO_NODE && r->nid != nid))
			continue;
		rs = rs < s ? s : (rs > e ? e : rs);
		re = re < s ? s : (re > e ? e : re);
		absent -= re - rs;
	}
	return absent;
}

static bool
numa_meminfo_cover_memory(struct boot *b)
{
	uint64_t numaram = 0, e820ram;
	const struct memblock *mb = MB(b);

	for (size_t i = 0; i < b->mi.nr; i++) {
		uint64_t s = b->mi.blk[i].start >> PAGE_SHIFT, e = b->mi.blk[i].end >> PAGE_SHIFT;

		numaram += e - s;
		numaram -= absent_pages_in_range(mb, b->mi.blk[i].nid, s, e);
		if ((int64_t)numaram < 0)
			numaram = 0;
	}
	e820ram = b->w->max_pfn - absent_pages_in_range(mb, NUMA_NO_NODE, 0, b->w->max_pfn);
	if ((int64_t)(e820ram - numaram) >= (1 << (20 - PAGE_SHIFT))) {
		klog_printf(LOG(b), KLOG_INFO, "NUMA: nodes only cover %lluMB of your %lluMB e820 RAM. Not used.",
			    (unsigned long long)(numaram >> 8), (unsigned long long)(e820ram >> 8));
		return false;
	}
	return true;
}

static void
numa_state_set_nodes(struct boot *b, int nr)
{
	struct numa_state *n = &b->w->numa;

	if (nr <= n->nr_node_ids)
		return;
	n->nodes = xrealloc(n->nodes, nr * sizeof(n->nodes[0]));
	for (int i = n->nr_node_ids; i < nr; i++)
		n->nodes[i] = (struct numa_node){ .pxm = -1 };
	n->nr_node_ids = nr;
}

static void
alloc_node_data(struct boot *b, int nid)
{
	uint64_t nd_size = align_up(b->m->build.pglist_data_size, PAGE_SIZE);
	uint64_t pa = memblock_phys_alloc_try_nid(MB(b), nd_size, SMP_CACHE_BYTES, nid);
	struct numa_node *node = &b->w->numa.nodes[nid];
	int ri;

	if (!pa) {
		klog_printf(LOG(b), KLOG_INFO, "Cannot find %llu bytes in any node (initial node: %d)",
			    (unsigned long long)nd_size, nid);
		step(b, "alloc_node_data", "No room for node %d's pg_data_t anywhere.", nid);
		return;
	}
	klog_printf(LOG(b), KLOG_INFO, "NODE_DATA(%d) allocated [mem 0x%08llx-0x%08llx]", nid,
		    (unsigned long long)pa, (unsigned long long)(pa + nd_size - 1));
	ri = memblock_search(&MB(b)->memory, pa);
	if (ri >= 0 && MB(b)->memory.regions[ri].nid != nid)
		klog_printf(LOG(b), KLOG_INFO, "    NODE_DATA(%d) on node %d", nid,
			    MB(b)->memory.regions[ri].nid);
	node->online = true;
	node->node_data = pa;
	node->node_data_size = nd_size;
	touch(b, pa, pa + nd_size);
	step(b, "alloc_node_data",
	     "Node %d's pg_data_t (%llu KiB) is allocated top-down inside the node: NODE_DATA(%d).",
	     nid, (unsigned long long)(nd_size >> 10), nid);
}

static int
numa_register_memblks(struct boot *b)
{
	struct numa_meminfo *mi = &b->mi;
	struct memblock *mb = MB(b);
	bool possible[MACHINE_MAX_NODES] = { false };
	bool reserved_node[MACHINE_MAX_NODES] = { false };
	int nr_ids = 0;

	for (int i = 0; i < b->max_numnodes && i < MACHINE_MAX_NODES; i++)
		possible[i] = b->nodes_parsed[i];
	for (size_t i = 0; i < mi->nr; i++)
		possible[mi->blk[i].nid] = true;
	for (size_t i = 0; i < mi->nr; i++)
		memblock_set_node(mb, mi->blk[i].start, mi->blk[i].end - mi->blk[i].start,
				  &mb->memory, mi->blk[i].nid);
	/* numa_clear_kernel_node_hotplug() */
	for (size_t i = 0; i < mi->nr; i++)
		memblock_set_node(mb, mi->blk[i].start, mi->blk[i].end - mi->blk[i].start,
				  &mb->reserved, mi->blk[i].nid);
	for (size_t i = 0; i < mb->reserved.cnt; i++) {
		int nid = mb->reserved.regions[i].nid;

		if (nid >= 0 && nid < MACHINE_MAX_NODES && nid != mb->max_numnodes)
			reserved_node[nid] = true;
	}
	for (size_t i = 0; i < mi->nr; i++)
		if (reserved_node[mi->blk[i].nid])
			memblock_clear_hotplug(mb, mi->blk[i].start, mi->blk[i].end - mi->blk[i].start);
	if (!numa_meminfo_cover_memory(b))
		return -1;

	for (int i = 0; i < MACHINE_MAX_NODES; i++)
		if (possible[i])
			nr_ids = i + 1;
	numa_state_set_nodes(b, nr_ids);
	for (int i = 0; i < nr_ids; i++) {
		b->w->numa.nodes[i].possible = possible[i];
		b->w->numa.nodes[i].pxm = i < b->nr_pxm_mapped ? b->pxm_to_node[i] : -1;
	}
	free(b->w->numa.meminfo.blk);
	b->w->numa.meminfo = *mi;
	b->w->numa.meminfo.blk = mi->nr ? xmemdup(mi->blk, mi->nr * sizeof(mi->blk[0])) : NULL;
	b->w->numa.meminfo.cap = mi->nr;
	step(b, "numa_register_memblks",
	     "memblock_set_node gives every memory and reserved region its node id (%zu blocks, %d possible nodes).",
	     mi->nr, nr_ids);

	for (int nid = 0; nid < nr_ids; nid++) {
		uint64_t start = PFN_PHYS(b->w->max_pfn), end = 0;

		if (!possible[nid])
			continue;
		for (size_t i = 0; i < mi->nr; i++) {
			if (mi->blk[i].nid != nid)
				continue;
			if (mi->blk[i].start < start)
				start = mi->blk[i].start;
			if (mi->blk[i].end > end)
				end = mi->blk[i].end;
		}
		if (start >= end || (end && end - start < NODE_MIN_SIZE)) {
			b->w->numa.nodes[nid].memoryless = true;
			continue;
		}
		alloc_node_data(b, nid);
	}
	memblock_dump_all(mb);
	return 0;
}

/* numa_init(fn): reset, run the discovery, clean up and register. */
static int
numa_try(struct boot *b, bool srat)
{
	struct memblock *mb = MB(b);

	b->mi.nr = 0;
	b->nr_pxm_mapped = 0;
	memset(b->nodes_parsed, 0, sizeof(b->nodes_parsed));
	memblock_set_node(mb, 0, UINT64_MAX, &mb->memory, mb->max_numnodes);
	memblock_set_node(mb, 0, UINT64_MAX, &mb->reserved, mb->max_numnodes);
	memblock_clear_hotplug(mb, 0, UINT64_MAX);
	if (srat) {
		if (srat_parse(b))
			return -1;
	} else {
		dummy_numa_init(b);
	}
	memblock_set_bottom_up(mb, false);
	if (numa_cleanup_meminfo(b))
		return -1;
	return numa_register_memblks(b);
}

/* x86_32 initmem_init(): where lowmem ends and HighMem starts. */
static void
highmem_split(struct boot *b)
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

static void
initmem_init(struct boot *b)
{
	if (!b->m->build.numa) {
		/* !CONFIG_NUMA: everything is node 0, no lines, static pgdat */
		struct memblock *mb = MB(b);

		memblock_set_node(mb, 0, UINT64_MAX, &mb->memory, 0);
		numa_state_set_nodes(b, 1);
		b->w->numa.nodes[0] = (struct numa_node){ .possible = true, .online = true, .pxm = -1 };
		b->w->numa.done = true;
		step(b, "initmem_init", "Without CONFIG_NUMA all memory is node 0.");
		return;
	}
	if (!b->opts.numa_off && b->m->has_srat && numa_try(b, true) == 0) {
		b->w->numa.done = true;
		return;
	}
	b->w->numa.faked = true;
	numa_try(b, false);
	b->w->numa.done = true;
}

/* ------------------------------------------------------------ sparse */

static uint64_t
section_shift(const struct boot *b)
{
	return b->m->build.section_size_bits - PAGE_SHIFT;
}

static uint64_t
section_map_size(const struct boot *b)
{
	uint64_t bytes = (uint64_t)b->m->build.struct_page_size << section_shift(b);

	if (b->m->build.model == MEM_MODEL_SPARSEMEM_VMEMMAP)
		return align_up(bytes, PMD_SIZE);
	return align_up(bytes, PAGE_SIZE);
}

/* memblocks_present(): mark the sections that hold memory, with roots. */
static void
memblocks_present(struct boot *b)
{
	struct sparse_state *s = &b->w->sparse;
	const struct machine_build *bd = &b->m->build;
	struct memblock *mb = MB(b);
	uint64_t per_root = 4096 / bd->mem_section_size;
	uint64_t nr_sections = 1ull << (bd->max_physmem_bits - bd->section_size_bits);
	uint64_t nr_roots = (nr_sections + per_root - 1) / per_root;
	uint64_t sshift = section_shift(b);

	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t start = PFN_UP(r->base), end = PFN_DOWN(r->base + r->size);
		uint64_t first, last, nr;

		if (start >= end)
			continue;
		if (!s->root_array) {
			s->root_array_size = 8 * nr_roots;
			s->root_array = memblock_alloc_virt(mb, "memblock_alloc_try_nid", s->root_array_size,
							    1u << bd->internode_cache_shift, 0, 0,
							    NUMA_NO_NODE, false, "sparse_init");
			touch(b, s->root_array, s->root_array + s->root_array_size);
		}
		first = start >> sshift;
		last = (end - 1) >> sshift;
		for (uint64_t root = first / per_root; root <= last / per_root; root++) {
			size_t k = 0;
			uint64_t pa;

			while (k < s->nr_roots && s->roots[k].index < root)
				k++;
			if (k < s->nr_roots && s->roots[k].index == root)
				continue;
			pa = memblock_alloc_virt(mb, "memblock_alloc_try_nid", 4096, SMP_CACHE_BYTES, 0, 0,
						 r->nid, false, "sparse_index_alloc");
			xgrow((void **)&s->roots, &s->cap_roots, s->nr_roots + 1, sizeof(s->roots[0]));
			memmove(&s->roots[k + 1], &s->roots[k], (s->nr_roots - k) * sizeof(s->roots[0]));
			s->roots[k] = (struct section_root){ root, pa };
			s->nr_roots++;
			touch(b, pa, pa + 4096);
		}
		/* the first node to touch a section keeps it */
		for (uint64_t sec = first; sec <= last; sec += nr) {
			const struct section_run *run = sparse_find(s, sec);

			nr = 1;
			if (run) {
				nr = run->first + run->nr - sec;
				continue;
			}
			while (sec + nr <= last && !sparse_find(s, sec + nr))
				nr++;
			sparse_set_range(s, &(struct section_run){
				.first = sec, .nr = nr, .nid = r->nid,
				.flags = SECTION_MARKED_PRESENT | SECTION_IS_ONLINE });
			s->nr_present += nr;
		}
		touch(b, PFN_PHYS(first << sshift), PFN_PHYS((last + 1) << sshift));
		step(b, "memory_present",
		     "Sections %llu-%llu (pfn 0x%llx-0x%llx) are marked present for node %d.",
		     (unsigned long long)first, (unsigned long long)last,
		     (unsigned long long)start, (unsigned long long)(end - 1), r->nid);
	}
}

/* Is idx in the sorted set? If not, add it and return false. */
static bool
index_set_test_and_add(uint64_t **set, size_t *nr, size_t *cap, uint64_t idx)
{
	size_t lo = 0, hi = *nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((*set)[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < *nr && (*set)[lo] == idx)
		return true;
	xgrow((void **)set, cap, *nr + 1, sizeof(**set));
	memmove(*set + lo + 1, *set + lo, (*nr - lo) * sizeof(**set));
	(*set)[lo] = idx;
	(*nr)++;
	return false;
}

static void
vmemmap_table_page(struct boot *b, int nid)
{
	uint64_t pa = memblock_alloc_virt(MB(b), "memblock_alloc_try_nid_raw", PAGE_SIZE, PAGE_SIZE,
					  MAX_DMA_ADDRESS, 0, nid, false,
					  "vmemmap_alloc_block_zero.constprop.0");

	touch(b, pa, pa ? pa + PAGE_SIZE : 0);
	if (pa)
		b->w->sparse.vmemmap_tables++;
}

/*
 * vmemmap_populate() for sections [first, end): the PUD table page (one
 * per 512 GiB of vmemmap VA) and PMD table page (one per 1 GiB) each new
 * stretch of struct pages needs, in the order the sections are populated.
 * vmemmap_base is taken 512 GiB aligned.
 */
static void
vmemmap_tables(struct boot *b, uint64_t first, uint64_t end, int nid)
{
	uint64_t bytes = (uint64_t)b->m->build.struct_page_size << section_shift(b);
	const uint64_t pud_span = 1ull << 39, pmd_span = 1ull << 30;
	uint64_t va = first * bytes, va_end = end * bytes;

	for (uint64_t a = va; a < va_end; a = align_down(a, pmd_span) + pmd_span) {
		if (!index_set_test_and_add(&b->pud_pages, &b->nr_pud_pages, &b->cap_pud_pages,
					    a / pud_span))
			vmemmap_table_page(b, nid);
		if (!index_set_test_and_add(&b->pmd_pages, &b->nr_pmd_pages, &b->cap_pmd_pages,
					    a / pmd_span))
			vmemmap_table_page(b, nid);
	}
}

/* The physical address of NODE_DATA(nid), for placing usemaps. */
static uint64_t
pgdat_phys(const struct boot *b, int nid)
{
	const struct numa_state *n = &b->w->numa;

	if (b->m->build.numa && nid < n->nr_node_ids && n->nodes[nid].node_data)
		return n->nodes[nid].node_data;
	return b->m->kernel.text;	/* contig_page_data lives in the kernel */
}

static uint64_t
usemap_alloc(struct boot *b, int nid, uint64_t size)
{
	struct memblock *mb = MB(b);
	uint64_t goal, limit, pa;
	int rnid;

	if (!b->m->build.memory_hotremove)
		return memblock_alloc_virt(mb, "memblock_alloc_try_nid", size, SMP_CACHE_BYTES, 0, 0,
					   nid, false, "sparse_init_nid");
	goal = pgdat_phys(b, nid) & ~((1ull << b->m->build.section_size_bits) - 1);
	limit = goal + (1ull << b->m->build.section_size_bits);
	rnid = memblock_search(&mb->memory, goal);
	rnid = rnid >= 0 ? mb->memory.regions[rnid].nid : nid;
	pa = memblock_alloc_virt(mb, "memblock_alloc_try_nid", size, SMP_CACHE_BYTES, goal, limit,
				 rnid, false, "sparse_init_nid");
	if (!pa)
		pa = memblock_alloc_virt(mb, "memblock_alloc_try_nid", size, SMP_CACHE_BYTES, goal, 0,
					 rnid, false, "sparse_init_nid");
	return pa;
}

/* sparse_init_nid(): usemaps and memmaps for a run of present sections
 * [pbegin, pend) of one node holding count present sections. */
static void
sparse_init_nid(struct boot *b, int nid, uint64_t pbegin, uint64_t pend, uint64_t count)
{
	struct sparse_state *s = &b->w->sparse;
	struct memblock *mb = MB(b);
	const bool vmemmap = b->m->build.model == MEM_MODEL_SPARSEMEM_VMEMMAP;
	uint64_t usize = b->m->build.usemap_size, msize = section_map_size(b);
	uint64_t usage, buf, buf_end, pos;
	uint64_t sec_bytes = 1ull << b->m->build.section_size_bits;

	usage = usemap_alloc(b, nid, usize * count);
	if (!usage) {
		klog_printf(LOG(b), KLOG_INFO, "%s: node[%d] usemap allocation failed", "sparse_init_nid", nid);
		sparse_set_range(s, &(struct section_run){ .first = pbegin, .nr = pend - pbegin,
							   .nid = nid, .flags = 0 });
		step(b, "sparse_init_nid", "No room for node %d's usemaps: its sections are dropped.", nid);
		return;
	}
	touch(b, usage, usage + usize * count);
	buf = memblock_alloc_virt(mb, "memblock_alloc_exact_nid_raw", count * msize, msize,
				  MAX_DMA_ADDRESS, 0, nid, true, "sparse_init_nid");
	buf_end = buf ? buf + count * msize : 0;
	touch(b, buf, buf_end);
	pos = buf;
	/* present sections come in runs; with the buffer each run's memmaps
	 * are consecutive 'msize' slices of it, so a run is set at once */
	for (size_t i = 0; i < s->nr_runs && s->runs[i].first < pend;) {
		struct section_run one = s->runs[i];
		uint64_t sec = one.first > pbegin ? one.first : pbegin, nr;

		if (one.first + one.nr <= pbegin || !(one.flags & SECTION_MARKED_PRESENT) ||
		    one.nid != nid || (one.flags & SECTION_HAS_MEM_MAP)) {
			i++;
			continue;
		}
		nr = (one.first + one.nr < pend ? one.first + one.nr : pend) - sec;
		if (buf) {
			nr = nr < (buf_end - pos) / msize ? nr : (buf_end - pos) / msize;
		} else {
			nr = 1;
		}
		if (vmemmap)
			vmemmap_tables(b, sec, sec + (nr ? nr : 1), nid);
		if (nr && buf) {
			one.memmap = pos;
			pos += nr * msize;
		} else {
			/* no buffer: each section's memmap on its own */
			nr = 1;
			one.memmap = memblock_alloc_virt(mb, "memblock_alloc_try_nid_raw", msize, msize,
							 MAX_DMA_ADDRESS, 0, nid, false,
							 vmemmap ? "vmemmap_alloc_block" : "__populate_section_memmap");
			if (!one.memmap) {
				klog_printf(LOG(b), KLOG_INFO,
					    "%s: node[%d] memory map backing failed. Some memory will not be available.",
					    "sparse_init_nid", nid);
				sparse_set_range(s, &(struct section_run){ .first = sec, .nr = pend - sec,
									   .nid = nid, .flags = 0 });
				break;
			}
		}
		touch(b, one.memmap, one.memmap + nr * msize);
		one.first = sec;
		one.nr = nr;
		one.flags |= SECTION_HAS_MEM_MAP | SECTION_IS_EARLY;
		one.memmap_stride = msize;
		one.usemap = usage;
		one.usemap_stride = usize;
		usage += nr * usize;
		sparse_set_range(s, &one);
		/* the table changed under us: find the first run past sec */
		i = sparse_index_after(s, sec + nr);
	}
	/* sparse_buffer_fini(): what the sections did not use goes back */
	if (buf && pos < buf_end)
		memblock_phys_free(mb, pos, buf_end - pos, "sparse_buffer_fini");
	touch(b, sec_bytes * pbegin, sec_bytes * pend);
	step(b, "sparse_init_nid",
	     "Node %d: usemaps for %llu sections near NODE_DATA, and one %llu MiB block for their memmap (%llu KiB of struct page per section).",
	     nid, (unsigned long long)count, (unsigned long long)((count * msize) >> 20),
	     (unsigned long long)(msize >> 10));
}

struct nid_run {
	int nid;
	uint64_t begin, end, count;
};

static void
sparse_init(struct boot *b)
{
	const struct sparse_state *s = &b->w->sparse;
	struct nid_run *runs = NULL;
	size_t nr = 0, cap = 0;

	if (b->m->build.model == MEM_MODEL_FLATMEM)
		return;
	memblocks_present(b);
	/* each maximal run of present sections with one early nid goes to
	 * sparse_init_nid; collect them first, as it rewrites the table */
	for (size_t i = 0; i < s->nr_runs; i++) {
		const struct section_run *r = &s->runs[i];

		if (!(r->flags & SECTION_MARKED_PRESENT))
			continue;
		if (!nr || runs[nr - 1].nid != r->nid) {
			xgrow((void **)&runs, &cap, nr + 1, sizeof(*runs));
			runs[nr++] = (struct nid_run){ r->nid, r->first, r->first, 0 };
		}
		runs[nr - 1].end = r->first + r->nr;
		runs[nr - 1].count += r->nr;
	}
	for (size_t i = 0; i < nr; i++)
		sparse_init_nid(b, runs[i].nid, runs[i].begin, runs[i].end, runs[i].count);
	free(runs);
}

/* ------------------------------------------------------------ zones */

static bool
zone_configured(const struct boot *b, int z)
{
	const struct machine_build *bd = &b->m->build;

	switch (z) {
	case ZONE_DMA:		return bd->zone_dma;
	case ZONE_DMA32:	return bd->zone_dma32 && !bd->x86_32;
	case ZONE_NORMAL:	return true;
	case ZONE_HIGHMEM:	return bd->x86_32;
	case ZONE_MOVABLE:	return true;
	case ZONE_DEVICE:	return bd->zone_device;
	default:		return false;
	}
}

/* Node pfn span from its memblock regions (get_pfn_range_for_nid). */
static void
node_pfn_range(const struct memblock *mb, int nid, uint64_t *start, uint64_t *end)
{
	*start = UINT64_MAX;
	*end = 0;
	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t s = PFN_UP(r->base), e = PFN_DOWN(r->base + r->size);

		if (s >= e || r->nid != nid)
			continue;
		if (s < *start)
			*start = s;
		if (e > *end)
			*end = e;
	}
	if (*start == UINT64_MAX)
		*start = 0;
}

static uint64_t
calc_memmap_size(const struct boot *b, uint64_t spanned, uint64_t present)
{
	uint64_t pages = spanned;

	if (spanned > present + (present >> 4) && b->m->build.model != MEM_MODEL_FLATMEM)
		pages = present;
	return align_up(pages * b->m->build.struct_page_size, PAGE_SIZE) >> PAGE_SHIFT;
}

/* memblock_find_dma_reserve(): memory pages below 16 MiB not free now. */
static void
find_dma_reserve(struct boot *b)
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

static void
zone_ranges(struct boot *b)
{
	struct zone_state *z = &b->w->zones;
	const struct memblock *mb = MB(b);
	uint64_t max_zone_pfn[MAX_NR_ZONES] = { 0 };
	uint64_t start_pfn = PFN_DOWN(memblock_start_of_dram(mb));

	if (b->m->build.x86_32) {
		max_zone_pfn[ZONE_DMA] = MAX_DMA_PFN;
		max_zone_pfn[ZONE_NORMAL] = b->w->max_low_pfn;
		max_zone_pfn[ZONE_HIGHMEM] = b->w->max_pfn;
	} else {
		max_zone_pfn[ZONE_DMA] = b->w->max_low_pfn < MAX_DMA_PFN ? b->w->max_low_pfn : MAX_DMA_PFN;
		max_zone_pfn[ZONE_DMA32] = b->w->max_low_pfn < MAX_DMA32_PFN ? b->w->max_low_pfn : MAX_DMA32_PFN;
		max_zone_pfn[ZONE_NORMAL] = b->w->max_low_pfn;
	}
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		uint64_t end;

		if (i == ZONE_MOVABLE || !zone_configured(b, i))
			continue;
		end = max_zone_pfn[i] > start_pfn ? max_zone_pfn[i] : start_pfn;
		z->zone_low[i] = start_pfn;
		z->zone_high[i] = end;
		start_pfn = end;
	}
	z->ranges_set = true;
	klog_printf(LOG(b), KLOG_INFO, "Zone ranges:");
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE || !zone_configured(b, i))
			continue;
		if (z->zone_low[i] == z->zone_high[i])
			klog_printf(LOG(b), KLOG_INFO, "  %-8s empty", zone_name(i));
		else
			klog_printf(LOG(b), KLOG_INFO, "  %-8s [mem 0x%016llx-0x%016llx]", zone_name(i),
				    (unsigned long long)PFN_PHYS(z->zone_low[i]),
				    (unsigned long long)(PFN_PHYS(z->zone_high[i]) - 1));
		touch(b, PFN_PHYS(z->zone_low[i]), PFN_PHYS(z->zone_high[i]));
	}
	klog_printf(LOG(b), KLOG_INFO, "Movable zone start for each node");
	step(b, "free_area_init",
	     "Zone boundaries are fixed: DMA below 16 MiB, DMA32 below 4 GiB, Normal above; each zone starts where the previous one ends.");
	klog_printf(LOG(b), KLOG_INFO, "Early memory node ranges");
	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t s = PFN_UP(r->base), e = PFN_DOWN(r->base + r->size);

		if (s >= e)
			continue;
		klog_printf(LOG(b), KLOG_INFO, "  node %3d: [mem 0x%016llx-0x%016llx]", r->nid,
			    (unsigned long long)PFN_PHYS(s), (unsigned long long)(PFN_PHYS(e) - 1));
		touch(b, PFN_PHYS(s), PFN_PHYS(e));
	}
	step(b, "free_area_init", "Each memblock memory range, with its node, is what the zones will hold.");
}

static void
node_totals(struct boot *b, int nid, uint64_t node_start, uint64_t node_end)
{
	struct zone_state *z = &b->w->zones;
	struct pgdat_info *pg = &z->nodes[nid];
	const struct memblock *mb = MB(b);

	pg->initialised = true;
	pg->start_pfn = node_start;
	pg->end_pfn = node_end;
	pg->first_deferred_pfn = UINT64_MAX;
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone_info *zi = &pg->zones[j];
		uint64_t lo = z->zone_low[j], hi = z->zone_high[j];
		uint64_t zs, ze, spanned = 0, absent = 0, freesize, memmap_pages;

		zi->configured = zone_configured(b, j);
		if (node_start || node_end) {
			zs = node_start < lo ? lo : (node_start > hi ? hi : node_start);
			ze = node_end < lo ? lo : (node_end > hi ? hi : node_end);
			if (!(ze < node_start || zs > node_end)) {
				ze = ze < node_end ? ze : node_end;
				zs = zs > node_start ? zs : node_start;
				spanned = ze - zs;
				absent = absent_pages_in_range(mb, nid, zs, ze);
			}
			zi->start_pfn = spanned ? zs : 0;
		}
		zi->spanned = spanned;
		zi->present = spanned - absent;
		pg->present += zi->present;

		/* free_area_init_core(): the managed-pages estimate */
		freesize = zi->present;
		memmap_pages = calc_memmap_size(b, spanned, zi->present);
		if (j != ZONE_HIGHMEM) {
			if (freesize >= memmap_pages)
				freesize -= memmap_pages;
			else
				klog_printf(LOG(b), KLOG_INFO, "  %s zone: %llu memmap pages exceeds freesize %llu",
					    zone_name(j), (unsigned long long)memmap_pages,
					    (unsigned long long)freesize);
		}
		if (j == 0 && freesize > z->dma_reserve)
			freesize -= z->dma_reserve;
		if (j != ZONE_HIGHMEM)
			z->nr_kernel_pages += freesize;
		else if (z->nr_kernel_pages > memmap_pages * 2)
			z->nr_kernel_pages -= memmap_pages;
		z->nr_all_pages += freesize;
		zi->managed_estimate = freesize;
	}
}

static void unavailable_before_5_10(struct boot *b);

static void
free_area_init_nodes(struct boot *b)
{
	struct zone_state *z = &b->w->zones;
	const struct numa_state *n = &b->w->numa;
	int nr = n->nr_node_ids ? n->nr_node_ids : 1;

	z->nodes = xcalloc(nr, sizeof(z->nodes[0]));
	z->nr_nodes = nr;
	if (b->prof.unavailable == UNAVAIL_ZEROED || b->prof.unavailable == UNAVAIL_RESERVED)
		unavailable_before_5_10(b);
	for (int nid = 0; nid < nr; nid++) {
		uint64_t s, e;

		if (n->nr_node_ids && !n->nodes[nid].possible)
			continue;
		/* before 5.18 only online nodes were set up here */
		if (b->m->build.numa && n->nr_node_ids && !n->nodes[nid].online &&
		    !b->prof.memoryless_lines)
			continue;
		if (b->m->build.numa && n->nr_node_ids && !n->nodes[nid].online) {
			uint64_t pa;

			klog_printf(LOG(b), KLOG_INFO, "Initializing node %d as memoryless", nid);
			pa = memblock_alloc_virt(MB(b), "memblock_alloc_try_nid", b->m->build.pglist_data_size,
						 SMP_CACHE_BYTES, 0, 0, NUMA_NO_NODE, false, "free_area_init");
			touch(b, pa, pa + b->m->build.pglist_data_size);
			z->nodes[nid].memoryless = true;
		}
		node_pfn_range(MB(b), nid, &s, &e);
		if (s != e)
			klog_printf(LOG(b), KLOG_INFO, "Initmem setup node %d [mem 0x%016llx-0x%016llx]", nid,
				    (unsigned long long)PFN_PHYS(s),
				    (unsigned long long)(e ? PFN_PHYS(e) - 1 : 0));
		else
			klog_printf(LOG(b), KLOG_INFO, "Initmem setup node %d as memoryless", nid);
		node_totals(b, nid, s, e);
		touch(b, PFN_PHYS(s), PFN_PHYS(e));
		step(b, "free_area_init_node",
		     s != e ? "Node %d spans pfn 0x%llx-0x%llx: %llu pages present."
			    : "Node %d has CPUs but no memory%.0llx%.0llx%.0llu.",
		     nid, (unsigned long long)s, (unsigned long long)e,
		     (unsigned long long)z->nodes[nid].present);
	}
}

/* Does the section of pfn hold memory (an early section with a memmap)? */
static bool
early_pfn_valid(const struct boot *b, uint64_t pfn)
{
	const struct section_run *r;

	if (b->m->build.model == MEM_MODEL_FLATMEM)
		return pfn < b->w->max_pfn;	/* mem_map covers [0, max_pfn) */
	r = sparse_find(&b->w->sparse, pfn >> section_shift(b));
	return r && (r->flags & SECTION_HAS_MEM_MAP);
}

/* init_unavailable_range(): count pfns whose pageblock start is valid. */
/* memmap_init_range()'s deferral: in the zone that ends the node, only
 * the first section's worth of pages (and up to a section boundary) is
 * initialised now; the rest waits for deferred_init_memmap. */
struct defer_ctx {
	uint64_t prev_end_pfn;
	uint64_t nr_initialised;
};

static void
defer_init_range(struct boot *b, struct defer_ctx *d, int nid, uint64_t start, uint64_t end,
		 uint64_t zone_end)
{
	struct pgdat_info *pg = &b->w->zones.nodes[nid];
	uint64_t sec = 1ull << section_shift(b), pfn;

	if (!b->m->build.deferred_struct_page_init)
		return;
	if (d->prev_end_pfn != zone_end) {
		d->prev_end_pfn = zone_end;
		d->nr_initialised = 0;
	}
	if (zone_end < pg->end_pfn || pg->first_deferred_pfn != UINT64_MAX)
		return;
	/* the first pfn p with count > sec and p section aligned, where the
	 * count increments once per pfn from start */
	pfn = start + (sec > d->nr_initialised ? sec - d->nr_initialised : 0);
	pfn = align_up(pfn, sec);
	if (pfn < end) {
		pg->first_deferred_pfn = pfn;
		d->nr_initialised += pfn - start + 1;
	} else {
		d->nr_initialised += end - start;
	}
}

/* Count the pfns of [spfn, epfn) whose pageblock start has a memmap. */
static uint64_t
count_valid_pfns(const struct boot *b, uint64_t spfn, uint64_t epfn)
{
	uint64_t pb = 1ull << b->m->build.pageblock_order;
	uint64_t sec = 1ull << section_shift(b), cnt = 0;

	/* pfn_valid is constant over a section and pageblocks divide
	 * sections, so count whole sections at a time */
	for (uint64_t pfn = spfn; pfn < epfn;) {
		uint64_t next = align_down(pfn, sec) + sec;

		if (next > epfn)
			next = epfn;
		if (early_pfn_valid(b, align_down(pfn, pb)))
			cnt += next - pfn;
		pfn = next;
	}
	return cnt;
}

static void
init_unavailable_range(struct boot *b, uint64_t spfn, uint64_t epfn, int zone, int nid)
{
	uint64_t cnt = count_valid_pfns(b, spfn, epfn);

	if (cnt)
		klog_printf(LOG(b), KLOG_INFO, "On node %d, zone %s: %llu pages in unavailable ranges",
			    nid, zone_name(zone), (unsigned long long)cnt);
}

/*
 * Kernels 5.3-5.9 (init_unavailable_mem): every pfn between memblock
 * memory ranges (rounded outward) and after the last one up to max_pfn.
 * Kernels 4.15-5.2 (zero_resv_unavail): the pfns of reserved ranges that
 * are not memory. One line for the whole machine, before Initmem setup.
 */
static void
unavailable_before_5_10(struct boot *b)
{
	const struct memblock *mb = MB(b);
	uint64_t cnt = 0, next = 0, idx = 0, s, e;

	if (b->prof.unavailable == UNAVAIL_ZEROED) {
		for (size_t i = 0; i < mb->memory.cnt && !memblock_type_empty(&mb->memory); i++) {
			const struct memblock_region *r = &mb->memory.regions[i];

			if (next < r->base)
				cnt += count_valid_pfns(b, PFN_DOWN(next), PFN_UP(r->base));
			next = r->base + r->size;
		}
		/* up to the end of the last section: an early section's memmap
		 * is all there, holes at its end included */
		cnt += count_valid_pfns(b, PFN_DOWN(next),
					b->m->build.model == MEM_MODEL_FLATMEM ? b->w->max_pfn :
					align_up(b->w->max_pfn, 1ull << section_shift(b)));
		if (cnt)
			klog_printf(LOG(b), KLOG_INFO, "Zeroed struct page in unavailable ranges: %llu pages",
				    (unsigned long long)cnt);
		return;
	}
	/* reserved minus memory: the free-range walk with the roles swapped */
	while (memblock_next_reserved_unavail(mb, &idx, &s, &e))
		cnt += count_valid_pfns(b, PFN_DOWN(s), PFN_UP(e));
	if (cnt)
		klog_printf(LOG(b), KLOG_INFO, "Reserved but unavailable: %llu pages",
			    (unsigned long long)cnt);
}

static void
memmap_init(struct boot *b)
{
	const struct memblock *mb = MB(b);
	const struct zone_state *z = &b->w->zones;
	uint64_t hole = 0, end = 0;
	int last_zone = 0, nid = 0;
	struct defer_ctx d = { 0, 0 };

	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t s = PFN_UP(r->base), e = PFN_DOWN(r->base + r->size);

		/* memory no node claimed (a gap under the 1 MiB slack of the
		 * coverage check, or a failed memblock_set_node) has no pgdat */
		if (s >= e || r->nid < 0 || r->nid >= z->nr_nodes)
			continue;
		end = e;
		nid = r->nid;
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			const struct zone_info *zi = &z->nodes[nid].zones[j];
			uint64_t zs = zi->start_pfn, ze = zi->start_pfn + zi->spanned;
			uint64_t cs, ce;

			if (!zi->present)
				continue;
			cs = s < zs ? zs : (s > ze ? ze : s);
			ce = end < zs ? zs : (end > ze ? ze : end);
			last_zone = j;
			if (cs >= ce)
				continue;
			defer_init_range(b, &d, nid, cs, ce, ze);
			if (hole < cs && b->prof.unavailable == UNAVAIL_PER_ZONE)
				init_unavailable_range(b, hole, cs, j, nid);
			hole = ce;
		}
	}
	if (b->prof.unavailable != UNAVAIL_PER_ZONE)
		goto done;
	if (b->m->build.model != MEM_MODEL_FLATMEM)
		end = align_up(end, 1ull << section_shift(b));
	if (hole < end)
		init_unavailable_range(b, hole, end, last_zone, nid);
done:
	step(b, "memmap_init",
	     "struct pages are initialised for every memory range; holes inside present sections become reserved pages (\"unavailable ranges\").");
}

/*
 * Before 5.18, nodes with CPUs but no memory were not set up by
 * free_area_init(); init_cpu_to_node() gave them a NODE_DATA (from any
 * node) and an empty Initmem setup later in setup_arch.
 */
static void
init_memory_less_nodes(struct boot *b)
{
	struct numa_state *n = &b->w->numa;
	struct zone_state *z = &b->w->zones;

	if (b->prof.memoryless_lines || !b->m->build.numa)
		return;
	for (int nid = 0; nid < n->nr_node_ids && nid < z->nr_nodes; nid++) {
		if (!n->nodes[nid].possible || n->nodes[nid].online)
			continue;
		alloc_node_data(b, nid);
		klog_printf(LOG(b), KLOG_INFO,
			    "Initmem setup node %d [mem 0x0000000000000000-0x0000000000000000]", nid);
		node_totals(b, nid, 0, 0);
		z->nodes[nid].memoryless = true;
		step(b, "init_memory_less_node",
		     "Node %d has CPUs but no memory: it gets a pg_data_t from another node and empty zones.",
		     nid);
	}
}

/* node_distance() without a SLIT, which machine files do not carry */
static int
node_distance(int a, int b)
{
	return a == b ? 10 : 20;
}

/*
 * build_zonelists()' fallback order for every node, printed from 5.16:
 * the node itself, then the nodes with memory, nearest first, a node
 * numbered below the local one counting one further, ties going to the
 * least loaded and then the lowest number. Each first node of a new
 * distance gets one more load, so that equal nodes take turns across the
 * zonelists. (No CPU is in a node's cpumask yet when start_kernel builds
 * them, so the preference for nodes without CPUs plays no part.)
 */
static void
print_fallback_order(struct boot *b)
{
	const struct zone_state *z = &b->w->zones;
	int n = z->nr_nodes;
	int *load = xcalloc((size_t)n, sizeof(*load));
	bool *used = xcalloc((size_t)n, sizeof(*used));

	for (int local = 0; local < n; local++) {
		char line[512];
		size_t len;
		int prev = local;

		if (!z->nodes[local].initialised)
			continue;
		len = (size_t)snprintf(line, sizeof(line), "Fallback order for Node %d: ", local);
		memset(used, 0, (size_t)n * sizeof(*used));
		for (;;) {
			int best = -1;
			long min_val = LONG_MAX;

			if (!used[local]) {
				best = local;
			} else {
				for (int c = 0; c < n; c++) {
					long val;

					if (used[c] || !z->nodes[c].initialised || !z->nodes[c].present)
						continue;
					val = node_distance(local, c) + (c < local);
					val = val * b->max_numnodes + load[c];
					if (val < min_val) {
						min_val = val;
						best = c;
					}
				}
			}
			if (best < 0)
				break;
			used[best] = true;
			if (node_distance(local, best) != node_distance(local, prev))
				load[best]++;
			prev = best;
			if (len < sizeof(line))
				len += (size_t)snprintf(line + len, sizeof(line) - len, "%d ", best);
		}
		klog_printf(LOG(b), KLOG_INFO, "%s", line);
	}
	free(load);
	free(used);
}

static void
build_all_zonelists(struct boot *b)
{
	struct zone_state *z = &b->w->zones;
	uint64_t total = 0;
	int online = 0, policy = 0;

	for (int nid = 0; nid < z->nr_nodes; nid++) {
		if (!z->nodes[nid].initialised)
			continue;
		/* init_cpu_to_node() brings CPU-only nodes online too */
		online++;
		for (int j = 0; j <= ZONE_MOVABLE; j++) {
			const struct zone_info *zi = &z->nodes[nid].zones[j];

			if (!zi->present)
				continue;
			total += zi->managed_estimate;
			if (j > policy && j != ZONE_MOVABLE)
				policy = j;
		}
	}
	z->total_pages = total;
	if (b->m->build.numa && b->prof.fallback_order)
		print_fallback_order(b);
	klog_printf(LOG(b), KLOG_INFO, "Built %d zonelists%s, mobility grouping %s.  Total pages: %lld",
		    online, b->prof.zonelist_order ? (b->m->build.numa ? " in Node order" : " in Zone order") : "",
		    total < ((uint64_t)b->m->build.migrate_types << b->m->build.pageblock_order) ? "off" : "on",
		    (long long)total);
	if (b->m->build.numa)
		klog_printf(LOG(b), KLOG_INFO, "Policy zone: %s", zone_name(policy));
	step(b, "build_all_zonelists",
	     "The zonelists are built; \"Total pages\" is the sum of every zone's estimate of managed pages (present minus memmap and DMA reserve).");
}

/* alloc_large_system_hash() for the dentry and inode caches, which are
 * allocated from memblock only when there is a single memory node. */
static void
large_system_hash(struct boot *b, const char *name, unsigned scale)
{
	const struct zone_state *z = &b->w->zones;
	const uint64_t bucket = 8;
	uint64_t n = align_up(z->nr_kernel_pages, 256), max, size, pa;
	unsigned log2qty = 0;

	/* 64-bit kernels give big machines relatively smaller tables */
	for (uint64_t adapt = (64ull << 30) >> PAGE_SHIFT; !b->m->build.x86_32 && adapt < n; adapt <<= 2)
		scale++;
	n = scale > PAGE_SHIFT ? n >> (scale - PAGE_SHIFT) : n << (PAGE_SHIFT - scale);
	if (n * bucket < PAGE_SIZE)
		n = PAGE_SIZE / bucket;
	while ((1ull << log2qty) < n)
		log2qty++;
	max = ((z->nr_all_pages << PAGE_SHIFT) >> 4) / bucket;
	if (max > 0x80000000ull)
		max = 0x80000000ull;
	if ((1ull << log2qty) > max)
		while (log2qty && (1ull << log2qty) > max)
			log2qty--;
	do {
		size = bucket << log2qty;
		pa = memblock_alloc_virt(MB(b), "memblock_alloc_try_nid", size, SMP_CACHE_BYTES, 0, 0,
					 NUMA_NO_NODE, false, "alloc_large_system_hash");
	} while (!pa && size > PAGE_SIZE && --log2qty);
	if (!pa)
		return;
	klog_printf(LOG(b), KLOG_INFO, "%s hash table entries: %llu (order: %d, %llu bytes, linear)",
		    name, 1ull << log2qty, (int)(63 - __builtin_clzll(size)) - PAGE_SHIFT,
		    (unsigned long long)size);
	touch(b, pa, pa + size);
	step(b, "alloc_large_system_hash",
	     "The %s hash table (%llu KiB) comes from memblock: with one memory node it is allocated before the buddy allocator exists.",
	     name, (unsigned long long)(size >> 10));
}

/* ------------------------------------------------------------ buddy */

/* What releasing one free range did, for the narration. */
struct release {
	uint64_t pages;		/* pages counted into totalram */
	uint64_t freed;		/* of those, freed into the buddy now */
	unsigned max_order;	/* largest block freed */
	bool merged;		/* joined a free neighbour: buddies merged */
};

/* Does [s, e) touch a range already free in the zone? */
static bool
touches_free(const struct buddy_state *bs, int nid, int zone, uint64_t s, uint64_t e)
{
	const struct buddy_zone *z = buddy_zone_find(bs, nid, zone);

	for (size_t i = 0; z && i < z->nr_free_ranges; i++)
		if (z->free[i].end == s || z->free[i].start == e)
			return true;
	return false;
}

/* Free pfns [cs, ce) of a zone, touching each block run in order. */
static void
release_blocks(struct boot *b, int nid, int zone, uint64_t cs, uint64_t ce, struct release *rel)
{
	struct buddy_state *bs = &b->w->buddy;

	rel->merged |= touches_free(bs, nid, zone, cs, ce);
	buddy_free_range(bs, nid, zone, cs, ce);
	buddy_zone_get(bs, nid, zone)->managed += ce - cs;
	bs->nr_free_pages += ce - cs;
	rel->freed += ce - cs;
	for (uint64_t p = cs; p < ce;) {
		unsigned o = bs->max_order - 1;
		uint64_t n = 1;

		if (p)
			o = (unsigned)__builtin_ctzll(p) < o ? (unsigned)__builtin_ctzll(p) : o;
		while (p + (1ull << o) > ce)
			o--;
		if (o == bs->max_order - 1)
			n = (ce - p) >> o;
		if (o > rel->max_order)
			rel->max_order = o;
		touch(b, PFN_PHYS(p), PFN_PHYS(p + (n << o)));
		p += n << o;
	}
}

/* __free_memory_core(): the pages of [start, end) go to their zones,
 * except those at or above the node's first deferred pfn (that pfn is
 * section aligned, so no block straddles it). */
static void
free_memory_core(struct boot *b, uint64_t start, uint64_t end, int nid, struct release *rel)
{
	struct boot_work *w = b->w;
	uint64_t s = PFN_UP(start), e = PFN_DOWN(end);
	uint64_t deferred;

	memset(rel, 0, sizeof(*rel));
	if (e > w->max_low_pfn)
		e = w->max_low_pfn;
	if (s >= e)
		return;
	if (nid < 0 || nid >= w->zones.nr_nodes)
		return;		/* no node, no zone: never initialised */
	rel->pages = e - s;
	deferred = w->zones.nodes[nid].first_deferred_pfn;
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		const struct zone_info *zi = &w->zones.nodes[nid].zones[j];
		uint64_t zs = zi->start_pfn, ze = zi->start_pfn + zi->spanned;
		uint64_t cs = s > zs ? s : zs, ce = e < ze ? e : ze;

		if (!zi->spanned || cs >= ce)
			continue;
		if (ce > deferred)
			ce = deferred > cs ? deferred : cs;
		if (cs < ce)
			release_blocks(b, nid, j, cs, ce, rel);
	}
}

/*
 * x86_32 set_highmem_pages_init(): before memblock_free_all, the free
 * HighMem pages (memory minus reserved, above lowmem) are handed to the
 * buddy allocator one page at a time and counted in totalhigh.
 */
static void
set_highmem_pages_init(struct boot *b)
{
	struct boot_work *w = b->w;

	for (int nid = 0; nid < w->zones.nr_nodes; nid++) {
		for (int j = ZONE_HIGHMEM; j <= ZONE_MOVABLE; j++) {
			const struct zone_info *zi = &w->zones.nodes[nid].zones[j];
			uint64_t zs = zi->start_pfn, ze = zs + zi->spanned, idx = 0, s, e;
			struct release rel = { 0 };
			int rnid;

			if (!w->zones.nodes[nid].initialised || !zone_configured(b, j))
				continue;
			klog_printf(LOG(b), KLOG_INFO, "Initializing %s for node %d (%08llx:%08llx)",
				    zone_name(j), nid, (unsigned long long)zs, (unsigned long long)ze);
			while (j == ZONE_HIGHMEM &&
			       memblock_next_free_range(MB(b), &idx, nid, MEMBLOCK_NONE, &s, &e, &rnid)) {
				uint64_t ps = PFN_UP(s), pe = PFN_DOWN(e);

				ps = ps < zs ? zs : (ps > ze ? ze : ps);
				pe = pe < zs ? zs : (pe > ze ? ze : pe);
				if (ps < pe)
					release_blocks(b, nid, j, ps, pe, &rel);
			}
			w->buddy.totalram_pages += rel.freed;
			w->buddy.totalhigh_pages += rel.freed;
			if (j == ZONE_HIGHMEM)
				step(b, "set_highmem_pages_init",
				     "HighMem: %llu free pages above lowmem go to the buddy allocator page by page; they never were memblock's to release.",
				     (unsigned long long)rel.freed);
		}
	}
}

static void
memblock_free_all(struct boot *b)
{
	struct boot_work *w = b->w;
	struct memblock *mb = MB(b);
	uint64_t idx = 0, s, e;
	int nid;

	memblock_clear_hotplug(mb, 0, UINT64_MAX);
	for (size_t i = 0; i < w->buddy.nr_zones; i++)
		w->buddy.zones[i].managed = 0;
	step(b, "memblock_free_all",
	     "memblock hands over to the buddy allocator: reserved regions stay PageReserved, everything else is freed.");
	while (memblock_next_free_range(mb, &idx, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, &nid)) {
		struct release rel;

		free_memory_core(b, s, e, nid, &rel);
		if (!rel.pages)
			continue;
		w->buddy.totalram_pages += rel.pages;
		if (!rel.freed)
			step(b, "__free_pages_memory",
			     "Free range [0x%llx-0x%llx] (%llu pages) lies past the node's first deferred pfn: its struct pages are not initialised yet, so it waits for deferred init.",
			     (unsigned long long)s, (unsigned long long)(e - 1),
			     (unsigned long long)rel.pages);
		else
			step(b, "__free_pages_memory",
			     "Free range [0x%llx-0x%llx]: %llu pages freed in the largest aligned blocks (up to order %u)%s%s.",
			     (unsigned long long)s, (unsigned long long)(e - 1),
			     (unsigned long long)rel.freed, rel.max_order,
			     rel.merged ? "; they merge with free buddies next to them" : "",
			     rel.freed < rel.pages ? ", the rest waits for deferred struct page init" : "");
	}
	w->buddy.released = true;
}

/* The zone GFP_KERNEL allocations on the boot CPU's node try first. */
static struct buddy_zone *
preferred_zone(struct boot *b)
{
	struct buddy_state *bs = &b->w->buddy;
	struct buddy_zone *best = NULL;

	for (size_t i = 0; i < bs->nr_zones; i++) {
		struct buddy_zone *z = &bs->zones[i];

		if (z->nid == 0 && z->zone <= ZONE_NORMAL && z->nr_free_ranges &&
		    (!best || z->zone > best->zone))
			best = z;
	}
	return best;
}

/*
 * preallocate_vmalloc_pages(): after memblock_free_all, mem_init allocates
 * one page-table page per top-level entry of the vmalloc area (PUD pages
 * with 4-level paging, P4D pages with 5-level). The area is 32 TiB (12800
 * TiB with 5-level); with a randomized vmalloc_base (1 GiB aligned) it
 * straddles one more entry. These unmovable order-0 pages come from the
 * buddy allocator, which at this point steals them from the largest free
 * block; the engine takes them from the first largest block of the zone.
 */
static void
preallocate_vmalloc_pages(struct boot *b)
{
	const bool la57 = b->m->build.max_physmem_bits > 46;
	const uint64_t size = la57 ? 12800ull << 40 : 32ull << 40;
	const uint64_t span = la57 ? 1ull << 48 : 1ull << 39;
	uint64_t n = size / span + (b->m->build.randomize_memory ? 1 : 0), left = n;
	struct buddy_state *bs = &b->w->buddy;

	if (b->m->build.x86_32)
		return;
	while (left) {
		struct buddy_zone *z = preferred_zone(b);
		uint64_t pfn, take;
		unsigned order;

		if (!z || !buddy_zone_largest_block(z, bs->max_order, &pfn, &order))
			break;
		take = left < (1ull << order) ? left : 1ull << order;
		buddy_take_range(bs, z->nid, z->zone, pfn, pfn + take);
		bs->nr_free_pages -= take;
		touch(b, PFN_PHYS(pfn), PFN_PHYS(pfn + take));
		left -= take;
	}
	step(b, "preallocate_vmalloc_pages",
	     "mem_init allocates %llu page-table pages from the buddy allocator so every top-level entry of the vmalloc area exists before anyone forks.",
	     (unsigned long long)n);
}

static void
mem_init_print_info(struct boot *b)
{
	const struct boot_work *w = b->w;
	const struct machine_kernel *k = &b->m->kernel;
	uint64_t physpages = 0, avail;

	for (int nid = 0; nid < w->zones.nr_nodes; nid++)
		physpages += w->zones.nodes[nid].present;
	avail = w->buddy.nr_free_pages;
	char highmem[48] = "";

	/* CONFIG_HIGHMEM kernels add the HighMem total */
	if (b->m->build.x86_32)
		snprintf(highmem, sizeof(highmem), ", %lluK highmem",
			 (unsigned long long)(w->buddy.totalhigh_pages << 2));
	klog_printf(LOG(b), KLOG_INFO,
		    "Memory: %lluK/%lluK available (%lluK kernel code, %lluK rwdata, %lluK rodata, %lluK init, %lluK bss, %lluK reserved, %lluK cma-reserved%s)",
		    (unsigned long long)(avail << 2), (unsigned long long)(physpages << 2),
		    (unsigned long long)k->code_k, (unsigned long long)k->rwdata_k,
		    (unsigned long long)k->rodata_k, (unsigned long long)k->init_k,
		    (unsigned long long)k->bss_k,
		    (unsigned long long)((physpages - w->buddy.totalram_pages) << 2), 0ull, highmem);
	step(b, "mem_init_print_info",
	     "%llu MiB are free in the buddy allocator out of %llu MiB present; the rest is reserved (kernel, memmap, firmware, early allocations).",
	     (unsigned long long)(avail >> 8), (unsigned long long)(physpages >> 8));
}

static void
deferred_init(struct boot *b)
{
	struct boot_work *w = b->w;
	const struct memblock *mb = MB(b);
	uint64_t idx = 0, s, e;
	struct release rel = { 0 };
	int nid;

	if (!b->m->build.deferred_struct_page_init)
		return;
	while (memblock_next_free_range(mb, &idx, NUMA_NO_NODE, MEMBLOCK_NONE, &s, &e, &nid)) {
		uint64_t ps = PFN_UP(s), pe = PFN_DOWN(e), fd;

		if (nid < 0 || nid >= w->zones.nr_nodes)
			continue;
		fd = w->zones.nodes[nid].first_deferred_pfn;
		if (pe > w->max_low_pfn)
			pe = w->max_low_pfn;
		if (ps < fd)
			ps = fd;
		if (ps >= pe)
			continue;
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			const struct zone_info *zi = &w->zones.nodes[nid].zones[j];
			uint64_t zs = zi->start_pfn, ze = zs + zi->spanned;
			uint64_t cs = ps > zs ? ps : zs, ce = pe < ze ? pe : ze;

			if (!zi->spanned || cs >= ce)
				continue;
			release_blocks(b, nid, j, cs, ce, &rel);
		}
	}
	if (rel.freed)
		step(b, "deferred_init_memmap",
		     "Later in boot, kernel threads initialise the deferred struct pages and free their %llu pages (%llu MiB) into the buddy allocator.",
		     (unsigned long long)rel.freed, (unsigned long long)(rel.freed >> 8));
}

/* ------------------------------------------------------------ the boot */

/* Nodes with memory (N_MEMORY): more than one makes hash tables vmalloc'ed. */
static int
memory_nodes(const struct boot_work *w)
{
	int n = 0;

	for (int nid = 0; nid < w->zones.nr_nodes; nid++)
		n += w->zones.nodes[nid].present > 0;
	return n;
}

int
boot_run(struct engine *e, struct boot_work *w, const struct machine *m, struct diag *err)
{
	struct boot b = { .e = e, .w = w, .m = m };
	int ret = -1;

	cmdline_parse(m->cmdline, m->build.x86_32, &b.opts);
	profile_from_version(m->kernel_version, &b.prof);
	b.max_numnodes = m->build.numa ? 1 << m->build.nodes_shift : 1;
	w->log.memblock_debug = b.opts.memblock_debug;
	e820_table_init(&w->e820, MACHINE_MAX_E820);
	memblock_init(&w->mb, b.max_numnodes, m->build.numa, &w->log);
	numa_state_init(&w->numa);
	sparse_state_init(&w->sparse);
	zone_state_init(&w->zones);
	buddy_state_init(&w->buddy, m->build.max_order);
	bootmem_state_init(&w->bootmem);

	if (b.prof.bootmem && m->build.x86_32) {
		/* i386 before 2.6.27: the bootmem bitmap instead of memblock */
		ret = boot_bootmem_run(e, w, m, err);
		goto out;
	}

	b.phase = PHASE_E820;
	if (e820_setup(&b, err))
		goto out;
	e820_events(&b, E820_AT_EARLY);
	e820_user_options(&b);
	e820_kernel_and_bios(&b);
	e820_max_pfn(&b, false);
	if (e820_events(&b, E820_AT_MTRR))
		e820_max_pfn(&b, true);
	e820_max_low_pfn(&b);

	b.phase = PHASE_MEMBLOCK;
	early_reservations(&b);
	reserve_brk(&b);
	run_hook(&b, HOOK_SETUP_ARCH);
	e820_memblock_setup(&b);
	reserve_real_mode(&b);
	init_mem_mapping(&b);
	reserve_initrd(&b);
	run_hook(&b, HOOK_ACPI_TABLE_INIT);

	b.phase = PHASE_NUMA;
	initmem_init(&b);
	if (m->build.x86_32)
		highmem_split(&b);
	run_hook(&b, HOOK_AFTER_NUMA);
	if (!m->build.x86_32)	/* memblock_find_dma_reserve is 64-bit only */
		find_dma_reserve(&b);

	b.phase = PHASE_SPARSE;
	sparse_init(&b);

	b.phase = PHASE_ZONES;
	zone_ranges(&b);
	free_area_init_nodes(&b);
	memmap_init(&b);
	run_hook(&b, HOOK_AFTER_PAGING_INIT);
	init_memory_less_nodes(&b);
	run_hook(&b, HOOK_START_KERNEL);
	build_all_zonelists(&b);

	b.phase = PHASE_BUDDY;
	if (memory_nodes(w) <= 1) {
		large_system_hash(&b, "Dentry cache", 13);
		large_system_hash(&b, "Inode-cache", 14);
	}
	run_hook(&b, HOOK_MM_INIT);
	if (m->build.x86_32)
		set_highmem_pages_init(&b);
	memblock_free_all(&b);
	preallocate_vmalloc_pages(&b);
	mem_init_print_info(&b);
	deferred_init(&b);
	ret = 0;
out:
	free(b.mi.blk);
	free(b.pud_pages);
	free(b.pmd_pages);
	cmdline_release(&b.opts);
	return ret;
}
