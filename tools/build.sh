#!/bin/sh
# build.sh [CONFIGURE-OPTIONS...] - set up a fresh Debian/Ubuntu machine
# and build memboot in this tree: install the build dependencies that are
# missing (apt-get, as root or through sudo), then autogen, configure, make.
set -e
cd "$(dirname "$0")/.."

# Debian packages memboot builds and tests with (python3: tests/cli_run.sh
# reads the --json outputs with its json module).
pkgs="build-essential autoconf automake autoconf-archive pkg-config
libncurses-dev libtermkey-dev libxml2-dev libcmocka-dev tmux python3"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "build.sh: installing:$missing"
	if [ "$(id -u)" -eq 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "build.sh: these packages are missing and I am not root:$missing" >&2
		exit 1
	fi
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
	# shellcheck disable=SC2086
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi

[ -x configure ] || ./autogen.sh
[ -f Makefile ] || ./configure "$@"
make -j"$(nproc 2>/dev/null || echo 2)"
