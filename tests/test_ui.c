/*
 * test_ui.c - the front end without a terminal: the built-in machine is
 * replayed, the whole screen is rendered into a canvas at 80x24, 200x60
 * and below the minimum, and the text a person would read is checked:
 * stepping, phases, the map's zoom, goto and memmap colouring, the
 * footprint panel, scrolling lists by key and wheel, the section
 * arithmetic under the section table, the view registry (the panel
 * following the phase, the focus order, the tabs) and the legend's names
 * of the e820 roles. The help overlay and the key bindings are in
 * test_ui_help.c.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "machine_xml.h"
#include "theme.h"
#include "ui_fixture.h"
#include "views.h"
#include "xalloc.h"

static void
test_first_frame(void **state)
{
	struct fixture *f = *state;
	char want[64];

	snprintf(want, sizeof(want), "step 1/%zu", engine_nr_steps(f->e));
	assert_frame_has(f, want);
	assert_frame_has(f, "E820");
	assert_frame_has(f, "buddy");
	assert_frame_has(f, "Physical map");
	assert_frame_has(f, "e820 table");
	assert_frame_has(f, "e820__memory_setup():");
	assert_frame_has(f, "? help");
	assert_frame_has(f, "[mem 0x0000000000100000-0x000000007ffdffff] usable");
	/* the hint bar shows whole hints: at 80 columns "Tab focus" does not
	 * fit and is left out, not cut to "Tab focu" */
	assert_frame_has(f, "z/Z zoom");
	assert_frame_lacks(f, "Tab focu");
}
/* A narration longer than its two lines ends in "..." (step 12's, 190
 * characters after "init_mem_mapping():", does not fit in 2 x 78); a
 * short one does not. */
static void
test_narration_cut(void **state)
{
	struct fixture *f = *state;

	assert_frame_lacks(f, "...");
	app_goto(&f->a, 12, false);
	assert_frame_has(f, "init_mem_mapping():");
	assert_frame_has(f, "...");
}
static void
test_step_and_back(void **state)
{
	struct fixture *f = *state;
	char *first = frame_text(f), *again;

	assert_int_equal(screen_action(&f->s, ACT_NEXT) & H_REDRAW, H_REDRAW);
	assert_frame_has(f, "step 2/");
	screen_action(&f->s, ACT_NEXT);
	assert_frame_has(f, "step 3/");
	screen_action(&f->s, ACT_PREV);
	screen_action(&f->s, ACT_PREV);
	again = frame_text(f);
	assert_string_equal(first, again);
	free(first);
	free(again);
}
static void
test_phase_jump(void **state)
{
	struct fixture *f = *state;
	char want[64];

	screen_action(&f->s, ACT_NEXT_PHASE);
	assert_int_equal(f->a.st->phase, PHASE_MEMBLOCK);
	assert_int_equal(f->a.step, engine_phase_first(f->e, PHASE_MEMBLOCK));
	assert_frame_has(f, "memblock view");
	screen_action(&f->s, ACT_LAST);
	snprintf(want, sizeof(want), "step %zu/%zu", engine_nr_steps(f->e), engine_nr_steps(f->e));
	assert_frame_has(f, want);
	assert_frame_has(f, "buddy view");
	screen_key(&f->s, "4");
	assert_frame_has(f, "free lists");
	assert_frame_has(f, "DMA32");
	screen_action(&f->s, ACT_PREV_PHASE);
	assert_int_equal(f->a.step, engine_phase_first(f->e, PHASE_BUDDY));
	screen_action(&f->s, ACT_FIRST);
	assert_int_equal(f->a.step, 0);
}
/* A FLATMEM build never runs sparse_init: the section table says it has
 * none, at every step, and does not promise them for later. */
static void
test_flatmem_sections(void **state)
{
	struct fixture *f = *state;
	struct machine m;
	struct diag err = { 0 };

	engine_free(f->e);
	screen_release(&f->s);
	assert_int_equal(machine_parse_builtin(&m, &err), 0);
	m.build.model = MEM_MODEL_FLATMEM;
	f->e = engine_new(&m, &err);
	machine_release(&m);
	assert_non_null(f->e);
	app_init(&f->a, f->e);
	screen_init(&f->s, &f->a);
	screen_layout(&f->s, 80, 24);
	screen_key(&f->s, "3");
	assert_frame_has(f, "FLATMEM: one mem_map array, no section table");
	assert_frame_lacks(f, "No sections yet");
	screen_action(&f->s, ACT_LAST);
	assert_frame_has(f, "FLATMEM: one mem_map array, no section table");
	assert_frame_lacks(f, "No sections yet");
}
static void
test_tabs_and_focus(void **state)
{
	struct fixture *f = *state;

	screen_key(&f->s, "2");
	assert_frame_has(f, "memblock memory[] / reserved[]");
	screen_key(&f->s, "3");
	assert_frame_has(f, "No sections yet");
	screen_key(&f->s, "5");
	assert_frame_has(f, "kernel log");
	assert_frame_has(f, "BIOS-e820");
	screen_action(&f->s, ACT_FOCUS_NEXT);
	assert_int_equal(f->s.focus, views_find("footprint"));
	assert_frame_has(f, "memory model footprint");
	screen_action(&f->s, ACT_FOCUS_NEXT);
	assert_int_equal(f->s.focus, views_find("map"));
	assert_int_equal(screen_key_ctx(&f->s), CTX_MAP);
	screen_action(&f->s, ACT_FOCUS_NEXT);
	assert_int_equal(f->s.focus, views_find("e820"));
	assert_int_equal(screen_key_ctx(&f->s), CTX_PANEL);
}
static void
test_map_zoom_goto(void **state)
{
	struct fixture *f = *state;

	assert_frame_has(f, "1 cell = 16 MiB");
	screen_action(&f->s, ACT_ZOOM_IN);
	assert_frame_has(f, "1 cell = 8 MiB (zoomed)");
	screen_action(&f->s, ACT_GOTO);
	for (const char *p = "16M"; *p; p++)
		screen_prompt_input(&f->s, *p);
	screen_prompt_input(&f->s, PROMPT_ENTER);
	assert_int_equal(f->a.cursor_pfn, 0x1000);
	assert_int_equal(f->s.focus, views_find("map"));
	screen_action(&f->s, ACT_GOTO);
	for (const char *p = "pfn 0x7fe00"; *p; p++)
		screen_prompt_input(&f->s, *p);
	screen_prompt_input(&f->s, PROMPT_ENTER);
	assert_int_equal(f->a.cursor_pfn, 0x7fe00);
	screen_action(&f->s, ACT_GOTO);
	screen_prompt_input(&f->s, 'x');
	screen_prompt_input(&f->s, PROMPT_ENTER);
	assert_frame_has(f, "is not an address");
	for (int i = 0; i < 40; i++)
		screen_action(&f->s, ACT_ZOOM_IN);
	assert_frame_has(f, "1 cell = 4 KiB");
	screen_action(&f->s, ACT_RIGHT);
	assert_int_equal(f->a.cursor_pfn, 0x7fe01);
}
static void
test_animation(void **state)
{
	struct fixture *f = *state;
	size_t big = 0;

	for (size_t i = 1; i < engine_nr_steps(f->e); i++)
		if (engine_step(f->e, i)->nr_touched > engine_step(f->e, big)->nr_touched)
			big = i;
	assert_true(engine_step(f->e, big)->nr_touched > 1);
	app_goto(&f->a, big - 1, false);
	screen_action(&f->s, ACT_NEXT);
	assert_true(app_animating(&f->a));
	assert_true(screen_timeout_ms(&f->s) > 0);
	for (int i = 0; i < APP_ANIM_FRAMES + 1 && app_animating(&f->a); i++)
		screen_tick(&f->s);
	assert_false(app_animating(&f->a));
	/* jumping never waits for an animation */
	screen_action(&f->s, ACT_PREV);
	screen_action(&f->s, ACT_NEXT);
	screen_action(&f->s, ACT_LAST);
	assert_false(app_animating(&f->a));
}
/* The first row of the canvas holding text, or -1. */
static int
row_with(struct fixture *f, const char *text)
{
	char line[1024];

	for (int y = 0; y < f->c->h; y++) {
		canvas_row_text(f->c, y, line, sizeof(line));
		if (strstr(line, text))
			return y;
	}
	return -1;
}
static int
count_role(struct fixture *f, int y, enum role role)
{
	int n = 0;

	for (int x = 0; x < f->c->w; x++)
		if ((canvas_at(f->c, x, y)->role & ROLE_MASK) == role)
			n++;
	return n;
}
/* The footprint panel: three bars on one scale, figures, nodes. */
static void
test_footprint_panel(void **state)
{
	struct fixture *f = *state;
	int y_flat, y_sparse, y_vm;

	screen_key(&f->s, "6");
	assert_int_equal(f->s.panel, views_find("footprint"));
	assert_frame_has(f, "6 memory model footprint");
	/* the built-in machine: 2047 MiB, FLATMEM 32 MiB (1.56 %) */
	assert_frame_has(f, "RAM 2047 MiB (524158 pages), 1 node");
	assert_frame_has(f, "32 MiB 1.56%");
	free(frame_text(f));
	y_flat = row_with(f, "\u2502FLATMEM ");
	y_sparse = row_with(f, "\u2502SPARSEMEM ");
	y_vm = row_with(f, "\u2502VMEMMAP ");
	assert_true(y_flat > 0 && y_sparse == y_flat + 1 && y_vm == y_sparse + 1);
	/* each bar is mostly struct pages of RAM; only the sparse models pay
	 * for indexes (roots, usemaps, and page tables with vmemmap) */
	assert_true(count_role(f, y_flat, ROLE_MM_BACKED) > 20);
	assert_int_equal(count_role(f, y_flat, ROLE_MM_INDEX), 0);
	assert_true(count_role(f, y_sparse, ROLE_MM_INDEX) >= 1);
	assert_true(count_role(f, y_vm, ROLE_MM_INDEX) >= 1);
	/* scroll to the rest: why and per node */
	for (int i = 0; i < 10; i++)
		screen_action(&f->s, ACT_DOWN);
	assert_frame_has(f, "node 0 (2047 MiB RAM, 16 sections)");
	/* the large layout shows it in the table slot */
	canvas_resize(f->c, 200, 60);
	screen_layout(&f->s, 200, 60);
	assert_frame_has(f, "memory model footprint");
	assert_frame_has(f, "SPARSEMEM: 16 sections x 2 MiB");
	assert_frame_has(f, "VMEMMAP: same sections in 2 MiB blocks, + 1 PMD + 1 PUD");
}
/* Is the frame now drawn the text `was` drew (or, with same false, not)? */
static void
assert_frame_same(struct fixture *f, const char *was, bool same)
{
	char *now = frame_text(f);

	if ((strcmp(now, was) == 0) != same)
		fail_msg("the frame %s:\n%s", same ? "changed" : "did not change", now);
	free(now);
}
/* The wheel over a list is its up and down keys; a page is its height
 * less one row; the log scrolls back in time on up. */
static void
test_scroll_wheel_and_page(void **state)
{
	struct fixture *f = *state;
	const struct view *v;
	char *top, *down;

	screen_key(&f->s, "6");
	v = f->s.views[views_find("footprint")];
	top = frame_text(f);
	for (int i = 0; i < 3; i++)
		screen_mouse(&f->s, MOUSE_WHEEL_DOWN, v->r.x + 2, v->r.y + 2);
	down = frame_text(f);
	assert_string_not_equal(down, top);
	for (int i = 0; i < 3; i++)
		screen_mouse(&f->s, MOUSE_WHEEL_UP, v->r.x + 2, v->r.y + 2);
	assert_frame_same(f, top, true);
	for (int i = 0; i < 3; i++)
		screen_action(&f->s, ACT_DOWN);
	assert_frame_same(f, down, true);
	screen_action(&f->s, ACT_PAGE_UP);	/* past the top stops there */
	assert_frame_same(f, top, true);
	screen_action(&f->s, ACT_PAGE_DOWN);
	assert_frame_same(f, top, false);
	assert_frame_same(f, down, false);
	free(down);
	free(top);
	/* the log: up shows older lines, down comes back to the newest */
	screen_action(&f->s, ACT_LAST);
	screen_key(&f->s, "5");
	v = f->s.views[views_find("log")];
	top = frame_text(f);
	screen_mouse(&f->s, MOUSE_WHEEL_DOWN, v->r.x + 2, v->r.y + 2);
	assert_frame_same(f, top, true);	/* already at the newest */
	screen_mouse(&f->s, MOUSE_WHEEL_UP, v->r.x + 2, v->r.y + 2);
	assert_frame_same(f, top, false);
	screen_action(&f->s, ACT_DOWN);
	assert_frame_same(f, top, true);
	free(top);
}
/* Key m cycles the map through the memmap coverage of each model. */
static void
test_memmap_colouring(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(keys_lookup("m", CTX_ANY), ACT_MEMMAP);
	screen_action(&f->s, ACT_MEMMAP);
	assert_frame_has(f, "Physical map: memmap under FLATMEM");
	assert_frame_has(f, "memmap: RAM");
	assert_frame_has(f, "no memmap");
	screen_action(&f->s, ACT_MEMMAP);
	assert_frame_has(f, "Physical map: memmap under SPARSEMEM,");
	screen_action(&f->s, ACT_MEMMAP);
	assert_frame_has(f, "Physical map: memmap under SPARSEMEM_VMEMMAP");
	screen_action(&f->s, ACT_MEMMAP);
	assert_frame_has(f, "Physical map: E820 view");
}
/* Selecting a section shows its section_mem_map and the arithmetic. */
static void
test_section_arithmetic(void **state)
{
	struct fixture *f = *state;

	canvas_resize(f->c, 120, 40);
	screen_layout(&f->s, 120, 40);
	screen_action(&f->s, ACT_LAST);
	screen_key(&f->s, "3");
	screen_action(&f->s, ACT_FIRST);
	screen_action(&f->s, ACT_LAST);
	/* the built-in machine is SPARSEMEM_VMEMMAP: the value is vmemmap
	 * 0xffffea0000000000 with present|memmap|online|early = 0xf */
	for (int i = 0; i < 20; i++)
		screen_action(&f->s, ACT_UP);
	assert_frame_has(f, "section 0 = mem_section[0][0], pfn 0-0x7fff, node 0");
	assert_frame_has(f, "section_mem_map 0xffffea000000000f");
	assert_frame_has(f, "pfn_to_page(0) = 0xffffea0000000000 + 0 x 64 = 0xffffea0000000000");
	screen_action(&f->s, ACT_DOWN);
	/* section 1 starts at pfn 0x8000: 0x8000 x 64 = 0x200000 */
	assert_frame_has(f, "section 1 = mem_section[0][1], pfn 0x8000-0xffff");
	assert_frame_has(f, "pfn_to_page(0x8000) = 0xffffea0000000000 + 0x8000 x 64 = 0xffffea0000200000");
	assert_frame_has(f, "page_to_pfn(0xffffea0000200000) = (page - 0xffffea0000000000) / 64 = 0x8000");
	/* the map cursor inside the section is the pfn shown */
	f->a.cursor_pfn = 0x8123;
	assert_frame_has(f, "pfn_to_page(0x8123) = 0xffffea0000000000 + 0x8123 x 64 = 0xffffea00002048c0");
}
/* The view registry: one map, at least one view for the panel, every
 * view but the map shown by a key of its own that no binding of the
 * binding table also claims. */
static void
test_view_registry(void **state)
{
	const struct binding *b;
	size_t nb;
	int maps = 0, panels = 0;

	(void)state;
	b = keys_table(&nb);
	for (int i = 0; i < views_count(); i++) {
		const struct view_desc *d = views_get(i);

		assert_int_equal(views_find(d->name), i);
		if (d->place == PLACE_MAP) {
			maps++;
			assert_null(d->key);
			continue;
		}
		panels += d->place == PLACE_PANEL;
		assert_non_null(d->key);
		assert_non_null(d->help);
		assert_int_equal(views_by_key(d->key), i);
		for (size_t k = 0; k < nb; k++)
			if (strcmp(b[k].key, d->key) == 0)
				fail_msg("view %s's key '%s' is also bound to an action", d->name, d->key);
	}
	assert_int_equal(maps, 1);
	assert_true(panels > 0);
	assert_int_equal(views_by_key("x"), -1);
	assert_int_equal(views_find("nothing"), -1);
}
/* Until a tab is chosen, the panel shows the view of the phase: in the
 * tabbed layout the free lists for the buddy phase, in the large one
 * (where they have a place of their own) the memblock arrays. */
static void
test_panel_follows_phase(void **state)
{
	struct fixture *f = *state;
	static const struct {
		enum boot_phase phase;
		const char *tabbed, *large;
	} want[] = {
		{ PHASE_E820, "e820", "e820" },
		{ PHASE_MEMBLOCK, "memblock", "memblock" },
		{ PHASE_NUMA, "memblock", "memblock" },
		{ PHASE_SPARSE, "sections", "sections" },
		{ PHASE_ZONES, "memblock", "memblock" },
		{ PHASE_BUDDY, "free", "memblock" },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		size_t first = engine_phase_first(f->e, want[i].phase);

		canvas_resize(f->c, 80, 24);
		screen_layout(&f->s, 80, 24);
		screen_go(&f->s, first, false);
		free(frame_text(f));
		assert_int_equal(f->s.panel, views_find(want[i].tabbed));
		canvas_resize(f->c, 200, 60);
		screen_layout(&f->s, 200, 60);
		free(frame_text(f));
		assert_int_equal(f->s.panel, views_find(want[i].large));
	}
	/* a chosen tab stays through the phases */
	screen_key(&f->s, "3");
	screen_action(&f->s, ACT_FIRST);
	free(frame_text(f));
	assert_int_equal(f->s.panel, views_find("sections"));
	/* the free lists chosen as a tab at 80x24 have a place of their own
	 * at 200x60: there the panel goes back to following the boot */
	canvas_resize(f->c, 80, 24);
	screen_layout(&f->s, 80, 24);
	screen_key(&f->s, "4");
	assert_int_equal(f->s.panel, views_find("free"));
	canvas_resize(f->c, 200, 60);
	screen_layout(&f->s, 200, 60);
	assert_frame_has(f, "1 e820 table");
	assert_int_equal(f->s.focus, views_find("free"));
	screen_action(&f->s, ACT_NEXT_PHASE);
	assert_frame_has(f, "2 memblock memory[] / reserved[]");
}
/* Tab: every view in the tabbed layout, each place once in the large. */
static void
test_focus_order(void **state)
{
	struct fixture *f = *state;
	/* Tab at 80x24 chose each tab in turn, the footprint last */
	static const char *const large[] = { "footprint", "free", "log", "map" };

	for (int i = 1; i <= views_count(); i++) {
		screen_action(&f->s, ACT_FOCUS_NEXT);
		assert_int_equal(f->s.focus, i % views_count());
	}
	canvas_resize(f->c, 200, 60);
	screen_layout(&f->s, 200, 60);
	screen_action(&f->s, ACT_FIRST);
	free(frame_text(f));
	for (size_t i = 0; i < sizeof(large) / sizeof(large[0]); i++) {
		screen_action(&f->s, ACT_FOCUS_NEXT);
		assert_int_equal(f->s.focus, views_find(large[i]));
	}
	screen_action(&f->s, ACT_FOCUS_PREV);
	assert_int_equal(f->s.focus, views_find("log"));
	/* the tabs at 80x24 are the views' keys */
	canvas_resize(f->c, 80, 24);
	screen_layout(&f->s, 80, 24);
	assert_frame_has(f, " 1 \u2500 2 \u2500 3 \u2500 4 \u2500 5 \u2500 6 \u2500\u2510");
}
/* The legend names a one-type e820 role as the kernel does; persistent
 * and every other type have words of their own; a role off the map has
 * no name (and so gets no "touched" colour). */
static void
test_legend_e820_names(void **state)
{
	(void)state;
	assert_string_equal(theme_label(theme_e820_role(E820_TYPE_RAM)), "usable");
	assert_string_equal(theme_label(theme_e820_role(E820_TYPE_RESERVED)), "reserved");
	assert_string_equal(theme_label(theme_e820_role(E820_TYPE_ACPI)), "ACPI data");
	assert_string_equal(theme_label(theme_e820_role(E820_TYPE_NVS)), "ACPI NVS");
	assert_string_equal(theme_label(theme_e820_role(E820_TYPE_UNUSABLE)), "unusable");
	assert_string_equal(theme_label(theme_e820_role(E820_TYPE_PMEM)), "persistent");
	assert_string_equal(theme_label(theme_e820_role(E820_TYPE_PRAM)), "persistent");
	assert_string_equal(theme_label(theme_e820_role(E820_TYPE_SOFT_RESERVED)), "other type");
	assert_int_equal(theme_e820_role(0), ROLE_HOLE);
	assert_string_equal(theme_label(ROLE_MB_RESERVED), "reserved");
	assert_null(theme_label(ROLE_BORDER));
}



int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_and_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phase_jump, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tabs_and_focus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flatmem_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_narration_cut, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_zoom_goto, setup, teardown),
		cmocka_unit_test_setup_teardown(test_animation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_footprint_panel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scroll_wheel_and_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memmap_colouring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_section_arithmetic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_panel_follows_phase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_focus_order, setup, teardown),
		cmocka_unit_test(test_view_registry),
		cmocka_unit_test(test_legend_e820_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
