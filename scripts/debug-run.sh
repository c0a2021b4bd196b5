#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check's "debug" suite: the end-to-end scripts that exercise the
# module's lifetimes hardest, run on the debug kernel (scripts/debug-kernel.sh:
# KASAN, lockdep, kmemleak, UBSAN, DEBUG_OBJECTS, hung tasks), each followed
# by a kmemleak scan (tests/lib/debug-wrap.sh). Any report fails the script.
#
# MCS_DEBUG_SCRIPTS="io hostile" runs some scripts only.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logdir=$top/build/check
work=$top/build/debug
scripts=${MCS_DEBUG_SCRIPTS:-io recovery hostile}

kdir=$(scripts/debug-kernel.sh) || { echo "not ok - debug: kernel build failed"; exit 1; }

# The module for the debug kernel, built out of a copy (as for KUnit).
mkdir -p "$work"
rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod*' \
	--exclude='.*.cmd' --exclude='modules.order' \
	"$top/Kbuild" "$top/kmod" "$top/uapi" "$work/"
if make -s -C "$kdir" M="$work" W=1 modules >"$logdir/debug-build.log" 2>&1; then
	echo "ok - debug: module built for $(cat "$kdir/include/config/kernel.release") with W=1"
else
	tail -n 20 "$logdir/debug-build.log" | sed 's/^/#   /'
	echo "not ok - debug: module build for the debug kernel"
	exit 1
fi

reports=0 leaks=0 n=0
for s in $scripts; do
	out=$logdir/vm-debug-$s
	rm -rf "$out"
	start=$SECONDS
	rc=0
	MCS_VM_NO_PVH=1 MCS_KO=$work/kmod/iscsi_mcs.ko scripts/vm-run --kernel "$kdir/arch/x86/boot/bzImage" \
		--mem 4096 --timeout "${MCS_DEBUG_TIMEOUT:-1500}" --out "$out" \
		-- tests/lib/debug-wrap.sh "tests/e2e/$s.sh" | sed "s/^\(\(not \)\?ok\) \([0-9]* \)\?- /\1 - debug: $s: /" || rc=${PIPESTATUS[0]}
	n=$((n + 1))
	if ((rc == 126)); then
		reports=$((reports + 1))
		echo "not ok - debug: $s: the debug kernel reported (see $out/vm-console.log)"
	elif ((rc != 0)); then
		echo "not ok - debug: $s exited with status $rc"
	fi
	l=$(sed -n 's/^# debug-leaks: [^ ]* //p' "$out/vm-output.log" 2>/dev/null | head -n1)
	leaks=$((leaks + ${l:-0}))
	echo "# debug: $s took $((SECONDS - start)) s"
done
echo "# debug: $n scripts on the debug kernel, $reports debug reports, $leaks kmemleak reports of iscsi_mcs"
