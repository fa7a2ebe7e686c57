/*
 * dmesg_bootmem.c - the lines of the i386 bootmem era (Linux 2.4 and 2.6
 * before 2.6.27) that say how the kernel was built and where it sits:
 * setup_memory()'s "NNNMB HIGHMEM available." (printed by every
 * CONFIG_HIGHMEM kernel, 0MB included) and "NNNMB LOWMEM available.",
 * "Warning only 4GB will be used." (a HIGHMEM4G kernel: no PAE), and
 * mem_init()'s "Memory: Ak/Bk available (Ck kernel code, Rk reserved, Dk
 * data, Ik init, Hk highmem)".
 */
#include "dmesg_parser.h"

#include <string.h>

#include "profile.h"

#define I386_TEXT	0x100000	/* the kernel is loaded at 1 MiB */

/* "NNNMB <what> available." */
static bool
megabytes(const char *msg, const char *what, long *out)
{
	const char *s = msg;
	uint64_t v;

	if (!read_dec(&s, &v) || !eat(&s, "MB ") || !eat(&s, what) ||
	    strcmp(s, " available.") != 0 || v > (1u << 20))
		return false;
	*out = (long)v;
	return true;
}

void
bootmem_lines(struct parser *ps, const char *msg)
{
	if (ps->highmem_mb < 0 && megabytes(msg, "HIGHMEM", &ps->highmem_mb))
		return;
	if (ps->lowmem_mb < 0 && megabytes(msg, "LOWMEM", &ps->lowmem_mb))
		return;
	if (strcmp(msg, "Warning only 4GB will be used.") == 0)
		ps->only_4gb = true;
}

/* "NNNk <what>" at *p, then ", " or ")" */
static bool
read_k(const char **p, const char *what, uint64_t *out)
{
	const char *s = *p;
	uint64_t v;

	skip_spaces(&s);
	if (!read_dec(&s, &v) || !eat(&s, "k ") || !eat(&s, what) || v > (UINT64_MAX >> 10))
		return false;
	if (!eat(&s, ",") && !eat(&s, ")"))
		return false;
	*p = s;
	*out = v;
	return true;
}

bool
bootmem_memory_sizes(struct parser *ps, const char *s)
{
	struct machine_kernel *k = &ps->m->kernel;
	uint64_t code, reserved, data, init, high;

	if (!read_k(&s, "kernel code", &code) || !read_k(&s, "reserved", &reserved) ||
	    !read_k(&s, "data", &data) || !read_k(&s, "init", &init) ||
	    !read_k(&s, "highmem", &high))
		return false;
	ps->memory_2x = true;
	ps->d->memory_reserved_k = (long)(reserved < (1ull << 40) ? reserved : 0);
	ps->d->x86_32 = true;
	k->code_k = code;
	/* one "data" figure: _edata - _etext, read-only data included */
	k->rwdata_k = data;
	k->rodata_k = 0;
	k->init_k = init;
	k->bss_k = 0;
	return true;
}

void
bootmem_finish(struct parser *ps)
{
	struct machine_build *b = &ps->m->build;
	struct machine_kernel *k = &ps->m->kernel;
	struct kernel_profile prof;

	profile_from_version(ps->m->kernel_version, &prof);
	if (!ps->d->x86_32 || !prof.bootmem)
		return;
	/* only CONFIG_HIGHMEM kernels print the HIGHMEM line */
	b->highmem = ps->highmem_mb >= 0;
	/* with HighMem in use, lowmem is the build's MAXMEM (896 MiB, or
	 * 3936 MiB with Red Hat's 4G/4G split) */
	if (ps->highmem_mb > 0 && ps->lowmem_mb > 0)
		b->lowmem_limit = (uint64_t)ps->lowmem_mb << 20;
	if (ps->only_4gb)
		b->max_physmem_bits = 32;
	/* sizeof(struct page): 2.4's has a virtual address with
	 * CONFIG_HIGHMEM (44 or 48 bytes), 2.6's is 32 */
	b->struct_page_size = prof.bootmem_zones != ZONES_2_4 ? 32 : b->highmem ? 48 : 44;
	b->numa = false;
	b->model = MEM_MODEL_FLATMEM;
	/* _text at 1 MiB; _end from the sizes the "Memory:" line gives */
	k->text = I386_TEXT;
	k->reserve_size = (k->code_k + k->rwdata_k + k->init_k) << 10;
	if (k->reserve_size < 0x1000)
		k->reserve_size = 0x1000;
}
