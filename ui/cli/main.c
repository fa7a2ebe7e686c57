/*
 * main.c - memboot's command line: --help and --version, a subcommand
 * from the command table, or else the interactive view.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "config.h"

int
main(int argc, char **argv)
{
	const struct command *c = argc > 1 ? command_find(argv[1]) : NULL;
	char name[64];
	int status;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		command_usage(command_default(), stdout);
		return 0;
	}
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("memboot %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (c) {
		/* the subcommand's argv, named for getopt's messages */
		snprintf(name, sizeof(name), "memboot %s", c->name);
		argv[1] = name;
		status = c->run(argc - 1, argv + 1);
	} else {
		c = command_default();
		status = c->run(argc, argv);
	}
	if (status == CMD_USAGE || status == CMD_HELP)
		command_usage(c, status == CMD_HELP ? stdout : stderr);
	return status == CMD_USAGE ? 2 : status == CMD_HELP ? 0 : status;
}
