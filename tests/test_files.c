/* test_files.c - see test_files.h. */
#include "test_files.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "machine_xml.h"
#include "xalloc.h"

const char *
test_srcdir(void)
{
	const char *dir = getenv("MEMBOOT_SRCDIR");

	return dir && *dir ? dir : ".";
}

char *
test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		xgrow((void **)&buf, &cap, n + 4097, 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

void
test_load_machine_path(const char *path, struct machine *m)
{
	struct diag err = { 0 };
	size_t len;
	char *buf = test_slurp(path, &len);

	if (!buf)
		fail_msg("cannot read %s", path);
	if (machine_parse_xml(buf, len, path, m, &err))
		fail_msg("%s does not load: %s", path, err.msg);
	free(buf);
}

void
test_load_machine(const char *name, struct machine *m)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/machines/%s", test_srcdir(), name);
	test_load_machine_path(path, m);
}
