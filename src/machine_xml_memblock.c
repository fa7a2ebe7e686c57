/*
 * machine_xml_memblock.c - <memblock> of a machine file: the early
 * allocations and frees replayed at each boot hook, with their API,
 * caller and node.
 */
#include "machine_xml_loader.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "xml_doc.h"
#include "xalloc.h"

/* "a, b or c" from a name function, for messages. */
static void
list_names(char *buf, size_t len, const char *(*name)(int), int count)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < count && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
					 i == 0 ? "" : i == count - 1 ? " or " : ", ",
					 name(i));
}

static const char *
hook_name(int i)
{
	return machine_hook_name((enum boot_hook)i);
}

static const char *
api_name(int i)
{
	return machine_alloc_api_name((enum mb_alloc_api)i);
}

static int
api_count(void)
{
	int n = 0;

	while (machine_alloc_api_name((enum mb_alloc_api)n))
		n++;
	return n;
}

/* nid: -1 (NUMA_NO_NODE) or a node below MAX_NUMNODES. */
static int
get_nid(struct loader *ld, xmlNodePtr n, int *nid)
{
	char *s = mx_attr(n, "nid");
	bool none = !s || strcmp(s, "-1") == 0;
	uint64_t v = 0;

	xmlFree(s);
	if (none)
		return 0;
	if (mx_get_bounded(ld, n, "nid", NUM_PLAIN,
			(UINT64_C(1) << ld->m->build.nodes_shift) - 1, &v))
		return -1;
	*nid = (int)v;
	return 0;
}

static int
load_alloc(struct loader *ld, xmlNodePtr n, struct mb_op *op)
{
	char *api = mx_attr(n, "api");

	op->align = 64;		/* SMP_CACHE_BYTES, as memblock_alloc() */
	op->api = MB_API_ALLOC_TRY_NID;
	if (api) {
		int found = machine_alloc_api_from_name(api);
		char names[256];

		if (found < 0) {
			list_names(names, sizeof(names), api_name, api_count());
			mx_fail(ld, n, "api \"%s\" is not one of %s.", api, names);
		}
		xmlFree(api);
		if (found < 0)
			return -1;
		op->api = (enum mb_alloc_api)found;
	}
	op->exact_nid = op->api == MB_API_ALLOC_EXACT_NID_RAW;
	if (!mx_has_attr(n, "size"))
		return mx_missing(ld, n, "size");
	if (mx_get_u64(ld, n, "size", NUM_SIZE, &op->size) ||
	    mx_get_u64(ld, n, "align", NUM_SIZE, &op->align) ||
	    mx_get_u64(ld, n, "min-addr", NUM_SIZE, &op->min_addr) ||
	    mx_get_u64(ld, n, "max-addr", NUM_SIZE, &op->max_addr) ||
	    mx_get_bool(ld, n, "exact-nid", &op->exact_nid))
		return -1;
	if (op->size == 0)
		return mx_fail(ld, n, "size \"0\" allocates nothing.");
	if (op->align == 0 || (op->align & (op->align - 1)))
		return mx_fail(ld, n, "align \"%#" PRIx64 "\" is not a power of "
			    "two.", op->align);
	if (op->max_addr && op->min_addr >= op->max_addr)
		return mx_fail(ld, n, "min-addr \"%#" PRIx64 "\" is not below "
			    "max-addr \"%#" PRIx64 "\".", op->min_addr,
			    op->max_addr);
	return get_nid(ld, n, &op->nid);
}

static int
load_op(struct loader *ld, xmlNodePtr n, enum boot_hook hook)
{
	static const struct {
		const char *name;
		enum mb_op_kind kind;
	} kinds[] = {
		{ "add", MB_OP_ADD }, { "remove", MB_OP_REMOVE },
		{ "reserve", MB_OP_RESERVE }, { "free", MB_OP_FREE },
		{ "alloc", MB_OP_ALLOC }, { "bottom-up", MB_OP_BOTTOM_UP },
	};
	struct machine *m = ld->m;
	struct mb_op *op;
	char *caller;
	size_t k = 0;

	while (k < sizeof(kinds) / sizeof(kinds[0]) && !mx_is_element(n, kinds[k].name))
		k++;
	if (k == sizeof(kinds) / sizeof(kinds[0]))
		return mx_fail(ld, n, "the element is not a memblock operation.");
	if (m->nr_ops == MACHINE_MAX_OPS)
		return mx_fail(ld, n, "operation %zu is one too many: a machine "
			    "has at most %d.", m->nr_ops + 1, MACHINE_MAX_OPS);
	xgrow((void **)&m->ops, &ld->cap_ops, m->nr_ops + 1, sizeof(*m->ops));
	op = &m->ops[m->nr_ops];
	*op = (struct mb_op){ .kind = kinds[k].kind, .hook = hook,
			      .nid = NUMA_NO_NODE, .bottom_up = true,
			      .line = xml_node_line(n) };
	caller = mx_attr(n, "caller");
	if (caller && strlen(caller) >= sizeof(op->caller)) {
		mx_fail(ld, n, "caller \"%s\" is longer than %zu characters.",
		     caller, sizeof(op->caller) - 1);
		xmlFree(caller);
		return -1;
	}
	if (caller) {
		strcpy(op->caller, caller);
		xmlFree(caller);
	}
	if (op->kind == MB_OP_ALLOC) {
		if (load_alloc(ld, n, op))
			return -1;
	} else if (op->kind == MB_OP_BOTTOM_UP) {
		if (mx_get_bool(ld, n, "enable", &op->bottom_up))
			return -1;
	} else if (mx_get_range(ld, n, &op->base, &op->size)) {
		return -1;
	}
	m->nr_ops++;
	return 0;
}

int
mx_load_memblock(struct loader *ld, xmlNodePtr n)
{
	for (xmlNodePtr at = n->children; at; at = at->next) {
		char *name, names[256];
		int hook;

		if (!mx_is_element(at, "at"))
			continue;
		name = mx_attr(at, "hook");
		if (!name)
			return mx_missing(ld, at, "hook");
		hook = machine_hook_from_name(name);
		if (hook < 0) {
			list_names(names, sizeof(names), hook_name, HOOK_COUNT);
			mx_fail(ld, at, "hook \"%s\" is not one of %s.", name, names);
		}
		xmlFree(name);
		if (hook < 0)
			return -1;
		for (xmlNodePtr c = at->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    load_op(ld, c, (enum boot_hook)hook))
				return -1;
	}
	return 0;
}
