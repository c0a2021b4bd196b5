#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO with MaxConnections 8, at
# ErrorRecoveryLevel 0 and 2: one session grows to 8 connections across
# both portals of its portal group while fio verifies its data, connections
# are removed under I/O, and every refusal (MaxConnections reached, the
# target's own limit, another portal group, the last connection) leaves the
# session working. Losing connections is recovery.sh's part.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh


modprobe -a sd_mod 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:mcs >/dev/null
for erl in 0 2; do
	# The ERL 2 fix (scripts/lio-fixed.sh) for the target, as in recovery.sh.
	((erl < 2)) || t_run "ERL 2: LIO's target module with the ERL 2 fix" lio_load_fixed
	lio_setup --max-connections 8 --size 128 --erl $erl --tpg2-portal 127.0.0.3:3260 >/dev/null
	tap_result $((! $?)) "ERL $erl: LIO: MaxConnections 8, portal group 1 on .1 and .2, group 2 on .3"

	out=$("$probe" login "$LIO_IQN" 127.0.0.1 erl=$erl)
	sid=$(session_id "$out")
	t_match "ERL $erl: leading login asks for and gets MaxConnections 8" ' maxconn=8 ' echo "$out"
	t_match "ERL $erl: and ErrorRecoveryLevel $erl" " erl=$erl " echo "$out"
	disk=$(mcs_wait_disk 30)
	t_true "ERL $erl: disk" test -n "$disk"

	# Grow to 8 while fio runs; every add must succeed under I/O.
	fio_verify "$disk" 32M 12 >/tmp/mcs-fio1 2>&1 &
	fio=$!
	added=0
	for p in 127.0.0.2 127.0.0.1 127.0.0.2 127.0.0.1 127.0.0.2 127.0.0.1 127.0.0.2; do
		"$probe" conn-add "$sid" "$p" | grep -q '^answer: cmd=' && added=$((added + 1))
	done
	wait "$fio"
	rc=$?
	tap_result $((added == 7)) "ERL $erl: CONN_ADD 7 times under I/O, alternating portals ($added added)"
	tap_result $((rc == 0)) "ERL $erl: fio verify while connections were added: no error, no mismatch"
	[[ $rc == 0 ]] || tap_diag </tmp/mcs-fio1
	t_true "ERL $erl: the session has 8 connections" test "$(nconns "$sid")" = 8
	t_true "ERL $erl: LIO holds one session" test "$(lio_session_count)" = 1
	t_true "ERL $erl: LIO sees 8 connections of it" test "$(lio_conn_count)" = 8
	t_match "ERL $erl: connections on both portals, CIDs 0 to 7" \
		'cid=0 .*portal=127\.0\.0\.1:3260.*cid=1 .*portal=127\.0\.0\.2:3260.*cid=7 ' \
		"$probe" session-get "$sid"

	t_match "ERL $erl: a 9th connection: EUSERS, MaxConnections reached" \
		'^error: EUSERS: the session has the negotiated MaxConnections already' \
		"$probe" conn-add "$sid" 127.0.0.1
	t_run "ERL $erl: I/O is spread over all 8 connections" fio_verify "$disk" 32M
	t_true "ERL $erl: every connection carried commands" \
		sh -c "! $probe session-get $sid | grep -q ' rx=[0-2] '"

	# Remove four (CIDs 1 to 4) while fio runs.
	conns=($("$probe" session-get "$sid" | grep -o ' conn=[0-9a-f]\{32\}' | cut -d= -f2))
	fio_verify "$disk" 32M 12 >/tmp/mcs-fio2 2>&1 &
	fio=$!
	removed=0
	for c in "${conns[@]:1:4}"; do
		"$probe" conn-remove "$sid" "$c" | grep -q '^answer: ack' && removed=$((removed + 1))
	done
	wait "$fio"
	rc=$?
	tap_result $((removed == 4)) "ERL $erl: CONN_REMOVE 4 times under I/O ($removed removed)"
	tap_result $((rc == 0)) "ERL $erl: fio verify while connections were removed: no error, no mismatch"
	[[ $rc == 0 ]] || tap_diag </tmp/mcs-fio2
	t_true "ERL $erl: the session has 4 connections" test "$(nconns "$sid")" = 4
	t_true "ERL $erl: LIO sees 4 connections" test "$(lio_conn_count)" = 4
	t_match "ERL $erl: CONN_REMOVE of an unknown connection: ENOENT" '^error: ENOENT: no connection' \
		"$probe" conn-remove "$sid" "${conns[1]}"
	t_match "ERL $erl: CONN_ADD to an unknown session: ENOENT" '^error: ENOENT: no session' \
		"$probe" conn-add 00000000000000000000000000000000 127.0.0.1
	t_match "ERL $erl: CONN_ADD through a portal of another portal group: refused" \
		'^error: E[A-Z]+: ' "$probe" conn-add "$sid" 127.0.0.3
	t_match "ERL $erl: CONN_ADD to a port nobody listens on: ECONNREFUSED" '^error: ECONNREFUSED' \
		"$probe" conn-add "$sid" 127.0.0.1:3999
	t_true "ERL $erl: refusals left the session with its 4 connections" test "$(nconns "$sid")" = 4
	t_run "ERL $erl: I/O still fine after the refusals" fio_verify "$disk" 16M

	# Down to one, which cannot go.
	conns=($("$probe" session-get "$sid" | grep -o ' conn=[0-9a-f]\{32\}' | cut -d= -f2))
	for c in "${conns[@]:1}"; do "$probe" conn-remove "$sid" "$c" >/dev/null; done
	t_true "ERL $erl: down to one connection" test "$(nconns "$sid")" = 1
	t_match "ERL $erl: the last connection cannot be removed: EBUSY" \
		'^error: EBUSY: the last connection of a session goes with LOGOUT' \
		"$probe" conn-remove "$sid" "${conns[0]}"
	t_run "ERL $erl: I/O on the last connection" fio_verify "$disk" 16M
	t_match "ERL $erl: LOGOUT" '^answer: ack' "$probe" logout "$sid"
	t_true "ERL $erl: LIO has no session" test "$(lio_session_count)" = 0
	lio_teardown
done

# A portal group allowing one connection refuses the second.
lio_setup --max-connections 1 --size 32 >/dev/null
out=$("$probe" login "$LIO_IQN" 127.0.0.1)
sid=$(session_id "$out")
t_match "against MaxConnections 1 the session negotiates 1" ' maxconn=1 ' echo "$out"
t_match "CONN_ADD is refused locally with EUSERS" '^error: EUSERS' \
	"$probe" conn-add "$sid" 127.0.0.2
disk=$(mcs_wait_disk 30)
t_run "the session keeps working" fio_verify "$disk" 8M
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
lio_teardown
t_run "rmmod" rmmod iscsi_mcs
tap_done
