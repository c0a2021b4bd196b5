#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against tgt (Debian's userspace iSCSI target), a
# second implementation beside LIO: what tgt grants by default, then a
# session grown to 4 connections under fio verify and shrunk back to one,
# logout as tgt sees it; tgt repeats MaxConnections in the answer to an
# added connection, which the module ignores (and notes once) when it is
# the session's value and refuses otherwise; header and data digests; CHAP
# (which tgt gets wrong).
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}" || exit 1
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/module.sh
. tests/lib/disk.sh
. tests/lib/tgt.sh

iname=iqn.2026-12.org.iscsi-mcs:tgt-e2e
repeat_re='target repeats leading-only key MaxConnections=8 in a non-leading login: ignored'

no_sessions() { [[ $("$probe" sessions) == "answer: ack" ]]; }
tgt_no_session() { [[ $(tgt_session_count) == 0 ]]; }
conns_of() { "$probe" session-get "$1" | grep -o ' conn=[0-9a-f]\{32\}' | cut -d= -f2; }

cleanup() {
	tgt_stop
	rm -f "$TGT_FILE"
}
trap cleanup EXIT

modprobe -a sd_mod 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
"$probe" config-set initiator_name=$iname >/dev/null
# Not in a subshell: tgt_start keeps tgtd's pid for tgt_stop.
tgt_start
tap_result $((! $?)) "tgtd runs and listens on port 3260"
if [[ -z $TGT_PID ]]; then
	tap_done
	exit
fi

# --- what tgt grants when left alone: one connection, ERL 0
tgt_setup --size 16 >/dev/null
tap_result $((! $?)) "tgt: a target with a 16 MiB file-backed LUN, bound to all initiators"
out=$("$probe" login "$TGT_IQN" 127.0.0.1 erl=2)
sid=$(session_id "$out")
t_match "tgt's defaults: asked for ERL 2, the session gets MaxConnections 1 and ERL 0" \
	'^answer: cmd=5 .* maxconn=1 erl=0 ' echo "$out"
t_match "CONN_ADD against MaxConnections 1: EUSERS, refused locally" '^error: EUSERS' \
	"$probe" conn-add "$sid" 127.0.0.1
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
tgt_teardown

# --- MaxConnections 8: login, I/O, 4 connections, back to one
tgt_setup --size 128 --max-connections 8 >/dev/null
tap_result $((! $?)) "tgt: 128 MiB LUN, MaxConnections 8"
out=$("$probe" login "$TGT_IQN" 127.0.0.1)
sid=$(session_id "$out")
t_match "LOGIN: the session negotiates MaxConnections 8 with tgt" \
	"^answer: cmd=5 .*session=$sid state=0 .*target=$TGT_IQN initiator=$iname maxconn=8 " echo "$out"
wait_for 10 test "$(tgt_session_count)" = 1
t_true "tgt sees one session with one connection" \
	test "$(tgt_session_count):$(tgt_conn_count)" = 1:1
disk=$(mcs_wait_disk 30)
t_true "tgt's LUN 1 shows up as a disk (LUN 0 is tgt's controller)" test -n "$disk"
disk=${disk:-none} # fio fails fast rather than writing somewhere in /dev
t_match "its size is the backing file's" '^134217728$' blockdev --getsize64 "/dev/$disk"
t_run "fio verify on one connection" fio_verify "$disk" 8M

added=0
for p in 127.0.0.1 127.0.0.2 127.0.0.3; do
	"$probe" conn-add "$sid" "$p" | grep -q '^answer: cmd=' && added=$((added + 1))
done
tap_result $((added == 3)) "CONN_ADD to tgt 3 times, through 127.0.0.1, .2 and .3 ($added added)"
t_true "the session has 4 connections" test "$(nconns "$sid")" = 4
t_true "tgt sees one session with 4 connections" \
	test "$(tgt_session_count):$(tgt_conn_count)" = 1:4
t_match "connections on all three addresses, CIDs 0 to 3" \
	'cid=0 .*portal=127\.0\.0\.1:3260.*cid=1 .*portal=127\.0\.0\.1:3260.*cid=2 .*portal=127\.0\.0\.2:3260.*cid=3 .*portal=127\.0\.0\.3:3260' \
	"$probe" session-get "$sid"
n=$(dmesg | grep -c "$repeat_re")
tap_result $((n == 1)) "kernel log: tgt's repeated MaxConnections=8 noted once ($n times)"
t_run "fio verify across 4 connections" fio_verify "$disk" 16M
t_true "every connection carried commands" \
	sh -c "! $probe session-get $sid | grep -q ' rx=[0-2] '"

# A value other than the session's is refused. tgt answers with its
# current setting, so change it under the live session; the reason names
# the key.
tgt_adm --op update --mode target --tid $TGT_TID --name MaxConnections --value 4 >/dev/null
t_match "tgt now repeats MaxConnections=4: that CONN_ADD is refused (EPROTO)" \
	"^error: EPROTO: leading-only key MaxConnections in a non-leading login differs from the session's" \
	"$probe" conn-add "$sid" 127.0.0.2
tgt_adm --op update --mode target --tid $TGT_TID --name MaxConnections --value 8 >/dev/null
t_true "the refused connection left the session with its 4" test "$(nconns "$sid")" = 4
wait_for 10 test "$(tgt_conn_count)" = 4
t_true "and tgt with 4" test "$(tgt_conn_count)" = 4

read -ra conns <<<"$(conns_of "$sid" | tr "\n" " ")"
fio_verify "$disk" 16M 3 >/tmp/tgt-fio 2>&1 &
fio=$!
removed=0
for c in "${conns[@]:1}"; do
	sleep 0.5 # let fio's commands spread over the connections first
	"$probe" conn-remove "$sid" "$c" | grep -q '^answer: ack' && removed=$((removed + 1))
done
wait "$fio"
rc=$?
tap_result $((removed == 3)) "CONN_REMOVE 3 times under fio ($removed removed)"
tap_result $((rc == 0)) "fio verify while connections were removed: no error, no mismatch"
((rc == 0)) || tap_diag </tmp/tgt-fio
t_true "the session has 1 connection" test "$(nconns "$sid")" = 1
wait_for 10 test "$(tgt_conn_count)" = 1
t_true "tgt sees 1 connection" test "$(tgt_conn_count)" = 1
t_match "no connection failed" ' cstate=0 .*conns=1' "$probe" session-get "$sid"
# tgt closes each removed connection right after its Logout Response: an
# answered Logout, not a failed one.
n=$(dmesg | grep -c 'connection [0-9]*: logout: ')
tap_result $((n == 0)) "kernel log: no Logout of a removed connection taken for failed ($n)"
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
t_true "the disk is gone" test -z "$(mcs_disks)"
wait_for 10 tgt_no_session
t_true "tgt shows no session" tgt_no_session
tgt_teardown

# --- header and data digests (CRC32C), on an added connection too
tgt_setup --size 32 --max-connections 8 --param HeaderDigest=CRC32C \
	--param DataDigest=CRC32C >/dev/null
tap_result $((! $?)) "tgt: HeaderDigest and DataDigest CRC32C"
out=$("$probe" login "$TGT_IQN" 127.0.0.1 hd=3 dd=3)
sid=$(session_id "$out")
t_match "login with header and data digests" '^answer: cmd=5 .* hd=1 dd=1 ' echo "$out"
t_match "CONN_ADD with digests" '^answer: cmd=.* hd=1 dd=1 ' "$probe" conn-add "$sid" 127.0.0.2
disk=$(mcs_wait_disk 30)
t_true "disk with digests" test -n "$disk"
disk=${disk:-none}
t_run "fio verify with digests over 2 connections" fio_verify "$disk" 8M
t_match "no connection failed" ' cstate=0 .*cstate=0 .*conns=2' "$probe" session-get "$sid"
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
wait_for 10 tgt_no_session
tgt_teardown

# --- CHAP. tgt reads CHAP_A=7 as SHA-1 (IANA: 6 is SHA-1, 7 SHA-256) and
# picks it from the module's offer 8,7,6,5, then expects a 20-byte
# CHAP_R and gets SHA-256's 32: it fails every CHAP login. The module
# offers every algorithm it can compute, with no way to narrow the list to
# MD5 (what open-iscsi's node.session.auth.chap_algs is for). This records
# that, and that the failure leaves nothing behind; it breaks the day
# either side changes.
tgt_setup --size 16 --max-connections 8 --chap e2euser:e2esecret1234 >/dev/null
tap_result $((! $?)) "tgt: a CHAP account bound to the target"
t_match "CHAP with tgt fails: it takes CHAP_A=7 for SHA-1 [status 0x0200]" \
	'^error: EINVAL: target refused the login: initiator error \[status 0x0200\]' \
	"$probe" login "$TGT_IQN" 127.0.0.1 chap=e2euser:e2esecret1234
t_match "tgt's log: a 20-byte SHA-1 buffer for the 32-byte SHA-256 CHAP_R" \
	'buf\[20\] !sufficient to decode string\[66\]' cat "$TGT_LOG"
t_match "no CHAP offered to a target that requires it: refused" '^error: E[A-Z]+: ' \
	"$probe" login "$TGT_IQN" 127.0.0.1
t_true "no session left after the CHAP failures" no_sessions
t_true "and none at tgt" tgt_no_session
tgt_teardown

t_run "rmmod" rmmod iscsi_mcs
echo "# tgt.sh: $SECONDS s"
tap_done
