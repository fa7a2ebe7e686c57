/* text_file.h - read a whole file (or standard input, "-") into memory,
 * up to a size limit, and write one; for the machine loader and the log
 * commands (import, check). */
#ifndef MEMBOOT_TEXT_FILE_H
#define MEMBOOT_TEXT_FILE_H

#include <stddef.h>

#include "diag.h"
#include "dmesg.h"

/* Read path ("-": standard input), at most max + 1 bytes, so a caller
 * can tell a file that is too large. 0 with *buf (free it) and *len; -1
 * with err when it cannot be opened or read. */
int text_file_slurp(const char *path, size_t max, char **buf, size_t *len,
		    struct diag *err);

/* 0 with *buf (free it) and *len; -1 with err when the file cannot be
 * opened or read, or is larger than max bytes. */
int text_file_read(const char *path, size_t max, char **buf, size_t *len,
		   struct diag *err);

/* Write len bytes to path ("-" or NULL: standard output). 0, or -1 with err. */
int text_file_write(const char *path, const char *buf, size_t len,
		    struct diag *err);

/* Read and parse a boot log: 0, or -1 with err (no e820 table, I/O).
 * d must be released with dmesg_release() either way. */
int text_file_dmesg(const char *path, struct dmesg *d, struct diag *err);

#endif
