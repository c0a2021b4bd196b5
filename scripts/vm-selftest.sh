#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Proves that scripts/vm-run reports what happens in the guest: the script's
# status, output and files; a kernel WARNING and a panic fail the run
# whatever the script says; a hung guest is killed at --timeout. TAP output.
#
#   scripts/vm-selftest.sh        (kernel: as vm-run picks it, e.g. MCS_VM_KERNEL)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
vmrun=$here/vm-run
# shellcheck source=tests/lib/tap.sh
source "$here/../tests/lib/tap.sh"

is() {
	tap_result "$([[ $2 == "$3" ]] && echo 1 || echo 0)" "$1"
	[[ $2 == "$3" ]] || { echo "got '$2', want '$3'" | tap_diag; return 1; }
}

# Guest scripts live in a host temp dir: the guest sees the host's /tmp
# through its overlay, at the same path.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vm-selftest.XXXXXX")

# run NAME [vm-run options] -- SCRIPT...: vm-run with its stdout, stderr and
# status kept in $tmp/NAME.{stdout,stderr,rc}.
run() {
	local name=$1 rc=0
	shift
	"$vmrun" --out "$tmp/$name.out" "$@" >"$tmp/$name.stdout" 2>"$tmp/$name.stderr" || rc=$?
	echo "$rc" >"$tmp/$name.rc"
	return 0
}

rc_of() { cat "$tmp/$1.rc"; }

# On failure, show what vm-run said.
explain() {
	{ echo "vm-run stderr:"; tail -n 30 "$tmp/$1.stderr"; } | tap_diag
}

expect_rc() {
	local name=$1 want=$2 desc=$3
	is "$desc" "$(rc_of "$name")" "$want" || explain "$name"
}

expect_stderr() {
	local name=$1 pattern=$2 desc=$3
	if grep -qE "$pattern" "$tmp/$name.stderr"; then
		tap_result 1 "$desc"
	else
		tap_result 0 "$desc"
		echo "no /$pattern/ in vm-run's stderr" | tap_diag
		explain "$name"
	fi
}

case_pass() {
	cat >"$tmp/pass.sh" <<'EOF'
set -euo pipefail
[[ $MCS_VM == 1 ]]
[[ $(pwd) == "$MCS_REPO" ]]
printf '%s\n' "$@" >"$MCS_OUT/args"
echo "guest says hello"
echo "to stderr" >&2
EOF
	# shellcheck disable=SC2016  # a literal $HOME must arrive unexpanded
	run pass -- "$tmp/pass.sh" "a b" "c'd" '$HOME'
	expect_rc pass 0 "a passing script: vm-run exits 0"
	is "arguments arrive intact, MCS_OUT comes back" \
		"$(cat "$tmp/pass.out/args" 2>/dev/null)" $'a b\nc\'d\n$HOME' || true
	if grep -qx "guest says hello" "$tmp/pass.stdout" && grep -qx "to stderr" "$tmp/pass.stdout"; then
		tap_result 1 "the script's stdout and stderr reach the caller"
	else
		tap_result 0 "the script's stdout and stderr reach the caller"
		tap_diag <"$tmp/pass.stdout"
	fi
	tap_result "$([[ -s $tmp/pass.out/vm-dmesg.log && -s $tmp/pass.out/vm-console.log ]] && echo 1 || echo 0)" \
		"kernel log and console log are in the out dir"
}

case_exit3() {
	run exit3 -- -c 'echo exiting 3; exit 3'
	expect_rc exit3 3 "exit 3 in the guest: vm-run exits 3"
}

case_warn() {
	cat >"$tmp/warn.sh" <<'EOF'
echo 'WARNING: CPU: 0 PID: 1 at fake' >/dev/kmsg
exit 0
EOF
	run warn -- "$tmp/warn.sh"
	expect_rc warn 126 "a WARNING in the kernel log fails the run (126) though the script passed"
	expect_stderr warn 'kernel log has WARNING: CPU' "vm-run names the WARNING"
	expect_stderr warn 'WARNING: CPU: 0 PID: 1 at fake' "vm-run prints the offending line"
}

case_panic() {
	# A crash ends the VM at once (panic=-1 and -no-reboot) instead of
	# waiting for the timeout.
	run panic --timeout 120 -- -c '[[ -e /proc/sysrq-trigger ]] || exit 99; echo c >/proc/sysrq-trigger; sleep 300'
	if [[ $(rc_of panic) == 99 ]]; then
		tap_result 1 "a kernel panic fails the run # SKIP kernel without CONFIG_MAGIC_SYSRQ"
		return 0
	fi
	expect_rc panic 126 "a kernel panic fails the run (126)"
	expect_stderr panic 'kernel log has .*(Kernel panic|Oops|Call Trace)' "vm-run names the panic"
}

case_timeout() {
	local t0=$SECONDS
	run timeout --timeout 20 -- -c 'echo sleeping; sleep 300'
	expect_rc timeout 124 "a guest past --timeout 20 is killed: vm-run exits 124"
	expect_stderr timeout 'TIMEOUT' "vm-run says it timed out"
	tap_result $((SECONDS - t0 < 60)) "the timeout run took $((SECONDS - t0)) s (want < 60)"
}

case_pass
case_exit3
case_warn
case_panic
case_timeout
if tap_done; then
	rm -rf "$tmp"
else
	echo "# logs kept in $tmp"
	exit 1
fi
