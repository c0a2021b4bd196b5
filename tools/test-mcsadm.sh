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
sid=0123456789abcdef0123456789abcdef
expect "unknown mode: 7" 7 "mode 'iface' is not supported" -m iface
expect "unknown option: 7" 7 "unknown option '--frobnicate'" -m session --frobnicate
expect "option without its value: 7" 7 "option '-p' needs a value" -m node -p
expect "session: bad print level: 7" 7 "print level '4' is not 0, 1, 2 or 3" -m session -P 4
expect "session: print level 12: 7" 7 "print level '12' is not" -m session -P 12
expect "session: -u without -r: 7" 7 "-u needs the session" -m session -u
expect "session: -u with -P: 7" 7 "-P does not go with -m session -u" -m session -r "$sid" -u -P 1
expect "session: malformed id: 7" 7 "'12' is not a session id" -m session -r 12 -u
expect "session: upper-case id: 7" 7 "is not a session id" \
	-m session -r 0123456789ABCDEF0123456789abcdef -P 1
expect "session: -r with a malformed id to show: 7" 7 "'xyz' is not a session id" -m session -r xyz
expect "session: -o show not taken: 7" 7 "operation 'show' is not supported for mode session" \
	-m session -o show
expect "session: -u and -o together: 7" 7 "-u and -o do not go together" \
	-m session -r "$sid" -u -o addconn
expect "session: -T not taken: 7" 7 "-T does not go with listing sessions" -m session -T iqn.x
expect "addconn without -p: 7" 7 "-o addconn needs -r SESSION_ID and -p" -m session -r "$sid" -o addconn
expect "addconn without -r: 7" 7 "-o addconn needs -r SESSION_ID" -m session -o addconn -p 127.0.0.1
expect "addconn with --cid: 7" 7 "--cid does not go with -o addconn" \
	-m session -r "$sid" -o addconn -p 127.0.0.1 --cid 1
expect "addconn: port 0: 7" 7 "'127.0.0.1:0' is not a portal" -m session -r "$sid" -o addconn -p 127.0.0.1:0
expect "addconn: port above 65535: 7" 7 "'127.0.0.1:65536' is not a portal" \
	-m session -r "$sid" -o addconn -p 127.0.0.1:65536
expect "addconn: unclosed bracket: 7" 7 "'\[::1:3260' is not a portal" \
	-m session -r "$sid" -o addconn -p '[::1:3260'
expect "addconn: empty portal: 7" 7 "'' is not a portal" -m session -r "$sid" -o addconn -p ''
expect "addconn: blank in portal: 7" 7 "'a b' is not a portal" -m session -r "$sid" -o addconn -p 'a b'
expect "addconn: bad tpgt suffix: 7" 7 "'127.0.0.1:3260,x' is not a portal" \
	-m session -r "$sid" -o addconn -p 127.0.0.1:3260,x
expect "addconn: unknown iface: 7" 7 "iface 'eth9' does not exist" \
	-m session -r "$sid" -o addconn -p 127.0.0.1 -I eth9
expect "delconn without --cid: 7" 7 "-o delconn needs -r SESSION_ID and --cid" -m session -r "$sid" -o delconn
expect "delconn with -p: 7" 7 "-p does not go with -o delconn" \
	-m session -r "$sid" -o delconn --cid 1 -p 127.0.0.1
expect "delconn: CID out of range: 7" 7 "'65536' is neither a CID" -m session -r "$sid" -o delconn --cid 65536
expect "delconn: negative CID: 7" 7 "'-1' is neither a CID" -m session -r "$sid" -o delconn --cid -1
expect "delconn: bad session id: 7" 7 "'0x1' is not a session id" -m session -r 0x1 -o delconn --cid 0
expect "node: neither login nor logout: 7" 7 "needs --login or --logout" -m node -T iqn.x -p 127.0.0.1
expect "node: login and logout: 7" 7 "--login and --logout do not go together" \
	-m node -T iqn.x -p 127.0.0.1 --login --logout
expect "node: login without -T: 7" 7 "needs the target: -T IQN" -m node -p 127.0.0.1 -l
expect "node: login without -p: 7" 7 "--login needs the portal" -m node -T iqn.x --login
expect "node: -o not taken: 7" 7 "-o does not go with -m node" -m node -T iqn.x -p 127.0.0.1 -o new
expect "node: -r not taken: 7" 7 "-r does not go with -m node" -m node -T iqn.x -r "$sid" -u
expect "node: login, bad portal: 7" 7 "'127.0.0.1:x' is not a portal" -m node -T iqn.x -p 127.0.0.1:x --login
expect "node: login, target name too long: 7" 7 "is too long" \
	-m node -T "iqn.$(printf 'a%.0s' {1..300})" -p 127.0.0.1 --login
expect "node: logout, bad portal: 7" 7 "'1.2.3.4:' is not a portal" -m node -T iqn.x -p 1.2.3.4: -u
expect "discovery: -t without -p: 7" 7 "-t sendtargets needs -p" -m discovery -t st
expect "discovery: isns refused: 7" 7 "discovery type 'isns' is not supported" -m discovery -t isns -p 127.0.0.1
expect "discovery: unknown type: 7" 7 "'bogus' is not a discovery type" -m discovery -t bogus -p 127.0.0.1
expect "discovery: -p without -t: 7" 7 "-p does not go with listing discovery records" -m discovery -p 127.0.0.1
expect "discovery: unknown op: 7" 7 "operation 'new' is not supported for mode discovery" \
	-m discovery -t st -p 127.0.0.1 -o new
expect "discovery: delete without -p: 7" 7 "-o delete needs -p" -m discovery -o delete
expect "discovery: -T not taken: 7" 7 "-T does not go with -m discovery -t" -m discovery -t st -p 127.0.0.1 -T iqn.x
expect "discovery: bad portal: 7" 7 "'\[fe80::1\]x' is not a portal" -m discovery -t st -p '[fe80::1]x'
expect "config: -P not taken: 7" 7 "-P does not go with -m config" -m config -P 1
expect "config: -p not taken: 7" 7 "-p does not go with -m config" -m config -p 127.0.0.1
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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ISCSI_MCS_SEND_TARGETS_FILE=$tmp/send-targets.conf
expect "discovery: no record: ISCSI_ERR_NO_OBJS_FOUND (21)" 21 'No discovery found' -m discovery
cat >"$ISCSI_MCS_SEND_TARGETS_FILE" <<'EOF'
portal address=192.0.2.1 socket=3260 symbolic= instance= port=4294967295 security=0x0
target iqn.2003-01.org.example:disk1
portal address=2001:db8::1 socket=3261 symbolic= instance= port=4294967295 security=0x0
EOF
chmod 600 "$ISCSI_MCS_SEND_TARGETS_FILE"
expect "discovery: lists the recorded portals, iscsiadm style" 0 \
	"^192\.0\.2\.1:3260 via sendtargets"$'\n'"\[2001:db8::1\]:3261 via sendtargets$" -m discovery
echo 'garbage line' >"$ISCSI_MCS_SEND_TARGETS_FILE"
expect "discovery: damaged record file: ISCSI_ERR_IDBM (6)" 6 'ERROR_INVALID_DATA, exit 6' -m discovery
unset ISCSI_MCS_SEND_TARGETS_FILE
if [[ ! -d /sys/module/iscsi_mcs ]]; then
	expect "module absent: ISCSI_ERR_ISCSID_NOTCONN (20)" 20 \
		'not loaded.*ISDSC_SERVICE_NOT_RUNNING, exit 20' -m config
	expect "module absent, login: 20" 20 \
		'Logging in to \[iface: default, target: iqn\.2026-11\.org\.x:t, portal: 127\.0\.0\.1,3261\].*ISDSC_SERVICE_NOT_RUNNING' \
		-m node -T iqn.2026-11.org.x:t -p 127.0.0.1:3261 --login
	expect "module absent, session show: 20" 20 'ISDSC_SERVICE_NOT_RUNNING' \
		-m session -r 0123456789abcdef0123456789abcdef -P 3
	expect "module absent, addconn: 20" 20 'adding a connection to 127\.0\.0\.2,3260 failed.*ISDSC_SERVICE_NOT_RUNNING' \
		-m session -r 0123456789abcdef0123456789abcdef -o addconn -p 127.0.0.2
	expect "module absent, discovery: 20" 20 'discovery at ::1,3260 failed.*ISDSC_SERVICE_NOT_RUNNING' \
		-m discovery -t sendtargets -p '[::1]'
fi
tap_done
