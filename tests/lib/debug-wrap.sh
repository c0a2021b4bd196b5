#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs one end-to-end script in the debug kernel's guest, then unloads the
# module and asks kmemleak for what nobody references any more. A leak
# whose allocation went through iscsi_mcs fails; others (the rest of the
# kernel, LIO) are counted and shown, not failed. KASAN, lockdep, UBSAN,
# DEBUG_OBJECTS and hung-task reports fail the run in vm-run itself.
#
#   tests/lib/debug-wrap.sh tests/e2e/SCRIPT.sh
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
script=$1
name=$(basename "$script" .sh)

"$script"
rc=$?

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
if grep -q '^iscsi_mcs ' /proc/modules; then
	rmmod iscsi_mcs || echo "# debug: $name: iscsi_mcs could not be unloaded"
fi
leaks=/sys/kernel/debug/kmemleak
if [[ -w $leaks ]]; then
	# Objects freed late (RCU, works) are not leaks: scan after they ran.
	sleep 5
	echo scan >"$leaks"
	sleep 5
	echo scan >"$leaks"
	cat "$leaks" >/tmp/kmemleak-$name
	ours=$(awk '/^unreferenced object/ { if (o) n++; o = 0 } /iscsi_mcs|\[iscsi_mcs\]| mcs_/ { o = 1 } END { if (o) n++; print n + 0 }' /tmp/kmemleak-$name)
	all=$(grep -c '^unreferenced object' /tmp/kmemleak-$name)
	if ((ours == 0)); then
		echo "ok - debug: $name: kmemleak finds no leak of iscsi_mcs ($all elsewhere)"
	else
		echo "not ok - debug: $name: kmemleak finds $ours leaks of iscsi_mcs"
		head -n 60 /tmp/kmemleak-$name | sed 's/^/#   /'
	fi
	echo "# debug-leaks: $name $ours"
else
	echo "not ok - debug: $name: no kmemleak in this kernel"
fi
exit $rc
