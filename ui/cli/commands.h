/*
 * commands.h - the command table: every way memboot can be called, each
 * with its usage line, its line in `memboot --help`, its own --help text
 * and its handler. Dispatch, the help texts and the usage errors all come
 * from the table (commands.c), so a new subcommand is one row there plus
 * its handler.
 */
#ifndef MEMBOOT_COMMANDS_H
#define MEMBOOT_COMMANDS_H

#include <stdio.h>

#include "diag.h"

/* What a handler returns instead of an exit status when the caller gets
 * the command's usage: on stderr with status 2 for a usage error, on
 * stdout with status 0 when asked for help. */
enum { CMD_USAGE = -1, CMD_HELP = -2 };

struct command {
	const char *name;	/* NULL: memboot without a subcommand */
	const char *args;	/* the usage line after "memboot NAME" */
	const char *summary;	/* its line in memboot --help ('\n' goes on) */
	const char *help;	/* what its --help says after the usage line */
	/* argv[0] is "memboot NAME" (getopt's messages name it); the exit
	 * status, or CMD_USAGE / CMD_HELP */
	int (*run)(int argc, char **argv);
};

/* The command called name, or NULL. */
const struct command *command_find(const char *name);

/* The default command: the interactive view. */
const struct command *command_default(void);

/* "usage: memboot NAME ARGS" and the command's help; for the default
 * command, memboot's own usage listing every command. */
void command_usage(const struct command *c, FILE *f);

/* Print err on stderr as "memboot NAME: file:line: message"; returns 2,
 * the status of input that cannot be used. */
int command_fail(const char *name, const struct diag *err);

/* The handlers, each in its cmd_NAME.c (the interactive one in
 * commands.c: it only hands the file to tui_run). */
int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_capture(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_footprint(int argc, char **argv);

#endif
