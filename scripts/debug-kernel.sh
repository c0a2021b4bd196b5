#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the debug kernel: Debian's linux-source-6.1 with
# scripts/debug.config (KASAN, lockdep, kmemleak, UBSAN, DEBUG_OBJECTS,
# fault injection) and LIO's ERL 2 fix (tests/lib/lio-erl2-cmd-cnt.patch)
# applied, as the end-to-end suites need it.
#
# Cached like the KUnit kernel, outside the clone under $MCS_CACHE, keyed
# by the source tarball, the fragment and the patch. Its modules are
# installed to /lib/modules/<release> on this machine, where the guest
# (which shares the host's root) finds them; the host never loads them.
# Prints the build directory (a KDIR; arch/x86/boot/bzImage boots).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
frag="$here/debug.config"
patch="$top/tests/lib/lio-erl2-cmd-cnt.patch"
tarball=${MCS_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
cache=${MCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iscsi-mcs}

[[ -r $tarball ]] || { echo "debug-kernel: $tarball missing (make deps)" >&2; exit 1; }

key=$( { stat -c '%s %Y' "$tarball"; cat "$frag" "$patch"; } | sha256sum | cut -c1-16)
src="$cache/linux-src-debug-$key"
out="$cache/debug-$key"
mkdir -p "$cache"

log() { echo "debug-kernel: $*" >&2; }

exec 9>"$cache/.lock-debug"
flock 9

if [[ -f $out/.built && -f $out/.installed ]]; then
	rel=$(cat "$out/include/config/kernel.release")
	if [[ -f /lib/modules/$rel/modules.dep ]]; then
		echo "$out"
		exit 0
	fi
fi

if [[ ! -f $src/.extracted ]]; then
	log "extracting $tarball with LIO's ERL 2 fix (once)"
	find "$cache" -maxdepth 1 -name 'linux-src-debug-*' ! -name "${src##*/}" -exec rm -rf {} +
	rm -rf "$src"
	mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1
	(cd "$src/drivers/target/iscsi" && patch -s -p4 <"$patch")
	touch "$src/.extracted"
fi

if [[ ! -f $out/.built ]]; then
	find "$cache" -maxdepth 1 -name 'debug-*' -type d ! -name "${out##*/}" -exec rm -rf {} +
	mkdir -p "$out"
	cp "$frag" "$out/.config"
	make -s -C "$src" O="$out" ARCH=x86_64 olddefconfig >&2
	missing=0
	while IFS= read -r line; do
		[[ $line =~ ^(CONFIG_[A-Z0-9_]+)=([ym])$ ]] || continue
		sym=${BASH_REMATCH[1]}
		grep -q "^$sym=${BASH_REMATCH[2]}" "$out/.config" ||
			{ log "config: $sym=${BASH_REMATCH[2]} not set"; missing=1; }
	done <"$frag"
	((missing == 0)) || exit 1
	log "building the debug kernel in $out (first time: 30 minutes or more on 2 cores)"
	make -s -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)" bzImage modules >&2
	touch "$out/.built"
fi

rel=$(cat "$out/include/config/kernel.release")
log "installing its modules to /lib/modules/$rel"
make -s -C "$src" O="$out" ARCH=x86_64 INSTALL_MOD_STRIP=1 modules_install >&2
# The guest's lio_load_fixed() takes this kernel's own module then.
touch "/lib/modules/$rel/.mcs-lio-erl2-fixed"
touch "$out/.installed"
echo "$out"
