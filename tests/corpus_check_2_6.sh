#!/bin/sh
# corpus_check_2_6.sh - TAP: tests/corpus_check.sh on the i386 boot logs of
# the bootmem era (Linux 2.4.1 to 2.6.26) in tests/data/dmesg-2.6/.
exec "${SHELL:-/bin/sh}" "$MEMBOOT_SRCDIR/tests/corpus_check.sh" tests/data/dmesg-2.6
