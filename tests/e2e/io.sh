#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: SCSI I/O through a session the module
# logged in itself. A file system with checksummed files survives umount,
# logout and a new login; fio's crc32c verification over random writes;
# the same with header and data digests on; the disk goes with the session.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

mnt=/mnt/mcs-e2e

modprobe -a sd_mod ext4 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
lio_setup --max-connections 8 --size 128 >/dev/null
tap_result $((! $?)) "LIO: 128 MiB ramdisk LUN"
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:io >/dev/null

sid=$(session_id "$("$probe" login "$LIO_IQN" 127.0.0.1)")
t_true "login" test -n "$sid"
disk=$(mcs_wait_disk 30)
t_true "the LUN shows up as a SCSI disk of an iscsi_mcs host" test -n "$disk"
t_match "its size is the LUN's" '^134217728$' blockdev --getsize64 "/dev/$disk"

t_run "mkfs.ext4" mkfs.ext4 -q -F "/dev/$disk"
mkdir -p "$mnt"
t_run "mount" mount "/dev/$disk" "$mnt"
for i in $(seq 1 12); do
	head -c $((i * 173 * 1024 + i)) /dev/urandom >"$mnt/f$i"
done
(cd "$mnt" && sha256sum f*) >/tmp/mcs-sums
t_run "umount (flushes through the session)" umount "$mnt"
t_run "mount again" mount "/dev/$disk" "$mnt"
t_run "files read back with their checksums" sh -c "cd $mnt && sha256sum -c --quiet /tmp/mcs-sums"
t_run "umount" umount "$mnt"

t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
t_true "the disk is gone with the session" test -z "$(mcs_disks)"
sid=$(session_id "$("$probe" login "$LIO_IQN" 127.0.0.2)")
disk=$(mcs_wait_disk 30)
t_true "login again, through the other portal: the disk is back" test -n "$disk"
mount "/dev/$disk" "$mnt" 2>/dev/null
t_run "the data survived logout and login" sh -c "cd $mnt && sha256sum -c --quiet /tmp/mcs-sums"
umount "$mnt" 2>/dev/null

fio_verify_big() {
	fio --name=verify --filename="/dev/$1" --ioengine=libaio --direct=1 \
		--rw=randwrite --bsrange=4k-256k --size="$2" --iodepth=16 \
		--verify=crc32c --do_verify=1 --verify_fatal=1 --randrepeat=0 \
		--output-format=terse --minimal
}
t_run "fio: random writes of 4k-256k, iodepth 16, verified with crc32c" fio_verify_big "$disk" 64M
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
lio_teardown

lio_setup --max-connections 8 --size 64 --header-digest CRC32C --data-digest CRC32C >/dev/null
out=$("$probe" login "$LIO_IQN" 127.0.0.1 hd=3 dd=3)
sid=$(session_id "$out")
t_match "login with header and data digests" ' hd=1 dd=1 ' echo "$out"
disk=$(mcs_wait_disk 30)
t_true "disk with digests" test -n "$disk"
t_run "fio verify with header and data digests on" fio_verify_big "$disk" 32M
t_match "no connection failed" ' cstate=0 ' "$probe" session-get "$sid"

t_run "rmmod with a live session" rmmod iscsi_mcs
t_true "LIO has no session after rmmod" test "$(lio_session_count)" = 0
lio_teardown
tap_done
