#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: sessions logged in by the module
# itself over kernel sockets. Login and logout as LIO sees them, the
# session's tree, events, keepalive answered, CHAP and mutual CHAP right
# and wrong, digests, and every kind of failure leaving no half-made
# session behind.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh

iname=iqn.2026-11.org.iscsi-mcs:e2e
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

no_sessions() { [[ $("$probe" sessions) == "answer: ack" ]]; }

t_run "insmod iscsi_mcs" mcs_insmod
# Not in a subshell: lio_setup sets LIO_* for the rest of the script.
lio_setup --max-connections 8 >/dev/null
tap_result $((! $?)) "LIO: one TPG, two portals, MaxConnections 8"
"$probe" config-set initiator_name=$iname >/dev/null

# --- a plain login, seen from both sides
evlog=$(mktemp)
"$probe" listen 15000 >"$evlog" 2>&1 &
listener=$!
for _ in $(seq 50); do grep -q listening "$evlog" && break; sleep 0.1; done

out=$("$probe" login "$LIO_IQN" 127.0.0.1)
sid=$(session_id "$out")
t_true "LOGIN answers a 128-bit session id" test -n "$sid"
t_match "LOGIN answers the connection id and the session tree" \
	"conn_id=[0-9a-f]{32} session=$sid state=0 isid=0x[0-9a-f]{12} tsih=[1-9][0-9]* tpgt=1 target=$LIO_IQN initiator=$iname maxconn=8 erl=0 .*conn1: (conn=[0-9a-f]{32} )?cid=0 cstate=0 portal=127\.0\.0\.1:3260 hd=0 dd=0 .*conns=1" \
	echo "$out"
wait "$listener"
t_match "SESSION_NTF multicast when the session is made" "answer: cmd=8 session=$sid state=0" cat "$evlog"
rm -f "$evlog"
t_true "LIO sees one session" test "$(lio_session_count)" = 1
t_true "LIO sees one TCP connection on 127.0.0.1" test "$(lio_conn_count)" = 1
t_match "SESSION_GET by id" "^answer: cmd=7 session=$sid state=0" "$probe" session-get "$sid"
t_match "SESSION_GET dump lists it" "^answer: cmd=7 session=$sid" "$probe" sessions
t_match "SESSION_GET of an unknown id: ENOENT" '^error: ENOENT: no session with this id' \
	"$probe" session-get 00000000000000000000000000000000
t_match "SESSION_GET is open to unprivileged users" "session=$sid" \
	"${as_nobody[@]}" "$probe" session-get "$sid"
t_match "LOGOUT by an unprivileged user: EPERM" '^error: EPERM: CAP_NET_ADMIN' \
	"${as_nobody[@]}" "$probe" logout "$sid"

# LIO pings idle connections every 15 s; an unanswered ping kills them.
sleep 20
t_match "target's NOP-In answered: the session is alive after 20 s idle" \
	"session=$sid state=0 .*cstate=0 .*rx=[1-9][0-9]* tx=[1-9][0-9]* conns=1" \
	"$probe" session-get "$sid"
t_true "LIO still has the session" test "$(lio_session_count)" = 1

t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
t_true "LIO has no session after logout" test "$(lio_session_count)" = 0
t_true "no session left in the module" no_sessions
t_match "LOGOUT again: ENOENT" '^error: ENOENT' "$probe" logout "$sid"

# --- failures leave nothing behind
t_match "unknown target: refused with the target's login status" \
	'^error: E[A-Z]+: target (refused|failed) the login.*\[status 0x0[23][0-9a-f]{2}\]' \
	"$probe" login iqn.2026-11.org.iscsi-mcs:nosuch 127.0.0.1
t_match "nothing listening on the port: ECONNREFUSED" '^error: ECONNREFUSED: portal refused' \
	"$probe" login "$LIO_IQN" 127.0.0.1:3999
"$probe" config-set login_timeout_ms=2000 >/dev/null
# No udev, no autoload of the netlink family: load nftables by hand.
modprobe -a nf_tables nfnetlink 2>/dev/null
nft add table inet mcs_e2e
nft add chain inet mcs_e2e in '{ type filter hook input priority 0; }'
nft add rule inet mcs_e2e in tcp dport 3270 drop
t_match "unreachable portal: ETIMEDOUT after the login timeout" \
	'^error: ETIMEDOUT: portal did not answer within the login timeout' \
	"$probe" login "$LIO_IQN" 127.0.0.1:3270
nft delete table inet mcs_e2e
"$probe" config-set login_timeout_ms=15000 >/dev/null
t_true "no half-made session after the failures" no_sessions
t_true "LIO has no session after the failures" test "$(lio_session_count)" = 0

t_match "LOGIN by an unprivileged user: EPERM" '^error: EPERM' \
	"${as_nobody[@]}" "$probe" login "$LIO_IQN" 127.0.0.1

while read -r what errno msg args; do
	# shellcheck disable=SC2086
	t_match "LOGIN $what: $errno with a message" "^error: $errno: $msg" \
		"$probe" login $args
done <<CASES
bad-target-name EINVAL iqn.name.has.a.month iqn.2026-13.org.x 127.0.0.1
bad-initiator-name EINVAL iSCSI.name.must.start $LIO_IQN 127.0.0.1 initiator=foo
isid-over-48-bits EINVAL ISID.has.only.48.bits $LIO_IQN 127.0.0.1 isid=0x1000000000000
isid-type-3 EINVAL ISID.type.3.is.reserved $LIO_IQN 127.0.0.1 isid=0xc00000000001
secret-too-short ERANGE [^(] $LIO_IQN 127.0.0.1 chap=user:short
mutual-same-secret EINVAL mutual.CHAP.secret.must.differ $LIO_IQN 127.0.0.1 chap=u:secretsecret12 mutual=t:secretsecret12
digest-out-of-range ERANGE [^(] $LIO_IQN 127.0.0.1 hd=9
first-burst-over-max EINVAL [^(] $LIO_IQN 127.0.0.1 fbl=65536 mbl=8192
CASES
t_match "LOGIN without a target name: EINVAL" '^error: EINVAL: ISCSI_MCS_A_TARGET_NAME is required' \
	"$probe" malformed login-no-target
t_true "no session after the refused requests" no_sessions
lio_teardown

# --- CHAP, one way and mutual
lio_setup --max-connections 8 --acl "$iname" --chap e2euser:e2esecret1234 \
	--mutual-chap e2etarget:e2etargetsecret >/dev/null
t_match "mutual CHAP with the right secrets" '^answer: cmd=5 id=' \
	"$probe" login "$LIO_IQN" 127.0.0.2 chap=e2euser:e2esecret1234 \
	mutual=e2etarget:e2etargetsecret
sid=$(session_id "$("$probe" sessions)")
t_true "LIO sees the CHAP session" test "$(lio_session_count)" = 1
t_match "logout of the CHAP session" '^answer: ack' "$probe" logout "$sid"
t_match "wrong CHAP secret: EACCES, status 0x0201" \
	'^error: EACCES: target refused the login: authentication failed \[status 0x0201\]' \
	"$probe" login "$LIO_IQN" 127.0.0.1 chap=e2euser:wrongsecret1234
t_match "target proves a wrong mutual secret: EACCES" '^error: EACCES' \
	"$probe" login "$LIO_IQN" 127.0.0.1 chap=e2euser:e2esecret1234 \
	mutual=e2etarget:notthetargets
t_match "no CHAP offered to a target that requires it: refused" '^error: E[A-Z]+: ' \
	"$probe" login "$LIO_IQN" 127.0.0.1
t_true "no session left after the CHAP failures" no_sessions
lio_teardown

# --- our keepalive: NOP-Out pings when idle, failure when unanswered
lio_setup --max-connections 8 >/dev/null
"$probe" config-set noop_interval_ms=1000 noop_timeout_ms=1000 >/dev/null
sid=$(session_id "$("$probe" login "$LIO_IQN" 127.0.0.1)")
sleep 2
counts() { "$probe" session-get "$sid" | grep -o ' [rt]x=[0-9]*' | cut -d= -f2 | tr '\n' ' '; }
read -r rx0 tx0 <<<"$(counts)"
sleep 3
read -r rx1 tx1 <<<"$(counts)"
tap_result $((tx1 - tx0 >= 2 && rx1 - rx0 >= 2)) \
	"idle connection pings every second and gets answers (tx $tx0->$tx1, rx $rx0->$rx1)"
evlog=$(mktemp)
"$probe" listen 15000 >"$evlog" 2>&1 &
listener=$!
for _ in $(seq 50); do grep -q listening "$evlog" && break; sleep 0.1; done
nft add table inet mcs_ping
nft add chain inet mcs_ping in '{ type filter hook input priority 0; }'
nft add rule inet mcs_ping in tcp sport 3260 drop
sleep 4
# Failed: recovery (tests/e2e/recovery.sh) drops the dead connection and
# keeps trying to reinstate the session while the target stays silent.
t_match "unanswered ping: the connection and its only session fail" \
	"session=$sid state=1 " "$probe" session-get "$sid"
wait "$listener"
t_match "the failure is multicast" "answer: cmd=14 id=$sid conn_id=[0-9a-f]{32} cid=0 event=2" \
	cat "$evlog"
rm -f "$evlog"
t_match "the kernel log says why" 'no NOP-In answered our NOP-Out' dmesg
nft delete table inet mcs_ping
"$probe" config-set noop_interval_ms=5000 noop_timeout_ms=5000 >/dev/null
t_match "LOGOUT of the failed session" '^answer: ack' "$probe" logout "$sid"
lio_teardown

# --- digests
lio_setup --max-connections 8 --header-digest CRC32C --data-digest CRC32C >/dev/null
t_match "header and data digests negotiated when required" \
	'^answer: cmd=5 .* hd=1 dd=1 ' \
	"$probe" login "$LIO_IQN" 127.0.0.1 hd=3 dd=3

# --- rmmod with a live session logs it out
t_run "rmmod with a live session" rmmod iscsi_mcs
t_true "LIO has no session after rmmod" test "$(lio_session_count)" = 0
lio_teardown
tap_done
