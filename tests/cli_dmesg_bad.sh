#!/bin/sh
# cli_dmesg_bad.sh - TAP: "memboot import" and "memboot check" on inputs
# that are not boot logs, or are boot logs in bad shape: the stored ones in
# tests/data/bad/dmesg/ (an empty file, escape codes only, binary bytes,
# NUL bytes inside a log) and large ones made on the fly (a file over the
# size limit, a 16 MB run of escape codes before the kernel's first line,
# millions of empty lines). Each must end in time, with exit 2 and a
# message naming the file, or be read (the NUL bytes are blanks).
# Needs $MEMBOOT and $MEMBOOT_SRCDIR (make check).

# a hang is a failure, not a stuck test run
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout 60"
: "${MEMBOOT_SRCDIR:?MEMBOOT_SRCDIR is not set}"
. "$MEMBOOT_SRCDIR/tests/cli_tap.sh"
bad=tests/data/bad/dmesg

for cmd in import check; do
	expect 2 "$cmd of an empty file fails" "$MEMBOOT" $cmd "$bad/empty.log"
	grep_in "$err" "$bad/empty.log: The file is empty" "$cmd says the file is empty"
	expect 2 "$cmd of escape codes alone fails" "$MEMBOOT" $cmd "$bad/escape-codes.log"
	grep_in "$err" "$bad/escape-codes.log: No BIOS-e820 table found" "$cmd names the file of escape codes"
	expect 2 "$cmd of binary bytes fails" "$MEMBOOT" $cmd "$bad/binary.log"
	grep_in "$err" "$bad/binary.log: No BIOS-e820 table found" "$cmd names the binary file"
done

expect 0 "import reads a log with NUL bytes in its lines" "$MEMBOOT" import -o "$tmp/nul.xml" "$bad/nul-bytes.log"
expect 0 "its machine validates" "$MEMBOOT" validate "$tmp/nul.xml"
expect 1 "check compares it (the log stops at the zones)" "$MEMBOOT" check "$bad/nul-bytes.log"
grep_in "$out" "^$bad/nul-bytes.log: Linux 6.1.0-47-cloud-amd64, 2 e820 entries" "check reads the kernel and the e820 table through the NUL bytes"
grep_in "$out" '^ *7:   DMA      \[mem 0x0000000000001000-0x0000000000ffffff\]$' "a NUL before a timestamp is skipped"

expect 2 "import of more than 64 MiB fails" sh -c \
	"head -c 67108865 /dev/zero | \"$MEMBOOT\" import -"
grep_in "$err" "<stdin>: The file is larger than 64 MiB" "the error says how much memboot reads"

{ head -c 16000000 /dev/zero | tr '\0' '\033'; cat tests/data/qemu-6.1/pc-128m.log; } >"$tmp/escapes.log"
expect 0 "check of a capture with 16 MB of escape codes before the kernel" "$MEMBOOT" check "$tmp/escapes.log"
grep_in "$out" "^$tmp/escapes.log: Linux 6.1.0-47-cloud-amd64," "check finds the kernel's first line after them"
head -c 4000000 /dev/zero | tr '\0' '\n' >"$tmp/empty-lines.log"
expect 2 "check of 4 million empty lines fails" "$MEMBOOT" check "$tmp/empty-lines.log"
grep_in "$err" "empty-lines.log: No BIOS-e820 table found" "check names the file of empty lines"

echo "1..$n"
exit $failed
