#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build iscsi_mcs.ko for the debug kernel (scripts/debug-kernel.sh, built
# first if need be) out of a copy in build/debug, so its objects never mix
# with those for Debian's kernel in kmod/. Prints the module's path.
#
# The KUnit suites are left out (CONFIG_KUNIT= on the command line): linked
# in, they would run at every insmod of every end-to-end script. KUnit runs
# on this kernel with MCS_KUNIT_DEBUG=1 scripts/kunit-run.sh.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
work="$top/build/debug"

kdir=$("$top/scripts/debug-kernel.sh")
mkdir -p "$work"
rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod*' \
	--exclude='.*.cmd' --exclude='modules.order' \
	"$top/Kbuild" "$top/kmod" "$top/uapi" "$work/"
make -s -C "$kdir" M="$work" W=1 CONFIG_KUNIT= modules >&2
echo "$work/kmod/iscsi_mcs.ko"
