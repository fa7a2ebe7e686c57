/* fmt.c - figures as people read them, for both front ends. */
#include "fmt.h"

#include <stdio.h>

void
fmt_size(uint64_t bytes, char *buf, size_t len)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	int u = 0;
	uint64_t v = bytes;

	while (u < 5 && v >= 1024 && (v % 1024 == 0 || v >= 10240)) {
		if (v % 1024 && v < 1024 * 1024) {
			snprintf(buf, len, "%.1f %s", (double)v / 1024, units[u + 1]);
			return;
		}
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%llu %s", (unsigned long long)v, units[u]);
}
