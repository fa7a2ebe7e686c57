/*
 * dmesg_kernel.c - the boot log's lines about the kernel itself: "Linux
 * version", "Command line:", "RAMDISK:", NODE_DATA, "Memory:", build hints
 * and the first Zone ranges block.
 */
#include "dmesg_parser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "xalloc.h"

/* ------------------------------------------------------------ misc */

/* A printable token of at most max-1 bytes, or NULL. */
static char *
token_dup(const char *s, size_t max)
{
	size_t n = 0;
	char *t;

	while (s[n] && s[n] != ' ' && (unsigned char)s[n] > ' ' &&
	       (unsigned char)s[n] < 0x7f && n < max - 1)
		n++;
	if (!n)
		return NULL;
	t = xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

bool
version_line(struct parser *ps, const char *msg)
{
	const char *s = msg;

	if (!eat(&s, "Linux version "))
		return false;
	if (ps->seen_version) {
		if (ps->e820_state)
			ps->done = true;	/* the next boot */
		return true;
	}
	ps->seen_version = true;
	ps->m->kernel_version = token_dup(s, 64);
	if (!profile_version_valid(ps->m->kernel_version)) {
		/* not a version a machine file may name: the kernel is unknown */
		free(ps->m->kernel_version);
		ps->m->kernel_version = NULL;
	}
	if (strstr(s, "i686") || strstr(s, "i586") || strstr(s, "i386"))
		ps->d->x86_32 = true;
	return true;
}

bool
command_line(struct parser *ps, const char *msg)
{
	const char *s = msg;
	size_t n;

	if (!eat(&s, "Command line: ") || ps->m->cmdline[0])
		return false;
	n = strlen(s);
	if (n >= sizeof(ps->m->cmdline))
		n = sizeof(ps->m->cmdline) - 1;
	memcpy(ps->m->cmdline, s, n);
	ps->m->cmdline[n] = '\0';
	return true;
}

/* "RAMDISK: [mem a-b]" (page-rounded) or older "RAMDISK: a - b". */
bool
ramdisk(struct parser *ps, const char *msg)
{
	const char *s = msg;
	struct range r;

	if (!eat(&s, "RAMDISK: "))
		return false;
	/* at address 0 the boot protocol means no initrd: the kernel never
	 * prints such a line, and a machine file may not hold one */
	if ((read_mem_range(&s, &r) || read_old_range(&s, &r)) && fits(ps, &r) &&
	    r.start && !ps->m->kernel.initrd_size) {
		ps->m->kernel.initrd_start = r.start;
		ps->m->kernel.initrd_size = r.last - r.start + 1;
	}
	return true;
}

/* "NODE_DATA(n) allocated [mem a-b]": the first gives sizeof(pg_data_t). */
bool
node_data(struct parser *ps, const char *msg)
{
	const char *s = strstr(msg, "[mem ");
	struct range r;

	if (!starts(msg, "NODE_DATA(") || !s)
		return false;
	if (!ps->seen_node_data && read_mem_range(&s, &r) &&
	    r.last - r.start < (UINT64_C(1) << 30)) {
		ps->seen_node_data = true;
		ps->m->build.pglist_data_size = r.last - r.start + 1;
	}
	return true;
}

/* "NNNK <what>" at *p, then ", " */
static bool
read_kib(const char **p, const char *what, uint64_t *out)
{
	const char *s = *p;
	uint64_t v;

	skip_spaces(&s);
	if (!read_dec(&s, &v) || !eat(&s, "K ") || !eat(&s, what) ||
	    v > (UINT64_MAX >> 10))
		return false;
	eat(&s, ",");
	*p = s;
	*out = v;
	return true;
}

/* "Memory: A/BK available (CK kernel code, RK rwdata, OK rodata, IK init, BK bss, ...)" */
bool
memory_line(struct parser *ps, const char *msg)
{
	struct machine_kernel *k = &ps->m->kernel;
	const char *s = strstr(msg, " available (");
	uint64_t v[5];

	if (!starts(msg, "Memory: "))
		return false;
	if (ps->seen_memory)
		return true;
	ps->seen_memory = true;
	if (strstr(msg, "highmem)"))
		ps->d->x86_32 = true;
	if (!s)
		return true;
	s += 12;
	if (bootmem_memory_sizes(ps, s))
		return true;
	if (read_kib(&s, "kernel code", &v[0]) && read_kib(&s, "rwdata", &v[1]) &&
	    read_kib(&s, "rodata", &v[2]) && read_kib(&s, "init", &v[3]) &&
	    read_kib(&s, "bss", &v[4])) {
		k->code_k = v[0];
		k->rwdata_k = v[1];
		k->rodata_k = v[2];
		k->init_k = v[3];
		k->bss_k = v[4];
	}
	return true;
}

/* "  DMA zone: N pages reserved" (KERN_DEBUG, kernels up to 5.13). */
void
dma_reserved(struct parser *ps, const char *msg)
{
	unsigned long n;
	char tail[16];

	if (ps->d->dma_reserved < 0 && starts(msg, "  DMA zone: ") &&
	    sscanf(msg, "  DMA zone: %lu pages reserve%15s", &n, tail) == 2 &&
	    strcmp(tail, "d") == 0 && n < (1ul << 20))
		ps->d->dma_reserved = (long)n;
}

/* probe_page_size_mask() says when the CPU maps 1 GiB pages; bootmem's
 * double-reservation warning shows a CONFIG_DEBUG_BOOTMEM build. */
void
build_hints(struct parser *ps, const char *msg)
{
	if (starts(msg, "Using GB pages for direct mapping"))
		ps->m->build.gbpages = true;
	else if (starts(msg, "hm, page ") && strstr(msg, " reserved twice."))
		ps->m->build.debug_bootmem = true;
}

/* i686: a HighMem zone line or "NNNMB HIGHMEM available." */
void
highmem(struct parser *ps, const char *msg)
{
	if (starts(msg, "  HighMem ") || strstr(msg, "HIGHMEM available"))
		ps->d->x86_32 = true;
	if (starts(msg, "No NUMA configuration found") ||
	    starts(msg, "Faking a node at") || starts(msg, "NUMA: ") ||
	    starts(msg, "NODE_DATA("))
		ps->saw_numa = true;
}

/* The first Zone ranges block tells which zones the kernel was built
 * with (a missing "Device" line: no ZONE_DEVICE) and, on i686, where
 * HighMem starts. */
void
zone_block(struct parser *ps, const char *msg)
{
	static const char *const names[] = { "DMA ", "DMA32 ", "Normal ", "HighMem ", "Device " };
	const char *s = msg + 2;
	struct range r;

	if (ps->zone_block == 0 && strcmp(msg, "Zone ranges:") == 0) {
		ps->zone_block = 1;
		return;
	}
	if (ps->zone_block != 1)
		return;
	if (!starts(msg, "  ")) {
		ps->zone_block = 2;
		return;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!starts(s, names[i]))
			continue;
		ps->zone_seen[i] = true;
		s += strlen(names[i]);
		skip_spaces(&s);
		if (i == 3 && read_mem_range(&s, &r))
			ps->highmem_start = r.start;
	}
}
