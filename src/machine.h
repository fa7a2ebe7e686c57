/*
 * machine.h - the parsed machine description the boot engine replays.
 *
 * A struct machine is plain data: what the firmware reports (e820, SRAT),
 * where the boot loader put the kernel and initrd, the kernel command line,
 * the kernel build constants that matter for memory layout, and the
 * memblock operations the engine replays at fixed points of the boot
 * because it does not derive them itself (ACPI, percpu, page tables, ...).
 * The XML loader fills it; machine_init_defaults() gives the values a
 * Debian 6.1 x86_64 kernel booted by QEMU/SeaBIOS would have.
 */
#ifndef MEMBOOT_MACHINE_H
#define MEMBOOT_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* e820 type numbers as the kernel defines them. */
enum {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
	E820_TYPE_PMEM = 7,
	E820_TYPE_PRAM = 12,
	E820_TYPE_RESERVED_KERN = 128,
	E820_TYPE_SOFT_RESERVED = 0xefffffffu,
};

/* Limits on what a machine file may hold (the loader enforces them). */
#define MACHINE_MAX_E820	3200	/* E820_MAX_ENTRIES with NODES_SHIFT 10 */
#define MACHINE_MAX_SRAT	2048	/* NR_NODE_MEMBLKS with NODES_SHIFT 10 */
#define MACHINE_MAX_CPUS	8192
#define MACHINE_MAX_OPS		100000
#define MACHINE_MAX_NODES	1024
#define MACHINE_MAX_CMDLINE	2048
#define MACHINE_CALLER_LEN	96
#define MACHINE_MAX_E820_EVENTS	4096

enum mem_model {
	MEM_MODEL_FLATMEM,
	MEM_MODEL_SPARSEMEM,
	MEM_MODEL_SPARSEMEM_VMEMMAP,
};

/* One firmware e820 entry, as the boot loader handed it over. */
struct machine_e820 {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	int line;		/* line in the machine file, 0 if none */
};

/* SRAT Memory Affinity structure. */
struct machine_srat_mem {
	uint32_t pxm;
	uint64_t base;
	uint64_t length;
	bool enabled;
	bool hotplug;
	bool nonvolatile;
	int line;
};

/* SRAT Processor (x2)APIC Affinity structure. */
struct machine_srat_cpu {
	uint32_t pxm;
	uint32_t apic_id;
	bool x2apic;
	bool enabled;
	int line;
};

/*
 * Points in the boot where replayed memblock operations run, in boot order.
 * Each names the kernel code that makes those calls in a real boot.
 */
enum boot_hook {
	HOOK_SETUP_ARCH,	/* setup_arch, debug on, before e820__memblock_setup */
	HOOK_INIT_MEM_MAPPING,	/* init_mem_mapping: page-table pages (alloc_low_pages) */
	HOOK_ACPI_TABLE_INIT,	/* acpi_boot_table_init: ACPI table reservations */
	HOOK_AFTER_NUMA,	/* after initmem_init: crashkernel, CMA, ... */
	HOOK_AFTER_PAGING_INIT,	/* rest of setup_arch after paging_init */
	HOOK_START_KERNEL,	/* start_kernel up to build_all_zonelists (percpu) */
	HOOK_MM_INIT,		/* after the early hash tables, before memblock_free_all */
	HOOK_COUNT
};

enum mb_op_kind {
	MB_OP_ADD,		/* memblock_add */
	MB_OP_REMOVE,		/* memblock_remove */
	MB_OP_RESERVE,		/* memblock_reserve */
	MB_OP_FREE,		/* memblock_phys_free */
	MB_OP_ALLOC,		/* one of the allocation APIs below */
	MB_OP_BOTTOM_UP,	/* memblock_set_bottom_up */
};

/* The allocation entry points; each prints its own debug line. */
enum mb_alloc_api {
	MB_API_PHYS_ALLOC_RANGE,	/* memblock_phys_alloc_range */
	MB_API_PHYS_ALLOC_TRY_NID,	/* memblock_phys_alloc_try_nid (no line) */
	MB_API_ALLOC_TRY_NID,		/* memblock_alloc*, zeroed */
	MB_API_ALLOC_TRY_NID_RAW,	/* memblock_alloc_try_nid_raw */
	MB_API_ALLOC_EXACT_NID_RAW,	/* memblock_alloc_exact_nid_raw */
};

#define NUMA_NO_NODE	(-1)

struct mb_op {
	enum mb_op_kind kind;
	enum boot_hook hook;
	uint64_t base;		/* add, remove, reserve, free */
	uint64_t size;		/* every kind but bottom-up */
	uint64_t align;		/* alloc */
	uint64_t min_addr;	/* alloc: lower limit */
	uint64_t max_addr;	/* alloc: upper limit, 0 = current limit */
	int nid;		/* alloc: NUMA_NO_NODE or a node */
	bool exact_nid;		/* alloc: no fallback to other nodes */
	enum mb_alloc_api api;	/* alloc */
	bool bottom_up;		/* bottom-up */
	char caller[MACHINE_CALLER_LEN];	/* "" = the usual caller */
	int line;
};

/*
 * An e820 change a boot log shows that the engine does not derive itself
 * (setup_data, EFI, early quirks, MTRR trimming, graphics stolen memory),
 * replayed with the kernel's own lines at one of two points.
 */
enum e820_event_hook {
	E820_AT_EARLY,		/* after the BIOS map is printed, before trim_bios_range */
	E820_AT_MTRR,		/* after max_pfn; max_pfn is computed again after them */
};

enum e820_event_kind {
	E820_EV_UPDATE,		/* e820__range_update(start, size, old, new) */
	E820_EV_REMOVE,		/* e820__range_remove(start, size, old, check_type) */
	E820_EV_ADD,		/* e820__range_add(start, size, new) */
	E820_EV_TABLE,		/* sanitise, then print header and the table as who */
};

struct machine_e820_event {
	enum e820_event_kind kind;
	enum e820_event_hook hook;
	uint64_t start;
	uint64_t size;
	uint32_t old_type;
	uint32_t new_type;
	bool check_type;		/* REMOVE: print and match old_type */
	char header[64];		/* TABLE: "extended physical RAM map:" */
	char who[32];			/* TABLE: "reserve setup_data" */
	int line;
};

/* Kernel build constants that shape memory layout. */
struct machine_build {
	enum mem_model model;
	uint32_t page_shift;		/* 12 */
	uint32_t section_size_bits;	/* 27 */
	uint32_t max_physmem_bits;	/* 46 (4-level) or 52 (5-level) */
	uint32_t max_order;		/* 11: orders 0..10 */
	uint32_t pageblock_order;	/* 9 */
	uint32_t struct_page_size;	/* 64 */
	uint32_t mem_section_size;	/* 16 */
	uint32_t usemap_size;		/* bytes of mem_section_usage per section */
	uint64_t pglist_data_size;	/* sizeof(pg_data_t) */
	uint32_t nodes_shift;		/* MAX_NUMNODES = 1 << nodes_shift */
	bool numa;			/* CONFIG_NUMA */
	bool deferred_struct_page_init;
	bool memory_hotremove;		/* usemap placed near NODE_DATA */
	bool zone_dma;
	bool zone_dma32;
	bool zone_device;
	bool x86_32;			/* i386: HighMem instead of DMA32 */
	uint32_t migrate_types;		/* MIGRATE_TYPES: 4 + CMA + ISOLATION */
	uint32_t internode_cache_shift;	/* 6: section root array alignment */
	bool randomize_memory;		/* CONFIG_RANDOMIZE_MEMORY (KASLR of vmalloc_base) */
	uint64_t lowmem_limit;		/* x86_32: MAXMEM, the end of the direct-mapped lowmem */
	bool gbpages;			/* the CPU has 1 GiB pages ("Using GB pages for direct mapping") */
	bool config_5level;		/* CONFIG_X86_5LEVEL: bigger early page-table buffer */
	bool debug_bootmem;		/* CONFIG_DEBUG_BOOTMEM: "reserved twice" lines (2.6.3+) */
	bool highmem;			/* x86_32: CONFIG_HIGHMEM (bootmem era: "HIGHMEM available") */
};

/* Where the boot loader and the kernel's own early code put things. */
struct machine_kernel {
	uint64_t text;			/* __pa_symbol(_text) */
	uint64_t reserve_size;		/* __end_of_kernel_reserve - _text */
	uint64_t brk_size;		/* used part of .brk, reserved by reserve_brk */
	uint64_t initrd_start;		/* 0 = no initrd */
	uint64_t initrd_size;
	uint64_t trampoline_size;	/* real-mode blob, rounded to 4 KiB */
	uint32_t bios_basemem_kb;	/* the word at 0x413 */
	uint32_t bios_ebda;		/* the word at 0x40e, shifted left 4 */
	bool reserve_bios_regions;	/* x86_platform.legacy.reserve_bios_regions */
	/* "Memory:" line sizes, in KiB */
	uint64_t code_k, rwdata_k, rodata_k, init_k, bss_k;
};

struct machine {
	char *name;			/* <machine name="..."> */
	char *description;
	char *kernel_version;		/* behaviour profile, e.g. "6.1" */
	char cmdline[MACHINE_MAX_CMDLINE];
	struct machine_build build;
	struct machine_kernel kernel;

	struct machine_e820 *e820;
	size_t nr_e820;

	bool has_srat;
	struct machine_srat_mem *srat_mem;
	size_t nr_srat_mem;
	struct machine_srat_cpu *srat_cpu;
	size_t nr_srat_cpu;

	struct mb_op *ops;
	size_t nr_ops;

	struct machine_e820_event *e820_events;
	size_t nr_e820_events;

	char *file;			/* file name for messages, may be NULL */
};

/* Fill every field with the 6.1 x86_64 defaults; arrays empty. */
void machine_init_defaults(struct machine *m);

/* Release what the machine owns (not the struct itself). */
void machine_release(struct machine *m);

/* Raise build.max_physmem_bits (up to 52) until every range the machine
 * names (e820, SRAT, e820 events, initrd) lies below the limit. */
void machine_fit_phys_limit(struct machine *m);

/* Printable name of a hook ("init_mem_mapping", ...), NULL if out of range. */
const char *machine_hook_name(enum boot_hook hook);

/* Hook by name; returns -1 when the name is unknown. */
int machine_hook_from_name(const char *name);

/* Kernel function name of an allocation API ("memblock_alloc_try_nid"). */
const char *machine_alloc_api_name(enum mb_alloc_api api);

/* API by name; returns -1 when the name is unknown. */
int machine_alloc_api_from_name(const char *name);

/* The schema's name of a memory model ("sparsemem-vmemmap"), NULL if out
 * of range. */
const char *machine_model_name(enum mem_model model);

/* Model by schema name; returns -1 when the name is unknown. */
int machine_model_from_name(const char *name);

/* How a <build> attribute is read and written. */
enum build_attr_kind {
	BUILD_U32,		/* a number in [min, max] */
	BUILD_SIZE32,		/* a size (K/M/G suffixes), checked after loading */
	BUILD_SIZE64,		/* the same, 64-bit, written in hex */
	BUILD_BOOL,		/* yes or no */
};

/* One attribute of <build>: the schema's name and the member it fills. */
struct build_attr {
	const char *name;
	enum build_attr_kind kind;
	size_t offset;			/* in struct machine_build */
	uint32_t min, max;		/* BUILD_U32 but shapes_bounds */
	bool shapes_bounds;		/* bounds others or is bounded by them: the
					 * loader reads it first, by hand */
	bool new_line;			/* the writer starts a line with it */
	bool written_if_no;		/* written only when "no", so that files
					 * from before it read the same */
};

/* Every <build> attribute but model, one row each, in the order
 * machine files write them. A new build attribute is a row here, its
 * member in struct machine_build and its schema line. */
extern const struct build_attr machine_build_attrs[];
extern const size_t machine_nr_build_attrs;

#endif
