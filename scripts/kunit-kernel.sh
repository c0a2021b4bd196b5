#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the KUnit test kernel from Debian's linux-source of the
# series scripts/kernel-pick uses ($MCS_KSERIES, default 6.1; 6.12 too).
#
# The build lives outside the clone, under $MCS_CACHE (default
# ~/.cache/iscsi-mcs), keyed by the source tarball and the config fragment,
# so a second clone or a CI run on the same machine only relinks nothing,
# while a fresh machine builds from scratch. Prints the build directory
# (usable as KDIR for external modules, holds arch/x86/boot/bzImage).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
frag="$here/kunit.config"
series=${MCS_KSERIES:-6.1}
tarball=${MCS_LINUX_SOURCE:-/usr/src/linux-source-$series.tar.xz}
cache=${MCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iscsi-mcs}

[[ -r $tarball ]] || { echo "kunit-kernel: $tarball missing (make deps)" >&2; exit 1; }

key=$( { stat -c '%s %Y' "$tarball"; cat "$frag"; } | sha256sum | cut -c1-16)
# 6.1 keeps the directory name it always had (style.sh finds checkpatch
# there); each other series is extracted beside it.
src="$cache/linux-src"
[[ $series == 6.1 ]] || src="$cache/linux-src-$series"
out="$cache/kunit-$key"
mkdir -p "$cache"

log() { echo "kunit-kernel: $*" >&2; }

# Serialise concurrent builders (two clones running make check at once).
# One lock per series, so a long first build of one never holds up the
# cached other.
lock="$cache/.lock"
[[ $series == 6.1 ]] || lock="$cache/.lock-$series"
exec 9>"$lock"
flock 9

if [[ ! -f $src/.extracted || $(cat "$src/.extracted") != "$(stat -c '%s %Y' "$tarball")" ]]; then
	log "extracting $tarball (once)"
	rm -rf "$src"
	mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1
	stat -c '%s %Y' "$tarball" >"$src/.extracted"
fi

if [[ -f $out/.built ]]; then
	echo "$out"
	exit 0
fi

mkdir -p "$out"
cp "$frag" "$out/.config"
make -s -C "$src" O="$out" ARCH=x86_64 olddefconfig >&2
# olddefconfig silently drops symbols whose dependencies are unmet; a
# missing one would only show up as a confusing test failure much later.
missing=0
while IFS= read -r line; do
	[[ $line =~ ^(CONFIG_[A-Z0-9_]+)=y$ ]] || continue
	sym=${BASH_REMATCH[1]}
	grep -q "^$sym=y" "$out/.config" || { log "config: $sym not set"; missing=1; }
done <"$frag"
((missing == 0)) || exit 1

log "building kernel in $out (first time takes several minutes)"
make -s -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)" bzImage modules >&2
touch "$out/.built"
echo "$out"
