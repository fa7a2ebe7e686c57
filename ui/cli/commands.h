/* commands.h - the memboot subcommands; each takes its own argv, argv[0]
 * being the subcommand's name, and returns the process exit status. */
#ifndef MEMBOOT_COMMANDS_H
#define MEMBOOT_COMMANDS_H

/* memboot validate FILE...: 0 when every file loads, 2 otherwise. */
int cmd_validate(int argc, char **argv);

/* memboot footprint [--json] [FILE]: the memory-model comparison. */
int cmd_footprint(int argc, char **argv);

/* memboot import [-o FILE] LOG: a machine description from a boot log;
 * 2 when the log cannot be read or has no e820 table. */
int cmd_import(int argc, char **argv);

/* memboot check [-q] LOG: the log's memory lines against the prediction;
 * 0 all predicted lines matched, 1 some differed, 2 bad input. */
int cmd_check(int argc, char **argv);

/* memboot capture [-o FILE] [--root DIR]: a machine description of this
 * host from sysfs; 2 when /sys/firmware/memmap cannot be read. */
int cmd_capture(int argc, char **argv);

/* memboot run --batch [FILE]: the boot's log lines without a terminal. */
int cmd_run(int argc, char **argv);

#endif
