/* diag.c - error records. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
diag_set(struct diag *d, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	snprintf(d->file, sizeof(d->file), "%s", file ? file : "");
	d->line = line;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
}

void
diag_format(const struct diag *d, char *buf, size_t len)
{
	if (d->file[0] && d->line > 0)
		snprintf(buf, len, "%s:%d: %s", d->file, d->line, d->msg);
	else if (d->file[0])
		snprintf(buf, len, "%s: %s", d->file, d->msg);
	else
		snprintf(buf, len, "%s", d->msg);
}
