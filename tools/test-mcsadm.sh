#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# mcsadm's command line, without a kernel module: argument checks and
# iscsiadm's exit codes. TAP lines for make check. Usage: test-mcsadm.sh BINARY
set -uo pipefail
cd "$(dirname "$0")/.."
. tests/lib/tap.sh

bin=$1

# expect WHAT STATUS REGEX ARGS...: exit status and a line of the output.
expect() {
	local what=$1 status=$2 re=$3 out rc=0
	shift 3
	out=$("$bin" "$@" 2>&1) || rc=$?
	if ((rc == status)) && [[ $out =~ $re ]]; then
		tap_result 1 "mcsadm $what"
	else
		tap_result 0 "mcsadm $what"
		{ echo "mcsadm $*: status $rc (want $status), output:"; echo "$out"; } | tap_diag
	fi
}

expect "--help exits 0" 0 'mcsadm -m config' --help
expect "--version works without the module" 0 'iscsi_mcs module: not loaded' --version
expect "no mode: ISCSI_ERR_INVAL (7)" 7 'no mode given'
expect "unknown mode: 7" 7 "mode 'node' is not supported" -m node
expect "session: bad print level: 7" 7 "print level '2' is not 0 or 1" -m session -P 2
expect "session: -u without -r: 7" 7 "-u needs the session" -m session -u
expect "session: -r without -u: 7" 7 "-r goes with -u" -m session -r 0123456789abcdef0123456789abcdef
expect "session: malformed id: 7" 7 "'12' is not a session id" -m session -r 12 -u
expect "session: -o not taken: 7" 7 "mode session takes no" -m session -o show
expect "config: -P not taken: 7" 7 "-r, -u and -P go with -m session" -m config -P 1
expect "unknown op: 7" 7 "operation 'delete' is not supported" -m config -o delete
expect "update without -v: 7" 7 'needs -n NAME and -v VALUE' -m config -o update -n InitiatorAlias
expect "unknown record name: 7" 7 "unknown record name 'foo'" -m config -o update -n foo -v 1
expect "bad seconds: 7" 7 "'1.2345' is not a number of seconds" \
	-m config -o update -n 'node.conn[0].timeo.login_timeout' -v 1.2345
expect "seconds overflow: 7" 7 "'99999999' is not a number of seconds" \
	-m config -o update -n 'node.conn[0].timeo.login_timeout' -v 99999999
expect "bad count: 7" 7 "'-1' is not a count" \
	-m config -o update -n node.session.iscsi.MaxConnections -v -1
expect "too long alias: 7" 7 "too long" \
	-m config -o update -n InitiatorAlias -v "$(printf 'a%.0s' {1..300})"
expect "stray argument: 7" 7 "unexpected argument 'x'" -m config x
if [[ ! -d /sys/module/iscsi_mcs ]]; then
	expect "module absent: ISCSI_ERR_ISCSID_NOTCONN (20)" 20 \
		'not loaded.*ISDSC_SERVICE_NOT_RUNNING' -m config
fi
tap_done
