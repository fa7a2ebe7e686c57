# cli_tap.sh - sourced by the tests/cli_*.sh TAP tests of the command line:
# $MEMBOOT and $MEMBOOT_SRCDIR checked (make check sets them), the source
# tree as the working directory, $tmp (removed at exit) with $out and $err
# for the last command, and the TAP helpers. $limit, when set, prefixes
# every command expect runs (a timeout, so that a hang fails).

: "${MEMBOOT:?MEMBOOT is not set}"
: "${MEMBOOT_SRCDIR:?MEMBOOT_SRCDIR is not set}"
cd "$MEMBOOT_SRCDIR" || exit 1

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out err=$tmp/err
limit=${limit:-}

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
# not_ok DESCRIPTION [FILE...]: the files (by default the last command's
# stderr and stdout) shown as comments
not_ok() {
	n=$((n + 1))
	failed=1
	echo "not ok $n - $1"
	shift
	[ $# -gt 0 ] || set -- "$err" "$out"
	sed 's/^/# /' "$@" | head -20
}
# expect STATUS DESCRIPTION COMMAND...: the command exits with STATUS
expect() {
	want=$1 what=$2
	shift 2
	$limit "$@" >"$out" 2>"$err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$what"; else echo "# exit $got, want $want"; not_ok "$what"; fi
}
# check DESCRIPTION COMMAND...: the command succeeds (it may read $out
# and $err of the last expect)
check() {
	what=$1
	shift
	if "$@" >"$tmp/why" 2>&1; then ok "$what"; else not_ok "$what" "$tmp/why"; fi
}
# grep_in FILE PATTERN DESCRIPTION: FILE has a line matching PATTERN
grep_in() {
	if grep -q -- "$2" "$1"; then ok "$3"; else not_ok "$3"; fi
}
