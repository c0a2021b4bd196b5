# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# LIO iSCSI target helper for guest test scripts (source it; run only inside
# the VM: scripts/vm-run). Configures the in-kernel target through configfs.
#
#   lio_setup [options]      build a target; sets the LIO_* variables below
#     --iqn IQN              target name (default $LIO_DEFAULT_IQN)
#     --luns N               number of rd_mcp ramdisk LUNs (default 1)
#     --size MIB             size of each LUN in MiB (default 64)
#     --nullio               LUNs store nothing and read zeroes (no memory)
#     --portal IP:PORT       portal of tpgt 1; repeatable; the first one
#                            replaces the defaults 127.0.0.1:3260 127.0.0.2:3260
#     --tpg2-portal IP:PORT  also create tpgt 2 (same LUNs, ACLs, auth and
#                            params) with this portal; repeatable
#     --max-connections N    tpg param MaxConnections (LIO default 1)
#     --erl N                ErrorRecoveryLevel 0-2 (param and default_erl)
#     --header-digest V      tpg param HeaderDigest, e.g. None, CRC32C,
#                            "CRC32C,None" (LIO default)
#     --data-digest V        tpg param DataDigest, same values
#     --chap USER:SECRET     require CHAP (the initiator authenticates)
#     --mutual-chap USER:SECRET   mutual CHAP (the target authenticates too;
#                            needs --chap)
#     --discovery-chap USER:SECRET  require CHAP for SendTargets discovery
#     --acl INITIATOR_IQN    explicit ACL for this initiator (repeatable)
#                            instead of demo mode (generate_node_acls=1)
#     --param NAME=VALUE     any other tpg param (repeatable)
#     --attrib NAME=VALUE    any other tpg attrib (repeatable)
#   lio_teardown             remove every iSCSI target and backstore, in
#                            reverse order of creation (idempotent)
#   lio_sessions             print LIO's view of sessions and connections
#   lio_session_count        sessions LIO has open on $LIO_IQN (all tpgs)
#   lio_conn_count [INITIATOR]  logged-in connections: exact from the ACL's
#                            info when INITIATOR has an ACL (default: the
#                            only ACL); in demo mode the established TCP
#                            connections on the target's portals
#
# After lio_setup: LIO_IQN, LIO_PORTALS (array, tpgt 1), LIO_TPG2_PORTALS
# (array), LIO_LUNS, LIO_SIZE_MB, LIO_ACLS (array), LIO_CFS (configfs root).
#
# Functions print "lio: ..." on stderr and return non-zero on failure; they
# work under set -euo pipefail.

LIO_CFS=/sys/kernel/config/target
LIO_DEFAULT_IQN=iqn.2026-11.org.iscsi-mcs:target
# Defined (empty) so callers under set -u can use them before lio_setup.
[[ -v LIO_IQN ]] || LIO_IQN=
[[ -v LIO_PORTALS ]] || LIO_PORTALS=()
[[ -v LIO_TPG2_PORTALS ]] || LIO_TPG2_PORTALS=()
[[ -v LIO_ACLS ]] || LIO_ACLS=()

lio_log() { echo "lio: $*" >&2; }

# Write VALUE to FILE, saying which write failed (configfs answers EINVAL
# with no hint, and the kernel log has the reason). No trailing newline:
# LIO keeps it as part of string attributes such as CHAP user names.
lio_write() {
	local file=$1 value=$2
	if ! printf '%s' "$value" >"$file" 2>/dev/null; then
		lio_log "writing '$value' to $file failed (see dmesg)"
		return 1
	fi
}

lio_mkdir() {
	mkdir -p "$1" 2>/dev/null || { lio_log "mkdir $1 failed (see dmesg)"; return 1; }
}

# crc32c before anything else: LIO allocates it at every login, even with
# digests off, and fails the login if it cannot (request_module is not
# enough under every kernel). Modules may as well be built in (KUnit kernel).
lio_load() {
	local m
	for m in crc32c_generic target_core_mod iscsi_target_mod; do
		modprobe -q "$m" 2>/dev/null || true
	done
	grep -qw crc32c /proc/crypto 2>/dev/null || lio_log "warning: no crc32c in /proc/crypto; logins will fail"
	if ! grep -qw configfs /proc/mounts; then
		modprobe -q configfs 2>/dev/null || true
		grep -qw configfs /proc/filesystems ||
			{ lio_log "this kernel ($(uname -r)) has no configfs, so no LIO target"; return 1; }
		mount -t configfs configfs /sys/kernel/config 2>/dev/null ||
			{ lio_log "cannot mount configfs"; return 1; }
	fi
	[[ -d $LIO_CFS ]] || { lio_log "no $LIO_CFS: LIO (target_core_mod) not available in this kernel"; return 1; }
	mkdir -p "$LIO_CFS/iscsi" 2>/dev/null ||
		{ lio_log "cannot create $LIO_CFS/iscsi: iscsi_target_mod not available"; return 1; }
}

# Swap Debian's iscsi_target_mod for the one scripts/lio-fixed.sh built,
# for the running kernel, which fixes LIO's use-after-free at
# ErrorRecoveryLevel 2 (6.1 and 6.12 alike). Call it with no target
# configured (after lio_teardown, or first).
lio_load_fixed() {
	local ko=${MCS_REPO:-.}/build/lio/$(uname -r)/iscsi_target_mod.ko
	# The debug kernel (scripts/debug-kernel.sh) is built with the fix.
	if [[ -e /lib/modules/$(uname -r)/.mcs-lio-erl2-fixed ]]; then
		modprobe -q crc32c_generic 2>/dev/null || true
		modprobe -q iscsi_target_mod || { lio_log "cannot load iscsi_target_mod"; return 1; }
		return 0
	fi
	[[ -f $ko ]] || { lio_log "no $ko: run scripts/lio-fixed.sh"; return 1; }
	modprobe -q crc32c_generic 2>/dev/null || true
	modprobe -q target_core_mod 2>/dev/null || true
	if grep -q '^iscsi_target_mod ' /proc/modules; then
		grep -q '^iscsi_target_mod .*(OE)$' /proc/modules && return 0
		rmdir "$LIO_CFS/iscsi" 2>/dev/null || true
		rmmod iscsi_target_mod || { lio_log "cannot unload iscsi_target_mod"; return 1; }
	fi
	insmod "$ko" || { lio_log "insmod $ko failed (see dmesg)"; return 1; }
}

# First rd_mcp HBA number not in use, so several lio_setup calls can coexist.
lio_free_hba() {
	local n=0
	while [[ -e $LIO_CFS/core/rd_mcp_$n ]]; do n=$((n + 1)); done
	echo "$n"
}

# lio_backstores HBA_DIR COUNT SIZE_MB NULLIO: ramdisk devices lun0..lunN-1.
lio_backstores() {
	local hba=$1 count=$2 size=$3 nullio=$4 i dev ctl
	for ((i = 0; i < count; i++)); do
		dev=$hba/lun$i
		lio_mkdir "$dev" || return 1
		ctl="rd_pages=$((size * 256))"
		((nullio)) && ctl+=",rd_nullio=1"
		lio_write "$dev/control" "$ctl" || return 1
		lio_write "$dev/enable" 1 || return 1
		# A stable, unique serial (the VPD page 0x80/0x83 ids that
		# multipath groups paths by); only settable before export.
		lio_write "$dev/wwn/vpd_unit_serial" "mcs-${hba##*_}-$i" || return 1
	done
}

# lio_chap_write AUTH_DIR USER:SECRET MUTUAL_USER:SECRET
lio_chap_write() {
	local dir=$1 chap=$2 mutual=$3
	[[ -n $chap ]] || return 0
	lio_write "$dir/userid" "${chap%%:*}" || return 1
	lio_write "$dir/password" "${chap#*:}" || return 1
	[[ -n $mutual ]] || return 0
	lio_write "$dir/userid_mutual" "${mutual%%:*}" || return 1
	lio_write "$dir/password_mutual" "${mutual#*:}" || return 1
}

# lio_tpg TPGT PORTAL...: one portal group; reads the option variables of
# lio_setup (dynamic scope). Params and attributes go in before the tpg is
# enabled: LIO fixes some of them (MaxConnections) for its lifetime.
lio_tpg() {
	local tpgt=$1 t p i acl kv
	shift
	t=$LIO_CFS/iscsi/$iqn/tpgt_$tpgt
	lio_mkdir "$t" || return 1

	for ((i = 0; i < luns; i++)); do
		lio_mkdir "$t/lun/lun_$i" || return 1
		ln -s "$hba/lun$i" "$t/lun/lun_$i/storage" ||
			{ lio_log "cannot link $hba/lun$i into $t/lun/lun_$i"; return 1; }
	done

	[[ -z $maxconn ]] || lio_write "$t/param/MaxConnections" "$maxconn" || return 1
	if [[ -n $erl ]]; then
		lio_write "$t/param/ErrorRecoveryLevel" "$erl" || return 1
		# LIO overrides the negotiated ERL with the node ACL's default_erl,
		# which node ACLs (also dynamic ones) inherit from here.
		lio_write "$t/attrib/default_erl" "$erl" || return 1
	fi
	[[ -z $hdigest ]] || lio_write "$t/param/HeaderDigest" "$hdigest" || return 1
	[[ -z $ddigest ]] || lio_write "$t/param/DataDigest" "$ddigest" || return 1
	for kv in "${params[@]}"; do
		lio_write "$t/param/${kv%%=*}" "${kv#*=}" || return 1
	done

	lio_write "$t/attrib/authentication" "$([[ -n $chap ]] && echo 1 || echo 0)" || return 1
	if ((${#acls[@]})); then
		lio_write "$t/attrib/generate_node_acls" 0 || return 1
		for acl in "${acls[@]}"; do
			lio_mkdir "$t/acls/$acl" || return 1
			[[ -z $erl ]] || lio_write "$t/acls/$acl/attrib/default_erl" "$erl" || return 1
			lio_chap_write "$t/acls/$acl/auth" "$chap" "$mutual" || return 1
			for ((i = 0; i < luns; i++)); do
				lio_mkdir "$t/acls/$acl/lun_$i" || return 1
				ln -s "$t/lun/lun_$i" "$t/acls/$acl/lun_$i/lun" ||
					{ lio_log "cannot map lun_$i for $acl"; return 1; }
			done
		done
	else
		# Demo mode: any initiator gets every LUN, read-write.
		lio_write "$t/attrib/generate_node_acls" 1 || return 1
		lio_write "$t/attrib/cache_dynamic_acls" 1 || return 1
		lio_write "$t/attrib/demo_mode_write_protect" 0 || return 1
		lio_chap_write "$t/auth" "$chap" "$mutual" || return 1
	fi
	for kv in "${attribs[@]}"; do
		lio_write "$t/attrib/${kv%%=*}" "${kv#*=}" || return 1
	done

	for p in "$@"; do
		lio_mkdir "$t/np/$p" || { lio_log "cannot listen on $p (in use?)"; return 1; }
	done
	lio_write "$t/enable" 1 || return 1
}

lio_setup() {
	local iqn=$LIO_DEFAULT_IQN luns=1 size=64 nullio=0 maxconn='' erl=''
	local hdigest='' ddigest='' chap='' mutual='' dchap='' hba
	local -a portals=(127.0.0.1:3260 127.0.0.2:3260) tpg2=() acls=() params=() attribs=()
	local own_portals=0
	while (($#)); do
		case $1 in
		--iqn) iqn=$2; shift 2 ;;
		--luns) luns=$2; shift 2 ;;
		--size) size=$2; shift 2 ;;
		--nullio) nullio=1; shift ;;
		--portal)
			((own_portals)) || portals=()
			own_portals=1
			portals+=("$2"); shift 2 ;;
		--tpg2-portal) tpg2+=("$2"); shift 2 ;;
		--max-connections) maxconn=$2; shift 2 ;;
		--erl) erl=$2; shift 2 ;;
		--header-digest) hdigest=$2; shift 2 ;;
		--data-digest) ddigest=$2; shift 2 ;;
		--chap) chap=$2; shift 2 ;;
		--mutual-chap) mutual=$2; shift 2 ;;
		--discovery-chap) dchap=$2; shift 2 ;;
		--acl) acls+=("$2"); shift 2 ;;
		--param) params+=("$2"); shift 2 ;;
		--attrib) attribs+=("$2"); shift 2 ;;
		*) lio_log "lio_setup: unknown option $1"; return 2 ;;
		esac
	done
	[[ $luns =~ ^[0-9]+$ && $size =~ ^[0-9]+$ ]] || { lio_log "lio_setup: bad --luns/--size"; return 2; }
	[[ -z $mutual || -n $chap ]] || { lio_log "lio_setup: --mutual-chap needs --chap"; return 2; }
	[[ -z $chap || $chap == *:* ]] || { lio_log "lio_setup: --chap takes USER:SECRET"; return 2; }
	[[ -z $mutual || $mutual == *:* ]] || { lio_log "lio_setup: --mutual-chap takes USER:SECRET"; return 2; }
	[[ -z $dchap || $dchap == *:* ]] || { lio_log "lio_setup: --discovery-chap takes USER:SECRET"; return 2; }
	[[ ! -e $LIO_CFS/iscsi/$iqn ]] || { lio_log "lio_setup: target $iqn exists already"; return 1; }

	lio_load || return 1
	hba=$LIO_CFS/core/rd_mcp_$(lio_free_hba)
	lio_backstores "$hba" "$luns" "$size" "$nullio" || return 1
	lio_mkdir "$LIO_CFS/iscsi/$iqn" || return 1
	lio_tpg 1 "${portals[@]}" || return 1
	if ((${#tpg2[@]})); then
		lio_tpg 2 "${tpg2[@]}" || return 1
	fi
	if [[ -n $dchap ]]; then
		lio_chap_write "$LIO_CFS/iscsi/discovery_auth" "$dchap" "" || return 1
		lio_write "$LIO_CFS/iscsi/discovery_auth/enforce_discovery_auth" 1 || return 1
	fi

	# shellcheck disable=SC2034  # for the caller
	LIO_IQN=$iqn LIO_LUNS=$luns LIO_SIZE_MB=$size
	LIO_PORTALS=("${portals[@]}")
	LIO_TPG2_PORTALS=("${tpg2[@]}")
	LIO_ACLS=("${acls[@]}")
	lio_log "target $iqn: $luns x ${size} MiB LUNs, tpgt 1 on ${portals[*]}${tpg2:+, tpgt 2 on ${tpg2[*]}}, ${maxconn:-default} MaxConnections, ${acls[*]:-demo mode}${chap:+, CHAP}${mutual:+ (mutual)}"
}

# Remove whatever exists, innermost first: a half-built setup, several
# targets, or objects a test added itself all go.
lio_teardown() {
	local tgt tpg acl lun link np hba dev rc=0
	[[ -d $LIO_CFS ]] || return 0
	for tgt in "$LIO_CFS"/iscsi/*/; do
		tgt=${tgt%/}
		[[ ${tgt##*/} =~ ^(iqn|eui|naa)\. ]] || continue
		for tpg in "$tgt"/tpgt_*; do
			[[ -d $tpg ]] || continue
			# Disabling closes the target side of any session still open.
			[[ $(cat "$tpg/enable" 2>/dev/null) != 1 ]] || lio_write "$tpg/enable" 0 || rc=1
			for acl in "$tpg"/acls/*; do
				[[ -d $acl ]] || continue
				for lun in "$acl"/lun_*; do
					[[ -d $lun ]] || continue
					for link in "$lun"/*; do [[ ! -L $link ]] || rm -f "$link" || rc=1; done
					rmdir "$lun" || rc=1
				done
				rmdir "$acl" || rc=1
			done
			for lun in "$tpg"/lun/lun_*; do
				[[ -d $lun ]] || continue
				for link in "$lun"/*; do [[ ! -L $link ]] || rm -f "$link" || rc=1; done
				rmdir "$lun" || rc=1
			done
			for np in "$tpg"/np/*; do
				[[ ! -d $np ]] || rmdir "$np" || rc=1
			done
			rmdir "$tpg" || rc=1
		done
		rmdir "$tgt" || rc=1
	done
	if [[ -d $LIO_CFS/iscsi/discovery_auth ]]; then
		printf 0 >"$LIO_CFS/iscsi/discovery_auth/enforce_discovery_auth" 2>/dev/null || true
	fi
	for hba in "$LIO_CFS"/core/*_[0-9]*; do
		[[ -d $hba ]] || continue
		for dev in "$hba"/*/; do
			[[ -d $dev ]] || continue
			rmdir "${dev%/}" || rc=1
		done
		rmdir "$hba" || rc=1
	done
	((rc == 0)) || lio_log "lio_teardown: some objects could not be removed (sessions still open?)"
	return "$rc"
}

# Established TCP connections whose local end is PORTAL (the target side).
lio_tcp_conns() {
	ss -Htn state established src "$1" 2>/dev/null | wc -l
}

lio_sessions() {
	local tgt tpg acl np n line
	[[ -d $LIO_CFS/iscsi ]] || { echo "no LIO iSCSI targets"; return 0; }
	for tgt in "$LIO_CFS"/iscsi/*/; do
		tgt=${tgt%/}
		[[ ${tgt##*/} =~ ^(iqn|eui|naa)\. ]] || continue
		n=$(cat "$tgt/fabric_statistics/iscsi_instance/sessions" 2>/dev/null || echo '?')
		echo "target ${tgt##*/}: $n session(s)"
		for tpg in "$tgt"/tpgt_*; do
			[[ -d $tpg ]] || continue
			echo "  ${tpg##*/}: enabled=$(cat "$tpg/enable") MaxConnections=$(cat "$tpg/param/MaxConnections") ErrorRecoveryLevel=$(cat "$tpg/param/ErrorRecoveryLevel")"
			for np in "$tpg"/np/*; do
				[[ -d $np ]] || continue
				echo "    portal ${np##*/}: $(lio_tcp_conns "${np##*/}") established TCP connection(s)"
			done
			# One NUL-terminated initiator name per session.
			n=$(tr -s '\0' '\n' <"$tpg/dynamic_sessions")
			if [[ -n $n ]]; then
				echo "    dynamic (demo mode) sessions:"
				while IFS= read -r line; do echo "      $line"; done <<<"$n"
			fi
			for acl in "$tpg"/acls/*; do
				[[ -d $acl ]] || continue
				echo "    acl ${acl##*/}:"
				sed 's/^/      /' "$acl/info"
			done
		done
	done
}

lio_session_count() {
	local iqn=${LIO_IQN:-$LIO_DEFAULT_IQN}
	cat "$LIO_CFS/iscsi/$iqn/fabric_statistics/iscsi_instance/sessions"
}

lio_conn_count() {
	local initiator=${1:-} iqn=${LIO_IQN:-$LIO_DEFAULT_IQN} tpg n=0 p
	if [[ -z $initiator && ${#LIO_ACLS[@]} -eq 1 ]]; then
		initiator=${LIO_ACLS[0]}
	fi
	if [[ -n $initiator ]]; then
		for tpg in "$LIO_CFS/iscsi/$iqn"/tpgt_*; do
			[[ -f $tpg/acls/$initiator/info ]] || continue
			n=$((n + $(grep -c '^CID: .*TARG_CONN_STATE_LOGGED_IN' "$tpg/acls/$initiator/info" || true)))
		done
	else
		for p in "${LIO_PORTALS[@]}" "${LIO_TPG2_PORTALS[@]}"; do
			n=$((n + $(lio_tcp_conns "$p")))
		done
	fi
	echo "$n"
}
