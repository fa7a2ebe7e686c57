/*
 * test_files.h - the project's own files in the unit tests: the source
 * tree is MEMBOOT_SRCDIR (make check sets it) or the current directory.
 */
#ifndef MEMBOOT_TEST_FILES_H
#define MEMBOOT_TEST_FILES_H

#include <stddef.h>

#include "machine.h"

const char *test_srcdir(void);

/* The whole file, NUL added (not counted in len); NULL when unreadable. */
char *test_slurp(const char *path, size_t *len);

/* The machine file at path, loaded; the test fails when it does not load. */
void test_load_machine_path(const char *path, struct machine *m);

/* The same for machines/name of the source tree. */
void test_load_machine(const char *name, struct machine *m);

#endif
