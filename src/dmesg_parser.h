/*
 * dmesg_parser.h - the state of one pass over a boot log and the
 * recognisers that share it, internal to the dmesg_*.c files: each line
 * is offered to the recognisers of dmesg_firmware.c (e820, SRAT),
 * dmesg_kernel.c (the kernel's own lines about itself and its zones) and
 * dmesg_memblock.c (memblock=debug), which read it with the bounded
 * readers of dmesg_text.c.
 */
#ifndef MEMBOOT_DMESG_PARSER_H
#define MEMBOOT_DMESG_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dmesg.h"

/* Points of the boot a memblock=debug trace passes, in order. */
enum stage {
	ST_SETUP_ARCH,
	ST_INIT_MEM_MAPPING,
	ST_ACPI_TABLE_INIT,
	ST_NUMA,		/* NODE_DATA: derived, dropped */
	ST_AFTER_NUMA,
	ST_SPARSE,		/* sparse_init: derived, dropped */
	ST_AFTER_PAGING_INIT,
	ST_START_KERNEL,
	ST_MM_INIT,
	ST_COUNT
};

struct range {
	uint64_t start, last;	/* inclusive */
};

struct parser {
	struct dmesg *d;
	struct machine *m;
	int line;
	size_t cap_e820, cap_ev, cap_mem, cap_cpu, cap_ops, cap_dump;
	int e820_state;			/* 0 before the table, 1 in it, 2 after */
	int nr_last_pfn;
	bool skipped_trim_update, skipped_trim_remove;
	bool in_user_table;		/* lines of "user-defined physical RAM map:" */
	bool pending_who;		/* last event is a table waiting for its lines */
	bool seen_version, done, seen_memory, seen_node_data, seen_max_arch;
	bool saw_numa;			/* the kernel printed NUMA lines */
	int zone_block;			/* 0 before "Zone ranges:", 1 in it, 2 after */
	bool zone_seen[5];		/* DMA, DMA32, Normal, HighMem, Device */
	uint64_t highmem_start;
	uint64_t max_arch_pfn;
	/* the bootmem era (dmesg_bootmem.c) */
	long highmem_mb, lowmem_mb;	/* "NNNMB HIGHMEM/LOWMEM available.", -1 if absent */
	bool only_4gb;			/* "Warning only 4GB will be used.": no PAE */
	bool memory_2x;			/* "Memory: Ak/Bk available (...)" */
	/* memblock=debug */
	enum stage stage;
	int dump_state;			/* 0 none yet, 1 in the first, 2 after it */
	struct range *dump;		/* reserved regions of the first dump */
	size_t nr_dump;
	bool have_brk;
	struct range brk;
	bool have_trampoline;		/* reserve_real_mode's size was seen */
};

/* dmesg_text.c: bounded readers; each advances *p only on success. */
bool starts(const char *s, const char *prefix);
bool is_digit(char c);
/* Hex digits (an optional 0x first) at *p; false on none or overflow. */
bool read_hex(const char **p, uint64_t *out);
/* Decimal digits at *p; false on none or overflow. */
bool read_dec(const char **p, uint64_t *out);
/* A decimal that fits in 32 bits. */
bool read_u32(const char **p, uint32_t *out);
/* Skip the literal lit at *p; false when it is not there. */
bool eat(const char **p, const char *lit);
void skip_spaces(const char **p);
/* "[mem 0xa-0xb]" (inclusive end) at *p. */
bool read_mem_range(const char **p, struct range *r);
/* 2.6's "0000000000000000 - 000000000009fc00" (exclusive end) at *p. */
bool read_old_range(const char **p, struct range *r);

/* Does some line of the len bytes of buf start with the kernel's own
 * "[%5lu.%06lu]" timestamp? (Then a line without a prefix is not the
 * kernel's, or has other bytes before the kernel's.) */
bool dmesg_timestamped(const char *buf, size_t len);
/* Where the first "[%5lu.%06lu]" in the n bytes of a raw line starts, or
 * n when there is none. */
size_t dmesg_kernel_start(const char *raw, size_t n);

/* dmesg_firmware.c: the e820 table and its changes, SRAT. Each returns
 * true when the line was its kind (taken or not). */
bool fits(const struct parser *ps, const struct range *r);
bool bios_e820(struct parser *ps, const char *msg);
/* Is msg a line of the firmware map (any of its names and forms)? */
bool e820_map_line(const char *msg);
bool e820_update(struct parser *ps, const char *msg);
bool e820_remove(struct parser *ps, const char *msg);
bool e820_table_header(struct parser *ps, const char *msg);
bool e820_table_entry(struct parser *ps, const char *msg);
bool last_pfn(struct parser *ps, const char *msg);
/* The MAX_PHYSMEM_BITS the max_arch_pfn line shows (32-52), or 0. */
unsigned log_physmem_bits(const struct parser *ps);
bool srat_memory(struct parser *ps, const char *msg);
bool srat_cpu(struct parser *ps, const char *msg);

/* dmesg_kernel.c: version, command line, initrd, NODE_DATA, "Memory:",
 * build hints and the Zone ranges block. */
bool version_line(struct parser *ps, const char *msg);
bool command_line(struct parser *ps, const char *msg);
bool ramdisk(struct parser *ps, const char *msg);
bool node_data(struct parser *ps, const char *msg);
bool memory_line(struct parser *ps, const char *msg);
void dma_reserved(struct parser *ps, const char *msg);
void build_hints(struct parser *ps, const char *msg);
void highmem(struct parser *ps, const char *msg);
void zone_block(struct parser *ps, const char *msg);

/* dmesg_bootmem.c: the i386 bootmem era's lines (2.4, 2.6 before
 * 2.6.27): the HighMem split, the 2.x "Memory:" sizes, and the build
 * they show. */
void bootmem_lines(struct parser *ps, const char *msg);
/* The sizes of a 2.x "Memory: Ak/Bk available (" line, s after the "(";
 * false when it is not that form. */
bool bootmem_memory_sizes(struct parser *ps, const char *s);
/* The build and kernel a bootmem-era log shows (after the last line). */
void bootmem_finish(struct parser *ps);

/* dmesg_memblock.c: the memblock calls of a memblock=debug trace, and
 * the kernel image placed from its first MEMBLOCK dump (with the brk's
 * size, which shows a build without CONFIG_X86_5LEVEL). */
void memblock_line(struct parser *ps, const char *msg);
void place_kernel(struct parser *ps);

#endif
