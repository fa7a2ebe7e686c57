/*
 * json.c - the boot state as one JSON object: e820, memblock memory and
 * reserved, nodes, a summary of the section table, zones with their
 * spanned/present/managed pages and free_area counts per order.
 */
#include "json.h"

#include <inttypes.h>

/* A tiny emitter: prints commas between members and array items. */
struct jw {
	FILE *f;
	int depth;
	int first[32];
};

static void
sep(struct jw *j)
{
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = 0;
}

static void
open_(struct jw *j, const char *key, char c)
{
	sep(j);
	if (key)
		fprintf(j->f, "\"%s\":", key);
	fputc(c, j->f);
	j->first[++j->depth] = 1;
}

static void
close_(struct jw *j, char c)
{
	j->depth--;
	fputc(c, j->f);
}

static void
num(struct jw *j, const char *key, uint64_t v)
{
	sep(j);
	if (key)
		fprintf(j->f, "\"%s\":", key);
	fprintf(j->f, "%" PRIu64, v);
}

static void
inum(struct jw *j, const char *key, int64_t v)
{
	sep(j);
	fprintf(j->f, "\"%s\":%" PRId64, key, v);
}

static void
str(struct jw *j, const char *key, const char *s)
{
	sep(j);
	fprintf(j->f, "\"%s\":\"", key);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(j->f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(j->f, "\\u%04x", *s);
		else
			fputc(*s, j->f);
	}
	fputc('"', j->f);
}

static void
boolean(struct jw *j, const char *key, bool v)
{
	sep(j);
	fprintf(j->f, "\"%s\":%s", key, v ? "true" : "false");
}

static void
write_regions(struct jw *j, const char *key, const struct memblock_type *t, int no_node)
{
	open_(j, key, '[');
	for (size_t i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		if (memblock_type_empty(t))
			break;
		open_(j, NULL, '{');
		num(j, "base", r->base);
		num(j, "size", r->size);
		inum(j, "nid", r->nid == no_node ? -1 : r->nid);
		num(j, "flags", r->flags);
		close_(j, '}');
	}
	close_(j, ']');
}

static void
write_zones(struct jw *j, const struct boot_state *s)
{
	const struct zone_state *z = s->zones;

	open_(j, "zones", '[');
	for (int nid = 0; nid < z->nr_nodes; nid++) {
		for (int k = 0; k < MAX_NR_ZONES; k++) {
			const struct zone_info *zi = &z->nodes[nid].zones[k];
			const struct buddy_zone *bz = buddy_zone_find(s->buddy, nid, k);
			uint64_t counts[BUDDY_MAX_ORDERS] = { 0 };

			if (!z->nodes[nid].initialised || !zi->configured)
				continue;
			open_(j, NULL, '{');
			inum(j, "node", nid);
			str(j, "zone", zone_name(k));
			num(j, "start_pfn", zi->start_pfn);
			num(j, "spanned", zi->spanned);
			num(j, "present", zi->present);
			num(j, "managed_estimate", zi->managed_estimate);
			num(j, "managed", bz ? bz->managed : 0);
			if (bz)
				buddy_zone_counts(bz, s->buddy->max_order, counts);
			open_(j, "free_area", '[');
			for (unsigned o = 0; o < s->buddy->max_order; o++)
				num(j, NULL, counts[o]);
			close_(j, ']');
			close_(j, '}');
		}
	}
	close_(j, ']');
}

void
json_write_state(FILE *f, const struct engine *e)
{
	const struct boot_state *s = engine_state(e);
	const struct machine *m = engine_machine(e);
	const struct boot_step *st = engine_step(e, engine_current(e));
	int no_node = m->build.numa ? 1 << m->build.nodes_shift : 1;
	struct jw j = { .f = f, .depth = 0, .first = { 1 } };
	uint64_t memmap = 0;
	char tn[32];

	open_(&j, NULL, '{');
	str(&j, "machine", m->name ? m->name : "");
	num(&j, "step", engine_current(e));
	str(&j, "phase", phase_name(st->phase));
	num(&j, "max_pfn", s->max_pfn);
	num(&j, "max_low_pfn", s->max_low_pfn);
	open_(&j, "e820", '[');
	for (uint32_t i = 0; i < s->e820->nr_entries; i++) {
		const struct e820_entry *x = &s->e820->entries[i];

		open_(&j, NULL, '{');
		num(&j, "addr", x->addr);
		num(&j, "size", x->size);
		num(&j, "type", x->type);
		e820_type_name(x->type, tn, sizeof(tn));
		str(&j, "name", tn);
		close_(&j, '}');
	}
	close_(&j, ']');
	open_(&j, "memblock", '{');
	num(&j, "memory_size", s->memory->total_size);
	num(&j, "reserved_size", s->reserved->total_size);
	write_regions(&j, "memory", s->memory, no_node);
	write_regions(&j, "reserved", s->reserved, no_node);
	close_(&j, '}');
	open_(&j, "nodes", '[');
	for (int i = 0; i < s->numa->nr_node_ids; i++) {
		const struct numa_node *n = &s->numa->nodes[i];

		if (!n->possible)
			continue;
		open_(&j, NULL, '{');
		inum(&j, "node", i);
		inum(&j, "pxm", n->pxm);
		boolean(&j, "online", n->online);
		num(&j, "node_data", n->node_data);
		if (i < s->zones->nr_nodes && s->zones->nodes[i].initialised) {
			num(&j, "start_pfn", s->zones->nodes[i].start_pfn);
			num(&j, "end_pfn", s->zones->nodes[i].end_pfn);
			num(&j, "present", s->zones->nodes[i].present);
		}
		close_(&j, '}');
	}
	close_(&j, ']');
	for (size_t i = 0; i < s->sparse->nr_runs; i++)
		if (s->sparse->runs[i].memmap)
			memmap += s->sparse->runs[i].nr * s->sparse->runs[i].memmap_stride;
	open_(&j, "sections", '{');
	num(&j, "present", s->sparse->nr_present);
	num(&j, "runs", s->sparse->nr_runs);
	num(&j, "roots", s->sparse->nr_roots);
	num(&j, "root_array", s->sparse->root_array);
	num(&j, "memmap_bytes", memmap);
	num(&j, "vmemmap_table_pages", s->sparse->vmemmap_tables);
	close_(&j, '}');
	write_zones(&j, s);
	num(&j, "total_pages", s->zones->total_pages);
	num(&j, "totalram_pages", s->buddy->totalram_pages);
	num(&j, "nr_free_pages", s->buddy->nr_free_pages);
	close_(&j, '}');
	fputc('\n', f);
}
