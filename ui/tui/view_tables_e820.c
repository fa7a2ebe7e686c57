/*
 * view_tables_e820.c - the e820 table's rows: the current map's entries,
 * marked added (+) or changed (*) against the map before the step, then
 * the entries the step removed (-).
 */
#include "view_tables.h"

#include <inttypes.h>
#include <stdlib.h>

#include "xalloc.h"

static bool
e820_has(const struct e820_table *t, const struct e820_entry *e, bool same_start_only)
{
	for (uint32_t i = 0; t && i < t->nr_entries; i++)
		if (t->entries[i].addr == e->addr &&
		    (same_start_only || (t->entries[i].size == e->size && t->entries[i].type == e->type)))
			return true;
	return false;
}

static uint32_t
e820_removed(const struct app *a, uint32_t *idx, uint32_t max)
{
	uint32_t n = 0;

	if (!a->prev)
		return 0;
	for (uint32_t i = 0; i < a->prev->e820->nr_entries; i++)
		if (!e820_has(a->st->state.e820, &a->prev->e820->entries[i], true)) {
			if (idx && n < max)
				idx[n] = i;
			n++;
		}
	return n;
}

long
table_e820_nrows(const struct app *a)
{
	return a->st->state.e820->nr_entries + e820_removed(a, NULL, 0);
}

static void
e820_fmt(const struct e820_entry *e, char *buf, size_t len, const char *mark)
{
	char ty[32], sz[32];

	e820_type_name(e->type, ty, sizeof(ty));
	fmt_size(e->size, sz, sizeof(sz));
	snprintf(buf, len, "%s[mem 0x%016" PRIx64 "-0x%016" PRIx64 "] %-9s %s", mark, e->addr,
		 e->addr + e->size - 1, ty, sz);
}

void
table_e820_row(const struct app *a, long i, struct row *r)
{
	const struct e820_table *t = a->st->state.e820;
	const struct e820_entry *e;

	if (i < (long)t->nr_entries) {
		e = &t->entries[i];
		r->role = !a->prev ? ROLE_ROW_ADDED :
			  e820_has(a->prev->e820, e, false) ? ROLE_DEFAULT :
			  e820_has(a->prev->e820, e, true) ? ROLE_ROW_CHANGED : ROLE_ROW_ADDED;
		e820_fmt(e, r->text, sizeof(r->text), r->role == ROLE_DEFAULT ? "  " : "+ ");
		if (r->role == ROLE_ROW_CHANGED)
			r->text[0] = '*';
		return;
	}
	uint32_t n = (uint32_t)(i - t->nr_entries), *idx = xmalloc((n + 1) * sizeof(*idx));

	e820_removed(a, idx, n + 1);
	e820_fmt(&a->prev->e820->entries[idx[n]], r->text, sizeof(r->text), "- ");
	r->role = ROLE_ROW_REMOVED;
	free(idx);
}

int
table_e820_header(const struct app *a, struct canvas *c, struct rect in)
{
	canvas_printf(c, in.x, in.y, in.w, ROLE_HEADER, "%u entries, max_pfn %#" PRIx64,
		      a->st->state.e820->nr_entries, a->st->state.max_pfn);
	return 1;
}
