/*
 * main.c - memboot's command line: the interactive view by default, and
 * the subcommands (run, validate, footprint).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "config.h"
#include "tui/tui.h"

static void
usage(FILE *f)
{
	fputs("usage: memboot [MACHINE.xml]              step through the boot in the terminal\n"
	      "       memboot run --batch [MACHINE.xml]  print the kernel's log lines\n"
	      "       memboot validate MACHINE.xml...    check machine descriptions\n"
	      "       memboot import [-o FILE] LOG       a machine description from a boot log\n"
	      "       memboot capture [-o FILE]          a machine description of this host\n"
	      "       memboot check LOG                  compare a boot log's memory lines\n"
	      "                                          with the prediction\n"
	      "       memboot footprint [--json] MACHINE.xml\n"
	      "                                          FLATMEM vs SPARSEMEM vs VMEMMAP cost\n"
	      "       memboot --help | --version\n"
	      "\n"
	      "memboot replays how the Linux kernel (6.1, x86_64) brings physical memory\n"
	      "to life at boot: e820, memblock, NUMA, sparse sections, zones, buddy.\n"
	      "Without MACHINE.xml the built-in default machine is used.\n"
	      "See memboot(1) for the keys, the machine format and the options.\n", f);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("memboot %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "import") == 0)
		return cmd_import(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "capture") == 0)
		return cmd_capture(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "validate") == 0)
		return cmd_validate(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "footprint") == 0)
		return cmd_footprint(argc - 1, argv + 1);
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		usage(stderr);
		return 2;
	}
	return tui_run(argc > 1 ? argv[1] : NULL);
}
