#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, inside the VM: a LIO target with one portal group on 127.0.0.1
# and 127.0.0.2 that allows 8 connections per session; the iscsi_mcs module
# logs in by itself, the LUN becomes a disk, the session grows to four
# connections while fio writes and verifies, I/O spreads over them, one
# connection is removed, one is killed from the target's side and the
# session recovers by itself under I/O, and the session logs out.
set -euo pipefail

cd "${MCS_REPO:-$(dirname "$0")/..}"
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

probe=build/tests/nlprobe
mcsadm=tools/build/mcsadm
# The Windows iSCSI API on Linux: every step of the story below goes
# through libiscsidsc, which turns each call into netlink requests.
isdsc=userlib/build/examples/isdsc-login
export ISCSI_MCS_SEND_TARGETS_FILE=/tmp/demo-send-targets.conf

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

# The session as a table: one line per connection.
show_session() {
	"$probe" session-get "$1" | sed 's/ conn[0-9]*:/\n&/g' | awk '
		NR == 1 {
			for (i = 1; i <= NF; i++)
				if ($i ~ /^(state|tsih|tpgt|maxconn|erl|conns)=/)
					printf "%s ", $i
			print ""
			next
		}
		{
			line = ""
			for (i = 1; i <= NF; i++)
				if ($i ~ /^(cid|cstate|portal|rx|tx)=/)
					line = line sprintf("%-22s", $i)
			print "   " line
		}'
}

step "guest kernel $(uname -r); LIO target: one portal group, two portals, MaxConnections 8"
lio_setup --luns 1 --size 128 --max-connections 8 >/dev/null
echo "target $LIO_IQN on ${LIO_PORTALS[*]}"

step "load the module; ask it what it is through libiscsidsc and mcsadm"
modprobe -a sd_mod
run mcs_insmod
run userlib/build/examples/isdsc-info | sed -n '1,6p'
run "$mcsadm" -m config -o update -n InitiatorName -v iqn.2026-11.org.iscsi-mcs:demo
run "$mcsadm" -m config | grep -E 'InitiatorName|MaxConnections'

step "discover: AddIScsiSendTargetPortal, then ReportIScsiTargets"
run "$isdsc" add-portal 127.0.0.1
run "$isdsc" targets

step "log in (LoginIScsiTarget): the module does the iSCSI login itself over a kernel socket"
out=$(run "$isdsc" login "$LIO_IQN" 127.0.0.1 maxconn=8)
echo "$out"
# The library prints ids as iscsicli does (HI-LO); netlink tools want 32 hex digits.
wsid=$(sed -n 's/^session \([0-9a-f-]*\) .*/\1/p' <<<"$out")
sid=${wsid//-/}
disk=$(mcs_wait_disk 30)
echo "/dev/$disk ($(($(blockdev --getsize64 "/dev/$disk") >> 20)) MiB); GetDevicesForIScsiSession says:"
"$isdsc" devices "$wsid" | sed 's/^/   /'
echo "stock iscsiadm sees it through the kernel's iSCSI transport class:"
mkdir -p /run/lock
iscsiadm -m session 2>/dev/null | sed 's/^/   /'

step "grow the session to 4 connections across both portals, while fio writes and verifies"
fio --name=demo --filename="/dev/$disk" --ioengine=libaio --direct=1 --rw=randwrite \
	--bsrange=4k-128k --size=32M --loops=8 --iodepth=16 --verify=crc32c \
	--do_verify=1 --verify_fatal=1 --minimal >/tmp/demo-fio 2>&1 &
fio=$!
for p in 127.0.0.2 127.0.0.1 127.0.0.2; do
	printf '$ isdsc-login add-conn %s %s   (AddIScsiConnection)\n' "$wsid" "$p"
	"$isdsc" add-conn "$wsid" "$p" | sed "s/^/   /"
done
wait "$fio" && echo "fio: all data verified (crc32c), no I/O error"
show_session "$sid"
run "$mcsadm" -m session
run "$mcsadm" -m session -P 1
run "$isdsc" list
echo "LIO's side:"
lio_sessions | sed -n '2,5p'

step "remove one connection (RemoveIScsiConnection): its commands finish, then Logout 'close connection'"
conn=$("$isdsc" list | sed -n 's/^  connection \([0-9a-f-]*\) .*/\1/p' | sed -n 2p)
run "$isdsc" remove-conn "$wsid" "$conn"
show_session "$sid"

step "kill one connection from the target's side (ss -K) while fio verifies"
modprobe -a inet_diag tcp_diag 2>/dev/null
"$probe" listen 60000 all >/tmp/demo-events 2>&1 &
listener=$!
fio --name=demo --filename="/dev/$disk" --ioengine=libaio --direct=1 --rw=randwrite \
	--bsrange=4k-128k --size=32M --loops=12 --iodepth=16 --verify=crc32c \
	--do_verify=1 --verify_fatal=1 --minimal >/tmp/demo-fio 2>&1 &
fio=$!
sleep 2
port=$(ss -Htn state established src 127.0.0.2 '( sport = :3260 )' | awk '{print $4}' | sed 's/.*://' | head -n1)
run ss -K -tn state established "( sport = :3260 and dport = :$port )" >/dev/null
for _ in $(seq 150); do
	[[ $("$probe" session-get "$sid" | grep -o 'conns=[0-9]*') == conns=3 &&
	   $("$probe" session-get "$sid" | grep -o ' state=[0-9]*' | head -n1) == " state=0" ]] &&
		dmesg | grep -q "session $sid reinstated" && break
	sleep 0.2
done
wait "$fio" && echo "fio: all data verified across the failure, no I/O error"
kill "$listener" 2>/dev/null
wait "$listener" 2>/dev/null || true
echo "what the module did (kernel log):"
dmesg | grep -E "session $sid.*(failed|reinstated|recovered)" | sed 's/^\[[^]]*\] //' | cut -c1-110
echo "events on the multicast group: $(grep -c 'cmd=14 .* event=2' /tmp/demo-events) connection failed," \
	"$(grep -c 'cmd=14 .* event=3' /tmp/demo-events) connections recovered"
show_session "$sid"

step "log out (LogoutIScsiTarget): the disk goes, LIO's session ends"
run "$isdsc" logout "$wsid"
echo "iscsi_mcs disks left: $(mcs_disks | wc -l); LIO sessions: $(lio_session_count)"
run rmmod iscsi_mcs
lio_teardown
echo "done"
