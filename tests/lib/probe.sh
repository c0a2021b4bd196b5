# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Driving the module from the end-to-end scripts: nlprobe (the raw
# generic netlink client in tests/e2e/nlprobe.c) and what its answers say.

probe=build/tests/nlprobe

# The session id in a LOGIN answer or a notification.
session_id() { grep -o ' \(id\|session\)=[0-9a-f]\{32\}' <<<"$1" | head -n1 | cut -d= -f2; }
# The connection id in a LOGIN or CONN_ADD answer.
conn_id() { grep -o 'conn_id=[0-9a-f]\{32\}' <<<"$1" | head -n1 | cut -d= -f2; }
# A session's connection count and state (enum iscsi_mcs_state).
nconns() { "$probe" session-get "$1" | grep -o 'conns=[0-9]*' | cut -d= -f2; }
state() { "$probe" session-get "$1" | grep -o ' state=[0-9]*' | head -n1 | cut -d= -f2; }

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
	local i n=$(($1 * 5))
	shift
	for ((i = 0; i < n; i++)); do
		"$@" && return 0
		sleep 0.2
	done
	return 1
}

# fio_verify DISK SIZE [LOOPS]: write SIZE at random and verify it with
# crc32c, LOOPS times over (one round of 32M takes well under a second
# here: loop when I/O must be in flight while something happens).
fio_verify() {
	fio --name=mcs --filename="/dev/$1" --ioengine=libaio --direct=1 \
		--rw=randwrite --bsrange=4k-128k --size="$2" --iodepth=16 \
		--verify=crc32c --do_verify=1 --verify_fatal=1 --randrepeat=0 \
		--loops="${3:-1}" --minimal
}
