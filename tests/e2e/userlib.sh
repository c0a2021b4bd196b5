#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: the Windows API of libiscsidsc
# (LoginIScsiTargetA/W, GetIScsiSessionListA/W/Ex, LogoutIScsiTarget,
# SetIScsiInitiatorCHAPSharedSecret, AddIScsiConnectionA/W,
# RemoveIScsiConnection, GetDevicesForIScsiSessionA/W,
# ReportActiveIScsiTargetMappingsA/W, GetIScsiTargetInformationA/W,
# SendScsiInquiry/ReadCapacity/ReportLuns, the persistently bound devices,
# the send-target portal functions and ReportIScsiTargetsA/W) driving the real module and
# SendTargets discovery against LIO, through the
# example program userlib/examples/isdsc-login. Sessions as the library,
# the raw netlink interface and LIO each see them, and every failure with
# the status code the SDK has for it.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}" || exit 1
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

isdsc=userlib/build/examples/isdsc-login
iname=iqn.2026-11.org.iscsi-mcs:userlib
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

# The library's files, private to this test and readable by nobody.
conf=$(mktemp -d)
chmod 755 "$conf"
printf 'InitiatorName=%s\n' "$iname" >"$conf/initiatorname.iscsi"
chmod 644 "$conf/initiatorname.iscsi"
export ISCSI_MCS_INITIATORNAME_FILE=$conf/initiatorname.iscsi
export ISCSI_MCS_MUTUAL_SECRET_FILE=$conf/mutual-secret
export ISCSI_MCS_PORTS_FILE=$conf/ports.conf
export ISCSI_MCS_SEND_TARGETS_FILE=$conf/etc/send-targets.conf
export ISCSI_MCS_ISCSI_DIR=$conf/iscsi
cat >"$ISCSI_MCS_PORTS_FILE" <<'PORTS'
# initiator ports for LoginIScsiTarget's InitiatorPortNumber
0 lo
1 127.0.0.1
2 nosuchif0
3 ::1
PORTS

# expect WHAT STATUS REGEX CMD...: CMD exits STATUS and its output matches.
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

# isdsc-login prints "session HI-LO connection HI-LO"; nlprobe the same
# 128 bits as 32 hex digits.
sid_of() { sed -n 's/^session \([0-9a-f]\{16\}-[0-9a-f]\{16\}\) .*/\1/p' <<<"$1" | head -n1; }
hex_of() { tr -d - <<<"$1"; }
session_count() { "$isdsc" list | sed -n 's/^\([0-9]*\) session(s)$/\1/p'; }
no_sessions() { [[ $(session_count) == 0 ]]; }
fails_with() { echo "failed: $1 \\(0x[0-9A-F]{8}\\): "; }

# --- without the module
expect "GetIScsiSessionListA without the module: ISDSC_SERVICE_NOT_RUNNING" 1 \
	"$(fails_with ISDSC_SERVICE_NOT_RUNNING).*not loaded" "$isdsc" list
expect "LoginIScsiTargetA without the module: ISDSC_SERVICE_NOT_RUNNING" 1 \
	"$(fails_with ISDSC_SERVICE_NOT_RUNNING)" "$isdsc" login iqn.2026-11.org.x:t 127.0.0.1

modprobe -a sd_mod 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
# Not in a subshell: lio_setup sets LIO_* for the rest of the script.
lio_setup --max-connections 8 >/dev/null
tap_result $((! $?)) "LIO: one TPG on 127.0.0.1 and 127.0.0.2, MaxConnections 8"

expect "GetIScsiSessionListA: no session yet" 0 '^0 session\(s\)$' "$isdsc" list
expect "GetIScsiSessionListEx: no session yet" 0 '^0 session\(s\)$' "$isdsc" listex

# --- LoginIScsiTargetA to 127.0.0.1
out=$("$isdsc" login "$LIO_IQN" 127.0.0.1 maxconn=8 2>&1)
sid1=$(sid_of "$out")
t_true "LoginIScsiTargetA: session and connection ids" test -n "$sid1"
[[ -n $sid1 ]] || echo "$out" | tap_diag
cid1=$(sed -n 's/.* connection \([0-9a-f-]*\)$/\1/p' <<<"$out")
t_true "LIO sees the session" test "$(lio_session_count)" = 1
t_match "the id round-trips: the module knows it as the same 128 bits" \
	"^answer: cmd=7 session=$(hex_of "$sid1") state=0 .* target=$LIO_IQN initiator=$iname " \
	"$probe" session-get "$(hex_of "$sid1")"
t_match "GetIScsiSessionListA: the session, its names, ISID type 2, TSIH, and its connection" \
	"^1 session\(s\)
session $sid1 initiator $iname target-node $LIO_IQN target $LIO_IQN isid [89ab][0-9a-f]( [0-9a-f]{2}){5} tsid [0-9a-f]{2} [0-9a-f]{2} connections 1
  connection $cid1 cid 00 00 initiator-portal 127\.0\.0\.1/[1-9][0-9]* target-portal 127\.0\.0\.1/3260$" \
	"$isdsc" list
expect "another session to the same target without multipathing: ISDSC_TARGET_ALREADY_LOGGED_IN" 1 \
	"$(fails_with ISDSC_TARGET_ALREADY_LOGGED_IN)" "$isdsc" login "$LIO_IQN" 127.0.0.2
t_true "LIO still sees one session" test "$(lio_session_count)" = 1

# --- LoginIScsiTargetW to 127.0.0.2, multipathing allowed
out=$("$isdsc" -W login "$LIO_IQN" 127.0.0.2:3260 multipath hd=none dd=none 2>&1)
sid2=$(sid_of "$out")
t_true "LoginIScsiTargetW with ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED: a second session" \
	test -n "$sid2" -a "$sid2" != "$sid1"
[[ -n $sid2 ]] || echo "$out" | tap_diag
t_true "LIO sees two sessions" test "$(lio_session_count)" = 2
t_match "GetIScsiSessionListW: both sessions, in UTF-16, with their portals" \
	"^2 session\(s\)
session $sid1 initiator $iname target-node $LIO_IQN target $LIO_IQN isid .* connections 1
  connection $cid1 cid 00 00 initiator-portal 127\.0\.0\.1/[0-9]+ target-portal 127\.0\.0\.1/3260
session $sid2 initiator $iname target-node $LIO_IQN target $LIO_IQN isid .* connections 1
  connection [0-9a-f-]{33} cid 00 00 initiator-portal 127\.0\.0\.[12]/[0-9]+ target-portal 127\.0\.0\.2/3260$" \
	"$isdsc" -W list
t_match "GetIScsiSessionListEx: the negotiated values" \
	"session $sid1 InitialR2T [01] ImmediateData [01] ErrorRecoveryLevel 0 MaxOutstandingR2T [1-9][0-9]* FirstBurstLength [1-9][0-9]* MaxBurstLength [1-9][0-9]* MaxConnections 8 connections 1
  connection $cid1 state 0 HeaderDigest [01] DataDigest [01] MaxRecvDataSegmentLength [1-9][0-9]*" \
	"$isdsc" listex
t_match "GetIScsiSessionListEx: the digests asked for" \
	"session $sid2 .*
  connection [0-9a-f-]{33} state 0 HeaderDigest 0 DataDigest 0 " "$isdsc" listex
t_match "GetIScsiSessionListA works for unprivileged users" "^2 session\(s\)" \
	"${as_nobody[@]}" "$isdsc" list

# --- LogoutIScsiTarget
expect "LogoutIScsiTarget by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED).*CAP_NET_ADMIN" "${as_nobody[@]}" "$isdsc" logout "$sid1"
expect "LogoutIScsiTarget of the first session" 0 '^$' "$isdsc" logout "$sid1"
expect "LogoutIScsiTarget of it again: ISDSC_INVALID_SESSION_ID" 1 \
	"$(fails_with ISDSC_INVALID_SESSION_ID)" "$isdsc" logout "$sid1"
expect "LogoutIScsiTarget of an id never made: ISDSC_INVALID_SESSION_ID" 1 \
	"$(fails_with ISDSC_INVALID_SESSION_ID).*no session with this id" \
	"$isdsc" logout 0123456789abcdef-0123456789abcdef
t_match "the list shows only the second session" "^1 session\(s\)
session $sid2 " "$isdsc" list
expect "LogoutIScsiTarget of the second session" 0 '^$' "$isdsc" logout "$sid2"
t_true "LIO has no session left" test "$(lio_session_count)" = 0
t_true "the module has no session left" no_sessions

# --- failures of the login, against the real target and module
# LIO answers an unknown target name with 0x0301, "service unavailable".
expect "unknown target: the target's status 0x0301 as ISDSC_SERVICE_UNAVAILABLE" 1 \
	"$(fails_with ISDSC_SERVICE_UNAVAILABLE).*\[login status 0x0301\]" \
	"$isdsc" login iqn.2026-11.org.iscsi-mcs:nosuch 127.0.0.1
expect "nothing listening on the port: ISDSC_CONNECTION_FAILED" 1 \
	"$(fails_with ISDSC_CONNECTION_FAILED).*refused" "$isdsc" login "$LIO_IQN" 127.0.0.1:3999
expect "a host name that does not resolve: ISDSC_DNS_NAME_UNRESOLVED" 1 \
	"$(fails_with ISDSC_DNS_NAME_UNRESOLVED)" "$isdsc" login "$LIO_IQN" nosuchhost.invalid
expect "LoginIScsiTargetA by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED).*CAP_NET_ADMIN" \
	"${as_nobody[@]}" "$isdsc" login "$LIO_IQN" 127.0.0.1
expect "LoginIScsiTargetW by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED)" "${as_nobody[@]}" "$isdsc" -W login "$LIO_IQN" 127.0.0.1
expect "IPsec asked for: ISDSC_IPSEC_NOT_SUPPORTED_ON_OS" 1 \
	"$(fails_with ISDSC_IPSEC_NOT_SUPPORTED_ON_OS)" "$isdsc" login "$LIO_IQN" 127.0.0.1 secflags=3
expect "a persistent login is saved and makes no session (zero ids)" 0 \
	"^session 0{16}-0{16} connection 0{16}-0{16}$" \
	"$isdsc" login "$LIO_IQN" 127.0.0.1 persistent
t_true "it is a node.startup = automatic record of the node database" \
	grep -qx "node.startup = automatic" "$ISCSI_MCS_ISCSI_DIR/nodes/$LIO_IQN/127.0.0.1,3260,-1/default"
t_true "no session after the failures" no_sessions
t_true "LIO has no session after the failures" test "$(lio_session_count)" = 0

# --- initiator ports
out=$("$isdsc" login "$LIO_IQN" localhost port=1 2>&1)
sid=$(sid_of "$out")
t_true "initiator port 1 (127.0.0.1) and a host name (localhost, resolved to IPv4)" test -n "$sid"
[[ -n $sid ]] || echo "$out" | tap_diag
t_match "the session connects from 127.0.0.1 to 127.0.0.1:3260" \
	"initiator-portal 127\.0\.0\.1/[0-9]+ target-portal 127\.0\.0\.1/3260" "$isdsc" list
[[ -z $sid ]] || "$isdsc" logout "$sid"
out=$("$isdsc" -W login "$LIO_IQN" 127.0.0.2 port=0 2>&1)
sid=$(sid_of "$out")
t_true "initiator port 0 (interface lo)" test -n "$sid"
[[ -n $sid ]] || echo "$out" | tap_diag
[[ -z $sid ]] || "$isdsc" logout "$sid"
expect "initiator port 2, an interface that does not exist: ISDSC_INVALID_PORT_NUMBER" 1 \
	"$(fails_with ISDSC_INVALID_PORT_NUMBER).*nosuchif0" "$isdsc" login "$LIO_IQN" 127.0.0.1 port=2
expect "initiator port 7, not in the file: ISDSC_INVALID_PORT_NUMBER" 1 \
	"$(fails_with ISDSC_INVALID_PORT_NUMBER)" "$isdsc" login "$LIO_IQN" 127.0.0.1 port=7
expect "initiator port 3 (IPv6) to an IPv4 portal: ISDSC_INVALID_PORT_NUMBER" 1 \
	"$(fails_with ISDSC_INVALID_PORT_NUMBER)" "$isdsc" login "$LIO_IQN" 127.0.0.1 port=3
t_true "no session after the port tests" no_sessions

# --- AddIScsiConnectionA/W and RemoveIScsiConnection: one session, four connections
not_listed() { ! "$isdsc" list | grep -q -- "$1"; }
conn_of() { sed -n 's/^connection \([0-9a-f]\{16\}-[0-9a-f]\{16\}\)$/\1/p' <<<"$1"; }
conn_line() { echo "  connection $1 cid [0-9a-f]{2} [0-9a-f]{2} initiator-portal 127\.0\.0\.$2/[0-9]+ target-portal 127\.0\.0\.$3/3260"; }
out=$("$isdsc" login "$LIO_IQN" 127.0.0.1 2>&1)
sid=$(sid_of "$out")
lead=$(sed -n 's/.* connection \([0-9a-f-]*\)$/\1/p' <<<"$out")
t_true "LoginIScsiTargetA: the session to add connections to" test -n "$sid" -a -n "$lead"
[[ -n $sid ]] || echo "$out" | tap_diag
out=$("$isdsc" add-conn "$sid" 127.0.0.2 2>&1)
c2=$(conn_of "$out")
t_true "AddIScsiConnectionA through 127.0.0.2: a connection id" test -n "$c2"
[[ -n $c2 ]] || echo "$out" | tap_diag
out=$("$isdsc" add-conn "$sid" 127.0.0.1:3260 port=1 hd=crc32c 2>&1)
c3=$(conn_of "$out")
t_true "AddIScsiConnectionA through 127.0.0.1 from initiator port 1, with a header digest" \
	test -n "$c3"
[[ -n $c3 ]] || echo "$out" | tap_diag
out=$("$isdsc" -W add-conn "$sid" 127.0.0.2 maxconn=2 t2w=5 2>&1)
c4=$(conn_of "$out")
t_true "AddIScsiConnectionW through 127.0.0.2 (session-wide MaximumConnections, Time2Wait ignored)" \
	test -n "$c4"
[[ -n $c4 ]] || echo "$out" | tap_diag
t_true "four distinct connection ids" \
	test "$(printf '%s\n' "$lead" "$c2" "$c3" "$c4" | sort -u | grep -c .)" = 4
t_true "LIO sees one session" test "$(lio_session_count)" = 1
t_match "GetIScsiSessionListA: one session with 4 connections" \
	"^1 session\(s\)
session $sid .* connections 4[[:space:]]" "$isdsc" list
t_match "GetIScsiSessionListA: the leading connection, 127.0.0.1 to 127.0.0.1" \
	"$(conn_line "$lead" 1 1)" "$isdsc" list
t_match "GetIScsiSessionListA: the AddIScsiConnectionA connection to 127.0.0.2" \
	"$(conn_line "$c2" '[12]' 2)" "$isdsc" list
t_match "GetIScsiSessionListA: the one from initiator port 1 (127.0.0.1) to 127.0.0.1" \
	"$(conn_line "$c3" 1 1)" "$isdsc" list
t_match "GetIScsiSessionListW: the AddIScsiConnectionW connection to 127.0.0.2" \
	"$(conn_line "$c4" '[12]' 2)" "$isdsc" -W list
t_match "GetIScsiSessionListEx: the digest asked for on the third connection" \
	"  connection $c3 state 0 HeaderDigest 1 " "$isdsc" listex
t_match "GetIScsiSessionListEx: MaxConnections still 8" "session $sid .* MaxConnections 8 connections 4" \
	"$isdsc" listex
expect "RemoveIScsiConnection of the third connection" 0 '^$' "$isdsc" remove-conn "$sid" "$c3"
t_match "GetIScsiSessionListA: 3 connections, the removed one gone" \
	"session $sid .* connections 3[[:space:]]" "$isdsc" list
t_true "the removed connection is not listed" not_listed "$c3"
expect "RemoveIScsiConnection of it again: ISDSC_INVALID_CONNECTION_ID" 1 \
	"$(fails_with ISDSC_INVALID_CONNECTION_ID).*no connection with this id" \
	"$isdsc" remove-conn "$sid" "$c3"
expect "RemoveIScsiConnection of an id never made: ISDSC_INVALID_CONNECTION_ID" 1 \
	"$(fails_with ISDSC_INVALID_CONNECTION_ID)" \
	"$isdsc" remove-conn "$sid" 0123456789abcdef-0123456789abcdef
expect "RemoveIScsiConnection in an unknown session: ISDSC_INVALID_SESSION_ID" 1 \
	"$(fails_with ISDSC_INVALID_SESSION_ID)" \
	"$isdsc" remove-conn 0123456789abcdef-0123456789abcdef "$c2"
expect "AddIScsiConnectionA to an unknown session: ISDSC_INVALID_SESSION_ID" 1 \
	"$(fails_with ISDSC_INVALID_SESSION_ID).*no session" \
	"$isdsc" add-conn 0123456789abcdef-0123456789abcdef 127.0.0.1
expect "AddIScsiConnectionA with Reserved not NULL: ERROR_INVALID_PARAMETER" 1 \
	"$(fails_with ERROR_INVALID_PARAMETER).*Reserved" "$isdsc" add-conn "$sid" 127.0.0.1 reserved
expect "AddIScsiConnectionA with an IPsec key: ISDSC_IPSEC_NOT_SUPPORTED_ON_OS" 1 \
	"$(fails_with ISDSC_IPSEC_NOT_SUPPORTED_ON_OS)" "$isdsc" add-conn "$sid" 127.0.0.1 key=k
expect "AddIScsiConnectionA to a port nobody listens on: ISDSC_CONNECTION_FAILED" 1 \
	"$(fails_with ISDSC_CONNECTION_FAILED)" "$isdsc" add-conn "$sid" 127.0.0.1:3999
expect "AddIScsiConnectionA from a port not in the file: ISDSC_INVALID_PORT_NUMBER" 1 \
	"$(fails_with ISDSC_INVALID_PORT_NUMBER)" "$isdsc" add-conn "$sid" 127.0.0.1 port=7
expect "AddIScsiConnectionA by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED)" "${as_nobody[@]}" "$isdsc" add-conn "$sid" 127.0.0.1
expect "RemoveIScsiConnection by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED)" "${as_nobody[@]}" "$isdsc" remove-conn "$sid" "$c2"
t_match "the refusals left 3 connections" "session $sid .* connections 3[[:space:]]" "$isdsc" list
expect "RemoveIScsiConnection of the AddIScsiConnectionA connection" 0 '^$' \
	"$isdsc" remove-conn "$sid" "$c2"
expect "RemoveIScsiConnection of the AddIScsiConnectionW connection" 0 '^$' \
	"$isdsc" remove-conn "$sid" "$c4"
t_match "one connection left, the leading one" "connections 1
$(conn_line "$lead" 1 1)$" "$isdsc" list
expect "RemoveIScsiConnection of the last connection: ISDSC_CANT_REMOVE_LAST_CONNECTION" 1 \
	"$(fails_with ISDSC_CANT_REMOVE_LAST_CONNECTION)" "$isdsc" remove-conn "$sid" "$lead"
t_match "the session still has its connection" "session $sid .* connections 1[[:space:]]" "$isdsc" list
expect "LogoutIScsiTarget of the session" 0 '^$' "$isdsc" logout "$sid"

# --- GetDevicesForIScsiSessionA/W: the session's disk
out=$("$isdsc" login "$LIO_IQN" 127.0.0.1 2>&1)
sid=$(sid_of "$out")
t_true "LoginIScsiTargetA: a session to list the devices of" test -n "$sid"
[[ -n $sid ]] || echo "$out" | tap_diag
disk=$(mcs_wait_disk 30)
t_true "the session's disk appears" test -n "$disk"
hctl=$( [[ -n $disk ]] && basename "$(readlink -f "/sys/block/$disk/device")")
# sd numbers its disks sda 0, sdb 1, ...: enough for the first 26.
num=$( [[ $disk =~ ^sd([a-z])$ ]] && echo $(($(printf '%d' "'${BASH_REMATCH[1]}") - 97)))
dev_re="^first call: ERROR_INSUFFICIENT_BUFFER 1
1 device\(s\)
target $LIO_IQN
device $hctl type 0x7 number ${num:-X} partition 0 instance 0x[0-9a-f]+ guid 53f56307 legacy /dev/$disk interface /dev/(disk/by-path/[^ ]+|$disk)$"
t_match "GetDevicesForIScsiSessionA: count 0 gives ERROR_INSUFFICIENT_BUFFER and 1, then the disk ($hctl, /dev/$disk, FILE_DEVICE_DISK, disk number ${num:-?})" \
	"$dev_re" "$isdsc" devices "${sid:-0-0}"
t_match "GetDevicesForIScsiSessionW: the same in UTF-16" "$dev_re" "$isdsc" -W devices "${sid:-0-0}"
t_match "GetDevicesForIScsiSessionA works for unprivileged users" "$dev_re" \
	"${as_nobody[@]}" "$isdsc" devices "${sid:-0-0}"
expect "GetDevicesForIScsiSessionA of an id never made: ISDSC_INVALID_SESSION_ID" 1 \
	"$(fails_with ISDSC_INVALID_SESSION_ID)" "$isdsc" devices 0123456789abcdef-0123456789abcdef

# --- the same disk through ReportActiveIScsiTargetMappings, GetIScsiTargetInformation,
# SendScsiInquiry/ReadCapacity/ReportLuns and the persistently bound devices
modprobe sg 2>/dev/null
host=${hctl%%:*}
lun=${hctl##*:}
t_match "ReportActiveIScsiTargetMappingsA: host$host, bus 0, target id 0, LUN $lun" \
	"^first call: ERROR_INSUFFICIENT_BUFFER 1
1 mapping\(s\)
mapping ${sid:-X} initiator iscsi_mcs target $LIO_IQN device host$host bus 0 target-id 0 luns $lun=(0|0x[0-9a-f]+)\$" \
	"$isdsc" mappings
t_match "ReportActiveIScsiTargetMappingsW: the same in UTF-16" \
	"mapping ${sid:-X} initiator iscsi_mcs target $LIO_IQN device host$host bus 0" "$isdsc" -W mappings
t_match "GetIScsiTargetInformationA PortalGroups: the record's portal, in the group whose tag the session shows" \
	"^first call: ERROR_INSUFFICIENT_BUFFER [0-9]+
PortalGroups [0-9]+ byte\(s\)
1 group\(s\)
group 0 tag \"[0-9]+\" portal 127\.0\.0\.1/3260\$" "$isdsc" target-info "$LIO_IQN" PortalGroups
t_match "GetIScsiTargetInformationA PortalGroups of the static record alone: no tag known" \
	"1 group\(s\)
group 0 tag \"\" portal 127\.0\.0\.1/3260\$" "$isdsc" target-info "$LIO_IQN" PortalGroups Static:
t_match "GetIScsiTargetInformationW DiscoveryMechanisms: the persistent login's static record" \
	"^first call: ERROR_INSUFFICIENT_BUFFER 18
DiscoveryMechanisms 18 byte\(s\)
string \"Static:\"\$" "$isdsc" -W target-info "$LIO_IQN" DiscoveryMechanisms
t_match "GetIScsiTargetInformationA TargetAlias, from the live session" \
	"TargetAlias [0-9]+ byte\(s\)" "$isdsc" target-info "$LIO_IQN" TargetAlias
expect "GetIScsiTargetInformationA of a mechanism that did not find it: ISDSC_DISCOVERY_MECHANISM_NOT_FOUND" 1 \
	"$(fails_with ISDSC_DISCOVERY_MECHANISM_NOT_FOUND)" \
	"$isdsc" target-info "$LIO_IQN" ProtocolType "SendTargets:"
vendor="4c 49 4f 2d 4f 52 47 20"	# "LIO-ORG "
t_match "SendScsiInquiry: 4 bytes are too few, then the standard data (LIO-ORG)" \
	"^first call: ERROR_INSUFFICIENT_BUFFER [0-9]+
SendScsiInquiry ERROR_SUCCESS scsi-status 0x00 response [0-9]+ sense 18
data 00 [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} $vendor" \
	"$isdsc" inquiry "${sid:-0-0}" "$lun"
t_match "SendScsiInquiry of VPD page 0x80 (unit serial number)" \
	"SendScsiInquiry ERROR_SUCCESS scsi-status 0x00 response [0-9]+ sense 18
data 00 80 " "$isdsc" inquiry "${sid:-0-0}" "$lun" 80
expect "SendScsiInquiry of a page LIO does not have: CHECK CONDITION, ILLEGAL REQUEST sense" 1 \
	"SendScsiInquiry ISDSC_SCSI_REQUEST_FAILED scsi-status 0x02 response [0-9]+ sense [0-9]+
sense (70 [0-9a-f]{2} 05|72 05)" "$isdsc" inquiry "${sid:-0-0}" "$lun" fe
if [[ -n $disk ]]; then
	lbs=$(cat "/sys/block/$disk/queue/logical_block_size")
	last=$(($(cat "/sys/block/$disk/size") * 512 / lbs - 1))
	cap=$(printf '%02x %02x %02x %02x %02x %02x %02x %02x' $((last >> 24 & 255)) \
	      $((last >> 16 & 255)) $((last >> 8 & 255)) $((last & 255)) $((lbs >> 24 & 255)) \
	      $((lbs >> 16 & 255)) $((lbs >> 8 & 255)) $((lbs & 255)))
fi
t_match "SendScsiReadCapacity: the last LBA and block length the kernel found" \
	"^first call: ERROR_INSUFFICIENT_BUFFER 8
SendScsiReadCapacity ERROR_SUCCESS scsi-status 0x00 response 8 sense 18
data ${cap:-X}\$" "$isdsc" read-capacity "${sid:-0-0}" "$lun"
t_match "SendScsiReportLuns: one LUN, $lun" \
	"SendScsiReportLuns ERROR_SUCCESS scsi-status 0x00 response 16 sense 18
data 00 00 00 08 00 00 00 00 00 $(printf '%02x' "${lun:-0}") 00 00 00 00 00 00\$" \
	"$isdsc" report-luns "${sid:-0-0}"
expect "SendScsiInquiry of a LUN the session does not have: ISDSC_DEVICE_NOT_FOUND" 1 \
	"$(fails_with ISDSC_DEVICE_NOT_FOUND)" "$isdsc" inquiry "${sid:-0-0}" 9
expect "SendScsiInquiry by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED)" "${as_nobody[@]}" "$isdsc" inquiry "${sid:-0-0}" "$lun"
record=$ISCSI_MCS_ISCSI_DIR/nodes/$LIO_IQN/127.0.0.1,3260,-1/default
sed -i 's/^node.startup = automatic$/node.startup = manual/' "$record"
expect "AddPersistentIScsiDeviceA of the disk without a persistent login: ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT" 1 \
	"$(fails_with ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT).*no persistent login" \
	"$isdsc" add-device "/dev/${disk:-X}"
sed -i 's/^node.startup = manual$/node.startup = automatic/' "$record"
expect "AddPersistentIScsiDeviceA of the disk of a persistent login" 0 '^$' \
	"$isdsc" add-device "/dev/${disk:-X}"
expect "AddPersistentIScsiDeviceW of it again: ISDSC_DEVICE_ALREADY_PERSISTENTLY_BOUND" 1 \
	"$(fails_with ISDSC_DEVICE_ALREADY_PERSISTENTLY_BOUND)" "$isdsc" -W add-device "/dev/${disk:-X}"
expect "AddPersistentIScsiDeviceA of the root file system: ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT" 1 \
	"$(fails_with ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT)" "$isdsc" add-device /
expect "ReportPersistentIScsiDevicesW lists it" 0 \
	"^first call: ERROR_INSUFFICIENT_BUFFER $((${#disk} + 7))
device /dev/${disk:-X}\$" "$isdsc" -W devices-list
expect "RemovePersistentIScsiDeviceA by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED)" "${as_nobody[@]}" "$isdsc" remove-device "/dev/${disk:-X}"
expect "RemovePersistentIScsiDeviceA" 0 '^$' "$isdsc" remove-device "/dev/${disk:-X}"
expect "ClearPersistentIScsiDevices" 0 '^$' "$isdsc" clear-devices
[[ -z $sid ]] || "$isdsc" logout "$sid"
expect "GetDevicesForIScsiSessionW after the logout: ISDSC_INVALID_SESSION_ID" 1 \
	"$(fails_with ISDSC_INVALID_SESSION_ID)" "$isdsc" -W devices "${sid:-0-0}"
t_true "no session after the device tests" no_sessions

# --- send-target portals: SendTargets discovery at LIO's portals
first_a() { echo "first call: ERROR_INSUFFICIENT_BUFFER $1"; }
one_target="1 target\(s\)
target $LIO_IQN$"
size=$((${#LIO_IQN} + 2))	# the name, its NUL and the final NUL
expect "ReportIScsiSendTargetPortalsA: none yet" 0 '^0 portal\(s\)$' "$isdsc" portals
expect "ReportIScsiTargetsA: none yet, one character needed" 0 "^$(first_a 1)
0 target\(s\)$" "$isdsc" targets
expect "AddIScsiSendTargetPortalA 127.0.0.1 (Socket 0: 3260)" 0 '^$' "$isdsc" add-portal 127.0.0.1
t_match "ReportIScsiSendTargetPortalsA lists it" "^1 portal\(s\)
portal 127\.0\.0\.1/3260 symbolic \"\" initiator \"\" port -1$" "$isdsc" portals
t_match "the portal file is root-only" '^600$' stat -c %a "$ISCSI_MCS_SEND_TARGETS_FILE"
t_match "ReportIScsiTargetsA: the target the discovery found, $size characters" \
	"^$(first_a $size)
$one_target" "$isdsc" targets
t_true "no session is left by the discoveries" no_sessions
expect "AddIScsiSendTargetPortalW 127.0.0.2:3260 from initiator port 1 with a header digest" 0 '^$' \
	"$isdsc" -W add-portal 127.0.0.2:3260 port=1 hd=crc32c
t_match "ReportIScsiSendTargetPortalsW lists both" "^2 portal\(s\)
portal 127\.0\.0\.1/3260 symbolic \"\" initiator \"\" port -1
portal 127\.0\.0\.2/3260 symbolic \"\" initiator \"iscsi_mcs\" port 1$" "$isdsc" -W portals
t_match "ReportIScsiTargetsW with ForceUpdate: discovered at both, listed once" \
	"^$(first_a $size)
$one_target" "$isdsc" -W targets force
expect "AddIScsiSendTargetPortalA where nothing listens: ISDSC_CONNECTION_FAILED" 1 \
	"$(fails_with ISDSC_CONNECTION_FAILED)SendTargets discovery at 127\.0\.0\.1:3999" \
	"$isdsc" add-portal 127.0.0.1:3999
expect "AddIScsiSendTargetPortalA of a name that does not resolve: ISDSC_DNS_NAME_UNRESOLVED" 1 \
	"$(fails_with ISDSC_DNS_NAME_UNRESOLVED)" "$isdsc" add-portal nosuchhost.invalid
expect "AddIScsiSendTargetPortalA by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED)" "${as_nobody[@]}" "$isdsc" add-portal 127.0.0.1:3260
expect "AddIScsiSendTargetPortalA with IPsec: ISDSC_IPSEC_NOT_SUPPORTED_ON_OS" 1 \
	"$(fails_with ISDSC_IPSEC_NOT_SUPPORTED_ON_OS)" "$isdsc" add-portal 127.0.0.1 secflags=3
t_match "the failed additions recorded nothing" "^2 portal\(s\)" "$isdsc" portals
expect "RemoveIScsiSendTargetPortalA 127.0.0.1" 0 '^$' "$isdsc" remove-portal 127.0.0.1
expect "RemoveIScsiSendTargetPortalA of it again: ISDSC_PORTAL_NOT_FOUND" 1 \
	"$(fails_with ISDSC_PORTAL_NOT_FOUND)" "$isdsc" remove-portal 127.0.0.1
expect "RemoveIScsiSendTargetPortalW naming another initiator port: ISDSC_PORTAL_NOT_FOUND" 1 \
	"$(fails_with ISDSC_PORTAL_NOT_FOUND)" "$isdsc" -W remove-portal 127.0.0.2 port=0
t_match "ReportIScsiSendTargetPortalsA: 127.0.0.2 is left" "^1 portal\(s\)
portal 127\.0\.0\.2/3260 " "$isdsc" portals
expect "RefreshIScsiSendTargetPortalW of 127.0.0.2" 0 '^$' "$isdsc" -W refresh-portal 127.0.0.2
t_true "no session after the connection tests" no_sessions
t_true "LIO has no session after the connection tests" test "$(lio_session_count)" = 0
lio_teardown

# --- the recorded portal, once LIO is gone
expect "ReportIScsiTargetsA with ForceUpdate, no portal reachable: ISDSC_CONNECTION_FAILED" 1 \
	"$(fails_with ISDSC_CONNECTION_FAILED)" "$isdsc" targets force
t_match "ReportIScsiTargetsA without ForceUpdate: what the portal reported last" \
	"^$(first_a $size)
$one_target" "$isdsc" targets
expect "RefreshIScsiSendTargetPortalA of the unreachable portal: ISDSC_CONNECTION_FAILED" 1 \
	"$(fails_with ISDSC_CONNECTION_FAILED)" "$isdsc" refresh-portal 127.0.0.2
expect "RemoveIScsiSendTargetPortalW of 127.0.0.2 through its initiator port" 0 '^$' \
	"$isdsc" -W remove-portal 127.0.0.2 port=1
expect "no portal left" 0 '^0 portal\(s\)$' "$isdsc" portals
expect "no target left" 0 "^$(first_a 1)
0 target\(s\)$" "$isdsc" targets

# --- a portal group allowing one connection per session
lio_setup --max-connections 1 >/dev/null
tap_result $((! $?)) "LIO: MaxConnections 1"
out=$("$isdsc" login "$LIO_IQN" 127.0.0.1 2>&1)
sid=$(sid_of "$out")
t_true "LoginIScsiTargetA against MaxConnections 1" test -n "$sid"
[[ -n $sid ]] || echo "$out" | tap_diag
expect "AddIScsiConnectionA beyond MaxConnections: ISDSC_TOO_MANY_CONNECTIONS" 1 \
	"$(fails_with ISDSC_TOO_MANY_CONNECTIONS)" "$isdsc" add-conn "$sid" 127.0.0.2
expect "AddIScsiConnectionW beyond MaxConnections: ISDSC_TOO_MANY_CONNECTIONS" 1 \
	"$(fails_with ISDSC_TOO_MANY_CONNECTIONS)" "$isdsc" -W add-conn "$sid" 127.0.0.1
t_match "the session keeps its one connection" "session $sid .* connections 1[[:space:]]" "$isdsc" list
[[ -z $sid ]] || "$isdsc" logout "$sid"
t_true "no session after the MaxConnections test" no_sessions
lio_teardown

# --- CHAP and mutual CHAP
lio_setup --max-connections 8 --acl "$iname" --chap e2euser:e2esecret1234 \
	--mutual-chap e2etarget:e2etargetsecret >/dev/null
tap_result $((! $?)) "LIO: an ACL for $iname with mutual CHAP"
expect "SetIScsiInitiatorCHAPSharedSecret" 0 '^$' "$isdsc" chap-secret e2etargetsecret
t_match "the secret is stored in a root-only file, byte for byte" '^600 15$' \
	stat -c '%a %s' "$ISCSI_MCS_MUTUAL_SECRET_FILE"
out=$("$isdsc" login "$LIO_IQN" 127.0.0.1 mutual=e2euser:e2esecret1234 2>&1)
sid=$(sid_of "$out")
t_true "mutual CHAP (ISCSI_MUTUAL_CHAP_AUTH_TYPE) with the right secrets" test -n "$sid"
[[ -n $sid ]] || echo "$out" | tap_diag
t_true "LIO sees the CHAP session" test "$(lio_session_count)" = 1
[[ -z $sid ]] || "$isdsc" logout "$sid"
out=$("$isdsc" -W login "$LIO_IQN" 127.0.0.2 chap=e2euser:e2esecret1234 2>&1)
sid=$(sid_of "$out")
t_true "one-way CHAP through LoginIScsiTargetW" test -n "$sid"
[[ -n $sid ]] || echo "$out" | tap_diag
[[ -z $sid ]] || "$isdsc" logout "$sid"
expect "wrong CHAP secret: status 0x0201 as ISDSC_AUTHENTICATION_FAILURE" 1 \
	"$(fails_with ISDSC_AUTHENTICATION_FAILURE).*\[login status 0x0201\]" \
	"$isdsc" login "$LIO_IQN" 127.0.0.1 chap=e2euser:wrongsecret1234
# LIO may drop the connection instead of answering a status.
expect "no CHAP offered to a target that requires it: refused" 1 \
	"failed: (ISDSC_AUTHENTICATION_FAILURE|ISDSC_TRANSPORT_ERROR) " \
	"$isdsc" login "$LIO_IQN" 127.0.0.1
expect "CHAP name left out: the initiator node name is used, which LIO does not know" 1 \
	"$(fails_with ISDSC_AUTHENTICATION_FAILURE)" \
	"$isdsc" login "$LIO_IQN" 127.0.0.1 chap=:e2esecret1234
expect "a CHAP secret longer than Windows allows: ISDSC_INVALID_TARGET_CHAP_SECRET" 1 \
	"$(fails_with ISDSC_INVALID_TARGET_CHAP_SECRET)" \
	"$isdsc" login "$LIO_IQN" 127.0.0.1 chap=e2euser:e2esecret1234567890
"$isdsc" chap-secret nottargetsecret
expect "the target proves a wrong mutual secret: ISDSC_AUTHENTICATION_FAILURE" 1 \
	"$(fails_with ISDSC_AUTHENTICATION_FAILURE)" \
	"$isdsc" login "$LIO_IQN" 127.0.0.1 mutual=e2euser:e2esecret1234
expect "a short initiator secret is stored with the warning ISDSC_SHORT_CHAP_SECRET" 0 \
	'warning: ISDSC_SHORT_CHAP_SECRET' "$isdsc" chap-secret short
expect "mutual CHAP with the short secret: ISDSC_INVALID_INITIATOR_CHAP_SECRET" 1 \
	"$(fails_with ISDSC_INVALID_INITIATOR_CHAP_SECRET)" \
	"$isdsc" login "$LIO_IQN" 127.0.0.1 mutual=e2euser:e2esecret1234
expect "SetIScsiInitiatorCHAPSharedSecret of nothing removes the secret" 0 '^$' \
	"$isdsc" chap-secret
expect "mutual CHAP without an initiator secret: ISDSC_TARGET_AUTHINFO_UNAVAILABLE" 1 \
	"$(fails_with ISDSC_TARGET_AUTHINFO_UNAVAILABLE)" \
	"$isdsc" login "$LIO_IQN" 127.0.0.1 mutual=e2euser:e2esecret1234
expect "SetIScsiInitiatorCHAPSharedSecret by an unprivileged user: ERROR_ACCESS_DENIED" 1 \
	"$(fails_with ERROR_ACCESS_DENIED)" "${as_nobody[@]}" "$isdsc" chap-secret e2etargetsecret
t_true "no session after the CHAP tests" no_sessions
t_true "LIO has no session after the CHAP tests" test "$(lio_session_count)" = 0
lio_teardown

# --- and without the module again
t_run "rmmod iscsi_mcs" rmmod iscsi_mcs
expect "LogoutIScsiTarget after rmmod: ISDSC_SERVICE_NOT_RUNNING" 1 \
	"$(fails_with ISDSC_SERVICE_NOT_RUNNING)" "$isdsc" logout "${sid2:-0-0}"
expect "GetIScsiSessionListW after rmmod: ISDSC_SERVICE_NOT_RUNNING" 1 \
	"$(fails_with ISDSC_SERVICE_NOT_RUNNING)" "$isdsc" -W list
rm -rf "$conf"
tap_done
