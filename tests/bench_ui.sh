#!/bin/sh
# bench_ui.sh - time to first frame and full-redraw time of the largest
# layout (200x60, drawn off-screen through curses) for the default machine
# and the huge one. Not part of make check: run it by hand.
#   sh tests/bench_ui.sh [MEMBOOT] [FRAMES]
MEMBOOT=${1:-${MEMBOOT:-./memboot}}
FRAMES=${2:-200}
SRCDIR=${MEMBOOT_SRCDIR:-$(dirname "$0")/..}

for m in "$SRCDIR/machines/default.xml" "$SRCDIR/machines/huge-64t-8node.xml"; do
	if [ ! -f "$m" ]; then
		echo "skip: $m not found"
		continue
	fi
	MEMBOOT_BENCH_REDRAW=$FRAMES "$MEMBOOT" "$m" || echo "failed: $m"
	echo
done
