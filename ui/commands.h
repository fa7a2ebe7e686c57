/* commands.h - the memboot subcommands; each takes its own argv, argv[0]
 * being the subcommand's name, and returns the process exit status. */
#ifndef MEMBOOT_COMMANDS_H
#define MEMBOOT_COMMANDS_H

/* memboot validate FILE...: 0 when every file loads, 2 otherwise. */
int cmd_validate(int argc, char **argv);

/* memboot footprint [--json] [FILE]: the memory-model comparison. */
int cmd_footprint(int argc, char **argv);

/* memboot [FILE]: the interactive view; 2 when not on a terminal. */
int cmd_ui(const char *path);

#endif
