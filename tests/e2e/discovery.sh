#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: SendTargets discovery by the module
# (ISCSI_MCS_CMD_DISCOVER). The exact list LIO answers for a target with
# two portal groups, IPv6 portals, an answer continued over several Text
# Responses, digests on the discovery session, discovery CHAP right and
# wrong, an empty answer, unreachable portals, permissions and malformed
# requests; and that no discovery session or connection stays behind.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh

iname=iqn.2026-11.org.iscsi-mcs:e2e
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

no_sessions() { [[ $("$probe" sessions) == "answer: ack" ]]; }
# Established TCP connections to any iSCSI portal of these tests.
tcp_left() { ss -Htn state established '( sport = :3260 or sport = :3261 )' | wc -l; }
# Neither LIO nor the module keeps anything of a discovery.
nothing_left() {
	[[ $(lio_session_count) == 0 && $(tcp_left) == 0 ]] && no_sessions
}
# The pr_debug line of the last discovery: "... in N Text Responses, digests H/D".
last_disc_log() { dmesg | grep 'SendTargets answer of' | tail -n1; }

# dyndbg: the module's pr_debug says how many Text Responses an answer took.
t_run "insmod iscsi_mcs (with its debug messages)" mcs_insmod dyndbg=+p
lio_setup --tpg2-portal 127.0.0.3:3260 >/dev/null
tap_result $((! $?)) "LIO: tpgt 1 on 127.0.0.1 and 127.0.0.2, tpgt 2 on 127.0.0.3"
"$probe" config-set initiator_name=$iname >/dev/null

caps=$("$probe" version | grep -o 'caps=0x[0-9a-f]*' | cut -d= -f2)
t_true "GET_VERSION announces SendTargets discovery (caps ${caps:-none})" \
	test $(((${caps:-0} >> 3) & 1)) = 1

# --- what LIO answers, exactly: every portal of both groups, in order
want="^answer: cmd=9 targets=1 target=$LIO_IQN portals=3 portal=127\.0\.0\.1:3260,1 portal=127\.0\.0\.2:3260,1 portal=127\.0\.0\.3:3260,2$"
t_match "DISCOVER at 127.0.0.1 lists the target with its three portals and TPGTs" \
	"$want" "$probe" discover 127.0.0.1
t_match "one Text Response, no digests" 'in 1 Text Responses, digests 0/0$' last_disc_log
t_true "no discovery session left in LIO, no connection, no module session" nothing_left
t_match "DISCOVER at the tpgt 2 portal answers the same list" "$want" \
	"$probe" discover 127.0.0.3:3260
t_match "DISCOVER with CRC32C header and data digests" "$want" \
	"$probe" discover 127.0.0.1 hd=1 dd=1
t_match "the discovery session ran with both digests" 'digests 1/1$' last_disc_log
t_true "nothing left after three discoveries" nothing_left

# --- refusals
t_match "DISCOVER by an unprivileged user: EPERM" '^error: EPERM: CAP_NET_ADMIN' \
	"${as_nobody[@]}" "$probe" discover 127.0.0.1
t_match "nothing listening on the port: ECONNREFUSED" \
	'^error: ECONNREFUSED: portal refused the TCP connection$' \
	"$probe" discover 127.0.0.1:3999
"$probe" config-set login_timeout_ms=2000 >/dev/null
# No udev, no autoload of the netlink family: load nftables by hand.
modprobe -a nf_tables nfnetlink 2>/dev/null
nft add table inet mcs_disc
nft add chain inet mcs_disc in '{ type filter hook input priority 0; }'
nft add rule inet mcs_disc in tcp dport 3270 drop
t_match "unreachable portal: ETIMEDOUT after the login timeout" \
	'^error: ETIMEDOUT: portal did not answer within the login timeout$' \
	"$probe" discover 127.0.0.1:3270
nft delete table inet mcs_disc
"$probe" config-set login_timeout_ms=15000 >/dev/null
t_match "without ISCSI_MCS_A_PORTAL: EINVAL" '^error: EINVAL: ISCSI_MCS_A_PORTAL is required$' \
	"$probe" malformed discover-no-portal
t_match "with a target name: EINVAL, DISCOVER takes none" '^error: EINVAL: [^(]' \
	"$probe" malformed discover-target-name
t_match "with a LOGIN option irrelevant to discovery: EINVAL" '^error: EINVAL: [^(]' \
	"$probe" malformed discover-max-connections
t_match "with an ISID: EINVAL" '^error: EINVAL: [^(]' \
	"$probe" discover 127.0.0.1 isid=0x1
t_match "bad initiator name: EINVAL with the rule" '^error: EINVAL: iSCSI.name.must.start' \
	"$probe" discover 127.0.0.1 initiator=foo
t_match "CHAP secret too short: ERANGE" '^error: ERANGE: [^(]' \
	"$probe" discover 127.0.0.1 chap=user:short
t_match "digest out of range: ERANGE" '^error: ERANGE: [^(]' \
	"$probe" discover 127.0.0.1 hd=9
t_true "nothing left after the refusals" nothing_left
lio_teardown

# --- discovery CHAP
lio_setup --discovery-chap discuser:discsecret1234 >/dev/null
tap_result $((! $?)) "LIO: discovery authentication enforced"
t_match "discovery CHAP with the right secret lists the target" \
	"^answer: cmd=9 targets=1 target=$LIO_IQN portals=2 portal=127\.0\.0\.1:3260,1 portal=127\.0\.0\.2:3260,1$" \
	"$probe" discover 127.0.0.1 chap=discuser:discsecret1234
t_match "wrong discovery CHAP secret: EACCES, status 0x0201" \
	'^error: EACCES: target refused the login: authentication failed \[status 0x0201\]$' \
	"$probe" discover 127.0.0.1 chap=discuser:wrongsecret1234
# LIO answers AuthMethod=None with no Login Response at all: it drops the
# connection ("Proposer's value list "None" contains no valid values").
t_match "no CHAP offered where discovery needs it: refused with a message" \
	'^error: (ECONNRESET: connection lost during login|E[A-Z]+: target refused the login: .*\[status 0x02[0-9a-f]{2}\])$' \
	"$probe" discover 127.0.0.1
t_match "mutual CHAP the target cannot do for discovery: EACCES" '^error: EACCES: ' \
	"$probe" discover 127.0.0.1 chap=discuser:discsecret1234 mutual=disctarget:disctargetsecret
t_true "nothing left after the CHAP discoveries" nothing_left
lio_teardown

# --- an answer LIO must give in several Text Responses: six targets of one
# portal each (LIO miscounts what it skipped when one target has several
# portals, so the continuation is tested without those), with our
# MaxRecvDataSegmentLength at its minimum, 512 bytes
long=iqn.2026-11.org.iscsi-mcs:a-rather-long-target-name-to-fill-the-answer
want="^answer: cmd=9 targets=6"
for i in 1 2 3 4 5 6; do
	lio_setup --iqn "$long-$i" --portal "127.0.1.$i:3260" >/dev/null 2>&1 ||
		echo "lio_setup $long-$i failed" | tap_diag
	want+=" target=$long-$i portals=1 portal=127\.0\.1\.$i:3260,1"
done
want+='$'
t_match "six targets in one Text Response" "$want" "$probe" discover 127.0.1.1
t_match "... indeed one" 'in 1 Text Responses' last_disc_log
t_match "six targets, answer continued with the C bit (MaxRecvDataSegmentLength 512)" \
	"$want" "$probe" discover 127.0.1.4 mrdsl=512
t_match "the answer took several Text Responses" 'in ([2-9]|[1-9][0-9]+) Text Responses' last_disc_log
t_true "no TCP connection left on the six portals" test "$(tcp_left)" = 0
lio_teardown

# --- an IPv6 portal in the answer (the discovery itself over IPv4)
if lio_setup --portal 127.0.0.1:3260 --tpg2-portal '[::1]:3261' >/dev/null 2>&1; then
	t_match "an IPv6 TargetAddress is parsed" \
		"^answer: cmd=9 targets=1 target=$LIO_IQN portals=2 portal=127\.0\.0\.1:3260,1 portal=\[::1\]:3261,2$" \
		"$probe" discover 127.0.0.1
else
	tap_result 0 "LIO: a portal on [::1]:3261"
fi
lio_teardown

# --- nothing to see for this initiator: an empty answer, not an error
lio_setup --acl iqn.2026-11.org.iscsi-mcs:someone-else --attrib demo_mode_discovery=0 >/dev/null
t_match "no target visible to this initiator: an empty list" '^answer: cmd=9 targets=0$' \
	"$probe" discover 127.0.0.1
t_true "nothing left after the empty discovery" nothing_left
lio_teardown

t_run "rmmod iscsi_mcs" rmmod iscsi_mcs
tap_done
