#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: os-win's call sequence through
# libiscsidsc's W functions (userlib/examples/isdsc-oswin: initiator list,
# static target, persistent login, login, session list, report and remove
# the persistent target, logout, remove the static target), run unchanged
# against the module, with open-iscsi's node database in a directory of
# this test. (Stock iscsiadm reading the records the library writes is
# checked without a kernel, in userlib/tests/test_nodedb.c.)
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}" || exit 1
. tests/lib/tap.sh
. tests/lib/lio.sh
. tests/lib/module.sh

oswin=userlib/build/examples/isdsc-oswin
iname=iqn.2026-11.org.iscsi-mcs:oswin

conf=$(mktemp -d)
printf 'InitiatorName=%s\n' "$iname" >"$conf/initiatorname.iscsi"
export ISCSI_MCS_INITIATORNAME_FILE=$conf/initiatorname.iscsi
export ISCSI_MCS_MUTUAL_SECRET_FILE=$conf/mutual-secret
export ISCSI_MCS_PORTS_FILE=$conf/ports.conf
export ISCSI_MCS_SEND_TARGETS_FILE=$conf/send-targets.conf
export ISCSI_MCS_ISCSI_DIR=$conf/iscsi
mkdir -p "$ISCSI_MCS_ISCSI_DIR"
: >"$ISCSI_MCS_PORTS_FILE"

modprobe -a sd_mod 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
lio_setup --max-connections 8 >/dev/null
tap_result $((! $?)) "LIO: one TPG on 127.0.0.1 and 127.0.0.2"

out=$("$oswin" "$LIO_IQN" 127.0.0.1:3260 2>&1)
rc=$?
t_true "os-win's sequence runs to the end" test "$rc" = 0
((rc == 0)) || echo "$out" | tap_diag
t_match "each step as os-win expects it" \
	"^initiator iscsi_mcs
static target added
persistent login saved
session [0-9a-f]{16}-[0-9a-f]{16}
session listed
persistent login $LIO_IQN 127\.0\.0\.1:3260
persistent target removed, 0 left
logged out
static target removed$" echo "$out"
t_true "LIO has no session left" test "$(lio_session_count)" = 0
t_true "no node record left" test -z "$(find "$ISCSI_MCS_ISCSI_DIR/nodes" -type f 2>/dev/null)"

lio_teardown
t_run "rmmod iscsi_mcs" rmmod iscsi_mcs
rm -rf "$conf"
tap_done
