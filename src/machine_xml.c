/*
 * machine_xml.c - machine descriptions from XML.
 *
 * Three passes over one buffer, each of which may fail with one diag:
 *  1. parse with libxml2, network off; SAX hooks stop the parser at the
 *     first entity declaration or at the end of any DOCTYPE, so nothing is
 *     ever declared, expanded or fetched (xml_doc.c);
 *  2. validate the tree against the RelaxNG schema compiled into the
 *     program (machines/memboot.rng), reporting the first error (xml_doc.c);
 *  3. walk the tree, convert every value and check what the schema cannot
 *     (ranges, limits, names), filling the struct machine: the elements
 *     here, <memblock> in machine_xml_memblock.c, the value readers in
 *     machine_xml_values.c.
 * machines/README.md is the format reference.
 */
#include "machine_xml.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "builtin.h"
#include "e820.h"
#include "machine_xml_loader.h"
#include "profile.h"
#include "xml_doc.h"
#include "xalloc.h"

/* The <build> attributes that bound no other, in table order. */
static int
load_build_attrs(struct loader *ld, xmlNodePtr n, struct machine_build *b)
{
	for (size_t i = 0; i < machine_nr_build_attrs; i++) {
		const struct build_attr *a = &machine_build_attrs[i];
		void *member = (char *)b + a->offset;
		int ret = 0;

		if (a->shapes_bounds)
			continue;
		switch (a->kind) {
		case BUILD_U32:
			ret = mx_get_u32_in(ld, n, a->name, a->min, a->max, member);
			break;
		case BUILD_SIZE32:
			ret = mx_get_u32(ld, n, a->name, NUM_SIZE, member);
			break;
		case BUILD_SIZE64:
			ret = mx_get_u64(ld, n, a->name, NUM_SIZE, member);
			break;
		case BUILD_BOOL:
			ret = mx_get_bool(ld, n, a->name, member);
			break;
		}
		if (ret)
			return -1;
	}
	return 0;
}

static int
load_build(struct loader *ld, xmlNodePtr n)
{
	struct machine_build *b = &ld->m->build;
	char *model = mx_attr(n, "model");

	if (model) {
		int found = machine_model_from_name(model);

		if (found < 0)
			mx_fail(ld, n, "model \"%s\" is not flatmem, sparsemem or "
			     "sparsemem-vmemmap.", model);
		else
			b->model = (enum mem_model)found;
		xmlFree(model);
		if (found < 0)
			return -1;
	}
	if (mx_get_u32_in(ld, n, "page-shift", 0, 63, &b->page_shift))
		return -1;
	/* the attribute exists so that a file says what it assumes */
	if (b->page_shift != 12)
		return mx_fail(ld, n, "page-shift \"%u\" is not 12: x86's base pages are "
			    "4 KiB, the only size memboot models.", b->page_shift);
	/* x86: 32 (i386), 36 (PAE), 46 (4-level paging) or 52 (5-level) */
	if (mx_get_u32_in(ld, n, "max-physmem-bits", 32, 52, &b->max_physmem_bits) ||
	    mx_get_u32_in(ld, n, "section-size-bits", b->page_shift,
		       b->max_physmem_bits, &b->section_size_bits) ||
	    mx_get_u32_in(ld, n, "max-order", 1, 20, &b->max_order) ||
	    mx_get_u32_in(ld, n, "pageblock-order", 0, b->max_order - 1,
		       &b->pageblock_order) ||
	    load_build_attrs(ld, n, b))
		return -1;
	/* one page holds SECTIONS_PER_ROOT mem_sections, so a mem_section is
	 * at most a page; struct page and the usemap are small structures */
	if (b->struct_page_size < 1 || b->struct_page_size > 4096)
		return mx_fail(ld, n, "struct-page-size \"%u\" is outside 1..4096 bytes.",
			    b->struct_page_size);
	if (b->mem_section_size < 8 || b->mem_section_size > 4096)
		return mx_fail(ld, n, "mem-section-size \"%u\" is outside 8..4096 bytes (a "
			    "section root is one page of them).", b->mem_section_size);
	if (b->usemap_size < 1 || b->usemap_size > 4096)
		return mx_fail(ld, n, "usemap-size \"%u\" is outside 1..4096 bytes.",
			    b->usemap_size);
	/* mmzone.h's build check: a free block of the top order must fit
	 * in a section */
	if (b->page_shift + b->max_order - 1 > b->section_size_bits)
		return mx_fail(ld, n, "section-size-bits \"%u\" is smaller than a "
			    "max-order block (page-shift %u + max-order %u - 1): "
			    "the kernel does not build so.", b->section_size_bits,
			    b->page_shift, b->max_order);
	return 0;
}

static int
load_kernel(struct loader *ld, xmlNodePtr n)
{
	struct machine_kernel *k = &ld->m->kernel;

	if (mx_get_u64(ld, n, "text", NUM_SIZE, &k->text) ||
	    mx_get_u64(ld, n, "reserve-size", NUM_SIZE, &k->reserve_size) ||
	    mx_get_u64(ld, n, "brk-size", NUM_SIZE, &k->brk_size) ||
	    mx_get_u64(ld, n, "trampoline-size", NUM_SIZE, &k->trampoline_size))
		return -1;
	if (k->reserve_size == 0)
		return mx_fail(ld, n, "reserve-size \"0\" leaves no kernel image.");
	if (k->reserve_size + k->brk_size < k->reserve_size ||
	    k->reserve_size + k->brk_size - 1 > UINT64_MAX - k->text ||
	    k->text + k->reserve_size + k->brk_size > ld->phys_limit)
		return mx_fail(ld, n, "the image at text \"%#" PRIx64 "\" with "
			    "reserve-size \"%#" PRIx64 "\" and brk-size \"%#"
			    PRIx64 "\" goes past the physical address limit.",
			    k->text, k->reserve_size, k->brk_size);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!mx_is_element(c, "sizes"))
			continue;
		if (mx_get_kib(ld, c, "code", &k->code_k) ||
		    mx_get_kib(ld, c, "rwdata", &k->rwdata_k) ||
		    mx_get_kib(ld, c, "rodata", &k->rodata_k) ||
		    mx_get_kib(ld, c, "init", &k->init_k) ||
		    mx_get_kib(ld, c, "bss", &k->bss_k))
			return -1;
	}
	return 0;
}

static int
load_initrd(struct loader *ld, xmlNodePtr n)
{
	struct machine_kernel *k = &ld->m->kernel;

	if (mx_get_range(ld, n, &k->initrd_start, &k->initrd_size))
		return -1;
	if (k->initrd_start == 0)
		return mx_fail(ld, n, "start \"0\" is not allowed: the boot "
			    "protocol reads address 0 as no initrd.");
	return 0;
}

static int
load_bios(struct loader *ld, xmlNodePtr n)
{
	struct machine_kernel *k = &ld->m->kernel;
	uint64_t basemem = k->bios_basemem_kb, ebda = k->bios_ebda;

	if (mx_get_kib(ld, n, "basemem", &basemem) ||
	    mx_get_u64(ld, n, "ebda", NUM_SIZE, &ebda) ||
	    mx_get_bool(ld, n, "reserve-regions", &k->reserve_bios_regions))
		return -1;
	if (basemem > 0xffff)
		return mx_fail(ld, n, "basemem \"%" PRIu64 "K\" does not fit in "
			    "the 16-bit BIOS word at 0x413.", basemem);
	if (ebda > 0xffff0 || (ebda & 15))
		return mx_fail(ld, n, "ebda \"%#" PRIx64 "\" is not a real-mode "
			    "segment address (a multiple of 16 below 1 MiB).",
			    ebda);
	k->bios_basemem_kb = (uint32_t)basemem;
	k->bios_ebda = (uint32_t)ebda;
	return 0;
}

static int
e820_type(struct loader *ld, xmlNodePtr n, uint32_t *type)
{
	char *s = mx_attr(n, "type");
	bool named = false;

	if (!s)
		return mx_missing(ld, n, "type");
	for (size_t i = 0; i < e820_nr_types; i++) {
		if (strcmp(s, e820_types[i].xml) == 0) {
			*type = e820_types[i].type;
			named = true;
		}
	}
	xmlFree(s);
	return named ? 0 : mx_get_u32(ld, n, "type", NUM_PLAIN, type);
}

static int
load_e820(struct loader *ld, xmlNodePtr n)
{
	struct machine *m = ld->m;

	for (xmlNodePtr c = n->children; c; c = c->next) {
		struct machine_e820 *e;

		if (!mx_is_element(c, "entry"))
			continue;
		if (m->nr_e820 == MACHINE_MAX_E820)
			return mx_fail(ld, c, "entry %zu is one too many: a machine "
				    "has at most %d e820 entries.",
				    m->nr_e820 + 1, MACHINE_MAX_E820);
		xgrow((void **)&m->e820, &ld->cap_e820, m->nr_e820 + 1,
		      sizeof(*m->e820));
		e = &m->e820[m->nr_e820];
		*e = (struct machine_e820){ .line = xml_node_line(c) };
		if (mx_get_range(ld, c, &e->addr, &e->size) ||
		    e820_type(ld, c, &e->type))
			return -1;
		m->nr_e820++;
	}
	return 0;
}

/* ---------------------------------------------------- e820 events */

/* An optional e820 type attribute; *present tells whether it was there. */
static int
e820_type_opt(struct loader *ld, xmlNodePtr n, const char *name,
	      uint32_t *type, bool *present)
{
	char *s = mx_attr(n, name);

	*present = s != NULL;
	if (!s)
		return 0;
	for (size_t i = 0; i < e820_nr_types; i++) {
		if (strcmp(s, e820_types[i].xml) == 0) {
			*type = e820_types[i].type;
			xmlFree(s);
			return 0;
		}
	}
	xmlFree(s);
	return mx_get_u32(ld, n, name, NUM_PLAIN, type);
}

/* A text attribute copied into a fixed buffer; too long is an error. */
static int
get_text(struct loader *ld, xmlNodePtr n, const char *name, char *buf,
	 size_t len)
{
	char *s = mx_attr(n, name);
	int rc = 0;

	if (!s)
		return 0;
	if (strlen(s) >= len)
		rc = mx_fail(ld, n, "%s \"%s\" is longer than %zu characters.",
			  name, s, len - 1);
	else
		strcpy(buf, s);
	xmlFree(s);
	return rc;
}

/* The fields of one event by its kind. */
static int
load_e820_event_fields(struct loader *ld, xmlNodePtr n,
		       struct machine_e820_event *ev)
{
	bool present = false;

	if (ev->kind == E820_EV_TABLE)
		return get_text(ld, n, "header", ev->header, sizeof(ev->header)) ||
		       get_text(ld, n, "who", ev->who, sizeof(ev->who)) ? -1 : 0;
	if (mx_get_range(ld, n, &ev->start, &ev->size))
		return -1;
	switch (ev->kind) {
	case E820_EV_UPDATE:
		if (!mx_has_attr(n, "from"))
			return mx_missing(ld, n, "from");
		if (!mx_has_attr(n, "to"))
			return mx_missing(ld, n, "to");
		return e820_type_opt(ld, n, "from", &ev->old_type, &present) ||
		       e820_type_opt(ld, n, "to", &ev->new_type, &present) ? -1 : 0;
	case E820_EV_REMOVE:
		if (e820_type_opt(ld, n, "type", &ev->old_type, &present))
			return -1;
		ev->check_type = present;
		return 0;
	default:
		if (!mx_has_attr(n, "type"))
			return mx_missing(ld, n, "type");
		return e820_type_opt(ld, n, "type", &ev->new_type, &present);
	}
}

static int
load_e820_event(struct loader *ld, xmlNodePtr n)
{
	static const char *const kinds[] = {
		[E820_EV_UPDATE] = "update", [E820_EV_REMOVE] = "remove",
		[E820_EV_ADD] = "add", [E820_EV_TABLE] = "table",
	};
	struct machine *m = ld->m;
	struct machine_e820_event *ev;
	char *hook;
	size_t k = 0;

	while (k < sizeof(kinds) / sizeof(kinds[0]) && !mx_is_element(n, kinds[k]))
		k++;
	if (k == sizeof(kinds) / sizeof(kinds[0]))
		return mx_fail(ld, n, "the element is not an e820 event.");
	if (m->nr_e820_events == MACHINE_MAX_E820_EVENTS)
		return mx_fail(ld, n, "event %zu is one too many: a machine has "
			    "at most %d e820 events.", m->nr_e820_events + 1,
			    MACHINE_MAX_E820_EVENTS);
	xgrow((void **)&m->e820_events, &ld->cap_ev, m->nr_e820_events + 1,
	      sizeof(*m->e820_events));
	ev = &m->e820_events[m->nr_e820_events];
	*ev = (struct machine_e820_event){ .kind = (enum e820_event_kind)k,
					   .hook = E820_AT_EARLY,
					   .line = xml_node_line(n) };
	hook = mx_attr(n, "hook");
	if (hook && strcmp(hook, "mtrr") == 0)
		ev->hook = E820_AT_MTRR;
	else if (hook && strcmp(hook, "early") != 0) {
		mx_fail(ld, n, "hook \"%s\" is not early or mtrr.", hook);
		xmlFree(hook);
		return -1;
	}
	xmlFree(hook);
	if (load_e820_event_fields(ld, n, ev))
		return -1;
	m->nr_e820_events++;
	return 0;
}

static int
load_e820_events(struct loader *ld, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && load_e820_event(ld, c))
			return -1;
	return 0;
}

static int
load_srat_mem(struct loader *ld, xmlNodePtr n)
{
	struct machine *m = ld->m;
	struct machine_srat_mem *s;

	if (m->nr_srat_mem == MACHINE_MAX_SRAT)
		return mx_fail(ld, n, "memory affinity %zu is one too many: a "
			    "machine has at most %d.", m->nr_srat_mem + 1,
			    MACHINE_MAX_SRAT);
	xgrow((void **)&m->srat_mem, &ld->cap_mem, m->nr_srat_mem + 1,
	      sizeof(*m->srat_mem));
	s = &m->srat_mem[m->nr_srat_mem];
	*s = (struct machine_srat_mem){ .enabled = true, .line = xml_node_line(n) };
	if (!mx_has_attr(n, "pxm"))
		return mx_missing(ld, n, "pxm");
	if (mx_get_u32(ld, n, "pxm", NUM_PLAIN, &s->pxm) ||
	    mx_get_range(ld, n, &s->base, &s->length) ||
	    mx_get_bool(ld, n, "enabled", &s->enabled) ||
	    mx_get_bool(ld, n, "hotplug", &s->hotplug) ||
	    mx_get_bool(ld, n, "nonvolatile", &s->nonvolatile))
		return -1;
	m->nr_srat_mem++;
	return 0;
}

static int
load_srat_cpu(struct loader *ld, xmlNodePtr n)
{
	struct machine *m = ld->m;
	struct machine_srat_cpu *s;

	if (m->nr_srat_cpu == MACHINE_MAX_CPUS)
		return mx_fail(ld, n, "processor affinity %zu is one too many: a "
			    "machine has at most %d.", m->nr_srat_cpu + 1,
			    MACHINE_MAX_CPUS);
	xgrow((void **)&m->srat_cpu, &ld->cap_cpu, m->nr_srat_cpu + 1,
	      sizeof(*m->srat_cpu));
	s = &m->srat_cpu[m->nr_srat_cpu];
	*s = (struct machine_srat_cpu){ .enabled = true, .line = xml_node_line(n) };
	if (!mx_has_attr(n, "pxm"))
		return mx_missing(ld, n, "pxm");
	if (!mx_has_attr(n, "apic-id"))
		return mx_missing(ld, n, "apic-id");
	if (mx_get_u32(ld, n, "pxm", NUM_PLAIN, &s->pxm) ||
	    mx_get_u32(ld, n, "apic-id", NUM_PLAIN, &s->apic_id) ||
	    mx_get_bool(ld, n, "x2apic", &s->x2apic) ||
	    mx_get_bool(ld, n, "enabled", &s->enabled))
		return -1;
	if (!s->x2apic && s->apic_id > 0xff)
		return mx_fail(ld, n, "apic-id \"%#" PRIx32 "\" needs x2apic=\"yes\" "
			    "(an xAPIC id has 8 bits).", s->apic_id);
	m->nr_srat_cpu++;
	return 0;
}

static int
load_srat(struct loader *ld, xmlNodePtr n)
{
	ld->m->has_srat = true;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (mx_is_element(c, "memory") && load_srat_mem(ld, c))
			return -1;
		if (mx_is_element(c, "cpu") && load_srat_cpu(ld, c))
			return -1;
	}
	return 0;
}

static int
load_text(struct loader *ld, xmlNodePtr n)
{
	struct machine *m = ld->m;

	if (mx_is_element(n, "description")) {
		m->description = mx_text_dup(n, true);
	} else if (mx_is_element(n, "kernel-version")) {
		m->kernel_version = mx_text_dup(n, true);
		/* an unreadable version would silently boot as 6.1 */
		if (!profile_version_valid(m->kernel_version))
			return mx_fail(ld, n, "\"%s\" is not a kernel version: it must "
				       "start with major.minor, as in 6.1, 2.6.18 or "
				       "6.12.5-rc2.", m->kernel_version ? m->kernel_version : "");
	} else if (mx_is_element(n, "cmdline")) {
		char *s = mx_text(n);
		size_t len = strlen(s);

		if (len >= sizeof(m->cmdline)) {
			xmlFree(s);
			return mx_fail(ld, n, "the command line is %zu bytes long; "
				    "the kernel takes at most %zu.", len,
				    sizeof(m->cmdline) - 1);
		}
		memcpy(m->cmdline, s, len + 1);
		xmlFree(s);
	}
	return 0;
}

/* The children of <machine>; <build> first, since limits depend on it. */
static int
load_machine(struct loader *ld, xmlNodePtr root)
{
	static const struct {
		const char *name;
		int (*load)(struct loader *, xmlNodePtr);
	} parts[] = {
		{ "kernel", load_kernel }, { "initrd", load_initrd },
		{ "bios", load_bios }, { "e820", load_e820 },
		{ "e820-events", load_e820_events },
		{ "srat", load_srat }, { "memblock", mx_load_memblock },
	};
	char *name = mx_attr(root, "name");
	xmlNodePtr c;

	if (!name)
		return mx_missing(ld, root, "name");
	ld->m->name = xstrdup(name);
	xmlFree(name);
	for (c = root->children; c; c = c->next)
		if (mx_is_element(c, "build") && load_build(ld, c))
			return -1;
	ld->phys_limit = UINT64_C(1) << ld->m->build.max_physmem_bits;
	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (load_text(ld, c))
			return -1;
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (mx_is_element(c, parts[i].name) && parts[i].load(ld, c))
				return -1;
	}
	return 0;
}

/* ------------------------------------------------------------- entries */

int
machine_parse_xml(const char *buf, size_t len, const char *filename,
		  struct machine *m, struct diag *err)
{
	struct loader ld = { .file = filename, .m = m, .err = err };
	xmlDocPtr doc;
	xmlNodePtr root;
	int rc = -1;

	machine_init_defaults(m);
	if (filename)
		m->file = xstrdup(filename);
	if (len > MACHINE_XML_MAX_BYTES) {
		diag_set(err, filename, 0, "The file is larger than %u MiB, "
			 "the most a machine file may have.",
			 MACHINE_XML_MAX_BYTES >> 20);
		return -1;
	}
	doc = xml_doc_parse(buf, len, filename, err);
	if (!doc)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (!root) {
		diag_set(err, filename, 0, "The file has no root element.");
	} else if (root->ns || strcmp((const char *)root->name, "machine") != 0) {
		diag_set(err, filename, xml_node_line(root), "The root element is "
			 "<%s>, not <machine>: this is not a memboot machine "
			 "description.", (const char *)root->name);
	} else if (xml_doc_validate(doc, filename, err) == 0) {
		rc = load_machine(&ld, root);
	}
	xmlFreeDoc(doc);
	return rc;
}

int
machine_parse_builtin(struct machine *m, struct diag *err)
{
	return machine_parse_xml(builtin_machine_xml,
				 strlen(builtin_machine_xml),
				 "(built-in default.xml)", m, err);
}
