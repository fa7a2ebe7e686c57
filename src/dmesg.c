/*
 * dmesg.c - a boot log to a machine description (see dmesg.h).
 *
 * One pass over the lines, each copied into a bounded buffer, stripped of
 * its prefixes and handed to small recognisers. What is taken:
 *  - the first BIOS-e820 table ("[mem a-b] type", or 2.6's "a - b (type)"
 *    with an exclusive end);
 *  - the e820 changes printed after it, as e820 events: before the first
 *    "last_pfn" line at E820_AT_EARLY, between the first and the second
 *    at E820_AT_MTRR; trim_bios_range's two lines, the user-defined map
 *    and mem='s removal are left out because the engine derives them;
 *  - SRAT memory and CPU affinity lines, in log order;
 *  - "Linux version", "Command line:", "RAMDISK:", max_arch_pfn, the
 *    first NODE_DATA size, the "Memory:" line's sizes, i686 markers;
 *  - with memblock=debug, the memblock calls the engine does not derive,
 *    by the same rules as tools/trace2machine.py.
 * A second "Linux version" line after the e820 table ends the first boot.
 */
#include "dmesg.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e820.h"
#include "profile.h"
#include "xalloc.h"

/* Points of the boot a memblock=debug trace passes, in order. */
enum stage {
	ST_SETUP_ARCH,
	ST_INIT_MEM_MAPPING,
	ST_ACPI_TABLE_INIT,
	ST_NUMA,		/* NODE_DATA: derived, dropped */
	ST_AFTER_NUMA,
	ST_SPARSE,		/* sparse_init: derived, dropped */
	ST_AFTER_PAGING_INIT,
	ST_START_KERNEL,
	ST_MM_INIT,
	ST_COUNT
};

struct range {
	uint64_t start, last;	/* inclusive */
};

struct parser {
	struct dmesg *d;
	struct machine *m;
	int line;
	size_t cap_e820, cap_ev, cap_mem, cap_cpu, cap_ops, cap_dump;
	int e820_state;			/* 0 before the table, 1 in it, 2 after */
	int nr_last_pfn;
	bool skipped_trim_update, skipped_trim_remove;
	bool in_user_table;		/* lines of "user-defined physical RAM map:" */
	bool pending_who;		/* last event is a table waiting for its lines */
	bool seen_version, done, seen_memory, seen_node_data, seen_max_arch;
	bool saw_numa;			/* the kernel printed NUMA lines */
	int zone_block;			/* 0 before "Zone ranges:", 1 in it, 2 after */
	bool zone_seen[5];		/* DMA, DMA32, Normal, HighMem, Device */
	uint64_t highmem_start;
	uint64_t max_arch_pfn;
	/* memblock=debug */
	enum stage stage;
	int dump_state;			/* 0 none yet, 1 in the first, 2 after it */
	struct range *dump;		/* reserved regions of the first dump */
	size_t nr_dump;
	bool have_brk;
	struct range brk;
};

/* ------------------------------------------------------------ text */

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex digits (an optional 0x first) at *p; false on none or overflow. */
static bool
read_hex(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int n = 0, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (; (d = hex_value(*s)) >= 0; s++, n++) {
		if (v >> 60)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	if (!n)
		return false;
	*p = s;
	*out = v;
	return true;
}

/* Decimal digits at *p; false on none or overflow. */
static bool
read_dec(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (!is_digit(*s))
		return false;
	for (; is_digit(*s); s++) {
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*out = v;
	return true;
}

/* A decimal that fits in 32 bits. */
static bool
read_u32(const char **p, uint32_t *out)
{
	uint64_t v;

	if (!read_dec(p, &v) || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* Skip the literal lit at *p; false when it is not there. */
static bool
eat(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

static void
skip_spaces(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* "[mem 0xa-0xb]" (inclusive end) at *p. */
static bool
read_mem_range(const char **p, struct range *r)
{
	const char *s = *p;

	if (!eat(&s, "[mem ") || !read_hex(&s, &r->start) || !eat(&s, "-") ||
	    !read_hex(&s, &r->last) || !eat(&s, "]") || r->last < r->start)
		return false;
	*p = s;
	return true;
}

/* 2.6's "0000000000000000 - 000000000009fc00" (exclusive end) at *p. */
static bool
read_old_range(const char **p, struct range *r)
{
	const char *s = *p;
	uint64_t end;

	if (!read_hex(&s, &r->start) || !eat(&s, " - ") || !read_hex(&s, &end) ||
	    end <= r->start)
		return false;
	r->last = end - 1;
	*p = s;
	return true;
}

/* ------------------------------------------------------- prefixes */

static bool
matches_template(const char *s, const char *tmpl)
{
	/* 'A' a letter, '9' a digit, '_' a digit or space, others literal */
	for (; *tmpl; tmpl++, s++) {
		char c = *s;

		if (*tmpl == 'A' ? !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) :
		    *tmpl == '9' ? !is_digit(c) :
		    *tmpl == '_' ? !(is_digit(c) || c == ' ') : c != *tmpl)
			return false;
	}
	return true;
}

/* "[    0.000000] " or dmesg -T's "[Mon Jan  1 00:00:00 2024] ". */
static const char *
skip_timestamp(const char *s)
{
	const char *p = s + 1;

	if (s[0] != '[')
		return s;
	if (matches_template(s, "[AAA AAA _9 99:99:99 9999]"))
		p = s + 26;
	else {
		while (*p == ' ')
			p++;
		if (!is_digit(*p))
			return s;
		while (is_digit(*p))
			p++;
		if (*p == '.') {
			p++;
			while (is_digit(*p))
				p++;
		}
		if (*p != ']')
			return s;
		p++;
	}
	return *p == ' ' ? p + 1 : p;
}

/* "<6>" */
static const char *
skip_level(const char *s)
{
	const char *p = s + 1;

	if (s[0] != '<' || !is_digit(*p))
		return s;
	while (is_digit(*p) && p - s < 5)
		p++;
	return *p == '>' ? p + 1 : s;
}

/* "Mon DD HH:MM:SS host kernel: " or "2022-04-14T19:46:19+0000 host kernel: " */
static const char *
skip_syslog(const char *s)
{
	const char *k;

	if (!matches_template(s, "AAA _9 99:99:99 ") &&
	    !matches_template(s, "9999-99-99T99:99:99") &&
	    !matches_template(s, "9999-99-99 99:99:99"))
		return s;
	k = strstr(s, " kernel: ");
	if (!k || k - s > 160)
		return s;
	return k + 9;
}

/* dmesg -x's "kern  :info  : " */
static const char *
skip_facility(const char *s)
{
	const char *p = s;

	if (!eat(&p, "kern"))
		return s;
	skip_spaces(&p);
	if (*p++ != ':')
		return s;
	while (*p >= 'a' && *p <= 'z')
		p++;
	skip_spaces(&p);
	if (*p++ != ':')
		return s;
	return *p == ' ' ? p + 1 : p;
}

const char *
dmesg_message(const char *line)
{
	const char *s = skip_syslog(line);

	s = skip_facility(s);
	s = skip_level(s);
	s = skip_timestamp(s);
	if (starts(s, "kernel: "))
		s += 8;
	return s;
}

/* ------------------------------------------------------- e820 types */

/* The type e820_print_type() printed, in the names before 7.x or from
 * it; false when not recognised. */
static bool
read_e820_type(const char **p, uint32_t *type)
{
	const char *s = *p;
	bool paren = eat(&s, "(");
	size_t i = 0;

	while (i < e820_nr_types && !(e820_types[i].kernel && eat(&s, e820_types[i].kernel)) &&
	       !(e820_types[i].kernel_7 && eat(&s, e820_types[i].kernel_7)))
		i++;
	if (i < e820_nr_types) {
		*type = e820_types[i].type;
	} else {
		bool persistent = eat(&s, "persistent (type ") || eat(&s, "persistent RAM (type ");

		if (!persistent && !eat(&s, "type "))
			return false;
		if (!read_u32(&s, type) || (persistent && !eat(&s, ")")))
			return false;
	}
	if (paren && !eat(&s, ")"))
		return false;
	*p = s;
	return *type != 0;
}

/* ------------------------------------------------------------ store */

static bool
fits(const struct parser *ps, const struct range *r)
{
	(void)ps;
	return r->last < (UINT64_C(1) << 52);
}

static void
add_e820(struct parser *ps, const struct range *r, uint32_t type)
{
	struct machine *m = ps->m;

	if (!fits(ps, r)) {
		ps->d->nr_dropped++;
		return;
	}
	if (m->nr_e820 >= MACHINE_MAX_E820)
		return;
	xgrow((void **)&m->e820, &ps->cap_e820, m->nr_e820 + 1, sizeof(*m->e820));
	m->e820[m->nr_e820++] = (struct machine_e820){
		.addr = r->start, .size = r->last - r->start + 1, .type = type,
		.line = ps->line };
}

static struct machine_e820_event *
new_event(struct parser *ps, enum e820_event_kind kind)
{
	struct machine *m = ps->m;
	struct machine_e820_event *ev;

	if (m->nr_e820_events >= MACHINE_MAX_E820_EVENTS)
		return NULL;
	xgrow((void **)&m->e820_events, &ps->cap_ev, m->nr_e820_events + 1,
	      sizeof(*m->e820_events));
	ev = &m->e820_events[m->nr_e820_events++];
	*ev = (struct machine_e820_event){
		.kind = kind,
		.hook = ps->nr_last_pfn == 0 ? E820_AT_EARLY : E820_AT_MTRR,
		.line = ps->line };
	ps->pending_who = false;
	return ev;
}

static void
range_event(struct parser *ps, enum e820_event_kind kind, const struct range *r,
	    uint32_t old_type, uint32_t new_type, bool check_type)
{
	struct machine_e820_event *ev;

	if (!fits(ps, r)) {
		ps->d->nr_dropped++;
		return;
	}
	ev = new_event(ps, kind);
	if (!ev)
		return;
	ev->start = r->start;
	ev->size = r->last - r->start + 1;
	ev->old_type = old_type;
	ev->new_type = new_type;
	ev->check_type = check_type;
}

/* ------------------------------------------------------- e820 lines */

/* "BIOS-e820: [mem a-b] type" or " BIOS-e820: a - b (type)". */
static bool
bios_e820(struct parser *ps, const char *msg)
{
	const char *s = msg;
	struct range r;
	uint32_t type;

	skip_spaces(&s);
	if (!eat(&s, "BIOS-e820: "))
		return false;
	if (ps->e820_state == 2)
		return true;
	if (!(read_mem_range(&s, &r) || read_old_range(&s, &r)))
		return true;
	skip_spaces(&s);
	if (!read_e820_type(&s, &type))
		return true;
	ps->e820_state = 1;
	add_e820(ps, &r, type);
	return true;
}

/* "e820: update [mem a-b] T ==> U", 2.6's "e820 update range: a - b (T) ==> (U)". */
static bool
e820_update(struct parser *ps, const char *msg)
{
	const char *s = msg;
	struct range r;
	uint32_t from, to;

	if (eat(&s, "e820: update ")) {
		if (!read_mem_range(&s, &r))
			return true;
	} else if (eat(&s, "e820 update range: ")) {
		if (!read_old_range(&s, &r))
			return true;
	} else {
		return false;
	}
	skip_spaces(&s);
	if (!read_e820_type(&s, &from) || !eat(&s, " ==> ") ||
	    !read_e820_type(&s, &to))
		return true;
	if (!ps->skipped_trim_update && ps->nr_last_pfn == 0 && r.start == 0 &&
	    r.last == 0xfff && from == E820_TYPE_RAM && to == E820_TYPE_RESERVED) {
		ps->skipped_trim_update = true;	/* trim_bios_range */
		return true;
	}
	range_event(ps, E820_EV_UPDATE, &r, from, to, false);
	return true;
}

/* "e820: remove [mem a-b] [T]", 2.6's "e820 remove range: a - b [(T)]". */
static bool
e820_remove(struct parser *ps, const char *msg)
{
	const char *s = msg;
	struct range r;
	uint32_t type = 0;
	bool check;

	if (eat(&s, "e820: remove ")) {
		if (!read_mem_range(&s, &r))
			return true;
	} else if (eat(&s, "e820 remove range: ")) {
		if (!read_old_range(&s, &r))
			return true;
	} else {
		return false;
	}
	skip_spaces(&s);
	check = read_e820_type(&s, &type);
	if (!ps->skipped_trim_remove && ps->nr_last_pfn == 0 &&
	    r.start == 0xa0000 && r.last == 0xfffff && type == E820_TYPE_RAM) {
		ps->skipped_trim_remove = true;	/* trim_bios_range */
		return true;
	}
	if (r.last == UINT64_MAX)
		return true;			/* mem=, from the command line */
	range_event(ps, E820_EV_REMOVE, &r, type, 0, check);
	return true;
}

/* "extended physical RAM map:", "modified physical RAM map:", ... */
static bool
e820_table_header(struct parser *ps, const char *msg)
{
	static const char suffix[] = "physical RAM map:";
	const char *s = msg;
	struct machine_e820_event *ev;
	size_t len = strlen(msg);

	if (len < sizeof(suffix) - 1 ||
	    strcmp(msg + len - (sizeof(suffix) - 1), suffix) != 0)
		return false;
	if (strstr(msg, "BIOS-provided"))
		return true;
	if (strstr(msg, "user-defined")) {
		ps->in_user_table = true;	/* from mem=/memmap= */
		return true;
	}
	if (len >= sizeof(ev->header))
		return true;
	ev = new_event(ps, E820_EV_TABLE);
	if (!ev)
		return true;
	memcpy(ev->header, s, len + 1);
	ps->pending_who = true;
	return true;
}

/* "reserve setup_data: [mem a-b] type": names the pending table. */
static bool
e820_table_entry(struct parser *ps, const char *msg)
{
	const char *colon = strstr(msg, ": ");
	const char *s;
	struct range r;
	size_t len;

	if (!colon || colon - msg > 40)
		return false;
	s = colon + 2;
	if (!read_mem_range(&s, &r) && !read_old_range(&s, &r))
		return false;
	if (ps->in_user_table)
		return true;
	if (!ps->pending_who)
		return false;
	while (*msg == ' ')
		msg++;
	len = (size_t)(colon - msg);
	if (len < sizeof(ps->m->e820_events[0].who)) {
		struct machine_e820_event *ev =
			&ps->m->e820_events[ps->m->nr_e820_events - 1];

		memcpy(ev->who, msg, len);
		ev->who[len] = '\0';
	}
	ps->pending_who = false;
	return true;
}

/* "last_pfn = 0x... max_arch_pfn = 0x..." (4.x: "e820: last_pfn = ..."). */
static bool
last_pfn(struct parser *ps, const char *msg)
{
	const char *s = strstr(msg, "last_pfn = ");
	const char *a;
	uint64_t pfn;

	if (!s || (s != msg && !starts(msg, "e820: ")))
		return false;
	ps->nr_last_pfn++;
	ps->pending_who = false;
	ps->in_user_table = false;
	a = strstr(s, "max_arch_pfn = ");
	if (a && !ps->seen_max_arch) {
		a += 15;
		if (read_hex(&a, &pfn) && pfn) {
			ps->seen_max_arch = true;
			ps->max_arch_pfn = pfn;
		}
	}
	return true;
}

/* ------------------------------------------------------------- SRAT */

/* "ACPI: SRAT: Node N PXM P [mem a-b] hotplug non-volatile" (4.x: no ACPI). */
static bool
srat_memory(struct parser *ps, const char *msg)
{
	const char *s = msg;
	struct machine *m = ps->m;
	struct machine_srat_mem *e;
	uint32_t node, pxm;
	struct range r;

	eat(&s, "ACPI: ");
	if (!eat(&s, "SRAT: Node "))
		return false;
	if (!read_u32(&s, &node) || !eat(&s, " PXM ") || !read_u32(&s, &pxm) ||
	    !eat(&s, " ") || !read_mem_range(&s, &r))
		return true;
	if (!fits(ps, &r)) {
		ps->d->nr_dropped++;
		return true;
	}
	if (m->nr_srat_mem >= MACHINE_MAX_SRAT)
		return true;
	xgrow((void **)&m->srat_mem, &ps->cap_mem, m->nr_srat_mem + 1,
	      sizeof(*m->srat_mem));
	e = &m->srat_mem[m->nr_srat_mem++];
	*e = (struct machine_srat_mem){
		.pxm = pxm, .base = r.start, .length = r.last - r.start + 1,
		.enabled = true, .hotplug = strstr(s, "hotplug") != NULL,
		.nonvolatile = strstr(s, "non-volatile") != NULL,
		.line = ps->line };
	m->has_srat = true;
	return true;
}

/* "SRAT: PXM P -> APIC 0x.. -> Node N" (4 hex digits: an x2APIC entry). */
static bool
srat_cpu(struct parser *ps, const char *msg)
{
	const char *s = msg, *digits;
	struct machine *m = ps->m;
	uint32_t pxm;
	uint64_t apic;
	bool x2apic;

	if (!eat(&s, "SRAT: PXM "))
		return false;
	if (!read_u32(&s, &pxm) || !eat(&s, " -> APIC "))
		return true;
	if (eat(&s, "0x")) {
		digits = s;
		if (!read_hex(&s, &apic))
			return true;
		x2apic = s - digits > 2 || apic > 0xff;
	} else {
		if (!read_dec(&s, &apic))
			return true;
		x2apic = apic > 0xff;
	}
	if (apic > UINT32_MAX || !eat(&s, " -> Node ") ||
	    m->nr_srat_cpu >= MACHINE_MAX_CPUS)
		return true;
	xgrow((void **)&m->srat_cpu, &ps->cap_cpu, m->nr_srat_cpu + 1,
	      sizeof(*m->srat_cpu));
	m->srat_cpu[m->nr_srat_cpu++] = (struct machine_srat_cpu){
		.pxm = pxm, .apic_id = (uint32_t)apic, .x2apic = x2apic,
		.enabled = true, .line = ps->line };
	m->has_srat = true;
	return true;
}

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

static bool
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
	if (strstr(s, "i686") || strstr(s, "i586") || strstr(s, "i386"))
		ps->d->x86_32 = true;
	return true;
}

static bool
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
static bool
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
static bool
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
static bool
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

/* i686: a HighMem zone line or "NNNMB HIGHMEM available." */
/* "  DMA zone: N pages reserved" (KERN_DEBUG, kernels up to 5.13). */
static void
dma_reserved(struct parser *ps, const char *msg)
{
	unsigned long n;
	char tail[16];

	if (ps->d->dma_reserved < 0 &&
	    sscanf(msg, "  DMA zone: %lu pages reserve%15s", &n, tail) == 2 &&
	    strcmp(tail, "d") == 0 && n < (1ul << 20))
		ps->d->dma_reserved = (long)n;
}

/* probe_page_size_mask() says when the CPU maps 1 GiB pages; bootmem's
 * double-reservation warning shows a CONFIG_DEBUG_BOOTMEM build. */
static void
build_hints(struct parser *ps, const char *msg)
{
	if (starts(msg, "Using GB pages for direct mapping"))
		ps->m->build.gbpages = true;
	else if (starts(msg, "hm, page ") && strstr(msg, " reserved twice."))
		ps->m->build.debug_bootmem = true;
}

static void
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
static void
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

/* ------------------------------------------------ memblock=debug */

static const char *const derived_callers[] = {
	"setup_arch", "e820__memblock_setup", "reserve_real_mode",
	"init_mem_mapping", "alloc_low_pages", "memblock_alloc_range_nid", "sparse_init",
	"sparse_index_alloc", "sparse_init_nid", "vmemmap_alloc_block_zero",
	"vmemmap_populate", "alloc_large_system_hash",
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
	case ST_SPARSE: return strstr(msg, "sparse_init+") != NULL;
	case ST_AFTER_PAGING_INIT: return starts(msg, "Initmem setup node");
	case ST_START_KERNEL:
		return starts(msg, "setup_percpu:") || contains_pcpu_or_start(msg);
	case ST_MM_INIT: return built_zonelists(msg);
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

/* The memblock function name at *p, up to ": ". */
static bool
read_fn(const char **p, char *fn, size_t len)
{
	const char *s = *p;
	size_t n = 0;

	if (!starts(s, "memblock_"))
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

/* "memblock_reserve: [0xa-0xb] caller" */
static void
range_op(struct parser *ps, const char *fn, const char *s)
{
	static const struct {
		const char *fn;
		enum mb_op_kind kind;
	} kinds[] = {
		{ "memblock_add", MB_OP_ADD }, { "memblock_remove", MB_OP_REMOVE },
		{ "memblock_reserve", MB_OP_RESERVE },
		{ "memblock_phys_free", MB_OP_FREE }, { "memblock_free", MB_OP_FREE },
	};
	struct range r;
	struct mb_op *op;

	if (!eat(&s, "[") || !read_hex(&s, &r.start) || !eat(&s, "-") ||
	    !read_hex(&s, &r.last) || !eat(&s, "] ") || r.last < r.start ||
	    !fits(ps, &r) || strchr(s, ' '))
		return;
	if (!ps->have_brk && strcmp(fn, "memblock_reserve") == 0 &&
	    caller_is(s, "setup_arch")) {
		ps->have_brk = true;
		ps->brk = r;
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
	if (caller_is(s, "reserve_real_mode") && size && size < (1u << 20))
		ps->m->kernel.trampoline_size = size;
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

static void
memblock_line(struct parser *ps, const char *msg)
{
	const char *s = msg;
	char fn[64];

	if (ps->seen_memory)
		return;
	while (ps->stage + 1 < ST_COUNT && enters(ps->stage + 1, msg))
		ps->stage++;
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
static void
place_kernel(struct parser *ps)
{
	struct machine_kernel *k = &ps->m->kernel;

	if (!ps->have_brk || ps->brk.last >> ps->m->build.max_physmem_bits)
		return;
	for (size_t i = 0; i < ps->nr_dump; i++) {
		const struct range *r = &ps->dump[i];

		if (r->start < ps->brk.start && ps->brk.last <= r->last) {
			k->text = r->start;
			k->reserve_size = ps->brk.start - r->start;
			k->brk_size = ps->brk.last - ps->brk.start + 1;
			return;
		}
	}
}

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
	if (ps->e820_state == 1 && !starts(msg, "BIOS-e820") &&
	    !starts(msg, " BIOS-e820"))
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
	unsigned bits = 12;

	if (ps->seen_max_arch) {
		while (bits < 64 && (ps->max_arch_pfn >> (bits - 12)) > 1)
			bits++;
		if (bits >= 32 && bits <= 52)
			b->max_physmem_bits = bits;
	}
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
	struct parser ps = { .d = d, .m = &d->m };
	char *line = xmalloc(DMESG_LINE_MAX);
	size_t pos = 0;

	memset(d, 0, sizeof(*d));
	d->dma_reserved = -1;
	machine_init_defaults(&d->m);
	if (file)
		d->m.file = xstrdup(file);
	machine_name(&d->m, file);
	while (pos < len && !ps.done) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;

		ps.line++;
		copy_line(line, buf + pos, n);
		handle(&ps, dmesg_message(line));
		pos += n + 1;
	}
	free(line);
	finish_build(&ps);
	finish_low_memory(&d->m);
	machine_fit_phys_limit(&d->m);
	finish_ops(&ps, &d->m);
	free(ps.dump);
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
