/*
 * dmesg.h - read a Linux x86 boot log (dmesg, dmesg -T, journalctl,
 * syslog's kern.log; kernels 2.4 to 6.x) into a machine description.
 *
 * The parser is pure: it takes the log as a buffer and its file name for
 * messages, and fills a struct machine (e820 table, the e820 changes the
 * log shows, SRAT, command line, kernel version and sizes, initrd, and
 * with memblock=debug the memblock calls to replay) plus the log's own
 * messages, prefixes removed, for `memboot check`. It never recurses,
 * bounds every line and checks every number, so any input is safe.
 */
#ifndef MEMBOOT_DMESG_H
#define MEMBOOT_DMESG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "machine.h"

/* Longest message kept; the rest of a longer line is ignored. */
#define DMESG_LINE_MAX		4096
/* Most messages kept from one log. */
#define DMESG_MAX_LINES		(1u << 20)
/* Largest log the command line reads. */
#define DMESG_MAX_BYTES		(64u << 20)

struct dmesg_line {
	int line;		/* 1-based line in the file */
	char *text;		/* the kernel's message, no prefix, no trailing space */
};

struct dmesg {
	struct machine m;
	struct dmesg_line *lines;	/* messages of the first boot in the log */
	size_t nr_lines;
	size_t cap_lines;
	bool x86_32;			/* an i686 kernel */
	bool memblock_debug;		/* memblock=debug lines were replayed */
	size_t nr_dropped;		/* ranges beyond the address limit, left out */
	long dma_reserved;		/* "DMA zone: N pages reserved" (up to 5.13), -1 if absent */
	long memory_reserved_k;		/* 2.x "Memory:" line's "Nk reserved", -1 if absent */
};

/*
 * Parse len bytes of buf, a boot log named file (for messages; may be
 * NULL). 0 on success; -1 with err (file and line) when the log has no
 * e820 table. d must be released with dmesg_release() either way.
 */
int dmesg_parse(const char *buf, size_t len, const char *file,
		struct dmesg *d, struct diag *err);

void dmesg_release(struct dmesg *d);

/*
 * Fit what the log cannot say directly to what it says indirectly: the
 * real-mode trampoline's size (a build fact, 24-32 KiB) to the log's own
 * count of reserved DMA pages, on kernels before 5.13 that print it and
 * reserve only 64 KiB at the bottom; on the i386 bootmem era, the
 * kernel's extent from _text (its bss, and what start_kernel takes from
 * bootmem before mem_init, are not printed) to the "Memory:" line's
 * reserved figure. Runs the engine; leaves logs with memblock=debug
 * (which replay every call) alone.
 */
void dmesg_calibrate(struct dmesg *d);

/*
 * The kernel message inside one raw log line (NUL-terminated, no
 * newline): skips a syslog or journal prefix ("Mon DD HH:MM:SS host
 * kernel: ", ISO dates), a "<6>" level, a "[    0.000000] " or dmesg -T
 * timestamp and a "kernel: " or (journalctl -o short-monotonic) "host
 * kernel: " tag. Returns a pointer into line.
 */
const char *dmesg_message(const char *line);

#endif
