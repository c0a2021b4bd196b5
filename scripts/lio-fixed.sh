#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build LIO's iSCSI target module (iscsi_target_mod.ko) from Debian's
# linux-source of the series scripts/kernel-pick uses (6.1 or 6.12) with
# tests/lib/lio-erl2-cmd-cnt.patch applied, into build/lio/KVER/, for the
# ErrorRecoveryLevel 2 end-to-end tests (tests/lib/lio.sh loads the one of
# the running kernel).
#
# Why: at ERL 2, LIO 6.1 keeps a failed connection's commands for
# reassignment but frees that connection's command counter, which each of
# them still holds; releasing any of them later (on the Logout for
# recovery, a login with the same CID, or the session's end) puts the
# freed counter and oopses the target (seen here: NULL dereference in
# target_release_cmd_kref). No initiator can avoid it once commands were
# in flight. Debian's 6.12.118 still lacks the fix (same code; the patch
# applies unchanged). Every other test runs against Debian's own
# module.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
series=${MCS_KSERIES:-6.1}
tarball=${MCS_LINUX_SOURCE:-/usr/src/linux-source-$series.tar.xz}
kdir=${KDIR:-$("$(dirname "$0")"/kernel-pick headers)}
patch="$top/tests/lib/lio-erl2-cmd-cnt.patch"

[[ -r $tarball ]] || { echo "lio-fixed: $tarball missing (make deps)" >&2; exit 1; }
[[ -d $kdir ]] || { echo "lio-fixed: no kernel headers (make deps)" >&2; exit 1; }
# What uname -r says (Debian's kernel.release is the upstream version).
kver=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
out="$top/build/lio/$kver"
# Up to date: nothing to do.
if [[ -f $out/iscsi_target_mod.ko && $out/iscsi_target_mod.ko -nt $patch &&
      $out/iscsi_target_mod.ko -nt $tarball ]]; then
	exit 0
fi
rm -rf "$out"
mkdir -p "$out"
tar -xJf "$tarball" -C "$out" --strip-components=4 \
	--wildcards "linux-source-$series/drivers/target/iscsi/*.[ch]" \
	"linux-source-$series/drivers/target/iscsi/Makefile"
(cd "$out" && patch -s -p4 <"$patch")
make -s -C "$kdir" M="$out" CONFIG_ISCSI_TARGET=m CONFIG_ISCSI_TARGET_CXGB4= \
	modules >&2
test -f "$out/iscsi_target_mod.ko"
