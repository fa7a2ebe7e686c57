#!/bin/sh
# check_kernel.sh - the real-kernel harness: boot a real Debian Linux 6.1
# kernel under qemu-system-x86_64 (TCG) in every machines/qemu-*.xml shape,
# with memblock=debug and a tiny busybox initramfs that prints
# /proc/zoneinfo and /proc/buddyinfo and powers off, then check memboot's
# prediction against what that kernel printed. TAP output.
#
# Environment:
#   MEMBOOT, MEMBOOT_SRCDIR  the memboot binary and the source tree (required)
#   MEMBOOT_KERNEL           a vmlinuz to boot instead of a Debian package's
#   MEMBOOT_KERNEL_PKG       the Debian package to take vmlinuz from
#   MEMBOOT_KERNEL_CACHE     where the vmlinuz is kept between runs
#                            (default ${XDG_CACHE_HOME:-$HOME/.cache}/memboot-kernel)
#   MEMBOOT_BOOT_TIMEOUT     seconds one boot may take (default 60)
#   MEMBOOT_KERNEL_BUDGET    seconds all boots and checks may take (default
#                            170; a boot that would start past it is failed)
#   MEMBOOT_KERNEL_KEEP      a directory to keep the serial logs in
#
# Missing tools (qemu-system-x86, busybox-static, cpio) and the kernel are
# installed from Debian packages (apt-get, as root or through sudo -n). The
# kernel package is only downloaded and unpacked (apt-get download +
# dpkg-deb -x into the cache); nothing is installed into /boot. When apt or
# the network is unavailable the harness says so and exits 77 (skip).
#
# What is exact and what is not. The machine files describe the boots
# traced in tests/data/qemu-6.1 (kernel 6.1.170-3, no initramfs). A fresh
# boot differs from those in three ways: KASLR puts the kernel image at a
# new random physical address, the initramfs is reserved in memblock
# (RAMDISK), and a different 6.1 point release has a different image size
# and early allocations. None of these changes the firmware's map or the
# node and zone layout, so these are compared exactly on every boot:
#   e820, zone-ranges, early-node-ranges, initmem, unavailable,
#   total-pages, the second number of "Memory:", zoneinfo spanned and
#   present per node and zone, and which zones buddyinfo lists.
# These depend on where KASLR and QEMU placed the kernel and the initramfs,
# and on the kernel build, so a difference is reported as TODO (expected),
# with the reason and the first lines of the diff:
#   memblock-ranges, memblock-allocs, memblock-dumps, numa (NODE_DATA
#   addresses follow the top-down allocations around the kernel and the
#   initramfs).
# These are bounded checks (see below for the bounds and why):
#   the first number of "Memory:", and zoneinfo's managed pages.
set -u
: "${MEMBOOT:?set MEMBOOT to the memboot binary}"
: "${MEMBOOT_SRCDIR:?set MEMBOOT_SRCDIR to the source tree}"

# The QEMU memory arguments of each traced machine (from
# tests/data/qemu-6.1/README.md): name|arguments.
shapes='pc-128m|-m 128M -smp 1
pc-3g5|-m 3584M -smp 1
pc-4g|-m 4G -smp 2
q35-8g|-M q35 -m 8G -smp 2
pc-2node-4g|-m 4G -smp 2 -object memory-backend-ram,id=m0,size=2G -object memory-backend-ram,id=m1,size=2G -numa node,memdev=m0,cpus=0 -numa node,memdev=m1,cpus=1
q35-4node-16g|-M q35 -m 16G -smp 4 -object memory-backend-ram,id=m0,size=4G -object memory-backend-ram,id=m1,size=4G -object memory-backend-ram,id=m2,size=4G -object memory-backend-ram,id=m3,size=4G -numa node,memdev=m0,cpus=0 -numa node,memdev=m1,cpus=1 -numa node,memdev=m2,cpus=2 -numa node,memdev=m3,cpus=3'

# The package of the traced kernel; the fallback is whatever
# linux-image-cloud-amd64 depends on today.
traced_pkg=linux-image-6.1.0-47-cloud-amd64-unsigned
append="console=ttyS0 memblock=debug panic=-1 loglevel=8"
boot_timeout=${MEMBOOT_BOOT_TIMEOUT:-60}
budget=${MEMBOOT_KERNEL_BUDGET:-170}
cache=${MEMBOOT_KERNEL_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/memboot-kernel}
data=$MEMBOOT_SRCDIR/tests/data/qemu-6.1
# The traced kernel's Debian version ("6.1.170-3"), from a stored trace.
traced_ver=$(tr -d '\r' < "$data/pc-128m.log" | sed -n -E 's/.*Linux version .* Debian ([^ ]+) .*/\1/p' | head -n 1)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/memboot-kernel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
t0=$(date +%s)

say() { echo "# $*"; }
skip_all() {
	echo "1..0 # SKIP $*"
	echo "check_kernel: SKIPPED: $*" >&2
	exit 77
}

# ------------------------------------------------------------ setup
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo -n"
else
	sudo="none"
fi
apt_updated=no
apt_update() {
	[ "$apt_updated" = yes ] && return 0
	[ "$sudo" = none ] && return 1
	say "apt-get update"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q > "$tmp/apt-update.log" 2>&1 ||
		{ sed 's/^/#   /' "$tmp/apt-update.log" | tail -5; return 1; }
	apt_updated=yes
}

installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
missing=""
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing="$missing qemu-system-x86"
installed busybox-static || missing="$missing busybox-static"
command -v cpio >/dev/null 2>&1 || missing="$missing cpio"
command -v timeout >/dev/null 2>&1 || missing="$missing coreutils"
if [ -n "$missing" ]; then
	say "installing:$missing"
	[ "$sudo" = none ] &&
		skip_all "missing$missing, and not root and no password-less sudo to install them"
	command -v apt-get >/dev/null 2>&1 || skip_all "missing$missing and no apt-get"
	apt_update || skip_all "apt-get update failed (no network or no Debian mirror?); cannot install$missing"
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing \
		> "$tmp/apt-install.log" 2>&1 ||
		{ sed 's/^/#   /' "$tmp/apt-install.log" | tail -5
		  skip_all "apt-get install$missing failed (no network or no Debian mirror?)"; }
fi
busybox=/bin/busybox
[ -x "$busybox" ] || skip_all "busybox-static is installed but $busybox is missing"

# fetch_kernel PKG: download PKG and unpack its vmlinuz into the cache.
fetch_kernel() {
	dl=$tmp/dl-$1
	mkdir -p "$dl" && chmod 755 "$dl"
	( cd "$dl" && apt-get download "$1" ) > "$tmp/apt-download.log" 2>&1 || return 1
	deb=$(ls "$dl"/*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || return 1
	dpkg-deb -x "$deb" "$dl/x" || return 1
	v=$(ls "$dl"/x/boot/vmlinuz-* 2>/dev/null | head -n 1)
	[ -n "$v" ] || return 1
	mkdir -p "$cache/$1" || return 1
	cp "$v" "$cache/$1/vmlinuz.part" && mv "$cache/$1/vmlinuz.part" "$cache/$1/vmlinuz" &&
		dpkg-deb -f "$deb" Version > "$cache/$1/version"
}
known_pkg() {
	apt-cache show --no-all-versions "$1" >/dev/null 2>&1
}

if [ -n "${MEMBOOT_KERNEL:-}" ]; then
	vmlinuz=$MEMBOOT_KERNEL
	kpkg="(MEMBOOT_KERNEL)"
	[ -r "$vmlinuz" ] || skip_all "MEMBOOT_KERNEL=$vmlinuz is not readable"
else
	kpkg=""
	# MEMBOOT_KERNEL_PKG, when set, is the only package tried.
	want=${MEMBOOT_KERNEL_PKG:-$traced_pkg}
	[ -r "$cache/$want/vmlinuz" ] && kpkg=$want
	if [ -z "$kpkg" ]; then
		command -v apt-get >/dev/null 2>&1 || skip_all "no cached kernel and no apt-get"
		known_pkg "$want" || apt_update ||
			say "apt-get update failed; trying the package lists as they are"
		if [ -n "${MEMBOOT_KERNEL_PKG:-}" ]; then
			cands=$MEMBOOT_KERNEL_PKG
		else
			meta=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
				awk '/Depends: linux-image-/ { print $2; exit }')
			cands="$traced_pkg $meta"
		fi
		for p in $cands; do
			known_pkg "$p" || { say "apt does not offer $p"; continue; }
			say "downloading $p"
			if fetch_kernel "$p"; then kpkg=$p; break; fi
			sed 's/^/#   /' "$tmp/apt-download.log" | tail -3
		done
		[ -n "$kpkg" ] ||
			skip_all "could not download a Debian 6.1 cloud kernel (tried:$cands); no network or no Debian mirror?"
	fi
	vmlinuz=$cache/$kpkg/vmlinuz
	say "kernel: $kpkg $(cat "$cache/$kpkg/version" 2>/dev/null) ($vmlinuz)"
fi

# ------------------------------------------------------------ initramfs
root=$tmp/initramfs
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev"
cp "$busybox" "$root/bin/busybox"
# No /dev/console node is needed (building one needs mknod, so root):
# /init mounts devtmpfs and takes the console from there.
cat > "$root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
echo "MEMBOOT-ZONEINFO-BEGIN"
/bin/busybox cat /proc/zoneinfo
echo "MEMBOOT-ZONEINFO-END"
echo "MEMBOOT-BUDDYINFO-BEGIN"
/bin/busybox cat /proc/buddyinfo
echo "MEMBOOT-BUDDYINFO-END"
/bin/busybox poweroff -f
EOF
chmod 755 "$root/init"
( cd "$root" && find . | cpio -o -H newc --quiet ) > "$tmp/initramfs.cpio" ||
	{ echo "Bail out! cannot build the initramfs with cpio"; exit 1; }

# ------------------------------------------------------------ comparing
# Category name, the extended regexp selecting its lines (as in
# tests/oracle_qemu.sh), and whether a fresh boot must match exactly.
categories='e820|exact|^(BIOS-e820|e820: (update|remove)|last_pfn)
memblock-ranges|boot-dependent|^memblock_(add|reserve|phys_free|remove):
memblock-allocs|boot-dependent|^memblock_(phys_alloc_range|alloc_try_nid|alloc_try_nid_raw|alloc_exact_nid_raw):
memblock-dumps|boot-dependent|^(MEMBLOCK configuration| memory| reserved)
numa|boot-dependent|^(No NUMA|NUMA|Faking a node|SRAT: PXM|ACPI: SRAT: Node|NODE_DATA|node [0-9]+ \[mem|Warning: node)
zone-ranges|exact|^(Zone ranges|  (DMA|DMA32|Normal|HighMem|Device) |Movable zone start|  Node [0-9]+: 0x)
early-node-ranges|exact|^(Early memory node ranges|  node +[0-9]+: )
initmem|exact|^(Initmem setup|Initializing node)
unavailable|exact|pages in unavailable ranges
total-pages|exact|^(Built [0-9]+ zonelists|Policy zone)'

why_boot='depends on this boot: KASLR placed the kernel image at a random address and the initramfs is reserved (RAMDISK), which moves the top-down allocations'

# The kernel's lines before "Memory:", without the firmware's escapes,
# carriage returns, timestamps and callers (%pS is build-specific).
kernel_lines() {
	tr -d '\r' < "$1" |
	sed -E -e 's/^.*\[ *[0-9]+\.[0-9]+\] //' |
	awk '{ print } /^Memory: /{ exit }' |
	sed -e 's/ [A-Za-z_][A-Za-z_0-9.]*+0x[0-9a-f]*\/0x[0-9a-f]*$//'
}
memboot_lines() {
	"$MEMBOOT" run --batch "$1" |
	sed -E -e 's/^(memblock_[a-z_]+: .*(\]|max_addr=0x[0-9a-f]+)) [^ ]+$/\1/'
}
# "Memory: A/BK available ..." -> "A B"
memory_numbers() {
	sed -n -E 's/^Memory: ([0-9]+)K\/([0-9]+)K available.*/\1 \2/p' "$1" | head -n 1
}
# "node zone spanned present managed" for every zone /proc/zoneinfo lists.
zoneinfo_table() {
	tr -d '\r' < "$1" |
	awk '/^MEMBOOT-ZONEINFO-BEGIN/ { on = 1; next } /^MEMBOOT-ZONEINFO-END/ { on = 0 }
	     !on { next }
	     /^Node [0-9]+, zone/ { if (z != "") print n, z, sp, pr, ma
	                            n = $2; sub(/,/, "", n); z = $4; sp = pr = ma = "?" }
	     $1 == "spanned" { sp = $2 } $1 == "present" { pr = $2 } $1 == "managed" { ma = $2 }
	     END { if (z != "") print n, z, sp, pr, ma }'
}
# The same from memboot's --json final state, and the zone's start_pfn.
memboot_zone_table() {
	"$MEMBOOT" run --batch --json "$1" | tr -d '\n' |
	grep -o '{"node":[0-9]*,"zone":[^}]*}' |
	sed -E 's/.*"node":([0-9]+),"zone":"([A-Za-z0-9]+)","start_pfn":([0-9]+),"spanned":([0-9]+),"present":([0-9]+).*"managed":([0-9]+).*/\1 \2 \4 \5 \6 \3/'
}
# "node zone" for every zone /proc/buddyinfo lists.
buddyinfo_zones() {
	tr -d '\r' < "$1" |
	awk '/^MEMBOOT-BUDDYINFO-BEGIN/ { on = 1; next } /^MEMBOOT-BUDDYINFO-END/ { on = 0 }
	     on && /^Node/ { n = $2; sub(/,/, "", n); print n, $4 }'
}
# Kilobytes the kernel gave back to the buddy allocator after "Memory:"
# ("Freeing unused kernel image (initmem) memory: 2596K", "Freeing initrd
# memory: 1936K", ...).
freed_after_kb() {
	tr -d '\r' < "$1" | sed -E -e 's/^.*\[ *[0-9]+\.[0-9]+\] //' |
	sed -n -E 's/^Freeing .*memory: ([0-9]+)K$/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}
freed_initrd_kb() {
	tr -d '\r' < "$1" | sed -E -e 's/^.*\[ *[0-9]+\.[0-9]+\] //' |
	sed -n -E 's/^Freeing initrd memory: ([0-9]+)K$/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}
# The kernel image's reservation, "first_pfn end_pfn": the region of the
# first memblock dump that holds the first memblock_reserve (the brk area at
# the image's end, reserved right after memblock=debug is parsed).
image_pfns() {
	awk '/^memblock_reserve: \[0x/ && b == "" { b = substr($2, 2, 18) }
	     /^ reserved\[/ && b != "" && !done {
	        r = $2; s = substr(r, 2, 18); e = substr(r, 21, 18)
	        if (s <= b && b <= e) { print s, e; done = 1 } }' "$1" |
	while read -r s e; do echo $(( s / 4096 )) $(( (e + 1) / 4096 )); done
}
ramdisk_kb() {
	tr -d '\r' < "$1" |
	sed -n -E 's/.*RAMDISK: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\].*/\1 \2/p' | head -n 1 |
	while read -r a b; do echo $(( (0x$b + 1 - 0x$a) / 1024 )); done
}

n=0 failed=0 todo=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
notok_todo() { n=$((n + 1)); todo=$((todo + 1)); echo "not ok $n - $1 # TODO $2"; }
check() {	# check COND DESCRIPTION
	if [ "$1" = 0 ]; then ok "$2"; else notok "$2"; fi
}

nshapes=$(echo "$shapes" | wc -l)
ncat=$(echo "$categories" | wc -l)
per=$((1 + ncat + 7))
echo "1..$((nshapes * per))"
t1=$(date +%s)
say "setup took $((t1 - t0))s"
say "booting $nshapes machines, at most ${boot_timeout}s each and ${budget}s in all: qemu-system-x86_64 <memory args> -kernel vmlinuz -initrd initramfs -append \"$append\""

echo "$shapes" > "$tmp/shapes"
while IFS='|' read -r name args; do
	machine=$MEMBOOT_SRCDIR/machines/qemu-$name.xml
	log=$tmp/$name.log
	b0=$(date +%s)
	left=$((budget - (b0 - t1)))
	if [ "$left" -lt 15 ]; then
		notok "$name: not booted: the harness's ${budget}s budget is spent"
		for _ in $(seq $((per - 1))); do notok "$name: not compared (no boot)"; done
		continue
	fi
	bt=$boot_timeout; [ "$bt" -gt "$left" ] && bt=$left
	# shellcheck disable=SC2086
	timeout -k 5 "$bt" qemu-system-x86_64 -accel tcg $args \
		-kernel "$vmlinuz" -initrd "$tmp/initramfs.cpio" -append "$append" \
		-nographic -no-reboot -nic none \
		< /dev/null > "$log" 2> "$tmp/$name.err"
	rc=$?
	b1=$(date +%s)
	[ -n "${MEMBOOT_KERNEL_KEEP:-}" ] && mkdir -p "$MEMBOOT_KERNEL_KEEP" &&
		cp "$log" "$MEMBOOT_KERNEL_KEEP/$name.log"
	if tr -d '\r' < "$log" | grep -q '^MEMBOOT-BUDDYINFO-END'; then
		ok "$name: booted to /init, printed zoneinfo and buddyinfo, powered off ($((b1 - b0))s)"
	else
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then why="timed out after ${bt}s"
		else why="qemu exited $rc"; fi
		notok "$name: boot: $why"
		head -c 400 "$tmp/$name.err" | sed 's/^/#   /'
		tail -n 5 "$log" | tr -d '\r' | sed 's/^/#   /'
		for _ in $(seq $((per - 1))); do notok "$name: not compared (no boot)"; done
		continue
	fi
	[ -z "${shown:-}" ] && shown=1 &&
		say "booted: $(tr -d '\r' < "$log" | grep -o 'Linux version [^ ]* .*' | head -n 1 | sed 's/ (.*#/ #/')"

	kernel_lines "$log" > "$tmp/kernel"
	memboot_lines "$machine" > "$tmp/ours" 2> "$tmp/err" ||
		say "$name: memboot run --batch failed: $(head -c 200 "$tmp/err")"
	while IFS='|' read -r cat kind re; do
		grep -E "$re" "$tmp/kernel" > "$tmp/k"
		grep -E "$re" "$tmp/ours" > "$tmp/o"
		if [ ! -s "$tmp/k" ]; then
			notok "$name: $cat: the kernel printed no such lines"
		elif cmp -s "$tmp/k" "$tmp/o"; then
			ok "$name: $cat ($(wc -l < "$tmp/k") lines identical, $kind)"
		elif [ "$kind" = exact ]; then
			notok "$name: $cat differs (exact on any boot)"
			diff "$tmp/k" "$tmp/o" | head -20 | sed 's/^/#   /'
		else
			dk=$(diff "$tmp/k" "$tmp/o" | grep -c '^<')
			do=$(diff "$tmp/k" "$tmp/o" | grep -c '^>')
			notok_todo "$name: $cat: $dk of the kernel's $(wc -l < "$tmp/k") lines and $do of memboot's $(wc -l < "$tmp/o") differ" "$why_boot"
			diff "$tmp/k" "$tmp/o" | head -6 | sed 's/^/#   /'
		fi
	done <<CATS
$categories
CATS

	# Where the kernel image lies, in this boot and in the traced one.
	set -- $(image_pfns "$tmp/kernel") 0 0
	kis=$1 kie=$2
	set -- $(image_pfns "$tmp/ours") 0 0
	mis=$1 mie=$2
	img=$((kie - kis))
	say "$name: kernel image at pfn $kis-$kie in this boot, $mis-$mie in the traced one ($((img * 4))K)"

	# Memory: A/BK. B (the pages of all present ranges) is exact. A (what
	# is free when the line is printed) is smaller by the initramfs, still
	# reserved then, and it does not count the deferred part of each node's
	# last zone (DEFERRED_STRUCT_PAGE_INIT): when KASLR put the image in
	# that part in one boot and not in the other, A differs by the image's
	# size. So A + RAMDISK must be within the image's size (+ slack) of
	# memboot's. The slack: 64K of page rounding on the traced build, 4 MiB
	# for another build (a different image size and early allocations).
	set -- $(memory_numbers "$tmp/kernel") x x
	ka=$1 kb=$2
	set -- $(memory_numbers "$tmp/ours") x x
	ma=$1 mb=$2
	check "$([ "$kb" = "$mb" ]; echo $?)" "$name: Memory: second number ${kb}K (memboot ${mb}K, exact)"
	rd=$(ramdisk_kb "$log"); rd=${rd:-0}
	if [ -n "$traced_ver" ] && tr -d '\r' < "$log" | grep -q "Linux version .* Debian $traced_ver "; then
		slack=64	# the traced build
	else
		slack=4096	# another build
		[ -z "${warned:-}" ] && warned=1 &&
			say "this is not the traced build (Debian $traced_ver): image size and early allocations differ, bounds widened"
	fi
	if [ "$ka" != x ] && [ "$ma" != x ]; then
		delta=$((ka + rd - ma)); adelta=${delta#-}
		bound=$((img * 4 + slack))
		check "$([ "$adelta" -le "$bound" ]; echo $?)" \
			"$name: Memory: first number ${ka}K + RAMDISK ${rd}K within ${bound}K (image + slack) of memboot's ${ma}K (off by ${delta}K)"
	else
		notok "$name: Memory: line missing (kernel '$ka', memboot '$ma')"
	fi

	# zoneinfo: spanned and present are exact for every node and zone.
	zoneinfo_table "$log" | awk '{ print $1 ":" $2, $3, $4, $5 }' | sort > "$tmp/kz"
	memboot_zone_table "$machine" | awk '{ print $1 ":" $2, $3, $4, $5, $6 }' | sort > "$tmp/mz"
	# node:zone  kernel spanned present managed  memboot spanned present managed start_pfn
	join -a 1 -a 2 -e 0 -o '0,1.2,1.3,1.4,2.2,2.3,2.4,2.5' "$tmp/kz" "$tmp/mz" > "$tmp/zj"
	if [ ! -s "$tmp/kz" ]; then
		notok "$name: zoneinfo: no zones read from the boot"
		notok "$name: zoneinfo: no zones read from the boot"
	else
		bad=$(awk '$2 != $5' "$tmp/zj")
		check "$([ -z "$bad" ]; echo $?)" "$name: zoneinfo spanned, $(wc -l < "$tmp/zj") zones (exact)"
		[ -n "$bad" ] && echo "$bad" | awk '{ printf "#   %s kernel spanned %s, memboot %s\n", $1, $2, $5 }'
		bad=$(awk '$3 != $6' "$tmp/zj")
		check "$([ -z "$bad" ]; echo $?)" "$name: zoneinfo present, $(wc -l < "$tmp/zj") zones (exact)"
		[ -n "$bad" ] && echo "$bad" | awk '{ printf "#   %s kernel present %s, memboot %s\n", $1, $3, $6 }'
	fi

	# zoneinfo managed. memboot's is right after memblock_free_all and
	# deferred init of the traced boot; /proc/zoneinfo is read from /init,
	# after the kernel gave back its __init sections and the gaps in its
	# image ("Freeing unused kernel image ... memory: NK", into the zone
	# holding the image) and the initramfs ("Freeing initrd memory", into
	# the zone it was reserved from: no net change). Allocating does not
	# change managed. So each zone's managed must be memboot's, plus the
	# traced image's pages in that zone, minus this boot's image pages in
	# it, plus what was freed from the image, within a slack: 16 pages
	# (the direct map's page tables, allocated around the image, vary by a
	# few pages) on the traced build, 1024 pages (4 MiB) on another build.
	fr=$(freed_after_kb "$log"); fi=$(freed_initrd_kb "$log")
	frimg=$(( (fr - fi) / 4 ))
	ztol=$((slack / 4)); [ "$ztol" -lt 16 ] && ztol=16
	awk -v kis="$kis" -v kie="$kie" -v mis="$mis" -v mie="$mie" -v fr="$frimg" '
	    function ov(a, b, s, e) { if (a < s) a = s; if (b > e) b = e; return b > a ? b - a : 0 }
	    { kis += 0; kie += 0; mis += 0; mie += 0
	      s = $8 + 0; e = s + $5; ko = ov(kis, kie, s, e); mo = ov(mis, mie, s, e)
	      x = $7 + mo - ko + (kie > kis ? int(fr * ko / (kie - kis) + 0.5) : 0)
	      print $1, $4, x, $4 - x, $7 }' "$tmp/zj" > "$tmp/zm"
	tk=$(awk '{ s += $2 } END { print s + 0 }' "$tmp/zm")
	tx=$(awk '{ s += $3 } END { print s + 0 }' "$tmp/zm")
	delta=$((tk - tx)); adelta=${delta#-}
	check "$([ "$adelta" -le "$ztol" ]; echo $?)" \
		"$name: zoneinfo managed total $tk pages, expected $tx (memboot + ${frimg} freed from the image), within $ztol (off by $delta)"
	bad=$(awk -v t="$ztol" '{ d = $4 < 0 ? -$4 : $4; if (d > t) print }' "$tmp/zm")
	check "$([ -z "$bad" ]; echo $?)" \
		"$name: zoneinfo managed per zone within $ztol pages of memboot's, the image moved (bounded)"
	paste -d ' ' "$tmp/zj" "$tmp/zm" | awk '$3 > 0 || $6 > 0 {
	    printf "#   %-9s spanned %8s present %8s managed %8s | memboot %8s %8s %8s | expected managed %8s (off by %d)\n",
	        $1, $2, $3, $4, $5, $6, $7, $11, $12 }'

	# buddyinfo lists the populated zones: the ones memboot has present pages in.
	buddyinfo_zones "$log" | awk '{ print $1 ":" $2 }' | sort > "$tmp/kb"
	awk '$3 > 0 { print $1 }' "$tmp/mz" | sort > "$tmp/mb"
	if cmp -s "$tmp/kb" "$tmp/mb"; then
		ok "$name: buddyinfo lists the $(wc -l < "$tmp/kb") zones memboot populates (exact)"
	else
		notok "$name: buddyinfo zones differ from memboot's populated zones"
		diff "$tmp/kb" "$tmp/mb" | sed 's/^/#   /'
	fi
done < "$tmp/shapes"

t2=$(date +%s)
say "kernel: ${kpkg}; boots and checks took $((t2 - t1))s, $((t2 - t0))s with setup"
say "$((n - failed - todo)) ok, $todo expected differences (TODO), $failed failed"
[ "$failed" -eq 0 ]
