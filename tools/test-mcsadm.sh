#!/bin/bash
# SPDX-License-Identifier: GPL-2.0 OR MIT
#
# mcsadm's command line, without a kernel module: argument checks and
# iscsiadm's exit codes. TAP lines for make check. Usage: test-mcsadm.sh BINARY
set -uo pipefail
cd "$(dirname "$0")/.."
. tests/lib/tap.sh

bin=$1
# Every record this test writes stays in a temporary root.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ISCSI_MCS_ISCSI_DIR=$tmp/iscsi ISCSI_MCS_INITIATORNAME_FILE=$tmp/initiatorname.iscsi
export ISCSI_MCS_SYSFS_ROOT=$tmp/sys
mkdir -p "$ISCSI_MCS_ISCSI_DIR" "$ISCSI_MCS_SYSFS_ROOT"

# expect WHAT STATUS REGEX ARGS...: exit status and a line of the output.
expect() {
	local what=$1 status=$2 re=$3 out rc=0
	shift 3
	if [[ ${run_plain:-} ]]; then
		out=$("$@" 2>&1) || rc=$?
	else
		out=$("$bin" "$@" 2>&1) || rc=$?
	fi
	if ((rc == status)) && [[ $out =~ $re ]]; then
		tap_result 1 "mcsadm $what"
	else
		tap_result 0 "mcsadm $what"
		{ echo "mcsadm $*: status $rc (want $status), output:"; echo "$out"; } | tap_diag
	fi
}

# check WHAT STATUS REGEX COMMAND...: the same for another command.
check() {
	run_plain=1 expect "$@"
}

expect "--help exits 0" 0 'mcsadm -m config' --help
expect "--version works without the module" 0 'iscsi_mcs module: not loaded' --version
expect "no mode: ISCSI_ERR_INVAL (7)" 7 'no mode given'
expect "unknown mode: 7" 7 "'bogus' is not a mode" -m bogus
expect "fw mode refused: 7" 7 "mode 'fw' is not supported" -m fw
expect "unknown option: 7" 7 "unknown option '--frobnicate'" -m session --frobnicate
expect "option without its value: 7" 7 "option '-p' needs a value" -m node -p
expect "-v without -n: 7" 7 "-v 'x' has no -n before it" -m node -o update -v x
expect "-n without -v: 7" 7 "-n 'node.startup' has no -v after it" -m node -o update -n node.startup
expect "-d out of range: 7" 7 "debug level '9' is not 0 to 8" -d 9 -m session
expect "session: bad print level: 7" 7 "print level '4' is not 0, 1, 2 or 3" -m session -P 4
expect "session: print level 12: 7" 7 "print level '12' is not" -m session -P 12
expect "session: -u with -P: 7" 7 "-P does not go with -m session -u" -m session -r 1 -u -P 1
expect "session: malformed number: 7" 7 "'1x' is not a session" -m session -r 1x -u
expect "session: upper-case id: 7" 7 "is not a session" \
	-m session -r 0123456789ABCDEF0123456789abcdef -P 1
expect "session: sysfs path without sessionN: 7" 7 "'/sys/class/iscsi_session/foo' is not a session" \
	-m session -r /sys/class/iscsi_session/foo
expect "session: sysfs path with sessionNx: 7" 7 "is not a session" \
	-m session -r /sys/class/iscsi_session/session7x
expect "session: -r xyz: 7" 7 "'xyz' is not a session" -m session -r xyz
expect "session: unknown op: 7" 7 "operation 'new' is not supported for mode session" \
	-m session -o new
expect "session: -u and -o together: 7" 7 "-u and -o do not go together" \
	-m session -r 1 -u -o addconn
expect "session: -R and -s together: 7" 7 "-R and -s do not go together" -m session -R -s
expect "session: -T not taken: 7" 7 "-T does not go with listing sessions" -m session -T iqn.x
expect "addconn without -p: 7" 7 "-o addconn needs -r SID and -p" -m session -r 1 -o addconn
expect "addconn without -r: 7" 7 "-o addconn needs -r SID" -m session -o addconn -p 127.0.0.1
expect "addconn with --cid: 7" 7 "--cid does not go with -o addconn" \
	-m session -r 1 -o addconn -p 127.0.0.1 --cid 1
expect "addconn: port 0: 7" 7 "'127.0.0.1:0' is not a portal" -m session -r 1 -o addconn -p 127.0.0.1:0
expect "addconn: port above 65535: 7" 7 "'127.0.0.1:65536' is not a portal" \
	-m session -r 1 -o addconn -p 127.0.0.1:65536
expect "addconn: unclosed bracket: 7" 7 "'\[::1:3260' is not a portal" \
	-m session -r 1 -o addconn -p '[::1:3260'
expect "addconn: empty portal: 7" 7 "'' is not a portal" -m session -r 1 -o addconn -p ''
expect "addconn: blank in portal: 7" 7 "'a b' is not a portal" -m session -r 1 -o addconn -p 'a b'
expect "addconn: bad tpgt suffix: 7" 7 "'127.0.0.1:3260,x' is not a portal" \
	-m session -r 1 -o addconn -p 127.0.0.1:3260,x
expect "addconn: unknown iface: 7" 7 "iface 'eth9' does not exist" \
	-m session -r 1 -o addconn -p 127.0.0.1 -I eth9
expect "delconn without --cid: 7" 7 "-o delconn needs -r SID and --cid" -m session -r 1 -o delconn
expect "delconn with -p: 7" 7 "-p does not go with -o delconn" \
	-m session -r 1 -o delconn --cid 1 -p 127.0.0.1
expect "delconn: CID out of range: 7" 7 "'65536' is not a CID" -m session -r 1 -o delconn --cid 65536
expect "delconn: negative CID: 7" 7 "'-1' is not a CID" -m session -r 1 -o delconn --cid -1
expect "delconn: bad session: 7" 7 "'0x1' is not a session" -m session -r 0x1 -o delconn --cid 0
expect "policy without --policy: 7" 7 "-o policy needs -r SID and --policy NAME" -m session -r 1 -o policy
expect "policy without -r: 7" 7 "-o policy needs -r SID" -m session -o policy --policy failover
expect "policy: unknown name, the names listed: 7" 7 \
	"'bogus' is not a policy \(round_robin, failover, round_robin_subset, least_queue_depth, weighted, least_expected_time\)" \
	-m session -r 1 -o policy --policy bogus
expect "policy: a number is not a name: 7" 7 "'1' is not a policy" -m session -r 1 -o policy --policy 1
expect "policy: upper case is not a name: 7" 7 "'FAILOVER' is not a policy" \
	-m session -r 1 -o policy --policy FAILOVER
expect "policy with --cid: 7" 7 "--cid does not go with -o policy" \
	-m session -r 1 -o policy --policy failover --cid 0
expect "--policy with -o weight: 7" 7 "--policy does not go with -o weight" \
	-m session -r 1 -o weight --cid 0 --weight 2 --policy failover
expect "weight without --cid: 7" 7 "-o weight needs -r SID, --cid CID" -m session -r 1 -o weight --weight 2
expect "weight without a value: 7" 7 "and/or --standby yes\|no" -m session -r 1 -o weight --cid 0
expect "weight 0: 7" 7 "'0' is not a weight \(1 to 1000\)" -m session -r 1 -o weight --cid 0 --weight 0
expect "weight 1001: 7" 7 "'1001' is not a weight" -m session -r 1 -o weight --cid 0 --weight 1001
expect "weight 2x: 7" 7 "'2x' is not a weight" -m session -r 1 -o weight --cid 0 --weight 2x
expect "weight: CID out of range: 7" 7 "'70000' is not a CID" \
	-m session -r 1 -o weight --cid 70000 --weight 2
expect "standby maybe: 7" 7 "--standby 'maybe' is not yes or no" \
	-m session -r 1 -o weight --cid 0 --standby maybe
expect "--weight with -o delconn: 7" 7 "--weight does not go with -o delconn" \
	-m session -r 1 -o delconn --cid 0 --weight 2
expect "--standby with listing: 7" 7 "--standby does not go with listing sessions" -m session --standby yes
expect "node: login and logout: 7" 7 "--login, --logout, -L and -U do not go together" \
	-m node -T iqn.x -p 127.0.0.1 --login --logout
expect "node: -o with --login: 7" 7 "-o does not go with --login" -m node -T iqn.x -o new -l
expect "node: -r not taken: 7" 7 "-r does not go with -m node" -m node -T iqn.x -r 1 -u
expect "node: login, bad portal: 7" 7 "'127.0.0.1:x' is not a portal" -m node -T iqn.x -p 127.0.0.1:x --login
expect "node: login, target name too long: 7" 7 "is too long" \
	-m node -T "iqn.$(printf 'a%.0s' {1..300})" -p 127.0.0.1 --login
expect "node: logout, bad portal: 7" 7 "'1.2.3.4:' is not a portal" -m node -T iqn.x -p 1.2.3.4: -u
expect "node: -L bogus: 7" 7 "'bogus' is not all, manual or automatic" -m node -L bogus
expect "node: -o new without -p: 7" 7 "-o new needs -T TARGET and -p" -m node -T iqn.x -o new
expect "node: unknown iface: 7" 7 "iface 'eth9' does not exist" -m node -I eth9
expect "discovery: -t without -p: 7" 7 "-t sendtargets needs -p" -m discovery -t st
expect "discovery: isns refused: 7" 7 "discovery type 'isns' is not supported" -m discovery -t isns -p 127.0.0.1
expect "discovery: unknown type: ISCSI_ERR_UNKNOWN_DISCOVERY_TYPE (30)" 30 \
	"'bogus' is not a discovery type" -m discovery -t bogus -p 127.0.0.1
expect "discovery: -p without -t: 7" 7 "-p does not go with listing discovery records" -m discovery -p 127.0.0.1
expect "discovery: unknown op: 7" 7 "operation 'frob' is not supported for discovery" \
	-m discovery -t st -p 127.0.0.1 -o frob
expect "discovery: delete without -p: 7" 7 "-o needs -p" -m discovery -o delete
expect "discovery: -T not taken: 7" 7 "-T does not go with -m discovery -t" -m discovery -t st -p 127.0.0.1 -T iqn.x
expect "discovery: bad portal: 7" 7 "'\[fe80::1\]x' is not a portal" -m discovery -t st -p '[fe80::1]x'
expect "discoverydb: -t -p alone: 7" 7 "needs -o or --discover" -m discoverydb -t st -p 127.0.0.1
expect "config: -P not taken: 7" 7 "-P does not go with -m config" -m config -P 1
expect "config: -p not taken: 7" 7 "-p does not go with -m config" -m config -p 127.0.0.1
expect "unknown op: 7" 7 "operation 'delete' is not supported" -m config -o delete
expect "update without -n: 7" 7 'needs -n NAME and -v VALUE' -m config -o update
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

# ---- open-iscsi's node database, in the temporary root ----
t=iqn.2026-11.org.x:t
expect "node: no records: 21" 21 'No records found' -m node
expect "node: -o new, iscsiadm's message" 0 \
	"^New iSCSI node \[tcp:\[hw=,ip=,net_if=,iscsi_if=default\] 127\.0\.0\.1,3260,1 $t\] added$" \
	-m node -T "$t" -p 127.0.0.1,1 -o new
expect "node: IPv6 record" 0 'added' -m node -T "$t" -p '[::1]:3261,1' -o new
expect "node: list, iscsiadm's lines (IPv6 in brackets)" 0 \
	"^127\.0\.0\.1:3260,1 $t"$'\n'"\[::1\]:3261,1 $t\$" -m node
check "node: the record is open-iscsi's file" 0 '' \
	test -f "$ISCSI_MCS_ISCSI_DIR/nodes/$t/127.0.0.1,3260,1/default"
check "node: files are private (0600)" 0 '^600$' \
	stat -c %a "$ISCSI_MCS_ISCSI_DIR/nodes/$t/127.0.0.1,3260,1/default"
expect "node: update with two -n/-v pairs" 0 '' -m node -T "$t" -p 127.0.0.1 -o update \
	-n node.session.auth.authmethod -v CHAP -n node.session.auth.password -v secretsecret12
expect "node: show masks the secret" 0 \
	'# BEGIN RECORD 2\.1\.8.*node\.session\.auth\.authmethod = CHAP.*node\.session\.auth\.password = \*\*\*\*\*\*\*\*.*# END RECORD' \
	-m node -T "$t" -p 127.0.0.1 -o show
check "node: the secret is in the file" 0 'secretsecret12' \
	cat "$ISCSI_MCS_ISCSI_DIR/nodes/$t/127.0.0.1,3260,1/default"
expect "node: MC/S keys kept (node.conn[1])" 0 '' -m node -T "$t" -p 127.0.0.1 -o update \
	-n 'node.conn[1].address' -v 127.0.0.2 -n 'node.conn[1].port' -v 3260 \
	-n node.session.mcs.policy -v round_robin
expect "node: show merges the side record" 0 'node\.conn\[1\]\.address = 127\.0\.0\.2' \
	-m node -T "$t" -p 127.0.0.1 -o show
expect "node: ERL 2, a policy with '-', weights" 0 '' -m node -T "$t" -p 127.0.0.1 -o update \
	-n node.session.iscsi.ERL -v 2 -n node.session.mcs.policy -v least-queue-depth \
	-n 'node.conn[0].mcs.weight' -v 3 -n 'node.conn[1].mcs.weight' -v 1000
expect "node: the values shown" 0 \
	'node\.session\.iscsi\.ERL = 2.*node\.session\.mcs\.policy = least-queue-depth.*node\.conn\[1\]\.mcs\.weight = 1000' \
	-m node -T "$t" -p 127.0.0.1 -o show
check "node: the policy and weights in the side record, ERL in open-iscsi's" 0 '' sh -c "
	grep -q '^node.session.mcs.policy = least-queue-depth' '$ISCSI_MCS_ISCSI_DIR/iscsi-mcs/nodes/$t/127.0.0.1,3260,1/default' &&
	grep -q '^node.conn\[0\].mcs.weight = 3' '$ISCSI_MCS_ISCSI_DIR/iscsi-mcs/nodes/$t/127.0.0.1,3260,1/default' &&
	grep -q '^node.session.iscsi.ERL = 2' '$ISCSI_MCS_ISCSI_DIR/nodes/$t/127.0.0.1,3260,1/default' &&
	! grep -q mcs '$ISCSI_MCS_ISCSI_DIR/nodes/$t/127.0.0.1,3260,1/default'"
expect "node: ERL 3 refused: 7" 7 "node\.session\.iscsi\.ERL '3' is not 0, 1 or 2" \
	-m node -T "$t" -p 127.0.0.1 -o update -n node.session.iscsi.ERL -v 3
expect "node: unknown policy refused: 7" 7 "node\.session\.mcs\.policy 'fastest' is not a policy" \
	-m node -T "$t" -p 127.0.0.1 -o update -n node.session.mcs.policy -v fastest
expect "node: weight 0 refused: 7" 7 "node\.conn\[2\]\.mcs\.weight '0' is not a weight" \
	-m node -T "$t" -p 127.0.0.1 -o update -n 'node.conn[2].mcs.weight' -v 0
expect "node: a refused update changes nothing" 0 'node\.session\.iscsi\.ERL = 2' \
	-m node -T "$t" -p 127.0.0.1 -o show
expect "node: <empty> policy is the default, accepted" 0 '' \
	-m node -T "$t" -p 127.0.0.1 -o update -n node.session.mcs.policy -v '<empty>'
expect "node: -o new checks the values too: 7" 7 "is not 0, 1 or 2" \
	-m node -T "$t" -p 127.0.0.9 -o new -n node.session.iscsi.ERL -v x
side=$ISCSI_MCS_ISCSI_DIR/iscsi-mcs/nodes/$t/127.0.0.1,3260,1/default
sed -i 's/^node\.session\.mcs\.policy = .*/node.session.mcs.policy = fastest/' "$side"
expect "node: login from a record edited by hand, bad policy: 7, before the login" 7 \
	"^mcsadm: the record's node\.session\.mcs\.policy 'fastest' is not a policy" -m node -T "$t" -p 127.0.0.1 -l
sed -i 's/^node\.session\.mcs\.policy = .*/node.session.mcs.policy = weighted/' "$side"
expect "node: update of a non-node key refused: 7" 7 "'discovery.x' is not a node\.\* record name" \
	-m node -T "$t" -o update -n discovery.x -v 1
expect "node: -P 1 tree" 0 "^Target: $t"$'\n\t'"Portal: 127\.0\.0\.1:3260,1"$'\n\t\t'"Iface Name: default" \
	-m node -P 1
expect "node: --json" 0 '^\[\{"target":"iqn\.2026-11\.org\.x:t","address":"127\.0\.0\.1","port":3260,"tpgt":1,"iface":"default"\},' \
	-m node --json
expect "node: filter by portal" 0 "^\[::1\]:3261,1 $t\$" -m node -p '[::1]:3261'
expect "node: -L automatic with none automatic: 21" 21 'No records found' -m node -L automatic
expect "node: -U all with no sessions: 21" 21 'No matching sessions found' -m node -U all
expect "node: delete one" 0 '' -m node -T "$t" -p '[::1]:3261' -o delete
expect "node: one left" 0 "^127\.0\.0\.1:3260,1 $t\$" -m node
expect "node: delete of nothing: 21" 21 'No records found' -m node -T iqn.2026-11.org.x:none -o delete
expect "discoverydb: -o new" 0 'New discovery record for \[127\.0\.0\.1,3260\] added' \
	-m discoverydb -t st -p 127.0.0.1 -o new
expect "discoverydb: update" 0 '' -m discoverydb -t st -p 127.0.0.1 -o update \
	-n discovery.sendtargets.auth.authmethod -v CHAP
expect "discoverydb: show" 0 'discovery\.sendtargets\.auth\.authmethod = CHAP' \
	-m discoverydb -t st -p 127.0.0.1 -o show
check "discoverydb: st_config is open-iscsi's file" 0 '' \
	test -f "$ISCSI_MCS_ISCSI_DIR/send_targets/127.0.0.1,3260/st_config"
expect "discoverydb: show of an unknown portal: 21" 21 'not found' \
	-m discoverydb -t st -p 127.0.0.9 -o show
expect "discoverydb: delete" 0 '' -m discoverydb -t st -p 127.0.0.1 -o delete
expect "iface: built-ins listed as iscsiadm does" 0 \
	'^default tcp,<empty>,<empty>,<empty>,<empty>'$'\n''iser iser,<empty>,<empty>,<empty>,<empty>$' -m iface
expect "iface: new" 0 'New interface eth1 added' -m iface -I eth1 -o new
expect "iface: update" 0 'eth1 updated' -m iface -I eth1 -o update -n iface.net_ifacename -v eth1
expect "iface: listed with its netdev" 0 $'\n''eth1 tcp,<empty>,<empty>,eth1,<empty>$' -m iface
expect "iface: delete" 0 'eth1 unbound and deleted' -m iface -I eth1 -o delete
expect "iface: show of a missing one: 21" 21 'Could not read iface eth1' -m iface -I eth1
echo 'InitiatorName=iqn.2026-11.org.x:init' >"$ISCSI_MCS_INITIATORNAME_FILE"
expect "config -o name: the name and its source" 0 \
	"^InitiatorName=iqn\.2026-11\.org\.x:init"$'\n'"# source: $ISCSI_MCS_INITIATORNAME_FILE" -m config -o name
expect "update of InitiatorName writes the file" 0 '' \
	-m config -o update -n InitiatorName -v iqn.2026-11.org.x:other
check "the file holds the new name, mode 0600" 0 'InitiatorName=iqn\.2026-11\.org\.x:other.*600' \
	sh -c 'cat "$ISCSI_MCS_INITIATORNAME_FILE"; stat -c %a "$ISCSI_MCS_INITIATORNAME_FILE"'
if [[ ! -d /sys/module/iscsi_mcs ]]; then
	expect "module absent: ISCSI_ERR_ISCSID_NOTCONN (20)" 20 \
		'not loaded.*ISDSC_SERVICE_NOT_RUNNING, exit 20' -m config
	expect "module absent, login: 20" 20 \
		'Logging in to \[iface: default, target: iqn\.2026-11\.org\.x:t, portal: 127\.0\.0\.1,3261\].*ISDSC_SERVICE_NOT_RUNNING' \
		-m node -T iqn.2026-11.org.x:t -p 127.0.0.1:3261 --login
	expect "module absent, login from the record: 20" 20 \
		"Logging in to \[iface: default, target: $t, portal: 127\.0\.0\.1,3260\].*ISDSC_SERVICE_NOT_RUNNING" \
		-m node -T "$t" -l
	expect "module absent, no sessions: ISCSI_ERR_NO_OBJS_FOUND (21)" 21 '^mcsadm: No active sessions\.$' \
		-m session
	expect "module absent, session -P 3: 21" 21 'No active sessions' -m session -r 1 -P 3
	expect "module absent, --json: [] and 21" 21 '^\[\]$' -m session --json
	expect "module absent, -r by a device sysfs path parses: 21" 21 'No active sessions' \
		-m session -r /sys/devices/platform/host3/session7/iscsi_session/session7 -P 1
	expect "module absent, logout: 21" 21 'No active sessions' -m session -r 1 -u
	expect "module absent, addconn: 21" 21 'No active sessions' -m session -r 1 -o addconn -p 127.0.0.2
	expect "module absent, policy: 21" 21 'No active sessions' -m session -r 1 -o policy --policy weighted
	expect "module absent, weight: 21" 21 'No active sessions' \
		-m session -r 1 -o weight --cid 0 --weight 2 --standby no
	expect "module absent, discovery: 20" 20 'discovery at ::1,3260 failed.*ISDSC_SERVICE_NOT_RUNNING' \
		-m discovery -t sendtargets -p '[::1]'
fi
check "mcsadm.service logs automatic records in and out" 0 \
	'ExecStart=@SBINDIR@/mcsadm -m node -L automatic.*ExecStop=@SBINDIR@/mcsadm -m node -U automatic' \
	cat tools/mcsadm.service
tap_done
