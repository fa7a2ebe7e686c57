#!/bin/sh
# outputs.sh DIR [MEMBOOT] - write everything memboot prints for the machine
# library and the boot-log corpus into DIR, one file per command and input,
# so a change that must not alter output can be checked with `diff -r`:
#   tools/outputs.sh /tmp/before; (change, rebuild); tools/outputs.sh /tmp/after
#   diff -r /tmp/before /tmp/after
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: outputs.sh DIR [MEMBOOT]}
memboot=${2:-$here/memboot}
mkdir -p "$out"
out=$(cd "$out" && pwd)
case $memboot in /*) ;; *) memboot=$(pwd)/$memboot ;; esac
# relative names, so that two trees' outputs compare equal
cd "$here"
# run NAME ARGS...: stdout, stderr and the exit status of one command
run() {
	name=$1
	shift
	"$memboot" "$@" > "$out/$name.out" 2> "$out/$name.err"
	echo $? > "$out/$name.status"
}
for f in machines/*.xml; do
	m=$(basename "$f" .xml)
	run "$m.batch" run --batch "$f"
	run "$m.steps" run --batch --steps "$f"
	run "$m.json" run --batch --json "$f"
	for p in e820 memblock numa sparse zones; do
		run "$m.until-$p" run --batch --until "$p" "$f"
	done
	run "$m.footprint" footprint "$f"
	run "$m.footprint-json" footprint --json "$f"
	run "$m.validate" validate "$f"
done
for f in tests/data/dmesg/*.log tests/data/dmesg-2.6/*.log tests/data/qemu-*/*.log; do
	[ -f "$f" ] || continue
	d=$(basename "$(dirname "$f")")
	l=$d-$(basename "$f" .log)
	run "$l.check" check "$f"
	run "$l.import" import "$f"
	"$memboot" import -o "$out/$l.xml" "$f" > /dev/null 2>&1 &&
		(cd "$out" && run "$l.imported-batch" run --batch "$l.xml")
done
for f in tests/data/bad/*.xml; do
	run "bad-$(basename "$f" .xml).validate" validate "$f"
done
