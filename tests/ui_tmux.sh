#!/bin/sh
# ui_tmux.sh - memboot's terminal UI seen from outside: run it in a private
# tmux server at 80x24 and 200x60, send keys, capture the pane and check
# what a person sees. TAP output; skips (77) only when tmux is missing.
MEMBOOT=${MEMBOOT:-./memboot}
MACHINES=${MEMBOOT_SRCDIR:-.}/machines
command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux not installed"; exit 77; }

SOCK=memboot-test-$$
T="tmux -L $SOCK -f /dev/null"
TMP=${TMPDIR:-/tmp}/memboot-ui-$$
mkdir -p "$TMP"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT INT TERM
# A session that outlives every test window: killing the last session
# makes the server exit, and a new-session racing that exit was lost.
$T new-session -d -s keep "sleep 3600"

n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$TMP/screen"; }

cap() { $T capture-pane -p -t ui > "$TMP/screen" 2>/dev/null; }
# wait_for TEXT: poll the pane up to ~15 s for TEXT (a loaded machine or a
# sanitizer build is slow to start; a pass returns at once)
wait_for() {
	i=0
	while [ $i -lt 150 ]; do
		cap
		grep -qF -- "$1" "$TMP/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
check() { if wait_for "$2"; then ok "$1"; else not_ok "$1 (no '$2')"; fi; }
keys() { $T send-keys -t ui "$@"; }

# start NAME WIDTH HEIGHT [ENV [MACHINE]]: memboot in a fresh window (on
# the default machine or MACHINE); its status and the terminal modes
# afterwards go to files.
start() {
	$T kill-session -t ui >/dev/null 2>&1
	rm -f "$TMP/status" "$TMP/stty.before" "$TMP/stty.after"
	$T new-session -d -s ui -x "$2" -y "$3" \
		"stty -g > '$TMP/stty.before'; env $4 '$MEMBOOT' ${5:+'$5'}; echo \$? > '$TMP/status'; stty -g > '$TMP/stty.after'; echo EXITED; sleep 60"
}

# memboot's pid: the child of the pane's shell
memboot_pid() { pgrep -P "$($T display-message -p -t ui '#{pane_pid}')" 2>/dev/null | head -n 1; }

# hang_up WHAT: close the window under memboot, as a dropped ssh session
# does; memboot must be gone within 10 s, not left spinning.
hang_up() {
	hpid=$(memboot_pid)
	$T kill-session -t ui >/dev/null 2>&1
	waited=0
	while [ $waited -lt 100 ]; do
		[ -n "$hpid" ] && kill -0 "$hpid" 2>/dev/null || break
		sleep 0.1
		waited=$((waited + 1))
	done
	if [ -n "$hpid" ] && ! kill -0 "$hpid" 2>/dev/null; then ok "$1: a hangup ends memboot"; else
		[ -n "$hpid" ] && grep -E "^(Name|State|PPid|TracerPid|SigPnd|ShdPnd|SigBlk)" "/proc/$hpid/status" | sed 's/^/# /'
		[ -n "$hpid" ] && kill -9 "$hpid" 2>/dev/null
		n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1: a hangup ends memboot (pid '$hpid' still there)"; fi
}

# ------------------------------------------------------------ 80x24
start ui 80 24
check "80x24: timeline with the first step" "step 1/"
check "80x24: the physical map" "Physical map: E820 view"
check "80x24: one panel (e820 table)" "e820 table"
check "80x24: narration names the kernel function" "e820__memory_setup():"
check "80x24: hint bar" "? help"
cap; cp "$TMP/screen" "$TMP/first"
keys Space
check "space moves to step 2" "step 2/"
keys n
check "n moves to step 3" "step 3/"
keys BSpace
check "Backspace goes back to step 2" "step 2/"
keys p
wait_for "step 1/"
sleep 0.3; cap
if cmp -s "$TMP/first" "$TMP/screen"; then ok "back at step 1 the frame is identical"; else
	not_ok "back at step 1 the frame is identical"; diff "$TMP/first" "$TMP/screen" | sed 's/^/# /'; fi
keys ']'
check "] jumps to the memblock phase" "Physical map: memblock view"
keys G
check "G jumps to the last step (buddy)" "Physical map: buddy view"
keys 4
check "4 shows the free lists" "free lists (buddyinfo)"
keys 6
check "6 shows the footprint panel" "memory model footprint"
keys m
check "m colours the map by the FLATMEM memmap" "memmap under FLATMEM"
keys m m m
check "m cycles back to the phase colours" "Physical map: buddy view"
keys g
check "g goes back to the first step" "step 1/"
keys '?'
check "? opens the help overlay" "Help: keys"
check "help at 80x24: a long description wraps, not cut" "FLATMEM, SPARSEMEM, VMEMMAP)"
check "help at 80x24: a long key list wraps between keys" "h (panel), < (panel)"
check "help at 80x24: the bottom edge says it scrolls" "rows 1-"
keys G
check "help: G scrolls to the last entry" "q, C-c"
check "help: and to the mouse line" "scrolls a panel."
keys g
check "help: g scrolls back to the top" "Space, n, Right"
keys Escape
sleep 0.3
if wait_for "Physical map" && ! grep -qF "Help: keys" "$TMP/screen"; then ok "Escape closes the help"; else not_ok "Escape closes the help"; fi
keys /
check "/ opens the goto prompt" "Go to address"
keys 16M Enter
check "goto 16M puts the cursor on pfn 0x1000" "at pfn 0x1000:"
keys f
check "f opens the find prompt" "Find in the kernel log:"
keys -l "zone ranges"
keys Enter
check "find goes to the step that printed the line" "'zone ranges': log line 61 of"
check "the log tab shows the line found" "Zone ranges:"
keys f
keys -l "bios-e820"
keys Enter
check "find wraps round to the start of the log" "'bios-e820': log line 2 of"
keys F
check "F finds the next one" "'bios-e820': log line 3 of"
keys f
keys -l "no such line"
keys Enter
check "a text not in the log says so" "'no such line' is not in the kernel log"

$T resize-window -t ui -x 60 -y 20
check "too small: a centred message with the size needed" "need 80x24, have 60x20"
$T resize-window -t ui -x 200 -y 60
check "resize to 200x60: the large layout" "kernel log"
keys q
check "q quits" "EXITED"
if [ "$(cat "$TMP/status" 2>/dev/null)" = 0 ]; then ok "exit status 0"; else not_ok "exit status 0 (got $(cat "$TMP/status" 2>/dev/null))"; fi
if cmp -s "$TMP/stty.before" "$TMP/stty.after"; then ok "terminal modes restored"; else not_ok "terminal modes restored"; fi

# ------------------------------------------------------------ 200x60
start ui 200 60
check "200x60: the map" "Physical map"
check "200x60: a table panel" "e820 table"
check "200x60: the free lists" "free lists (buddyinfo)"
check "200x60: the kernel log" "kernel log"
check "200x60: narration" "e820__memory_setup():"
keys ']' ']' ']'
check "three phase jumps reach sparse" "Physical map: sparse view"
check "the section table follows the phase" "mem_section table"
keys G
check "free lists: the zone the last step changed, and by how much" "this step: +449642 pages: o0 +2"
keys p p
check "free lists: taking pages splits a block, and it says so" "this step: -65 pages, bigger blocks split: o0 +1"
hang_up "200x60"

# ------------------------------------------------------------ bootmem
# The i386 bootmem profile: table 2 shows the bitmap's set-bit runs, and
# free_area_init_node's mem_map appears there as a new run.
start ui 200 60 "" "$MACHINES/i386-bootmem-4g.xml"
check "bootmem: the machine loads" "i386-bootmem-4g"
keys ']' ']'
check "bootmem: ] ] reaches the zones" "zone_sizes_init():"
check "bootmem: table 2 is the bitmap" "2 bootmem bitmap: reserved (set) bits"
check "bootmem: the cursor reads the bitmap, not memblock" "at pfn 0: e820 usable | bootmem reserved |"
check "bootmem: the reservations as runs" "pfn 0x0009f-0x004c9    1067 pages"
keys n
check "bootmem: mem_map is a new run" "+   2 pfn 0x01000-0x02bff    7168 pages"
keys n
check "bootmem: the DMA wait table grows it" "*   2 pfn 0x01000-0x02c00    7169 pages"
hang_up "bootmem"

# ------------------------------------------------------------ signals and mono
start ui 80 24 "TERM=vt100 NO_COLOR=1"
check "vt100 / NO_COLOR: still drawn" "Physical map"
keys '?'
check "vt100 / NO_COLOR: the help wraps" "FLATMEM, SPARSEMEM, VMEMMAP)"
keys PageDown PageDown PageDown
check "vt100 / NO_COLOR: PageDown reaches the last entry" "q, C-c"
keys Escape
# memboot is the child of the pane's shell: signal only that process
pid=$(memboot_pid)
[ -n "$pid" ] && kill -TERM "$pid"
check "SIGTERM ends it cleanly" "EXITED"
if cmp -s "$TMP/stty.before" "$TMP/stty.after"; then ok "terminal modes restored after SIGTERM"; else not_ok "terminal modes restored after SIGTERM"; fi
start ui 80 24
check "SIGHUP: drawn first" "Physical map"
pid=$(memboot_pid)
[ -n "$pid" ] && kill -HUP "$pid"
check "SIGHUP ends it" "EXITED"
if [ "$(cat "$TMP/status" 2>/dev/null)" = 129 ]; then ok "SIGHUP: it dies of the signal (status 129)"; else
	not_ok "SIGHUP: it dies of the signal (status 129, got $(cat "$TMP/status" 2>/dev/null))"; fi
if cmp -s "$TMP/stty.before" "$TMP/stty.after"; then ok "terminal modes restored after SIGHUP"; else not_ok "terminal modes restored after SIGHUP"; fi

# ------------------------------------------------------------ 8 colours
# xterm has 8 colours and 64 pairs: the map is drawn in the 8-colour
# scheme (a background of SGR 40-47), not in the monochrome one.
start ui 80 24 "TERM=xterm"
check "TERM=xterm: drawn" "Physical map"
if $T capture-pane -e -p -t ui | grep -q "$(printf '\033')\[4[0-7]m"; then ok "TERM=xterm: 8-colour backgrounds"; else
	cap; not_ok "TERM=xterm: 8-colour backgrounds"; fi
hang_up "TERM=xterm"

# ------------------------------------------------------------ unusable TERM
# An unknown terminal type, or one that cannot move the cursor, is said
# so with status 2 (ncurses' initscr would exit 1 or draw nothing).
for term in dumb no-such-terminal; do
	start ui 80 24 "TERM=$term"
	check "TERM=$term: refused, naming it" "the terminal '$term' is unknown or cannot move the cursor"
	wait_for EXITED
	if [ "$(cat "$TMP/status" 2>/dev/null)" = 2 ]; then ok "TERM=$term: status 2"; else
		not_ok "TERM=$term: status 2 (got $(cat "$TMP/status" 2>/dev/null))"; fi
done

# ------------------------------------------------------------ not a terminal
"$MEMBOOT" < /dev/null > "$TMP/out" 2> "$TMP/err"
st=$?
if [ $st = 2 ] && grep -q "run --batch" "$TMP/err"; then ok "not a tty: status 2 and a pointer to run --batch"; else
	echo "# status $st"; not_ok "not a tty: status 2 and a pointer to run --batch"; fi

echo "1..$n"
exit 0
