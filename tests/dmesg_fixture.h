/*
 * dmesg_fixture.h - what the boot-log importer's tests (tests/test_dmesg.c,
 * tests/test_dmesg_firmware.c, tests/test_dmesg_kernel.c and the import
 * test of tests/test_profile.c) share: a parse that must give the wanted
 * result, and QEMU's e820 table as a log shows it, for the logs that need
 * a table but test something else.
 */
#ifndef MEMBOOT_DMESG_FIXTURE_H
#define MEMBOOT_DMESG_FIXTURE_H

#include "dmesg.h"

#define E820_QEMU \
	"BIOS-provided physical RAM map:\n" \
	"BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n" \
	"BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n" \
	"BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved\n" \
	"BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable\n" \
	"BIOS-e820: [mem 0x000000007ffe0000-0x000000007fffffff] reserved\n"

/* Parse text; the test fails unless the result is want. */
void parse(const char *text, struct dmesg *d, int want);

#endif
