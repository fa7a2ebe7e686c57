#!/bin/sh
# embed.sh NAME FILE: print a C source file defining `const char NAME[]`
# with FILE's bytes, so the program carries its default machine and schema.
set -e
name=$1
file=$2
printf '/* generated from %s by tools/embed.sh; do not edit */\n' "$(basename "$file")"
printf 'const char %s[] =\n' "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/' "$file"
printf ';\n'
