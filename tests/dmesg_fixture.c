/*
 * dmesg_fixture.c - the importer tests' shared parse (see dmesg_fixture.h).
 */
#include "dmesg_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

void
parse(const char *text, struct dmesg *d, int want)
{
	struct diag err = { 0 };

	assert_int_equal(dmesg_parse(text, strlen(text), "test.log", d, &err), want);
}
