/*
 * test_machine_xml.c - the machine-description loader: valid files load
 * with the expected fields, every file in machines/ validates, and each
 * class of bad input in tests/data/bad/ fails with its message and line.
 * Files are found through MEMBOOT_SRCDIR (set by make check).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "machine.h"
#include "machine_xml.h"
#include "test_files.h"
#include "xalloc.h"

/* The contents of srcdir/rel; fails the test when it cannot be read. */
static char *
slurp(const char *rel, size_t *len)
{
	char path[4096];
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", test_srcdir(), rel);
	buf = test_slurp(path, len);
	if (!buf)
		fail_msg("cannot open %s", path);
	return buf;
}

/* Load srcdir/rel; returns the loader's result. */
static int
load_file(const char *rel, struct machine *m, struct diag *err)
{
	size_t len;
	char *buf = slurp(rel, &len);
	int rc = machine_parse_xml(buf, len, rel, m, err);

	free(buf);
	return rc;
}

static int
load_string(const char *xml, struct machine *m, struct diag *err)
{
	return machine_parse_xml(xml, strlen(xml), "inline.xml", m, err);
}

/* ------------------------------------------------------------ valid */

static void
test_builtin_default(void **state)
{
	struct machine m;
	struct diag err;

	(void)state;
	assert_int_equal(machine_parse_builtin(&m, &err), 0);
	assert_string_equal(m.name, "default");
	assert_string_equal(m.kernel_version, "6.1");
	assert_non_null(strstr(m.cmdline, "memblock=debug"));
	assert_int_equal(m.nr_e820, 7);
	assert_int_equal(m.e820[3].addr, 0x100000);
	assert_int_equal(m.e820[3].size, 0x7ffe0000 - 0x100000);
	assert_int_equal(m.e820[3].type, E820_TYPE_RAM);
	assert_int_equal(m.e820[1].type, E820_TYPE_RESERVED);
	assert_false(m.has_srat);
	assert_true(m.nr_ops > 10);
	/* every hook a QEMU boot replays has something (the direct map's
	 * page tables are derived, and nothing runs after NUMA in QEMU) */
	for (int h = HOOK_ACPI_TABLE_INIT; h <= HOOK_MM_INIT; h++) {
		bool found = h == HOOK_AFTER_NUMA;

		for (size_t i = 0; i < m.nr_ops; i++)
			found = found || m.ops[i].hook == (enum boot_hook)h;
		assert_true(found);
	}
	machine_release(&m);
}

static void
test_qemu_4node(void **state)
{
	struct machine m;
	struct diag err;
	const struct mb_op *op;

	(void)state;
	assert_int_equal(load_file("machines/qemu-q35-4node-16g.xml", &m, &err), 0);
	assert_string_equal(m.name, "qemu-q35-4node-16g");
	assert_string_equal(m.file, "machines/qemu-q35-4node-16g.xml");
	assert_int_equal(m.nr_e820, 10);
	assert_int_equal(m.e820[8].addr, 0x100000000);
	assert_int_equal(m.e820[8].size, 0x380000000);
	assert_true(m.e820[8].line > 0);
	assert_true(m.has_srat);
	assert_int_equal(m.nr_srat_cpu, 4);
	assert_int_equal(m.srat_cpu[3].pxm, 3);
	assert_int_equal(m.srat_cpu[3].apic_id, 3);
	assert_true(m.srat_cpu[3].enabled);
	assert_false(m.srat_cpu[3].x2apic);
	assert_int_equal(m.nr_srat_mem, 6);
	assert_int_equal(m.srat_mem[5].pxm, 3);
	assert_int_equal(m.srat_mem[5].base, 0x380000000);
	assert_int_equal(m.srat_mem[5].length, 0x100000000);
	assert_true(m.srat_mem[5].enabled);
	/* placement from the first memblock dump and the brk reservation */
	assert_int_equal(m.kernel.text, 0x335200000);
	assert_int_equal(m.kernel.reserve_size, 0x2800000);
	assert_int_equal(m.kernel.brk_size, 0x11000);
	assert_int_equal(m.kernel.trampoline_size, 28672);
	assert_int_equal(m.kernel.code_k, 14343);
	assert_int_equal(m.kernel.bss_k, 5460);
	/* ops in file order, hooks never going back */
	for (size_t i = 1; i < m.nr_ops; i++)
		assert_true(m.ops[i - 1].hook <= m.ops[i].hook);
	/* the direct map's page tables (alloc_low_pages) are derived by the
	 * engine, so the first replayed call is an ACPI table reservation */
	op = &m.ops[0];
	assert_int_equal(op->kind, MB_OP_RESERVE);
	assert_int_equal(op->hook, HOOK_ACPI_TABLE_INIT);
	assert_int_equal(op->base, 0x7ffe21f2);
	assert_int_equal(op->size, 0x7ffe22e5 - 0x7ffe21f2 + 1);
	assert_string_equal(op->caller, "acpi_reserve_initial_tables+0x51/0x61");
	op = &m.ops[m.nr_ops - 3];
	assert_int_equal(op->hook, HOOK_MM_INIT);
	assert_int_equal(op->size, 64u << 20);
	assert_int_equal(op->max_addr, 0xffffffff);
	assert_string_equal(op->caller, "swiotlb_init_remap+0x8a/0x22d");
	machine_release(&m);
}

/* Every value form, every element, every attribute. */
static const char all_forms[] =
	"<?xml version=\"1.0\"?>\n"
	"<machine name=\"forms\">\n"
	"  <description>  two\n   lines  </description>\n"
	"  <kernel-version>5.15</kernel-version>\n"
	"  <cmdline>\n    mem=4G numa=off  \n  </cmdline>\n"
	"  <build model=\"sparsemem\" page-shift=\"12\" section-size-bits=\"0x1c\"\n"
	"         max-physmem-bits=\"52\" max-order=\"12\" pageblock-order=\"10\"\n"
	"         struct-page-size=\"56\" mem-section-size=\"32\" usemap-size=\"0x40\"\n"
	"         pglist-data-size=\"172K\" nodes-shift=\"6\" numa=\"false\"\n"
	"         deferred-struct-page-init=\"off\" memory-hotremove=\"0\"\n"
	"         zone-dma=\"no\" zone-dma32=\"no\" zone-device=\"no\" x86-32=\"yes\"\n"
	"         migrate-types=\"6\" internode-cache-shift=\"7\" randomize-memory=\"no\"/>\n"
	"  <kernel text=\"16M\" reserve-size=\"0x2800000\" brk-size=\"68K\"\n"
	"          trampoline-size=\"28K\">\n"
	"    <sizes code=\"14343K\" rwdata=\"2327K\" rodata=\"8328K\" init=\"2M\" bss=\"5460K\"/>\n"
	"  </kernel>\n"
	"  <initrd start=\"0x7f000000\" end=\"0x7fffffff\"/>\n"
	"  <bios basemem=\"628K\" ebda=\"0x9d000\" reserve-regions=\"no\"/>\n"
	"  <e820>\n"
	"    <entry start=\"0\" end=\"0x9fbff\" type=\"usable\"/>\n"
	"    <entry start=\"1M\" size=\"1G\" type=\"reserved\"/>\n"
	"    <entry start=\"2G\" size=\"4K\" type=\"acpi\"/>\n"
	"    <entry start=\"0x80001000\" size=\"4K\" type=\"nvs\"/>\n"
	"    <entry start=\"0x80002000\" size=\"4K\" type=\"unusable\"/>\n"
	"    <entry start=\"4G\" size=\"1T\" type=\"pmem\"/>\n"
	"    <entry start=\"2T\" size=\"4K\" type=\"pram\"/>\n"
	"    <entry start=\"0x20000001000\" size=\"4K\" type=\"reserved_kern\"/>\n"
	"    <entry start=\"0x20000002000\" size=\"4K\" type=\"soft_reserved\"/>\n"
	"    <entry start=\"0x20000003000\" size=\"4K\" type=\"9\"/>\n"
	"    <entry start=\" 0x20000004000 \" size=\"4096\" type=\"0xf0000000\"/>\n"
	"  </e820>\n"
	"  <srat>\n"
	"    <memory pxm=\"7\" start=\"0\" size=\"2G\" hotplug=\"yes\" nonvolatile=\"true\"/>\n"
	"    <memory pxm=\"3\" start=\"4G\" size=\"1T\" enabled=\"no\"/>\n"
	"    <cpu pxm=\"7\" apic-id=\"0x1ff\" x2apic=\"yes\"/>\n"
	"    <cpu pxm=\"3\" apic-id=\"2\" enabled=\"no\"/>\n"
	"  </srat>\n"
	"  <memblock>\n"
	"    <at hook=\"mm_init\">\n"
	"      <alloc size=\"1M\"/>\n"
	"    </at>\n"
	"    <at hook=\"setup_arch\">\n"
	"      <bottom-up/>\n"
	"      <add start=\"8G\" size=\"1G\"/>\n"
	"      <remove start=\"8G\" end=\"0x200000fff\"/>\n"
	"      <reserve start=\"0x1000\" size=\"4K\" caller=\"foo+0x1/0x2\"/>\n"
	"      <free start=\"0x1000\" size=\"4K\"/>\n"
	"      <alloc size=\"2M\" align=\"2M\" min-addr=\"16M\" max-addr=\"4G\" nid=\"3\"\n"
	"             api=\"memblock_alloc_exact_nid_raw\" caller=\"bar.constprop.0+0x10/0x20\"/>\n"
	"      <alloc size=\"64\" nid=\"-1\" exact-nid=\"yes\" api=\"memblock_phys_alloc_try_nid\"/>\n"
	"      <bottom-up enable=\"off\"/>\n"
	"    </at>\n"
	"  </memblock>\n"
	"</machine>\n";

static void
test_all_forms(void **state)
{
	struct machine m;
	struct diag err;
	const struct machine_build *b = &m.build;
	const struct machine_kernel *k = &m.kernel;

	(void)state;
	assert_int_equal(load_string(all_forms, &m, &err), 0);
	assert_string_equal(m.description, "two lines");
	assert_string_equal(m.kernel_version, "5.15");
	assert_string_equal(m.cmdline, "mem=4G numa=off");
	assert_int_equal(b->model, MEM_MODEL_SPARSEMEM);
	assert_int_equal(b->page_shift, 12);
	assert_int_equal(b->section_size_bits, 28);
	assert_int_equal(b->max_physmem_bits, 52);
	assert_int_equal(b->max_order, 12);
	assert_int_equal(b->pageblock_order, 10);
	assert_int_equal(b->struct_page_size, 56);
	assert_int_equal(b->mem_section_size, 32);
	assert_int_equal(b->usemap_size, 64);
	assert_int_equal(b->pglist_data_size, 172 * 1024);
	assert_int_equal(b->nodes_shift, 6);
	assert_false(b->numa);
	assert_false(b->deferred_struct_page_init);
	assert_false(b->memory_hotremove);
	assert_false(b->zone_dma);
	assert_false(b->zone_dma32);
	assert_false(b->zone_device);
	assert_true(b->x86_32);
	assert_int_equal(b->migrate_types, 6);
	assert_int_equal(b->internode_cache_shift, 7);
	assert_false(b->randomize_memory);
	assert_int_equal(k->text, 16u << 20);
	assert_int_equal(k->reserve_size, 0x2800000);
	assert_int_equal(k->brk_size, 68 * 1024);
	assert_int_equal(k->trampoline_size, 28 * 1024);
	assert_int_equal(k->code_k, 14343);
	assert_int_equal(k->rwdata_k, 2327);
	assert_int_equal(k->rodata_k, 8328);
	assert_int_equal(k->init_k, 2048);
	assert_int_equal(k->bss_k, 5460);
	assert_int_equal(k->initrd_start, 0x7f000000);
	assert_int_equal(k->initrd_size, 16u << 20);
	assert_int_equal(k->bios_basemem_kb, 628);
	assert_int_equal(k->bios_ebda, 0x9d000);
	assert_false(k->reserve_bios_regions);

	assert_int_equal(m.nr_e820, 11);
	assert_int_equal(m.e820[0].size, 0x9fc00);
	assert_int_equal(m.e820[1].addr, 1u << 20);
	assert_int_equal(m.e820[1].size, 1u << 30);
	assert_int_equal(m.e820[5].size, UINT64_C(1) << 40);
	static const uint32_t types[] = {
		E820_TYPE_RAM, E820_TYPE_RESERVED, E820_TYPE_ACPI,
		E820_TYPE_NVS, E820_TYPE_UNUSABLE, E820_TYPE_PMEM,
		E820_TYPE_PRAM, E820_TYPE_RESERVED_KERN,
		E820_TYPE_SOFT_RESERVED, 9, 0xf0000000u,
	};
	for (size_t i = 0; i < m.nr_e820; i++)
		assert_int_equal(m.e820[i].type, types[i]);
	assert_int_equal(m.e820[10].addr, 0x20000004000);
	assert_int_equal(m.e820[0].line, 23);

	assert_true(m.has_srat);
	assert_int_equal(m.nr_srat_mem, 2);
	assert_int_equal(m.srat_mem[0].pxm, 7);
	assert_true(m.srat_mem[0].enabled);
	assert_true(m.srat_mem[0].hotplug);
	assert_true(m.srat_mem[0].nonvolatile);
	assert_false(m.srat_mem[1].enabled);
	assert_false(m.srat_mem[1].hotplug);
	assert_int_equal(m.nr_srat_cpu, 2);
	assert_int_equal(m.srat_cpu[0].apic_id, 0x1ff);
	assert_true(m.srat_cpu[0].x2apic);
	assert_false(m.srat_cpu[1].enabled);

	/* file order, not hook order */
	assert_int_equal(m.nr_ops, 9);
	assert_int_equal(m.ops[0].hook, HOOK_MM_INIT);
	assert_int_equal(m.ops[0].kind, MB_OP_ALLOC);
	assert_int_equal(m.ops[0].api, MB_API_ALLOC_TRY_NID);
	assert_int_equal(m.ops[0].align, 64);
	assert_int_equal(m.ops[0].nid, NUMA_NO_NODE);
	assert_false(m.ops[0].exact_nid);
	assert_string_equal(m.ops[0].caller, "");
	for (size_t i = 1; i < m.nr_ops; i++)
		assert_int_equal(m.ops[i].hook, HOOK_SETUP_ARCH);
	assert_int_equal(m.ops[1].kind, MB_OP_BOTTOM_UP);
	assert_true(m.ops[1].bottom_up);
	assert_int_equal(m.ops[2].kind, MB_OP_ADD);
	assert_int_equal(m.ops[2].base, UINT64_C(8) << 30);
	assert_int_equal(m.ops[3].kind, MB_OP_REMOVE);
	assert_int_equal(m.ops[3].size, 0x1000);
	assert_int_equal(m.ops[4].kind, MB_OP_RESERVE);
	assert_string_equal(m.ops[4].caller, "foo+0x1/0x2");
	assert_int_equal(m.ops[5].kind, MB_OP_FREE);
	assert_int_equal(m.ops[6].api, MB_API_ALLOC_EXACT_NID_RAW);
	assert_true(m.ops[6].exact_nid);
	assert_int_equal(m.ops[6].nid, 3);
	assert_int_equal(m.ops[6].align, 2u << 20);
	assert_int_equal(m.ops[6].min_addr, 16u << 20);
	assert_int_equal(m.ops[6].max_addr, UINT64_C(4) << 30);
	assert_string_equal(m.ops[6].caller, "bar.constprop.0+0x10/0x20");
	assert_int_equal(m.ops[7].api, MB_API_PHYS_ALLOC_TRY_NID);
	assert_true(m.ops[7].exact_nid);
	assert_int_equal(m.ops[7].nid, NUMA_NO_NODE);
	assert_false(m.ops[8].bottom_up);
	assert_int_equal(m.ops[8].line, 54);
	machine_release(&m);
}

/* What a file leaves out keeps machine_init_defaults()' value. */
static void
test_defaults(void **state)
{
	struct machine m, d;
	struct diag err;

	(void)state;
	assert_int_equal(load_string("<machine name=\"m\"><e820>"
				     "<entry start=\"1M\" size=\"1G\" type=\"usable\"/>"
				     "</e820></machine>", &m, &err), 0);
	machine_init_defaults(&d);
	assert_memory_equal(&m.build, &d.build, sizeof(d.build));
	assert_memory_equal(&m.kernel, &d.kernel, sizeof(d.kernel));
	assert_null(m.description);
	assert_null(m.kernel_version);
	assert_string_equal(m.cmdline, "");
	assert_false(m.has_srat);
	assert_int_equal(m.nr_ops, 0);
	machine_release(&m);
}

/* An empty <srat> still says the firmware has one. */
static void
test_empty_srat(void **state)
{
	struct machine m;
	struct diag err;

	(void)state;
	assert_int_equal(load_string("<machine name=\"m\"><srat/><e820>"
				     "<entry start=\"1M\" size=\"1G\" type=\"usable\"/>"
				     "</e820></machine>", &m, &err), 0);
	assert_true(m.has_srat);
	assert_int_equal(m.nr_srat_mem, 0);
	machine_release(&m);
}

static int
is_xml(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static void
test_library_validates(void **state)
{
	char dir[4096], rel[512];
	struct dirent *e;
	int count = 0;
	DIR *d;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/machines", test_srcdir());
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d))) {
		struct machine m;
		struct diag err;

		if (!is_xml(e->d_name))
			continue;
		snprintf(rel, sizeof(rel), "machines/%s", e->d_name);
		if (load_file(rel, &m, &err))
			fail_msg("%s:%d: %s", err.file, err.line, err.msg);
		assert_non_null(m.description);
		assert_true(m.nr_e820 > 0);
		machine_release(&m);
		count++;
	}
	closedir(d);
	assert_true(count >= 12);
}

/* ---------------------------------------------------------------- bad */

/* Load tests/data/bad/name: it must fail at line with msg in the text. */
static void
expect_bad(const char *name, int line, const char *msg)
{
	char rel[256];
	struct machine m;
	struct diag err;

	snprintf(rel, sizeof(rel), "tests/data/bad/%s", name);
	memset(&err, 0, sizeof(err));
	assert_int_equal(load_file(rel, &m, &err), -1);
	machine_release(&m);
	assert_string_equal(err.file, rel);
	if (!strstr(err.msg, msg))
		fail_msg("%s: message \"%s\" lacks \"%s\"", name, err.msg, msg);
	assert_int_equal(err.line, line);
}

static void
test_bad_malformed(void **state)
{
	(void)state;
	expect_bad("malformed.xml", 6, "The file is not well-formed XML: "
		   "Opening and ending tag mismatch: e820 line 4 and e82O.");
}

static void
test_bad_schema(void **state)
{
	(void)state;
	expect_bad("schema-violation.xml", 6, "In <entry>, a required "
		   "attribute is missing or a value does not have the form "
		   "the machine schema allows.");
	expect_bad("unknown-element.xml", 8, "In <memmap>, the machine schema "
		   "is not followed: Element machine has extra content: memmap.");
}

static void
test_bad_root(void **state)
{
	(void)state;
	expect_bad("wrong-root.xml", 3, "The root element is <domain>, not "
		   "<machine>: this is not a memboot machine description.");
}

static void
test_bad_end_before_start(void **state)
{
	(void)state;
	expect_bad("end-before-start.xml", 6, "In <entry>, end \"0x1fffff\" is "
		   "before start \"0x200000\".");
}

static void
test_bad_zero_size(void **state)
{
	(void)state;
	expect_bad("zero-size.xml", 5, "In <entry>, size \"0\" makes an empty "
		   "range.");
}

static void
test_bad_overflow(void **state)
{
	(void)state;
	expect_bad("range-overflow.xml", 6, "In <entry>, start "
		   "\"0xfffffffffffff000\" plus size \"0x2000\" overflows 64 bits.");
	expect_bad("number-too-big.xml", 5, "In <entry>, start "
		   "\"0x10000000000000000\" does not fit in 64 bits.");
}

static void
test_bad_phys_limit(void **state)
{
	(void)state;
	expect_bad("past-phys-limit.xml", 7, "In <entry>, the range "
		   "[0x3fffc0000000-0x40003fffffff] goes past the physical "
		   "address limit 0x400000000000 (max-physmem-bits \"46\").");
}

/* Build constants no x86 kernel can have. */
static void
test_bad_build(void **state)
{
	(void)state;
	expect_bad("page-shift.xml", 4, "In <build>, page-shift \"14\" is not 12: "
		   "x86's base pages are 4 KiB, the only size memboot models.");
	expect_bad("physmem-bits.xml", 4, "In <build>, max-physmem-bits \"64\" is outside 32..52.");
	expect_bad("small-section.xml", 4, "In <build>, section-size-bits \"21\" is "
		   "smaller than a max-order block (page-shift 12 + max-order 11 - 1)");
	expect_bad("extra-element.xml", 9, "In <srat>, the machine schema is not "
		   "followed: Extra element srat in interleave.");
	expect_bad("kernel-version.xml", 4, "In <kernel-version>, \"six.twelve\" is not "
		   "a kernel version: it must start with major.minor");
}

static void
test_bad_too_many(void **state)
{
	(void)state;
	expect_bad("too-many-e820.xml", 3205, "In <entry>, entry 3201 is one "
		   "too many: a machine has at most 3200 e820 entries.");
}

static void
test_bad_ops(void **state)
{
	(void)state;
	expect_bad("bad-align.xml", 9, "In <alloc>, align \"0x3000\" is not a "
		   "power of two.");
	expect_bad("bad-hook.xml", 8, "In <at>, hook \"late_init\" is not one "
		   "of setup_arch, init_mem_mapping, acpi_table_init, after_numa, "
		   "after_paging_init, start_kernel or mm_init.");
	expect_bad("bad-api.xml", 9, "In <alloc>, api \"kmalloc\" is not one of "
		   "memblock_phys_alloc_range, ");
	expect_bad("bad-nid.xml", 10, "In <alloc>, nid \"64\" is larger than 63.");
}

static void
test_bad_internal_entity(void **state)
{
	(void)state;
	expect_bad("internal-entity.xml", 4, "Entity \"ram\" is declared, but "
		   "a machine file may not declare entities or have a DOCTYPE.");
}

static void
test_bad_external_entity(void **state)
{
	(void)state;
	expect_bad("external-entity.xml", 4, "Entity \"xxe\" is declared, but "
		   "a machine file may not declare entities or have a DOCTYPE.");
}

static void
test_bad_billion_laughs(void **state)
{
	(void)state;
	expect_bad("billion-laughs.xml", 4, "Entity \"lol\" is declared, but "
		   "a machine file may not declare entities or have a DOCTYPE.");
}

static void
test_bad_doctype(void **state)
{
	(void)state;
	expect_bad("doctype.xml", 3, "A DOCTYPE declaration is not allowed in "
		   "a machine file.");
}

static void
test_bad_size_cap(void **state)
{
	size_t len = MACHINE_XML_MAX_BYTES + 1;
	char *buf = xcalloc(len, 1);
	struct machine m;
	struct diag err;

	(void)state;
	assert_int_equal(machine_parse_xml(buf, len, "big.xml", &m, &err), -1);
	assert_string_equal(err.msg, "The file is larger than 16 MiB, the most "
			    "a machine file may have.");
	machine_release(&m);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_default),
		cmocka_unit_test(test_qemu_4node),
		cmocka_unit_test(test_all_forms),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_empty_srat),
		cmocka_unit_test(test_library_validates),
		cmocka_unit_test(test_bad_malformed),
		cmocka_unit_test(test_bad_schema),
		cmocka_unit_test(test_bad_root),
		cmocka_unit_test(test_bad_end_before_start),
		cmocka_unit_test(test_bad_zero_size),
		cmocka_unit_test(test_bad_overflow),
		cmocka_unit_test(test_bad_phys_limit),
		cmocka_unit_test(test_bad_build),
		cmocka_unit_test(test_bad_too_many),
		cmocka_unit_test(test_bad_ops),
		cmocka_unit_test(test_bad_internal_entity),
		cmocka_unit_test(test_bad_external_entity),
		cmocka_unit_test(test_bad_billion_laughs),
		cmocka_unit_test(test_bad_doctype),
		cmocka_unit_test(test_bad_size_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
