#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: the generic netlink family under
# fuzzing (tests/e2e/nlfuzz.c). Random and mutated requests of every
# command as root, as root in a user namespace and as an unprivileged
# user; each mutating command refused with EPERM outside the initial
# namespace's CAP_NET_ADMIN; session dumps while sessions log out; the
# class's statistics read while connections are removed.
# Seeded: MCS_NLFUZZ_SEED=N reproduces a run (the seed is printed), and
# MCS_NLFUZZ_COUNT=N sets the requests per identity (default 36000).
#
# vm-timeout: 1200
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

# Defects seen by this script and not fixed yet: "KEY reason" per entry;
# the check named KEY then reports "not ok ... # TODO reason".
KNOWN_DEFECTS=()

known_defect() {
	local d
	for d in "${KNOWN_DEFECTS[@]}"; do
		[[ ${d%% *} == "$1" ]] && { echo "${d#* }"; return 0; }
	done
	return 1
}

# t_check KEY WHAT CMD...: t_true that turns into a TODO for a known defect.
t_check() {
	local key=$1 what=$2 why
	shift 2
	if "$@" >/dev/null 2>&1; then
		tap_result 1 "$what"
	elif why=$(known_defect "$key"); then
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - $what # TODO $why"
	else
		tap_result 0 "$what"
		echo "false: $*" | tap_diag
	fi
}

fuzz=$PWD/build/tests/nlfuzz
seed=${MCS_NLFUZZ_SEED:-$(date +%s)}
count=${MCS_NLFUZZ_COUNT:-36000}
as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
# The script runs chrooted, and a chrooted process may not make a user
# namespace: leave the chroot through init's root, make the namespaces
# (mount too, to be allowed to chroot again) and go back in.
as_userns=(chroot /proc/1/root /bin/busybox unshare -Urm /bin/busybox chroot /newroot)
splat_re='WARNING: CPU|BUG:|Oops|general protection fault|KASAN|UBSAN|circular locking|recursive locking|inconsistent lock state|suspicious RCU|Call Trace|Kernel panic|soft lockup|blocked for more than'
sent=0

no_splat() { ! dmesg | grep -Eq "$splat_re"; }

# fuzz_as LABEL SEED WRAPPER...: one fuzzing run; adds to the figure.
fuzz_as() {
	local label=$1 s=$2 out rc=0 n
	shift 2
	out=$("$@" "$fuzz" fuzz "$s" "$count" 2>&1) || rc=$?
	n=$(sed -n 's/^nlfuzz: sent \([0-9]*\),.*/\1/p' <<<"$out")
	sent=$((sent + ${n:-0}))
	tap_result $((rc == 0 && ${n:-0} == count)) "$label: $count requests (seed $s): all answered, every EINVAL/ERANGE with an extack message"
	{ echo "reproduce: MCS_NLFUZZ_SEED=$seed (this run: $* $fuzz fuzz $s $count)"; echo "$out"; } |
		if ((rc == 0 && ${n:-0} == count)); then grep '^nlfuzz:' | sed 's/^/# /'; else tap_diag; fi
	t_check "splat-$label" "$label: no kernel splat" no_splat
	# Validation must have refused some: a fuzzer that only sends valid
	# requests proves nothing.
	t_true "$label: malformed requests were refused with EINVAL" \
		grep -Eq 'EINVAL [1-9]' <<<"$out"
}

login_conns() {
	local out sid i
	out=$("$probe" login "$LIO_IQN" 127.0.0.1) || return 1
	sid=$(session_id "$out")
	for ((i = 1; i < $1; i++)); do
		"$probe" conn-add "$sid" 127.0.0.$((1 + i % 2)) >/dev/null || return 1
	done
	echo "$sid"
}

echo "# nlfuzz seed $seed (MCS_NLFUZZ_SEED=$seed reproduces this run)"
modprobe -q sd_mod
t_run "insmod iscsi_mcs" mcs_insmod
lio_setup --max-connections 8 --size 16 >/dev/null
tap_result $((! $?)) "LIO: two portals, MaxConnections 8"
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:fuzz login_timeout_ms=2000 \
	noop_interval_ms=0 >/dev/null
export NLFUZZ_TARGET=$LIO_IQN

# Sessions the fuzzer learns the ids of (from dumps) and aims at.
s1=$(login_conns 2)
s2=$(login_conns 3)
t_true "two sessions to aim at" test -n "$s1" -a -n "$s2"

# --- as root: requests that succeed change things (the fuzzer keeps
# timeouts short and portals unreachable or closed but for a few).
fuzz_as "root" "$seed"
t_true "root: the family still answers" "$probe" version
for s in $("$probe" sessions | grep -o ' session=[0-9a-f]*' | cut -d= -f2); do
	"$probe" logout "$s" >/dev/null
done
"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:fuzz login_timeout_ms=2000 \
	noop_interval_ms=0 max_connections=8 cmds_max=128 >/dev/null

# --- each mutating command, well-formed and aimed at a real session and
# connection, refused without CAP_NET_ADMIN in the initial namespace.
sid=$(login_conns 2)
cid=$("$probe" session-get "$sid" | grep -o 'conn=[0-9a-f]\{32\} cid=1 ' | cut -d' ' -f1 | cut -d= -f2)
t_true "a session with two connections for the permission checks" test -n "$sid" -a -n "$cid"
for who in nobody userns; do
	if [[ $who == nobody ]]; then wrap=("${as_nobody[@]}"); label="unprivileged user"; else
		wrap=("${as_userns[@]}"); label="root in a user namespace"; fi
	out=$("${wrap[@]}" "$fuzz" perm "$sid" "$cid" 2>&1)
	for cmd in CONFIG_SET LOGIN LOGOUT DISCOVER CONN_ADD CONN_REMOVE SESSION_SET CONN_SET; do
		t_match "$label: $cmd refused with EPERM and a message" \
			"^$cmd EPERM extack=CAP_NET_ADMIN is required" grep "^$cmd " <<<"$out"
	done
done
t_match "the refused requests changed nothing: session, connections, policy" \
	"session=$sid state=0 .*policy=0 .*conns=2\$" "$probe" session-get "$sid"
t_match "the refused requests changed nothing: configuration" \
	'initiator_name=iqn\.2026-11\.org\.iscsi-mcs:fuzz .*max_connections=8 ' "$probe" config-get
t_match "root is not refused: CONN_SET from the same tool" \
	'^CONN_SET OK' "$fuzz" perm "$sid" "$cid" CONN_SET
t_match "root in a user namespace is uid 0 there, without CAP_NET_ADMIN in the initial one" \
	'^0 .*[1-9a-f].*$' "${as_userns[@]}" sh -c 'echo "$(id -u) $(grep CapEff /proc/self/status)"'
"$probe" conn-set "$sid" "$cid" weight=1 >/dev/null

# --- fuzzing without the capability: nothing may change.
fuzz_as "root in a user namespace" $((seed + 1)) "${as_userns[@]}"
fuzz_as "unprivileged user" $((seed + 2)) "${as_nobody[@]}"
t_match "unprivileged fuzzing changed nothing" \
	"session=$sid state=0 .*policy=0 .*conns=2\$" "$probe" session-get "$sid"
echo "# fuzz: $sent messages sent"
t_true "at least 100000 messages sent ($sent)" test "$sent" -ge 100000
"$probe" logout "$sid" >/dev/null

# --- dumps while sessions log out (and new ones log in).
declare -a ss=()
for i in 1 2 3 4; do ss+=("$(login_conns 3)"); done
t_true "four sessions of three connections" test "$("$probe" sessions | grep -c 'conns=3')" = 4
"$fuzz" dumps 40 >/tmp/nlfuzz-dumps 2>&1 &
dumper=$!
rounds=0
end=$((SECONDS + 30))
while ((SECONDS < end)); do
	for i in 0 1 2 3; do
		"$probe" logout "${ss[$i]}" >/dev/null
		ss[$i]=$(login_conns $((1 + (rounds + i) % 3)))
	done
	rounds=$((rounds + 1))
done
wait "$dumper"
rc=$?
t_true "dumps while sessions logged out and in ($rounds rounds): all parsed, none failed" test "$rc" = 0
tap_diag </tmp/nlfuzz-dumps
t_check "splat-dumps" "dumps during logouts: no kernel splat" no_splat
for s in "${ss[@]}"; do "$probe" logout "$s" >/dev/null; done
t_true "no session left" test -z "$("$probe" sessions | grep session=)"

# --- the class's statistics (ISCSI_UEVENT_GET_STATS, what iscsid sends
# for "iscsiadm -m session -r N -s") while connections come and go. Stock
# iscsiadm itself stops short: it has no template for the tcp_mcs
# transport, so nlfuzz sends iscsid's request; iscsiadm lists the sessions
# and connections from sysfs beside it.
mkdir -p /run/lock /etc/iscsi
echo "InitiatorName=iqn.2026-11.org.iscsi-mcs:stock" >/etc/iscsi/initiatorname.iscsi
sid=$(login_conns 1)
"$fuzz" stats 3 >/tmp/nlfuzz-stats0 2>&1
t_match "GET_STATS answered for the session's connection" '^stats=[1-9]' cat /tmp/nlfuzz-stats0
"$fuzz" stats 35 >/tmp/nlfuzz-stats 2>&1 &
reader=$!
(
	while :; do
		iscsiadm -m session -s >/dev/null 2>&1
		iscsiadm -m session -P 3 >/dev/null 2>&1
	done
) &
lister=$!
ok=0
for ((r = 0; r < 12; r++)); do
	ids=()
	for p in 127.0.0.2 127.0.0.1 127.0.0.2; do
		out=$("$probe" conn-add "$sid" $p)
		ids+=("$(conn_id "$out")")
	done
	for c in "${ids[@]}"; do
		"$probe" conn-remove "$sid" "$c" >/dev/null && ok=$((ok + 1))
	done
done
wait "$reader"
rc=$?
kill "$lister" 2>/dev/null
wait "$lister" 2>/dev/null
t_true "36 connections added and removed under GET_STATS and iscsiadm ($ok removed)" test "$ok" = 36
t_true "GET_STATS went on throughout: $(cat /tmp/nlfuzz-stats)" test "$rc" = 0
t_check "splat-stats" "statistics while connections are removed: no kernel splat" no_splat
t_match "the session carries on" "session=$sid state=0 .*conns=1\$" "$probe" session-get "$sid"
"$probe" logout "$sid" >/dev/null

lio_teardown >/dev/null 2>&1
t_run "rmmod" rmmod iscsi_mcs
tap_done
