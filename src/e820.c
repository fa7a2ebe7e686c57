/*
 * e820.c - the kernel's view of the firmware memory map.
 *
 * The sanitiser follows e820__update_table(): every entry becomes a start
 * and an end change point; sweeping the sorted points keeps the set of
 * entries covering the current address, the highest type number wins, and
 * a new entry starts wherever the winning type changes (always for the
 * no-merge types). Updates and removals edit entries in place and append
 * split-off pieces at the end, unsorted until the next sanitise.
 */
#include "e820.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_const.h"
#include "klog.h"
#include "range_set.h"
#include "machine.h"
#include "xalloc.h"

void
e820_table_init(struct e820_table *t, uint32_t max)
{
	t->nr_entries = 0;
	t->max_entries = max;
	t->names_7 = false;
	t->entries = xcalloc(max, sizeof(t->entries[0]));
}

void
e820_table_release(struct e820_table *t)
{
	free(t->entries);
	memset(t, 0, sizeof(*t));
}

void
e820_table_copy(struct e820_table *dst, const struct e820_table *src)
{
	dst->nr_entries = src->nr_entries;
	dst->max_entries = src->max_entries;
	dst->names_7 = src->names_7;
	/* a snapshot only needs the entries in use */
	dst->entries = xmemdup(src->entries,
			       (src->nr_entries ? src->nr_entries : 1) * sizeof(src->entries[0]));
}

bool
e820_table_equal(const struct e820_table *a, const struct e820_table *b)
{
	return a->nr_entries == b->nr_entries &&
	       memcmp(a->entries, b->entries, a->nr_entries * sizeof(a->entries[0])) == 0;
}

void
e820_range_add(struct e820_table *t, uint64_t start, uint64_t size,
	       uint32_t type, struct klog *log)
{
	if (t->nr_entries >= t->max_entries) {
		klog_printf(log, KLOG_INFO, "too many entries; ignoring [mem 0x%08llx-0x%08llx]",
			    (unsigned long long)start, (unsigned long long)(start + size - 1));
		return;
	}
	t->entries[t->nr_entries++] = (struct e820_entry){ start, size, type };
}

static bool
e820_nomerge(uint32_t type)
{
	return type == E820_TYPE_PRAM || type == E820_TYPE_SOFT_RESERVED;
}

struct change_point {
	uint64_t addr;
	uint32_t entry;		/* index into the old table */
	bool is_end;
};

static int
cp_compare(const void *pa, const void *pb)
{
	const struct change_point *a = pa, *b = pb;

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	/* starts sort before ends; the rest of the order does not matter
	 * for the result, the index only makes qsort deterministic */
	if (a->is_end != b->is_end)
		return a->is_end ? 1 : -1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

int
e820_update_table(struct e820_table *t)
{
	const struct e820_entry *old = t->entries;
	struct change_point *cp;
	struct e820_entry *out;
	uint32_t *active;
	uint32_t nr_cp = 0, nr_active = 0, nr_out = 0;
	uint32_t last_type = 0;
	uint64_t last_addr = 0;

	if (t->nr_entries < 2)
		return -1;
	for (uint32_t i = 0; i < t->nr_entries; i++)
		if (old[i].addr + old[i].size < old[i].addr)
			return -1;

	cp = xmalloc(2 * t->nr_entries * sizeof(*cp));
	active = xmalloc(t->nr_entries * sizeof(*active));
	out = xcalloc(t->max_entries, sizeof(*out));
	for (uint32_t i = 0; i < t->nr_entries; i++) {
		if (old[i].size == 0)
			continue;
		cp[nr_cp++] = (struct change_point){ old[i].addr, i, false };
		cp[nr_cp++] = (struct change_point){ old[i].addr + old[i].size, i, true };
	}
	qsort(cp, nr_cp, sizeof(*cp), cp_compare);

	for (uint32_t c = 0; c < nr_cp; c++) {
		uint32_t cur = 0;

		if (!cp[c].is_end) {
			active[nr_active++] = cp[c].entry;
		} else {
			for (uint32_t i = 0; i < nr_active; i++)
				if (active[i] == cp[c].entry) {
					active[i] = active[--nr_active];
					break;
				}
		}
		for (uint32_t i = 0; i < nr_active; i++)
			if (old[active[i]].type > cur)
				cur = old[active[i]].type;

		if (cur == last_type && !e820_nomerge(cur))
			continue;
		if (last_type != 0) {
			out[nr_out].size = cp[c].addr - last_addr;
			if (out[nr_out].size != 0 && ++nr_out >= t->max_entries)
				break;
		}
		if (cur != 0) {
			out[nr_out].addr = cp[c].addr;
			out[nr_out].type = cur;
			last_addr = cp[c].addr;
		}
		last_type = cur;
	}

	memcpy(t->entries, out, nr_out * sizeof(*out));
	t->nr_entries = nr_out;
	free(out);
	free(active);
	free(cp);
	return 0;
}

const struct e820_type_names e820_types[] = {
	{ E820_TYPE_RAM, "usable", "System RAM", "usable", "usable", "System RAM" },
	{ E820_TYPE_RESERVED, "reserved", "device reserved", "reserved", "reserved", "Reserved" },
	{ E820_TYPE_SOFT_RESERVED, "soft reserved", "soft reserved", "soft_reserved", "soft-resv",
	  "Soft Reserved" },
	{ E820_TYPE_ACPI, "ACPI data", "ACPI data", "acpi", "ACPI", "ACPI Tables" },
	{ E820_TYPE_NVS, "ACPI NVS", "ACPI NVS", "nvs", "ACPI NVS", "ACPI Non-volatile Storage" },
	{ E820_TYPE_UNUSABLE, "unusable", "unusable", "unusable", "unusable", "Unusable memory" },
	{ E820_TYPE_PMEM, NULL, NULL, "pmem", "pmem", "Persistent Memory" },
	{ E820_TYPE_PRAM, NULL, NULL, "pram", "pram", "Persistent Memory (legacy)" },
	/* 7.x has no E820_TYPE_RESERVED_KERN: it prints as "type 128" */
	{ E820_TYPE_RESERVED_KERN, "usable", NULL, "reserved_kern", "usable*", "Kernel RAM" },
};

const size_t e820_nr_types = sizeof(e820_types) / sizeof(e820_types[0]);

const struct e820_type_names *
e820_type_names(uint32_t type)
{
	for (size_t i = 0; i < e820_nr_types; i++)
		if (e820_types[i].type == type)
			return &e820_types[i];
	return NULL;
}

void
e820_type_name_of(uint32_t type, bool names_7, char *buf, size_t len)
{
	const struct e820_type_names *n = e820_type_names(type);
	const char *name = n ? (names_7 ? n->kernel_7 : n->kernel) : NULL;

	if (name)
		snprintf(buf, len, "%s", name);
	else if (n && (type == E820_TYPE_PMEM || type == E820_TYPE_PRAM))
		snprintf(buf, len, names_7 ? "persistent RAM (type %u)" : "persistent (type %u)", type);
	else
		snprintf(buf, len, "type %u", type);
}

void
e820_type_name(uint32_t type, char *buf, size_t len)
{
	e820_type_name_of(type, false, buf, len);
}

const char *
e820_type_short(uint32_t type)
{
	const struct e820_type_names *n = e820_type_names(type);

	return n ? n->brief : "other";
}

static uint64_t
clamp_size(uint64_t start, uint64_t size)
{
	return size > UINT64_MAX - start ? UINT64_MAX - start : size;
}

uint64_t
e820_range_update(struct e820_table *t, uint64_t start, uint64_t size,
		  uint32_t old_type, uint32_t new_type, struct klog *log)
{
	char on[32], nn[32];
	uint64_t end, updated = 0;

	size = clamp_size(start, size);
	end = start + size;
	e820_type_name_of(old_type, t->names_7, on, sizeof(on));
	e820_type_name_of(new_type, t->names_7, nn, sizeof(nn));
	klog_printf(log, KLOG_DEBUG, "e820: update [mem 0x%08llx-0x%08llx] %s ==> %s",
		    (unsigned long long)start, (unsigned long long)(end - 1), on, nn);

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		struct e820_entry *e = &t->entries[i];
		uint64_t e_end = e->addr + e->size, fs, fe;

		if (e->type != old_type)
			continue;
		if (e->addr >= start && e_end <= end) {
			e->type = new_type;
			updated += e->size;
			continue;
		}
		if (e->addr < start && e_end > end) {
			e820_range_add(t, start, size, new_type, log);
			e820_range_add(t, end, e_end - end, e->type, log);
			e = &t->entries[i];
			e->size = start - e->addr;
			updated += size;
			continue;
		}
		fs = e->addr > start ? e->addr : start;
		fe = e_end < end ? e_end : end;
		if (fs >= fe)
			continue;
		e820_range_add(t, fs, fe - fs, new_type, log);
		e = &t->entries[i];
		updated += fe - fs;
		e->size -= fe - fs;
		if (e->addr < fs)
			continue;
		e->addr = fe;
	}
	return updated;
}

uint64_t
e820_range_remove(struct e820_table *t, uint64_t start, uint64_t size,
		  uint32_t old_type, bool check_type, struct klog *log)
{
	char on[32] = "";
	uint64_t end, removed = 0;

	size = clamp_size(start, size);
	end = start + size;
	if (check_type)
		e820_type_name_of(old_type, t->names_7, on, sizeof(on));
	/* without a type the kernel's line keeps its trailing space */
	klog_printf(log, KLOG_DEBUG, "e820: remove [mem 0x%08llx-0x%08llx] %s",
		    (unsigned long long)start, (unsigned long long)(end - 1), on);

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		struct e820_entry *e = &t->entries[i];
		uint64_t e_end = e->addr + e->size, fs, fe;

		if (check_type && e->type != old_type)
			continue;
		if (e->addr >= start && e_end <= end) {
			removed += e->size;
			memset(e, 0, sizeof(*e));
			continue;
		}
		if (e->addr < start && e_end > end) {
			e820_range_add(t, end, e_end - end, e->type, log);
			e = &t->entries[i];
			e->size = start - e->addr;
			removed += size;
			continue;
		}
		fs = e->addr > start ? e->addr : start;
		fe = e_end < end ? e_end : end;
		if (fs >= fe)
			continue;
		removed += fe - fs;
		e->size -= fe - fs;
		if (e->addr < fs)
			continue;
		e->addr = fe;
	}
	return removed;
}

void
e820_print_table(const struct e820_table *t, const char *who, struct klog *log)
{
	char tn[40];
	uint64_t prev_end = 0;

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];

		e820_type_name_of(e->type, t->names_7, tn, sizeof(tn));
		if (t->names_7) {
			/* 7.x: each name after a second space, and a gap line
			 * before an entry that leaves one (the table is
			 * sanitised, so none goes back) */
			if (e->addr > prev_end)
				klog_printf(log, KLOG_INFO, "%s: [gap 0x%016llx-0x%016llx]", who,
					    (unsigned long long)prev_end,
					    (unsigned long long)(e->addr - 1));
			prev_end = e->addr + e->size;
		}
		klog_printf(log, KLOG_INFO, "%s: [mem 0x%016llx-0x%016llx] %s%s", who,
			    (unsigned long long)e->addr,
			    (unsigned long long)(e->addr + e->size - 1), t->names_7 ? " " : "", tn);
	}
}

uint64_t
e820_end_of_ram_pfn(const struct e820_table *t, uint64_t limit_pfn,
		    uint64_t max_arch_pfn, const char *prefix, struct klog *log)
{
	uint64_t last_pfn = 0;

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];
		uint64_t s, en;

		if (e->type != E820_TYPE_RAM)
			continue;
		s = PFN_DOWN(e->addr);
		en = PFN_DOWN(e->addr + e->size);
		if (s >= limit_pfn)
			continue;
		if (en > limit_pfn) {
			last_pfn = limit_pfn;
			break;
		}
		if (en > last_pfn)
			last_pfn = en;
	}
	if (last_pfn > max_arch_pfn)
		last_pfn = max_arch_pfn;
	klog_printf(log, KLOG_INFO, "%slast_pfn = 0x%llx max_arch_pfn = 0x%llx",
		    prefix, (unsigned long long)last_pfn, (unsigned long long)max_arch_pfn);
	return last_pfn;
}

bool
e820_all_mapped(const struct e820_table *t, uint64_t start, uint64_t end,
		uint32_t type)
{
	/* like the kernel: walk entries in order, advancing start over
	 * each entry of the type that covers it */
	for (uint32_t i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];

		if (e->type != type)
			continue;
		if (e->addr >= end || e->addr + e->size <= start)
			continue;
		if (e->addr <= start)
			start = e->addr + e->size;
		if (start >= end)
			return true;
	}
	return false;
}

static void
entry_span(const void *item, uint64_t *start, uint64_t *size)
{
	const struct e820_entry *e = item;

	*start = e->addr;
	*size = e->size;
}

int
e820_find(const struct e820_table *t, uint64_t addr)
{
	return (int)ranges_find(t->entries, t->nr_entries, sizeof(t->entries[0]), entry_span, addr);
}

uint32_t
e820_first_after(const struct e820_table *t, uint64_t addr)
{
	return (uint32_t)ranges_first_above(t->entries, t->nr_entries, sizeof(t->entries[0]),
					    entry_span, addr);
}

/* The PCI gap is looked for below 4 GiB only (32-bit BARs). */
#define GAP_END 0x100000000ull

static void
take_gap(uint64_t start, uint64_t end, uint64_t *max_start, uint64_t *max_size, bool *found)
{
	if (end - start >= *max_size) {
		*max_start = start;
		*max_size = end - start;
		*found = true;
	}
}

/* 7.0+: from the bottom, each hole before an entry, then the one above
 * the last entry. */
static bool
search_from_bottom(const struct e820_table *t, uint64_t *start, uint64_t *size)
{
	uint64_t prev_end = 0;
	bool found = false;

	for (uint32_t i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *e = &t->entries[i];

		if (e->addr > prev_end && prev_end < GAP_END)
			take_gap(prev_end, e->addr < GAP_END ? e->addr : GAP_END, start, size,
				 &found);
		prev_end = e->addr + e->size;
	}
	if (t->nr_entries && prev_end < GAP_END)
		take_gap(prev_end, GAP_END, start, size, &found);
	return found;
}

/* From the top: the hole between each entry's end and the lowest start
 * above it (4 GiB at first). */
static bool
search_from_top(const struct e820_table *t, uint64_t *start, uint64_t *size)
{
	uint64_t below = GAP_END;
	bool found = false;

	for (uint32_t i = t->nr_entries; i-- > 0;) {
		const struct e820_entry *e = &t->entries[i];
		uint64_t end = e->addr + e->size;

		if (below > end)
			take_gap(end, below, start, size, &found);
		if (e->addr < below)
			below = e->addr;
	}
	return found;
}

bool
e820_search_gap(const struct e820_table *t, bool forward, uint64_t *start, uint64_t *size)
{
	return forward ? search_from_bottom(t, start, size) : search_from_top(t, start, size);
}
