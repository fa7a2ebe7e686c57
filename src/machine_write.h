/*
 * machine_write.h - a struct machine as machine-description XML, the
 * inverse of machine_parse_xml(): the text validates against
 * machines/memboot.rng and loads back into the same machine.
 */
#ifndef MEMBOOT_MACHINE_WRITE_H
#define MEMBOOT_MACHINE_WRITE_H

#include <stddef.h>

#include "machine.h"

/* The XML text of m, NUL-terminated, in a new buffer (free it); its
 * length in *len when len is not NULL. Text the schema cannot hold
 * (control characters, bytes outside ASCII) is written as '?'. */
char *machine_write_xml(const struct machine *m, size_t *len);

#endif
