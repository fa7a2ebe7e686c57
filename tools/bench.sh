#!/bin/sh
# bench.sh [MEMBOOT] - time `memboot run --batch` on the default machine and
# on the 64 TiB 8-node machine, and report peak memory (GNU time's maximum
# resident set size). Each run is repeated; the best time is reported.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
memboot=${1:-${MEMBOOT:-$here/memboot}}
runs=${BENCH_RUNS:-5}
[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time (apt-get install time)" >&2; exit 1; }

printf '%-28s %8s %8s %10s %10s\n' machine steps lines "best (s)" "peak RSS"
for m in default huge-64t-8node; do
	f=$here/machines/$m.xml
	best=""
	rss=0
	for _ in $(seq "$runs"); do
		out=$( { /usr/bin/time -f '%e %M' "$memboot" run --batch "$f" > /dev/null; } 2>&1 | tail -n 1)
		t=${out% *}
		r=${out#* }
		if [ -z "$best" ] || [ "$(echo "$t < $best" | awk '{ print ($1 < $3) }')" = 1 ]; then
			best=$t
		fi
		[ "$r" -gt "$rss" ] && rss=$r
	done
	steps=$("$memboot" run --batch --steps "$f" | grep -c '^# step')
	lines=$("$memboot" run --batch "$f" | wc -l)
	printf '%-28s %8s %8s %10s %8s KB\n' "$m" "$steps" "$lines" "$best" "$rss"
done
