/*
 * engine.c - steps and snapshots.
 *
 * boot_run() works on one mutable boot_work. At the end of each step the
 * engine compares every component with its last snapshot and copies only
 * those that changed; the step's boot_state points at the newest copy of
 * each. Snapshots are never modified afterwards, so any step's state can
 * be read at any time and "go to step N" is a pointer swap.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "boot_record.h"
#include "kernel_const.h"
#include "range_set.h"
#include "xalloc.h"

/*
 * The components of the boot state, one row each: the struct boot_state
 * member, its type, its working copy in struct boot_work, and the prefix
 * of its _equal, _copy and _release functions. A new component is a row
 * here plus its members in boot_state and boot_work.
 */
#define BOOT_COMPONENTS(X) \
	X(e820, struct e820_table, e820, e820_table) \
	X(memory, struct memblock_type, mb.memory, memblock_type) \
	X(reserved, struct memblock_type, mb.reserved, memblock_type) \
	X(numa, struct numa_state, numa, numa_state) \
	X(sparse, struct sparse_state, sparse, sparse_state) \
	X(zones, struct zone_state, zones, zone_state) \
	X(buddy, struct buddy_state, buddy, buddy_state) \
	X(bootmem, struct bootmem_state, bootmem, bootmem_state)

enum component {
#define X(member, type, work, prefix) COMPONENT_##member,
	BOOT_COMPONENTS(X)
#undef X
	COMPONENT_COUNT
};

/* Every snapshot of one component, for freeing. */
struct versions {
	void **v;
	size_t nr;
	size_t cap;
};

struct engine {
	struct machine m;
	struct boot_work w;
	struct boot_step *steps;
	size_t nr_steps;
	size_t cap_steps;
	size_t cur;
	size_t log_mark;		/* first log line of the open step */
	struct span *touched;	/* ranges of the open step */
	size_t nr_touched;
	size_t cap_touched;
	struct boot_state last;		/* newest snapshot of every component */
	struct versions versions[COMPONENT_COUNT];
};

static void *
keep(struct versions *vs, void *p)
{
	xgrow((void **)&vs->v, &vs->cap, vs->nr + 1, sizeof(vs->v[0]));
	vs->v[vs->nr++] = p;
	return p;
}

/* Per component: snapshot the working copy when it differs from the
 * last snapshot, and release one snapshot. */
#define X(member, type, work, prefix) \
static void \
snapshot_##member(struct engine *e, const struct boot_work *w) \
{ \
	if (!e->last.member || !prefix##_equal(e->last.member, &w->work)) { \
		type *t = keep(&e->versions[COMPONENT_##member], xmalloc(sizeof(*t))); \
 \
		prefix##_copy(t, &w->work); \
		e->last.member = t; \
	} \
} \
 \
static void \
release_##member(void *p) \
{ \
	prefix##_release(p); \
}
BOOT_COMPONENTS(X)
#undef X

static const struct {
	void (*snapshot)(struct engine *e, const struct boot_work *w);
	void (*release)(void *p);
} components[COMPONENT_COUNT] = {
#define X(member, type, work, prefix) { snapshot_##member, release_##member },
	BOOT_COMPONENTS(X)
#undef X
};

/* Snapshot each component that differs from its last snapshot. */
static void
snapshot(struct engine *e, const struct boot_work *w)
{
	struct boot_state *s = &e->last;

	for (int c = 0; c < COMPONENT_COUNT; c++)
		components[c].snapshot(e, w);
	s->current_limit = w->mb.current_limit;
	s->bottom_up = w->mb.bottom_up;
	s->max_pfn = w->max_pfn;
	s->max_low_pfn = w->max_low_pfn;
}

void
engine_record_touch(struct engine *e, uint64_t start, uint64_t end)
{
	xgrow((void **)&e->touched, &e->cap_touched, e->nr_touched + 1, sizeof(e->touched[0]));
	e->touched[e->nr_touched++] = (struct span){ start, end };
}

void
engine_record_step(struct engine *e, const struct boot_work *w, enum boot_phase phase,
		   const char *function, const char *narration)
{
	struct boot_step *st;

	snapshot(e, w);
	xgrow((void **)&e->steps, &e->cap_steps, e->nr_steps + 1, sizeof(e->steps[0]));
	st = &e->steps[e->nr_steps++];
	st->phase = phase;
	st->function = function;	/* a string literal of the boot */
	st->narration = xstrdup(narration);
	st->log_first = e->log_mark;
	st->log_end = w->log.nr;
	st->touched = e->nr_touched ? xmemdup(e->touched, e->nr_touched * sizeof(e->touched[0])) : NULL;
	st->nr_touched = e->nr_touched;
	st->state = e->last;
	e->log_mark = w->log.nr;
	e->nr_touched = 0;
}

static void
copy_machine(struct machine *dst, const struct machine *src)
{
	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->description = xstrdup(src->description);
	dst->kernel_version = xstrdup(src->kernel_version);
	dst->file = xstrdup(src->file);
	dst->e820 = src->nr_e820 ? xmemdup(src->e820, src->nr_e820 * sizeof(src->e820[0])) : NULL;
	dst->srat_mem = src->nr_srat_mem ?
		xmemdup(src->srat_mem, src->nr_srat_mem * sizeof(src->srat_mem[0])) : NULL;
	dst->srat_cpu = src->nr_srat_cpu ?
		xmemdup(src->srat_cpu, src->nr_srat_cpu * sizeof(src->srat_cpu[0])) : NULL;
	dst->ops = src->nr_ops ? xmemdup(src->ops, src->nr_ops * sizeof(src->ops[0])) : NULL;
	dst->e820_events = src->nr_e820_events ?
		xmemdup(src->e820_events, src->nr_e820_events * sizeof(src->e820_events[0])) : NULL;
}

struct engine *
engine_new(const struct machine *m, struct diag *err)
{
	struct engine *e = xcalloc(1, sizeof(*e));

	copy_machine(&e->m, m);
	klog_init(&e->w.log);
	if (boot_run(e, &e->w, &e->m, err)) {
		engine_free(e);
		return NULL;
	}
	e->cur = 0;
	return e;
}

static void
free_versions(struct versions *vs, void (*release)(void *))
{
	for (size_t i = 0; i < vs->nr; i++) {
		release(vs->v[i]);
		free(vs->v[i]);
	}
	free(vs->v);
}

void
engine_free(struct engine *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nr_steps; i++) {
		free(e->steps[i].narration);
		free(e->steps[i].touched);
	}
	free(e->steps);
	free(e->touched);
	for (int c = 0; c < COMPONENT_COUNT; c++)
		free_versions(&e->versions[c], components[c].release);
	e820_table_release(&e->w.e820);
	memblock_release(&e->w.mb);
	numa_state_release(&e->w.numa);
	sparse_state_release(&e->w.sparse);
	zone_state_release(&e->w.zones);
	buddy_state_release(&e->w.buddy);
	bootmem_state_release(&e->w.bootmem);
	klog_release(&e->w.log);
	machine_release(&e->m);
	free(e);
}

size_t
engine_nr_steps(const struct engine *e)
{
	return e->nr_steps;
}

const struct boot_step *
engine_step(const struct engine *e, size_t i)
{
	return i < e->nr_steps ? &e->steps[i] : NULL;
}

size_t
engine_goto(struct engine *e, size_t i)
{
	if (e->nr_steps == 0)
		return 0;
	e->cur = i < e->nr_steps ? i : e->nr_steps - 1;
	return e->cur;
}

size_t
engine_current(const struct engine *e)
{
	return e->cur;
}

const struct boot_state *
engine_state(const struct engine *e)
{
	return &e->steps[e->cur].state;
}

size_t
engine_phase_first(const struct engine *e, enum boot_phase phase)
{
	for (size_t i = 0; i < e->nr_steps; i++)
		if (e->steps[i].phase == phase)
			return i;
	return e->nr_steps;
}

const struct klog *
engine_log(const struct engine *e)
{
	return &e->w.log;
}

static void
step_lines(const void *item, uint64_t *start, uint64_t *size)
{
	const struct boot_step *st = item;

	*start = st->log_first;
	*size = st->log_end - st->log_first;
}

size_t
engine_step_of_line(const struct engine *e, size_t i)
{
	/* the first step whose lines end after i */
	size_t lo = ranges_first_above(e->steps, e->nr_steps, sizeof(e->steps[0]), step_lines, i);

	return lo < e->nr_steps ? lo : (e->nr_steps ? e->nr_steps - 1 : 0);
}

const struct machine *
engine_machine(const struct engine *e)
{
	return &e->m;
}

uint64_t
engine_phys_end(const struct engine *e)
{
	const struct boot_state *last = &e->steps[e->nr_steps - 1].state;
	const struct e820_table *t = last->e820;
	uint64_t end = PFN_PHYS(last->max_pfn);

	/* RAM, plus the firmware's pieces below 4 GiB (the PCI hole, BIOS);
	 * far-away reserved windows (QEMU's at 1 TiB) would squash RAM into
	 * a couple of cells and are left out */
	for (uint32_t i = 0; i < t->nr_entries; i++) {
		uint64_t x = t->entries[i].addr + t->entries[i].size;

		if (t->entries[i].addr < (1ull << 32) && x > end)
			end = x;
	}
	return end;
}

void
engine_pfn_info(const struct engine *e, const struct boot_state *s, uint64_t pfn,
		struct pfn_info *out)
{
	uint64_t addr = PFN_PHYS(pfn);
	unsigned sshift = pfn_section_shift(&e->m.build);
	const struct section_run *run;
	int mi;

	memset(out, 0, sizeof(*out));
	out->pfn = pfn;
	out->e820_index = e820_find(s->e820, addr);
	out->e820_type = out->e820_index >= 0 ? s->e820->entries[out->e820_index].type : 0;
	mi = memblock_search(s->memory, addr);
	out->memory_index = mi;
	out->reserved_index = memblock_search(s->reserved, addr);
	out->nid = -1;
	if (mi >= 0 && s->numa->done)
		out->nid = s->memory->regions[mi].nid;
	out->section_nr = pfn >> sshift;
	run = sparse_find(s->sparse, out->section_nr);
	out->section_flags = run ? run->flags : 0;
	if (out->nid < 0 && run)
		out->nid = run->nid;
	/* the bootmem profile has no memblock: one node, zones by pfn */
	if (out->nid < 0 && s->bootmem->active && s->zones->nr_nodes > 0 &&
	    pfn < s->zones->nodes[0].end_pfn)
		out->nid = 0;
	out->zone = out->nid >= 0 ? zone_of_pfn(s->zones, out->nid, pfn) : -1;
	if (out->zone >= 0) {
		const struct buddy_zone *z = buddy_zone_find(s->buddy, out->nid, out->zone);

		if (z && buddy_block_of(z, s->buddy->max_order, pfn, &out->block_pfn,
					&out->block_order)) {
			out->is_free = true;
			out->buddy_pfn = out->block_pfn ^ (1ull << out->block_order);
		}
		if (!out->is_free && mi >= 0 && out->reserved_index < 0 &&
		    pfn >= s->zones->nodes[out->nid].first_deferred_pfn)
			out->deferred = true;
	}
}
