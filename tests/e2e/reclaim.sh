#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: reclaim safety (issue 10, item 6).
# A writer confined to a small memory cgroup dirties far more of the
# iSCSI disk's page cache than the cgroup may hold, so its own
# allocations must wait for writeback through the session, while every
# connection of the session is killed. Recovery, which logs the session
# in again, must not wait for that same writeback: the writer has to
# finish, the data must read back intact, and no hung task may appear
# (vm-run fails the run on any such report).
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

cg=/sys/fs/cgroup/mcs-reclaim
healthy() { [[ $(state "$1") == 0 && $(nconns "$1") == "$2" ]]; }
target_ports() {
	ss -Htn state established '( sport = :3260 )' | awk '{print $4}' | sed 's/.*://'
}
cg_event() { awk -v k="$1" '$1 == k { print $2 }' "$cg/memory.events"; }

modprobe -a sd_mod inet_diag tcp_diag 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:reclaim \
	noop_interval_ms=2000 noop_timeout_ms=2000 login_timeout_ms=3000 >/dev/null
lio_setup --max-connections 8 --size 320 >/dev/null
tap_result $((! $?)) "LIO with a 320 MiB disk"
out=$("$probe" login "$LIO_IQN" 127.0.0.1)
sid=$(session_id "$out")
"$probe" conn-add "$sid" 127.0.0.2 >/dev/null
t_true "two connections" test "$(nconns "$sid")" = 2
disk=$(mcs_wait_disk 30)
t_true "disk" test -n "$disk"

# A cgroup allowed 48 MiB: the 256 MiB written below must be written back
# while it runs, and its allocations reclaim what it dirtied.
mountpoint -q /sys/fs/cgroup || mount -t cgroup2 none /sys/fs/cgroup
echo +memory >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
mkdir -p "$cg"
t_run "memory cgroup limited to 48 MiB" sh -c "echo 48M >$cg/memory.max"

(
	echo $BASHPID >"$cg/cgroup.procs"
	exec fio --name=reclaim --filename="/dev/$disk" --ioengine=psync \
		--direct=0 --rw=write --bs=64k --size=256M --verify=crc32c \
		--do_verify=0 --end_fsync=1 --minimal
) >/tmp/reclaim-fio 2>&1 &
fio=$!
# Killed once the writer is well into the page cache's limit.
wait_for 30 sh -c "test \"\$(awk '\$1 == \"max\" {print \$2}' $cg/memory.events)\" -gt 0"
t_true "the writer hit the cgroup's limit" test "$(cg_event max)" -gt 0
ports=$(target_ports)
for port in $ports; do
	ss -K -tn state established '(' sport = :3260 and dport = :"$port" ')' >/dev/null
done
t_true "every connection killed under the writer ($(echo $ports | wc -w))" \
	test "$(echo $ports | wc -w)" -ge 2
t_true "the session is back with both connections" wait_for 90 healthy "$sid" 2

finished() { ! kill -0 "$fio" 2>/dev/null; }
t_true "the writer finished: no deadlock between reclaim and recovery" \
	wait_for 240 finished
wait "$fio"
rc=$?
tap_result $((rc == 0)) "the writer's writes and fsync succeeded"
((rc == 0)) || tap_diag </tmp/reclaim-fio
t_true "nothing in the cgroup was OOM-killed" test "$(cg_event oom_kill)" = 0

echo 3 >/proc/sys/vm/drop_caches
t_run "what was written reads back from the target intact" \
	fio --name=reclaim --filename="/dev/$disk" --ioengine=psync --direct=1 \
	--rw=write --bs=64k --size=256M --verify=crc32c --verify_only \
	--verify_fatal=1 --minimal
t_match "LOGOUT" '^answer: ack' "$probe" logout "$sid"
rmdir "$cg" 2>/dev/null
lio_teardown >/dev/null 2>&1
tap_done
