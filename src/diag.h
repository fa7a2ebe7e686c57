/*
 * diag.h - an error record: where (file, line, element) and what, as one
 * sentence. Engine functions return 0 or -1 and fill one of these; only
 * the front end prints it.
 */
#ifndef MEMBOOT_DIAG_H
#define MEMBOOT_DIAG_H

#include <stddef.h>

#define DIAG_MSG_LEN 512

struct diag {
	char file[256];		/* "" when there is no file */
	int line;		/* 0 when unknown */
	char msg[DIAG_MSG_LEN];
};

/* Record an error; file may be NULL. */
void diag_set(struct diag *d, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Format as "file:line: msg" (or the parts that are known) into buf. */
void diag_format(const struct diag *d, char *buf, size_t len);

#endif
