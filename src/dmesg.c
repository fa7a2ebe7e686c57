/*
 * dmesg.c - a boot log to a machine description (see dmesg.h).
 *
 * One pass over the lines, each copied into a bounded buffer, stripped of
 * its prefixes and handed to small recognisers. What is taken:
 *  - the first BIOS-e820 table ("[mem a-b] type", or 2.6's "a - b (type)"
 *    with an exclusive end, or 2.4.0-2.4.3's "size @ start (type)"; the
 *    BIOS-88 and BIOS-e801 maps of old machines alike);
 *  - the e820 changes printed after it, as e820 events: before the first
 *    "last_pfn" line at E820_AT_EARLY, between the first and the second
 *    at E820_AT_MTRR; trim_bios_range's two lines, the user-defined map
 *    and mem='s removal are left out because the engine derives them;
 *  - SRAT memory and CPU affinity lines, in log order;
 *  - "Linux version", "Command line:", "RAMDISK:", max_arch_pfn, the
 *    first NODE_DATA size, the "Memory:" line's sizes, i686 markers;
 *  - with memblock=debug, the memblock calls the engine does not derive,
 *    by the same rules as tools/trace2machine.py;
 *  - on the i386 bootmem era (2.4, 2.6 before 2.6.27) the HighMem split,
 *    the no-PAE warning and the 2.x "Memory:" line (dmesg_bootmem.c).
 * A second "Linux version" line after the e820 table ends the first boot.
 */
#include "dmesg_parser.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "xalloc.h"

/* ------------------------------------------------------------ driver */

static void
keep_line(struct parser *ps, const char *msg)
{
	struct dmesg *d = ps->d;

	if (d->nr_lines >= DMESG_MAX_LINES)
		return;
	xgrow((void **)&d->lines, &d->cap_lines, d->nr_lines + 1, sizeof(*d->lines));
	d->lines[d->nr_lines++] = (struct dmesg_line){ .line = ps->line,
						       .text = xstrdup(msg) };
}

static void
handle(struct parser *ps, const char *msg)
{
	if (version_line(ps, msg) && ps->done)
		return;
	keep_line(ps, msg);
	if (ps->e820_state == 1 && !e820_map_line(msg))
		ps->e820_state = 2;
	if (bios_e820(ps, msg) || command_line(ps, msg) || ramdisk(ps, msg) ||
	    srat_memory(ps, msg) || srat_cpu(ps, msg) || node_data(ps, msg) ||
	    memory_line(ps, msg))
		goto memblock;
	if (ps->e820_state == 2 && ps->nr_last_pfn < 2 &&
	    (e820_update(ps, msg) || e820_remove(ps, msg) ||
	     e820_table_header(ps, msg) || e820_table_entry(ps, msg)))
		return;
	if (last_pfn(ps, msg))
		return;
	highmem(ps, msg);
	bootmem_lines(ps, msg);
	build_hints(ps, msg);
	dma_reserved(ps, msg);
	zone_block(ps, msg);
memblock:
	memblock_line(ps, msg);
}

/* Copy a raw line into buf, bounded, without "\r" and trailing blanks. */
static void
copy_line(char *buf, const char *p, size_t n)
{
	if (n > DMESG_LINE_MAX - 1)
		n = DMESG_LINE_MAX - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\0' || buf[i] == '\r')
			buf[i] = ' ';
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
		buf[--n] = '\0';
}

static void
machine_name(struct machine *m, const char *file)
{
	const char *base = file ? strrchr(file, '/') : NULL;
	char name[64];
	size_t n = 0;

	base = base ? base + 1 : file ? file : "";
	for (; *base && *base != '.' && n < sizeof(name) - 1; base++) {
		char c = *base;

		name[n++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    is_digit(c) || c == '-' || c == '_' ? c : '-';
	}
	name[n] = '\0';
	m->name = xstrdup(n ? name : "imported");
}

/* The build follows from what the log says about the kernel. */
static void
finish_build(struct parser *ps)
{
	struct machine_build *b = &ps->m->build;
	unsigned bits = log_physmem_bits(ps);

	if (bits)
		b->max_physmem_bits = bits;
	if (ps->zone_block) {
		b->zone_dma = ps->zone_seen[0];
		b->zone_device = ps->zone_seen[4];
	}
	if (ps->d->x86_32) {
		b->x86_32 = true;
		b->numa = ps->saw_numa;	/* some i686 distro kernels have NUMA */
		/* x86 Kconfig: 32-bit NUMA kernels are SPARSEMEM (no vmemmap),
		 * the others FLATMEM */
		b->model = b->numa ? MEM_MODEL_SPARSEMEM : MEM_MODEL_FLATMEM;
		if (ps->highmem_start && !(ps->highmem_start & 0xfff))
			b->lowmem_limit = ps->highmem_start;
		if (!ps->seen_max_arch)
			b->max_physmem_bits = 36;
		/* asm/sparsemem.h: 512 MiB sections with PAE, 64 MiB without */
		b->section_size_bits = b->max_physmem_bits == 36 ? 29 : 26;
		/* i686 distro kernels have a 40-byte struct page: the corpus
		 * i686 logs print 40 memmap pages for a 4095-page DMA zone */
		b->struct_page_size = 40;
		b->deferred_struct_page_init = false;	/* 64BIT only */
		b->zone_dma32 = false;
	}
}

/*
 * What the firmware and the kernel's early code reserve below 1 MiB,
 * from what the log shows: the BIOS's base memory (the word at 0x413) ends
 * where the last usable e820 entry below 640 KiB ends, and the EBDA
 * follows it. Kernels 4.8-5.12 carried a 24 KiB real-mode trampoline
 * where 4.4 and 5.13+ carry 28 KiB (the corpus logs print 21 reserved DMA
 * pages on 4.8-5.4 with the EBDA above the memory, 22 on 4.4: 15 pages of
 * the first 64 KiB plus the trampoline).
 */
static void
finish_low_memory(struct machine *m)
{
	struct kernel_profile prof;
	uint64_t base_end = 0;

	for (size_t i = 0; i < m->nr_e820; i++) {
		const struct machine_e820 *x = &m->e820[i];
		uint64_t end = x->addr + x->size;

		if (x->type == E820_TYPE_RAM && x->addr < 0xa0000 && end > base_end)
			base_end = end < 0xa0000 ? end : 0xa0000;
	}
	if (base_end >= 0x20000 && base_end < 0xa0000) {
		m->kernel.bios_basemem_kb = (uint32_t)(base_end >> 10);
		m->kernel.bios_ebda = (uint32_t)base_end;
	}
	profile_from_version(m->kernel_version, &prof);
	if (prof.trampoline_24k && !m->nr_ops)
		m->kernel.trampoline_size = 0x6000;
	/* the early page-table buffer depends on both */
	if (!prof.randomize_memory)
		m->build.randomize_memory = false;
	if (!prof.distro_5level)
		m->build.config_5level = false;
}

/* The memblock calls: only when the kernel printed them. */
static void
finish_ops(struct parser *ps, struct machine *m)
{
	for (size_t i = 0; i < m->nr_ops; i++) {
		struct mb_op *op = &m->ops[i];

		if (op->kind != MB_OP_ALLOC && op->kind != MB_OP_BOTTOM_UP &&
		    (op->base + op->size - 1) >> m->build.max_physmem_bits) {
			memmove(op, op + 1, (m->nr_ops - i - 1) * sizeof(*op));
			m->nr_ops--;
			i--;
		}
	}
	place_kernel(ps);
}

int
dmesg_parse(const char *buf, size_t len, const char *file,
	    struct dmesg *d, struct diag *err)
{
	struct parser ps = { .d = d, .m = &d->m, .highmem_mb = -1, .lowmem_mb = -1 };
	char *line = xmalloc(DMESG_LINE_MAX);
	size_t pos = 0;
	bool timestamped = dmesg_timestamped(buf, len);

	memset(d, 0, sizeof(*d));
	d->dma_reserved = -1;
	d->memory_reserved_k = -1;
	machine_init_defaults(&d->m);
	if (file)
		d->m.file = xstrdup(file);
	machine_name(&d->m, file);
	while (pos < len && !ps.done) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;

		const char *msg;

		ps.line++;
		copy_line(line, buf + pos, n);
		msg = dmesg_message(line);
		if (msg == line && timestamped) {
			/* a serial console's capture: the firmware's or the boot
			 * loader's text and escape codes before the kernel's
			 * first line, on the same line */
			size_t k = dmesg_kernel_start(buf + pos, n);

			if (k > 0 && k < n) {
				copy_line(line, buf + pos + k, n - k);
				msg = dmesg_message(line);
			}
		}
		handle(&ps, msg);
		pos += n + 1;
	}
	free(line);
	finish_build(&ps);
	finish_low_memory(&d->m);
	bootmem_finish(&ps);
	machine_fit_phys_limit(&d->m);
	finish_ops(&ps, &d->m);
	free(ps.dump);
	if (len == 0) {
		diag_set(err, file, 0, "The file is empty: there is no boot log in it.");
		return -1;
	}
	if (d->m.nr_e820 == 0) {
		diag_set(err, file, 0, "No BIOS-e820 table found: this is not "
			 "the boot log of an x86 Linux kernel, or it starts "
			 "after the memory map (the log must include the "
			 "\"BIOS-e820:\" lines).");
		return -1;
	}
	return 0;
}

void
dmesg_release(struct dmesg *d)
{
	for (size_t i = 0; i < d->nr_lines; i++)
		free(d->lines[i].text);
	free(d->lines);
	machine_release(&d->m);
	memset(d, 0, sizeof(*d));
}
