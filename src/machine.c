/* machine.c - machine description defaults and names. */
#include "machine.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const hook_names[HOOK_COUNT] = {
	[HOOK_SETUP_ARCH] = "setup_arch",
	[HOOK_INIT_MEM_MAPPING] = "init_mem_mapping",
	[HOOK_ACPI_TABLE_INIT] = "acpi_table_init",
	[HOOK_AFTER_NUMA] = "after_numa",
	[HOOK_AFTER_PAGING_INIT] = "after_paging_init",
	[HOOK_START_KERNEL] = "start_kernel",
	[HOOK_MM_INIT] = "mm_init",
};

static const char *const api_names[] = {
	[MB_API_PHYS_ALLOC_RANGE] = "memblock_phys_alloc_range",
	[MB_API_PHYS_ALLOC_TRY_NID] = "memblock_phys_alloc_try_nid",
	[MB_API_ALLOC_TRY_NID] = "memblock_alloc_try_nid",
	[MB_API_ALLOC_TRY_NID_RAW] = "memblock_alloc_try_nid_raw",
	[MB_API_ALLOC_EXACT_NID_RAW] = "memblock_alloc_exact_nid_raw",
};

static const char *const model_names[] = {
	[MEM_MODEL_FLATMEM] = "flatmem",
	[MEM_MODEL_SPARSEMEM] = "sparsemem",
	[MEM_MODEL_SPARSEMEM_VMEMMAP] = "sparsemem-vmemmap",
};

#define SHAPE(name, member, nl) \
	{ name, BUILD_U32, offsetof(struct machine_build, member), 0, 0, true, nl, false }
#define U32(name, member, lo, hi, nl) \
	{ name, BUILD_U32, offsetof(struct machine_build, member), lo, hi, false, nl, false }
#define ATTR(name, member, kind, nl) \
	{ name, kind, offsetof(struct machine_build, member), 0, 0, false, nl, false }

/* The first five bound one another (section-size-bits lies between
 * page-shift and max-physmem-bits, pageblock-order below max-order): the
 * loader reads and checks them by hand. */
const struct build_attr machine_build_attrs[] = {
	SHAPE("page-shift", page_shift, false),
	SHAPE("section-size-bits", section_size_bits, false),
	SHAPE("max-physmem-bits", max_physmem_bits, false),
	SHAPE("max-order", max_order, true),
	SHAPE("pageblock-order", pageblock_order, false),
	ATTR("struct-page-size", struct_page_size, BUILD_SIZE32, false),
	ATTR("mem-section-size", mem_section_size, BUILD_SIZE32, false),
	ATTR("usemap-size", usemap_size, BUILD_SIZE32, true),
	ATTR("pglist-data-size", pglist_data_size, BUILD_SIZE64, false),
	U32("nodes-shift", nodes_shift, 0, 10, false),
	ATTR("numa", numa, BUILD_BOOL, false),
	ATTR("deferred-struct-page-init", deferred_struct_page_init, BUILD_BOOL, true),
	ATTR("memory-hotremove", memory_hotremove, BUILD_BOOL, false),
	ATTR("zone-dma", zone_dma, BUILD_BOOL, true),
	ATTR("zone-dma32", zone_dma32, BUILD_BOOL, false),
	ATTR("zone-device", zone_device, BUILD_BOOL, false),
	ATTR("x86-32", x86_32, BUILD_BOOL, false),
	U32("migrate-types", migrate_types, 1, 8, true),
	U32("internode-cache-shift", internode_cache_shift, 0, 12, false),
	ATTR("randomize-memory", randomize_memory, BUILD_BOOL, false),
	ATTR("lowmem-limit", lowmem_limit, BUILD_SIZE64, true),
	ATTR("gbpages", gbpages, BUILD_BOOL, false),
	ATTR("config-5level", config_5level, BUILD_BOOL, false),
	ATTR("debug-bootmem", debug_bootmem, BUILD_BOOL, true),
	/* only when off: machines from before it read and write the same */
	{ "highmem", BUILD_BOOL, offsetof(struct machine_build, highmem), 0, 0, false, false, true },
};
#undef SHAPE
#undef U32
#undef ATTR

const size_t machine_nr_build_attrs = sizeof(machine_build_attrs) / sizeof(machine_build_attrs[0]);

void
machine_init_defaults(struct machine *m)
{
	memset(m, 0, sizeof(*m));
	m->build = (struct machine_build){
		.model = MEM_MODEL_SPARSEMEM_VMEMMAP,
		.page_shift = 12,
		.section_size_bits = 27,
		.max_physmem_bits = 46,
		.max_order = 11,
		.pageblock_order = 9,
		.struct_page_size = 64,
		.mem_section_size = 16,
		/* what Debian's 6.1 kernel allocates per section (see the
		 * qemu-6.1 traces: 1792 bytes for 32 sections) */
		.usemap_size = 56,
		.pglist_data_size = 0x2b000,
		.nodes_shift = 10,
		.numa = true,
		.deferred_struct_page_init = true,
		.memory_hotremove = true,
		.zone_dma = true,
		.zone_dma32 = true,
		.zone_device = true,
		.x86_32 = false,
		.migrate_types = 5,
		.internode_cache_shift = 6,
		.randomize_memory = true,
		/* the classic 896 MiB; real builds lose a few MiB more to
		 * the fixmap and print the exact value as max_low_pfn */
		.lowmem_limit = 0x38000000,
		/* QEMU's default CPU has no 1 GiB pages; Debian builds 5-level */
		.gbpages = false,
		.config_5level = true,
		.debug_bootmem = false,
		.highmem = true,
	};
	m->kernel = (struct machine_kernel){
		.text = 0x1000000,
		.reserve_size = 0x2800000,
		.brk_size = 0x11000,
		.trampoline_size = 0x7000,
		.bios_basemem_kb = 639,
		.bios_ebda = 0x9fc00,
		.reserve_bios_regions = true,
	};
	m->has_srat = false;
}

void
machine_release(struct machine *m)
{
	free(m->name);
	free(m->description);
	free(m->kernel_version);
	free(m->e820);
	free(m->srat_mem);
	free(m->srat_cpu);
	free(m->ops);
	free(m->e820_events);
	free(m->file);
	memset(m, 0, sizeof(*m));
}

void
machine_fit_phys_limit(struct machine *m)
{
	uint64_t top = 0;

	for (size_t i = 0; i < m->nr_e820; i++)
		if (m->e820[i].addr + m->e820[i].size - 1 > top)
			top = m->e820[i].addr + m->e820[i].size - 1;
	for (size_t i = 0; i < m->nr_srat_mem; i++)
		if (m->srat_mem[i].base + m->srat_mem[i].length - 1 > top)
			top = m->srat_mem[i].base + m->srat_mem[i].length - 1;
	for (size_t i = 0; i < m->nr_e820_events; i++)
		if (m->e820_events[i].kind != E820_EV_TABLE &&
		    m->e820_events[i].start + m->e820_events[i].size - 1 > top)
			top = m->e820_events[i].start + m->e820_events[i].size - 1;
	if (m->kernel.initrd_size &&
	    m->kernel.initrd_start + m->kernel.initrd_size - 1 > top)
		top = m->kernel.initrd_start + m->kernel.initrd_size - 1;
	while (m->build.max_physmem_bits < 52 &&
	       top >> m->build.max_physmem_bits)
		m->build.max_physmem_bits++;
}

#define NR(names) (sizeof(names) / sizeof(names[0]))

/* names[i], NULL out of range or unnamed. */
static const char *
name_of(const char *const *names, size_t nr, unsigned i)
{
	return i < nr ? names[i] : NULL;
}

/* The index of name in names, -1 when absent. */
static int
index_of(const char *const *names, size_t nr, const char *name)
{
	for (size_t i = 0; i < nr; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
machine_hook_name(enum boot_hook hook)
{
	return name_of(hook_names, NR(hook_names), hook);
}

int
machine_hook_from_name(const char *name)
{
	return index_of(hook_names, NR(hook_names), name);
}

const char *
machine_alloc_api_name(enum mb_alloc_api api)
{
	return name_of(api_names, NR(api_names), api);
}

int
machine_alloc_api_from_name(const char *name)
{
	return index_of(api_names, NR(api_names), name);
}

const char *
machine_model_name(enum mem_model model)
{
	return name_of(model_names, NR(model_names), model);
}

int
machine_model_from_name(const char *name)
{
	return index_of(model_names, NR(model_names), name);
}
