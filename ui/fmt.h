/* fmt.h - figures as people read them, for both front ends. */
#ifndef MEMBOOT_FMT_H
#define MEMBOOT_FMT_H

#include <stddef.h>
#include <stdint.h>

/* Format a byte count as "2047 MiB", "4 KiB", "1.5 GiB" into buf. */
void fmt_size(uint64_t bytes, char *buf, size_t len);

#endif
