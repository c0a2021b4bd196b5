#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: build everything, then run every suite (style, userspace unit
# tests, KUnit in QEMU, the VM harness self-test, the end-to-end tests in
# QEMU against LIO, tgt and a hostile target, and the lifetime-heavy ones
# again on the debug kernel). Each suite prints one "ok - ..." or "not ok - ..."
# line per test at the start of a line; this script counts them and ends
# with "N passed, N failed". A suite that exits non-zero without reporting
# a failure counts as one failure, so a crash never reads as a pass.
#
# MCS_CHECK_ONLY="kunit e2e" limits the run to some suites.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logdir="$top/build/check"
mkdir -p "$logdir"

passed=0
failed=0

run_suite() {
	local name=$1
	shift
	local log="$logdir/$name.log" rc p f

	if [[ -n ${MCS_CHECK_ONLY:-} && " $MCS_CHECK_ONLY " != *" ${name%%:*} "* ]]; then
		return
	fi
	echo "=== $name: $*"
	"$@" 2>"$log.err" | tee "$log"
	rc=${PIPESTATUS[0]}
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if ((rc != 0 && f == 0)); then
		echo "not ok - $name: exited with status $rc (stderr: $log.err)"
		tail -n 20 "$log.err" | sed 's/^/#   /'
		f=1
	fi
	if ((p + f == 0)); then
		echo "not ok - $name: ran no test"
		f=1
	fi
	echo "=== $name: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
}

build() {
	if make -s all test-tools >"$logdir/build.log" 2>&1; then
		echo "ok - build: module, library, tools"
	else
		tail -n 30 "$logdir/build.log" | sed 's/^/#   /'
		echo "not ok - build: see $logdir/build.log"
		return 1
	fi
}

e2e() {
	local t rc to
	for t in tests/e2e/*.sh; do
		rc=0
		# A script may ask for more time: a "# vm-timeout: SECONDS" line.
		to=$(sed -n 's/^# vm-timeout: \([0-9]*\)$/\1/p' "$t" | head -n1)
		rm -rf "$logdir/vm-$(basename "$t" .sh)"
		scripts/vm-run --timeout "${MCS_E2E_TIMEOUT:-${to:-900}}" \
			--out "$logdir/vm-$(basename "$t" .sh)" -- "$t" || rc=$?
		((rc == 0)) || echo "not ok - e2e: $(basename "$t") exited with status $rc"
	done
}

run_suite build build
run_suite style scripts/style.sh
run_suite userlib make -s -C userlib check
run_suite tools make -s -C tools check
run_suite kunit scripts/kunit-run.sh
run_suite vm scripts/vm-selftest.sh
run_suite e2e e2e
run_suite debug scripts/debug-run.sh

echo "$passed passed, $failed failed"
((failed == 0))
