/*
 * dmesg_memblock.c - the memblock calls of a memblock=debug trace that the
 * engine does not derive itself, by the same rules as
 * tools/trace2machine.py (the 5.10 to 7.x forms), and the kernel image
 * placed from the first MEMBLOCK dump.
 */
#include "dmesg_parser.h"

#include <string.h>

#include "xalloc.h"

/* ------------------------------------------------ memblock=debug */

static const char *const derived_callers[] = {
	"setup_arch", "e820__memblock_setup", "reserve_real_mode",
	"init_mem_mapping", "alloc_low_pages", "memblock_alloc_range_nid", "sparse_init",
	"sparse_index_alloc", "sparse_init_nid", "vmemmap_alloc_block_zero",
	"vmemmap_populate", "vmemmap_populate_hugepages", "alloc_large_system_hash",
};

/* Does caller name function fn ("fn+0x1/0x2", "fn.constprop.0+...")? */
static bool
caller_is(const char *caller, const char *fn)
{
	size_t n = strlen(fn);

	return strncmp(caller, fn, n) == 0 &&
	       (caller[n] == '\0' || caller[n] == '+' || caller[n] == '.');
}

static bool
derived(const char *caller)
{
	for (size_t i = 0; i < sizeof(derived_callers) / sizeof(derived_callers[0]); i++)
		if (caller_is(caller, derived_callers[i]))
			return true;
	return false;
}

/* A caller the schema accepts: symbol[+0xa/0xb][ [module]]. */
static bool
valid_caller(const char *c)
{
	size_t n = strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$");

	if (!n || strlen(c) >= MACHINE_CALLER_LEN)
		return false;
	c += n;
	if (*c == '+') {
		/* "+0x<hex>/0x<hex>", exactly: no second 0x, no overflow check */
		static const char hex[] = "0123456789abcdefABCDEF";

		c++;
		if (!eat(&c, "0x") || !(n = strspn(c, hex)))
			return false;
		c += n;
		if (!eat(&c, "/0x") || !(n = strspn(c, hex)))
			return false;
		c += n;
	}
	return *c == '\0';
}

static bool
contains_pcpu_or_start(const char *msg)
{
	const char *s = msg;

	while ((s = strchr(s, ' ')) != NULL) {
		s++;
		if (starts(s, "start_kernel+0x"))
			return true;
		if (starts(s, "pcpu_")) {
			const char *t = s + 5;

			while (*t == '_' || (*t >= 'a' && *t <= 'z') ||
			       (*t >= 'A' && *t <= 'Z') || is_digit(*t))
				t++;
			if (starts(t, "+0x"))
				return true;
		}
	}
	return false;
}

static bool
built_zonelists(const char *msg)
{
	const char *s = msg;
	uint64_t n;

	return eat(&s, "Built ") && read_dec(&s, &n) && eat(&s, " zonelists");
}

/* Does msg move the trace to stage st? */
static bool
enters(enum stage st, const char *msg)
{
	switch (st) {
	case ST_INIT_MEM_MAPPING: return strstr(msg, "e820__memblock_setup+") != NULL;
	case ST_ACPI_TABLE_INIT:
		return starts(msg, "ACPI: Early table") ||
		       strstr(msg, "acpi_reserve_initial_tables+") != NULL;
	case ST_NUMA: return starts(msg, "NODE_DATA(");
	case ST_AFTER_NUMA: return starts(msg, "MEMBLOCK configuration:");
	/* 7.x allocates the section roots through __memblock_alloc_or_panic */
	case ST_SPARSE:
		return strstr(msg, "sparse_init+") != NULL ||
		       strstr(msg, "sparse_index_alloc+") != NULL;
	case ST_AFTER_PAGING_INIT: return starts(msg, "Initmem setup node");
	case ST_START_KERNEL:
		return starts(msg, "setup_percpu:") || contains_pcpu_or_start(msg);
	/* from 6.4 the early hash tables come first, the zonelists in
	 * mm_core_init */
	case ST_MM_INIT:
		return built_zonelists(msg) || starts(msg, "Dentry cache hash table entries");
	default: return false;
	}
}

static int
stage_hook(enum stage st)
{
	static const int hooks[ST_COUNT] = {
		[ST_SETUP_ARCH] = HOOK_SETUP_ARCH,
		[ST_INIT_MEM_MAPPING] = HOOK_INIT_MEM_MAPPING,
		[ST_ACPI_TABLE_INIT] = HOOK_ACPI_TABLE_INIT,
		[ST_NUMA] = -1,
		[ST_AFTER_NUMA] = HOOK_AFTER_NUMA,
		[ST_SPARSE] = -1,
		[ST_AFTER_PAGING_INIT] = HOOK_AFTER_PAGING_INIT,
		[ST_START_KERNEL] = HOOK_START_KERNEL,
		[ST_MM_INIT] = HOOK_MM_INIT,
	};

	return hooks[st];
}

static struct mb_op *
new_op(struct parser *ps, enum mb_op_kind kind, const char *caller)
{
	struct machine *m = ps->m;
	struct mb_op *op;
	int hook = stage_hook(ps->stage);

	if (hook < 0 || derived(caller) || m->nr_ops >= MACHINE_MAX_OPS)
		return NULL;
	xgrow((void **)&m->ops, &ps->cap_ops, m->nr_ops + 1, sizeof(*m->ops));
	op = &m->ops[m->nr_ops++];
	*op = (struct mb_op){ .kind = kind, .hook = (enum boot_hook)hook,
			      .nid = NUMA_NO_NODE, .align = 64,
			      .line = ps->line };
	if (valid_caller(caller))
		strcpy(op->caller, caller);
	ps->d->memblock_debug = true;
	return op;
}

/* The memblock function name at *p, up to ": " (6.16+ prints
 * "__memblock_reserve"). */
static bool
read_fn(const char **p, char *fn, size_t len)
{
	const char *s = *p;
	size_t n = 0;

	if (!starts(s, "memblock_") && !starts(s, "__memblock_reserve: "))
		return false;
	while (s[n] && s[n] != ':' && n < len - 1)
		n++;
	if (s[n] != ':' || s[n + 1] != ' ')
		return false;
	memcpy(fn, s, n);
	fn[n] = '\0';
	*p = s + n + 2;
	return true;
}

/* "memblock_reserve: [0xa-0xb] caller", 6.16+:
 * "__memblock_reserve: [0xa-0xb] nid=-1 flags=0 caller" */
static void
range_op(struct parser *ps, const char *fn, const char *s)
{
	static const struct {
		const char *fn;
		enum mb_op_kind kind;
	} kinds[] = {
		{ "memblock_add", MB_OP_ADD }, { "memblock_remove", MB_OP_REMOVE },
		{ "memblock_reserve", MB_OP_RESERVE }, { "__memblock_reserve", MB_OP_RESERVE },
		{ "memblock_phys_free", MB_OP_FREE }, { "memblock_free", MB_OP_FREE },
	};
	bool reserve = strcmp(fn, "memblock_reserve") == 0 ||
		       strcmp(fn, "__memblock_reserve") == 0;
	struct range r;
	struct mb_op *op;
	uint64_t nid, flags;

	if (!eat(&s, "[") || !read_hex(&s, &r.start) || !eat(&s, "-") ||
	    !read_hex(&s, &r.last) || !eat(&s, "] ") || r.last < r.start ||
	    !fits(ps, &r))
		return;
	if (eat(&s, "nid=")) {
		eat(&s, "-");
		if (!read_dec(&s, &nid) || !eat(&s, " flags=") ||
		    !read_hex(&s, &flags) || !eat(&s, " "))
			return;
	}
	if (strchr(s, ' '))
		return;
	if (!ps->have_brk && reserve && caller_is(s, "setup_arch")) {
		ps->have_brk = true;
		ps->brk = r;
	}
	/* before 5.12 the trampoline is found and reserved, not allocated
	 * (5.10: "memblock_reserve: [0x99000-0x9efff] reserve_real_mode") */
	if (reserve && caller_is(s, "reserve_real_mode") &&
	    !ps->have_trampoline && r.start && r.last - r.start < (1u << 20)) {
		ps->have_trampoline = true;
		ps->m->kernel.trampoline_size = r.last - r.start + 1;
	}
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(fn, kinds[i].fn) != 0)
			continue;
		op = new_op(ps, kinds[i].kind, s);
		if (op) {
			op->base = r.start;
			op->size = r.last - r.start + 1;
		}
		return;
	}
}

/* "memblock_alloc_try_nid: 4096 bytes align=0x40 nid=-1 from=0x0 max_addr=0x0 caller" */
static void
alloc_op(struct parser *ps, const char *fn, const char *s)
{
	int api = machine_alloc_api_from_name(fn);
	uint64_t size, align, from, max, nid = 0;
	bool no_node = false, has_nid = false;
	struct mb_op *op;

	if (!read_dec(&s, &size) || !eat(&s, " bytes align=0x") ||
	    !read_hex(&s, &align) || !eat(&s, " "))
		return;
	if (eat(&s, "nid=")) {
		no_node = eat(&s, "-");
		if (!read_dec(&s, &nid) || !eat(&s, " "))
			return;
		has_nid = true;
	}
	if (!eat(&s, "from=0x") || !read_hex(&s, &from) ||
	    !eat(&s, " max_addr=0x") || !read_hex(&s, &max) || !eat(&s, " ") ||
	    strchr(s, ' '))
		return;
	if (caller_is(s, "reserve_real_mode") && size && size < (1u << 20)) {
		ps->have_trampoline = true;
		ps->m->kernel.trampoline_size = size;
	}
	if (api < 0 || !size || !align || (align & (align - 1)) ||
	    (max && from >= max) || (has_nid && !no_node && nid >= MACHINE_MAX_NODES))
		return;
	op = new_op(ps, MB_OP_ALLOC, s);
	if (!op)
		return;
	op->api = (enum mb_alloc_api)api;
	op->exact_nid = api == MB_API_ALLOC_EXACT_NID_RAW;
	op->size = size;
	op->align = align;
	op->min_addr = from;
	op->max_addr = max;
	op->nid = has_nid && !no_node ? (int)nid : NUMA_NO_NODE;
}

/* " reserved[0x3]\t[0xa-0xb], ..." of the first MEMBLOCK dump. */
static void
dump_line(struct parser *ps, const char *msg)
{
	const char *s = msg;
	struct range r;
	uint64_t idx;

	if (starts(msg, "MEMBLOCK configuration:")) {
		ps->dump_state = ps->dump_state == 0 ? 1 : 2;
		return;
	}
	if (ps->dump_state != 1)
		return;
	if (msg[0] != ' ') {
		ps->dump_state = 2;
		return;
	}
	if (!eat(&s, " reserved[0x") || !read_hex(&s, &idx) || !eat(&s, "]"))
		return;
	skip_spaces(&s);
	if (!eat(&s, "[0x") || !read_hex(&s, &r.start) || !eat(&s, "-0x") ||
	    !read_hex(&s, &r.last) || r.last < r.start || ps->nr_dump >= 100000)
		return;
	xgrow((void **)&ps->dump, &ps->cap_dump, ps->nr_dump + 1, sizeof(*ps->dump));
	ps->dump[ps->nr_dump++] = r;
}

/* 7.x allocates the mem_section roots through __memblock_alloc_or_panic
 * just before the sparse stage shows: they are sparse_init's own, which
 * the engine makes. */
static void
drop_section_roots(struct parser *ps)
{
	const struct machine_build *b = &ps->m->build;
	unsigned bits = log_physmem_bits(ps);
	uint64_t per_root, roots;
	struct mb_op *op;

	if (!ps->m->nr_ops)
		return;
	op = &ps->m->ops[ps->m->nr_ops - 1];
	if (!bits)
		bits = b->max_physmem_bits;
	/* (the parser's build is still the defaults: these hold) */
	per_root = b->mem_section_size ? (UINT64_C(1) << b->page_shift) / b->mem_section_size : 0;
	if (bits <= b->section_size_bits || bits >= 64 || !per_root)
		return;
	/* NR_SECTION_ROOTS pointers, SECTIONS_PER_ROOT sections a page */
	roots = (UINT64_C(1) << (bits - b->section_size_bits)) / per_root * 8;
	if (op->kind == MB_OP_ALLOC && op->size == roots &&
	    caller_is(op->caller, "__memblock_alloc_or_panic"))
		ps->m->nr_ops--;
}

void
memblock_line(struct parser *ps, const char *msg)
{
	const char *s = msg;
	char fn[64];

	if (ps->seen_memory)
		return;
	while (ps->stage + 1 < ST_COUNT && enters(ps->stage + 1, msg)) {
		ps->stage++;
		if (ps->stage == ST_SPARSE)
			drop_section_roots(ps);
	}
	dump_line(ps, msg);
	if (!read_fn(&s, fn, sizeof(fn)))
		return;
	if (s[0] == '[')
		range_op(ps, fn, s);
	else
		alloc_op(ps, fn, s);
}

/* The dump region holding the brk reservation is [_text, brk end). A
 * region that starts at the brk itself holds no kernel image before it,
 * and an image past max-physmem-bits cannot be loaded back (a hostile or
 * damaged log): then keep the defaults. */
void
place_kernel(struct parser *ps)
{
	struct machine_kernel *k = &ps->m->kernel;
	struct machine_build *b = &ps->m->build;

	if (!ps->have_brk || ps->brk.last >> ps->m->build.max_physmem_bits)
		return;
	for (size_t i = 0; i < ps->nr_dump; i++) {
		const struct range *r = &ps->dump[i];

		if (r->start < ps->brk.start && ps->brk.last <= r->last) {
			k->text = r->start;
			k->reserve_size = ps->brk.start - r->start;
			k->brk_size = ps->brk.last - ps->brk.start + 1;
			/* the used brk holds the whole early page-table buffer
			 * (INIT_PGT_BUF_SIZE): one smaller than the 5-level
			 * buffer shows a build without CONFIG_X86_5LEVEL (5.10's
			 * Debian build: 13 pages, 12 of them the 4-level buffer) */
			if (k->brk_size < (uint64_t)4 * (b->randomize_memory ? 4 : 2) << 12)
				b->config_5level = false;
			return;
		}
	}
}
