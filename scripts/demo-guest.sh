#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, inside the VM: a LIO target with one portal group on 127.0.0.1
# and 127.0.0.2 that allows 8 connections per session; the iscsi_mcs module
# logs in by itself, the LUN becomes a disk, the session grows to four
# connections while fio writes and verifies, I/O spreads over them, one
# connection is removed, and the session logs out.
set -euo pipefail

cd "${MCS_REPO:-$(dirname "$0")/..}"
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

probe=build/tests/nlprobe
mcsadm=tools/build/mcsadm

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

step "log in: the module does the iSCSI login itself over a kernel socket"
out=$(run "$probe" login "$LIO_IQN" 127.0.0.1)
echo "${out:0:160}..."
sid=$(grep -o ' id=[0-9a-f]\{32\}' <<<"$out" | cut -d= -f2)
disk=$(mcs_wait_disk 30)
echo "session $sid -> /dev/$disk ($(($(blockdev --getsize64 "/dev/$disk") >> 20)) MiB)"

step "grow the session to 4 connections across both portals, while fio writes and verifies"
fio --name=demo --filename="/dev/$disk" --ioengine=libaio --direct=1 --rw=randwrite \
	--bsrange=4k-128k --size=96M --iodepth=16 --verify=crc32c --do_verify=1 \
	--verify_fatal=1 --minimal >/tmp/demo-fio 2>&1 &
fio=$!
for p in 127.0.0.2 127.0.0.1 127.0.0.2; do
	"$probe" conn-add "$sid" "$p" | grep -o 'conn_id=[0-9a-f]*' | sed "s/^/added via $p: /"
done
wait "$fio" && echo "fio: all data verified (crc32c), no I/O error"
show_session "$sid"
run "$mcsadm" -m session
run "$mcsadm" -m session -P 1
echo "LIO's side:"
lio_sessions | sed -n '2,5p'

step "remove one connection (its commands finish first, then Logout 'close connection')"
conn=$("$probe" session-get "$sid" | grep -o ' conn=[0-9a-f]\{32\}' | sed -n 2p | cut -d= -f2)
run "$probe" conn-remove "$sid" "$conn"
show_session "$sid"

step "log out: the disk goes, LIO's session ends"
run "$probe" logout "$sid"
echo "iscsi_mcs disks left: $(mcs_disks | wc -l); LIO sessions: $(lio_session_count)"
run rmmod iscsi_mcs
lio_teardown
echo "done"
