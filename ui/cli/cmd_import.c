/*
 * cmd_import.c - "memboot import LOG [-o FILE]": a machine description
 * from a boot log. The XML is loaded back before it is written, so a
 * file import writes always validates.
 */
#include "commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "machine_write.h"
#include "machine_xml.h"
#include "text_file.h"

/* Load the text back; a failure here is a bug of the writer. */
static int
reload(const char *xml, size_t len, const char *name, struct diag *err)
{
	struct machine back;
	int rc = machine_parse_xml(xml, len, name, &back, err);

	machine_release(&back);
	return rc;
}

static int
import(const char *log, const char *out)
{
	struct dmesg d;
	struct diag err = { 0 };
	struct engine *e;
	char *xml;
	size_t len;
	int rc = 2;

	if (text_file_dmesg(log, &d, &err)) {
		dmesg_release(&d);
		return command_fail("import", &err);
	}
	/* what the engine refuses (an e820 table of one entry left after the
	 * log's bad lines are skipped) would be a file that does not run */
	e = engine_new(&d.m, &err);
	if (!e) {
		dmesg_release(&d);
		return command_fail("import", &err);
	}
	engine_free(e);
	xml = machine_write_xml(&d.m, &len);
	if (reload(xml, len, "(imported machine)", &err))
		command_fail("import", &err);
	else if (text_file_write(out, xml, len, &err))
		command_fail("import", &err);
	else
		rc = 0;
	free(xml);
	dmesg_release(&d);
	return rc;
}

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'h': return CMD_HELP;
		default: return CMD_USAGE;
		}
	}
	if (argc - optind != 1)
		return CMD_USAGE;
	return import(argv[optind], out);
}
