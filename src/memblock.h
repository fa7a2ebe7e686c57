/*
 * memblock.h - the early boot allocator: two sorted arrays of regions
 * (memory and reserved), merging neighbours, top-down or bottom-up
 * allocation with the kernel's limits and alignment, and array doubling.
 * With memblock=debug every call prints the kernel's debug line. The
 * region tables are memblock.c, the free ranges and allocations
 * memblock_alloc.c.
 */
#ifndef MEMBOOT_MEMBLOCK_H
#define MEMBOOT_MEMBLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct klog;

#define PHYS_ADDR_MAX			UINT64_MAX
#define MEMBLOCK_ALLOC_ANYWHERE		UINT64_MAX
#define MEMBLOCK_ALLOC_ACCESSIBLE	0
#define MEMBLOCK_ALLOC_NOLEAKTRACE	1
#define INIT_MEMBLOCK_REGIONS		128
#define MEMBLOCK_REGION_SIZE		24	/* sizeof(struct memblock_region) */

enum memblock_flags {
	MEMBLOCK_NONE = 0x0,
	MEMBLOCK_HOTPLUG = 0x1,
	MEMBLOCK_MIRROR = 0x2,
	MEMBLOCK_NOMAP = 0x4,
	MEMBLOCK_DRIVER_MANAGED = 0x8,
	MEMBLOCK_RSRV_KERN = 0x20,	/* reserved by the kernel for itself (6.16+) */
	MEMBLOCK_KHO_SCRATCH = 0x40,	/* memory kexec handover may allocate from (6.16+) */
};

struct memblock_region {
	uint64_t base;
	uint64_t size;
	uint32_t flags;
	int nid;
};

struct memblock_type {
	const char *name;		/* "memory" or "reserved" */
	size_t cnt;			/* regions in use (1 for the empty dummy) */
	size_t max;			/* capacity, doubles when full */
	uint64_t total_size;
	struct memblock_region *regions;
	uint64_t array_base;		/* where the array lives once doubled */
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	bool bottom_up;
	bool can_resize;
	uint64_t current_limit;
	int max_numnodes;		/* nid of a region without node */
	bool numa;			/* CONFIG_NUMA: dumps show nodes */
	struct klog *log;		/* where debug lines go (may be NULL) */
	/* how the kernel version's memblock_dbg lines read (memblock_init
	 * sets 6.1's) */
	bool phys_alloc_dbg;		/* memblock_phys_alloc_range prints its call */
	bool find_in_range_callers;	/* before 5.15 x86 found and reserved memory itself
					 * (memblock_find_in_range): the reservation is
					 * printed under the caller's name */
	const char *phys_free_name;	/* "memblock_phys_free", or "memblock_free" */
	bool reserve_nid_flags;		/* reservations print as __memblock_reserve with nid=
					 * and flags=, the kernel's own with MEMBLOCK_RSRV_KERN */
};

void memblock_init(struct memblock *mb, int max_numnodes, bool numa, struct klog *log);
void memblock_release(struct memblock *mb);
void memblock_type_copy(struct memblock_type *dst, const struct memblock_type *src);
void memblock_type_release(struct memblock_type *t);
bool memblock_type_equal(const struct memblock_type *a, const struct memblock_type *b);

/* Is the array empty (only the dummy region)? */
bool memblock_type_empty(const struct memblock_type *t);

/*
 * The API, named and behaving as in mm/memblock.c. caller is what the
 * debug line prints for %pS; NULL means the function's usual caller.
 */
int memblock_add(struct memblock *mb, uint64_t base, uint64_t size, const char *caller);
int memblock_add_node(struct memblock *mb, uint64_t base, uint64_t size, int nid,
		      uint32_t flags, const char *caller);
int memblock_remove(struct memblock *mb, uint64_t base, uint64_t size, const char *caller);
int memblock_reserve(struct memblock *mb, uint64_t base, uint64_t size, const char *caller);
/* init_mem_mapping()'s probe for the highest free block: allocated and
 * freed again, or before 5.15 only found; nothing stays reserved. */
uint64_t memblock_phys_probe(struct memblock *mb, uint64_t size, uint64_t align, uint64_t start,
			     uint64_t end, const char *caller);
/* memblock_reserve_kern(): the kernel image's own reservation; a plain
 * memblock_reserve() before reserve_nid_flags. */
int memblock_reserve_kern(struct memblock *mb, uint64_t base, uint64_t size, const char *caller);
/* __memblock_reserve(base, size, nid, flags): what an allocation reserves;
 * nid and flags count only with reserve_nid_flags. */
int memblock_reserve_node(struct memblock *mb, uint64_t base, uint64_t size, int nid, uint32_t flags,
			  const char *caller);
int memblock_phys_free(struct memblock *mb, uint64_t base, uint64_t size, const char *caller);
int memblock_set_node(struct memblock *mb, uint64_t base, uint64_t size,
		      struct memblock_type *type, int nid);
int memblock_mark_hotplug(struct memblock *mb, uint64_t base, uint64_t size);
int memblock_clear_hotplug(struct memblock *mb, uint64_t base, uint64_t size);
int memblock_mark_kho_scratch(struct memblock *mb, uint64_t base, uint64_t size);
int memblock_clear_kho_scratch(struct memblock *mb, uint64_t base, uint64_t size);
void memblock_trim_memory(struct memblock *mb, uint64_t align);
void memblock_allow_resize(struct memblock *mb);
void memblock_set_bottom_up(struct memblock *mb, bool enable);
void memblock_set_current_limit(struct memblock *mb, uint64_t limit);

/* memblock_find_in_range_node(); 0 when nothing fits. */
uint64_t memblock_find_in_range_node(struct memblock *mb, uint64_t size, uint64_t align,
				     uint64_t start, uint64_t end, int nid, uint32_t flags);

/* memblock_alloc_range_nid(): find + reserve (prints the reserve line). */
uint64_t memblock_alloc_range_nid(struct memblock *mb, uint64_t size, uint64_t align,
				  uint64_t start, uint64_t end, int nid, bool exact_nid);

/* memblock_phys_alloc_range(): prints its line, then allocates. */
uint64_t memblock_phys_alloc_range(struct memblock *mb, uint64_t size, uint64_t align,
				   uint64_t start, uint64_t end, const char *caller);

/* memblock_phys_alloc_try_nid(): no line of its own. */
uint64_t memblock_phys_alloc_try_nid(struct memblock *mb, uint64_t size, uint64_t align, int nid);

/*
 * The virtual-address family (memblock_alloc, _node, _try_nid, _raw,
 * _exact_nid_raw): prints "<api>: N bytes align=... nid=... from=...
 * max_addr=... caller", clamps max_addr to current_limit, and retries
 * without the lower limit. Returns the physical address or 0.
 */
uint64_t memblock_alloc_virt(struct memblock *mb, const char *api, uint64_t size,
			     uint64_t align, uint64_t min_addr, uint64_t max_addr,
			     int nid, bool exact_nid, const char *caller);

/* memblock_dump_all() (only prints with memblock=debug). */
void memblock_dump_all(const struct memblock *mb);

/* memblock_phys_mem_size(), memblock_start_of_DRAM(), memblock_end_of_DRAM() */
uint64_t memblock_phys_mem_size(const struct memblock *mb);
uint64_t memblock_start_of_dram(const struct memblock *mb);
uint64_t memblock_end_of_dram(const struct memblock *mb);

/*
 * Iterate free ranges (memory minus reserved) in ascending order. Start
 * with *idx = 0; returns false when done. nid NUMA_NO_NODE for any node;
 * out_nid gets the memory region's node.
 */
bool memblock_next_free_range(const struct memblock *mb, uint64_t *idx, int nid,
			      uint32_t flags, uint64_t *start, uint64_t *end, int *out_nid);

/* Like memblock_next_free_range for reserved minus memory (for_each_resv_unavail_range). */
bool memblock_next_reserved_unavail(const struct memblock *mb, uint64_t *idx, uint64_t *start,
				    uint64_t *end);

/* Index of the region holding addr, or -1. */
int memblock_search(const struct memblock_type *t, uint64_t addr);

/* Index of the first region ending above addr (t->cnt if none; 0 for an
 * empty array's dummy region too, which has size 0 and ends at 0). */
size_t memblock_first_after(const struct memblock_type *t, uint64_t addr);

/* Does any region of t overlap [base, base+size)? */
bool memblock_overlaps(const struct memblock_type *t, uint64_t base, uint64_t size);

#endif
