#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: connections lost under I/O. fio
# verifies while one connection is killed from the target's side, and
# while one portal's packets are dropped past the NOP-Out timeout, at
# ErrorRecoveryLevel 0 and 2. At ERL 0 the session is reinstated; at ERL 2
# it stays up and the lost connections' tasks move to the others (Logout
# for recovery, retries, TASK REASSIGN). Either way the connections come
# back (those through the dropped portal once it answers again), and fio
# sees no error and no mismatch. MCS_RECOVERY_ERLS="0" runs one level only.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh


lio_sessions_are() { [[ $(lio_session_count) == "$1" ]]; }
healthy() { [[ $(state "$1") == 0 && $(nconns "$1") == "$2" ]]; }
reinstated() { [[ $(dmesg | grep -c "session $1 reinstated") -ge $2 ]]; }
moved() { [[ $(dmesg | grep -c "session $1: connection [0-9]*'s tasks moved") -ge $2 ]]; }
# Some task was resumed by TASK REASSIGN (LIO's answers make it "watched").
resumed() {
	dmesg | grep "session $1: connection [0-9]*'s tasks moved" |
		grep -Eq ' ([1-9][0-9]* resumed|[1-9][0-9]* watched)'
}

# drop RULE...: drop what each nft RULE matches, until undrop.
drop() {
	local r
	nft add table inet mcs_rec
	nft add chain inet mcs_rec in '{ type filter hook input priority 0; }'
	for r in "$@"; do
		nft add rule inet mcs_rec in $r drop
	done
}
undrop() { nft delete table inet mcs_rec; }

# Target-side sockets of connections through portal $1.
target_ports() {
	ss -Htn state established src "$1" '( sport = :3260 )' | awk '{print $4}' | sed 's/.*://'
}

# ss -K needs the socket diagnostics, which nothing autoloads here.
modprobe -a sd_mod nf_tables nfnetlink inet_diag tcp_diag 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:recovery \
	noop_interval_ms=2000 noop_timeout_ms=2000 login_timeout_ms=3000 >/dev/null

for erl in ${MCS_RECOVERY_ERLS:-0 2}; do
	if ((erl == 2)); then
		# Unpatched, LIO 6.1 oopses on the first command it kept from a
		# failed connection (scripts/lio-fixed.sh says why).
		t_run "ERL 2: LIO's target module with the ERL 2 fix" lio_load_fixed
	fi
	lio_setup --max-connections 8 --size 128 --erl $erl >/dev/null
	tap_result $((! $?)) "ERL $erl: LIO with MaxConnections 8 and ErrorRecoveryLevel $erl"
	out=$("$probe" login "$LIO_IQN" 127.0.0.1 erl=$erl)
	sid=$(session_id "$out")
	t_match "ERL $erl: login negotiates ErrorRecoveryLevel $erl" " erl=$erl " echo "$out"
	for p in 127.0.0.2 127.0.0.1 127.0.0.2; do
		"$probe" conn-add "$sid" $p >/dev/null
	done
	t_true "ERL $erl: four connections across both portals" test "$(nconns "$sid")" = 4
	disk=$(mcs_wait_disk 30)
	t_true "ERL $erl: disk" test -n "$disk"

	# A weight set on CID 0 must survive its recovery.
	c0=$("$probe" session-get "$sid" | grep -o 'conn=[0-9a-f]\{32\} cid=0 ' | cut -d' ' -f1 | cut -d= -f2)
	t_match "ERL $erl: CONN_SET weight=3 on CID 0" '^answer: ack' \
		"$probe" conn-set "$sid" "$c0" weight=3

	# --- one connection killed from the target's side under I/O
	"$probe" listen 120000 all >/tmp/rec-events 2>&1 &
	listener=$!
	fio_verify "$disk" 32M 12 >/tmp/rec-fio1 2>&1 &
	fio=$!
	sleep 3
	port=$(target_ports 127.0.0.2 | head -n1)
	t_true "ERL $erl: LIO's socket of one connection killed (ss -K)" \
		ss -K -tn state established '(' sport = :3260 and dport = :"$port" ')'
	if ((erl == 2)); then
		t_true "ERL 2: the lost connection's tasks move to another one" \
			wait_for 60 moved "$sid" 1
	else
		t_true "ERL 0: the session is reinstated" wait_for 60 reinstated "$sid" 1
	fi
	t_true "ERL $erl: all four connections are back" wait_for 60 healthy "$sid" 4
	t_match "ERL $erl: CID 0 logged in again keeps its weight" \
		' cid=0 cstate=0 [^:]*:3260 hd=0 dd=0 weight=3 ' "$probe" session-get "$sid"
	wait "$fio"
	rc=$?
	tap_result $((rc == 0)) "ERL $erl: fio verify across the kill: no error, no mismatch"
	((rc == 0)) || tap_diag </tmp/rec-fio1
	t_true "ERL $erl: LIO is left with one session" wait_for 40 lio_sessions_are 1
	kill "$listener" 2>/dev/null
	wait "$listener" 2>/dev/null
	t_match "ERL $erl: CONN_NTF: a connection failed" \
		"cmd=14 id=$sid conn_id=[0-9a-f]{32} cid=[0-9]+ event=2" cat /tmp/rec-events
	if ((erl == 2)); then
		t_true "ERL 2: CONN_NTF: the connection recovered" \
			grep -q "cmd=14 id=$sid .* event=3" /tmp/rec-events
		t_true "ERL 2: the session never failed, nor was reinstated" \
			eval '! grep -q "cmd=8 session=$sid state=1" /tmp/rec-events && ! reinstated "$sid" 1'
	else
		t_true "ERL 0: CONN_NTF: four connections recovered" \
			test "$(grep -c "cmd=14 id=$sid .* event=3" /tmp/rec-events)" -ge 4
		t_match "ERL 0: SESSION_NTF: the session failed, then recovered" \
			"cmd=8 session=$sid state=1.*cmd=8 session=$sid state=0" tr '\n' ' ' </tmp/rec-events
	fi

	# --- one portal's packets dropped past the NOP-Out timeout
	drop 'ip daddr 127.0.0.2 tcp dport 3260' 'ip saddr 127.0.0.2 tcp sport 3260'
	fio_verify "$disk" 32M 12 >/tmp/rec-fio2 2>&1 &
	fio=$!
	if ((erl == 2)); then
		t_true "ERL 2: after the NOP-Out timeout both lost connections' tasks move" \
			wait_for 60 moved "$sid" 3
	else
		t_true "ERL 0: reinstated again after the NOP-Out timeout" \
			wait_for 60 reinstated "$sid" 2
	fi
	t_true "ERL $erl: the two connections through 127.0.0.1 carry on" wait_for 60 healthy "$sid" 2
	wait "$fio"
	rc=$?
	tap_result $((rc == 0)) "ERL $erl: fio verify with a portal dropped: no error, no mismatch"
	((rc == 0)) || tap_diag </tmp/rec-fio2
	undrop
	t_true "ERL $erl: the portal answers again: its connections come back" \
		wait_for 90 healthy "$sid" 4
	if ((erl == 2)); then
		# --- only the target's answers through one portal dropped: the
		# commands arrive and run, their status does not. Those tasks
		# are resumed on another connection with TASK REASSIGN.
		fio_verify "$disk" 32M 12 >/tmp/rec-fio3 2>&1 &
		fio=$!
		# Commands flowing on every connection first.
		sleep 2
		drop 'ip saddr 127.0.0.2 tcp sport 3260'
		wait_for 60 resumed "$sid"
		rc=$?
		tap_result $((rc == 0)) "ERL 2: answers lost: executed tasks are resumed with TASK REASSIGN"
		((rc == 0)) || dmesg | grep "session $sid" | tail -n 8 | tap_diag
		wait "$fio"
		rc=$?
		tap_result $((rc == 0)) "ERL 2: fio verify with answers lost: no error, no mismatch"
		((rc == 0)) || tap_diag </tmp/rec-fio3
		undrop
		t_true "ERL 2: the answers come through again: four connections" \
			wait_for 90 healthy "$sid" 4
		t_true "ERL 2: the session never failed through any of it" \
			eval '! reinstated "$sid" 1'

		# Three connections lost under I/O: some of their tasks moved.
		t_true "ERL 2: tasks of lost connections were sent again or resumed" \
			eval "dmesg | grep \"session $sid: connection [0-9]*'s tasks moved\" |
				grep -qv ': 0 sent again, 0 resumed, 0 watched'"
	fi
	t_run "ERL $erl: fio verify on the recovered session" fio_verify "$disk" 16M

	if ((erl == 0)); then
		# --- every portal dropped past the replacement timeout
		cls=$(ls -d /sys/class/iscsi_session/session* | head -n1)
		echo 5 >"$cls/recovery_tmo"
		drop 'tcp dport 3260' 'tcp sport 3260'
		t_true "every portal dropped: the session fails" \
			wait_for 30 eval '[[ $(state "$sid") == 1 ]]'
		rc=0
		timeout 60 dd if="/dev/$disk" of=/dev/null bs=4k count=1 skip=99 \
			iflag=direct status=none 2>/dev/null || rc=$?
		t_true "a read fails once the replacement timeout (recovery_tmo 5 s) passed" \
			test "$rc" != 0 -a "$rc" != 124
		t_match "the disk is transport-offline" '^transport-offline$' \
			cat "/sys/block/$disk/device/state"
		t_match "the module says why" 'no connection within the replacement timeout' dmesg
		undrop
		t_true "the portals answer again: the session is reinstated, four connections" \
			wait_for 120 healthy "$sid" 4
		t_true "the disk runs again" wait_for 10 eval \
			'[[ $(cat "/sys/block/$disk/device/state") == running ]]'
		t_run "I/O works again" fio_verify "$disk" 8M
	fi

	t_match "ERL $erl: LOGOUT" '^answer: ack' "$probe" logout "$sid"
	t_true "ERL $erl: LIO has no session left" wait_for 40 lio_sessions_are 0
	lio_teardown >/dev/null 2>&1
done

t_run "rmmod" rmmod iscsi_mcs
tap_done
