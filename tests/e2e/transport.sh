#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: a session as the kernel's iSCSI
# transport class shows it. The sysfs tree udev and iscsiadm read, stock
# iscsiadm listing it, the by-path name, connections coming and going,
# task management functions from the SCSI error handling ioctls, and a
# stock iscsid with an iscsi_tcp session working beside it.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

iname=iqn.2026-11.org.iscsi-mcs:e2e
cls=/sys/class

attr() { cat "$1" 2>&1; }
not() { ! "$@"; }

t_run "insmod iscsi_mcs" mcs_insmod
modprobe -q sd_mod
stock=iqn.2026-11.org.iscsi-mcs:stock
lio_setup --max-connections 8 >/dev/null
tap_result $((! $?)) "LIO: one TPG, two portals, MaxConnections 8"
# No pings of ours: the abort test below holds the target's answers back.
"$probe" config-set initiator_name=$iname noop_interval_ms=0 >/dev/null

t_true "transport tcp_mcs registered" test -d $cls/iscsi_transport/tcp_mcs
caps=$(attr $cls/iscsi_transport/tcp_mcs/caps)
# CAP_MULTI_CONN 0x40, CAP_LOGIN_OFFLOAD 0x4000, CAP_DATA_PATH_OFFLOAD 0x800.
t_true "capabilities: multiple connections, login in the kernel ($caps)" \
	test $((caps & 0x4040)) = $((0x4040)) -a $((caps & 0x800)) = 0

out=$("$probe" login "$LIO_IQN" 127.0.0.1)
sid=$(session_id "$out")
t_true "LOGIN" test -n "$sid"
disk=$(mcs_wait_disk 30)
t_true "the disk hangs below the class's session device" test -n "$disk"

s=$(ls -d $cls/iscsi_session/session* 2>/dev/null | head -n1)
n=${s##*session}
host=$(ls -d "$s"/device/../scsi_host/host* 2>/dev/null | head -n1)
t_true "one iscsi_session" test "$(ls $cls/iscsi_session | wc -l)" = 1
t_match "SESSION_GET answers its class number and SCSI host" \
	"class_sid=$n host=${host##*host}" "$probe" session-get "$sid"
t_match "targetname" "^$LIO_IQN\$" attr "$s/targetname"
t_match "initiatorname" "^$iname\$" attr "$s/initiatorname"
t_match "tpgt" '^1$' attr "$s/tpgt"
t_match "isid as the session's ISID" \
	"^$(grep -o 'isid=0x[0-9a-f]*' <<<"$out" | cut -dx -f2)\$" attr "$s/isid"
t_match "creator -1: iscsid leaves the session alone" '^-1$' attr "$s/creator"
t_match "state LOGGED_IN" '^LOGGED_IN$' attr "$s/state"
t_match "negotiated values: erl, bursts" '^0 65536 262144$' \
	echo "$(attr "$s/erl") $(attr "$s/first_burst_len") $(attr "$s/max_burst_len")"
t_true "no password attribute: secrets never leave the module" \
	test ! -e "$s/password" -a ! -e "$s/password_in"
c=$cls/iscsi_connection/connection$n:0
t_match "connection $n:0 persistent_address and port" '^127\.0\.0\.1 3260$' \
	echo "$(attr "$c/persistent_address") $(attr "$c/persistent_port")"
t_match "connection state up" '^up$' attr "$c/state"
t_match "digests off" '^0 0$' echo "$(attr "$c/header_digest") $(attr "$c/data_digest")"
t_match "iscsi_host initiatorname" "^$iname\$" attr "$cls/iscsi_host/${host##*/}/initiatorname"

# Stock tools, from Debian's open-iscsi.
mkdir -p /run/lock /etc/iscsi
echo "InitiatorName=$stock" >/etc/iscsi/initiatorname.iscsi
t_match "iscsiadm -m session lists it" \
	"\[$n\] 127\.0\.0\.1:3260,1 $LIO_IQN" iscsiadm -m session
# Not "-r N": iscsiadm wants a transport template for a single session.
p3=$(iscsiadm -m session -P 3 2>&1)
t_match "iscsiadm -P 3: target and portal" \
	"Target: $LIO_IQN.*Current Portal: 127\.0\.0\.1:3260,1" echo "$p3"
t_match "iscsiadm -P 3: iface and negotiated values" \
	"Iface Transport: tcp_mcs.*Iface Initiatorname: $iname.*iSCSI Session State: LOGGED_IN.*MaxBurstLength: 262144" \
	echo "$p3"
t_match "iscsiadm -P 3: the attached disk" "Attached scsi disk $disk[[:space:]]+State: running" \
	echo "$p3"
t_match "udev path_id: the by-path name" \
	"ID_PATH=ip-127\.0\.0\.1:3260-iscsi-$LIO_IQN-lun-0" \
	udevadm test-builtin path_id "/sys/block/$disk"

# Connections come and go in sysfs.
out=$("$probe" conn-add "$sid" 127.0.0.2)
cid2=$(conn_id "$out")
t_true "CONN_ADD" test -n "$cid2"
t_match "connection $n:1 appears, through 127.0.0.2" '^127\.0\.0\.2 up$' \
	echo "$(attr "$cls/iscsi_connection/connection$n:1/address") $(attr "$cls/iscsi_connection/connection$n:1/state")"
t_match "CONN_REMOVE" '^answer: ' "$probe" conn-remove "$sid" "$cid2"
t_true "connection $n:1 is gone" test ! -e "$cls/iscsi_connection/connection$n:1"

# Task management functions, through the SCSI reset ioctls.
t_run "LUN RESET (sg_reset -d)" sg_reset -d "/dev/$disk"
# LIO refuses TARGET WARM RESET unless a node ACL attribute it does not
# export allows it: the target reset falls back to resetting each LUN.
t_run "target reset (sg_reset -t)" sg_reset -t "/dev/$disk"
t_match "LIO refused TARGET WARM RESET (255): each LUN was reset instead" \
	'TARGET WARM RESET refused \(255\), resetting each LUN' dmesg
t_true "the host reset has no handler: it fails cleanly" not sg_reset -H "/dev/$disk"
# ABORT TASK: hold the target's answers back past the command timeout,
# then let TCP retransmit them; the error handler's abort finds the task
# done or gone, and the command is retried.
modprobe -a nf_tables nfnetlink 2>/dev/null
echo 2 >"/sys/block/$disk/device/timeout"
nft add table inet mcs_abort
nft add chain inet mcs_abort in '{ type filter hook input priority 0; }'
nft add rule inet mcs_abort in tcp sport 3260 drop
dd if="/dev/$disk" of=/dev/null bs=4k count=1 skip=77 iflag=direct status=none &
reader=$!
sleep 4
nft delete table inet mcs_abort
wait "$reader"
tap_result $((! $?)) "a read that timed out completes after the abort"
t_match "LIO got an ABORT TASK for it" 'ABORT_TASK: (Sending|Found)' dmesg
echo 30 >"/sys/block/$disk/device/timeout"
t_run "I/O after the resets" dd if="/dev/$disk" of=/dev/null bs=64k count=64 iflag=direct status=none
t_match "the session stayed up" "session=$sid state=0 .*cstate=0" "$probe" session-get "$sid"

# A stock iscsid and an iscsi_tcp session beside ours.
modprobe -q iscsi_tcp
rm -rf /etc/iscsi/nodes /etc/iscsi/send_targets
setsid iscsid -f >/tmp/iscsid.log 2>&1 &
iscsid=$!
for _ in $(seq 50); do
	rc=0
	iscsiadm -m session >/dev/null 2>&1 || rc=$?
	((rc == 0 || rc == 21)) && break
	sleep 0.2
done
iscsiadm -m discovery -t st -p 127.0.0.2 >/dev/null 2>&1
t_run "stock iscsiadm logs in with iscsi_tcp beside us" \
	iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.2:3260 --login
t_match "iscsiadm -m session lists both" \
	"tcp: \[[0-9]+\] 127\.0\.0\.2:3260,1 $LIO_IQN.*\[$n\] 127\.0\.0\.1:3260,1 $LIO_IQN|\[$n\] 127\.0\.0\.1:3260,1 $LIO_IQN.*tcp: \[[0-9]+\] 127\.0\.0\.2:3260,1" \
	iscsiadm -m session
t_true "LIO sees two sessions" test "$(lio_session_count)" = 2
t_run "stock iscsiadm logs its session out" \
	iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.2:3260 --logout
t_match "iscsid did not adopt ours: still logged in, still ours" \
	"session=$sid state=0 .*cstate=0" "$probe" session-get "$sid"
t_run "I/O on ours after iscsid came and went" \
	dd if="/dev/$disk" of=/dev/null bs=64k count=64 iflag=direct status=none
kill "$iscsid" 2>/dev/null
wait "$iscsid" 2>/dev/null

t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
t_true "the class session and its connections are gone" \
	test -z "$(ls $cls/iscsi_session)$(ls $cls/iscsi_connection)"
t_true "LIO has no session left" test "$(lio_session_count)" = 0
t_run "rmmod" rmmod iscsi_mcs
t_true "transport unregistered" test ! -e $cls/iscsi_transport/tcp_mcs
tap_done
