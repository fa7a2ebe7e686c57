/* views.c - the view registry (see views.h). */
#include "views.h"

#include <string.h>

static const struct view_desc registry[] = {
	{ "map", NULL, NULL, &view_map_ops, PLACE_MAP, 0 },
	{ "e820", "1", "show the e820 table", &view_e820_ops, PLACE_PANEL,
	  PHASE_BIT(PHASE_E820) },
	{ "memblock", "2", "show the memblock arrays", &view_memblock_ops, PLACE_PANEL,
	  PHASE_BIT(PHASE_MEMBLOCK) | PHASE_BIT(PHASE_NUMA) | PHASE_BIT(PHASE_ZONES) |
	  PHASE_BIT(PHASE_BUDDY) },
	{ "sections", "3", "show the section table", &view_sections_ops, PLACE_PANEL,
	  PHASE_BIT(PHASE_SPARSE) },
	{ "free", "4", "show the free lists", &view_freelist_ops, PLACE_BELOW_PANEL,
	  PHASE_BIT(PHASE_BUDDY) },
	{ "log", "5", "show the kernel log", &view_log_ops, PLACE_BELOW_MAP, 0 },
	{ "footprint", "6", "show the memory model footprint", &view_footprint_ops,
	  PLACE_PANEL, 0 },
};

int
views_count(void)
{
	return (int)(sizeof(registry) / sizeof(registry[0]));
}

const struct view_desc *
views_get(int i)
{
	return &registry[i];
}

int
views_find(const char *name)
{
	for (int i = 0; i < views_count(); i++)
		if (strcmp(registry[i].name, name) == 0)
			return i;
	return -1;
}

int
views_by_key(const char *key)
{
	for (int i = 0; i < views_count(); i++)
		if (registry[i].key && strcmp(registry[i].key, key) == 0)
			return i;
	return -1;
}
