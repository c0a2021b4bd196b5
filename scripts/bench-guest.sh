#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark, inside the VM (see scripts/bench.sh). MCS_BENCH_RUNTIME
# sets each fio job's seconds (default 10).
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/..}"
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

runtime=${MCS_BENCH_RUNTIME:-10}
probe=build/tests/nlprobe
declare -A result

log() { echo "bench: $*" >&2; }

# fio_job NAME DEV mbs|iops ARGS...: prints MB/s or IOPS.
fio_job() {
	local name=$1 dev=$2 kind=$3
	shift 3
	fio --name="$name" --filename="/dev/$dev" --ioengine=libaio --direct=1 \
		--time_based --runtime="$runtime" --ramp_time=2 --group_reporting \
		--output-format=json "$@" 2>/dev/null |
		python3 -c '
import json, sys
j = json.load(sys.stdin)["jobs"][0]
kind = sys.argv[1]
side = j["read"] if j["read"]["io_bytes"] else j["write"]
print(round(side["iops"]) if kind == "iops" else round(side["bw_bytes"] / 1e6))
' "$kind"
}

run_jobs() {
	local path=$1 dev=$2
	log "$path on /dev/$dev"
	result[$path,read]=$(fio_job seqread "$dev" mbs --rw=read --bs=128k --iodepth=16)
	result[$path,write]=$(fio_job seqwrite "$dev" mbs --rw=write --bs=128k --iodepth=16)
	result[$path,rand]=$(fio_job randread "$dev" iops --rw=randread --bs=4k --iodepth=32)
}

# host_of PROC_NAME: the SCSI host a driver registered, waiting for it.
host_of() {
	local i h
	for ((i = 0; i < 300; i++)); do
		for h in /sys/class/scsi_host/host*; do
			[[ $(cat "$h/proc_name" 2>/dev/null) == "$1" ]] && { echo "${h##*/}"; return 0; }
		done
		sleep 0.1
	done
	log "no SCSI host of $1"
	return 1
}

wait_block() {
	local host=$1 i d
	for ((i = 0; i < 300; i++)); do
		# open-iscsi puts its targets below a session device.
		d=
		for b in /sys/class/scsi_host/"$host"/device/target*/*/block \
			/sys/class/scsi_host/"$host"/device/session*/target*/*/block; do
			[[ -d $b ]] && d=$(ls "$b" | head -n1) && break
		done
		[[ -n $d && -b /dev/$d ]] && { echo "$d"; return 0; }
		sleep 0.1
	done
	log "no disk on $host"
	return 1
}

modprobe -a sd_mod tcm_loop iscsi_tcp 2>/dev/null
lio_setup --max-connections 8 --size 512 >/dev/null || exit 1
lun=$(ls -d "$LIO_CFS"/core/rd_mcp_*/lun0 | head -n1)

# tcm_loop: the ramdisk with no network in between.
loop=$LIO_CFS/loopback/naa.5001405000000001/tpgt_1
mkdir -p "$loop/lun/lun_0"
printf naa.5001405000000002 >"$loop/nexus"
ln -s "$lun" "$loop/lun/lun_0/mcs_lun"
host=$(host_of tcm_loopback) && dev=$(wait_block "$host") && run_jobs tcm_loop "$dev"
rm -f "$loop/lun/lun_0/mcs_lun"
rmdir "$loop/lun/lun_0" "$loop" "${loop%/tpgt_1}" 2>/dev/null

# open-iscsi, one session.
rm -rf /etc/iscsi/nodes /etc/iscsi/send_targets
setsid iscsid -f >/dev/null 2>&1 &
iscsid=$!
for _ in $(seq 50); do
	rc=0; iscsiadm -m session >/dev/null 2>&1 || rc=$?
	((rc == 0 || rc == 21)) && break
	sleep 0.2
done
iscsiadm -m discovery -t st -p 127.0.0.1 >/dev/null 2>&1
if iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 --login >/dev/null 2>&1; then
	host=$(host_of iscsi_tcp) && dev=$(wait_block "$host") && run_jobs open-iscsi "$dev"
	iscsiadm -m node -T "$LIO_IQN" -p 127.0.0.1:3260 --logout >/dev/null 2>&1
else
	log "open-iscsi login failed"
fi
kill "$iscsid" 2>/dev/null
wait "$iscsid" 2>/dev/null

# iscsi_mcs: one connection, then the same session grown to four across
# both portals (MC/S).
mcs_insmod || exit 1
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:bench >/dev/null
out=$("$probe" login "$LIO_IQN" 127.0.0.1)
sid=$(grep -o ' id=[0-9a-f]\{32\}' <<<"$out" | cut -d= -f2)
if [[ -n $sid ]]; then
	dev=$(mcs_wait_disk 30) && run_jobs "iscsi_mcs" "$dev"
	for p in 127.0.0.2 127.0.0.1 127.0.0.2; do
		"$probe" conn-add "$sid" "$p" >/dev/null || log "conn-add $p failed"
	done
	[[ -n ${dev:-} ]] && run_jobs "iscsi_mcs 4 conns" "$dev"
	"$probe" logout "$sid" >/dev/null
else
	log "iscsi_mcs login failed: $out"
fi
rmmod iscsi_mcs
lio_teardown

printf '\n%-22s %14s %14s %16s\n' path "128k read MB/s" "128k write MB/s" "4k randread IOPS"
for p in tcm_loop open-iscsi iscsi_mcs "iscsi_mcs 4 conns"; do
	printf '%-22s %14s %14s %16s\n' "$p" "${result[$p,read]:--}" \
		"${result[$p,write]:--}" "${result[$p,rand]:--}"
done
ratio() {
	local a=${result[$1,$2]:-} b=${result[open-iscsi,$2]:-}
	[[ -n $a && -n $b && $b != 0 ]] && python3 -c "print(f'{$a/$b:.2f}x')" || echo -
}
for p in iscsi_mcs "iscsi_mcs 4 conns"; do
	printf '%-22s %14s %14s %16s\n' "${p/iscsi_mcs/mcs}/open-iscsi" \
		"$(ratio "$p" read)" "$(ratio "$p" write)" "$(ratio "$p" rand)"
done
