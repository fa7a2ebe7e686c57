/*
 * boot_sparse.c - sparse_init() (mm/sparse.c): memblocks_present() marks
 * the sections that hold memory and allocates the mem_section roots,
 * sparse_init_nid() gives each node's present sections their usemaps and
 * memmaps, and with SPARSEMEM_VMEMMAP the page-table pages
 * vmemmap_populate() needs (mm/sparse-vmemmap.c, arch/x86/mm/init_64.c).
 */
#include "boot_sparse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "kernel_const.h"
#include "range_set.h"
#include "xalloc.h"

/* The vmemmap page-table pages sparse_init() has allocated, by index. */
struct vmemmap_tables {
	struct span *pud_pages;	/* one per 512 GiB of vmemmap VA */
	size_t nr_pud_pages, cap_pud_pages;
	struct span *pmd_pages;	/* one per 1 GiB of vmemmap VA */
	size_t nr_pmd_pages, cap_pmd_pages;
};

uint64_t
section_shift(const struct boot_ctx *b)
{
	return pfn_section_shift(&b->m->build);
}

static uint64_t
section_map_size(const struct boot_ctx *b)
{
	uint64_t bytes = (uint64_t)b->m->build.struct_page_size << section_shift(b);

	if (b->m->build.model == MEM_MODEL_SPARSEMEM_VMEMMAP)
		return align_up(bytes, PMD_SIZE);
	return align_up(bytes, PAGE_SIZE);
}

/* memblocks_present(): mark the sections that hold memory, with roots. */
static void
memblocks_present(struct boot_ctx *b)
{
	struct sparse_state *s = &b->w->sparse;
	const struct machine_build *bd = &b->m->build;
	struct memblock *mb = MB(b);
	uint64_t per_root = sections_per_root(bd);
	uint64_t nr_roots = (nr_mem_sections(bd) + per_root - 1) / per_root;
	uint64_t sshift = section_shift(b);

	for (size_t i = 0; i < mb->memory.cnt; i++) {
		const struct memblock_region *r = &mb->memory.regions[i];
		uint64_t start = PFN_UP(r->base), end = PFN_DOWN(r->base + r->size);
		uint64_t first, last, nr;

		if (start >= end)
			continue;
		if (!s->root_array) {
			s->root_array_size = 8 * nr_roots;
			s->root_array = memblock_alloc_virt(mb, "memblock_alloc_try_nid", s->root_array_size,
							    1u << bd->internode_cache_shift, 0, 0,
							    NUMA_NO_NODE, false, "sparse_init");
			touch(b, s->root_array, s->root_array + s->root_array_size);
		}
		first = start >> sshift;
		last = (end - 1) >> sshift;
		for (uint64_t root = first / per_root; root <= last / per_root; root++) {
			size_t k = 0;
			uint64_t pa;

			while (k < s->nr_roots && s->roots[k].index < root)
				k++;
			if (k < s->nr_roots && s->roots[k].index == root)
				continue;
			pa = memblock_alloc_virt(mb, "memblock_alloc_try_nid", 4096, L1_CACHE_BYTES, 0, 0,
						 r->nid, false, "sparse_index_alloc");
			xgrow((void **)&s->roots, &s->cap_roots, s->nr_roots + 1, sizeof(s->roots[0]));
			memmove(&s->roots[k + 1], &s->roots[k], (s->nr_roots - k) * sizeof(s->roots[0]));
			s->roots[k] = (struct section_root){ root, pa };
			s->nr_roots++;
			touch(b, pa, pa + 4096);
		}
		/* the first node to touch a section keeps it */
		for (uint64_t sec = first; sec <= last; sec += nr) {
			const struct section_run *run = sparse_find(s, sec);

			nr = 1;
			if (run) {
				nr = run->first + run->nr - sec;
				continue;
			}
			while (sec + nr <= last && !sparse_find(s, sec + nr))
				nr++;
			sparse_set_range(s, &(struct section_run){
				.first = sec, .nr = nr, .nid = r->nid,
				.flags = SECTION_MARKED_PRESENT | SECTION_IS_ONLINE });
			s->nr_present += nr;
		}
		touch(b, PFN_PHYS(first << sshift), PFN_PHYS((last + 1) << sshift));
		step(b, "memory_present",
		     "Sections %llu-%llu (pfn 0x%llx-0x%llx) are marked present for node %d.",
		     (unsigned long long)first, (unsigned long long)last,
		     (unsigned long long)start, (unsigned long long)(end - 1), r->nid);
	}
}

/* Is idx in the set? If not, add it and return false. */
static bool
index_test_and_add(struct span **set, size_t *nr, size_t *cap, uint64_t idx)
{
	if (range_set_find(*set, *nr, idx) >= 0)
		return true;
	range_set_add(set, nr, cap, idx, idx + 1);
	return false;
}

/* The vmemmap's max_addr: 7.x keeps it from kmemleak */
static uint64_t
vmemmap_max_addr(const struct boot_ctx *b)
{
	return b->prof.vmemmap_no_buffer ? MEMBLOCK_ALLOC_NOLEAKTRACE : MEMBLOCK_ALLOC_ACCESSIBLE;
}

static void
vmemmap_table_page(struct boot_ctx *b, int nid)
{
	uint64_t pa = memblock_alloc_virt(MB(b), "memblock_alloc_try_nid_raw", PAGE_SIZE, PAGE_SIZE,
					  MAX_DMA_ADDRESS, vmemmap_max_addr(b), nid, false,
					  "vmemmap_alloc_block_zero.constprop.0");

	touch(b, pa, pa ? pa + PAGE_SIZE : 0);
	if (pa)
		b->w->sparse.vmemmap_tables++;
}

/*
 * vmemmap_populate() for sections [first, end): the PUD table page (one
 * per 512 GiB of vmemmap VA) and PMD table page (one per 1 GiB) each new
 * stretch of struct pages needs, in the order the sections are populated.
 * vmemmap_base is taken 512 GiB aligned.
 */
static void
vmemmap_tables(struct boot_ctx *b, struct vmemmap_tables *vt, uint64_t first, uint64_t end, int nid)
{
	uint64_t bytes = (uint64_t)b->m->build.struct_page_size << section_shift(b);
	const uint64_t pud_span = 1ull << 39, pmd_span = 1ull << 30;
	uint64_t va = first * bytes, va_end = end * bytes;

	for (uint64_t a = va; a < va_end; a = align_down(a, pmd_span) + pmd_span) {
		if (!index_test_and_add(&vt->pud_pages, &vt->nr_pud_pages, &vt->cap_pud_pages,
					a / pud_span))
			vmemmap_table_page(b, nid);
		if (!index_test_and_add(&vt->pmd_pages, &vt->nr_pmd_pages, &vt->cap_pmd_pages,
					a / pmd_span))
			vmemmap_table_page(b, nid);
	}
}

/* The physical address of NODE_DATA(nid), for placing usemaps. */
static uint64_t
pgdat_phys(const struct boot_ctx *b, int nid)
{
	const struct numa_state *n = &b->w->numa;

	if (b->m->build.numa && nid < n->nr_node_ids && n->nodes[nid].node_data)
		return n->nodes[nid].node_data;
	return b->m->kernel.text;	/* contig_page_data lives in the kernel */
}

static uint64_t
usemap_alloc(struct boot_ctx *b, int nid, uint64_t size)
{
	struct memblock *mb = MB(b);
	uint64_t goal, limit, pa;
	int rnid;

	/* near NODE_DATA only with MEMORY_HOTREMOVE, and not in 7.x */
	if (!b->m->build.memory_hotremove || b->prof.vmemmap_no_buffer)
		return memblock_alloc_virt(mb, "memblock_alloc_try_nid", size, L1_CACHE_BYTES, 0, 0,
					   nid, false, "sparse_init_nid");
	goal = pgdat_phys(b, nid) & ~((1ull << b->m->build.section_size_bits) - 1);
	limit = goal + (1ull << b->m->build.section_size_bits);
	rnid = memblock_search(&mb->memory, goal);
	rnid = rnid >= 0 ? mb->memory.regions[rnid].nid : nid;
	pa = memblock_alloc_virt(mb, "memblock_alloc_try_nid", size, L1_CACHE_BYTES, goal, limit,
				 rnid, false, "sparse_init_nid");
	if (!pa)
		pa = memblock_alloc_virt(mb, "memblock_alloc_try_nid", size, L1_CACHE_BYTES, goal, 0,
					 rnid, false, "sparse_init_nid");
	return pa;
}

/* sparse_init_nid(): usemaps and memmaps for a run of present sections
 * [pbegin, pend) of one node holding count present sections. */
static void
sparse_init_nid(struct boot_ctx *b, struct vmemmap_tables *vt, int nid, uint64_t pbegin,
		uint64_t pend, uint64_t count)
{
	struct sparse_state *s = &b->w->sparse;
	struct memblock *mb = MB(b);
	const bool vmemmap = b->m->build.model == MEM_MODEL_SPARSEMEM_VMEMMAP;
	uint64_t usize = b->m->build.usemap_size, msize = section_map_size(b);
	uint64_t usage, buf, buf_end, pos;
	uint64_t sec_bytes = 1ull << b->m->build.section_size_bits;

	usage = usemap_alloc(b, nid, usize * count);
	if (!usage) {
		klog_printf(LOG(b), KLOG_INFO, "%s: node[%d] usemap allocation failed", "sparse_init_nid", nid);
		sparse_set_range(s, &(struct section_run){ .first = pbegin, .nr = pend - pbegin,
							   .nid = nid, .flags = 0 });
		step(b, "sparse_init_nid", "No room for node %d's usemaps: its sections are dropped.", nid);
		return;
	}
	touch(b, usage, usage + usize * count);
	buf = b->prof.vmemmap_no_buffer
		      ? 0
		      : memblock_alloc_virt(mb, "memblock_alloc_exact_nid_raw", count * msize, msize,
					    MAX_DMA_ADDRESS, 0, nid, true, "sparse_init_nid");
	buf_end = buf ? buf + count * msize : 0;
	touch(b, buf, buf_end);
	pos = buf;
	/* present sections come in runs; with the buffer each run's memmaps
	 * are consecutive 'msize' slices of it, so a run is set at once */
	for (size_t i = 0; i < s->nr_runs && s->runs[i].first < pend;) {
		struct section_run one = s->runs[i];
		uint64_t sec = one.first > pbegin ? one.first : pbegin, nr;

		if (one.first + one.nr <= pbegin || !(one.flags & SECTION_MARKED_PRESENT) ||
		    one.nid != nid || (one.flags & SECTION_HAS_MEM_MAP)) {
			i++;
			continue;
		}
		nr = (one.first + one.nr < pend ? one.first + one.nr : pend) - sec;
		if (buf) {
			nr = nr < (buf_end - pos) / msize ? nr : (buf_end - pos) / msize;
		} else {
			nr = 1;
		}
		if (vmemmap)
			vmemmap_tables(b, vt, sec, sec + (nr ? nr : 1), nid);
		if (nr && buf) {
			one.memmap = pos;
			pos += nr * msize;
		} else {
			/* no buffer: each section's memmap on its own */
			nr = 1;
			one.memmap = memblock_alloc_virt(mb, "memblock_alloc_try_nid_raw", msize, msize,
							 MAX_DMA_ADDRESS, vmemmap ? vmemmap_max_addr(b) : 0,
							 nid, false,
							 !vmemmap ? "__populate_section_memmap"
							 : b->prof.vmemmap_no_buffer ? "vmemmap_populate_hugepages"
										     : "vmemmap_alloc_block");
			if (!one.memmap) {
				klog_printf(LOG(b), KLOG_INFO,
					    "%s: node[%d] memory map backing failed. Some memory will not be available.",
					    "sparse_init_nid", nid);
				sparse_set_range(s, &(struct section_run){ .first = sec, .nr = pend - sec,
									   .nid = nid, .flags = 0 });
				break;
			}
		}
		touch(b, one.memmap, one.memmap + nr * msize);
		one.first = sec;
		one.nr = nr;
		one.flags |= SECTION_HAS_MEM_MAP | SECTION_IS_EARLY;
		one.memmap_stride = msize;
		one.usemap = usage;
		one.usemap_stride = usize;
		usage += nr * usize;
		sparse_set_range(s, &one);
		/* the table changed under us: find the first run past sec */
		i = sparse_index_after(s, sec + nr);
	}
	/* sparse_buffer_fini(): what the sections did not use goes back */
	if (buf && pos < buf_end)
		memblock_phys_free(mb, pos, buf_end - pos, "sparse_buffer_fini");
	touch(b, sec_bytes * pbegin, sec_bytes * pend);
	step(b, "sparse_init_nid",
	     "Node %d: usemaps for %llu sections near NODE_DATA, and one %llu MiB block for their memmap (%llu KiB of struct page per section).",
	     nid, (unsigned long long)count, (unsigned long long)((count * msize) >> 20),
	     (unsigned long long)(msize >> 10));
}

struct nid_run {
	int nid;
	uint64_t begin, end, count;
};

void
sparse_init(struct boot_ctx *b)
{
	const struct sparse_state *s = &b->w->sparse;
	struct nid_run *runs = NULL;
	size_t nr = 0, cap = 0;
	struct vmemmap_tables vt = { NULL, 0, 0, NULL, 0, 0 };

	if (b->m->build.model == MEM_MODEL_FLATMEM)
		return;
	memblocks_present(b);
	/* each maximal run of present sections with one early nid goes to
	 * sparse_init_nid; collect them first, as it rewrites the table */
	for (size_t i = 0; i < s->nr_runs; i++) {
		const struct section_run *r = &s->runs[i];

		if (!(r->flags & SECTION_MARKED_PRESENT))
			continue;
		if (!nr || runs[nr - 1].nid != r->nid) {
			xgrow((void **)&runs, &cap, nr + 1, sizeof(*runs));
			runs[nr++] = (struct nid_run){ r->nid, r->first, r->first, 0 };
		}
		runs[nr - 1].end = r->first + r->nr;
		runs[nr - 1].count += r->nr;
	}
	for (size_t i = 0; i < nr; i++)
		sparse_init_nid(b, &vt, runs[i].nid, runs[i].begin, runs[i].end, runs[i].count);
	free(runs);
	free(vt.pud_pages);
	free(vt.pmd_pages);
}
