#!/bin/sh
# cli_validate.sh - TAP test of "memboot validate": every machine in
# machines/ passes (exit 0, "FILE: ok"), every file in tests/data/bad/
# fails with exit 2 and its "file:line: message" on stderr, whether the
# loader or the boot refuses it.
# Needs $MEMBOOT (the binary) and $MEMBOOT_SRCDIR (set by make check).

: "${MEMBOOT:?MEMBOOT is not set}"
: "${MEMBOOT_SRCDIR:?MEMBOOT_SRCDIR is not set}"
cd "$MEMBOOT_SRCDIR" || exit 1

out=$(mktemp) && err=$(mktemp) || exit 1
trap 'rm -f "$out" "$err"' EXIT

# file:line and the start of the message each bad file must produce
bad_cases='
malformed.xml:6: The file is not well-formed XML
schema-violation.xml:6: In <entry>, a required attribute is missing
unknown-element.xml:8: In <memmap>, the machine schema is not followed
wrong-root.xml:3: The root element is <domain>, not <machine>
end-before-start.xml:6: In <entry>, end "0x1fffff" is before start "0x200000".
zero-size.xml:5: In <entry>, size "0" makes an empty range.
range-overflow.xml:6: In <entry>, start "0xfffffffffffff000" plus size "0x2000" overflows 64 bits.
number-too-big.xml:5: In <entry>, start "0x10000000000000000" does not fit in 64 bits.
past-phys-limit.xml:7: In <entry>, the range [0x3fffc0000000-0x40003fffffff] goes past the physical address limit
too-many-e820.xml:3205: In <entry>, entry 3201 is one too many
bad-align.xml:9: In <alloc>, align "0x3000" is not a power of two.
bad-hook.xml:8: In <at>, hook "late_init" is not one of
bad-api.xml:9: In <alloc>, api "kmalloc" is not one of
bad-nid.xml:10: In <alloc>, nid "64" is larger than 63.
internal-entity.xml:4: Entity "ram" is declared, but a machine file may not declare entities
external-entity.xml:4: Entity "xxe" is declared, but a machine file may not declare entities
billion-laughs.xml:4: Entity "lol" is declared, but a machine file may not declare entities
doctype.xml:3: A DOCTYPE declaration is not allowed in a machine file.
one-e820-entry.xml:5: the e820 table has 1 entry; the kernel needs at least two
kernel-early-res.xml: kernel 2.6.18 on x86_64: x86 allocates early memory with memblock only from 2.6.35
kernel-version.xml:4: In <kernel-version>, "six.twelve" is not a kernel version
extra-element.xml:9: In <srat>, the machine schema is not followed: Extra element srat
'

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; sed 's/^/# /' "$err"; }

machines=$(ls machines/*.xml)
nbad=$(printf '%s\n' "$bad_cases" | grep -c .)
echo "1..$(( $(echo "$machines" | wc -l) + nbad + 2 ))"

for f in $machines; do
	"$MEMBOOT" validate "$f" >"$out" 2>"$err"
	rc=$?
	if [ $rc -eq 0 ] && [ "$(cat "$out")" = "$f: ok" ] && [ ! -s "$err" ]; then
		ok "validate $f"
	else
		not_ok "validate $f (exit $rc)"
	fi
done

printf '%s\n' "$bad_cases" | grep . | {
	while IFS= read -r expect; do
		file=tests/data/bad/${expect%%:*}
		"$MEMBOOT" validate "$file" >"$out" 2>"$err"
		rc=$?
		case $(cat "$err") in
		"tests/data/bad/$expect"*) matched=yes ;;
		*) matched=no ;;
		esac
		if [ $rc -eq 2 ] && [ $matched = yes ] && [ ! -s "$out" ]; then
			ok "reject $file"
		else
			not_ok "reject $file (exit $rc, want: tests/data/bad/$expect)"
		fi
	done
	exit $failed
} || failed=1
n=$((n + nbad))

# several files at once: the good ones say ok, the status says a bad one failed
"$MEMBOOT" validate machines/default.xml tests/data/bad/zero-size.xml >"$out" 2>"$err"
rc=$?
if [ $rc -eq 2 ] && [ "$(cat "$out")" = "machines/default.xml: ok" ] &&
   grep -q '^tests/data/bad/zero-size.xml:5: ' "$err"; then
	ok "validate good and bad together"
else
	not_ok "validate good and bad together (exit $rc)"
fi

"$MEMBOOT" validate no/such/file.xml >"$out" 2>"$err"
rc=$?
if [ $rc -eq 2 ] && grep -q "^cannot open 'no/such/file.xml': " "$err"; then
	ok "validate a missing file"
else
	not_ok "validate a missing file (exit $rc)"
fi
exit $failed
