#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check's "debug" suite: the end-to-end scripts that exercise the
# module's lifetimes hardest, run again on the debug kernel (scripts/vm-run
# --debug: KASAN, lockdep, UBSAN, DEBUG_OBJECTS, hung tasks, and a kmemleak
# scan after each script). Any report fails the script. Ends with a figure
# line: scripts run, debug reports, kmemleak reports.
#
# MCS_DEBUG_SCRIPTS="io recovery" runs some scripts only (names under
# tests/e2e); MCS_DEBUG_TIMEOUT is each script's limit in seconds.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
logdir=$top/build/check
mkdir -p "$logdir"

# The choice and the timings behind it: Documentation/testing.rst.
if [[ -n ${MCS_DEBUG_SCRIPTS:-} ]]; then
	read -ra names <<<"$MCS_DEBUG_SCRIPTS"
else
	# mcs.sh's paths (connections added and removed under I/O) run in
	# recovery.sh and the hostile cases too; it is left out for CI's time.
	names=(io recovery)
	for t in tests/e2e/hostile*.sh; do
		[[ -f $t ]] && names+=("$(basename "$t" .sh)")
	done
fi

# The hostile cases that hand commands back, place data or end sessions
# while something still refers to them (issue 10's defects 1 to 7 and 9):
# all 32 would take the debug kernel over half an hour under TCG.
DEBUG_HOSTILE_CASES="r2t_then_rsp rsp_during_burst datain_after_rsp datain_past_buffer reject_cmd r2t_too_many nop_flood logout_rsp_stray expcmdsn_far login_cont_forever login_tsih_zero sendtargets_huge"

# recovery.sh at ErrorRecoveryLevel 0 only: at 2, LIO's reallegiance trips
# lockdep (an uninitialised lock of a NOP-Out's command), which turns
# itself off for the rest of the run, and one run of two stalled with a
# portal dropped until the time limit, cause not found yet
# (Documentation/testing.rst). The ERL 2 paths of our side run in the
# hostile cases here, and in recovery.sh on Debian's kernel.

# One header line per report: KASAN, lockdep, "sleeping function", UBSAN,
# DEBUG_OBJECTS (its WARNING), hung tasks, oopses.
REPORT_RE='BUG:|WARNING:|UBSAN:|blocked for more than|general protection fault'

kdir=$(scripts/debug-kernel.sh 2>"$logdir/debug-kernel.log") || {
	tail -n 20 "$logdir/debug-kernel.log" | sed 's/^/#   /'
	echo "not ok - debug: building the debug kernel (log: $logdir/debug-kernel.log)"
	exit 1
}
if ko=$(scripts/debug-module.sh 2>"$logdir/debug-module.log"); then
	echo "ok - debug: iscsi_mcs.ko built for $(cat "$kdir/include/config/kernel.release") with W=1"
else
	tail -n 20 "$logdir/debug-module.log" | sed 's/^/#   /'
	echo "not ok - debug: building iscsi_mcs.ko for the debug kernel"
	exit 1
fi

n=0 reports=0 leaks=0 skipped=0
for name in "${names[@]}"; do
	t=tests/e2e/$name.sh
	out=$logdir/vm-debug-$name
	rm -rf "$out"
	start=$SECONDS
	rc=0
	MCS_RECOVERY_ERLS=${MCS_RECOVERY_ERLS:-0} \
		MCS_HOSTILE_CASES=${MCS_HOSTILE_CASES:-$DEBUG_HOSTILE_CASES} \
		MCS_KO=$ko scripts/vm-run --debug --timeout "${MCS_DEBUG_TIMEOUT:-1800}" \
		--out "$out" -- "$t" 2>"$out.err" |
		sed -u 's/^\(\(not \)\{0,1\}ok\) \([0-9]* \)\{0,1\}- /\1 - debug: /' || rc=${PIPESTATUS[0]}
	n=$((n + 1))
	log=$out/vm-dmesg.log
	[[ -s $log ]] || log=$out/vm-console.log
	r=$(grep -caE "$REPORT_RE" "$log" 2>/dev/null)
	l=$(grep -c '^unreferenced object' "$out/vm-kmemleak.log" 2>/dev/null)
	reports=$((reports + ${r:-0}))
	leaks=$((leaks + ${l:-0}))
	if ((rc == 125)) && [[ -f $out/vm-console.stalled.log ]] &&
		! grep -q '^vm-init: setup done' "$out/vm-console.log"; then
		# Twice idle in /init's set-up, before anything of ours ran: the
		# harness under TCG (Documentation/testing.rst), not the module.
		echo "# debug: $name.sh skipped: the guest's set-up stalled twice before the script (logs: $out)"
		skipped=$((skipped + 1))
	elif ((rc == 0)); then
		echo "ok - debug: $name.sh on the debug kernel: no report"
	else
		grep -aE "$REPORT_RE" "$log" 2>/dev/null | head -n 5 | sed 's/^/#   /'
		awk '/^unreferenced object/ { n++ } n == 1' "$out/vm-kmemleak.log" 2>/dev/null |
			head -n 12 | sed 's/^/#   /'
		echo "not ok - debug: $name.sh on the debug kernel: exit $rc, ${r:-0} debug reports, ${l:-0} kmemleak reports (logs: $out)"
	fi
	echo "# debug: $name.sh took $((SECONDS - start)) s"
done
echo "# debug: $n scripts, $reports debug reports, $leaks kmemleak reports, $skipped skipped"
