/*
 * dmesg_calibrate.c - fit the one early reservation a boot log does not
 * print, the real-mode trampoline, to the reserved-page count it does
 * print. Before 5.13 the kernel reserved only the first 64 KiB, so the
 * DMA zone's reserved pages (memblock_find_dma_reserve) are those 64 KiB,
 * the trampoline and the EBDA: run the engine once and move the
 * trampoline by the difference. On the bootmem era, grow (or shrink) the
 * kernel's reservation by the reserved pages the "Memory:" line counts
 * beyond (or short of) the engine's.
 */
#include "dmesg.h"

#include <stdint.h>

#include "engine.h"
#include "profile.h"

/* mem_init()'s reservedpages: RAM pages below max_low_pfn that bootmem
 * did not free; -1 when the engine cannot boot the machine. */
static long
bootmem_reserved_pages(const struct machine *m, uint64_t *max_low_pfn)
{
	struct diag err;
	struct engine *e = engine_new(m, &err);
	const struct boot_state *st;
	uint64_t ram = 0;

	if (!e)
		return -1;
	engine_goto(e, engine_nr_steps(e) - 1);
	st = engine_state(e);
	*max_low_pfn = st->max_low_pfn;
	for (uint32_t i = 0; i < st->e820->nr_entries; i++) {
		const struct e820_entry *x = &st->e820->entries[i];
		uint64_t s = (x->addr + 4095) >> 12, t = (x->addr + x->size) >> 12;

		t = t < st->max_low_pfn ? t : st->max_low_pfn;
		if (x->type == E820_TYPE_RAM && t > s)
			ram += t - s;
	}
	ram = ram > st->bootmem->freed_pages ? ram - st->bootmem->freed_pages : 0;
	engine_free(e);
	return (long)ram;
}

/* A few rounds: moving the kernel's end moves the bitmap with it. The
 * kernel keeps at least a page and stays inside lowmem; a fit that
 * would leave it elsewhere, or a machine that no longer boots, is not
 * taken. */
static void
calibrate_bootmem(struct dmesg *d)
{
	struct machine_kernel *k = &d->m.kernel;
	uint64_t before = k->reserve_size, max_low_pfn = 0;
	long want = d->memory_reserved_k / 4;

	for (int round = 0; round < 4; round++) {
		long have = bootmem_reserved_pages(&d->m, &max_low_pfn), delta;
		int64_t size;

		if (have < 0) {
			k->reserve_size = before;
			return;
		}
		delta = want - have;
		size = (int64_t)k->reserve_size + (int64_t)delta * 4096;
		if (!delta || size < 4096 ||
		    k->text + (uint64_t)size + k->brk_size > max_low_pfn << 12)
			return;
		k->reserve_size = (uint64_t)size;
	}
	if (bootmem_reserved_pages(&d->m, &max_low_pfn) < 0)
		k->reserve_size = before;
}

void
dmesg_calibrate(struct dmesg *d)
{
	struct kernel_profile prof;
	struct engine *e;
	struct diag err;
	long pages;

	profile_from_version(d->m.kernel_version, &prof);
	if (prof.bootmem && d->m.build.x86_32 && d->memory_reserved_k >= 0) {
		calibrate_bootmem(d);
		return;
	}
	if (d->dma_reserved < 0 || d->m.nr_ops || prof.reserve_first_1m || d->m.build.x86_32)
		return;
	e = engine_new(&d->m, &err);
	if (!e)
		return;
	engine_goto(e, engine_nr_steps(e) - 1);
	pages = (long)(d->m.kernel.trampoline_size >> 12) + d->dma_reserved -
		(long)engine_state(e)->zones->dma_reserve;
	engine_free(e);
	/* a trampoline has a few pages; anything else is another cause */
	if (pages >= 1 && pages <= 16)
		d->m.kernel.trampoline_size = (uint64_t)pages << 12;
}
