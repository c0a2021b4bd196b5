#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM: mcsadm and libiscsidsc against the loaded module.
# The records mcsadm shows, an update and its effect, refusals with
# iscsiadm's exit codes and the kernel's own reason, and the library's
# version call.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/module.sh

mcsadm=tools/build/mcsadm
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

expect() {
	local what=$1 status=$2 re=$3 out rc=0
	shift 3
	out=$("$@" 2>&1) || rc=$?
	if ((rc == status)) && [[ $out =~ $re ]]; then
		tap_result 1 "$what"
	else
		tap_result 0 "$what"
		{ echo "$*: status $rc (want $status), output:"; echo "$out"; } | tap_diag
	fi
}

t_run "insmod iscsi_mcs" mcs_insmod

expect "isdsc-info: GetIScsiVersionInformation through libiscsidsc" 0 \
	'0\.1\.0' userlib/build/examples/isdsc-info
expect "mcsadm --version shows the module" 0 'iscsi_mcs module version 0\.1\.0' \
	"$mcsadm" --version
expect "mcsadm -m config shows the defaults in iscsid.conf units" 0 \
	'node\.conn\[0\]\.timeo\.login_timeout = 15.*node\.session\.timeo\.replacement_timeout = 120.*node\.session\.iscsi\.MaxConnections = 8' \
	"$mcsadm" -m config
expect "mcsadm update of MaxConnections" 0 '' \
	"$mcsadm" -m config -o update -n node.session.iscsi.MaxConnections -v 4
expect "mcsadm update of a timeout in fractional seconds" 0 '' \
	"$mcsadm" -m config -o update -n 'node.conn[0].timeo.login_timeout' -v 2.5
expect "mcsadm update of the initiator name" 0 '' \
	"$mcsadm" -m config -o update -n InitiatorName -v iqn.2026-11.org.iscsi-mcs:e2e
expect "updates are visible" 0 \
	'InitiatorName = iqn\.2026-11\.org\.iscsi-mcs:e2e.*login_timeout = 2\.500.*MaxConnections = 4' \
	"$mcsadm" -m config
expect "out of range: ISCSI_ERR_INVAL with the kernel's reason" 7 \
	'integer out of range' \
	"$mcsadm" -m config -o update -n node.session.iscsi.MaxConnections -v 0
expect "bad name: ISCSI_ERR_INVAL" 7 'INVALID_ISCSI_NAME|iqn' \
	"$mcsadm" -m config -o update -n InitiatorName -v iqn.2026-11.org.UPPER
expect "unprivileged update: ISCSI_ERR_ACCESS (13) with the kernel's reason" 13 \
	'CAP_NET_ADMIN' "${as_nobody[@]}" "$mcsadm" -m config -o update \
	-n node.session.iscsi.MaxConnections -v 2
expect "unprivileged show works" 0 'MaxConnections = 4' "${as_nobody[@]}" "$mcsadm" -m config
expect "empty alias clears it" 0 '' "$mcsadm" -m config -o update -n InitiatorAlias -v '<empty>'

. tests/lib/lio.sh
expect "no session yet: ISCSI_ERR_NO_OBJS_FOUND (21)" 21 'No active sessions' "$mcsadm" -m session
if lio_setup --max-connections 8 --size 16 >/dev/null; then
	out=$(build/tests/nlprobe login "$LIO_IQN" 127.0.0.1)
	sid=$(grep -o ' id=[0-9a-f]\{32\}' <<<"$out" | cut -d= -f2)
	build/tests/nlprobe conn-add "$sid" 127.0.0.2 >/dev/null
	expect "mcsadm -m session lists it, iscsiadm style" 0 \
		"^iscsi_mcs: \[$sid\] 127\.0\.0\.1:3260 $LIO_IQN \(2 connections\)" \
		"$mcsadm" -m session
	expect "mcsadm -m session -P 1 shows both connections" 0 \
		"Session: $sid.*Connections: 2.*CID 0: 127\.0\.0\.1:[0-9]+ -> 127\.0\.0\.1:3260.*CID 1: 127\.0\.0\.[0-9]+:[0-9]+ -> 127\.0\.0\.2:3260" \
		"$mcsadm" -m session -P 1
	expect "mcsadm -m session -r ID -u logs it out" 0 'successful' \
		"$mcsadm" -m session -r "$sid" -u
	expect "logging out again: ISCSI_ERR_SESS_NOT_FOUND (2)" 2 'INVALID_SESSION_ID' \
		"$mcsadm" -m session -r "$sid" -u
	t_true "LIO has no session" test "$(lio_session_count)" = 0
	lio_teardown
else
	tap_result 0 "LIO setup"
fi

t_run "rmmod iscsi_mcs" rmmod iscsi_mcs
expect "mcsadm with the module gone: ISCSI_ERR_ISCSID_NOTCONN (20)" 20 \
	'ISDSC_SERVICE_NOT_RUNNING' "$mcsadm" -m config
tap_done
