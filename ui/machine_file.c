/* machine_file.c - read a machine file (or stdin) and hand it to the loader. */
#include "machine_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine_xml.h"
#include "text_file.h"

int
machine_file_load(const char *path, struct machine *m, struct diag *err)
{
	char *buf;
	size_t len;
	int rc;

	if (!path)
		return machine_parse_builtin(m, err);
	machine_init_defaults(m);
	/* one byte past the limit lets the parser say the file is too big */
	if (text_file_slurp(path, MACHINE_XML_MAX_BYTES, &buf, &len, err))
		return -1;
	rc = machine_parse_xml(buf, len, strcmp(path, "-") == 0 ? "<stdin>" : path, m, err);
	free(buf);
	return rc;
}

struct engine *
machine_file_boot(const char *path)
{
	struct machine m;
	struct diag err = { 0 };
	struct engine *e = NULL;
	char buf[1024];

	if (machine_file_load(path, &m, &err) == 0)
		e = engine_new(&m, &err);
	machine_release(&m);
	if (!e) {
		diag_format(&err, buf, sizeof(buf));
		fprintf(stderr, "memboot: %s\n", buf);
	}
	return e;
}
