/* klog.c - the kernel log lines the engine prints. */
#include "klog.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void
klog_init(struct klog *log)
{
	log->lines = NULL;
	log->nr = 0;
	log->cap = 0;
	log->memblock_debug = 0;
}

void
klog_release(struct klog *log)
{
	for (size_t i = 0; i < log->nr; i++)
		free(log->lines[i].text);
	free(log->lines);
	klog_init(log);
}

void
klog_printf(struct klog *log, enum klog_level level, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	if (!log || (level == KLOG_MEMBLOCK && !log->memblock_debug))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	xgrow((void **)&log->lines, &log->cap, log->nr + 1, sizeof(log->lines[0]));
	log->lines[log->nr].level = level;
	log->lines[log->nr].text = xstrdup(buf);
	log->nr++;
}

/* strstr, ignoring ASCII case */
static bool
contains(const char *hay, const char *needle, size_t n)
{
	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

long
klog_find(const struct klog *log, const char *text, size_t from)
{
	size_t n = strlen(text);

	if (!n || !log->nr)
		return -1;
	for (size_t k = 0; k < log->nr; k++) {
		size_t i = (from + k) % log->nr;

		if (contains(log->lines[i].text, text, n))
			return (long)i;
	}
	return -1;
}
