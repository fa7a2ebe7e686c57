#!/bin/sh
# check_kernel.sh - the real-kernel harness: boot real Debian Linux kernels
# (5.10, 6.1, 6.12 and whatever 7.x sid carries) under qemu-system-x86_64
# (TCG) in every machines/qemu-*.xml shape, with memblock=debug and a tiny
# busybox initramfs that prints /proc/zoneinfo and /proc/buddyinfo and
# powers off, then check memboot's prediction for that kernel version (the
# machine file with its <kernel-version> set to the booted kernel's)
# against what that kernel printed. TAP output.
#
# Environment:
#   MEMBOOT, MEMBOOT_SRCDIR  the memboot binary and the source tree (required)
#   MEMBOOT_KERNELS          the series to boot, from the table below
#                            (default "5.10 6.1 6.12 7.x")
#   MEMBOOT_KERNEL           one vmlinuz to boot instead of the packages
#   MEMBOOT_KERNEL_CACHE     where the kernels and the private apt lists are
#                            kept between runs
#                            (default ${XDG_CACHE_HOME:-$HOME/.cache}/memboot-kernel)
#   MEMBOOT_BOOT_TIMEOUT     seconds one boot may take (default 60)
#   MEMBOOT_KERNEL_BUDGET    seconds all boots and checks may take (default
#                            420; a boot that would start past it is failed)
#   MEMBOOT_KERNEL_KEEP      a directory to keep the serial logs in
#                            (DIR/<series>/<shape>.log)
#   MEMBOOT_KERNEL_RECORD    a directory to record traces in: each shape is
#                            booted a second time without the initramfs, as
#                            tests/data/qemu-<version>/ was
#                            (DIR/qemu-<major.minor>/<shape>.log)
#
# Missing tools (qemu-system-x86, busybox-static, cpio) are installed from
# Debian packages (apt-get, as root or through sudo -n). The kernels come
# from Debian's suites through a private apt configuration in the cache
# (its own sources.list and lists per suite; the machine's /etc/apt is not
# touched): apt-get download + dpkg-deb -x, nothing is installed into /boot.
# When no kernel can be had (no apt, no network) the harness says so and
# exits 77 (skip); a series that cannot be had while others can is failed.
#
# What is exact and what is not. The machine files describe the boots
# traced in tests/data/qemu-6.1 (kernel 6.1.170-3, no initramfs). A fresh
# boot differs from those in three ways: KASLR puts the kernel image at a
# new random physical address, the initramfs is reserved in memblock
# (RAMDISK), and another build (another point release or series) has a
# different image size and early allocations. None of these changes the
# firmware's map or the node and zone layout, so these are compared exactly
# on every boot:
#   e820, zone-ranges, early-node-ranges, initmem, unavailable,
#   total-pages, pci-gap, the second number of "Memory:", zoneinfo spanned and
#   present per node and zone, and which zones buddyinfo lists.
# These depend on where KASLR and QEMU placed the kernel and the initramfs,
# and on the kernel build, so a difference is reported as TODO (expected),
# with the reason and the first lines of the diff:
#   memblock-ranges, memblock-allocs, memblock-dumps, numa (NODE_DATA
#   addresses follow the top-down allocations around the kernel and the
#   initramfs).
# A difference that tests/data/qemu-expected.txt lists for the series,
# shape and category is reported as TODO with the reason given there.
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

# The kernels: series|Debian suite|the package of the traced build (the
# one in tests/data/qemu-<version>/README.md). When a suite no longer
# carries the traced package, the kernel linux-image-cloud-amd64 depends on
# there is taken (its -unsigned package, or from 7.x on linux-binary-*,
# which holds the vmlinuz).
kernels='5.10|bullseye|linux-image-5.10.0-32-cloud-amd64-unsigned
6.1|bookworm|linux-image-6.1.0-47-cloud-amd64-unsigned
6.12|trixie|linux-image-6.12.117+deb13-cloud-amd64-unsigned
7.x|sid|linux-binary-7.2.13+deb14-cloud-amd64'
want_series=${MEMBOOT_KERNELS:-5.10 6.1 6.12 7.x}
for w in $want_series; do
	echo "$kernels" | grep -q "^$w|" || {
		echo "check_kernel: MEMBOOT_KERNELS: no series '$w' (the series: $(echo "$kernels" | cut -d'|' -f1 | paste -sd ' ' -))" >&2
		exit 2
	}
done
mirror=http://deb.debian.org/debian
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

append="console=ttyS0 memblock=debug panic=-1 loglevel=8"
boot_timeout=${MEMBOOT_BOOT_TIMEOUT:-60}
budget=${MEMBOOT_KERNEL_BUDGET:-420}
cache=${MEMBOOT_KERNEL_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/memboot-kernel}
expected=$MEMBOOT_SRCDIR/tests/data/qemu-expected.txt
# The build the machine files were made from ("6.1.170-3"), from a trace.
traced_ver=$(tr -d '\r' < "$MEMBOOT_SRCDIR/tests/data/qemu-6.1/pc-128m.log" |
	sed -n -E 's/.*Linux version .* Debian ([^ ]+) .*/\1/p' | head -n 1)

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

# ------------------------------------------------------------ kernels
# A private apt per suite: its own sources.list, lists and archive cache
# under $cache/apt/SUITE; no preferences, no other sources.
apt_opts() {
	a=$cache/apt/$1
	echo "-o Dir::Etc::SourceList=$a/sources.list -o Dir::Etc::SourceParts=$a/empty.d" \
	     "-o Dir::Etc::Preferences=$a/empty.d/none -o Dir::Etc::PreferencesParts=$a/empty.d" \
	     "-o Dir::State::Lists=$a/lists -o Dir::Cache=$a/cache" \
	     "-o Acquire::Languages=none -o APT::Architectures=amd64"
}
suite_update() {	# suite_update SUITE: fetch the suite's package lists
	a=$cache/apt/$1
	[ -f "$a/updated" ] && [ -n "$(find "$a/updated" -mmin -720 2>/dev/null)" ] && return 0
	mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/empty.d" || return 1
	sec=""
	case $1 in sid) ;; *) sec="deb [signed-by=$keyring] ${mirror}-security $1-security main" ;; esac
	printf 'deb [signed-by=%s] %s %s main\n%s\n' "$keyring" "$mirror" "$1" "$sec" > "$a/sources.list"
	say "apt-get update ($1, private lists in $a)"
	# shellcheck disable=SC2046
	# (as root apt warns that _apt cannot write the private lists: harmless)
	apt-get $(apt_opts "$1") update -q > "$tmp/apt-update.log" 2>&1 &&
		! grep -q '^E: ' "$tmp/apt-update.log" && touch "$a/updated" && return 0
	sed 's/^/#   /' "$tmp/apt-update.log" | tail -5
	return 1
}
# fetch_kernel SUITE PKG: download PKG and unpack its vmlinuz into the cache.
fetch_kernel() {
	dl=$tmp/dl-$2
	mkdir -p "$dl" && chmod 755 "$dl"
	# shellcheck disable=SC2046
	( cd "$dl" && apt-get $(apt_opts "$1") download "$2" ) > "$tmp/apt-download.log" 2>&1 || return 1
	deb=$(ls "$dl"/*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || return 1
	dpkg-deb -x "$deb" "$dl/x" || return 1
	v=$(ls "$dl"/x/boot/vmlinuz-* "$dl"/x/usr/lib/modules/*/vmlinuz 2>/dev/null | head -n 1)
	[ -n "$v" ] || return 1
	mkdir -p "$cache/$2" || return 1
	cp "$v" "$cache/$2/vmlinuz.part" && mv "$cache/$2/vmlinuz.part" "$cache/$2/vmlinuz" &&
		dpkg-deb -f "$deb" Version > "$cache/$2/version"
}
known_pkg() {	# known_pkg SUITE PKG
	# shellcheck disable=SC2046
	apt-cache $(apt_opts "$1") show --no-all-versions "$2" >/dev/null 2>&1
}
# The packages that may hold the vmlinuz of the kernel the suite's
# linux-image-cloud-amd64 depends on.
current_pkgs() {
	# shellcheck disable=SC2046
	k=$(apt-cache $(apt_opts "$1") depends linux-image-cloud-amd64 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
	[ -n "$k" ] && echo "$k-unsigned linux-binary-${k#linux-image-} $k"
}
# kernel_for SERIES SUITE PKG: set kpkg to the package whose vmlinuz is in
# the cache, fetching it when it is not there.
kernel_for() {
	kpkg=$3
	[ -r "$cache/$3/vmlinuz" ] && return 0
	command -v apt-get >/dev/null 2>&1 || { say "no apt-get"; return 1; }
	[ -r "$keyring" ] || { say "no $keyring (debian-archive-keyring)"; return 1; }
	suite_update "$2" || say "apt-get update ($2) failed; trying the lists as they are"
	cands=$3
	known_pkg "$2" "$3" || cands="$(current_pkgs "$2")"
	for p in $cands; do
		kpkg=$p
		[ -r "$cache/$p/vmlinuz" ] && return 0
		known_pkg "$2" "$p" || continue
		say "downloading $p ($2)"
		fetch_kernel "$2" "$p" && return 0
		sed 's/^/#   /' "$tmp/apt-download.log" | tail -3
	done
	say "$1: could not download a kernel from $2 (tried: $cands)"
	return 1
}

# The kernels to boot: series|vmlinuz|package.
: > "$tmp/kernels"
if [ -n "${MEMBOOT_KERNEL:-}" ]; then
	[ -r "$MEMBOOT_KERNEL" ] || skip_all "MEMBOOT_KERNEL=$MEMBOOT_KERNEL is not readable"
	echo "given|$MEMBOOT_KERNEL|(MEMBOOT_KERNEL)" > "$tmp/kernels"
else
	echo "$kernels" > "$tmp/table"
	got=0
	while IFS='|' read -r series suite pkg; do
		case " $want_series " in *" $series "*) ;; *) continue ;; esac
		if kernel_for "$series" "$suite" "$pkg"; then
			got=$((got + 1))
			say "$series: $kpkg $(cat "$cache/$kpkg/version" 2>/dev/null) ($cache/$kpkg/vmlinuz)"
			echo "$series|$cache/$kpkg/vmlinuz|$kpkg" >> "$tmp/kernels"
		else
			echo "$series||" >> "$tmp/kernels"
		fi
	done < "$tmp/table"
	[ "$got" -gt 0 ] ||
		skip_all "could not download any Debian cloud kernel ($want_series); no network or no Debian mirror?"
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
memblock-ranges|boot-dependent|^_*memblock_(add|reserve|phys_free|free|remove):
memblock-allocs|boot-dependent|^memblock_(phys_alloc_range|alloc_try_nid|alloc_try_nid_raw|alloc_exact_nid_raw):
memblock-dumps|boot-dependent|^(MEMBLOCK configuration| memory| reserved)
numa|boot-dependent|^(No NUMA|NUMA|Faking a node|SRAT: PXM|ACPI: SRAT: Node|NODE_DATA|node [0-9]+ \[mem|Warning: node)
zone-ranges|exact|^(Zone ranges|  (DMA|DMA32|Normal|HighMem|Device) |Movable zone start|  Node [0-9]+: 0x)
early-node-ranges|exact|^(Early memory node ranges|  node +[0-9]+: )
initmem|exact|^(Initmem setup|Initializing node)
unavailable|exact|pages in unavailable ranges
total-pages|exact|^(Built [0-9]+ zonelists|Policy zone)
pci-gap|exact|(\] available for PCI devices$|^(e820: )?Cannot find an available gap|^(e820: )?PCI devices with unassigned 32-bit BARs)'

. "$MEMBOOT_SRCDIR/tests/qemu_expected.sh"

why_boot='depends on this boot: KASLR placed the kernel image at a random address and the initramfs is reserved (RAMDISK), which moves the top-down allocations'

# LOG's lines without carriage returns, each from after its first kernel
# timestamp (what the firmware printed before it on the line goes; a
# timestamp quoted later in a message stays).
log_lines() {
	tr -d '\r' < "$1" |
	awk '{ if (match($0, /\[ *[0-9]+\.[0-9]+\] /)) $0 = substr($0, RSTART + RLENGTH); print }'
}

# The kernel's lines before "Memory:", without the firmware's escapes,
# carriage returns, timestamps and callers (%pS is build-specific).
kernel_lines() {
	log_lines "$1" |
	awk '{ print } /^Memory: /{ exit }' |
	sed -e 's/ [A-Za-z_][A-Za-z_0-9.]*+0x[0-9a-f]*\/0x[0-9a-f]*$//'
}
memboot_lines() {
	"$MEMBOOT" run --batch "$1" |
	sed -E -e 's/^(_*memblock_[a-z_]+: .*(\]|max_addr=0x[0-9a-f]+|flags=[0-9a-f]+)) [^ ]+$/\1/'
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
	log_lines "$1" |
	sed -n -E 's/^Freeing .*memory: ([0-9]+)K$/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}
freed_initrd_kb() {
	log_lines "$1" |
	sed -n -E 's/^Freeing initrd memory: ([0-9]+)K$/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}
# The kernel image's reservation, "first_pfn end_pfn": the region of the
# first memblock dump that holds the first memblock_reserve (the brk area at
# the image's end, reserved right after memblock=debug is parsed).
image_pfns() {
	awk '/^_*memblock_reserve: \[0x/ && b == "" { b = substr($2, 2, 18) }
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
nkernels=$(wc -l < "$tmp/kernels")
ncat=$(echo "$categories" | wc -l)
per=$((1 + ncat + 7))
echo "1..$((nkernels * nshapes * per))"
t1=$(date +%s)
say "setup took $((t1 - t0))s"
say "booting $nkernels kernels in $nshapes machines each, at most ${boot_timeout}s a boot and ${budget}s in all: qemu-system-x86_64 <memory args> -kernel vmlinuz -initrd initramfs -append \"$append\""

# boot_fail LABEL WHY: the boot and every comparison of the shape fail.
boot_fail() {
	notok "$1: $2"
	for _ in $(seq $((per - 1))); do notok "$1: not compared (no boot)"; done
}

# boot_shape SERIES VMLINUZ NAME ARGS: boot one kernel in one shape and
# compare.
boot_shape() {
	series=$1 vmlinuz=$2 name=$3 args=$4
	label="$series $name"
	log=$tmp/$series-$name.log
	b0=$(date +%s)
	left=$((budget - (b0 - t1)))
	[ "$left" -lt 15 ] && { boot_fail "$label" "not booted: the harness's ${budget}s budget is spent"; return; }
	bt=$boot_timeout; [ "$bt" -gt "$left" ] && bt=$left
	# A guest that crashes before /init (seen: 7.x oopsing in text
	# poking on several TCG CPUs, now and then) is booted once more.
	retried=""
	for try in 1 2; do
		# shellcheck disable=SC2086
		timeout -k 5 "$bt" qemu-system-x86_64 -accel tcg $args \
			-kernel "$vmlinuz" -initrd "$tmp/initramfs.cpio" -append "$append" \
			-nographic -no-reboot -nic none \
			< /dev/null > "$log" 2> "$tmp/$name.err"
		rc=$?
		tr -d '\r' < "$log" | grep -q '^MEMBOOT-BUDDYINFO-END' && break
		panic=$(tr -d '\r' < "$log" | grep -o 'Kernel panic - .*' | head -n 1)
		[ -n "$panic" ] && [ "$try" = 1 ] && [ $((budget - ($(date +%s) - t1))) -ge 15 ] || break
		say "$label: the guest crashed before /init ($panic); booting it once more"
		retried=", second boot: the first crashed"
	done
	b1=$(date +%s)
	[ -n "${MEMBOOT_KERNEL_KEEP:-}" ] && mkdir -p "$MEMBOOT_KERNEL_KEEP/$series" &&
		cp "$log" "$MEMBOOT_KERNEL_KEEP/$series/$name.log"
	if tr -d '\r' < "$log" | grep -q '^MEMBOOT-BUDDYINFO-END'; then
		ok "$label: booted to /init, printed zoneinfo and buddyinfo, powered off ($((b1 - b0))s$retried)"
	else
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then why="timed out after ${bt}s"
		else why="qemu exited $rc"; fi
		head -c 400 "$tmp/$name.err" | sed 's/^/#   /'
		tail -n 5 "$log" | tr -d '\r' | sed 's/^/#   /'
		boot_fail "$label" "boot: $why"
		return
	fi
	# "6.12.117+deb13-cloud-amd64": the version memboot is told
	kver=$(tr -d '\r' < "$log" | sed -n -E 's/.*Linux version ([^ ]+) .*/\1/p' | head -n 1)
	mm=$(echo "$kver" | sed -n -E 's/^([0-9]+\.[0-9]+).*/\1/p')
	[ "$name" = pc-128m ] &&
		say "$series booted: $(tr -d '\r' < "$log" | grep -o 'Linux version [^ ]* .*' | head -n 1 | sed 's/ (.*#/ #/')"
	if [ -n "${MEMBOOT_KERNEL_RECORD:-}" ]; then
		# the trace as tests/data/qemu-<version>/ keeps it: no initramfs
		mkdir -p "$MEMBOOT_KERNEL_RECORD/qemu-$mm"
		# shellcheck disable=SC2086
		timeout -k 5 "$boot_timeout" qemu-system-x86_64 -accel tcg $args \
			-kernel "$vmlinuz" -append "$append" -nographic -no-reboot -nic none \
			< /dev/null 2> /dev/null | tr -d '\r' > "$MEMBOOT_KERNEL_RECORD/qemu-$mm/$name.log"
	fi

	# the machine file as that kernel version, with the traced build's
	# constants (tests/data/qemu-<version>/build.sed) where they differ
	machine=$tmp/machine-$name.xml
	build=$MEMBOOT_SRCDIR/tests/data/qemu-$mm/build.sed
	[ -r "$build" ] || build=/dev/null
	sed -e "s|<kernel-version>[^<]*</kernel-version>|<kernel-version>$kver</kernel-version>|" \
		"$MEMBOOT_SRCDIR/machines/qemu-$name.xml" | sed -f "$build" > "$machine"
	kernel_lines "$log" > "$tmp/kernel"
	memboot_lines "$machine" > "$tmp/ours" 2> "$tmp/err" ||
		say "$label: memboot run --batch failed: $(head -c 200 "$tmp/err")"
	while IFS='|' read -r cat kind re; do
		grep -E "$re" "$tmp/kernel" > "$tmp/k"
		grep -E "$re" "$tmp/ours" > "$tmp/o"
		reason=$(expected_reason "$mm" "$name" "$cat")
		if [ ! -s "$tmp/k" ]; then
			notok "$label: $cat: the kernel printed no such lines"
		elif cmp -s "$tmp/k" "$tmp/o"; then
			ok "$label: $cat ($(wc -l < "$tmp/k") lines identical, $kind)"
		elif [ -n "$reason" ]; then
			dk=$(diff "$tmp/k" "$tmp/o" | grep -c '^<')
			notok_todo "$label: $cat: $dk of the kernel's $(wc -l < "$tmp/k") lines differ" "$reason"
			diff "$tmp/k" "$tmp/o" | head -6 | sed 's/^/#   /'
		elif [ "$kind" = exact ]; then
			notok "$label: $cat differs (exact on any boot)"
			diff "$tmp/k" "$tmp/o" | head -20 | sed 's/^/#   /'
		else
			dk=$(diff "$tmp/k" "$tmp/o" | grep -c '^<')
			do=$(diff "$tmp/k" "$tmp/o" | grep -c '^>')
			notok_todo "$label: $cat: $dk of the kernel's $(wc -l < "$tmp/k") lines and $do of memboot's $(wc -l < "$tmp/o") differ" "$why_boot"
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
	say "$label: kernel image at pfn $kis-$kie in this boot, $mis-$mie in the traced one ($((img * 4))K, $(((mie - mis) * 4))K)"
	# the larger of the two images (another build's differs in size)
	[ $((mie - mis)) -gt "$img" ] && img=$((mie - mis))

	# Memory: A/BK. B (the pages of all present ranges) is exact. A (what
	# is free when the line is printed) is smaller by the initramfs, still
	# reserved then, and it does not count the deferred part of each node's
	# last zone (DEFERRED_STRUCT_PAGE_INIT): when KASLR put the image in
	# that part in one boot and not in the other, A differs by the image's
	# size. So A + RAMDISK must be within the larger image's size (+ slack) of
	# memboot's. The slack: 64K of page rounding on the traced build, 4 MiB
	# for another build (a different image size and early allocations).
	set -- $(memory_numbers "$tmp/kernel") x x
	ka=$1 kb=$2
	set -- $(memory_numbers "$tmp/ours") x x
	ma=$1 mb=$2
	check "$([ "$kb" = "$mb" ]; echo $?)" "$label: Memory: second number ${kb}K (memboot ${mb}K, exact)"
	rd=$(ramdisk_kb "$log"); rd=${rd:-0}
	if [ -n "$traced_ver" ] && tr -d '\r' < "$log" | grep -q "Linux version .* Debian $traced_ver "; then
		slack=64	# the traced build
	else
		slack=4096	# another build
		[ "$name" = pc-128m ] &&
			say "$series is not the build the machine files were made from (Debian $traced_ver): image size and early allocations differ, bounds widened"
	fi
	if [ "$ka" != x ] && [ "$ma" != x ]; then
		delta=$((ka + rd - ma)); adelta=${delta#-}
		bound=$((img * 4 + slack))
		what="$label: Memory: first number ${ka}K + RAMDISK ${rd}K within ${bound}K (image + slack) of memboot's ${ma}K (off by ${delta}K)"
		reason=$(expected_reason "$mm" "$name" memory-first)
		if [ "$adelta" -le "$bound" ]; then ok "$what"
		elif [ -n "$reason" ]; then notok_todo "$what" "$reason"
		else notok "$what"; fi
	else
		notok "$label: Memory: line missing (kernel '$ka', memboot '$ma')"
	fi

	# zoneinfo: spanned and present are exact for every node and zone.
	zoneinfo_table "$log" | awk '{ print $1 ":" $2, $3, $4, $5 }' | sort > "$tmp/kz"
	memboot_zone_table "$machine" | awk '{ print $1 ":" $2, $3, $4, $5, $6 }' | sort > "$tmp/mz"
	# node:zone  kernel spanned present managed  memboot spanned present managed start_pfn
	join -a 1 -a 2 -e 0 -o '0,1.2,1.3,1.4,2.2,2.3,2.4,2.5' "$tmp/kz" "$tmp/mz" > "$tmp/zj"
	if [ ! -s "$tmp/kz" ]; then
		notok "$label: zoneinfo: no zones read from the boot"
		notok "$label: zoneinfo: no zones read from the boot"
	else
		bad=$(awk '$2 != $5' "$tmp/zj")
		check "$([ -z "$bad" ]; echo $?)" "$label: zoneinfo spanned, $(wc -l < "$tmp/zj") zones (exact)"
		[ -n "$bad" ] && echo "$bad" | awk '{ printf "#   %s kernel spanned %s, memboot %s\n", $1, $2, $5 }'
		bad=$(awk '$3 != $6' "$tmp/zj")
		check "$([ -z "$bad" ]; echo $?)" "$label: zoneinfo present, $(wc -l < "$tmp/zj") zones (exact)"
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
		"$label: zoneinfo managed total $tk pages, expected $tx (memboot + ${frimg} freed from the image), within $ztol (off by $delta)"
	bad=$(awk -v t="$ztol" '{ d = $4 < 0 ? -$4 : $4; if (d > t) print }' "$tmp/zm")
	check "$([ -z "$bad" ]; echo $?)" \
		"$label: zoneinfo managed per zone within $ztol pages of memboot's, the image moved (bounded)"
	paste -d ' ' "$tmp/zj" "$tmp/zm" | awk '$3 > 0 || $6 > 0 {
	    printf "#   %-9s spanned %8s present %8s managed %8s | memboot %8s %8s %8s | expected managed %8s (off by %d)\n",
	        $1, $2, $3, $4, $5, $6, $7, $11, $12 }'

	# buddyinfo lists the populated zones: the ones memboot has present pages in.
	buddyinfo_zones "$log" | awk '{ print $1 ":" $2 }' | sort > "$tmp/kb"
	awk '$3 > 0 { print $1 }' "$tmp/mz" | sort > "$tmp/mb"
	if cmp -s "$tmp/kb" "$tmp/mb"; then
		ok "$label: buddyinfo lists the $(wc -l < "$tmp/kb") zones memboot populates (exact)"
	else
		notok "$label: buddyinfo zones differ from memboot's populated zones"
		diff "$tmp/kb" "$tmp/mb" | sed 's/^/#   /'
	fi
}

echo "$shapes" > "$tmp/shapes"
while IFS='|' read -r series vmlinuz pkg; do
	if [ -z "$vmlinuz" ]; then
		while IFS='|' read -r name args; do
			boot_fail "$series $name" "not booted: no kernel of the $series series could be downloaded"
		done < "$tmp/shapes"
		continue
	fi
	k0=$(date +%s)
	while IFS='|' read -r name args; do
		boot_shape "$series" "$vmlinuz" "$name" "$args"
	done < "$tmp/shapes"
	say "$series ($pkg): $(($(date +%s) - k0))s"
done < "$tmp/kernels"

t2=$(date +%s)
say "boots and checks took $((t2 - t1))s, $((t2 - t0))s with setup"
say "$((n - failed - todo)) ok, $todo expected differences (TODO), $failed failed"
[ "$failed" -eq 0 ]
