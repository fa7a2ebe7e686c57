/* json.h - the final boot state as JSON (memboot run --batch --json). */
#ifndef MEMBOOT_JSON_H
#define MEMBOOT_JSON_H

#include <stdio.h>

#include "engine.h"

/* Write the state after the current step of e to f. */
void json_write_state(FILE *f, const struct engine *e);

#endif
