/*
 * cmd_check.c - "memboot check LOG": import the log, replay the machine,
 * and compare the kernel's memory lines with the engine's (src/check.c).
 * Prints a per-line diff and "N matched, N differed, N not predicted";
 * exit 0 when every predicted line matched, 1 when one differed, 2 on
 * bad input.
 */
#include "commands.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine.h"
#include "text_file.h"
#include "xalloc.h"

static void
print_item(const struct dmesg *d, const struct check_item *it, bool quiet)
{
	int line = it->log_index < d->nr_lines ? d->lines[it->log_index].line : 0;

	switch (it->verdict) {
	case CHECK_MATCHED:
		if (!quiet)
			printf("  %5d: %s\n", line, it->expected);
		break;
	case CHECK_DIFFERED:
		printf("- %5d: %s\n+ %5s  %s\n", line, it->expected, "", it->predicted);
		break;
	case CHECK_NOT_PREDICTED:
		printf("? %5d: %s\n", line, it->expected);
		break;
	case CHECK_EXTRA:
		printf("+ %5s  %s\n", "(none)", it->predicted);
		break;
	}
}

/* Compare and print; the exit status. */
static int
compare(const struct dmesg *d, const struct engine *e, bool quiet)
{
	const struct klog *log = engine_log(e);
	const char **expected = xcalloc(d->nr_lines + 1, sizeof(*expected));
	const char **predicted = xcalloc(log->nr + 1, sizeof(*predicted));
	struct check_result r;
	int status;

	for (size_t i = 0; i < d->nr_lines; i++)
		expected[i] = d->lines[i].text;
	for (size_t i = 0; i < log->nr; i++)
		predicted[i] = log->lines[i].text;
	check_compare(expected, d->nr_lines, predicted, log->nr, &r);
	for (size_t i = 0; i < r.nr; i++)
		print_item(d, &r.items[i], quiet);
	printf("%zu matched, %zu differed, %zu not predicted\n",
	       r.matched, r.differed, r.not_predicted);
	status = r.differed ? 1 : 0;
	free(expected);
	free(predicted);
	check_release(&r);
	return status;
}

static int
check(const char *path, bool quiet)
{
	struct dmesg d;
	struct diag err = { 0 };
	struct engine *e;
	int rc;

	if (text_file_dmesg(path, &d, &err)) {
		dmesg_release(&d);
		return command_fail("check", &err);
	}
	e = engine_new(&d.m, &err);
	if (!e) {
		dmesg_release(&d);
		return command_fail("check", &err);
	}
	printf("%s: Linux %s, %zu e820 entries, %zu SRAT memory ranges\n",
	       strcmp(path, "-") == 0 ? "<stdin>" : path,
	       d.m.kernel_version ? d.m.kernel_version : "(version unknown)",
	       d.m.nr_e820, d.m.nr_srat_mem);
	rc = compare(&d, e, quiet);
	engine_free(e);
	dmesg_release(&d);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("memboot check: writing output");
		return 2;
	}
	return rc;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool quiet = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'q': quiet = true; break;
		case 'h': return CMD_HELP;
		default: return CMD_USAGE;
		}
	}
	if (argc - optind != 1)
		return CMD_USAGE;
	return check(argv[optind], quiet);
}
