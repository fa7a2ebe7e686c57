/* phase.c - the phases' names. */
#include "phase.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const phase_names[PHASE_COUNT] = {
#define X(id, name) [PHASE_##id] = name,
	BOOT_PHASES(X)
#undef X
};

const char *
phase_name(enum boot_phase phase)
{
	return (unsigned)phase < PHASE_COUNT ? phase_names[phase] : "?";
}

int
phase_from_name(const char *name)
{
	for (int i = 0; i < PHASE_COUNT; i++)
		if (strcasecmp(name, phase_names[i]) == 0)
			return i;
	return -1;
}

const char *
phase_list(void)
{
	static char list[PHASE_COUNT * 16];

	if (!list[0]) {
		for (int i = 0; i < PHASE_COUNT; i++) {
			if (i)
				strcat(list, ", ");
			strcat(list, phase_names[i]);
		}
		for (char *p = list; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	return list;
}
