#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (or reuse) the debug kernel: Debian's linux-source-6.1 configured by
# scripts/debug.config (KASAN, lockdep, kmemleak, UBSAN, DEBUG_OBJECTS, hung
# task detection, fault injection) with LIO's ERL 2 fix
# (tests/lib/lio-erl2-cmd-cnt.patch) applied to the tree, so the ERL 2
# tests need no separately built iscsi_target_mod on it.
#
# Cached like the KUnit kernel, outside the clone under $MCS_CACHE (default
# ~/.cache/iscsi-mcs): the patched source once per tarball and patch, the
# build once per tarball, patch and fragment. Its modules are installed
# into the build dir (modroot/lib/modules/<release>), never into the host's
# /lib/modules; scripts/vm-run --debug mounts them at /lib/modules/<release>
# in the guest. Prints the build directory: a KDIR for external modules,
# holding arch/x86/boot/bzImage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
frag="$here/debug.config"
patch="$top/tests/lib/lio-erl2-cmd-cnt.patch"
tarball=${MCS_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
cache=${MCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iscsi-mcs}

log() { echo "debug-kernel: $*" >&2; }

[[ -r $tarball ]] || { log "$tarball missing (make deps)"; exit 1; }

srckey=$( { stat -c '%s %Y' "$tarball"; cat "$patch"; } | sha256sum | cut -c1-16)
# Comments do not change the kernel: only the settings key the build.
key=$( { echo "$srckey"; grep -v '^[[:space:]]*\(#\|$\)' "$frag"; } | sha256sum | cut -c1-16)
src="$cache/linux-src-mcsdebug-$srckey"
out="$cache/mcsdebug-$key"
mkdir -p "$cache"

# Serialise concurrent builders (two clones running make check at once).
exec 9>"$cache/.lock-mcsdebug"
flock 9

# A build whose source tree went away (its "source" link dangles) cannot
# build external modules any more: build it again.
if [[ -f $out/.built && ! -e $out/source/Makefile ]]; then
	log "the source tree of $out is gone; rebuilding"
	rm -f "$out/.built" "$out/.installed"
fi

if [[ -f $out/.installed ]]; then
	echo "$out"
	exit 0
fi

if [[ ! -f $src/.extracted ]]; then
	log "extracting $tarball and applying LIO's ERL 2 fix (once)"
	rm -rf "$src"
	mkdir -p "$src"
	tar -xJf "$tarball" -C "$src" --strip-components=1
	(cd "$src/drivers/target/iscsi" && patch -s -p4 <"$patch")
	touch "$src/.extracted"
fi

# An interrupted build resumes where it stopped.
if [[ ! -f $out/.built ]]; then
	mkdir -p "$out"
	cp "$frag" "$out/.config"
	make -s -C "$src" O="$out" ARCH=x86_64 olddefconfig >&2
	# olddefconfig silently drops symbols whose dependencies are unmet; a
	# missing checker would only show as a run that reports nothing.
	missing=0
	while IFS= read -r line; do
		[[ $line =~ ^(CONFIG_[A-Z0-9_]+)=([ym])$ ]] || continue
		grep -qx "${BASH_REMATCH[1]}=${BASH_REMATCH[2]}" "$out/.config" ||
			{ log "config: ${BASH_REMATCH[1]}=${BASH_REMATCH[2]} did not survive olddefconfig"; missing=1; }
	done <"$frag"
	((missing == 0)) || exit 1
	log "building in $out (first time: 20 to 40 minutes on 2 cores)"
	jobs=$(nproc)
	((jobs <= 2)) || jobs=2
	make -s -C "$src" O="$out" ARCH=x86_64 -j"$jobs" bzImage modules >&2
	touch "$out/.built"
fi

rel=$(cat "$out/include/config/kernel.release")
rm -rf "$out/modroot"
make -s -C "$src" O="$out" ARCH=x86_64 INSTALL_MOD_PATH="$out/modroot" \
	INSTALL_MOD_STRIP=1 DEPMOD=/sbin/depmod modules_install >&2
[[ -f $out/modroot/lib/modules/$rel/modules.dep ]] || { log "modules_install wrote no modules.dep"; exit 1; }
# The build and source links point into the cache, which the guest sees.
ln -sfn "$out" "$out/modroot/lib/modules/$rel/build"
# tests/lib/lio.sh: lio_load_fixed() takes this kernel's own module.
touch "$out/modroot/lib/modules/$rel/.mcs-lio-erl2-fixed"
touch "$out/.installed"
echo "$out"
