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
cd "$top" || exit 1
logdir="$top/build/check"
mkdir -p "$logdir"

passed=0
failed=0
ran=" "

run_suite() {
	local name=$1
	shift
	local log="$logdir/$name.log" rc p f

	if [[ -n ${MCS_CHECK_ONLY:-} && " $MCS_CHECK_ONLY " != *" ${name%%:*} "* ]]; then
		return
	fi
	echo "=== $name: $*"
	ran+="$name "
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

# The second kernel series, Debian 12's 6.12 (the kernel of Debian 13): the
# module built against its headers with W=1, its KUnit kernel, the fixed LIO
# for it, and the end-to-end scripts that cover I/O and MC/S (logins too, on
# the way). The rest runs on 6.1 only, to stay within CI's time
# (Documentation/testing.rst).
K612_E2E=${MCS_K612_E2E:-"io mcs"}

# "ok 3 - what" -> "ok 3 - k612: what", so the two series read apart.
k612_tag() { sed -E 's/^((not )?ok( [0-9]+)? - )/\1k612: /'; }

k612() {
	local kdir work=$top/build/k612 diag t rc
	kdir=$(MCS_KSERIES=6.12 scripts/kernel-pick headers) || {
		echo "not ok - k612: no 6.12 headers (make deps)"
		return 1
	}
	# A copy, so 6.1's objects in kmod/ stay as they are.
	mkdir -p "$work"
	rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod*' \
		--exclude='.*.cmd' --exclude='modules.order' \
		Kbuild kmod uapi "$work/"
	diag=$(make -s -C "$kdir" M="$work" W=1 -j2 modules 2>&1 |
		grep -v -e 'Skipping BTF generation' -e '^make\[' || true)
	if [[ -z $diag && -f $work/kmod/iscsi_mcs.ko ]]; then
		echo "ok - k612: module builds warning-free (W=1) against $(basename "$kdir")"
	else
		echo "not ok - k612: module build against $kdir"
		# shellcheck disable=SC2001  # every line, not one string
		sed 's/^/#   /' <<<"$diag"
		return 1
	fi
	MCS_KSERIES=6.12 scripts/kunit-run.sh | k612_tag
	if ! MCS_KSERIES=6.12 make -s lio-fixed KDIR="$kdir" >"$logdir/k612-lio.log" 2>&1; then
		echo "not ok - k612: fixed LIO for 6.12 (see $logdir/k612-lio.log)"
	fi
	for t in $K612_E2E; do
		rc=0
		rm -rf "$logdir/k612-vm-$t"
		MCS_KSERIES=6.12 MCS_KO=$work/kmod/iscsi_mcs.ko \
			scripts/vm-run --timeout "${MCS_E2E_TIMEOUT:-600}" \
			--out "$logdir/k612-vm-$t" -- "tests/e2e/$t.sh" |
			k612_tag || rc=$?
		((rc == 0)) || echo "not ok - k612: e2e $t.sh exited with status $rc"
	done
}

run_suite build build
run_suite style scripts/style.sh
run_suite userlib make -s -C userlib check
run_suite tools make -s -C tools check
run_suite kunit scripts/kunit-run.sh
run_suite vm scripts/vm-selftest.sh
run_suite e2e e2e
run_suite k612 k612
run_suite debug scripts/debug-run.sh

# fig FILE SED-REGEX: the sum of the numbers the regex's group 1 picks from
# FILE's lines, or "-" when none does.
fig() {
	[[ -f $1 ]] || { echo -; return; }
	sed -nE "s/$2/\1/p" "$1" | awk '{ s += $1; n++ } END { print n ? s : "-" }'
}

# The reliability figures (Documentation/testing.rst), from the suites that
# ran: the "# hostile:", "# fuzz:", "# races:" and "# debug:" lines.
figures() {
	local e="" d="" hr hp
	[[ $ran == *" e2e "* ]] && e=$logdir/e2e.log
	[[ $ran == *" debug "* ]] && d=$logdir/debug.log
	[[ -n $e$d ]] || return 0
	echo "# figures:"
	for f in $e $d; do
		hr=$(fig "$f" '^# hostile: ([0-9]+) cases run.*')
		hp=$(fig "$f" '^# hostile: [0-9]+ cases run, ([0-9]+) passed')
		echo "#   hostile target cases passed ($([[ $f == "$e" ]] && echo "Debian's kernel" || echo "debug kernel")): $hp of $hr"
	done
	if [[ -n $e ]]; then
		echo "#   netlink fuzz messages sent: $(fig "$e" '^# fuzz: ([0-9]+) messages sent')"
		echo "#   teardown races run: $(fig "$e" '^# races: ([0-9]+) run')"
	fi
	if [[ -n $d ]]; then
		echo "#   debug-kernel scripts: $(fig "$d" '^# debug: ([0-9]+) scripts,.*')"
		echo "#   debug reports (KASAN, lockdep, UBSAN, ...): $(fig "$d" '^# debug: [0-9]+ scripts, ([0-9]+) debug reports.*')"
		echo "#   kmemleak reports: $(fig "$d" '^# debug: .* ([0-9]+) kmemleak reports')"
	fi
}

figures
echo "$passed passed, $failed failed"
((failed == 0))
