#!/bin/sh
# oracle_qemu.sh - for every real 6.1 boot trace in tests/data/qemu-6.1,
# run the matching machines/qemu-<name>.xml through `memboot run --batch`
# and compare, category by category, the lines the kernel printed up to
# its "Memory:" line with the lines memboot prints. Callers (%pS) are
# build-specific and are cut off before comparing. TAP output.
set -u
: "${MEMBOOT:?set MEMBOOT to the memboot binary}"
: "${MEMBOOT_SRCDIR:?set MEMBOOT_SRCDIR to the source tree}"
data=$MEMBOOT_SRCDIR/tests/data/qemu-6.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/memboot-oracle.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Category name and the extended regexp selecting its lines.
categories='e820|^(BIOS-e820|e820: (update|remove)|last_pfn)
memblock-ranges|^memblock_(add|reserve|phys_free|remove):
memblock-allocs|^memblock_(phys_alloc_range|alloc_try_nid|alloc_try_nid_raw|alloc_exact_nid_raw):
memblock-dumps|^(MEMBLOCK configuration| memory| reserved)
numa|^(No NUMA|NUMA|Faking a node|SRAT: PXM|ACPI: SRAT: Node|NODE_DATA|node [0-9]+ \[mem|Warning: node)
zone-ranges|^(Zone ranges|  (DMA|DMA32|Normal|HighMem|Device) |Movable zone start|  Node [0-9]+: 0x)
early-node-ranges|^(Early memory node ranges|  node +[0-9]+: )
initmem|^(Initmem setup|Initializing node)
unavailable|pages in unavailable ranges
total-pages|^(Fallback order for Node|Built [0-9]+ zonelists|Policy zone)
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
	sed -E -e 's/^(memblock_[a-z_]+: .*(\]|max_addr=0x[0-9a-f]+)) [^ ]+$/\1/'
}

# "Memory: A/BK available (...)": keep the two numbers only.
cut_memory() {
	sed -E -e 's/^(Memory: [0-9]+K\/[0-9]+K available).*/\1/'
}

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }

traces=$(ls "$data"/*.log)
count=$(echo "$traces" | wc -l)
ncat=$(echo "$categories" | wc -l)
echo "1..$((count * (ncat + 1)))"
for log in $traces; do
	name=$(basename "$log" .log)
	machine=$MEMBOOT_SRCDIR/machines/qemu-$name.xml
	if ! memboot_lines "$machine" > "$tmp/ours" 2> "$tmp/err"; then
		notok "$name: memboot run --batch: $(head -c 200 "$tmp/err")"
		for _ in $(seq "$ncat"); do notok "$name: not compared"; done
		continue
	fi
	ok "$name: memboot run --batch"
	kernel_lines "$log" > "$tmp/kernel"
	while IFS='|' read -r cat re; do
		grep -E "$re" "$tmp/kernel" | cut_memory > "$tmp/k"
		grep -E "$re" "$tmp/ours" | cut_memory > "$tmp/o"
		if [ ! -s "$tmp/k" ]; then
			notok "$name: $cat: the trace has no such lines"
		elif cmp -s "$tmp/k" "$tmp/o"; then
			ok "$name: $cat ($(wc -l < "$tmp/k") lines identical)"
		else
			notok "$name: $cat differs"
			diff "$tmp/k" "$tmp/o" | head -20 | sed 's/^/# /'
		fi
	done <<CATS
$categories
CATS
done
exit 0
