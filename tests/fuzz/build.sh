#!/bin/sh
# build.sh [OUTDIR] - build the libFuzzer harnesses from the source tree
# into OUTDIR (default ./fuzz-build), without configure or automake: the
# engine sources and the harness compiled with clang and
# -fsanitize=fuzzer,address,undefined. fuzz_dmesg is built once
# src/dmesg.h exists. Prints the path of each harness built.
# CC (default clang) and FUZZ_CFLAGS (extra flags) may be set.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-fuzz-build}
cc=${CC:-clang}
mkdir -p "$out/obj"
out=$(cd "$out" && pwd)

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "build.sh: $cc not found (Debian: apt-get install clang libclang-rt-dev)" >&2
	exit 1
fi
xml_cflags=$(pkg-config --cflags libxml-2.0)
xml_libs=$(pkg-config --libs libxml-2.0)
san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
# the engine gets coverage but no main(); the harnesses link libFuzzer's
san_lib="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
cflags="-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -Wall -Wextra
	-Wno-unused-parameter -I$top/src -I$out ${FUZZ_CFLAGS:-}"

# the files the program carries (as Makefile.am makes them)
sh "$top/tools/embed.sh" builtin_machine_xml "$top/machines/default.xml" \
	> "$out/builtin_machine.c"
sh "$top/tools/embed.sh" builtin_schema_rng "$top/machines/memboot.rng" \
	> "$out/builtin_schema.c"

objs=""
for src in "$top"/src/*.c "$out/builtin_machine.c" "$out/builtin_schema.c"; do
	# an in-tree build leaves its own generated copies in src/
	case $src in "$top"/src/builtin_*.c) continue ;; esac
	obj="$out/obj/$(basename "$src" .c).o"
	# shellcheck disable=SC2086
	$cc $cflags $san_lib $xml_cflags -c "$src" -o "$obj"
	objs="$objs $obj"
done

harnesses="fuzz_machine_xml"
[ -f "$top/src/dmesg.h" ] && harnesses="$harnesses fuzz_dmesg"
for h in $harnesses; do
	# shellcheck disable=SC2086
	$cc $cflags $san $xml_cflags "$top/tests/fuzz/$h.c" $objs $xml_libs \
		-o "$out/$h"
	echo "$out/$h"
done
