/*
 * machine_write.c - a struct machine as XML (see machine_write.h).
 *
 * Everything is written explicitly, defaults included, so that a file
 * says what the engine will use: <build> with every attribute, the
 * kernel placement, BIOS words, the e820 table, the e820 events, the
 * SRAT (CPU entries first, as the loader numbers nodes) and the memblock
 * operations grouped by hook in boot order.
 */
#include "machine_write.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e820.h"
#include "xalloc.h"

struct out {
	char *p;
	size_t len, cap;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	xgrow((void **)&o->p, &o->cap, o->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(o->p + o->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	o->len += (size_t)n;
}

/* s escaped for an attribute or text; unprintable bytes become '?'. */
static void
put_escaped(struct out *o, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': put(o, "&amp;"); break;
		case '<': put(o, "&lt;"); break;
		case '>': put(o, "&gt;"); break;
		case '"': put(o, "&quot;"); break;
		default:
			put(o, "%c", c < 0x20 || c >= 0x7f ? '?' : (char)c);
		}
	}
}

/* Is s non-empty once white space is left out? */
static bool
has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

static const char *
yes_no(bool b)
{
	return b ? "yes" : "no";
}

/* The schema's name for an e820 type, or its number. */
static void
put_type(struct out *o, const char *attr, uint32_t type)
{
	const struct e820_type_names *names = e820_type_names(type);

	if (names) {
		put(o, " %s=\"%s\"", attr, names->xml);
		return;
	}
	put(o, " %s=\"%" PRIu32 "\"", attr, type);
}

/* start="" end="" (inclusive); a zero size is written as one byte. */
static void
put_range(struct out *o, uint64_t start, uint64_t size)
{
	put(o, " start=\"%#" PRIx64 "\" end=\"%#" PRIx64 "\"", start,
	    start + (size ? size - 1 : 0));
}

static void
write_header(struct out *o, const struct machine *m)
{
	put(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<machine name=\"");
	put_escaped(o, has_text(m->name) ? m->name : "machine");
	put(o, "\">\n");
	if (has_text(m->description)) {
		put(o, "  <description>");
		put_escaped(o, m->description);
		put(o, "</description>\n");
	}
	if (has_text(m->kernel_version)) {
		put(o, "  <kernel-version>");
		put_escaped(o, m->kernel_version);
		put(o, "</kernel-version>\n");
	}
	if (has_text(m->cmdline)) {
		put(o, "  <cmdline>");
		put_escaped(o, m->cmdline);
		put(o, "</cmdline>\n");
	}
}

static void
write_build(struct out *o, const struct machine_build *b)
{
	put(o, "  <build model=\"%s\"", machine_model_name(b->model));
	for (size_t i = 0; i < machine_nr_build_attrs; i++) {
		const struct build_attr *a = &machine_build_attrs[i];
		const void *member = (const char *)b + a->offset;

		if (a->written_if_no && *(const bool *)member)
			continue;
		put(o, "%s%s=\"", a->new_line ? "\n         " : " ", a->name);
		switch (a->kind) {
		case BUILD_U32:
		case BUILD_SIZE32:
			put(o, "%" PRIu32, *(const uint32_t *)member);
			break;
		case BUILD_SIZE64:
			put(o, "%#" PRIx64, *(const uint64_t *)member);
			break;
		case BUILD_BOOL:
			put(o, "%s", yes_no(*(const bool *)member));
			break;
		}
		put(o, "\"");
	}
	put(o, "/>\n");
}

static void
write_kernel(struct out *o, const struct machine_kernel *k)
{
	put(o, "  <kernel text=\"%#" PRIx64 "\" reserve-size=\"%#" PRIx64
	    "\" brk-size=\"%#" PRIx64 "\" trampoline-size=\"%#" PRIx64 "\"",
	    k->text, k->reserve_size, k->brk_size, k->trampoline_size);
	if (k->code_k || k->rwdata_k || k->rodata_k || k->init_k || k->bss_k)
		put(o, ">\n    <sizes code=\"%" PRIu64 "K\" rwdata=\"%" PRIu64
		    "K\" rodata=\"%" PRIu64 "K\" init=\"%" PRIu64 "K\" bss=\"%"
		    PRIu64 "K\"/>\n  </kernel>\n", k->code_k, k->rwdata_k,
		    k->rodata_k, k->init_k, k->bss_k);
	else
		put(o, "/>\n");
	if (k->initrd_size) {
		put(o, "  <initrd");
		put_range(o, k->initrd_start, k->initrd_size);
		put(o, "/>\n");
	}
	put(o, "  <bios basemem=\"%" PRIu32 "K\" ebda=\"%#" PRIx32
	    "\" reserve-regions=\"%s\"/>\n", k->bios_basemem_kb, k->bios_ebda,
	    yes_no(k->reserve_bios_regions));
}

static void
write_e820(struct out *o, const struct machine *m)
{
	put(o, "  <e820>\n");
	for (size_t i = 0; i < m->nr_e820; i++) {
		put(o, "    <entry");
		put_range(o, m->e820[i].addr, m->e820[i].size);
		put_type(o, "type", m->e820[i].type);
		put(o, "/>\n");
	}
	put(o, "  </e820>\n");
}

static void
write_event(struct out *o, const struct machine_e820_event *ev)
{
	static const char *const kinds[] = {
		[E820_EV_UPDATE] = "update", [E820_EV_REMOVE] = "remove",
		[E820_EV_ADD] = "add", [E820_EV_TABLE] = "table",
	};

	put(o, "    <%s hook=\"%s\"", kinds[ev->kind],
	    ev->hook == E820_AT_MTRR ? "mtrr" : "early");
	if (ev->kind == E820_EV_TABLE) {
		put(o, " header=\"");
		put_escaped(o, ev->header);
		put(o, "\" who=\"");
		put_escaped(o, ev->who);
		put(o, "\"/>\n");
		return;
	}
	put_range(o, ev->start, ev->size);
	if (ev->kind == E820_EV_UPDATE) {
		put_type(o, "from", ev->old_type);
		put_type(o, "to", ev->new_type);
	} else if (ev->kind == E820_EV_ADD) {
		put_type(o, "type", ev->new_type);
	} else if (ev->check_type) {
		put_type(o, "type", ev->old_type);
	}
	put(o, "/>\n");
}

static void
write_events(struct out *o, const struct machine *m)
{
	if (!m->nr_e820_events)
		return;
	put(o, "  <e820-events>\n");
	for (size_t i = 0; i < m->nr_e820_events; i++)
		write_event(o, &m->e820_events[i]);
	put(o, "  </e820-events>\n");
}

static void
write_srat(struct out *o, const struct machine *m)
{
	if (!m->has_srat)
		return;
	put(o, "  <srat>\n");
	for (size_t i = 0; i < m->nr_srat_cpu; i++) {
		const struct machine_srat_cpu *c = &m->srat_cpu[i];

		put(o, "    <cpu pxm=\"%" PRIu32 "\" apic-id=\"%#" PRIx32 "\" x2apic=\"%s\" enabled=\"%s\"/>\n",
		    c->pxm, c->apic_id, yes_no(c->x2apic), yes_no(c->enabled));
	}
	for (size_t i = 0; i < m->nr_srat_mem; i++) {
		const struct machine_srat_mem *s = &m->srat_mem[i];

		put(o, "    <memory pxm=\"%" PRIu32 "\"", s->pxm);
		put_range(o, s->base, s->length);
		put(o, " enabled=\"%s\" hotplug=\"%s\" nonvolatile=\"%s\"/>\n",
		    yes_no(s->enabled), yes_no(s->hotplug), yes_no(s->nonvolatile));
	}
	put(o, "  </srat>\n");
}

/* A caller the schema's symbol pattern accepts (checked by the parser
 * that made it); anything else is left out rather than invalidate. */
static bool
plain_caller(const char *c)
{
	return c[0] && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			      "0123456789_.$+/") == strlen(c);
}

static void
write_op(struct out *o, const struct mb_op *op)
{
	static const char *const kinds[] = {
		[MB_OP_ADD] = "add", [MB_OP_REMOVE] = "remove",
		[MB_OP_RESERVE] = "reserve", [MB_OP_FREE] = "free",
		[MB_OP_ALLOC] = "alloc", [MB_OP_BOTTOM_UP] = "bottom-up",
	};

	put(o, "      <%s", kinds[op->kind]);
	if (op->kind == MB_OP_ALLOC) {
		put(o, " size=\"%#" PRIx64 "\" align=\"%#" PRIx64 "\" min-addr=\"%#"
		    PRIx64 "\" max-addr=\"%#" PRIx64 "\" nid=\"%d\" exact-nid=\"%s\" api=\"%s\"",
		    op->size, op->align, op->min_addr, op->max_addr, op->nid,
		    yes_no(op->exact_nid), machine_alloc_api_name(op->api));
	} else if (op->kind == MB_OP_BOTTOM_UP) {
		put(o, " enable=\"%s\"", yes_no(op->bottom_up));
	} else {
		put_range(o, op->base, op->size);
	}
	if (plain_caller(op->caller))
		put(o, " caller=\"%s\"", op->caller);
	put(o, "/>\n");
}

static void
write_memblock(struct out *o, const struct machine *m)
{
	if (!m->nr_ops)
		return;
	put(o, "  <memblock>\n");
	for (int h = 0; h < HOOK_COUNT; h++) {
		bool open = false;

		for (size_t i = 0; i < m->nr_ops; i++) {
			if ((int)m->ops[i].hook != h)
				continue;
			if (!open)
				put(o, "    <at hook=\"%s\">\n",
				    machine_hook_name((enum boot_hook)h));
			open = true;
			write_op(o, &m->ops[i]);
		}
		if (open)
			put(o, "    </at>\n");
	}
	put(o, "  </memblock>\n");
}

char *
machine_write_xml(const struct machine *m, size_t *len)
{
	struct out o = { 0 };

	write_header(&o, m);
	write_build(&o, &m->build);
	write_kernel(&o, &m->kernel);
	write_e820(&o, m);
	write_events(&o, m);
	write_srat(&o, m);
	write_memblock(&o, m);
	put(&o, "</machine>\n");
	if (len)
		*len = o.len;
	return o.p;
}
