#!/bin/sh
# cli_usage.sh - TAP test of what the command table (ui/cli/commands.c)
# makes: memboot --help lists every subcommand with the usage line its own
# --help prints; --help and -h print it on stdout with status 0; a usage
# error prints the same text on stderr with status 2, after getopt's
# complaint naming "memboot NAME"; --version.
# Needs $MEMBOOT and $MEMBOOT_SRCDIR (make check).

: "${MEMBOOT_SRCDIR:?MEMBOOT_SRCDIR is not set}"
. "$MEMBOOT_SRCDIR/tests/cli_tap.sh"

expect 0 "--help" "$MEMBOOT" --help
cp "$out" "$tmp/help"
# its usage lines alone, without the summaries beside or under them
sed '/^$/,$d; s/^usage: //; s/^ *//; s/  .*//' "$tmp/help" > "$tmp/rows"
check "--help prints nothing on stderr" test ! -s "$err"
check "--help starts with the interactive view" \
	grep -qx "usage: memboot \[MACHINE.xml\]  *step through the boot in the terminal" "$tmp/help"
check "--help ends by pointing at the manual" \
	grep -qx "See memboot(1) for the keys, the machine format and the options." "$tmp/help"
expect 0 "-h" "$MEMBOOT" -h
check "-h prints what --help prints" cmp -s "$out" "$tmp/help"
expect 0 "--version" "$MEMBOOT" --version
check "--version names the program and a version" grep -qx "memboot [0-9][0-9.]*" "$out"
expect 2 "an unknown option is a usage error" "$MEMBOOT" --bogus
check "it prints memboot's usage on stderr" cmp -s "$err" "$tmp/help"
check "and nothing on stdout" test ! -s "$out"
expect 2 "two machine files are a usage error" "$MEMBOOT" a.xml b.xml
check "it prints memboot's usage on stderr" cmp -s "$err" "$tmp/help"

for c in run validate import capture check footprint; do
	expect 0 "$c --help" "$MEMBOOT" "$c" --help
	cp "$out" "$tmp/$c.help"
	line=$(head -n 1 "$tmp/$c.help")
	check "$c --help starts with its usage line" grep -q "^usage: memboot $c " "$tmp/$c.help"
	check "memboot --help lists $c with that usage line" grep -qxF "${line#usage: }" "$tmp/rows"
	expect 0 "$c -h" "$MEMBOOT" "$c" -h
	check "$c -h prints what --help prints" cmp -s "$out" "$tmp/$c.help"
	expect 2 "$c --bogus is a usage error" "$MEMBOOT" "$c" --bogus
	check "$c: the complaint names memboot $c" \
		grep -qx "memboot $c: unrecognized option '--bogus'" "$err"
	sed 1d "$err" > "$tmp/rest"
	check "$c: then the usage --help prints" cmp -s "$tmp/rest" "$tmp/$c.help"
	check "$c: nothing on stdout" test ! -s "$out"
done
check "memboot --help lists six subcommands, the view and --help | --version" \
	test "$(grep -c "^memboot " "$tmp/rows")" -eq 8

expect 2 "validate without a file is a usage error" "$MEMBOOT" validate
check "it prints the usage --help prints" cmp -s "$err" "$tmp/validate.help"
expect 2 "validate with an unknown short option" "$MEMBOOT" validate -q machines/default.xml
check "it names the option as getopt does" grep -qx "memboot validate: invalid option -- 'q'" "$err"
check "and validates nothing" test ! -s "$out"
expect 0 "validate FILE --help: options may follow the files" \
	"$MEMBOOT" validate machines/default.xml --help
check "it prints the help and opens no file named --help" cmp -s "$out" "$tmp/validate.help"
expect 2 "validate -- --help: after -- every word is a file" "$MEMBOOT" validate -- --help
check "it tries to open --help" grep -q "'--help'" "$err"
check "and prints no help" test ! -s "$out"
expect 0 "validate -- FILE validates FILE" "$MEMBOOT" validate -- machines/default.xml
check "it says ok" grep -qx "machines/default.xml: ok" "$out"
expect 2 "import without a log is a usage error" "$MEMBOOT" import
check "it prints the usage --help prints" cmp -s "$err" "$tmp/import.help"

echo "1..$n"
exit $failed
