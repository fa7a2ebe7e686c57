/*
 * test_machine_write.c - the machine writer: every machine of the library
 * and a machine with every kind of field (e820 events, SRAT, memblock
 * operations of every kind, unprintable text) is written, loads back
 * through machine_parse_xml (schema included) and compares equal; the
 * loader's <e820-events> errors. Files come through MEMBOOT_SRCDIR.
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
#include "machine_write.h"
#include "machine_xml.h"
#include "test_files.h"
#include "xalloc.h"

static const char *
srcdir(void)
{
	const char *dir = getenv("MEMBOOT_SRCDIR");

	return dir && *dir ? dir : ".";
}

static void
assert_same_events(const struct machine *a, const struct machine *b)
{
	assert_int_equal(a->nr_e820_events, b->nr_e820_events);
	for (size_t i = 0; i < a->nr_e820_events; i++) {
		const struct machine_e820_event *x = &a->e820_events[i], *y = &b->e820_events[i];

		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->hook, y->hook);
		if (x->kind == E820_EV_TABLE) {
			assert_string_equal(x->header, y->header);
			assert_string_equal(x->who, y->who);
			continue;
		}
		assert_int_equal(x->start, y->start);
		assert_int_equal(x->size, y->size);
		assert_int_equal(x->check_type, y->check_type);
		if (x->kind == E820_EV_UPDATE || x->check_type)
			assert_int_equal(x->old_type, y->old_type);
		if (x->kind != E820_EV_REMOVE)
			assert_int_equal(x->new_type, y->new_type);
	}
}

static void
assert_same_ops(const struct machine *a, const struct machine *b)
{
	assert_int_equal(a->nr_ops, b->nr_ops);
	for (size_t i = 0; i < a->nr_ops; i++) {
		const struct mb_op *x = &a->ops[i], *y = &b->ops[i];

		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->hook, y->hook);
		assert_string_equal(x->caller, y->caller);
		if (x->kind == MB_OP_BOTTOM_UP) {
			assert_int_equal(x->bottom_up, y->bottom_up);
			continue;
		}
		assert_int_equal(x->base, y->base);
		assert_int_equal(x->size, y->size);
		if (x->kind != MB_OP_ALLOC)
			continue;
		assert_int_equal(x->align, y->align);
		assert_int_equal(x->min_addr, y->min_addr);
		assert_int_equal(x->max_addr, y->max_addr);
		assert_int_equal(x->nid, y->nid);
		assert_int_equal(x->exact_nid, y->exact_nid);
		assert_int_equal(x->api, y->api);
	}
}

/* Everything the engine reads is the same in a and b. */
static void
assert_same_machine(const struct machine *a, const struct machine *b)
{
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->cmdline, b->cmdline);
	assert_memory_equal(&a->build, &b->build, sizeof(a->build));
	assert_memory_equal(&a->kernel, &b->kernel, sizeof(a->kernel));
	assert_int_equal(a->nr_e820, b->nr_e820);
	for (size_t i = 0; i < a->nr_e820; i++) {
		assert_int_equal(a->e820[i].addr, b->e820[i].addr);
		assert_int_equal(a->e820[i].size, b->e820[i].size);
		assert_int_equal(a->e820[i].type, b->e820[i].type);
	}
	assert_int_equal(a->has_srat, b->has_srat);
	assert_int_equal(a->nr_srat_mem, b->nr_srat_mem);
	for (size_t i = 0; i < a->nr_srat_mem; i++) {
		struct machine_srat_mem x = a->srat_mem[i], y = b->srat_mem[i];

		x.line = y.line = 0;
		assert_memory_equal(&x, &y, sizeof(x));
	}
	assert_int_equal(a->nr_srat_cpu, b->nr_srat_cpu);
	for (size_t i = 0; i < a->nr_srat_cpu; i++) {
		struct machine_srat_cpu x = a->srat_cpu[i], y = b->srat_cpu[i];

		x.line = y.line = 0;
		assert_memory_equal(&x, &y, sizeof(x));
	}
	assert_same_events(a, b);
	assert_same_ops(a, b);
}

/* Write m, load it back into back (released by the caller). */
static void
round_trip(const struct machine *m, struct machine *back)
{
	struct diag err = { 0 };
	size_t len;
	char *xml = machine_write_xml(m, &len);

	assert_int_equal(strlen(xml), len);
	if (machine_parse_xml(xml, len, "written.xml", back, &err) != 0)
		fail_msg("%s:%d: %s\n%s", err.file, err.line, err.msg, xml);
	free(xml);
}

static void
test_library_round_trip(void **state)
{
	char dir[2048], path[4200];
	struct dirent *de;
	DIR *d;
	int n = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/machines", srcdir());
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		struct machine m, back;

		if (!strstr(de->d_name, ".xml"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		test_load_machine_path(path, &m);
		round_trip(&m, &back);
		assert_same_machine(&m, &back);
		machine_release(&m);
		machine_release(&back);
		n++;
	}
	closedir(d);
	assert_true(n >= 8);
}

static void
add_event(struct machine *m, struct machine_e820_event ev)
{
	m->e820_events = realloc(m->e820_events, (m->nr_e820_events + 1) * sizeof(ev));
	m->e820_events[m->nr_e820_events++] = ev;
}

static void
add_op(struct machine *m, struct mb_op op)
{
	m->ops = realloc(m->ops, (m->nr_ops + 1) * sizeof(op));
	m->ops[m->nr_ops++] = op;
}

/* A machine with every field set away from its default. */
static void
full_machine(struct machine *m)
{
	machine_init_defaults(m);
	m->name = xstrdup("full");
	m->description = xstrdup("Quotes \" & <angles> and \x01 control\xff bytes");
	m->kernel_version = xstrdup("5.4.0-110-generic");
	strcpy(m->cmdline, "mem=4G memmap=1M$0x100000 a<b");
	m->build.model = MEM_MODEL_SPARSEMEM;
	m->build.max_physmem_bits = 52;
	m->build.numa = false;
	m->build.zone_device = false;
	m->build.pglist_data_size = 0x2a000;
	m->kernel.initrd_start = 0x30000000;
	m->kernel.initrd_size = 0x1000000;
	m->kernel.code_k = 100;
	m->kernel.bss_k = 7;
	m->e820 = calloc(3, sizeof(*m->e820));
	m->e820[0] = (struct machine_e820){ 0, 0x9fc00, E820_TYPE_RAM, 0 };
	m->e820[1] = (struct machine_e820){ 0x100000, 0x7ff00000, E820_TYPE_RAM, 0 };
	m->e820[2] = (struct machine_e820){ 0x80000000, 0x1000, 20, 0 };
	m->nr_e820 = 3;
	add_event(m, (struct machine_e820_event){ .kind = E820_EV_UPDATE, .start = 0x1000,
		  .size = 0x1000, .old_type = 1, .new_type = 2 });
	add_event(m, (struct machine_e820_event){ .kind = E820_EV_REMOVE, .start = 0x2000,
		  .size = 0x1000, .old_type = 2, .check_type = true });
	add_event(m, (struct machine_e820_event){ .kind = E820_EV_REMOVE, .start = 0x3000,
		  .size = 0x1000 });
	add_event(m, (struct machine_e820_event){ .kind = E820_EV_ADD, .hook = E820_AT_MTRR,
		  .start = 0x4000, .size = 0x1000, .new_type = 12 });
	add_event(m, (struct machine_e820_event){ .kind = E820_EV_TABLE,
		  .header = "extended physical RAM map:", .who = "reserve setup_data" });
	m->has_srat = true;
	m->srat_cpu = calloc(1, sizeof(*m->srat_cpu));
	m->srat_cpu[0] = (struct machine_srat_cpu){ .pxm = 3, .apic_id = 0x100, .x2apic = true };
	m->nr_srat_cpu = 1;
	m->srat_mem = calloc(1, sizeof(*m->srat_mem));
	m->srat_mem[0] = (struct machine_srat_mem){ .pxm = 3, .base = 0, .length = 0x80000000,
		.enabled = true, .hotplug = true };
	m->nr_srat_mem = 1;
	add_op(m, (struct mb_op){ .kind = MB_OP_ALLOC, .hook = HOOK_START_KERNEL, .size = 64,
	       .align = 64, .nid = 2, .exact_nid = true, .api = MB_API_ALLOC_TRY_NID_RAW,
	       .max_addr = 0x1000000, .caller = "pcpu_fc_alloc+0xf2/0x148" });
	add_op(m, (struct mb_op){ .kind = MB_OP_RESERVE, .hook = HOOK_SETUP_ARCH,
	       .base = 0x5000, .size = 0x40, .nid = NUMA_NO_NODE });
	add_op(m, (struct mb_op){ .kind = MB_OP_BOTTOM_UP, .hook = HOOK_SETUP_ARCH,
	       .bottom_up = false, .nid = NUMA_NO_NODE });
}

static void
test_full_round_trip(void **state)
{
	struct machine m, back;

	(void)state;
	full_machine(&m);
	round_trip(&m, &back);
	/* the writer groups operations by hook, in boot order */
	{
		struct mb_op first = m.ops[0];

		memmove(&m.ops[0], &m.ops[1], 2 * sizeof(first));
		m.ops[2] = first;
	}
	assert_same_machine(&m, &back);
	assert_string_equal(back.description, "Quotes \" & <angles> and ? control? bytes");
	assert_string_equal(back.kernel_version, "5.4.0-110-generic");
	machine_release(&m);
	machine_release(&back);
}

/* The loader's errors for <e820-events>. */
static void
test_events_loader_errors(void **state)
{
	static const struct {
		const char *events;
		int line;
		const char *msg;
	} cases[] = {
		{ "<update start=\"0x1000\" end=\"0x1fff\" from=\"usable\"/>", 3,
		  "In <e820-events>, the machine schema is not followed" },
		{ "<remove start=\"0x2000\" end=\"0x1000\"/>", 3,
		  "In <remove>, end \"0x1000\" is before start \"0x2000\"." },
		{ "<table header=\"a very long header that does not fit in sixty-four bytes of the field\"/>", 3,
		  "In <table>, header \"a very long header" },
		{ "<add start=\"0\" size=\"4K\" type=\"99999999999\"/>", 3,
		  "In <add>, type \"99999999999\" is larger than" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char xml[1024];
		struct machine m;
		struct diag err = { 0 };

		snprintf(xml, sizeof(xml), "<machine name=\"x\">\n<e820><entry start=\"0\" size=\"1M\" type=\"usable\"/></e820>\n"
			 "<e820-events>%s</e820-events>\n</machine>\n", cases[i].events);
		assert_int_equal(machine_parse_xml(xml, strlen(xml), "ev.xml", &m, &err), -1);
		if (err.line != cases[i].line)
			fail_msg("case %zu: line %d: %s", i, err.line, err.msg);
		if (!strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, cases[i].msg);
		machine_release(&m);
	}
}

/* Events load with their defaults: hook early, remove without type. */
static void
test_events_loader(void **state)
{
	const char *xml = "<machine name=\"x\"><e820><entry start=\"0\" size=\"1M\" type=\"usable\"/></e820>"
		"<e820-events><remove start=\"0x1000\" size=\"4K\"/>"
		"<update hook=\"mtrr\" start=\"0x2000\" size=\"4K\" from=\"usable\" to=\"20\"/>"
		"<table who=\"modified\"/></e820-events></machine>";
	struct machine m;
	struct diag err = { 0 };

	(void)state;
	assert_int_equal(machine_parse_xml(xml, strlen(xml), "ev.xml", &m, &err), 0);
	assert_int_equal(m.nr_e820_events, 3);
	assert_int_equal(m.e820_events[0].hook, E820_AT_EARLY);
	assert_false(m.e820_events[0].check_type);
	assert_int_equal(m.e820_events[1].hook, E820_AT_MTRR);
	assert_int_equal(m.e820_events[1].new_type, 20);
	assert_string_equal(m.e820_events[2].who, "modified");
	assert_string_equal(m.e820_events[2].header, "");
	machine_release(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_library_round_trip),
		cmocka_unit_test(test_full_round_trip),
		cmocka_unit_test(test_events_loader_errors),
		cmocka_unit_test(test_events_loader),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
