/* text_file.c - whole-file reads and writes for the log commands. */
#include "text_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Read f to its end or to max + 1 bytes. 0, or -1 with errno. */
static int
read_stream(FILE *f, size_t max, char **buf, size_t *len)
{
	size_t cap = 64 * 1024, n = 0;
	char *p = xmalloc(cap);

	for (;;) {
		size_t want = cap - n, got;

		if (want > max + 1 - n)
			want = max + 1 - n;
		got = fread(p + n, 1, want, f);
		n += got;
		if (got < want || n > max)
			break;
		xgrow((void **)&p, &cap, n + 1, 1);
	}
	if (ferror(f)) {
		free(p);
		if (!errno)
			errno = EIO;
		return -1;
	}
	*buf = p;
	*len = n;
	return 0;
}

int
text_file_slurp(const char *path, size_t max, char **buf, size_t *len,
		struct diag *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	int rc;

	if (!f) {
		diag_set(err, NULL, 0, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	errno = 0;
	rc = read_stream(f, max, buf, len);
	if (rc)
		diag_set(err, NULL, 0, "cannot read '%s': %s", name, strerror(errno));
	if (!is_stdin)
		fclose(f);
	return rc;
}

int
text_file_read(const char *path, size_t max, char **buf, size_t *len,
	       struct diag *err)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	int rc = text_file_slurp(path, max, buf, len, err);

	if (rc == 0 && *len > max) {
		free(*buf);
		diag_set(err, name, 0, "The file is larger than %zu MiB, the most "
			 "memboot reads.", max >> 20);
		rc = -1;
	}
	return rc;
}

int
text_file_write(const char *path, const char *buf, size_t len, struct diag *err)
{
	bool is_stdout = !path || strcmp(path, "-") == 0;
	FILE *f = is_stdout ? stdout : fopen(path, "wb");
	int rc = 0;

	if (!f) {
		diag_set(err, NULL, 0, "cannot create '%s': %s", path, strerror(errno));
		return -1;
	}
	if (fwrite(buf, 1, len, f) != len || fflush(f) != 0)
		rc = -1;
	if (!is_stdout && fclose(f) != 0)
		rc = -1;
	if (rc)
		diag_set(err, NULL, 0, "cannot write '%s': %s",
			 is_stdout ? "<stdout>" : path, strerror(errno));
	return rc;
}

int
text_file_dmesg(const char *path, struct dmesg *d, struct diag *err)
{
	char *buf;
	size_t len;
	int rc;

	memset(d, 0, sizeof(*d));
	if (text_file_read(path, DMESG_MAX_BYTES, &buf, &len, err))
		return -1;
	rc = dmesg_parse(buf, len, strcmp(path, "-") == 0 ? "<stdin>" : path, d, err);
	free(buf);
	if (rc == 0)
		dmesg_calibrate(d);
	return rc;
}
