/*
 * dmesg_firmware.c - the firmware memory maps a boot log shows: the e820
 * table, the changes the kernel printed after it (as e820 events) and the
 * SRAT memory and CPU affinity lines.
 */
#include "dmesg_parser.h"

#include <string.h>

#include "e820.h"
#include "xalloc.h"

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

bool
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

/* The name setup_memory_region() prints the map under: the BIOS's e820
 * table, or (2.4, 2.6 i386) a map made up from the BIOS's 88h or e801h
 * memory size. */
static bool
map_who(const char **p)
{
	skip_spaces(p);
	return eat(p, "BIOS-e820: ") || eat(p, "BIOS-88: ") || eat(p, "BIOS-e801: ");
}

bool
e820_map_line(const char *msg)
{
	return map_who(&msg);
}

/* 2.4.0-2.4.3's "000000000009f000 @ 0000000000000000": size @ start. */
static bool
read_size_at_start(const char **p, struct range *r)
{
	const char *s = *p;
	uint64_t size;

	if (!read_hex(&s, &size) || !eat(&s, " @ ") || !read_hex(&s, &r->start) || !size ||
	    r->start > UINT64_MAX - (size - 1))
		return false;
	r->last = r->start + (size - 1);
	*p = s;
	return true;
}

/* "BIOS-e820: [mem a-b] type", " BIOS-e820: a - b (type)" or 2.4's
 * " BIOS-e820: size @ start (type)"; BIOS-88 and BIOS-e801 alike. */
bool
bios_e820(struct parser *ps, const char *msg)
{
	const char *s = msg;
	struct range r;
	uint32_t type;

	if (!map_who(&s))
		return false;
	if (ps->e820_state == 2)
		return true;
	if (!(read_mem_range(&s, &r) || read_old_range(&s, &r) || read_size_at_start(&s, &r)))
		return true;
	skip_spaces(&s);
	if (!read_e820_type(&s, &type))
		return true;
	ps->e820_state = 1;
	add_e820(ps, &r, type);
	return true;
}

/* "e820: update [mem a-b] T ==> U", 2.6's "e820 update range: a - b (T) ==> (U)". */
bool
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
bool
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
bool
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
bool
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
bool
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

unsigned
log_physmem_bits(const struct parser *ps)
{
	unsigned bits = 12;

	if (!ps->seen_max_arch)
		return 0;
	/* max_arch_pfn is 1 << (MAX_PHYSMEM_BITS - PAGE_SHIFT) */
	while (bits < 64 && (ps->max_arch_pfn >> (bits - 12)) > 1)
		bits++;
	return bits >= 32 && bits <= 52 ? bits : 0;
}

/* ------------------------------------------------------------- SRAT */

/* "ACPI: SRAT: Node N PXM P [mem a-b] hotplug non-volatile" (4.x: no ACPI). */
bool
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
bool
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
