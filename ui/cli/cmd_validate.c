/*
 * cmd_validate.c - "memboot validate FILE...": load each machine file
 * (schema and semantic checks) and say "FILE: ok", or print the first
 * error as "file:line: message" on stderr.
 */
#include "commands.h"

#include <stdio.h>
#include <string.h>

#include "machine_file.h"

/* 0 when path loads; prints the verdict either way. */
static int
validate_one(const char *path)
{
	struct machine m;
	struct diag err;
	char msg[DIAG_MSG_LEN + 300];
	int rc = machine_file_load(path, &m, &err);

	if (rc == 0) {
		printf("%s: ok\n", path);
	} else {
		diag_format(&err, msg, sizeof(msg));
		fprintf(stderr, "%s\n", msg);
	}
	machine_release(&m);
	return rc;
}

int
cmd_validate(int argc, char **argv)
{
	int first = 1, status = 0;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return CMD_HELP;
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
		fprintf(stderr, "memboot validate: unknown option '%s'\n", argv[1]);
		return CMD_USAGE;
	}
	if (first >= argc)
		return CMD_USAGE;
	for (int i = first; i < argc; i++)
		if (validate_one(argv[i]))
			status = 2;
	fflush(stdout);
	return status;
}
