/*
 * section_math.c - section_mem_map encoding and the pfn <-> struct page
 * arithmetic of one section (see section_math.h). Unsigned 64-bit
 * arithmetic wraps the way the kernel's unsigned long does, which the
 * classic encoding relies on: memmap - pfn may lie below the direct map.
 */
#include "section_math.h"

#include <string.h>

#include "kernel_const.h"

static bool
five_level(const struct machine_build *b)
{
	return b->max_physmem_bits > 46;
}

uint64_t
section_math_page_offset(const struct machine_build *b)
{
	return five_level(b) ? SM_PAGE_OFFSET_L5 : SM_PAGE_OFFSET_L4;
}

uint64_t
section_math_vmemmap_base(const struct machine_build *b)
{
	return five_level(b) ? SM_VMEMMAP_BASE_L5 : SM_VMEMMAP_BASE_L4;
}

unsigned
section_math_nid_shift(const struct machine_build *b)
{
	return b->zone_device ? 5 : 4;
}

static uint64_t
map_mask(const struct section_code *c)
{
	return ~((1ull << c->nid_shift) - 1);
}

void
section_math_encode(const struct machine_build *b, const struct section_run *r, uint64_t nr,
		    struct section_code *out)
{
	uint64_t per_root = sections_per_root(b);
	/* the flags memory_present set, before sparse_init_one_section */
	uint32_t early_flags = r->flags & (SECTION_MARKED_PRESENT | SECTION_IS_ONLINE);

	memset(out, 0, sizeof(*out));
	out->nr = nr;
	out->root = nr / per_root;
	out->index = nr % per_root;
	out->first_pfn = nr << pfn_section_shift(b);
	out->flags = r->flags;
	out->nid = r->nid;
	out->nid_shift = section_math_nid_shift(b);
	out->vmemmap = b->model == MEM_MODEL_SPARSEMEM_VMEMMAP;
	out->page_size = b->struct_page_size ? b->struct_page_size : 64;
	out->early = ((uint64_t)(r->nid > 0 ? r->nid : 0) << out->nid_shift) | early_flags;
	out->has_map = (r->flags & SECTION_HAS_MEM_MAP) != 0;
	if (!out->has_map) {
		out->value = r->flags & SECTION_MARKED_PRESENT ? out->early : 0;
		return;
	}
	if (out->vmemmap) {
		out->memmap_va = section_math_vmemmap_base(b) + out->first_pfn * out->page_size;
	} else {
		out->memmap_pa = section_run_memmap(r, nr);
		out->memmap_va = section_math_page_offset(b) + out->memmap_pa;
	}
	out->coded_map = (out->memmap_va - out->first_pfn * out->page_size) & map_mask(out);
	out->value = out->coded_map | r->flags;
}

uint64_t
section_math_map_addr(const struct section_code *c)
{
	return c->value & map_mask(c);
}

uint64_t
section_math_pfn_to_page(const struct section_code *c, uint64_t pfn)
{
	return section_math_map_addr(c) + pfn * c->page_size;
}

uint64_t
section_math_page_to_pfn(const struct section_code *c, uint64_t page)
{
	return (page - section_math_map_addr(c)) / c->page_size;
}
