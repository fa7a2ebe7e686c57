/*
 * cmd_run.c - `memboot run --batch FILE`: replay a machine headless and
 * print the kernel's lines in kernel format (no timestamps), optionally
 * stopping after a phase, or write the final state as JSON.
 */
#include "commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "json.h"
#include "machine_file.h"

int
cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "until", required_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' },
		{ "steps", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool batch = false, json = false, show_steps = false;
	int until = PHASE_COUNT - 1, c;
	struct engine *e;
	size_t last;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'b': batch = true; break;
		case 'j': json = true; break;
		case 's': show_steps = true; break;
		case 'u':
			until = phase_from_name(optarg);
			if (until < 0) {
				fprintf(stderr, "memboot run: unknown phase '%s' (e820, memblock, numa, sparse, zones, buddy)\n",
					optarg);
				return 2;
			}
			break;
		case 'h': return CMD_HELP;
		default: return CMD_USAGE;
		}
	}
	if (!batch) {
		fputs("memboot run: only --batch is supported; for the interactive view run 'memboot [MACHINE.xml]'\n",
		      stderr);
		return 2;
	}
	if (argc - optind > 1)
		return CMD_USAGE;
	e = machine_file_boot(optind < argc ? argv[optind] : NULL);
	if (!e)
		return 2;
	last = 0;
	for (size_t i = 0; i < engine_nr_steps(e); i++)
		if ((int)engine_step(e, i)->phase <= until)
			last = i;
	engine_goto(e, last);
	if (json) {
		json_write_state(stdout, e);
	} else {
		const struct klog *log = engine_log(e);

		for (size_t i = 0; i <= last; i++) {
			const struct boot_step *st = engine_step(e, i);

			if (show_steps)
				printf("# step %zu [%s] %s: %s\n", i, phase_name(st->phase),
				       st->function, st->narration);
			for (size_t l = st->log_first; l < st->log_end; l++)
				puts(log->lines[l].text);
		}
	}
	engine_free(e);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("memboot: writing output");
		return 1;
	}
	return 0;
}
