/*
 * cmd_validate.c - "memboot validate FILE...": load each machine file
 * (schema and semantic checks) and boot it (what only the boot can refuse,
 * such as fewer than two e820 entries), and say "FILE: ok", or print the
 * first error as "file:line: message" on stderr.
 */
#include "commands.h"

#include <getopt.h>
#include <stdio.h>

#include "engine.h"
#include "machine_file.h"

/* 0 when path loads and boots; prints the verdict either way. */
static int
validate_one(const char *path)
{
	struct machine m;
	struct diag err;
	char msg[DIAG_MSG_LEN + 300];
	int rc = machine_file_load(path, &m, &err);

	if (rc == 0) {
		struct engine *e = engine_new(&m, &err);

		rc = e ? 0 : -1;
		engine_free(e);
	}
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
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int status = 0, c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return CMD_HELP;
		default: return CMD_USAGE;
		}
	}
	if (optind >= argc)
		return CMD_USAGE;
	for (int i = optind; i < argc; i++)
		if (validate_one(argv[i]))
			status = 2;
	fflush(stdout);
	return status;
}
