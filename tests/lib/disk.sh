# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Finding the disks of an iscsi_mcs session in the VM, where there is no
# udev: through sysfs, from the SCSI hosts whose driver is iscsi_mcs (its
# proc_name follows the iSCSI class's convention: iscsi_<transport>).

# mcs_disks: the block device names (sda ...) of every iscsi_mcs host.
mcs_disks() {
	local h
	for h in /sys/class/scsi_host/host*; do
		[[ $(cat "$h/proc_name" 2>/dev/null) == iscsi_tcp_mcs ]] || continue
		# The target hangs below the iSCSI class's session device.
		ls "$h"/device/session*/target*/*/block 2>/dev/null
	done
}

# mcs_wait_disk [SECONDS]: print the first disk once the scan found it.
mcs_wait_disk() {
	local i d
	for ((i = 0; i < ${1:-20} * 10; i++)); do
		d=$(mcs_disks | head -n1)
		if [[ -n $d && -b /dev/$d ]]; then
			echo "$d"
			return 0
		fi
		sleep 0.1
	done
	return 1
}
