#!/bin/sh
# corpus_check_qemu.sh - TAP: tests/corpus_check.sh on the memblock=debug
# serial-console traces of Debian's 5.10, 6.1, 6.12 and 7.x kernels booted
# in QEMU (tests/data/qemu-<version>/): the importer's machine of each
# trace, replayed, must print the kernel's own memory lines.
exec "${SHELL:-/bin/sh}" "$MEMBOOT_SRCDIR/tests/corpus_check.sh" \
	tests/data/qemu-5.10 tests/data/qemu-6.1 tests/data/qemu-6.12 tests/data/qemu-7.2
