#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: task distribution on a session of
# three connections. The policy changes at runtime while fio verifies the
# data; the per-connection counters show where commands went: fail-over
# keeps them all on one connection, weights 3:1 split them 3:1, standby
# connections stay idle; every refusal gives its errno and extack message.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
zero_id=00000000000000000000000000000000

# field SID NAME: "CID VALUE" per connection, from SESSION_GET.
field() {
	"$probe" session-get "$1" | tr ' ' '\n' |
		awk -F= -v f="$2" '$1 == "cid" { c = $2 } $1 == f && c != "" { print c, $2 }'
}

# snap SID: "CID COMMANDS" per connection, into the array named by $2.
snap() {
	local -n into=$2
	local cid n
	into=()
	# Here-strings, not process substitution: the VM has no /dev/fd.
	while read -r cid n; do into[$cid]=$n; done <<<"$(field "$1" cmds)"
}

# delta A B: commands per CID between two snapshots, " 0:N 1:N 2:N "
delta() {
	local -n a=$1 b=$2
	local cid out=" "
	for cid in $(printf '%s\n' "${!b[@]}" | sort -n); do
		out+="$cid:$((b[$cid] - ${a[$cid]:-0})) "
	done
	echo "$out"
}

modprobe -a sd_mod 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
lio_setup --max-connections 4 --size 128 >/dev/null
tap_result $((! $?)) "LIO: MaxConnections 4, portals .1 and .2"
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:policy >/dev/null

t_match "GET_VERSION: API version 4" ' api=4 ' "$probe" version
out=$("$probe" login "$LIO_IQN" 127.0.0.1)
sid=$(session_id "$out")
t_match "a new session is round robin (policy 0)" ' policy=0 ' echo "$out"
t_match "its connection: weight 1, not standby, counters" \
	'cid=0 .* weight=1 standby=0 cmds=[0-9]+ rbytes=[0-9]+ wbytes=[0-9]+ errs=0 depth=[0-9]+ lat_ns=[0-9]+' \
	echo "$out"
disk=$(mcs_wait_disk 30)
t_true "disk" test -n "$disk"
added=0
for p in 127.0.0.2 127.0.0.1; do
	"$probe" conn-add "$sid" "$p" | grep -q '^answer: cmd=' && added=$((added + 1))
done
t_true "three connections ($added added)" test "$added" = 2
conns=($("$probe" session-get "$sid" | grep -o ' conn=[0-9a-f]\{32\}' | cut -d= -f2))

# Round robin (the default) spreads evenly.
declare -A s0 s1
snap "$sid" s0
t_run "fio verify under round robin" fio_verify "$disk" 8M
snap "$sid" s1
d=$(delta s0 s1)
t_true "round robin: every connection carried commands ($d)" \
	test "$(grep -o ':[1-9]' <<<"$d" | wc -l)" = 3
t_match "latency EWMA measured on every connection" \
	'cid=0 .*lat_ns=[1-9][0-9]* .*cid=1 .*lat_ns=[1-9][0-9]* .*cid=2 .*lat_ns=[1-9]' \
	"$probe" session-get "$sid"
wsum=$(field "$sid" wbytes | awk '{ s += $2 } END { print s }')
rsum=$(field "$sid" rbytes | awk '{ s += $2 } END { print s }')
t_true "bytes written and read counted (>= 8 MiB each: $wsum, $rsum)" \
	test "$wsum" -ge $((8 << 20)) -a "$rsum" -ge $((8 << 20))

# Every policy in turn while fio verifies: no error, no mismatch.
fio_verify "$disk" 48M >/tmp/policy-fio 2>&1 &
fio=$!
switched=0
for p in failover rr-subset lqd weighted let rr failover let lqd rr; do
	sleep 1
	"$probe" session-set "$sid" "$p" | grep -q '^answer: ack' && switched=$((switched + 1))
done
wait "$fio"
rc=$?
tap_result $((switched == 10)) "SESSION_SET 10 times under I/O ($switched acknowledged)"
tap_result $((rc == 0)) "fio verify while the policy changed: no error, no mismatch"
[[ $rc == 0 ]] || tap_diag </tmp/policy-fio
t_true "no connection counted an error" \
	sh -c "! $probe session-get $sid | grep -q ' errs=[1-9]'"
t_match "SESSION_GET answers the last policy set (round robin)" ' policy=0 ' \
	"$probe" session-get "$sid"

# Fail-over only: everything on CID 0.
"$probe" session-set "$sid" failover >/dev/null
snap "$sid" s0
t_run "fio verify under fail-over" fio_verify "$disk" 8M
snap "$sid" s1
d=$(delta s0 s1)
t_true "fail-over: only CID 0 carried commands ($d)" \
	sh -c "echo '$d' | grep -q ' 0:[1-9]' && echo '$d' | grep -q ' 1:0 ' && echo '$d' | grep -q ' 2:0 '"

# CID 0 in standby: fail-over moves to the next connection.
t_match "CONN_SET standby=1 on CID 0" '^answer: ack' \
	"$probe" conn-set "$sid" "${conns[0]}" standby=1
t_match "SESSION_GET shows CID 0 in standby" 'cid=0 .* standby=1 ' \
	"$probe" session-get "$sid"
snap "$sid" s0
t_run "fio verify with CID 0 in standby" fio_verify "$disk" 8M
snap "$sid" s1
d=$(delta s0 s1)
t_true "fail-over: only CID 1 carried commands ($d)" \
	sh -c "echo '$d' | grep -q ' 0:0 ' && echo '$d' | grep -q ' 1:[1-9]' && echo '$d' | grep -q ' 2:0 '"

# Weighted 3:1 over CIDs 0 and 1, CID 2 in standby.
"$probe" conn-set "$sid" "${conns[0]}" standby=0 weight=3 >/dev/null
"$probe" conn-set "$sid" "${conns[1]}" weight=1 >/dev/null
"$probe" conn-set "$sid" "${conns[2]}" standby=1 >/dev/null
t_match "weights 3 and 1 answered" 'cid=0 .* weight=3 standby=0 .*cid=1 .* weight=1 standby=0 .*cid=2 .* standby=1 ' \
	"$probe" session-get "$sid"
t_match "SESSION_SET weighted" '^answer: ack' "$probe" session-set "$sid" weighted
snap "$sid" s0
t_run "fio verify under weighted" fio_verify "$disk" 16M
snap "$sid" s1
a=$((s1[0] - s0[0])) b=$((s1[1] - s0[1])) c=$((s1[2] - s0[2]))
t_true "weighted 3:1: $a to $b commands, ratio within 2.7 to 3.3" \
	test $((b > 0 && a * 10 >= b * 27 && a * 10 <= b * 33)) = 1
t_true "weighted: the standby connection carried nothing ($c)" test "$c" = 0

# Least queue depth and least expected time use every active connection.
"$probe" conn-set "$sid" "${conns[2]}" standby=0 >/dev/null
for p in lqd let; do
	"$probe" session-set "$sid" "$p" >/dev/null
	snap "$sid" s0
	t_run "fio verify under $p" fio_verify "$disk" 8M
	snap "$sid" s1
	t_true "$p: commands on more than one connection ($(delta s0 s1))" \
		test "$(delta s0 s1 | grep -o ':[1-9]' | wc -l)" -ge 2
done

# Refusals, each with its errno and message.
t_match "SESSION_SET policy 6: ERANGE" '^error: ERANGE: integer out of range' \
	"$probe" session-set "$sid" 6
t_match "SESSION_SET without a policy: EINVAL" \
	'^error: EINVAL: ISCSI_MCS_A_POLICY is required' "$probe" session-set "$sid"
t_match "SESSION_SET on an unknown session: ENOENT" \
	'^error: ENOENT: no session with this id in this namespace' \
	"$probe" session-set "$zero_id" rr
t_match "SESSION_SET unprivileged: EPERM" '^error: EPERM: CAP_NET_ADMIN' \
	"${as_nobody[@]}" "$probe" session-set "$sid" rr
t_match "CONN_SET weight 0: ERANGE" '^error: ERANGE: integer out of range' \
	"$probe" conn-set "$sid" "${conns[1]}" weight=0
t_match "CONN_SET weight 1001: ERANGE" '^error: ERANGE: integer out of range' \
	"$probe" conn-set "$sid" "${conns[1]}" weight=1001
t_match "CONN_SET standby 2: ERANGE" '^error: ERANGE: integer out of range' \
	"$probe" conn-set "$sid" "${conns[1]}" standby=2
t_match "CONN_SET setting nothing: EINVAL" \
	'^error: EINVAL: CONN_SET needs ISCSI_MCS_A_WEIGHT or ISCSI_MCS_A_STANDBY' \
	"$probe" conn-set "$sid" "${conns[1]}"
t_match "CONN_SET on an unknown connection: ENOENT" \
	'^error: ENOENT: no connection with this id in the session' \
	"$probe" conn-set "$sid" "$zero_id" weight=2
t_match "CONN_SET on an unknown session: ENOENT" \
	'^error: ENOENT: no session with this id in this namespace' \
	"$probe" conn-set "$zero_id" "${conns[1]}" weight=2
t_match "refusals changed nothing" ' policy=5 .*cid=1 .* weight=1 standby=0 ' \
	"$probe" session-get "$sid"

# A change is multicast as a session notification.
evlog=/tmp/policy-events
sntf=8	# ISCSI_MCS_CMD_SESSION_NTF
"$probe" listen 10000 >"$evlog" 2>&1 &
listener=$!
for _ in $(seq 50); do grep -q listening "$evlog" && break; sleep 0.1; done
"$probe" session-set "$sid" rr-subset >/dev/null
wait "$listener"
t_match "SESSION_SET notifies SESSION_NTF with the new policy" \
	"answer: cmd=${sntf} .* policy=2 " cat "$evlog"

t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"

# The policy can be chosen at login.
out=$("$probe" login "$LIO_IQN" 127.0.0.1 policy=lqd)
sid=$(session_id "$out")
t_match "LOGIN with a policy: SESSION_GET answers it (3)" ' policy=3 ' \
	"$probe" session-get "$sid"
t_match "LOGIN with policy 9: ERANGE" '^error: ERANGE' \
	"$probe" login "$LIO_IQN" 127.0.0.1 policy=9
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
lio_teardown
t_run "rmmod" rmmod iscsi_mcs
tap_done
