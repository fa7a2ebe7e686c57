/*
 * dmesg_calibrate.c - fit the one early reservation a boot log does not
 * print, the real-mode trampoline, to the reserved-page count it does
 * print. Before 5.13 the kernel reserved only the first 64 KiB, so the
 * DMA zone's reserved pages (memblock_find_dma_reserve) are those 64 KiB,
 * the trampoline and the EBDA: run the engine once and move the
 * trampoline by the difference.
 */
#include "dmesg.h"

#include "engine.h"
#include "profile.h"

void
dmesg_calibrate(struct dmesg *d)
{
	struct kernel_profile prof;
	struct engine *e;
	struct diag err;
	long pages;

	profile_from_version(d->m.kernel_version, &prof);
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
