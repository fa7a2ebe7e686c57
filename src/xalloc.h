/* xalloc.h - allocation that aborts on failure (out of memory is fatal). */
#ifndef MEMBOOT_XALLOC_H
#define MEMBOOT_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *p (of *cap elements of size sz) to hold at least need elements. */
void xgrow(void **p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
void *xmemdup(const void *p, size_t n);

#endif
