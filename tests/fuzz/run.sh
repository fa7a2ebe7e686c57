#!/bin/sh
# run.sh [OUTDIR] - a bounded fuzz run of every harness: build them with
# build.sh into OUTDIR (default: a new temporary directory), then run each
# for FUZZ_SECONDS (default 60) on a temporary copy of its seed corpus
# (the test data and the stored regressions) with its dictionary, a
# per-input timeout and a memory limit. Installs clang and libFuzzer from
# Debian packages when they are missing and we may (root or sudo).
#
# Prints one line per harness, "PASS: name (N runs in S s)" or
# "FAIL: name ..." with the crashing input, then automake-style "# PASS:"
# and "# FAIL:" lines so .ci/run can sum them; exits 1 on any failure.
# Environment: FUZZ_SECONDS, FUZZ_TIMEOUT (per input, default 10 s),
# FUZZ_RSS_MB (default 2048). One process per harness, one after the other.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2048}
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/memboot-fuzz.XXXXXX")}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# clang with the libFuzzer runtime: compile a one-line harness to find out
have_libfuzzer() {
	command -v clang >/dev/null 2>&1 || return 1
	printf '%s\n' '#include <stdint.h>' '#include <stddef.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
		> "$out/probe.c"
	clang -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" >/dev/null 2>&1
}
if ! have_libfuzzer; then
	pkgs="clang libclang-rt-dev"
	if [ "$(id -u)" -eq 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo -n"
	else
		sudo="false"
	fi
	echo "run.sh: installing $pkgs"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends $pkgs >/dev/null
	if ! have_libfuzzer; then
		echo "run.sh: clang with libFuzzer is not available" >&2
		echo "# PASS: 0"
		echo "# FAIL: 1"
		exit 1
	fi
fi

if ! sh "$here/build.sh" "$out" > "$out/build.log" 2>&1; then
	cat "$out/build.log"
	echo "FAIL: the fuzz harnesses do not build"
	echo "# PASS: 0"
	echo "# FAIL: 1"
	exit 1
fi

# seeds NAME: the seed files of a harness, one per line; a stored
# regression whose .expect says "known bug:" still crashes: left out
seeds() {
	case $1 in
	fuzz_machine_xml)
		ls "$top"/machines/*.xml "$top"/tests/data/bad/*.xml \
			"$top"/tests/fuzz/regressions/xml/* ;;
	fuzz_dmesg)
		ls "$top"/tests/data/qemu-6.1/*.log "$top"/tests/data/dmesg/*.log \
			"$top"/tests/fuzz/regressions/dmesg/* ;;
	esac 2>/dev/null | grep -v '\.expect$' | while IFS= read -r f; do
		grep -q '^known bug:' "$f.expect" 2>/dev/null || echo "$f"
	done
}

pass=0
fail=0
total_runs=0
total_secs=0
for h in fuzz_machine_xml fuzz_dmesg; do
	[ -x "$out/$h" ] || continue
	corpus="$out/corpus-$h"
	art="$out/artifacts-$h"
	rm -rf "$corpus" "$art"
	mkdir -p "$corpus" "$art"
	seeds "$h" | while IFS= read -r f; do
		cp "$f" "$corpus/"
	done
	dict="$here/${h#fuzz_}.dict"
	[ -f "$dict" ] && dictopt="-dict=$dict" || dictopt=""
	# shellcheck disable=SC2086
	"$out/$h" -max_total_time="$seconds" -timeout="$timeout" \
		-rss_limit_mb="$rss" -print_final_stats=1 \
		-artifact_prefix="$art/" $dictopt "$corpus" \
		> "$out/$h.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$h.log" | tail -n 1)
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$out/$h.log" | tail -n 1)
	runs=${runs:-0}
	secs=${secs:-$seconds}
	total_runs=$((total_runs + runs))
	total_secs=$((total_secs + secs))
	crash=$(ls "$art" 2>/dev/null | head -n 1)
	if [ "$rc" -eq 0 ] && [ -z "$crash" ]; then
		pass=$((pass + 1))
		echo "PASS: $h ($runs runs in $secs s, corpus $(ls "$corpus" | wc -l) inputs)"
	else
		fail=$((fail + 1))
		echo "FAIL: $h (exit $rc after $runs runs)"
		grep -A 30 -m 1 -E '^==[0-9]+==|runtime error|^SUMMARY|deadly signal|timeout after' \
			"$out/$h.log" | head -n 40
		if [ -n "$crash" ]; then
			echo "input: $art/$crash ($(wc -c < "$art/$crash") bytes), reproduce with"
			echo "  tests/fuzz/build.sh DIR && DIR/$h $art/$crash"
			od -A d -c "$art/$crash" | head -n 20
		fi
	fi
done
echo "fuzzing: $total_runs runs in $total_secs s"
echo "# PASS: $pass"
echo "# FAIL: $fail"
[ "$fail" -eq 0 ]
