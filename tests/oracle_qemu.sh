#!/bin/sh
# oracle_qemu.sh - for every real boot trace in tests/data/qemu-<version>/
# (Debian's 5.10, 6.1, 6.12 and 7.x cloud kernels), run the matching
# machines/qemu-<name>.xml as that kernel version (its <kernel-version>
# set to the trace's "Linux version" string, and the build constants that
# tests/data/qemu-<version>/build.sed gives for that build) through
# `memboot run --batch` and compare, category by category, the lines the kernel printed up to
# its "Memory:" line with the lines memboot prints. Callers (%pS) are
# build-specific and are cut off before comparing. A difference that
# tests/data/qemu-expected.txt lists (version, shape, category, reason) is
# reported as TODO with its reason; any other is a failure. Then the same
# for the 5.10, 6.12 and 7.x traces on machines tools/trace2machine.py makes
# from each trace itself (expected differences listed as own:<category>).
# TAP output, closed by tables of the kernel's lines memboot matched.
set -u
: "${MEMBOOT:?set MEMBOOT to the memboot binary}"
: "${MEMBOOT_SRCDIR:?set MEMBOOT_SRCDIR to the source tree}"
expected=$MEMBOOT_SRCDIR/tests/data/qemu-expected.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/memboot-oracle.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Category name and the extended regexp selecting its lines.
categories='e820|^(BIOS-e820|e820: (update|remove)|last_pfn)
memblock-ranges|^_*memblock_(add|reserve|phys_free|free|remove):
memblock-allocs|^memblock_(phys_alloc_range|alloc_try_nid|alloc_try_nid_raw|alloc_exact_nid_raw):
memblock-dumps|^(MEMBLOCK configuration| memory| reserved)
numa|^(No NUMA|NUMA|Faking a node|SRAT: PXM|ACPI: SRAT: Node|NODE_DATA|node [0-9]+ \[mem|Warning: node)
zone-ranges|^(Zone ranges|  (DMA|DMA32|Normal|HighMem|Device) |Movable zone start|  Node [0-9]+: 0x)
early-node-ranges|^(Early memory node ranges|  node +[0-9]+: )
initmem|^(Initmem setup|Initializing node)
unavailable|pages in unavailable ranges
total-pages|^(Fallback order for Node|Built [0-9]+ zonelists|Policy zone)
pci-gap|(\] available for PCI devices$|^(e820: )?Cannot find an available gap|^(e820: )?PCI devices with unassigned 32-bit BARs)
memory|^Memory: '

# The kernel's lines before "Memory:", without timestamps and callers.
kernel_lines() {
	sed -e 's/^\[[ 0-9.]*\] //' "$1" |
	awk '{ print } /^Memory: /{ exit }' |
	sed -e 's/ [A-Za-z_][A-Za-z_0-9.]*+0x[0-9a-f]*\/0x[0-9a-f]*$//'
}

# memboot's lines, with the caller field cut the same way.
memboot_lines() {
	"$MEMBOOT" run --batch "$1" |
	sed -E -e 's/^(_*memblock_[a-z_]+: .*(\]|max_addr=0x[0-9a-f]+|flags=[0-9a-f]+)) [^ ]+$/\1/'
}

# "Memory: A/BK available (...)": keep the two numbers only.
cut_memory() {
	sed -E -e 's/^(Memory: [0-9]+K\/[0-9]+K available).*/\1/'
}

. "$MEMBOOT_SRCDIR/tests/qemu_expected.sh"

# as_traced LOG MACHINE: MACHINE as the kernel of LOG, in $tmp/machine.xml,
# with $name, $version and $kver set: its <kernel-version> the trace's
# "Linux version" and the build constants of that build (build.sed).
as_traced() {
	name=$(basename "$1" .log)
	version=$(basename "$(dirname "$1")")
	version=${version#qemu-}
	kver=$(sed -n -E 's/.*Linux version ([^ ]+) .*/\1/p' "$1" | head -n 1)
	build=$(dirname "$1")/build.sed
	[ -r "$build" ] || build=/dev/null
	sed -e "s|<kernel-version>[^<]*</kernel-version>|<kernel-version>$kver</kernel-version>|" \
		"$2" | sed -f "$build" > "$tmp/machine.xml"
}

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# compare LOG MODE: the trace against memboot's run of $tmp/machine.xml,
# category by category; MODE is "" for the library machine and "own" for
# the machine made from the trace itself (expected differences of that
# mode are listed as own:<category>).
compare() {
	log=$1 mode=$2
	label="$version $name${mode:+ ($mode machine)}"
	if ! memboot_lines "$tmp/machine.xml" > "$tmp/ours" 2> "$tmp/err"; then
		notok "$label: memboot run --batch: $(head -c 200 "$tmp/err")"
		for _ in $(seq "$ncat"); do notok "$label: not compared"; done
		return
	fi
	ok "$label: memboot run --batch (as $kver)"
	kernel_lines "$log" > "$tmp/kernel"
	total=0 matched=0
	while IFS='|' read -r cat re; do
		grep -E "$re" "$tmp/kernel" | cut_memory > "$tmp/k"
		grep -E "$re" "$tmp/ours" | cut_memory > "$tmp/o"
		lines=$(wc -l < "$tmp/k")
		differ=$(diff "$tmp/k" "$tmp/o" | grep -c '^<')
		total=$((total + lines)) matched=$((matched + lines - differ))
		reason=$(expected_reason "$version" "$name" "${mode:+$mode:}$cat")
		if [ ! -s "$tmp/k" ]; then
			notok "$label: $cat: the trace has no such lines"
		elif cmp -s "$tmp/k" "$tmp/o"; then
			ok "$label: $cat ($lines lines identical)"
		elif [ -n "$reason" ]; then
			notok "$label: $cat: $differ of $lines lines differ # TODO $reason"
			diff "$tmp/k" "$tmp/o" | head -6 | sed 's/^/# /'
		else
			notok "$label: $cat differs"
			diff "$tmp/k" "$tmp/o" | head -20 | sed 's/^/# /'
		fi
	done <<CATS
$categories
CATS
	echo "$version $name $matched $total" >> "$tmp/table${mode:+-$mode}"
}

traces=$(ls "$MEMBOOT_SRCDIR"/tests/data/qemu-*/*.log)
# the other versions' traces, also run on machines made from themselves
others=$(echo "$traces" | grep -v '/qemu-6\.1/')
count=$(echo "$traces" | wc -l)
nothers=$(echo "$others" | wc -l)
ncat=$(echo "$categories" | wc -l)
echo "1..$(((count + nothers) * (ncat + 1)))"
: > "$tmp/table"
: > "$tmp/table-own"
for log in $traces; do
	as_traced "$log" "$MEMBOOT_SRCDIR/machines/qemu-$(basename "$log" .log).xml"
	compare "$log" ""
done
# The machines/qemu-*.xml are the 6.1 boots; a machine made from each
# other trace by tools/trace2machine.py (its firmware map, kernel place and
# the allocations memboot replays) shows the version rules alone.
for log in $others; do
	name=$(basename "$log" .log)
	version=$(basename "$(dirname "$log")")
	version=${version#qemu-}
	if ! command -v python3 >/dev/null 2>&1 ||
	   ! python3 "$MEMBOOT_SRCDIR/tools/trace2machine.py" "$log" "qemu-$name" > "$tmp/own.xml" 2> "$tmp/err"; then
		for _ in $(seq $((ncat + 1))); do
			skip "$version $name (own machine)" "no python3 or trace2machine.py failed: $(head -c 100 "$tmp/err")"
		done
		continue
	fi
	as_traced "$log" "$tmp/own.xml"
	compare "$log" own
done

# table FILE TITLE: matched/total per trace and per version
table() {
	echo "# $2"
	sort -k1,1V -k2,2 "$1" |
	awk 'function all() { if (v != "") printf "# %-5s %-14s %5d/%d\n", v, "all shapes", m, t }
	     $1 != v { all(); v = $1; m = t = 0 }
	     { printf "# %-5s %-14s %5d/%d\n", $1, $2, $3, $4; m += $3; t += $4 }
	     END { all() }'
}
table "$tmp/table" "lines of the kernel's that memboot printed identically, per trace (the library machine):"
table "$tmp/table-own" "the same on the machine made from each trace itself:"
exit 0
