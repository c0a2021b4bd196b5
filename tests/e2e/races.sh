#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM against LIO: teardown at the worst moment. Each
# of LOGOUT, CONN_REMOVE, network namespace deletion and rmmod runs
# MCS_RACES_N times (default 2, see below) under fio, during recovery
# (LIO's socket of one connection killed with ss -K) and during link loss
# (one portal's packets dropped with nftables), after a random delay
# (seeded: MCS_RACES_SEED=N reproduces the delays; the seed is printed).
# Each run must end within a bound with no kernel splat, fio must end,
# and LIO must be left with no session of ours (CONN_REMOVE: the session
# recovers and carries on). MCS_RACES_ONLY="rmmod-link-loss ..." runs
# only the cases named.
#
# vm-timeout: 1200
#
# One run takes 20 to 40 s under TCG (a login, the disk's scan, fio, the
# teardown, LIO letting go), so the default of 2 runs each keeps the
# script at 10 to 15 minutes; MCS_RACES_N=20 runs the full count (well over
# an hour under TCG).
#
# A session in a namespace reaches LIO through a portal LIO listens on
# inside that namespace: LIO creates a portal's socket in the namespace
# of the process that makes the portal's configfs directory.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

# Defects seen by this script and not fixed yet: "KEY reason" per entry
# (KEY: OP-CONDITION as in the TAP lines, e.g. netns-recovery); that
# check then reports "not ok ... # TODO reason".
KNOWN_DEFECTS=()

known_defect() {
	local d
	for d in "${KNOWN_DEFECTS[@]}"; do
		[[ ${d%% *} == "$1" ]] && { echo "${d#* }"; return 0; }
	done
	return 1
}

# MCS_RACES_TRACE=1: every command of the run traced to $MCS_OUT/races.trace.
if [[ -n ${MCS_RACES_TRACE:-} && -n ${MCS_OUT:-} ]]; then
	exec 5>"$MCS_OUT/races.trace"
	BASH_XTRACEFD=5
	PS4='+ $SECONDS '
	set -x
fi

runs=${MCS_RACES_N:-2}
seed=${MCS_RACES_SEED:-$(date +%s)}
RANDOM=$seed
splat_re='WARNING: CPU|BUG:|Oops|general protection fault|KASAN|UBSAN|circular locking|recursive locking|inconsistent lock state|suspicious RCU|Call Trace|Kernel panic|soft lockup|blocked for more than'
total=0
nsport=3261

splats() { dmesg | grep -Ec "$splat_re"; }
lio_sessions_are() { [[ $(lio_session_count) == "$1" ]]; }
# Logged in, every connection it has up (one or two: CONN_REMOVE may have
# taken one, or recovery replaced it first).
back() {
	local s
	s=$("$probe" session-get "$1" | grep -Eo ' state=[0-9]+ | cstate=[0-9]+' | tr -d '\n')
	[[ $s == " state=0  cstate=0" || $s == " state=0  cstate=0 cstate=0" ]]
}
cls_sessions() { ls /sys/class/iscsi_session 2>/dev/null | wc -l; }

drop() {
	nft add table inet mcs_race
	nft add chain inet mcs_race in '{ type filter hook input priority 0; }'
	nft add rule inet mcs_race in ip daddr 127.0.0.2 tcp dport 3260 drop
	nft add rule inet mcs_race in ip saddr 127.0.0.2 tcp sport 3260 drop
}
undrop() { nft delete table inet mcs_race 2>/dev/null; }

# In a namespace, the one portal there: every packet to or from it.
ns_drop() {
	ip netns exec mcsr nft add table inet mcs_race &&
		ip netns exec mcsr nft add chain inet mcs_race in '{ type filter hook input priority 0; }' &&
		ip netns exec mcsr nft add rule inet mcs_race in tcp dport $nsport drop &&
		ip netns exec mcsr nft add rule inet mcs_race in tcp sport $nsport drop
}

# Kill LIO's socket of the connection through 127.0.0.2.
kill_conn() {
	local port
	port=$(ss -Htn state established src 127.0.0.2 '( sport = :3260 )' | awk '{print $4}' |
		sed 's/.*://' | head -n1)
	[[ -n $port ]] && ss -K -tn state established '(' sport = :3260 and dport = :"$port" ')' >/dev/null
}

np_dir() { echo "$LIO_CFS/iscsi/$LIO_IQN/tpgt_1/np/127.0.0.1:$nsport"; }

# wait_gone PID SECONDS: the process ended within SECONDS.
wait_gone() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}

mcs_config() {
	"$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:races \
		noop_interval_ms=1000 noop_timeout_ms=1000 login_timeout_ms=2000 >/dev/null
}

# one_run OP COND: prints why it failed, if it did; returns non-zero then.
one_run() {
	local op=$1 cond=$2 out sid cid disk fio rc=0 t0 ns=() delay
	if [[ $op == netns ]]; then
		ip netns add mcsr || { echo "ip netns add"; return 1; }
		ns=(ip netns exec mcsr)
		"${ns[@]}" ip link set lo up
		# LIO's listening socket goes in the namespace of whoever makes it.
		nsenter --net=/run/netns/mcsr mkdir "$(np_dir)" ||
			{ echo "LIO portal in the namespace"; return 1; }
		"${ns[@]}" "$probe" config-set initiator_name=iqn.2026-11.org.iscsi-mcs:races \
			noop_interval_ms=1000 noop_timeout_ms=1000 login_timeout_ms=2000 >/dev/null
		out=$("${ns[@]}" "$probe" login "$LIO_IQN" 127.0.0.1:$nsport)
		sid=$(session_id "$out")
		[[ -n $sid ]] && "${ns[@]}" "$probe" conn-add "$sid" 127.0.0.1:$nsport >/dev/null
	else
		out=$("$probe" login "$LIO_IQN" 127.0.0.1)
		sid=$(session_id "$out")
		[[ -n $sid ]] && "$probe" conn-add "$sid" 127.0.0.2 >/dev/null
	fi
	[[ -n $sid ]] || { echo "login: $out"; return 1; }
	disk=$(mcs_wait_disk 30) || { echo "no disk"; return 1; }
	cid=$("${ns[@]}" "$probe" session-get "$sid" | grep -o 'conn=[0-9a-f]\{32\} cid=1 ' |
		cut -d' ' -f1 | cut -d= -f2)
	fio --name=race --filename="/dev/$disk" --ioengine=libaio --direct=1 --rw=randrw \
		--bs=4k --iodepth=8 --size=8M --time_based --runtime=3 \
		--allow_file_create=0 >/dev/null 2>&1 &
	fio=$!
	sleep 0.5
	if [[ $op == netns ]]; then
		# No reconnection possible: LIO's portal goes first.
		rmdir "$(np_dir)"
		if [[ $cond == recovery ]]; then
			"${ns[@]}" ss -K -tn state established '( sport = :'$nsport' )' >/dev/null
		else
			ns_drop
		fi
	elif [[ $cond == recovery ]]; then
		kill_conn
	else
		drop
	fi
	# Somewhere in the first second and a half of the recovery.
	delay=$((RANDOM % 16))
	sleep "$((delay / 10)).$((delay % 10))"
	t0=$SECONDS
	case $op in
	logout)
		out=$(timeout 90 "$probe" logout "$sid" 2>&1)
		[[ $out == "answer: ack" ]] || { echo "LOGOUT answered: $out"; rc=1; }
		;;
	conn-remove)
		# ENOENT: recovery already replaced it by a connection of a new id.
		out=$(timeout 90 "$probe" conn-remove "$sid" "$cid" 2>&1)
		[[ $out == answer:* || $out == "error: ENOENT"* || $out == "error: ETIMEDOUT"* ]] ||
			{ echo "CONN_REMOVE answered: $out"; rc=1; }
		;;
	netns)
		# LIO's own sockets hold the namespace: they go when killed.
		"${ns[@]}" ss -K -tn '( sport = :'$nsport' )' >/dev/null 2>&1
		ip netns del mcsr
		for ((i = 0; i < 900; i++)); do
			[[ $(cls_sessions) == 0 ]] && break
			# LIO closes what it still has once its side times out.
			sleep 0.1
		done
		[[ $(cls_sessions) == 0 ]] || { echo "the namespace's session is still there after 90 s"; rc=1; }
		;;
	rmmod)
		# The open disk pins the module until fio lets go of it.
		for ((i = 0; i < 900; i++)); do
			rmmod iscsi_mcs 2>/dev/null && break
			sleep 0.1
		done
		[[ -e /sys/module/iscsi_mcs ]] && { echo "rmmod did not succeed within 90 s"; rc=1; }
		;;
	esac
	((SECONDS - t0 <= 90)) || { echo "$op took $((SECONDS - t0)) s"; rc=1; }
	[[ $op == netns ]] || undrop
	wait_gone "$fio" 60 || { echo "fio still running 60 s later"; kill -9 "$fio"; rc=1; }
	wait "$fio" 2>/dev/null
	case $op in
	conn-remove)
		if ! wait_for 90 back "$sid"; then
			echo "session not back: $("$probe" session-get "$sid")"
			rc=1
		fi
		out=$(timeout 90 "$probe" logout "$sid" 2>&1)
		[[ $out == "answer: ack" ]] || { echo "LOGOUT after CONN_REMOVE: $out"; rc=1; }
		;;
	rmmod)
		mcs_insmod || { echo "insmod again"; rc=1; }
		mcs_config
		;;
	esac
	wait_for 60 lio_sessions_are 0 || { echo "LIO still has $(lio_session_count) session(s)"; rc=1; }
	[[ $(cls_sessions) == 0 ]] || { echo "class sessions left: $(cls_sessions)"; rc=1; }
	return $rc
}

echo "# races seed $seed (MCS_RACES_SEED=$seed reproduces the delays), $runs runs each"
modprobe -a sd_mod nf_tables nfnetlink inet_diag tcp_diag 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
lio_setup --max-connections 8 --size 16 >/dev/null
tap_result $((! $?)) "LIO: two portals, MaxConnections 8"
mcs_config

for op in logout conn-remove netns rmmod; do
	for cond in recovery link-loss; do
		# MCS_RACES_ONLY="OP-COND ...": only those cases.
		[[ -z ${MCS_RACES_ONLY:-} || " $MCS_RACES_ONLY " == *" $op-$cond "* ]] || continue
		fails=0
		log=$(mktemp)
		before=$(splats)
		t1=$SECONDS
		for ((r = 1; r <= runs; r++)); do
			t2=$SECONDS
			if ! why=$(one_run "$op" "$cond" 2>&1); then
				fails=$((fails + 1))
				echo "run $r: $why" >>"$log"
			fi
			echo "# $op during $cond, run $r: $((SECONDS - t2)) s${why:+: $why}" | head -n 3
			total=$((total + 1))
			if (($(splats) != before)); then
				echo "run $r: kernel splat" >>"$log"
				dmesg | grep -E -A12 "$splat_re" | head -n 40 >>"$log"
				fails=$((fails + 1))
				break
			fi
			# Leave nothing behind for the next run, whatever happened.
			undrop
			ip netns del mcsr 2>/dev/null
			rmdir "$(np_dir)" 2>/dev/null
			# A regular file where the next disk's node must go.
			for f in /dev/sd*; do [[ -b $f ]] || rm -f "$f"; done
			[[ -e /sys/module/iscsi_mcs ]] || { mcs_insmod && mcs_config; }
			if ((fails > 3)); then
				echo "giving up after $fails failed runs" >>"$log"
				break
			fi
		done
		echo "# $op during $cond: $((r > runs ? runs : r)) runs in $((SECONDS - t1)) s"
		what="$op during $cond: $runs runs under fio end cleanly"
		if ((fails == 0)); then
			tap_result 1 "$what"
		elif why=$(known_defect "$op-$cond"); then
			tap_n=$((tap_n + 1))
			echo "not ok $tap_n - $what # TODO $why"
			tap_diag <"$log"
		else
			tap_result 0 "$what"
			tap_diag <"$log"
		fi
		rm -f "$log"
	done
done
echo "# races: $total run"

lio_teardown >/dev/null 2>&1
t_run "rmmod" rmmod iscsi_mcs
tap_done
