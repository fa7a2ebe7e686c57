/*
 * section_math.h - the arithmetic behind one mem_section: where it sits in
 * the two-level table (SPARSEMEM_EXTREME), the value its section_mem_map
 * holds, and pfn_to_page / page_to_pfn through it.
 *
 * Classic SPARSEMEM stores "address of the section's memmap minus the
 * section's first pfn (in struct pages)", so adding any pfn of the section
 * lands on its struct page; the low bits hold the flags, and before the
 * memmap exists they hold the early node number instead of an address.
 * With SPARSEMEM_VMEMMAP the memmap of pfn p is at vmemmap + p, so the
 * stored value is vmemmap itself. Addresses are kernel virtual addresses
 * of x86_64 without KASLR: the direct map at PAGE_OFFSET for memmaps
 * allocated from memblock, and vmemmap_base for the virtual memmap.
 */
#ifndef MEMBOOT_SECTION_MATH_H
#define MEMBOOT_SECTION_MATH_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"
#include "sparse_state.h"

/* x86_64 kernel address space without KASLR. */
#define SM_PAGE_OFFSET_L4	0xffff888000000000ull
#define SM_PAGE_OFFSET_L5	0xff11000000000000ull
#define SM_VMEMMAP_BASE_L4	0xffffea0000000000ull
#define SM_VMEMMAP_BASE_L5	0xffd4000000000000ull

struct section_code {
	uint64_t nr;			/* section number */
	uint64_t root, index;		/* mem_section[root][index] */
	uint64_t first_pfn;		/* section_nr_to_pfn(nr) */
	uint32_t flags;			/* SECTION_* bits */
	int nid;
	unsigned nid_shift;		/* SECTION_NID_SHIFT */
	bool vmemmap;
	bool has_map;			/* the memmap is set: 'value' encodes it */
	uint64_t early;			/* the value memory_present stored */
	uint64_t memmap_pa;		/* physical memmap (classic), 0 for vmemmap */
	uint64_t memmap_va;		/* virtual address of the first struct page */
	uint64_t coded_map;		/* memmap_va - first_pfn * sizeof(struct page) */
	uint64_t value;			/* section_mem_map as stored */
	uint64_t page_size;		/* sizeof(struct page) */
};

/* Base of the direct map and of vmemmap for a build (4- or 5-level). */
uint64_t section_math_page_offset(const struct machine_build *b);
uint64_t section_math_vmemmap_base(const struct machine_build *b);

/* SECTION_NID_SHIFT (SECTION_MAP_LAST_BIT: 5 with ZONE_DEVICE, else 4). */
unsigned section_math_nid_shift(const struct machine_build *b);

/* The code of section nr of run r (which must hold it). */
void section_math_encode(const struct machine_build *b, const struct section_run *r,
			 uint64_t nr, struct section_code *out);

/* The address section_mem_map & SECTION_MAP_MASK gives. */
uint64_t section_math_map_addr(const struct section_code *c);

/* pfn_to_page(pfn) for a pfn of the section: map address + pfn. */
uint64_t section_math_pfn_to_page(const struct section_code *c, uint64_t pfn);

/* page_to_pfn(page): (page - map address) / sizeof(struct page). */
uint64_t section_math_page_to_pfn(const struct section_code *c, uint64_t page);

#endif
