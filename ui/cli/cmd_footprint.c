/*
 * cmd_footprint.c - "memboot footprint FILE": replay the machine, then
 * print what its page descriptors and their indexes cost under FLATMEM,
 * SPARSEMEM and SPARSEMEM_VMEMMAP (footprint.h): a table of bytes, pages
 * and percent of RAM per model, the part spent on holes, what each model
 * pays for, and the share of each node. --json writes the same figures.
 */
#include "commands.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "fmt.h"
#include "footprint.h"
#include "machine_file.h"

static void
size_str(uint64_t bytes, char *buf, size_t len)
{
	fmt_size(bytes, buf, len);
}

static void
print_models(const struct footprint *f)
{
	char sz[32], hs[32];

	printf("%-18s %14s %10s %10s %9s %14s %12s\n", "model", "bytes", "size", "pages",
	       "% of RAM", "on holes", "hole pfns");
	for (int i = 0; i < FP_MODELS; i++) {
		const struct fp_model *m = &f->model[i];

		size_str(m->total, sz, sizeof(sz));
		size_str(m->hole_bytes, hs, sizeof(hs));
		printf("%-18s %14" PRIu64 " %10s %10" PRIu64 " %8.3f%% %14" PRIu64 " %12" PRIu64 "\n",
		       footprint_model_name(m->model), m->total, sz, m->pages, m->percent,
		       m->hole_bytes, m->hole_pfns);
	}
}

static void
print_parts(const struct footprint *f)
{
	printf("\n%-18s", "part (bytes)");
	for (int i = 0; i < FP_MODELS; i++)
		printf(" %18s", footprint_model_name((enum mem_model)i));
	putchar('\n');
	for (int p = 0; p < FP_PART_COUNT; p++) {
		printf("%-18s", footprint_part_name((enum fp_part)p));
		for (int i = 0; i < FP_MODELS; i++)
			printf(" %18" PRIu64, f->model[i].bytes[p]);
		putchar('\n');
	}
}

static void
print_nodes(const struct footprint *f)
{
	char label[48];

	printf("\n%-18s %12s %10s", "per node (bytes)", "RAM pages", "sections");
	for (int i = 0; i < FP_MODELS; i++)
		printf(" %18s", footprint_model_name((enum mem_model)i));
	putchar('\n');
	for (size_t k = 0; k < f->nr_nodes; k++) {
		const struct fp_node *n = &f->nodes[k];

		snprintf(label, sizeof(label), "node %d", n->nid);
		printf("%-18s %12" PRIu64 " %10" PRIu64, label, n->present_pages, n->sections);
		for (int i = 0; i < FP_MODELS; i++)
			printf(" %18" PRIu64, n->total[i]);
		putchar('\n');
	}
	printf("%-18s %12s %10s", "no node", "", "");
	for (int i = 0; i < FP_MODELS; i++)
		printf(" %18" PRIu64, f->model[i].global);
	putchar('\n');
}

static void
print_why(const struct footprint *f)
{
	const struct fp_model *fl = &f->model[MEM_MODEL_FLATMEM];
	const struct fp_model *sp = &f->model[MEM_MODEL_SPARSEMEM];
	const struct fp_model *vm = &f->model[MEM_MODEL_SPARSEMEM_VMEMMAP];
	char a[32], b[32];

	size_str(fl->total, a, sizeof(a));
	size_str(fl->hole_bytes, b, sizeof(b));
	printf("\nFLATMEM: one mem_map of %" PRIu64 " struct pages for pfns %#" PRIx64 "-%#" PRIx64
	       " (%s); %s of it describes holes.\n", fl->covered, f->flat_start,
	       f->flat_end ? f->flat_end - 1 : 0, a, b);
	size_str(sp->bytes[FP_ROOT_ARRAY], a, sizeof(a));
	printf("SPARSEMEM: %" PRIu64 " present sections of %" PRIu64 " pages, root pages: %" PRIu64
	       ", a %s root array, %" PRIu64 " usemaps.\n", sp->sections,
	       f->pages_per_section, sp->roots, a, sp->sections);
	printf("SPARSEMEM_VMEMMAP: the same sections in 2 MiB blocks; vmemmap page tables: %" PRIu64
	       " PMD, %" PRIu64 " PUD.\n", vm->pmd_tables, vm->pud_tables);
}

static void
print_table(const struct machine *m, const struct footprint *f)
{
	char ram[32];

	size_str(f->present_pages * f->page_size, ram, sizeof(ram));
	printf("%s: %" PRIu64 " pages of RAM (%s) in %zu node%s; struct page %" PRIu64
	       " B, mem_section %u B, usemap %u B\n\n", m->name ? m->name : "machine",
	       f->present_pages, ram, f->nr_nodes, f->nr_nodes == 1 ? "" : "s",
	       f->struct_page_size, m->build.mem_section_size, m->build.usemap_size);
	print_models(f);
	print_parts(f);
	print_nodes(f);
	print_why(f);
}

/* ---------------------------------------------------------- JSON */

static void
json_model(const struct fp_model *m, bool last)
{
	printf("    {\"model\":\"%s\",\"bytes\":%" PRIu64 ",\"pages\":%" PRIu64
	       ",\"percent\":%.4f,\"hole_bytes\":%" PRIu64 ",\"hole_pfns\":%" PRIu64
	       ",\"covered_pfns\":%" PRIu64 ",\"no_node_bytes\":%" PRIu64 ",\"sections\":%" PRIu64
	       ",\"roots\":%" PRIu64 ",\"pmd_tables\":%" PRIu64 ",\"pud_tables\":%" PRIu64 ",\"parts\":{",
	       footprint_model_name(m->model), m->total, m->pages, m->percent, m->hole_bytes,
	       m->hole_pfns, m->covered, m->global, m->sections, m->roots, m->pmd_tables,
	       m->pud_tables);
	for (int p = 0; p < FP_PART_COUNT; p++)
		printf("%s\"%s\":%" PRIu64, p ? "," : "", footprint_part_name((enum fp_part)p),
		       m->bytes[p]);
	printf("}}%s\n", last ? "" : ",");
}

static void
json_node(const struct fp_node *n, bool last)
{
	printf("    {\"nid\":%d,\"present_pages\":%" PRIu64 ",\"start_pfn\":%" PRIu64
	       ",\"end_pfn\":%" PRIu64 ",\"sections\":%" PRIu64, n->nid, n->present_pages,
	       n->start_pfn, n->end_pfn, n->sections);
	for (int i = 0; i < FP_MODELS; i++)
		printf(",\"%s\":%" PRIu64, footprint_model_name((enum mem_model)i), n->total[i]);
	printf("}%s\n", last ? "" : ",");
}

static void
print_json(const struct machine *m, const struct footprint *f)
{
	printf("{\n  \"machine\":\"");
	for (const char *p = m->name ? m->name : ""; *p; p++) {
		if (*p == '"' || *p == '\\')
			putchar('\\');
		putchar(*p);
	}
	printf("\",\n  \"present_pages\":%" PRIu64 ",\n  \"page_size\":%" PRIu64
	       ",\n  \"struct_page_size\":%" PRIu64 ",\n  \"models\":[\n", f->present_pages,
	       f->page_size, f->struct_page_size);
	for (int i = 0; i < FP_MODELS; i++)
		json_model(&f->model[i], i == FP_MODELS - 1);
	printf("  ],\n  \"nodes\":[\n");
	for (size_t k = 0; k < f->nr_nodes; k++)
		json_node(&f->nodes[k], k + 1 == f->nr_nodes);
	printf("  ]\n}\n");
}

/* ---------------------------------------------------------- command */

static int
load_and_run(const char *path, bool json)
{
	struct engine *e = machine_file_boot(path);
	struct footprint f;

	if (!e)
		return 2;
	footprint_of_engine(e, &f);
	if (json)
		print_json(engine_machine(e), &f);
	else
		print_table(engine_machine(e), &f);
	footprint_release(&f);
	engine_free(e);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("memboot: writing output");
		return 1;
	}
	return 0;
}

int
cmd_footprint(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'h': return CMD_HELP;
		default: return CMD_USAGE;
		}
	}
	if (argc - optind > 1)
		return CMD_USAGE;
	return load_and_run(optind < argc ? argv[optind] : NULL, json);
}
