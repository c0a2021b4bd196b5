#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM: a target that lies (tests/lib/hostile_target.py).
# Each case starts a fresh hostile target on its own 127.0.0.x address;
# the target logs in properly and then misbehaves as the case says, once
# armed (SIGUSR1), so the disk's first scan is left alone. Each case
# checks that:
#   - the connection failed with the case's logged reason (or, for a lie
#     that changes nothing we rely on, that I/O went on);
#   - the kernel printed no report (vm-run also fails the whole run);
#   - the log is not flooded (the reason at most a few times);
#   - the session ends (LOGOUT answered) within a bound;
#   - slab memory grew by less than 32 MiB.
# Meanwhile a healthy session to LIO runs fio verify throughout; it must
# end without an error or a mismatch.
#
# MCS_HOSTILE_CASES="case ..." runs some cases only.
set -uo pipefail

cd "${MCS_REPO:-$(dirname "$0")/../..}"
. tests/lib/tap.sh
. tests/lib/probe.sh
. tests/lib/lio.sh
. tests/lib/module.sh
. tests/lib/disk.sh

IQN=iqn.2026-12.org.hostile:lun

# Cases whose defect is not fixed yet: reported as TODO (none today).
KNOWN_DEFECTS=""

# name kind io reason [login options]
#   kind: ffp (misbehaves in full feature phase), login, connadd, disc
#   io:   read, write or none: what arms the case after the login
#   reason: what the kernel log (ffp) or the netlink error (others) says;
#           "-" when the lie must simply not matter
cases=(
	"r2t_then_rsp ffp write -"
	"rsp_during_burst ffp write -"
	"datain_after_rsp ffp read -"
	"datain_past_buffer ffp read Data-In past the end of the task buffer"
	"datain_bad_offset ffp read Data-In past the end of the task buffer"
	"unknown_itt ffp read SCSI PDU for an ITT no command has"
	"reject_cmd ffp read target rejected a PDU (opcode 0x01)"
	"r2t_past_transfer ffp write R2T past the end of the transfer"
	"r2t_bad_r2tsn ffp write R2T out of R2TSN order"
	"r2t_too_many ffp write more R2Ts outstanding than MaxOutstandingR2T"
	"nop_flood ffp none target pings faster than it reads the answers"
	"logout_rsp_stray ffp none Logout Response for no Logout of ours"
	"expcmdsn_far ffp none ExpCmdSN beyond the next CmdSN"
	"statsn_jump ffp none -"
	"unknown_opcode ffp none unknown opcode"
	"dsl_over_max ffp none DataSegmentLength exceeds MaxRecvDataSegmentLength"
	"ahs_past_pdu ffp none AHS past the end"
	"hdr_digest_bad ffp none header digest error|hd=1"
	"data_digest_bad ffp none data digest error|dd=1"
	"reject_flood ffp none -"
	"async_flood ffp none -"
	"silence ffp none no NOP-In answered our NOP-Out within the NOP-Out timeout"
	"text_no_nul login none text does not end with a NUL"
	"login_cont_forever login none Login Response continued without end"
	"login_wrong_stage login none login response for another stage"
	"login_version login none Login Response with a version we did not offer"
	"login_silence login none login"
	"slowloris_login login none login did not finish within its deadline"
	"login_tsih_zero connadd none Login Response for another session (TSIH)"
	"login_tsih_change connadd none Login Response for another session (TSIH)"
	"sendtargets_cont_forever disc none SendTargets answer did not end"
	"sendtargets_huge disc none SendTargets answer is longer than 65536 bytes"
)

mark=0
since() { dmesg | tail -n +$((mark + 1)); }
seen() { since | grep -qF -- "$1"; }
splat() { since | grep -Eq 'BUG:|WARNING:|Oops|KASAN|UBSAN|general protection|circular locking|blocked for more than|unreferenced object'; }
slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
hostile_disk() {
	local d
	for d in /sys/block/sd*; do
		[[ -e $d/device/vendor ]] && grep -q HOSTILE "$d/device/vendor" &&
			{ basename "$d"; return 0; }
	done
	return 1
}
known() { [[ " $KNOWN_DEFECTS " == *" $1 "* ]]; }

# case_result NAME WHAT OK: one TAP line, TODO for a known defect.
declare -A bad_case=()
case_result() {
	(($3)) || bad_case[$1]=1
	if known "$1" && (($3 == 0)); then
		tap_n=$((tap_n + 1))
		echo "not ok $tap_n - $1: $2 # TODO known defect"
		return
	fi
	tap_result "$3" "$1: $2"
}

modprobe -a sd_mod 2>/dev/null
t_run "insmod iscsi_mcs" mcs_insmod
"$probe" config-set initiator_name=iqn.2026-12.org.iscsi-mcs:hostile \
	noop_interval_ms=2000 noop_timeout_ms=2000 login_timeout_ms=3000 >/dev/null

# The healthy session beside every case.
lio_setup --max-connections 8 --size 64 >/dev/null
tap_result $((! $?)) "LIO for the healthy session"
out=$("$probe" login "$LIO_IQN" 127.0.0.1)
lio_sid=$(session_id "$out")
"$probe" conn-add "$lio_sid" 127.0.0.2 >/dev/null
lio_disk=$(mcs_wait_disk 30)
t_true "healthy session: disk" test -n "$lio_disk"
(
	while [[ ! -e /tmp/hostile-done ]]; do
		fio_verify "$lio_disk" 16M 2 || exit 1
	done
) >/tmp/hostile-fio 2>&1 &
fio=$!

n=0 ran=0
for c in "${cases[@]}"; do
	read -r name kind io reason <<<"$c"
	opts=
	[[ $reason == *'|'* ]] && { opts=${reason#*|}; reason=${reason%%|*}; }
	if [[ -n ${MCS_HOSTILE_CASES:-} && " $MCS_HOSTILE_CASES " != *" $name "* ]]; then
		continue
	fi
	n=$((n + 1))
	addr=127.0.0.$((10 + n))
	mark=$(dmesg | wc -l)
	slab0=$(slab_kb)
	python3 tests/lib/hostile_target.py "$addr" "$name" >/tmp/hostile-$name.log 2>&1 &
	tgt=$!
	if ! wait_for 60 grep -q '^hostile: listening' /tmp/hostile-$name.log; then
		case_result "$name" "target started" 0
		kill "$tgt" 2>/dev/null
		continue
	fi
	ran=$((ran + 1))
	start=$SECONDS
	case $kind in
	ffp)
		out=$(timeout 90 "$probe" login "$IQN" "$addr" $opts 2>&1)
		sid=$(session_id "$out")
		case_result "$name" "login to the hostile target" $((${#sid} == 32))
		disk=
		wait_for 30 hostile_disk >/dev/null && disk=$(hostile_disk)
		kill -USR1 "$tgt"
		case $io in
		read) timeout 90 dd if=/dev/"$disk" of=/dev/null bs=64k count=16 \
			iflag=direct >/dev/null 2>&1 & ;;
		write) timeout 90 dd if=/dev/zero of=/dev/"$disk" bs=64k count=16 \
			oflag=direct >/dev/null 2>&1 & ;;
		*) true & ;;
		esac
		io_pid=$!
		if [[ $reason == - ]]; then
			wait "$io_pid"
			rc=$?
			case_result "$name" "I/O goes on (status $rc)" $((rc == 0))
		else
			wait_for 40 seen "$reason"
			case_result "$name" "the connection fails: $reason" $((! $?))
			wait "$io_pid" 2>/dev/null
		fi
		if [[ -n $sid ]]; then
			timeout 60 "$probe" logout "$sid" >/dev/null 2>&1
			rc=$?
			case_result "$name" "the session ends (LOGOUT within 60 s)" $((rc != 124))
		fi
		;;
	login | connadd | disc)
		if [[ $kind == login ]]; then
			out=$(timeout 90 "$probe" login "$IQN" "$addr" 2>&1)
		elif [[ $kind == disc ]]; then
			out=$(timeout 90 "$probe" discover "$addr" 2>&1)
		else
			out=$("$probe" login "$IQN" "$addr" 2>&1)
			sid=$(session_id "$out")
			out=$(timeout 90 "$probe" conn-add "$sid" "$addr" 2>&1)
		fi
		rc=$?
		case_result "$name" "refused within the deadline (status $rc)" $((rc == 1))
		[[ $out == *"$reason"* ]]
		ok=$((! $?))
		case_result "$name" "reason: $reason" $ok
		((rc == 1 && ok)) || tap_diag <<<"$out"
		if [[ $kind == connadd ]]; then
			t_true "$name: the session still has one connection" \
				test "$(nconns "$sid")" = 1
			timeout 60 "$probe" logout "$sid" >/dev/null 2>&1
			case_result "$name" "the session ends (LOGOUT within 60 s)" $(($? != 124))
		fi
		;;
	esac
	kill -9 "$tgt" 2>/dev/null
	wait "$tgt" 2>/dev/null
	! splat
	case_result "$name" "no kernel report" $((! $?))
	((! $?)) || since | grep -E 'BUG:|WARNING:|KASAN|UBSAN' | head -5 | tap_diag
	lines=$(since | grep -c 'iscsi_mcs')
	case_result "$name" "log not flooded ($lines lines)" $((lines < 60))
	grown=$(($(slab_kb) - slab0))
	case_result "$name" "slab grew by ${grown} KiB (< 32 MiB)" $((grown < 32768))
	t_true "$name: the healthy session is untouched" test "$(state "$lio_sid")" = 0
	tap_diag <<<"$name: $((SECONDS - start)) s"
done

touch /tmp/hostile-done
wait "$fio"
rc=$?
tap_result $((rc == 0)) "healthy session: fio verify throughout, no error, no mismatch"
((rc == 0)) || tap_diag </tmp/hostile-fio
t_match "healthy session: LOGOUT" '^answer: ack' "$probe" logout "$lio_sid"
echo "# hostile: $ran cases run, $((ran - ${#bad_case[@]})) passed"
lio_teardown >/dev/null 2>&1
tap_done
