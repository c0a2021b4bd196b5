#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: how a session meets the network and
# the block layer. The SCSI host's queue depth (cmds_max) from the login
# or the namespace default, with I/O deeper than it; IPv6 portals for
# LOGIN, CONN_ADD and DISCOVER; connections bound to a local address and
# to a netdev; and the refusals of bad values, each with its message.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

host_no() { grep -o ' host=[0-9]*' <<<"$1" | cut -d= -f2; }
no_sessions() { [[ $("$probe" sessions) == "answer: ack" ]]; }
# Established TCP connections from the initiator's side to PORTAL.
to_portal() { ss -Htn state established dst "$1" 2>/dev/null; }

fio_verify_depth() {
	fio --name=net --filename="/dev/$1" --ioengine=libaio --direct=1 \
		--rw=randwrite --bsrange=4k-64k --size="$2" --iodepth="$3" \
		--verify=crc32c --do_verify=1 --verify_fatal=1 --randrepeat=0 \
		--minimal
}
# fio_ok LOG: exit status 0 and no error counted (terse field 5: errors).
fio_ok() { [[ $(cut -d';' -f5 "$1" | tail -n1) == 0 ]]; }

# tcp_diag: without it ss reads /proc/net/tcp, which has no bound device.
modprobe -a sd_mod inet_diag tcp_diag 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:net >/dev/null

# --- cmds_max: the SCSI host's queue depth
lio_setup --max-connections 8 --size 64 >/dev/null
tap_result $((! $?)) "LIO: 64 MiB LUN on 127.0.0.1 and 127.0.0.2"
t_match "CONFIG_GET: cmds_max defaults to 128" ' cmds_max=128$' "$probe" config-get

out=$("$probe" login "$LIO_IQN" 127.0.0.1 cmds_max=16)
sid=$(session_id "$out")
host=$(host_no "$out")
t_match "LOGIN cmds_max=16: the session answers cmds_max=16" ' host=[0-9]+ .*cmds_max=16 ' echo "$out"
t_match "SESSION_GET answers it too" ' cmds_max=16 ' "$probe" session-get "$sid"
t_match "host$host can_queue is 16" '^16$' cat "/sys/class/scsi_host/host$host/can_queue"
t_match "host$host cmd_per_lun is 16" '^16$' cat "/sys/class/scsi_host/host$host/cmd_per_lun"
disk=$(mcs_wait_disk 30)
t_true "disk" test -n "$disk"
qd=$(cat "/sys/block/$disk/device/queue_depth" 2>/dev/null)
t_true "the disk's queue depth ($qd) is within 16" test "${qd:-99}" -le 16
fio_verify_depth "$disk" 32M 64 >/tmp/mcs-net-fio 2>&1
rc=$?
tap_result $((rc == 0)) "fio at iodepth 64 over can_queue 16: verified with crc32c"
t_true "fio counted 0 errors" fio_ok /tmp/mcs-net-fio
((rc == 0)) || tap_diag </tmp/mcs-net-fio
t_match "no connection failed" ' cstate=0 ' "$probe" session-get "$sid"
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"

t_match "CONFIG_SET cmds_max=32" '^answer: ack' "$probe" config-set cmds_max=32
out=$("$probe" login "$LIO_IQN" 127.0.0.1)
sid=$(session_id "$out")
host=$(host_no "$out")
t_match "a LOGIN without cmds_max takes the namespace's 32" ' cmds_max=32 ' echo "$out"
t_match "host$host can_queue is 32" '^32$' cat "/sys/class/scsi_host/host$host/can_queue"
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
"$probe" config-set cmds_max=128 >/dev/null

while read -r what errno msg args; do
	# shellcheck disable=SC2086
	t_match "$what: $errno with a message" "^error: $errno: $msg" "$probe" $args
done <<CASES
LOGIN-cmds_max=0 ERANGE integer.out.of.range login $LIO_IQN 127.0.0.1 cmds_max=0
LOGIN-cmds_max=1025 ERANGE integer.out.of.range login $LIO_IQN 127.0.0.1 cmds_max=1025
CONFIG_SET-cmds_max=0 ERANGE integer.out.of.range config-set cmds_max=0
CONFIG_SET-cmds_max=4096 ERANGE integer.out.of.range config-set cmds_max=4096
DISCOVER-cmds_max EINVAL . discover 127.0.0.1 cmds_max=16
CASES
t_match "the refused CONFIG_SET changed nothing" ' cmds_max=128$' "$probe" config-get
out=$("$probe" login "$LIO_IQN" 127.0.0.1 cmds_max=1024)
t_match "LOGIN cmds_max=1024, the limit, is accepted" ' cmds_max=1024 ' echo "$out"
host=$(host_no "$out")
t_match "host$host can_queue is 1024" '^1024$' cat "/sys/class/scsi_host/host$host/can_queue"
"$probe" logout "$(session_id "$out")" >/dev/null
t_true "no session left" no_sessions

# --- binding to a local address and to a netdev
out=$("$probe" login "$LIO_IQN" 127.0.0.1 local=127.0.0.5)
sid=$(session_id "$out")
t_match "LOGIN local=127.0.0.5: the connection's LOCAL is 127.0.0.5" \
	'conn1: .* portal=127\.0\.0\.1:3260 hd=0 dd=0 .*local=127\.0\.0\.5:[1-9][0-9]* ' echo "$out"
t_match "LIO's side sees the connection from 127.0.0.5" '127\.0\.0\.1:3260 +127\.0\.0\.5:' \
	ss -Htn state established src 127.0.0.1:3260
t_match "CONN_ADD local=127.0.0.6 through 127.0.0.2" \
	'conn2: .* portal=127\.0\.0\.2:3260 hd=0 dd=0 .*local=127\.0\.0\.6:' \
	"$probe" conn-add "$sid" 127.0.0.2 local=127.0.0.6
t_match "LIO's side sees that one from 127.0.0.6" '127\.0\.0\.2:3260 +127\.0\.0\.6:' \
	ss -Htn state established src 127.0.0.2:3260
t_true "LIO holds one session" test "$(lio_session_count)" = 1
t_match "SESSION_GET shows both local addresses" \
	'local=127\.0\.0\.5:.*local=127\.0\.0\.6:.* conns=2' "$probe" session-get "$sid"
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"

lo=$(cat /sys/class/net/lo/ifindex)
out=$("$probe" login "$LIO_IQN" 127.0.0.1 ifindex="$lo")
sid=$(session_id "$out")
t_true "LOGIN bound to netdev lo (ifindex $lo)" test -n "$sid"
t_match "its socket is bound to lo" '%lo:' to_portal 127.0.0.1:3260
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
out=$("$probe" login "$LIO_IQN" 127.0.0.2 ifindex="$lo" local=127.0.0.7)
t_match "LOGIN bound to lo and 127.0.0.7 at once" 'local=127\.0\.0\.7:' echo "$out"
"$probe" logout "$(session_id "$out")" >/dev/null

while read -r what errno msg args; do
	# shellcheck disable=SC2086
	t_match "$what: $errno with a message" "^error: $errno: $msg" "$probe" $args
done <<CASES
LOGIN-ifindex-9999 ENODEV no.such.interface.in.this.namespace login $LIO_IQN 127.0.0.1 ifindex=9999
DISCOVER-ifindex-9999 ENODEV no.such.interface.in.this.namespace discover 127.0.0.1 ifindex=9999
LOGIN-local-192.0.2.1 EADDRNOTAVAIL cannot.bind.to.the.requested.source.address login $LIO_IQN 127.0.0.1 local=192.0.2.1
DISCOVER-local-192.0.2.1 EADDRNOTAVAIL cannot.bind.to.the.requested.source.address discover 127.0.0.1 local=192.0.2.1
LOGIN-local-IPv6-portal-IPv4 EINVAL local.and.portal.addresses.are.of.different.families login $LIO_IQN 127.0.0.1 local=[::1]
CASES
t_true "no session left after the refusals" no_sessions
t_true "LIO has no session" test "$(lio_session_count)" = 0
lio_teardown

# --- IPv6 portals
caps=$("$probe" version | grep -o 'caps=0x[0-9a-f]*' | cut -d= -f2)
t_true "GET_VERSION announces IPv6 portals (caps ${caps:-none})" \
	test $(((${caps:-0} >> 8) & 1)) = 1
t_match "lo has ::1" 'inet6 ::1/128' ip -6 addr show dev lo
lio_setup --max-connections 8 --size 64 --portal '[::1]:3260' --portal 127.0.0.1:3260 >/dev/null
tap_result $((! $?)) "LIO: one portal group on [::1]:3260 and 127.0.0.1:3260"
t_match "DISCOVER at [::1]: both portals, the IPv6 one in brackets" \
	"^answer: cmd=9 targets=1 target=$LIO_IQN portals=2 portal=\[::1\]:3260,1 portal=127\.0\.0\.1:3260,1$" \
	"$probe" discover '[::1]'
out=$("$probe" login "$LIO_IQN" '[::1]:3260')
sid=$(session_id "$out")
t_true "LOGIN at [::1]:3260" test -n "$sid"
t_match "the session's portal and local addresses are IPv6" \
	'conn1: .* portal=\[::1\]:3260 hd=0 dd=0 .*local=\[::1\]:[1-9][0-9]* ' echo "$out"
t_match "LIO sees the connection over IPv6" '\[::1\]:3260 +\[::1\]:' \
	ss -Htn state established src '[::1]:3260'
t_match "the iSCSI class shows the IPv6 portal" '^::1$' \
	sh -c 'cat /sys/class/iscsi_connection/connection*/persistent_address | sort -u'
disk=$(mcs_wait_disk 30)
t_true "disk over IPv6" test -n "$disk"
t_run "fio verify over IPv6, iodepth 16" fio_verify_depth "$disk" 32M 16
t_match "CONN_ADD through [::1]" 'conn2: .* portal=\[::1\]:3260 .* conns=2' \
	"$probe" conn-add "$sid" '[::1]'
t_match "CONN_ADD through the group's IPv4 portal: families mix in one session" \
	'conn3: .* portal=127\.0\.0\.1:3260 .* conns=3' "$probe" conn-add "$sid" 127.0.0.1
t_run "fio verify over both families" fio_verify_depth "$disk" 32M 32
t_match "no connection failed" 'cstate=0 .*cstate=0 .*cstate=0 .*conns=3' "$probe" session-get "$sid"
t_match "CONN_ADD local=[2001:db8::1], not on this host: EADDRNOTAVAIL" \
	'^error: EADDRNOTAVAIL: cannot bind to the requested source address' \
	"$probe" conn-add "$sid" '[::1]' 'local=[2001:db8::1]'
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
out=$("$probe" login "$LIO_IQN" '[::1]' 'local=[::1]' ifindex="$lo")
t_match "LOGIN at [::1] bound to [::1] and lo" 'local=\[::1\]:' echo "$out"
"$probe" logout "$(session_id "$out")" >/dev/null
t_match "nothing listening on [::1]:3999: ECONNREFUSED" '^error: ECONNREFUSED: portal refused' \
	"$probe" login "$LIO_IQN" '[::1]:3999'
t_true "no session left" no_sessions
t_true "LIO has no session" test "$(lio_session_count)" = 0
lio_teardown

# --- a link-local portal: its scope (or the bound interface) names the link
modprobe -q dummy 2>/dev/null
ip link add mcsd0 type dummy && ip link set mcsd0 up &&
	ip -6 addr add fe80::5/64 dev mcsd0 nodad
d0=$(cat /sys/class/net/mcsd0/ifindex 2>/dev/null)
t_true "dummy interface mcsd0 (ifindex ${d0:-none}) with fe80::5" test -n "$d0"
lio_setup --portal '[::]:3262' >/dev/null
tap_result $((! $?)) "LIO: a portal on [::]:3262"
out=$("$probe" login "$LIO_IQN" '[fe80::5%mcsd0]:3262')
t_match "LOGIN at [fe80::5%mcsd0]: portal and local answered with their scope" \
	"portal=\[fe80::5%$d0\]:3262 hd=0 dd=0 .*local=\[fe80::5%$d0\]:" echo "$out"
"$probe" logout "$(session_id "$out")" >/dev/null
out=$("$probe" login "$LIO_IQN" '[fe80::5]:3262' ifindex="$d0")
t_match "LOGIN at [fe80::5] bound to mcsd0: the interface is the scope" \
	"portal=\[fe80::5%$d0\]:3262 " echo "$out"
"$probe" logout "$(session_id "$out")" >/dev/null
t_match "a link-local portal without a scope: EINVAL with a message" \
	'^error: EINVAL: a link-local portal needs a scope id or a local interface' \
	"$probe" login "$LIO_IQN" '[fe80::5]:3262'
t_match "a scope that is not the bound interface: EINVAL with a message" \
	"^error: EINVAL: the portal's scope id is not the local interface" \
	"$probe" login "$LIO_IQN" "[fe80::5%$d0]:3262" ifindex="$lo"
t_true "no session left" no_sessions
ip link del mcsd0 2>/dev/null

t_run "rmmod" rmmod iscsi_mcs
lio_teardown
tap_done
