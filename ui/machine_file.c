/* machine_file.c - read a machine file (or stdin) and hand it to the loader. */
#include "machine_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine_xml.h"
#include "xalloc.h"

/*
 * Read all of f into a new buffer, at most MACHINE_XML_MAX_BYTES + 1 bytes
 * so that the loader sees an oversized file as one. 0, or -1 with errno.
 */
static int
read_all(FILE *f, char **buf, size_t *len)
{
	size_t cap = 64 * 1024, n = 0;
	char *p = xmalloc(cap);

	for (;;) {
		size_t want = cap - n, got;

		if (want > MACHINE_XML_MAX_BYTES + 1 - n)
			want = MACHINE_XML_MAX_BYTES + 1 - n;
		got = fread(p + n, 1, want, f);
		n += got;
		if (got < want || n > MACHINE_XML_MAX_BYTES)
			break;
		xgrow((void **)&p, &cap, n + 1, 1);
	}
	if (ferror(f)) {
		int saved = errno;

		free(p);
		errno = saved ? saved : EIO;
		return -1;
	}
	*buf = p;
	*len = n;
	return 0;
}

int
machine_file_load(const char *path, struct machine *m, struct diag *err)
{
	bool is_stdin;
	const char *name;
	FILE *f;
	char *buf;
	size_t len;
	int rc;

	if (!path)
		return machine_parse_builtin(m, err);
	machine_init_defaults(m);
	is_stdin = strcmp(path, "-") == 0;
	name = is_stdin ? "<stdin>" : path;
	f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		diag_set(err, NULL, 0, "cannot open '%s': %s", path,
			 strerror(errno));
		return -1;
	}
	errno = 0;
	rc = read_all(f, &buf, &len);
	if (rc)
		diag_set(err, NULL, 0, "cannot read '%s': %s", name,
			 strerror(errno));
	if (!is_stdin)
		fclose(f);
	if (rc)
		return -1;
	rc = machine_parse_xml(buf, len, name, m, err);
	free(buf);
	return rc;
}
