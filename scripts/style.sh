#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make style: checkpatch --strict over kmod/ and uapi/ (checkpatch from
# linux-source-6.1, extracted by scripts/kunit-kernel.sh's cache), then a
# W=1 build and a sparse (C=2) build against Debian's headers, both of which
# must print no diagnostic, and the layering of kmod/ (scripts/layering).
# One "ok"/"not ok" line per check.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iscsi-mcs}
src="$cache/linux-src"
kdir=${KDIR:-$("$(dirname "$0")"/kernel-pick headers)}
work="$top/build/style"
rc=0

if [[ ! -x $src/scripts/checkpatch.pl ]]; then
	# The KUnit kernel script extracts the tree once and caches it.
	"$top/scripts/kunit-kernel.sh" >/dev/null || exit 1
fi

# CAMELCASE only ever fires on the kernel's own names (struct Scsi_Host).
files=$(cd "$top" && ls kmod/*.[ch] kmod/tests/*.[ch] uapi/linux/*.h | grep -v "\.mod\.c$")
out=$(cd "$top" && "$src/scripts/checkpatch.pl" --strict --no-tree --terse \
	--show-types --ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,CAMELCASE \
	-f $files 2>&1 | grep -v '^total: 0 errors, 0 warnings, 0 checks' || true)
if [[ -z $out ]]; then
	echo "ok - style: checkpatch --strict"
else
	echo "not ok - style: checkpatch --strict"
	sed 's/^/#   /' <<<"$out"
	rc=1
fi

# Build from a copy so the diagnostics are not hidden by up-to-date objects.
compile() {
	local name=$1
	shift
	rm -rf "$work" && mkdir -p "$work"
	cp -r "$top/Kbuild" "$top/kmod" "$top/uapi" "$work/"
	find "$work" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' \) -delete
	local diag
	diag=$(make -s -C "$kdir" M="$work" "$@" modules 2>&1 |
		grep -v -e 'Skipping BTF generation' -e '^make\[' || true)
	if [[ -z $diag ]]; then
		echo "ok - style: $name"
	else
		echo "not ok - style: $name"
		sed 's/^/#   /' <<<"$diag"
		rc=1
	fi
}

compile "W=1 build" W=1
# On the objects just built: no include or call against the layering.
if lay=$("$top/scripts/layering" "$work/kmod" 2>&1); then
	echo "ok - style: layering (no upward edge but those listed in scripts/layering.allow)"
else
	echo "not ok - style: layering"
	rc=1
fi
echo "$lay"
compile "sparse (C=2)" C=2
exit $rc
