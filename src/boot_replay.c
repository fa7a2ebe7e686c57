/*
 * boot_replay.c - what the machine file says happens at a point of the
 * boot that memboot does not derive itself: e820 edits (MTRR trimming,
 * EFI, ...) and memblock operations (ACPI tables, percpu, crashkernel,
 * ...), replayed at their hook points as steps of their own.
 */
#include "boot_replay.h"

#include <stdint.h>

/* Replay the e820 changes the machine file lists for this point. */
bool
e820_events(struct boot_ctx *b, enum e820_event_hook hook)
{
	struct e820_table *t = &b->w->e820;
	bool any = false;

	for (size_t i = 0; i < b->m->nr_e820_events; i++) {
		const struct machine_e820_event *ev = &b->m->e820_events[i];
		char tn[32];

		if (ev->hook != hook)
			continue;
		any = true;
		switch (ev->kind) {
		case E820_EV_UPDATE:
			e820_range_update(t, ev->start, ev->size, ev->old_type, ev->new_type, LOG(b));
			e820_type_name(ev->new_type, tn, sizeof(tn));
			touch(b, ev->start, ev->start + ev->size);
			step(b, "e820__range_update", "[0x%llx-0x%llx] becomes %s in e820.",
			     (unsigned long long)ev->start,
			     (unsigned long long)(ev->start + ev->size - 1), tn);
			break;
		case E820_EV_REMOVE:
			e820_range_remove(t, ev->start, ev->size, ev->old_type, ev->check_type, LOG(b));
			touch(b, ev->start, ev->start + ev->size);
			step(b, "e820__range_remove", "[0x%llx-0x%llx] is taken out of e820.",
			     (unsigned long long)ev->start,
			     (unsigned long long)(ev->start + ev->size - 1));
			break;
		case E820_EV_ADD:
			e820_range_add(t, ev->start, ev->size, ev->new_type, LOG(b));
			e820_type_name(ev->new_type, tn, sizeof(tn));
			touch(b, ev->start, ev->start + ev->size);
			step(b, "e820__range_add", "[0x%llx-0x%llx] is added to e820 as %s.",
			     (unsigned long long)ev->start,
			     (unsigned long long)(ev->start + ev->size - 1), tn);
			break;
		case E820_EV_TABLE:
			e820_update_table(t);
			if (ev->header[0])
				klog_printf(LOG(b), KLOG_INFO, "%s", ev->header);
			e820_print_table(t, ev->who, LOG(b));
			step(b, "e820__update_table", "The table is sanitised again and printed as \"%s\".",
			     ev->who);
			break;
		}
	}
	return any;
}

static const char *
op_caller(const struct mb_op *op, const char *fallback)
{
	return op->caller[0] ? op->caller : fallback;
}

/* The range operations a machine file can replay, by kind. */
static const struct {
	const char *fn;
	const char *did;	/* narration: "<caller> <did> [start-end]" */
	int (*call)(struct memblock *, uint64_t, uint64_t, const char *);
} range_ops[] = {
	[MB_OP_ADD] = { "memblock_add", "adds to memblock.memory", memblock_add },
	[MB_OP_REMOVE] = { "memblock_remove", "removes from memblock.memory", memblock_remove },
	[MB_OP_RESERVE] = { "memblock_reserve", "reserves", memblock_reserve },
	[MB_OP_FREE] = { "memblock_phys_free", "gives back to memblock", memblock_phys_free },
};

static void
run_op(struct boot_ctx *b, const struct mb_op *op)
{
	struct memblock *mb = MB(b);
	const char *api = machine_alloc_api_name(op->api);
	uint64_t got;

	switch (op->kind) {
	case MB_OP_ADD:
	case MB_OP_REMOVE:
	case MB_OP_RESERVE:
	case MB_OP_FREE:
		range_ops[op->kind].call(mb, op->base, op->size, op_caller(op, range_ops[op->kind].fn));
		touch(b, op->base, op->base + op->size);
		step(b, range_ops[op->kind].fn, "%s %s [0x%llx-0x%llx] (%llu bytes).",
		     op_caller(op, "A caller"), range_ops[op->kind].did,
		     (unsigned long long)op->base, (unsigned long long)(op->base + op->size - 1),
		     (unsigned long long)op->size);
		break;
	case MB_OP_BOTTOM_UP:
		memblock_set_bottom_up(mb, op->bottom_up);
		step(b, "memblock_set_bottom_up", "Allocation direction is now %s.",
		     op->bottom_up ? "bottom-up" : "top-down");
		break;
	case MB_OP_ALLOC:
		switch (op->api) {
		case MB_API_PHYS_ALLOC_RANGE:
			got = memblock_phys_alloc_range(mb, op->size, op->align, op->min_addr,
							op->max_addr, op_caller(op, api));
			break;
		case MB_API_PHYS_ALLOC_TRY_NID:
			got = memblock_phys_alloc_try_nid(mb, op->size, op->align, op->nid);
			break;
		default:
			got = memblock_alloc_virt(mb, api, op->size, op->align, op->min_addr,
						  op->max_addr, op->nid,
						  op->exact_nid || op->api == MB_API_ALLOC_EXACT_NID_RAW,
						  op_caller(op, api));
			break;
		}
		touch(b, got, got ? got + op->size : 0);
		if (got)
			step(b, api, "%s allocates %llu bytes at 0x%llx (%s).",
			     op_caller(op, "A caller"), (unsigned long long)op->size,
			     (unsigned long long)got, mb->bottom_up ? "bottom-up" : "top-down");
		else
			step(b, api, "%s asks for %llu bytes and memblock finds no room.",
			     op_caller(op, "A caller"), (unsigned long long)op->size);
		break;
	}
}

void
run_hook(struct boot_ctx *b, enum boot_hook hook)
{
	for (size_t i = 0; i < b->m->nr_ops; i++)
		if (b->m->ops[i].hook == hook)
			run_op(b, &b->m->ops[i]);
}
