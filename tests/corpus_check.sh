#!/bin/sh
# corpus_check.sh [DIR...] - TAP: "memboot check" on every real boot log in
# each DIR (tests/data/dmesg/ when none is given, relative to
# $MEMBOOT_SRCDIR; see its README.md), compared with the summary that
# DIR/EXPECTED.tsv records for it, so that an improvement and a regression
# both fail until EXPECTED.tsv is updated, with a reason for every log that
# does not fully match. tests/corpus_check_2_6.sh runs it on
# tests/data/dmesg-2.6/, tests/corpus_check_qemu.sh on the QEMU traces.
#
# EXPECTED.tsv: file, matched, differed, not_predicted, reason (tabs).
# MEMBOOT_REGENERATE=1 rewrites the counts from the current memboot,
# keeping the reasons ("TODO: explain" for a new mismatch without one).
# Needs $MEMBOOT and $MEMBOOT_SRCDIR (set by make check).

: "${MEMBOOT:?MEMBOOT is not set}"
: "${MEMBOOT_SRCDIR:?MEMBOOT_SRCDIR is not set}"
[ $# -gt 0 ] || set -- tests/data/dmesg
tab=$(printf '\t')

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
for d in "$@"; do
	dir=$MEMBOOT_SRCDIR/$d
	expected=$dir/EXPECTED.tsv
	[ -n "$MEMBOOT_REGENERATE" ] &&
		printf 'file\tmatched\tdiffered\tnot_predicted\treason\n' >"$tmp/new.tsv"
	for log in "$dir"/*.log; do
		name=$(basename "$log")
		# several directories: name the log with its own
		label=$name
		[ $# -gt 1 ] && label=$(basename "$dir")/$name
		n=$((n + 1))
		"$MEMBOOT" check -q "$log" >"$tmp/out" 2>"$tmp/err"
		status=$?
		summary=$(tail -n 1 "$tmp/out")
		got=$(echo "$summary" | sed -n 's/^\([0-9]*\) matched, \([0-9]*\) differed, \([0-9]*\) not predicted$/\1\t\2\t\3/p')
		row=$(grep "^$name$tab" "$expected" 2>/dev/null)
		want=$(echo "$row" | cut -f 2-4)
		reason=$(echo "$row" | cut -f 5-)
		if [ -n "$MEMBOOT_REGENERATE" ]; then
			differed=$(echo "$got" | cut -f 2)
			notpred=$(echo "$got" | cut -f 3)
			if [ "$differed" = 0 ] && [ "$notpred" = 0 ]; then
				reason=""
			elif [ -z "$reason" ]; then
				reason="TODO: explain"
			fi
			printf '%s\t%s\t%s\n' "$name" "$got" "$reason" >>"$tmp/new.tsv"
		fi
		echo "# $label: ${summary:-no summary} (exit $status)"
		if [ -z "$got" ] || [ "$status" -eq 2 ]; then
			echo "not ok $n - $label: check failed"
			sed 's/^/#   /' "$tmp/err"
			failed=1
		elif [ -z "$row" ]; then
			echo "not ok $n - $label: not listed in EXPECTED.tsv (run with MEMBOOT_REGENERATE=1)"
			failed=1
		elif [ "$got" != "$want" ]; then
			echo "not ok $n - $label: got $(echo "$got" | tr '\t' /), EXPECTED.tsv says $(echo "$want" | tr '\t' /) (matched/differed/not predicted)"
			grep '^[-+?]' "$tmp/out" | sed 's/^/#   /'
			failed=1
		elif [ "$(echo "$got" | cut -f 2-3)" != "0${tab}0" ] && [ -z "$reason" ]; then
			echo "not ok $n - $label: does not fully match and EXPECTED.tsv gives no reason"
			failed=1
		else
			echo "ok $n - $label: $(echo "$got" | tr '\t' /)${reason:+ # $reason}"
		fi
	done
	if [ -n "$MEMBOOT_REGENERATE" ]; then
		cp "$tmp/new.tsv" "$expected"
		echo "# rewrote $expected"
	fi
done
echo "1..$n"
exit $failed
