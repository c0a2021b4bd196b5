#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM: mcsadm and libiscsidsc against the loaded module.
# The records mcsadm shows, an update and its effect, refusals with
# iscsiadm's exit codes and the kernel's own reason, and the library's
# version call; then the iscsiadm verbs against LIO: SendTargets discovery
# on 127.0.0.1 and 127.0.0.2, node login with its disk, addconn x3 to four
# connections across both portals, delconn by CID and by connection id,
# node logout, and the exit codes of unknown sessions and failed logins.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/module.sh

# MCS_MCSADM=tools/build/mcsadm-san runs the sanitized build (leaks, UB).
mcsadm=${MCS_MCSADM:-tools/build/mcsadm}
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

# matches TEXT REGEX: bash's =~, for regexes that span lines.
matches() {
	[[ $1 =~ $2 ]]
}

# gone DISK: the block device DISK (non-empty) disappears within 10 s.
gone() {
	local i
	[[ -n $1 ]] || return 1
	for ((i = 0; i < 100; i++)); do
		[[ -e /sys/block/$1 ]] || return 0
		sleep 0.1
	done
	return 1
}

# wait_conns N: LIO counts N connections within 10 s (closing takes a moment).
wait_conns() {
	local i
	for ((i = 0; i < 100; i++)); do
		[[ $(lio_conn_count) == "$1" ]] && return 0
		sleep 0.1
	done
	return 1
}

t_run "insmod iscsi_mcs" mcs_insmod
# sd for the session's disk (-P 3 shows it).
modprobe -a sd_mod 2>/dev/null

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
. tests/lib/disk.sh
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

	# ---- the iscsiadm verbs: discovery, node login, MC/S, node logout ----
	tmp=$(mktemp -d)
	export ISCSI_MCS_SEND_TARGETS_FILE=$tmp/send-targets.conf
	export ISCSI_MCS_INITIATORNAME_FILE=$tmp/initiatorname.iscsi
	echo "InitiatorName=iqn.2026-11.org.iscsi-mcs:e2e-mcsadm" >"$ISCSI_MCS_INITIATORNAME_FILE"
	iqn_re=${LIO_IQN//./\\.}
	none=ffffffffffffffffffffffffffffffff

	expect "discovery: no record yet: ISCSI_ERR_NO_OBJS_FOUND (21)" 21 'No discovery found' \
		"$mcsadm" -m discovery
	expect "discovery -t st -p 127.0.0.1 lists the LIO target" 0 \
		"^127\.0\.0\.1:3260,-1 $iqn_re\$" "$mcsadm" -m discovery -t st -p 127.0.0.1
	expect "discovery lists the recorded portal" 0 '^127\.0\.0\.1:3260 via sendtargets$' \
		"$mcsadm" -m discovery
	expect "discovery -o delete removes the record" 0 '' \
		"$mcsadm" -m discovery -p 127.0.0.1 -o delete
	expect "after the delete no record is left (21)" 21 'No discovery found' "$mcsadm" -m discovery
	expect "deleting it again: no such record (21)" 21 'ISDSC_PORTAL_NOT_FOUND, exit 21' \
		"$mcsadm" -m discovery -p 127.0.0.1 -o delete
	expect "discovery -t sendtargets -p 127.0.0.2:3260 lists the LIO target" 0 \
		"^127\.0\.0\.2:3260,-1 $iqn_re\$" "$mcsadm" -m discovery -t sendtargets -p 127.0.0.2:3260
	expect "discovery at a closed port: ISCSI_ERR_TRANS (4)" 4 \
		'discovery at 127\.0\.0\.1,3999 failed.*ISDSC_CONNECTION_FAILED, exit 4' \
		"$mcsadm" -m discovery -t st -p 127.0.0.1:3999
	expect "the failed discovery recorded nothing" 0 '^127\.0\.0\.2:3260 via sendtargets$' \
		"$mcsadm" -m discovery

	expect "node login to a closed port: ISCSI_ERR_TRANS (4)" 4 \
		'login to \[iface: default, target: .*, portal: 127\.0\.0\.1,3999\] failed.*ISDSC_CONNECTION_FAILED, exit 4' \
		"$mcsadm" -m node -T "$LIO_IQN" -p 127.0.0.1:3999 --login
	expect "node login to an unknown target: ISCSI_ERR_LOGIN (5)" 5 \
		'login status 0x0301.*ISDSC_SERVICE_UNAVAILABLE, exit 5' \
		"$mcsadm" -m node -T iqn.2026-11.org.iscsi-mcs:nosuch -p 127.0.0.1 --login
	t_true "failed logins left no session" test "$(lio_session_count)" = 0
	login_re="\[iface: default, target: $iqn_re, portal: 127\.0\.0\.1,3260\]"
	expect "node login prints iscsiadm's two lines" 0 \
		"^Logging in to $login_re"$'\n'"Login to $login_re successful\.\$" \
		"$mcsadm" -m node -T "$LIO_IQN" -p 127.0.0.1 --login
	sid=$("$mcsadm" -m session 2>/dev/null | grep -o '^iscsi_mcs: \[[0-9a-f]\{32\}\]' | grep -o '[0-9a-f]\{32\}' | head -n1)
	t_true "the login made a session mcsadm lists" test -n "$sid"
	t_true "LIO has one session" test "$(lio_session_count)" = 1
	disk=$(mcs_wait_disk 30)
	t_true "the session's disk appeared" test -n "$disk"
	expect "a second login to the target: ISCSI_ERR_SESS_EXISTS (15)" 15 \
		'ISDSC_TARGET_ALREADY_LOGGED_IN, exit 15' \
		"$mcsadm" -m node -T "$LIO_IQN" -p 127.0.0.2 --login

	conn_re='Added connection \[([0-9a-f]{32})\] \(CID ([0-9]+)\) to session \['"$sid"'\], portal: '
	cids=() conns=()
	for p in 127.0.0.2 127.0.0.1 127.0.0.2:3260; do
		out=$("$mcsadm" -m session -r "$sid" -o addconn -p "$p" 2>&1)
		rc=$?
		if ((rc == 0)) && [[ $out =~ $conn_re${p%:*},3260 ]]; then
			conns+=("${BASH_REMATCH[1]}") cids+=("${BASH_REMATCH[2]}")
			tap_result 1 "addconn through $p prints the new connection and its CID"
		else
			tap_result 0 "addconn through $p prints the new connection and its CID"
			{ echo "status $rc:"; echo "$out"; } | tap_diag
		fi
	done
	out=$("$mcsadm" -m session -r "$sid" -P 3 2>&1)
	t_true "-P 3 shows 4 connections" grep -q $'^\tConnections: 4$' <<<"$out"
	t_true "-P 3 has 4 CID lines, 2 to each portal" test \
		"$(grep -c -- '-> 127\.0\.0\.1:3260$' <<<"$out") $(grep -c -- '-> 127\.0\.0\.2:3260$' <<<"$out")" = "2 2"
	t_true "-P 3 shows each connection's id" test "$(grep -c $'^\t\t\tConnection: [0-9a-f]\{32\}$' <<<"$out")" = 4
	t_true "-P 3 shows the attached disk" grep -q "Attached scsi disk ${disk:-none}\$" <<<"$out"
	t_true "-P 3 counts one device, on LUN 0" matches "$out" \
		$'\tAttached SCSI devices: 1\n\t\tHost Number: [0-9]+\n\t\tscsi[0-9]+ Channel 00 Id 0 Lun: 0\n'
	t_true "-P 3 lists the connections before the devices" matches "$out" \
		$'\tConnections: 4\n.*\tAttached SCSI devices:'
	echo "$out" | tap_diag
	t_true "LIO sees 4 connections" wait_conns 4
	expect "-P 2 shows the connections but no devices" 0 \
		'Current Portal: 127\.0\.0\.2:3260' "$mcsadm" -m session -r "$sid" -P 2
	out=$("$mcsadm" -m session -r "$sid" -P 2 2>&1)
	t_true "-P 2 leaves out the devices" test -n "$out" -a "${out/Attached/}" = "$out"
	expect "a fifth connection beyond MaxConnections=4: ISCSI_ERR_LOGIN (5)" 5 \
		'ISDSC_TOO_MANY_CONNECTIONS, exit 5' "$mcsadm" -m session -r "$sid" -o addconn -p 127.0.0.1
	expect "delconn --cid by CID" 0 "Removed connection \[${conns[1]:-x}\] from session \[$sid\]" \
		"$mcsadm" -m session -r "$sid" -o delconn --cid "${cids[1]:-x}"
	expect "delconn --cid by connection id" 0 "Removed connection \[${conns[2]:-x}\]" \
		"$mcsadm" -m session -r "$sid" -o delconn --cid "${conns[2]:-x}"
	out=$("$mcsadm" -m session -r "$sid" -P 1 2>&1)
	t_true "two connections are left" grep -q $'^\tConnections: 2$' <<<"$out"
	t_true "the removed CID is gone" test -n "$out" -a "${out/CID ${cids[1]:-x}:/}" = "$out"
	t_true "LIO sees 2 connections" wait_conns 2
	expect "delconn of a CID the session lacks: ISCSI_ERR_NO_OBJS_FOUND (21)" 21 \
		"has no connection with CID ${cids[1]:-x}" \
		"$mcsadm" -m session -r "$sid" -o delconn --cid "${cids[1]:-x}"
	expect "delconn of a removed connection id: 21" 21 'ISDSC_INVALID_CONNECTION_ID, exit 21' \
		"$mcsadm" -m session -r "$sid" -o delconn --cid "${conns[2]:-x}"
	expect "unknown session, show: ISCSI_ERR_SESS_NOT_FOUND (2)" 2 "no session \[$none\] \(ISDSC_INVALID_SESSION_ID, exit 2\)" \
		"$mcsadm" -m session -r "$none" -P 3
	expect "unknown session, addconn: 2" 2 'ISDSC_INVALID_SESSION_ID, exit 2' \
		"$mcsadm" -m session -r "$none" -o addconn -p 127.0.0.2
	expect "unknown session, delconn: 2" 2 "no session \[$none\]" \
		"$mcsadm" -m session -r "$none" -o delconn --cid 0
	expect "unknown session, logout: 2" 2 'ISDSC_INVALID_SESSION_ID, exit 2' \
		"$mcsadm" -m session -r "$none" -u
	expect "node logout through a portal the session does not use: 21" 21 \
		'No matching sessions found' "$mcsadm" -m node -T "$LIO_IQN" -p 127.0.0.3 --logout
	t_true "the session is still there" test "$(lio_session_count)" = 1
	logout_re="\[sid: $sid, target: $iqn_re, portal: 127\.0\.0\.2,3260\]"
	expect "node logout finds the session by target and portal, iscsiadm's lines" 0 \
		"^Logging out of session $logout_re"$'\n'"Logout of $logout_re successful\.\$" \
		"$mcsadm" -m node -T "$LIO_IQN" -p 127.0.0.2 --logout
	t_true "LIO has no session after the logout" test "$(lio_session_count)" = 0
	expect "no session left: 21" 21 'No active sessions' "$mcsadm" -m session
	t_true "the disk is gone" gone "$disk"
	expect "node logout again: no matching session (21)" 21 'No matching sessions found' \
		"$mcsadm" -m node -T "$LIO_IQN" --logout
	unset ISCSI_MCS_SEND_TARGETS_FILE ISCSI_MCS_INITIATORNAME_FILE
	rm -rf "$tmp"
	lio_teardown
else
	tap_result 0 "LIO setup"
fi

t_run "rmmod iscsi_mcs" rmmod iscsi_mcs
expect "mcsadm with the module gone: ISCSI_ERR_ISCSID_NOTCONN (20)" 20 \
	'ISDSC_SERVICE_NOT_RUNNING' "$mcsadm" -m config
tap_done
