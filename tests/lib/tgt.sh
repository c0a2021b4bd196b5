# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tgt, the userspace iSCSI target (Debian's package tgt), for guest test
# scripts (source it; run only inside the VM: scripts/vm-run). tgtd listens
# on port 3260 of every address, so it cannot run beside an LIO portal on
# that port.
#
#   tgt_start                start tgtd in the foreground (in the background
#                            of the script) and wait until it answers tgtadm
#                            and listens on 3260; its log is $TGT_LOG
#   tgt_stop                 stop it (idempotent)
#   tgt_setup [options]      one target, tid 1, with one file-backed LUN
#     --iqn IQN              target name (default $TGT_DEFAULT_IQN)
#     --size MIB             LUN size in MiB (default 64)
#     --max-connections N    target param MaxConnections (tgt default 1)
#     --param NAME=VALUE     any other target param (repeatable)
#     --chap USER:SECRET     incoming account: the initiator authenticates
#     --mutual-chap USER:SECRET  outgoing account: the target does too
#   tgt_teardown             delete the target, its LUN, accounts and file
#   tgt_show                 tgtadm's view of the target
#   tgt_session_count        sessions (I_T nexuses) tgt holds on tid 1
#   tgt_conn_count           connections of its sessions
#
# Functions print "tgt: ..." on stderr and return non-zero on failure.

TGT_DEFAULT_IQN=iqn.2026-12.org.iscsi-mcs:tgt
TGT_TID=1
TGT_LOG=${MCS_OUT:-/tmp}/tgtd.log
TGT_FILE=/tmp/tgt-lun1.img
[[ -v TGT_IQN ]] || TGT_IQN=
[[ -v TGT_PID ]] || TGT_PID=

tgt_log() { echo "tgt: $*" >&2; }

tgt_adm() {
	local out
	if ! out=$(tgtadm --lld iscsi "$@" 2>&1); then
		tgt_log "tgtadm $* failed: $out"
		return 1
	fi
	[[ -z $out ]] || echo "$out"
}

tgt_listening() {
	ss -Hltn 'sport = :3260' 2>/dev/null | grep -q LISTEN
}

# tgtd's management socket lives in /run/tgtd (a fresh tmpfs in the VM).
tgt_ready() {
	tgtadm --lld iscsi --op show --mode sys >/dev/null 2>&1 && tgt_listening
}

tgt_start() {
	local i
	command -v tgtd >/dev/null || { tgt_log "no tgtd: install Debian's tgt (make deps)"; return 1; }
	tgt_listening && { tgt_log "port 3260 is taken already"; return 1; }
	mkdir -p /run/tgtd /var/lib/tgtd 2>/dev/null
	tgtd -f >"$TGT_LOG" 2>&1 &
	TGT_PID=$!
	for ((i = 0; i < 300; i++)); do
		tgt_ready && return 0
		kill -0 "$TGT_PID" 2>/dev/null || break
		sleep 0.1
	done
	tgt_log "tgtd did not come up; its log:"
	sed 's/^/tgt:   /' "$TGT_LOG" >&2
	tgt_stop
	return 1
}

# tgtd ignores SIGTERM: it leaves when told to through tgtadm, which it
# refuses while a target exists.
tgt_stop() {
	local i
	[[ -n $TGT_PID ]] || return 0
	tgt_teardown
	tgtadm --op delete --mode system >/dev/null 2>&1
	for ((i = 0; i < 100; i++)); do
		kill -0 "$TGT_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$TGT_PID" 2>/dev/null
	wait "$TGT_PID" 2>/dev/null
	TGT_PID=
}

tgt_setup() {
	local iqn=$TGT_DEFAULT_IQN size=64 maxconn='' chap='' mutual='' kv
	local -a params=()
	while (($#)); do
		case $1 in
		--iqn) iqn=$2; shift 2 ;;
		--size) size=$2; shift 2 ;;
		--max-connections) maxconn=$2; shift 2 ;;
		--param) params+=("$2"); shift 2 ;;
		--chap) chap=$2; shift 2 ;;
		--mutual-chap) mutual=$2; shift 2 ;;
		*) tgt_log "tgt_setup: unknown option $1"; return 2 ;;
		esac
	done
	[[ $size =~ ^[0-9]+$ ]] || { tgt_log "tgt_setup: bad --size"; return 2; }
	[[ -z $chap || $chap == *:* ]] || { tgt_log "tgt_setup: --chap takes USER:SECRET"; return 2; }
	[[ -z $mutual || $mutual == *:* ]] || { tgt_log "tgt_setup: --mutual-chap takes USER:SECRET"; return 2; }

	# A sparse file on the guest's tmpfs: its pages are only those written.
	rm -f "$TGT_FILE"
	truncate -s "${size}M" "$TGT_FILE" || return 1
	tgt_adm --op new --mode target --tid $TGT_TID --targetname "$iqn" || return 1
	tgt_adm --op new --mode logicalunit --tid $TGT_TID --lun 1 --backing-store "$TGT_FILE" || return 1
	tgt_adm --op bind --mode target --tid $TGT_TID --initiator-address ALL || return 1
	[[ -z $maxconn ]] || params=("MaxConnections=$maxconn" "${params[@]}")
	for kv in "${params[@]}"; do
		tgt_adm --op update --mode target --tid $TGT_TID --name "${kv%%=*}" --value "${kv#*=}" || return 1
	done
	if [[ -n $chap ]]; then
		tgt_adm --op new --mode account --user "${chap%%:*}" --password "${chap#*:}" || return 1
		tgt_adm --op bind --mode account --tid $TGT_TID --user "${chap%%:*}" || return 1
	fi
	if [[ -n $mutual ]]; then
		tgt_adm --op new --mode account --user "${mutual%%:*}" --password "${mutual#*:}" || return 1
		tgt_adm --op bind --mode account --tid $TGT_TID --user "${mutual%%:*}" --outgoing || return 1
	fi
	TGT_IQN=$iqn
	tgt_log "target $iqn: tid $TGT_TID, LUN 1 of $size MiB in $TGT_FILE${maxconn:+, MaxConnections $maxconn}${chap:+, CHAP}${mutual:+ (mutual)}"
}

tgt_teardown() {
	local u rc=0
	tgt_ready || return 0
	if tgtadm --lld iscsi --op show --mode target 2>/dev/null | grep -q "^Target $TGT_TID:"; then
		# --force: a session the test left open must not keep the target.
		tgt_adm --op delete --force --mode target --tid $TGT_TID >/dev/null || rc=1
	fi
	for u in $(tgtadm --lld iscsi --op show --mode account 2>/dev/null | sed -n 's/^ *//; 1d; p'); do
		tgt_adm --op delete --mode account --user "$u" >/dev/null || rc=1
	done
	rm -f "$TGT_FILE"
	return "$rc"
}

# The section of tid 1 in "show --mode target".
tgt_show() {
	tgtadm --lld iscsi --op show --mode target 2>/dev/null |
		awk -v t="Target $TGT_TID:" '/^Target /{on = index($0, t) == 1} on'
}

tgt_session_count() {
	tgt_show | grep -c '^ *I_T nexus: '
}

# "show --mode target" lists only the connection that made each session
# (its text is fixed at the leading login); "show --mode conn" lists them
# all, those of every session of the target whatever --sid says.
tgt_conn_count() {
	local sid
	sid=$(tgt_show | sed -n 's/^ *I_T nexus: \([0-9]*\)$/\1/p' | head -n1)
	[[ -n $sid ]] || { echo 0; return 0; }
	tgtadm --lld iscsi --op show --mode conn --tid $TGT_TID --sid "$sid" 2>/dev/null |
		grep -c '^ *Connection: '
}
