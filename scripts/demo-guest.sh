#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, inside the VM: a LIO target on 127.0.0.1/127.0.0.2 that allows
# 8 connections per session, the iscsi_mcs module, and what it tells user
# space through libiscsidsc and mcsadm.
set -euo pipefail

cd "${MCS_REPO:-$(dirname "$0")/..}"
. tests/lib/lio.sh
. tests/lib/module.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "guest kernel"
uname -r

step "LIO target: one portal group, two portals, MaxConnections 8, ERL 2"
lio_setup --luns 1 --size 64 --max-connections 8 --erl 2 >/dev/null
echo "target $LIO_IQN on ${LIO_PORTALS[*]}"
for p in MaxConnections ErrorRecoveryLevel; do
	printf '  %s = %s\n' "$p" "$(cat "$LIO_CFS/iscsi/$LIO_IQN/tpgt_1/param/$p")"
done

step "load the module"
run mcs_insmod
dmesg | grep 'iscsi_mcs:' | tail -n 1

step "ask it through libiscsidsc (GetIScsiVersionInformation and the Linux extensions)"
run userlib/build/examples/isdsc-info

step "mcsadm: iscsiadm's language, the namespace's initiator defaults"
run tools/build/mcsadm --version
run tools/build/mcsadm -m config -o update -n InitiatorName -v iqn.2026-11.org.iscsi-mcs:demo
run tools/build/mcsadm -m config -o update -n node.session.iscsi.MaxConnections -v 4
run tools/build/mcsadm -m config
echo "(a refused change explains itself:)"
run tools/build/mcsadm -m config -o update -n node.session.iscsi.MaxConnections -v 99 || true

step "unload"
run rmmod iscsi_mcs
lio_teardown
echo "done: module loaded, answered over generic netlink, unloaded cleanly"
