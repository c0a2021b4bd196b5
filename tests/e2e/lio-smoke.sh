#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Smoke test of the VM harness and tests/lib/lio.sh with stock open-iscsi:
# LIO with two portals in tpgt 1 (plus a third in tpgt 2) and MaxConnections
# 8, discovery, login, data round trip, logout, teardown; then the ACL +
# mutual CHAP path, including a refused login with a wrong secret.
#
#   scripts/vm-run -- tests/e2e/lio-smoke.sh
set -euo pipefail

[[ ${MCS_VM:-} == 1 ]] || { echo "run me inside the VM: scripts/vm-run -- $0" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/lio.sh
source "$here/../lib/lio.sh"
# shellcheck source=tests/lib/tap.sh
source "$here/../lib/tap.sh"

out=${MCS_OUT:-/tmp}
iscsid_pid=

# check WHAT CMD...: like t_run, but CMD runs in this shell (lio_setup sets
# variables) with its output kept in a file, shown only on failure.
check() {
	local what=$1 log rc=0
	shift
	log=$(mktemp)
	"$@" >"$log" 2>&1 || rc=$?
	tap_result $((rc == 0)) "$what"
	((rc == 0)) || { echo "exit status $rc: $*"; cat "$log"; } | tap_diag
	rm -f "$log"
	return "$rc"
}

# is WHAT GOT WANT
is() {
	tap_result "$([[ $2 == "$3" ]] && echo 1 || echo 0)" "$1"
	[[ $2 == "$3" ]] || { echo "got '$2', want '$3'" | tap_diag; return 1; }
}

diag() { tap_diag <<<"$*"; }

bail() {
	echo "Bail out! $*"
	exit 1
}

initiator_name() {
	sed -n 's/^InitiatorName=//p' /etc/iscsi/initiatorname.iscsi
}

# iscsid in the foreground of a background job; the guest has no systemd to
# socket-activate it. Ready once iscsiadm can talk to it.
start_iscsid() {
	modprobe iscsi_tcp
	rm -rf /etc/iscsi/nodes /etc/iscsi/send_targets # host leftovers (overlay)
	# Own session: iscsid's SIGTERM handler signals its whole process group.
	setsid iscsid -f >"$out/iscsid.log" 2>&1 &
	iscsid_pid=$!
	local i
	for ((i = 0; i < 50; i++)); do
		# Status 21: "no active sessions", i.e. the daemon answered.
		local rc=0
		iscsiadm -m session >/dev/null 2>&1 || rc=$?
		((rc == 0 || rc == 21)) && return 0
		sleep 0.2
	done
	echo "iscsid did not come up; its log:"
	cat "$out/iscsid.log"
	return 1
}

stop_iscsid() {
	[[ -n $iscsid_pid ]] || return 0
	kill "$iscsid_pid" 2>/dev/null || true
	wait "$iscsid_pid" 2>/dev/null || true
	iscsid_pid=
}

cleanup() {
	iscsiadm -m node --logoutall=all >/dev/null 2>&1 || true
	stop_iscsid
	lio_teardown >/dev/null 2>&1 || true
}
trap cleanup EXIT

# The block device of the (only) iSCSI session, once the SCSI scan made it.
wait_disk() {
	local i d
	for ((i = 0; i < 100; i++)); do
		for d in /sys/class/iscsi_session/session*/device/target*/*/block/*; do
			[[ -e $d ]] || continue
			[[ -b /dev/${d##*/} ]] || continue
			echo "/dev/${d##*/}"
			return 0
		done
		sleep 0.2
	done
	return 1
}

# Write MiB of random data at the start of the disk with O_DIRECT, read it
# back the same way, compare checksums.
data_roundtrip() {
	local disk=$1 mib=$2 want got
	dd if=/dev/urandom of=/tmp/pattern bs=1M count="$mib" status=none
	want=$(sha256sum </tmp/pattern | cut -d' ' -f1)
	dd if=/tmp/pattern of="$disk" bs=1M oflag=direct conv=fsync status=none
	got=$(dd if="$disk" bs=1M count="$mib" iflag=direct status=none | sha256sum | cut -d' ' -f1)
	[[ $got == "$want" ]] || { echo "checksum mismatch: wrote $want, read $got"; return 1; }
}

# lio_* counters settle a moment after login/logout.
wait_value() {
	local want=$1 i
	shift
	for ((i = 0; i < 50; i++)); do
		[[ $("$@") == "$want" ]] && return 0
		sleep 0.2
	done
	echo "$* is $("$@"), want $want"
	return 1
}

configfs_empty() {
	local left
	left=$(find "$LIO_CFS/iscsi" -mindepth 1 -maxdepth 1 -type d -name 'iqn.*'; find "$LIO_CFS/core" -mindepth 1 -maxdepth 1 -type d -name '*_[0-9]*')
	[[ -z $left ]] || { echo "left in configfs: $left"; return 1; }
}

part_demo() {
	local disc disk
	check "lio_setup: 2 portals in tpgt 1, 1 in tpgt 2, MaxConnections 8" \
		lio_setup --luns 1 --size 32 --max-connections 8 --tpg2-portal 127.0.0.3:3260 ||
		bail "no target"
	is "tpgt 1 has MaxConnections=8" \
		"$(cat "$LIO_CFS/iscsi/$LIO_IQN/tpgt_1/param/MaxConnections")" 8 || true
	check "iscsid started" start_iscsid || bail "no iscsid"

	disc=$(iscsiadm -m discovery -t sendtargets -p 127.0.0.1:3260 2>&1) || true
	diag "$disc"
	# shellcheck disable=SC2016  # expanded by the inner bash
	check "discovery lists both tpgt 1 portals and the tpgt 2 portal" \
		bash -c '[[ $(grep -cE "^127\.0\.0\.[12]:3260,1 $1\$" <<<"$2") == 2 &&
			$(grep -cE "^127\.0\.0\.3:3260,2 $1\$" <<<"$2") == 1 ]]' _ "$LIO_IQN" "$disc" || true

	check "login on 127.0.0.1" \
		iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 --login || bail "no session"
	modprobe sd_mod
	if disk=$(wait_disk); then
		tap_result 1 "disk appeared: $disk ($(cat "/sys/block/${disk#/dev/}/size") sectors)"
	else
		tap_result 0 "disk appeared"
		iscsiadm -m session -P3 2>&1 | tap_diag
		bail "no disk"
	fi
	check "LIO sees 1 session" wait_value 1 lio_session_count || true
	check "LIO sees 1 connection" wait_value 1 lio_conn_count || true
	diag "$(lio_sessions)"
	check "4 MiB written and read back intact" data_roundtrip "$disk" 4 || true
	check "logout" iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 --logout || true
	check "LIO sees no session after logout" wait_value 0 lio_session_count || true
	check "lio_teardown" lio_teardown || true
	check "configfs empty after teardown" configfs_empty || true
}

part_chap() {
	local me disk rc=0
	me=$(initiator_name)
	check "lio_setup: ACL for $me with mutual CHAP" \
		lio_setup --acl "$me" --chap mcs-user:mcs-secret-123 \
		--mutual-chap mcs-target:mcs-tsecret-456 --portal 127.0.0.1:3260 ||
		bail "no CHAP target"
	iscsiadm -m discovery -t sendtargets -p 127.0.0.1:3260 >/dev/null 2>&1 || true
	set_auth() {
		local kv
		for kv in node.session.auth.authmethod=CHAP \
			node.session.auth.username=mcs-user "node.session.auth.password=$1" \
			node.session.auth.username_in=mcs-target node.session.auth.password_in=mcs-tsecret-456; do
			iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 -o update -n "${kv%%=*}" -v "${kv#*=}"
		done
	}
	set_auth wrong-secret-000 >/dev/null
	iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 --login >/dev/null 2>&1 || rc=$?
	tap_result $((rc != 0)) "login with a wrong CHAP secret refused (iscsiadm status $rc)"
	if ((rc == 0)); then
		iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 --logout >/dev/null 2>&1 || true
	fi
	set_auth mcs-secret-123 >/dev/null
	check "login with mutual CHAP" \
		iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 --login || bail "no CHAP session"
	disk=$(wait_disk) || disk=
	tap_result $((${#disk} > 0)) "disk appeared: ${disk:-none}"
	check "LIO ACL info shows 1 logged-in connection" wait_value 1 lio_conn_count || true
	diag "$(lio_sessions)"
	[[ -z $disk ]] || check "1 MiB round trip over the CHAP session" data_roundtrip "$disk" 1 || true
	check "logout" iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 --logout || true
	stop_iscsid
	check "lio_teardown" lio_teardown || true
	check "configfs empty after teardown" configfs_empty || true
}

part_demo
part_chap
tap_done
