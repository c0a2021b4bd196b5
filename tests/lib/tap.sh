# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# TAP helpers for the end-to-end scripts: one "ok N - what" or
# "not ok N - what" line per check (what make check counts), with the
# evidence of a failure printed as "#" comment lines below it.

tap_n=0
tap_failed=0

tap_result() {
	local ok=$1 what=$2
	tap_n=$((tap_n + 1))
	if ((ok)); then
		echo "ok $tap_n - $what"
	else
		echo "not ok $tap_n - $what"
		tap_failed=$((tap_failed + 1))
	fi
}

tap_diag() {
	sed 's/^/#   /'
}

# t_run WHAT CMD...: passes when CMD exits 0.
t_run() {
	local what=$1 out rc=0
	shift
	out=$("$@" 2>&1) || rc=$?
	tap_result $((rc == 0)) "$what"
	((rc == 0)) || { echo "exit status $rc: $*"; echo "$out"; } | tap_diag
	return $rc
}

# t_match WHAT REGEX CMD...: passes when CMD's output (stdout and stderr)
# matches the extended REGEX, whatever CMD's exit status.
t_match() {
	local what=$1 re=$2 out
	shift 2
	out=$("$@" 2>&1) || true
	if [[ $out =~ $re ]]; then
		tap_result 1 "$what"
	else
		tap_result 0 "$what"
		{ echo "expected /$re/ from: $*"; echo "$out"; } | tap_diag
	fi
}

# t_true WHAT CONDITION-CMD...: like t_run but quiet about output.
t_true() {
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		tap_result 1 "$what"
	else
		tap_result 0 "$what"
		echo "false: $*" | tap_diag
	fi
}

tap_done() {
	echo "1..$tap_n"
	((tap_failed == 0))
}
