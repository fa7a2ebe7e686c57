#!/bin/sh
# cli_run.sh - TAP test of "memboot run --batch" (--until, --steps, --json)
# and "memboot footprint" (text and --json): what a user reads from them.
# --until PHASE prints the boot up to the end of PHASE and nothing of the
# next one, --steps puts a header before each step's lines and nothing
# else, --json parses and describes the state the run stopped at, and the
# footprint totals of machines/qemu-pc-128m.xml are worked out by hand.
# JSON is read with python3 (tools/build.sh installs it).
# Needs $MEMBOOT and $MEMBOOT_SRCDIR (make check).

: "${MEMBOOT_SRCDIR:?MEMBOOT_SRCDIR is not set}"
. "$MEMBOOT_SRCDIR/tests/cli_tap.sh"
m=machines/default.xml
small=machines/qemu-pc-128m.xml
has() { grep -q -x -F -- "$2" "$1"; }
lacks() { ! grep -q -- "$2" "$1"; }
last_line_is() { [ "$(tail -n 1 "$1")" = "$2" ]; }
first_line_starts() { head -n 1 "$1" | grep -q -- "^$2"; }
# the headers of a --steps output count 0, 1, 2, ... and each names its
# phase, kernel function and narration
headers_well_formed() {
	grep '^# step ' "$1" | awk '$3 != NR - 1 { exit 1 }' &&
		! grep '^# step ' "$1" |
		grep -q -v -E '^# step [0-9]+ \[(E820|memblock|NUMA|sparse|zones|buddy)\] [a-z_0-9]+: .'
}
# FILE without its --steps headers is FILE2
without_headers_is() { grep -v '^# step ' "$1" | cmp -s - "$2"; }
# FILE is the first lines of FILE2
starts() { head -n "$(wc -l <"$1")" "$2" | cmp -s - "$1"; }
# json FILE PYTHON-EXPRESSION: the file parses and the expression on it
# (the object is d) is true
json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}

# ---------------------------------------------------------------- run
expect 0 "run --batch runs the default machine" "$MEMBOOT" run --batch "$m"
cp "$out" "$tmp/full"
check "the log starts with the firmware map" first_line_starts "$tmp/full" 'BIOS-provided physical RAM map:$'
check "the log has mem_init's Memory: line" has "$tmp/full" \
	"Memory: 219832K/2096632K available (14343K kernel code, 2327K rwdata, 8328K rodata, 2596K init, 5460K bss, 77972K reserved, 0K cma-reserved)"
expect 0 "without a file the built-in machine runs" "$MEMBOOT" run --batch
check "the built-in machine is machines/default.xml" cmp -s "$out" "$tmp/full"

# --until PHASE: everything up to the phase's last line, nothing after
expect 0 "--until e820" "$MEMBOOT" run --batch --until e820 "$m"
check "--until e820 ends at last_pfn" last_line_is "$out" 'last_pfn = 0x7ffe0 max_arch_pfn = 0x400000000'
check "--until e820 stops before memblock" lacks "$out" '^memblock_'
expect 0 "--until numa" "$MEMBOOT" run --batch --until numa "$m"
cp "$out" "$tmp/numa"
check "--until numa ends with NODE_DATA" last_line_is "$tmp/numa" 'NODE_DATA(0) allocated [mem 0x7ffb5000-0x7ffdffff]'
check "--until numa prints none of sparse_init's allocations" lacks "$tmp/numa" 'sparse_init\|sparse_index_alloc\|vmemmap_alloc'
check "--until numa prints no zone ranges" lacks "$tmp/numa" '^Zone ranges:'
check "--until numa is the start of the full log" starts "$tmp/numa" "$tmp/full"
expect 0 "phase names are case-insensitive" "$MEMBOOT" run --batch --until NUMA "$m"
check "--until NUMA is --until numa" cmp -s "$out" "$tmp/numa"
expect 0 "--until buddy" "$MEMBOOT" run --batch --until buddy "$m"
check "--until buddy is the whole boot" cmp -s "$out" "$tmp/full"
expect 2 "--until an unknown phase fails" "$MEMBOOT" run --batch --until bogus "$m"
check "the error names memboot run and lists the phases" \
	grep -qxF "memboot run: unknown phase 'bogus' (e820, memblock, numa, sparse, zones, buddy)" "$err"
check "and is the only line on stderr" test "$(wc -l < "$err")" -eq 1
check "and nothing goes to stdout" test ! -s "$out"

# --steps: a header per step, numbered from 0, and the same log lines
expect 0 "--steps" "$MEMBOOT" run --batch --steps "$m"
cp "$out" "$tmp/steps"
check "the first header is step 0, the firmware map" first_line_starts "$tmp/steps" '# step 0 \[E820\] e820__memory_setup: '
check "headers count from 0 and name phase, function and narration" headers_well_formed "$tmp/steps"
check "without headers --steps is the plain log" without_headers_is "$tmp/steps" "$tmp/full"
expect 0 "--steps --until numa" "$MEMBOOT" run --batch --steps --until numa "$m"
check "--steps --until numa ends in the NUMA phase" sh -c "grep '^# step ' '$out' | tail -n 1 | grep -q '\[NUMA\]'"
check "--steps --until numa has no sparse step" lacks "$out" '^# step [0-9]* \[sparse\]'
check "--steps --until numa without headers is --until numa" without_headers_is "$out" "$tmp/numa"
last=$(grep -c '^# step ' "$tmp/steps")
last=$((last - 1))

# --json: the state the run stopped at
expect 0 "--json" "$MEMBOOT" run --batch --json "$m"
check "--json parses" json "$out" 'True'
check "--json describes the last step" json "$out" "d['machine'] == 'default' and d['step'] == $last and d['phase'] == 'buddy'"
check "--json present pages are the Memory: line's total KiB" json "$out" \
	"sum(z['present'] for z in d['zones']) * 4 == 2096632"
check "--json max_pfn is the e820 end of RAM" json "$out" "d['max_pfn'] == 0x7ffe0"
check "--json e820 is the trimmed map" json "$out" \
	"d['e820'][0] == {'addr': 0, 'size': 4096, 'type': 2, 'name': 'reserved'} and len(d['e820']) == 8"
expect 0 "--json --until numa" "$MEMBOOT" run --batch --json --until numa "$m"
check "--json --until numa stops in NUMA with no zones or sections yet" json "$out" \
	"d['phase'] == 'NUMA' and d['zones'] == [] and d['sections']['present'] == 0 and d['nodes'][0]['node_data'] == 0x7ffb5000"

expect 0 "--json of a machine without deferred struct pages" "$MEMBOOT" run --batch --json "$small"
check "its free pages are the Memory: line's available KiB" json "$out" "d['nr_free_pages'] * 4 == 85924"
expect 2 "run without --batch is refused" "$MEMBOOT" run "$m"
check "it says how to get the interactive view" grep -q "only --batch is supported" "$err"
expect 2 "run with two machines is a usage error" "$MEMBOOT" run --batch "$m" "$small"
expect 2 "run of a missing file fails" "$MEMBOOT" run --batch "$tmp/missing.xml"
check "the error names the file" grep -q "$tmp/missing.xml" "$err"
expect 2 "run of a bad machine fails with file and line" "$MEMBOOT" run --batch tests/data/bad/zero-size.xml
check "the error gives file:line" grep -q "tests/data/bad/zero-size.xml:5: " "$err"

# ---------------------------------------------------------------- footprint
# qemu-pc-128m's memory: pfns 0x1-0x9e and 0x100-0x7fdf, 32638 pages, one
# node spanning pfn 1-0x7fe0; struct page 64 B, 128 MiB sections.
#   FLATMEM: the node's mem_map rounded out to MAX_ORDER blocks of 1024
#     pages, pfns 0-0x7fff: 32768 x 64 = 2097152; 130 pfns are holes
#     (32768 - 32638), 8320 B.
#   SPARSEMEM: section 0's memmap 32768 x 64 = 2097152, the root array
#     2^19 sections / 256 per root x 8 B = 16384, one root page 4096, one
#     mem_section_usage 56 (16 B rcu_head + 8 B subsection map + 64
#     pageblocks x 4 bits): 2117688.
#   SPARSEMEM_VMEMMAP: the same plus one PMD and one PUD table page for
#     the 2 MiB of vmemmap: 2117688 + 8192 = 2125880.
expect 0 "footprint" "$MEMBOOT" footprint "$small"
check "footprint counts the RAM" grep -q '^qemu-pc-128m: 32638 pages of RAM (127.5 MiB) in 1 node; struct page 64 B' "$out"
check "FLATMEM total" grep -q -E '^FLATMEM +2097152 +2 MiB +512 ' "$out"
check "SPARSEMEM total" grep -q -E '^SPARSEMEM +2117688 +2068 KiB +518 ' "$out"
check "SPARSEMEM_VMEMMAP total" grep -q -E '^SPARSEMEM_VMEMMAP +2125880 +2076 KiB +520 ' "$out"
check "the holes cost 8320 B in every model" sh -c "grep -c -E '^(FLATMEM|SPARSEMEM|SPARSEMEM_VMEMMAP) .* 8320 +130\$' '$out' | grep -q -x 3"
expect 0 "footprint --json" "$MEMBOOT" footprint --json "$small"
check "footprint --json parses" json "$out" 'True'
check "footprint --json totals" json "$out" \
	"[(x['model'], x['bytes']) for x in d['models']] == [('FLATMEM', 2097152), ('SPARSEMEM', 2117688), ('SPARSEMEM_VMEMMAP', 2125880)]"
check "footprint --json parts add up" json "$out" \
	"all(sum(x['parts'].values()) == x['bytes'] for x in d['models']) and d['models'][2]['parts']['page tables'] == 8192"
check "footprint --json node 0" json "$out" \
	"d['present_pages'] == 32638 and d['nodes'][0]['start_pfn'] == 1 and d['nodes'][0]['end_pfn'] == 0x7fe0"
expect 0 "footprint without a file uses the built-in machine" "$MEMBOOT" footprint
check "it is the default machine" grep -q '^default: 524158 pages of RAM' "$out"
expect 2 "footprint of a bad machine fails" "$MEMBOOT" footprint tests/data/bad/malformed.xml
check "the error gives file:line" grep -q "tests/data/bad/malformed.xml:6: " "$err"
expect 2 "footprint with two machines is a usage error" "$MEMBOOT" footprint "$m" "$small"
# The bootmem profile has no memblock.memory: its RAM is the usable e820
# below max_pfn 0x3fff0, pfns 0-0x9e and 0x100-0x3ffef (159 + 261872 =
# 262031 pages), all node 0. FLATMEM is the mem_map alloc_node_mem_map
# takes in the boot itself: pfns 0-0x3ffff, 262144 x 32 B = 8388608.
i386=machines/i386-bootmem-1g.xml
expect 0 "footprint of a bootmem-era machine" "$MEMBOOT" footprint "$i386"
check "it counts the e820 RAM" grep -q '^i386-bootmem-1g: 262031 pages of RAM (1023.6 MiB) in 1 node; struct page 32 B' "$out"
check "its FLATMEM is the boot's mem_map" grep -q -E '^FLATMEM +8388608 +8 MiB +2048 ' "$out"

# The same i386 PC booted as 5.15 (memblock) with every byte below 4 GiB
# in the e820 map: e820__setup_pci_gap finds no 4 MiB hole and, on
# 32-bit, leaves PCI the 4 MiB at 256 MiB without a word of error.
sed -e 's|<kernel-version>[^<]*<|<kernel-version>5.15<|' \
    -e 's|end="0xdffeffff" type="usable"|end="0xfebfffff" type="usable"|' -e '/0xdfff0000/d' \
    -e 's|start="0xfec00000" end="0xfec00fff"|start="0xfec00000" end="0xfedfffff"|' \
    -e 's|start="0xfee00000" end="0xfee00fff"|start="0xfee00000" end="0xfff7ffff"|' \
    machines/i386-bootmem-4g.xml > "$tmp/i386-full.xml"
expect 0 "run of an i386 memblock boot without a PCI hole" "$MEMBOOT" run --batch "$tmp/i386-full.xml"
check "the PCI gap is at 256 MiB" grep -qx '\[mem 0x10000000-0x103fffff\] available for PCI devices' "$out"
check "with no error lines" sh -c "! grep -q 'Cannot find an available gap' '$out'"

echo "1..$n"
exit $failed
