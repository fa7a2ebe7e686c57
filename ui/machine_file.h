/* machine_file.h - read a machine file from disk and parse it. */
#ifndef MEMBOOT_MACHINE_FILE_H
#define MEMBOOT_MACHINE_FILE_H

#include "diag.h"
#include "engine.h"
#include "machine.h"

/* Load path ("-" for stdin); NULL path loads the built-in default.
 * 0 on success, -1 with err filled (file, line, message). */
int machine_file_load(const char *path, struct machine *m, struct diag *err);

/* Load path (NULL: the built-in default) and replay its boot; NULL after
 * printing "memboot: file:line: message" on stderr. */
struct engine *machine_file_boot(const char *path);

#endif
