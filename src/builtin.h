/* builtin.h - files compiled into the program (see tools/embed.sh). */
#ifndef MEMBOOT_BUILTIN_H
#define MEMBOOT_BUILTIN_H

extern const char builtin_machine_xml[];	/* machines/default.xml */
extern const char builtin_schema_rng[];		/* machines/memboot.rng */

#endif
