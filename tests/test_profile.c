/*
 * test_profile.c - the kernel-version profiles: a table of version
 * strings and the rules each must get, the version just below and at
 * every boundary, the version strings distributions print, strings that
 * are no version at all; then what the log importer takes from the
 * profile for a 3.x, 4.x and 5.x log.
 *
 * The expected rules are written out by hand from the boundaries in
 * profile.c's comments (the kernel commits and corpus logs behind them),
 * not taken from the program.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dmesg.h"
#include "dmesg_fixture.h"
#include "profile.h"

/* The profile's yes/no rules, one bit each. */
enum {
	E820P = 1 << 0,		/* e820_prefix, < 4.18 */
	ZLORD = 1 << 1,		/* zonelist_order, < 4.14 */
	LOW1M = 1 << 2,		/* reserve_first_1m, 5.13+ */
	MLESS = 1 << 3,		/* memoryless_lines, 5.18+ */
	BOOTM = 1 << 4,		/* bootmem, < 2.6.27 */
	TWICE = 1 << 5,		/* bootmem_twice_always, < 2.6.3 */
	EBDA = 1 << 6,		/* bootmem_ebda, 2.6+ */
	MAXOR = 1 << 7,		/* mem_map_max_order_aligned, 2.6.16+ */
	FALLB = 1 << 8,		/* fallback_order, 5.16+ */
	T24K = 1 << 9,		/* trampoline_24k, 4.8-5.12 */
	RANDM = 1 << 10,	/* randomize_memory, 4.8+ */
	LVL5 = 1 << 11,		/* distro_5level, 4.18+ */
	PADBG = 1 << 12,	/* phys_alloc_dbg, 5.12+ */
	ZQUIET = 1 << 13,	/* zone_debug_quiet, 5.14+ */
	PFREE = 1 << 14,	/* memblock_phys_free_name, 5.16+ */
	TPRES = 1 << 15,	/* total_pages_present, 6.9+ */
	SRATQ = 1 << 16,	/* srat_cpu_quiet, 6.12+ */
	NLOW = 1 << 17,		/* numa_low_dram_start, 6.12+ */
	NDCL = 1 << 18,		/* node_data_cacheline, 6.12+ */
	E8207 = 1 << 19,	/* e820_gaps_names, 7.0+ */
	KHO = 1 << 20,	/* memblock_kho, 6.16+ */
	VMNB = 1 << 21,		/* vmemmap_no_buffer, 7.0+ */
	ZLMM = 1 << 22,		/* zonelists_in_mm_core_init, 6.4+ */
	EARLY = 1 << 23,	/* early_reserve_memory, 5.12+ */
	PACALL = 1 << 24,	/* phys_alloc_callers, 5.15+ */
	PCP1M = 1 << 25,	/* pcp_batch_1m, 4.19+ */
	NONODE = 1 << 26,	/* numa_reset_no_node, 6.12+ */
	PCIGAP = 1 << 27,	/* pci_gap_forward, 7.0+ */
};

static const char *const rule_names[] = {
	"e820_prefix", "zonelist_order", "reserve_first_1m", "memoryless_lines",
	"bootmem", "bootmem_twice_always", "bootmem_ebda", "mem_map_max_order_aligned",
	"fallback_order", "trampoline_24k", "randomize_memory", "distro_5level",
	"phys_alloc_dbg", "zone_debug_quiet", "memblock_phys_free_name", "total_pages_present",
	"srat_cpu_quiet", "numa_low_dram_start", "node_data_cacheline", "e820_gaps_names",
	"memblock_kho", "vmemmap_no_buffer", "zonelists_in_mm_core_init", "early_reserve_memory",
	"phys_alloc_callers", "pcp_batch_1m", "numa_reset_no_node", "pci_gap_forward",
};

static unsigned
rules_of(const struct kernel_profile *p)
{
	return (p->e820_prefix ? E820P : 0) | (p->zonelist_order ? ZLORD : 0) |
	       (p->reserve_first_1m ? LOW1M : 0) | (p->memoryless_lines ? MLESS : 0) |
	       (p->bootmem ? BOOTM : 0) | (p->bootmem_twice_always ? TWICE : 0) |
	       (p->bootmem_ebda ? EBDA : 0) | (p->mem_map_max_order_aligned ? MAXOR : 0) |
	       (p->fallback_order ? FALLB : 0) | (p->trampoline_24k ? T24K : 0) |
	       (p->randomize_memory ? RANDM : 0) | (p->distro_5level ? LVL5 : 0) |
	       (p->phys_alloc_dbg ? PADBG : 0) | (p->zone_debug_quiet ? ZQUIET : 0) |
	       (p->memblock_phys_free_name ? PFREE : 0) | (p->total_pages_present ? TPRES : 0) |
	       (p->srat_cpu_quiet ? SRATQ : 0) | (p->numa_low_dram_start ? NLOW : 0) |
	       (p->node_data_cacheline ? NDCL : 0) | (p->e820_gaps_names ? E8207 : 0) |
	       (p->memblock_kho ? KHO : 0) | (p->vmemmap_no_buffer ? VMNB : 0) |
	       (p->zonelists_in_mm_core_init ? ZLMM : 0) | (p->early_reserve_memory ? EARLY : 0) |
	       (p->phys_alloc_callers ? PACALL : 0) | (p->pcp_batch_1m ? PCP1M : 0) |
	       (p->numa_reset_no_node ? NONODE : 0) | (p->pci_gap_forward ? PCIGAP : 0);
}

/* What 2.6.16-4.7 have in common, and what 6.1 (the default) gets. */
#define OLD	(E820P | ZLORD | EBDA | MAXOR)
#define V6_1	(EBDA | MAXOR | LOW1M | MLESS | FALLB | RANDM | LVL5 | PADBG | ZQUIET | PFREE | \
		 EARLY | PACALL | PCP1M)
/* 6.9's mm_init clean-up, and 6.12's numa_memblks and quiet SRAT */
#define V6_4	(V6_1 | ZLMM)
#define V6_9	(V6_4 | TPRES)
#define V6_12	(V6_9 | SRATQ | NLOW | NDCL | NONODE)

static const struct {
	const char *version;
	int major, minor, patch;
	enum unavailable_style unavailable;
	unsigned rules;
} version_cases[] = {
	/* 2.4 and 2.6 before 2.6.27: the i386 bootmem boot */
	{ "2.4.21-3.ELhugemem", 2, 4, 21, UNAVAIL_NONE, E820P | ZLORD | BOOTM | TWICE },
	{ "2.6", 2, 6, 0, UNAVAIL_NONE, E820P | ZLORD | BOOTM | TWICE | EBDA },
	{ "2.6.2", 2, 6, 2, UNAVAIL_NONE, E820P | ZLORD | BOOTM | TWICE | EBDA },
	{ "2.6.3", 2, 6, 3, UNAVAIL_NONE, E820P | ZLORD | BOOTM | EBDA },
	{ "2.6.9-11.ELsmp", 2, 6, 9, UNAVAIL_NONE, E820P | ZLORD | BOOTM | EBDA },
	{ "2.6.15", 2, 6, 15, UNAVAIL_NONE, E820P | ZLORD | BOOTM | EBDA },
	{ "2.6.16", 2, 6, 16, UNAVAIL_NONE, OLD | BOOTM },
	{ "2.6.26", 2, 6, 26, UNAVAIL_NONE, OLD | BOOTM },
	{ "2.6.27", 2, 6, 27, UNAVAIL_NONE, OLD },
	{ "2.6.32-754.el6.x86_64", 2, 6, 32, UNAVAIL_NONE, OLD },
	/* 3.x: neither the 24 KiB trampoline nor RANDOMIZE_MEMORY */
	{ "3.0", 3, 0, 0, UNAVAIL_NONE, OLD },
	{ "3.10.0-1160.el7.x86_64", 3, 10, 0, UNAVAIL_NONE, OLD },
	{ "3.19.8", 3, 19, 8, UNAVAIL_NONE, OLD },
	{ "4.4.0-121-generic", 4, 4, 0, UNAVAIL_NONE, OLD },
	{ "4.7.10", 4, 7, 10, UNAVAIL_NONE, OLD },
	{ "4.8", 4, 8, 0, UNAVAIL_NONE, OLD | T24K | RANDM },
	{ "4.8.0-58-generic", 4, 8, 0, UNAVAIL_NONE, OLD | T24K | RANDM },
	{ "4.13.16", 4, 13, 16, UNAVAIL_NONE, OLD | T24K | RANDM },
	{ "4.14", 4, 14, 0, UNAVAIL_NONE, E820P | EBDA | MAXOR | T24K | RANDM },
	{ "4.15.0-29-generic", 4, 15, 0, UNAVAIL_RESERVED, E820P | EBDA | MAXOR | T24K | RANDM },
	{ "4.17.19", 4, 17, 19, UNAVAIL_RESERVED, E820P | EBDA | MAXOR | T24K | RANDM },
	{ "4.18", 4, 18, 0, UNAVAIL_RESERVED, EBDA | MAXOR | T24K | RANDM | LVL5 },
	{ "4.19", 4, 19, 0, UNAVAIL_RESERVED, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M },
	{ "5.2.21", 5, 2, 21, UNAVAIL_RESERVED, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M },
	{ "5.3", 5, 3, 0, UNAVAIL_ZEROED, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M },
	{ "5.4.0-110-generic", 5, 4, 0, UNAVAIL_ZEROED, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M },
	{ "5.9.16", 5, 9, 16, UNAVAIL_ZEROED, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M },
	{ "5.10", 5, 10, 0, UNAVAIL_PER_ZONE, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M },
	{ "5.10.0-32-cloud-amd64", 5, 10, 0, UNAVAIL_PER_ZONE, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M },
	{ "5.11.22", 5, 11, 22, UNAVAIL_PER_ZONE, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M },
	{ "5.12", 5, 12, 0, UNAVAIL_PER_ZONE, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M | PADBG | EARLY },
	{ "5.12.19", 5, 12, 19, UNAVAIL_PER_ZONE, EBDA | MAXOR | T24K | RANDM | LVL5 | PCP1M | PADBG | EARLY },
	{ "5.13", 5, 13, 0, UNAVAIL_PER_ZONE, EBDA | MAXOR | LOW1M | RANDM | LVL5 | PCP1M | PADBG | EARLY },
	{ "5.14", 5, 14, 0, UNAVAIL_PER_ZONE, EBDA | MAXOR | LOW1M | RANDM | LVL5 | PCP1M | PADBG | EARLY | ZQUIET },
	{ "5.14.21", 5, 14, 21, UNAVAIL_PER_ZONE,
	  EBDA | MAXOR | LOW1M | RANDM | LVL5 | PCP1M | PADBG | EARLY | ZQUIET },
	{ "5.15", 5, 15, 0, UNAVAIL_PER_ZONE,
	  EBDA | MAXOR | LOW1M | RANDM | LVL5 | PCP1M | PADBG | EARLY | PACALL | ZQUIET },
	{ "5.15.75-generic-1rosa2021.1-i686", 5, 15, 75, UNAVAIL_PER_ZONE,
	  EBDA | MAXOR | LOW1M | RANDM | LVL5 | PCP1M | PADBG | EARLY | PACALL | ZQUIET },
	{ "5.16", 5, 16, 0, UNAVAIL_PER_ZONE,
	  EBDA | MAXOR | LOW1M | RANDM | LVL5 | PCP1M | FALLB | PADBG | EARLY | PACALL | ZQUIET | PFREE },
	{ "5.17.15", 5, 17, 15, UNAVAIL_PER_ZONE,
	  EBDA | MAXOR | LOW1M | RANDM | LVL5 | PCP1M | FALLB | PADBG | EARLY | PACALL | ZQUIET | PFREE },
	{ "5.18", 5, 18, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "6.1.0-47-cloud-amd64", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "6.2.16", 6, 2, 16, UNAVAIL_PER_ZONE, V6_1 },
	{ "6.4", 6, 4, 0, UNAVAIL_PER_ZONE, V6_4 },
	{ "6.4.12ogenser", 6, 4, 12, UNAVAIL_PER_ZONE, V6_4 },
	{ "6.8.12", 6, 8, 12, UNAVAIL_PER_ZONE, V6_4 },
	{ "6.9", 6, 9, 0, UNAVAIL_PER_ZONE, V6_9 },
	{ "6.11.11", 6, 11, 11, UNAVAIL_PER_ZONE, V6_9 },
	{ "6.12", 6, 12, 0, UNAVAIL_PER_ZONE, V6_12 },
	{ "6.12.117+deb13-cloud-amd64", 6, 12, 117, UNAVAIL_PER_ZONE, V6_12 },
	{ "6.15.11", 6, 15, 11, UNAVAIL_PER_ZONE, V6_12 },
	{ "6.16", 6, 16, 0, UNAVAIL_PER_ZONE, V6_12 | KHO },
	{ "6.19.3", 6, 19, 3, UNAVAIL_PER_ZONE, V6_12 | KHO },
	{ "7.0", 7, 0, 0, UNAVAIL_PER_ZONE, V6_12 | KHO | E8207 | VMNB | PCIGAP },
	{ "7.2.13+deb14-cloud-amd64", 7, 2, 13, UNAVAIL_PER_ZONE, V6_12 | KHO | E8207 | VMNB | PCIGAP },
	{ "10.2", 10, 2, 0, UNAVAIL_PER_ZONE, V6_12 | KHO | E8207 | VMNB | PCIGAP },
	/* no version: the 6.1 reference */
	{ NULL, 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "garbage", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "v5.4", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "5", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "4.", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "4.x", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "1.2.13", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "100.1", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	{ "-4.8", 6, 1, 0, UNAVAIL_PER_ZONE, V6_1 },
	/* a version without a usable patch keeps patch 0 */
	{ "2.6.x", 2, 6, 0, UNAVAIL_NONE, E820P | ZLORD | BOOTM | TWICE | EBDA },
};

static void
test_version_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(version_cases) / sizeof(version_cases[0]); i++) {
		struct kernel_profile p;
		unsigned got, diff;
		const char *v = version_cases[i].version ? version_cases[i].version : "(null)";

		memset(&p, 0xa5, sizeof(p));
		profile_from_version(version_cases[i].version, &p);
		if (p.major != version_cases[i].major || p.minor != version_cases[i].minor ||
		    p.patch != version_cases[i].patch)
			fail_msg("\"%s\": version %d.%d.%d, want %d.%d.%d", v, p.major, p.minor,
				 p.patch, version_cases[i].major, version_cases[i].minor, version_cases[i].patch);
		if (p.unavailable != version_cases[i].unavailable)
			fail_msg("\"%s\": unavailable style %d, want %d", v, (int)p.unavailable,
				 (int)version_cases[i].unavailable);
		got = rules_of(&p);
		diff = got ^ version_cases[i].rules;
		for (unsigned b = 0; diff; b++, diff >>= 1)
			if (diff & 1)
				fail_msg("\"%s\": %s is %s", v, rule_names[b],
					 got & (1u << b) ? "yes, want no" : "no, want yes");
	}
}

/* ------------------------------------------------------ bootmem era */

/* The i386 bootmem era's rules, each boundary from both sides; the
 * corpus logs (tests/data/dmesg-2.6) fix most of them, an "-rcN" counts
 * before its release only where a change fell inside the rc cycle. */
static const struct {
	const char *version;
	int rc;
	bool lowmem;
	enum bootmem_zone_lines zones;
	enum lifo_batch lifo;
	bool dma32, movable, round_up;
	enum bootmem_zonelist_line zonelist;
	bool pcp, drain_after;
} eras[] = {
	{ "2.4.1", 0, false, ZONES_2_4, LIFO_PLAIN, false, false, false, ZONELIST_NONE, false, false },
	{ "2.4.17-3smp", 0, false, ZONES_2_4, LIFO_PLAIN, false, false, false, ZONELIST_NONE, false, false },
	{ "2.4.19-pre8", 0, true, ZONES_2_4, LIFO_PLAIN, false, false, false, ZONELIST_NONE, false, false },
	{ "2.4.21-3.ELhugemem", 0, true, ZONES_2_4, LIFO_PLAIN, false, false, false, ZONELIST_NONE, false, false },
	{ "2.6.0-test9.custom586.1", 0, true, ZONES_LIFO_ALL, LIFO_PLAIN, false, false, false, ZONELIST_BUILDING, true, false },
	{ "2.6.5", 0, true, ZONES_LIFO_ALL, LIFO_PLAIN, false, false, false, ZONELIST_BUILDING, true, false },
	{ "2.6.6-rc3-mm1", 3, true, ZONES_LIFO_ALL, LIFO_PLAIN, false, false, false, ZONELIST_BUILT, true, false },
	{ "2.6.11.10", 0, true, ZONES_LIFO_ALL, LIFO_PLAIN, false, false, false, ZONELIST_BUILT, true, false },
	{ "2.6.12-rc3", 3, true, ZONES_LIFO_ALL, LIFO_PLAIN, false, false, false, ZONELIST_BUILT, true, false },
	{ "2.6.12", 0, true, ZONES_LIFO_ALL, LIFO_CLAMP, false, false, false, ZONELIST_BUILT, true, false },
	{ "2.6.12=LoulousMobile", 0, true, ZONES_LIFO_ALL, LIFO_CLAMP, false, false, false, ZONELIST_BUILT, true, false },
	{ "2.6.13-rc6", 6, true, ZONES_LIFO_ALL, LIFO_CLAMP, false, false, false, ZONELIST_BUILT, true, false },
	{ "2.6.14", 0, true, ZONES_LIFO_ALL, LIFO_CLAMP, true, false, false, ZONELIST_BUILT, true, false },
	{ "2.6.15", 0, true, ZONES_LIFO_ALL, LIFO_CLAMP_HALF, true, false, false, ZONELIST_BUILT, true, true },
	{ "2.6.16", 0, true, ZONES_LIFO_ALL, LIFO_CLAMP_HALF, true, false, false, ZONELIST_BUILT, true, true },
	{ "2.6.17-rc4-g81a95636-dirty", 4, true, ZONES_LIFO_PRESENT, LIFO_CLAMP_HALF, true, false, false, ZONELIST_BUILT, true, true },
	{ "2.6.18-rc6", 6, true, ZONES_LIFO_PRESENT, LIFO_CLAMP_HALF, true, false, false, ZONELIST_BUILT_TOTAL, true, true },
	{ "2.6.19", 0, true, ZONES_NODE_MAP, LIFO_CLAMP_HALF, false, false, false, ZONELIST_BUILT_TOTAL, true, true },
	{ "2.6.22-14-generic", 0, true, ZONES_NODE_MAP, LIFO_CLAMP_HALF, false, false, false, ZONELIST_BUILT_TOTAL, true, true },
	{ "2.6.23", 0, true, ZONES_NODE_MAP, LIFO_CLAMP_HALF, false, true, false, ZONELIST_BUILT_ORDER, true, true },
	{ "2.6.24-23-server", 0, true, ZONES_NODE_MAP, LIFO_CLAMP_HALF, false, true, false, ZONELIST_BUILT_MOBILITY, true, true },
	{ "2.6.25", 0, true, ZONES_NODE_MAP, LIFO_CLAMP_HALF, false, true, false, ZONELIST_BUILT_MOBILITY, true, true },
	{ "2.6.26-1-686", 0, true, ZONES_NODE_MAP, LIFO_CLAMP_HALF, false, true, true, ZONELIST_BUILT_MOBILITY, true, true },
};

static void
test_bootmem_era_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++) {
		struct kernel_profile p;
		const char *v = eras[i].version;

		memset(&p, 0xa5, sizeof(p));
		profile_from_version(v, &p);
		if (!p.bootmem)
			fail_msg("\"%s\": not the bootmem era", v);
		if (p.rc != eras[i].rc)
			fail_msg("\"%s\": rc %d, want %d", v, p.rc, eras[i].rc);
		if (p.bootmem_lowmem_line != eras[i].lowmem)
			fail_msg("\"%s\": LOWMEM line %d, want %d", v, p.bootmem_lowmem_line, eras[i].lowmem);
		if (p.bootmem_zones != eras[i].zones)
			fail_msg("\"%s\": zone lines %d, want %d", v, (int)p.bootmem_zones, (int)eras[i].zones);
		if (p.lifo_batch != eras[i].lifo)
			fail_msg("\"%s\": LIFO batch %d, want %d", v, (int)p.lifo_batch, (int)eras[i].lifo);
		if (p.bootmem_dma32 != eras[i].dma32 || p.bootmem_movable != eras[i].movable ||
		    p.memmap_pages_round_up != eras[i].round_up)
			fail_msg("\"%s\": dma32 %d movable %d round-up %d, want %d %d %d", v,
				 p.bootmem_dma32, p.bootmem_movable, p.memmap_pages_round_up,
				 eras[i].dma32, eras[i].movable, eras[i].round_up);
		if (p.bootmem_zonelist != eras[i].zonelist)
			fail_msg("\"%s\": zonelist line %d, want %d", v, (int)p.bootmem_zonelist,
				 (int)eras[i].zonelist);
		if (p.pcp_lists != eras[i].pcp || p.pcp_drain_after_add != eras[i].drain_after)
			fail_msg("\"%s\": per-cpu lists %d drain after add %d, want %d %d", v,
				 p.pcp_lists, p.pcp_drain_after_add, eras[i].pcp, eras[i].drain_after);
	}
}

/* print_memory_map's size @ start form: 2.4.0-2.4.3 only */
static void
test_e820_size_at_start(void **state)
{
	static const struct {
		const char *version;
		bool size_at_start;
	} cases[] = {
		{ "2.4.1", true }, { "2.4.2-pre4", true }, { "2.4.3-pre2", true },
		{ "2.4.4", false }, { "2.4.15-grsec-1.8.9", false }, { "2.6.0-test9", false },
		{ "2.6.26", false }, { "6.1", false }, { NULL, false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kernel_profile p;

		profile_from_version(cases[i].version, &p);
		if (p.e820_size_at_start != cases[i].size_at_start)
			fail_msg("\"%s\": size @ start %d, want %d",
				 cases[i].version ? cases[i].version : "(null)",
				 p.e820_size_at_start, cases[i].size_at_start);
	}
}

/* The advice a HIGHMEM4G kernel gives above 4 GiB: "Use a PAE enabled
 * kernel." up to 2.6.22 (027), "Use a HIGHMEM64G enabled kernel." from
 * 2.6.24 (Ubuntu forum logs of 2.6.24). */
static void
test_highmem64g_advice(void **state)
{
	static const struct {
		const char *version;
		bool highmem64g;
	} cases[] = {
		{ "2.4.22", false }, { "2.6.9", false }, { "2.6.22-14-generic", false },
		{ "2.6.23", false }, { "2.6.24-23-server", true }, { "2.6.26-1-686", true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kernel_profile p;

		profile_from_version(cases[i].version, &p);
		if (p.bootmem_highmem64g != cases[i].highmem64g)
			fail_msg("\"%s\": HIGHMEM64G advice %d, want %d", cases[i].version,
				 p.bootmem_highmem64g, cases[i].highmem64g);
	}
}

/* ------------------------------------------------------------ import */

/* The build and trampoline the importer gives a log of each version:
 * the 24 KiB trampoline and RANDOMIZE_MEMORY only from 4.8 (a 3.10 log
 * used to get both), 5-level page tables from 4.18. */
/* What profile_from_version reads, and what a machine file may say. */
static void
test_version_valid(void **state)
{
	static const struct {
		const char *v;
		bool valid;
	} rows[] = {
		{ "6.1", true }, { "2.6.18-rc6", true }, { "6.12.117+deb13-cloud-amd64", true },
		{ "7.2", true }, { "2.4.21-3.ELhugemem", true },
		{ NULL, false }, { "", false }, { "garbage", false }, { "6", false },
		{ "6,12", false }, { "1.2", false }, { "100.1", false }, { "v6.1", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (profile_version_valid(rows[i].v) != rows[i].valid)
			fail_msg("profile_version_valid(\"%s\") is not %d",
				 rows[i].v ? rows[i].v : "(null)", rows[i].valid);
	}
}

static void
test_import_takes_version_rules_from_profile(void **state)
{
	static const struct {
		const char *version;
		uint64_t trampoline;
		bool randomize, five_level;
	} logs[] = {
		{ "2.6.32-754.el6.x86_64", 0x7000, false, false },
		{ "3.10.0-1160.el7.x86_64", 0x7000, false, false },
		{ "4.4.0-121-generic", 0x7000, false, false },
		{ "4.8.0-58-generic", 0x6000, true, false },
		{ "4.17.19", 0x6000, true, false },
		{ "4.18.0-553.el8.x86_64", 0x6000, true, true },
		{ "5.12.19", 0x6000, true, true },
		{ "5.13.0-30-generic", 0x7000, true, true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		char text[1024];
		struct dmesg d;

		snprintf(text, sizeof(text), "Linux version %s (builder@host) #1 SMP\n%s",
			 logs[i].version, E820_QEMU);
		parse(text, &d, 0);
		assert_string_equal(d.m.kernel_version, logs[i].version);
		if (d.m.kernel.trampoline_size != logs[i].trampoline ||
		    d.m.build.randomize_memory != logs[i].randomize ||
		    d.m.build.config_5level != logs[i].five_level)
			fail_msg("%s: trampoline 0x%llx randomize-memory %d config-5level %d, "
				 "want 0x%llx %d %d", logs[i].version,
				 (unsigned long long)d.m.kernel.trampoline_size,
				 d.m.build.randomize_memory, d.m.build.config_5level,
				 (unsigned long long)logs[i].trampoline, logs[i].randomize,
				 logs[i].five_level);
		dmesg_release(&d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_table),
		cmocka_unit_test(test_bootmem_era_table),
		cmocka_unit_test(test_e820_size_at_start),
		cmocka_unit_test(test_highmem64g_advice),
		cmocka_unit_test(test_import_takes_version_rules_from_profile),
		cmocka_unit_test(test_version_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
