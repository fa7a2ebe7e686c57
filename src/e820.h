/*
 * e820.h - the firmware memory map as the kernel keeps it (e820_table):
 * sanitising, range update/remove, printing, and max_pfn.
 */
#ifndef MEMBOOT_E820_H
#define MEMBOOT_E820_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct klog;

struct e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
};

struct e820_table {
	uint32_t nr_entries;
	uint32_t max_entries;
	struct e820_entry *entries;	/* max_entries slots */
	bool names_7;			/* printed as 7.x does: "System RAM", "device
					 * reserved", and the gaps between entries */
};

/* An empty table with room for max entries. */
void e820_table_init(struct e820_table *t, uint32_t max);
void e820_table_release(struct e820_table *t);
void e820_table_copy(struct e820_table *dst, const struct e820_table *src);
bool e820_table_equal(const struct e820_table *a, const struct e820_table *b);

/* Append an entry; prints the kernel's "too many entries" line when full. */
void e820_range_add(struct e820_table *t, uint64_t start, uint64_t size,
		    uint32_t type, struct klog *log);

/* The kernel's e820__update_table(): 0 on success, -1 if left untouched. */
int e820_update_table(struct e820_table *t);

/* __e820__range_update(); prints the "e820: update" line. Returns bytes. */
uint64_t e820_range_update(struct e820_table *t, uint64_t start, uint64_t size,
			   uint32_t old_type, uint32_t new_type, struct klog *log);

/* e820__range_remove(); prints the "e820: remove" line. Returns bytes. */
uint64_t e820_range_remove(struct e820_table *t, uint64_t start, uint64_t size,
			   uint32_t old_type, bool check_type, struct klog *log);

/* e820__print_table(who). */
void e820_print_table(const struct e820_table *t, const char *who,
		      struct klog *log);

/* One e820 type's names: as the kernel prints it, in the machine schema,
 * on the map, and in /sys/firmware/memmap/N/type. */
struct e820_type_names {
	uint32_t type;
	const char *kernel;	/* e820_print_type(); NULL: "persistent (type N)" */
	const char *kernel_7;	/* 7.x's e820_print_type(); NULL: "persistent RAM (type N)" */
	const char *xml;
	const char *brief;
	const char *firmware;
};

/* Every type with a name, one row each (E820_TYPE_RAM before
 * E820_TYPE_RESERVED_KERN, which prints the same). */
extern const struct e820_type_names e820_types[];
extern const size_t e820_nr_types;

/* The row of type, or NULL when it has no name. */
const struct e820_type_names *e820_type_names(uint32_t type);

/* The type as e820_print_type() spells it ("usable", "type 9", ...);
 * names_7: as 7.x spells it ("System RAM", "persistent RAM (type 12)"). */
void e820_type_name(uint32_t type, char *buf, size_t len);
void e820_type_name_of(uint32_t type, bool names_7, char *buf, size_t len);

/* Short name for tables and legends ("usable", "reserved", "ACPI", ...). */
const char *e820_type_short(uint32_t type);

/* e820_end_pfn(limit_pfn, E820_TYPE_RAM) with its "last_pfn" line, after
 * prefix ("" or the "e820: " older kernels printed). */
uint64_t e820_end_of_ram_pfn(const struct e820_table *t, uint64_t limit_pfn,
			     uint64_t max_arch_pfn, const char *prefix, struct klog *log);

/* Is [start,end) entirely covered by entries of this type? */
bool e820_all_mapped(const struct e820_table *t, uint64_t start, uint64_t end,
		     uint32_t type);

/* Index of the entry holding addr, or -1. Table must be sanitised. */
int e820_find(const struct e820_table *t, uint64_t addr);

/* Index of the first entry ending above addr (nr_entries if none). Table
 * must be sanitised. */
uint32_t e820_first_after(const struct e820_table *t, uint64_t addr);

/* e820_search_gap(): the largest hole below 4 GiB after an entry, of at
 * least *size bytes, into *start and *size; false if there is none.
 * The kernel walks the table from the top, so of equal holes the lowest
 * wins; forward (7.0+) walks it from the bottom, counts the hole below
 * the first entry too, and of equal holes the highest wins. Table must
 * be sanitised. */
bool e820_search_gap(const struct e820_table *t, bool forward, uint64_t *start,
		     uint64_t *size);

#endif
