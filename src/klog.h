/*
 * klog.h - the kernel log the engine writes: one string per printed line,
 * in kernel format without the timestamp, with its log level.
 */
#ifndef MEMBOOT_KLOG_H
#define MEMBOOT_KLOG_H

#include <stddef.h>

enum klog_level {
	KLOG_INFO,	/* pr_info / KERN_INFO / pr_notice / pr_warn / pr_err */
	KLOG_DEBUG,	/* KERN_DEBUG: in dmesg, not on a quiet console */
	KLOG_MEMBLOCK,	/* memblock=debug lines */
};

struct klog_line {
	enum klog_level level;
	char *text;	/* no trailing newline */
};

struct klog {
	struct klog_line *lines;
	size_t nr;
	size_t cap;
	int memblock_debug;	/* memblock=debug given: keep memblock lines */
};

void klog_init(struct klog *log);
void klog_release(struct klog *log);

/* The first line at or after 'from' that contains text, ignoring case,
 * wrapping round to the start; -1 when no line does (or text is empty). */
long klog_find(const struct klog *log, const char *text, size_t from);

/* Append a line (printf format). Memblock lines are dropped unless debug. */
void klog_printf(struct klog *log, enum klog_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
