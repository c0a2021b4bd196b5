#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM: the module's generic netlink family as user space
# sees it. Loads the module, queries it (raw and through libiscsidsc),
# changes the namespace defaults, checks every kind of refusal (permission,
# malformed attributes, bad values) answers the right errno with an extack
# message, that events reach the multicast group, that namespaces are
# isolated, and that the module unloads and reloads without a trace.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/module.sh

as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

t_run "insmod iscsi_mcs" mcs_insmod
t_true "module is live" test "$(cat /sys/module/iscsi_mcs/initstate)" = live

t_match "GET_VERSION answers version, API, caps, limit" \
	'^answer: cmd=1 version=[0-9]+\.[0-9]+\.[0-9]+ api=[0-9]+ caps=0x[0-9a-f]+ max_conns_limit=[0-9]+$' \
	"$probe" version
t_match "GET_VERSION is open to unprivileged users" '^answer: cmd=1 version=' \
	"${as_nobody[@]}" "$probe" version
if [[ -x userlib/build/examples/isdsc-info ]]; then
	t_match "libiscsidsc GetIScsiVersionInformation reports the module" \
		'0\.1\.0|0\.1 ' userlib/build/examples/isdsc-info
fi

t_match "CONFIG_GET answers the defaults" \
	'^answer: cmd=2 login_timeout_ms=15000 noop_interval_ms=5000 noop_timeout_ms=5000 replacement_timeout_ms=120000 max_connections=8 cmds_max=128$' \
	"$probe" config-get

# Events: a listener joins the group before the change is made.
evlog=$(mktemp)
"$probe" listen 10000 >"$evlog" 2>&1 &
listener=$!
for _ in $(seq 50); do grep -q listening "$evlog" && break; sleep 0.1; done

t_match "CONFIG_SET by root is acknowledged" '^answer: ack$' \
	"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:vm \
	initiator_alias="vm one" max_connections=4
wait "$listener"
t_match "CONFIG_SET is multicast as CONFIG_NTF on the events group" \
	'answer: cmd=4 initiator_name=iqn\.2026-11\.org\.iscsi-mcs:vm initiator_alias=vm one .*max_connections=4' \
	cat "$evlog"
rm -f "$evlog"
t_match "CONFIG_GET shows the change, the rest unchanged" \
	'^answer: cmd=2 initiator_name=iqn\.2026-11\.org\.iscsi-mcs:vm initiator_alias=vm one login_timeout_ms=15000 .*max_connections=4 cmds_max=128$' \
	"$probe" config-get

t_match "CONFIG_SET by an unprivileged user: EPERM with a message" \
	'^error: EPERM: CAP_NET_ADMIN is required' \
	"${as_nobody[@]}" "$probe" config-set max_connections=2
t_match "refused CONFIG_SET changed nothing" 'max_connections=4 cmds_max=128$' \
	"$probe" config-get

# Each malformed request: errno and the extack message the kernel gives.
while read -r case errno msg; do
	t_match "malformed request $case: $errno with a message" \
		"^error: $errno: $msg" "$probe" malformed "$case"
done <<'CASES'
no-nest EINVAL ISCSI_MCS_A_CONFIG is required
empty-nest EINVAL configuration nest sets nothing
unknown-top-attr EINVAL Unknown attribute type
reply-attr EINVAL Unsupported attribute
config-not-nested EINVAL NLA_F_NESTED is missing
unknown-nested-attr EINVAL Unknown attribute type
wrong-size EINVAL invalid attribute length
string-no-nul EINVAL Attribute failed policy validation
attr-on-get EINVAL Unknown attribute type
CASES

t_match "unknown command: EOPNOTSUPP" '^error: EOPNOTSUPP' "$probe" malformed unknown-cmd
t_match "notification command as a request: EOPNOTSUPP" '^error: EOPNOTSUPP' \
	"$probe" malformed notify-cmd

while read -r what errno msg args; do
	t_match "CONFIG_SET $what: $errno with a message" "^error: $errno: $msg" \
		"$probe" config-set $args
done <<'CASES'
login-timeout-too-small ERANGE integer.out.of.range login_timeout_ms=999
max-connections-zero ERANGE integer.out.of.range max_connections=0
max-connections-over-limit ERANGE integer.out.of.range max_connections=33
upper-case-iqn EINVAL iqn.name.may.only.hold initiator_name=iqn.2026-11.org.Example
not-an-iscsi-name EINVAL iSCSI.name.must.start initiator_name=host.example.org
nop-interval-999 EINVAL NOP-Out.interval.must.be.0 noop_interval_ms=999
nop-timeout-over-interval EINVAL NOP-Out.timeout.would.exceed noop_timeout_ms=6000
CASES

t_match "a new network namespace has its own defaults" \
	'^answer: cmd=2 login_timeout_ms=15000 .*max_connections=8 cmds_max=128$' \
	unshare -n "$probe" config-get
t_match "CONFIG_SET in another namespace does not leak into this one" \
	'max_connections=4 cmds_max=128$' \
	sh -c "unshare -n $probe config-set max_connections=2 >/dev/null; $probe config-get"

t_run "rmmod iscsi_mcs" rmmod iscsi_mcs
t_true "module is gone from sysfs" test ! -e /sys/module/iscsi_mcs
t_match "family is gone after rmmod" 'family iscsi_mcs not found' "$probe" version
t_run "insmod again after rmmod" mcs_insmod
t_match "reloaded module starts from the defaults" 'max_connections=8 cmds_max=128$' "$probe" config-get
t_run "rmmod again" rmmod iscsi_mcs

tap_done
