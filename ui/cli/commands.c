/*
 * commands.c - the command table and what is made from it: the lookup
 * by name, each command's usage, and memboot's own usage, which lists
 * every row's usage line with its summary beside it.
 */
#include "commands.h"

#include <stdbool.h>
#include <string.h>

#include "phase.h"
#include "tui/tui.h"

#define SUMMARY_COL 42		/* where the summaries start in memboot --help */

/* memboot [MACHINE.xml]: the file goes to the terminal UI. */
static int
cmd_view(int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		return CMD_USAGE;
	return tui_run(argc > 1 ? argv[1] : NULL);
}

static const struct command commands[] = {
	{ NULL, "[MACHINE.xml]", "step through the boot in the terminal",
	  "memboot replays how the Linux kernel (x86_64 6.1, or the machine's\n"
	  "<kernel-version>: 5.10, 6.12, 7.x, 4.4-5.x, the i386 bootmem era of 2.4\n"
	  "and 2.6) brings physical memory to life at boot: e820, memblock, NUMA,\n"
	  "sparse sections, zones, buddy.\n"
	  "Without MACHINE.xml the built-in default machine is used.\n"
	  "See memboot(1) for the keys, the machine format and the options.\n",
	  cmd_view },
	{ "run", "--batch [--until PHASE] [--json] [--steps] [MACHINE.xml]",
	  "print the kernel's log lines",
	  "  --batch         print the boot's kernel log lines (no terminal needed)\n"
	  "  --until PHASE   stop after PHASE: {phases}\n"
	  "  --json          write the state at the end as JSON instead of the log\n"
	  "  --steps         print each step's number, phase, function and narration\n"
	  "                  before its log lines\n"
	  "Without MACHINE.xml the built-in default machine runs.\n",
	  cmd_run },
	{ "validate", "MACHINE.xml...", "check machine descriptions",
	  "Check machine descriptions against the schema and the kernel's\n"
	  "limits. MACHINE.xml \"-\" reads standard input. Exit status 0 when\n"
	  "every file is valid, 2 otherwise.\n",
	  cmd_validate },
	{ "import", "[-o FILE] LOG", "a machine description from a boot log",
	  "Write a machine description from a Linux x86 boot log (dmesg,\n"
	  "dmesg -T, journalctl or syslog kern.log; kernels 2.4 to 6.x).\n"
	  "LOG \"-\" reads standard input.\n"
	  "  -o, --output FILE  write the XML to FILE instead of standard output\n"
	  "Exit status 0 on success, 2 when the log has no e820 table or\n"
	  "cannot be read.\n",
	  cmd_import },
	{ "capture", "[-o FILE] [--root DIR]", "a machine description of this host",
	  "Write a machine description of this host: the firmware memory map\n"
	  "(/sys/firmware/memmap), NUMA nodes (/sys/devices/system/node and\n"
	  "memory blocks), /proc/cmdline, the kernel release and, when\n"
	  "/proc/iomem is readable, where the kernel image is.\n"
	  "  -o, --output FILE  write the XML to FILE instead of standard output\n"
	  "  --root DIR         read DIR/sys/... and DIR/proc/... instead of / (also\n"
	  "                     the environment variable MEMBOOT_SYSFS_ROOT)\n"
	  "Exit status 0 on success, 2 when /sys/firmware/memmap is missing or\n"
	  "cannot be read.\n",
	  cmd_capture },
	{ "check", "[-q] LOG", "compare a boot log's memory lines\nwith the prediction",
	  "Import a boot log, replay the machine it describes and compare the\n"
	  "kernel's own lines (Zone ranges, Early memory node ranges, Initmem\n"
	  "setup, unavailable ranges, NUMA, NODE_DATA, Total pages, the total\n"
	  "of Memory:) with the lines memboot predicts. On an i386 log of the\n"
	  "bootmem era (2.4, 2.6 before 2.6.27) it compares HIGHMEM/LOWMEM,\n"
	  "On node 0 totalpages, the era's zone lines (2.4's zone(N); 2.6's\n"
	  "LIFO batch; from 2.6.19 Zone PFN ranges, early_node_map and pages\n"
	  "used for memmap), Built N zonelists and both numbers of Memory:.\n"
	  "  -q, --quiet  print only the differences and the summary\n"
	  "Lines: ' ' matched, '-' the log's line and '+' the prediction where\n"
	  "they differ, '?' a log line memboot predicts nothing for.\n"
	  "Exit status 0 when every predicted line matched, 1 when one\n"
	  "differed, 2 when the log cannot be read or has no e820 table.\n",
	  cmd_check },
	{ "footprint", "[--json] [MACHINE.xml]", "FLATMEM vs SPARSEMEM vs VMEMMAP cost",
	  "Replay the machine's boot and compare what struct pages and their\n"
	  "indexes cost under FLATMEM, SPARSEMEM and SPARSEMEM_VMEMMAP: bytes,\n"
	  "pages, percent of RAM, the part spent on holes, and per node.\n"
	  "  --json   write the figures as one JSON object\n"
	  "Without MACHINE.xml the built-in default machine is used.\n",
	  cmd_footprint },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

const struct command *
command_find(const char *name)
{
	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (commands[i].name && strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

const struct command *
command_default(void)
{
	return &commands[0];
}

/* One row of memboot's usage: its usage line, then its summary from
 * SUMMARY_COL on (on the next line when the usage line reaches it). */
static void
list_row(const struct command *c, bool first, FILE *f)
{
	int col = fprintf(f, "%s memboot%s%s %s", first ? "usage:" : "      ",
			  c->name ? " " : "", c->name ? c->name : "", c->args);
	const char *s = c->summary;

	if (col + 2 > SUMMARY_COL) {
		fputc('\n', f);
		col = 0;
	}
	for (;;) {
		size_t n = strcspn(s, "\n");

		fprintf(f, "%*s%.*s\n", SUMMARY_COL - col, "", (int)n, s);
		if (!s[n])
			break;
		s += n + 1;
		col = 0;
	}
}

/* A help text, with "{phases}" the phase table's names. */
static void
put_help(const char *help, FILE *f)
{
	static const char mark[] = "{phases}";
	const char *at;

	while ((at = strstr(help, mark))) {
		fprintf(f, "%.*s%s", (int)(at - help), help, phase_list());
		help = at + sizeof(mark) - 1;
	}
	fputs(help, f);
}

void
command_usage(const struct command *c, FILE *f)
{
	if (c->name) {
		fprintf(f, "usage: memboot %s %s\n", c->name, c->args);
	} else {
		for (size_t i = 0; i < NR_COMMANDS; i++)
			list_row(&commands[i], i == 0, f);
		fputs("       memboot --help | --version\n\n", f);
	}
	put_help(c->help, f);
}

int
command_fail(const char *name, const struct diag *err)
{
	char msg[DIAG_MSG_LEN + 300];

	diag_format(err, msg, sizeof(msg));
	fprintf(stderr, "memboot %s: %s\n", name, msg);
	return 2;
}
