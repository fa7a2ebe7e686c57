# qemu_expected.sh - sourced by tests/oracle_qemu.sh and
# tests/kernel/check_kernel.sh, which set $expected to
# tests/data/qemu-expected.txt: lines "VERSION|SHAPE|CATEGORY|reason",
# VERSION and SHAPE shell patterns, '#' comments.

# expected_reason VERSION SHAPE CATEGORY: the reason the list gives for a
# difference, or nothing.
expected_reason() {
	[ -r "$expected" ] || return 0
	while IFS='|' read -r ev es ec er; do
		case $ev in ''|'#'*) continue ;; esac
		# shellcheck disable=SC2254
		case $1 in $ev) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $2 in $es) ;; *) continue ;; esac
		[ "$ec" = "$3" ] && { echo "$er"; return 0; }
	done < "$expected"
}
