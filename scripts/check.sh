#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: build everything, then run every suite (style, userspace unit
# tests, KUnit in QEMU, the VM harness self-test, the end-to-end tests in
# QEMU against LIO, tgt and a hostile target, and the lifetime-heavy ones
# again on the debug kernel). Each suite prints one "ok - ..." or "not ok - ..."
# line per test at the start of a line; this script counts them and ends
# with "N passed, N failed". A suite that exits non-zero without reporting
# a failure counts as one failure, so a crash never reads as a pass.
#
# MCS_CHECK_ONLY="kunit e2e" limits the run to some suites.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
logdir="$top/build/check"
mkdir -p "$logdir"

passed=0
failed=0
ran=" "

run_suite() {
	local name=$1
	shift
	local log="$logdir/$name.log" rc p f

	if [[ -n ${MCS_CHECK_ONLY:-} && " $MCS_CHECK_ONLY " != *" ${name%%:*} "* ]]; then
		return
	fi
	echo "=== $name: $*"
	ran+="$name "
	"$@" 2>"$log.err" | tee "$log"
	rc=${PIPESTATUS[0]}
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if ((rc != 0 && f == 0)); then
		echo "not ok - $name: exited with status $rc (stderr: $log.err)"
		tail -n 20 "$log.err" | sed 's/^/#   /'
		f=1
	fi
	if ((p + f == 0)); then
		echo "not ok - $name: ran no test"
		f=1
	fi
	echo "=== $name: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
}

build() {
	if make -s all test-tools >"$logdir/build.log" 2>&1; then
		echo "ok - build: module, library, tools"
	else
		tail -n 30 "$logdir/build.log" | sed 's/^/#   /'
		echo "not ok - build: see $logdir/build.log"
		return 1
	fi
}

e2e() {
	local t rc to
	for t in tests/e2e/*.sh; do
		rc=0
		# A script may ask for more time: a "# vm-timeout: SECONDS" line.
		to=$(sed -n 's/^# vm-timeout: \([0-9]*\)$/\1/p' "$t" | head -n1)
		rm -rf "$logdir/vm-$(basename "$t" .sh)"
		scripts/vm-run --timeout "${MCS_E2E_TIMEOUT:-${to:-900}}" \
			--out "$logdir/vm-$(basename "$t" .sh)" -- "$t" || rc=$?
		((rc == 0)) || echo "not ok - e2e: $(basename "$t") exited with status $rc"
	done
}

# The second kernel series, Debian 12's 6.12 (the kernel of Debian 13): the
# module built against its headers with W=1, its KUnit kernel, the fixed LIO
# for it, and the end-to-end scripts that cover I/O and MC/S (logins too, on
# the way). The rest runs on 6.1 only, to stay within CI's time
# (Documentation/testing.rst).
K612_E2E=${MCS_K612_E2E:-"io mcs"}

# "ok 3 - what" -> "ok 3 - k612: what", so the two series read apart.
k612_tag() { sed -E 's/^((not )?ok( [0-9]+)? - )/\1k612: /'; }

k612() {
	local kdir work=$top/build/k612 diag t rc
	kdir=$(MCS_KSERIES=6.12 scripts/kernel-pick headers) || {
		echo "not ok - k612: no 6.12 headers (make deps)"
		return 1
	}
	# A copy, so 6.1's objects in kmod/ stay as they are.
	mkdir -p "$work"
	rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod*' \
		--exclude='.*.cmd' --exclude='modules.order' \
		Kbuild kmod uapi "$work/"
	diag=$(make -s -C "$kdir" M="$work" W=1 -j2 modules 2>&1 |
		grep -v -e 'Skipping BTF generation' -e '^make\[' || true)
	if [[ -z $diag && -f $work/kmod/iscsi_mcs.ko ]]; then
		echo "ok - k612: module builds warning-free (W=1) against $(basename "$kdir")"
	else
		echo "not ok - k612: module build against $kdir"
		# shellcheck disable=SC2001  # every line, not one string
		sed 's/^/#   /' <<<"$diag"
		return 1
	fi
	MCS_KSERIES=6.12 scripts/kunit-run.sh | k612_tag
	if ! MCS_KSERIES=6.12 make -s lio-fixed KDIR="$kdir" >"$logdir/k612-lio.log" 2>&1; then
		echo "not ok - k612: fixed LIO for 6.12 (see $logdir/k612-lio.log)"
	fi
	for t in $K612_E2E; do
		rc=0
		rm -rf "$logdir/k612-vm-$t"
		MCS_KSERIES=6.12 MCS_KO=$work/kmod/iscsi_mcs.ko \
			scripts/vm-run --timeout "${MCS_E2E_TIMEOUT:-600}" \
			--out "$logdir/k612-vm-$t" -- "tests/e2e/$t.sh" |
			k612_tag || rc=$?
		((rc == 0)) || echo "not ok - k612: e2e $t.sh exited with status $rc"
	done
}

# The packaging (Documentation/testing.rst): the Debian packages built from
# a copy of the tree into build/pkg (dpkg-buildpackage writes to the
# parent directory, which must not be the repository's), lintian, make
# dkms-install and dkms-uninstall for both kernel series in a scratch DKMS
# tree, and the documentation through sphinx -W. The copies of the
# version must agree with kmod/version.h's. No VM: a module built by DKMS
# is loaded in one by hand (testing.rst says how).
package() {
	local work=$top/build/pkg ver src rc=0 f k kver kvers="" series missing
	local lint dk="dkms" arch ma p a t0=$SECONDS times=""
	rm -rf "$work"
	mkdir -p "$work"

	ver=$(sed -n 's/^#define MCS_VERSION "\(.*\)"/\1/p' kmod/version.h)
	missing=$(
		[[ $(dpkg-parsechangelog -S Version) == "$ver" ]] || echo "debian/changelog"
		for f in userlib/man/*.3 tools/mcsadm.8; do
			grep -q '^\.TH ' "$f" || continue # a .so link
			grep -q "^\.TH .*\"\(libiscsidsc\|iscsi-mcs\) $ver\"" "$f" || echo "$f"
		done
	)
	if [[ -n $ver && -z $missing ]]; then
		echo "ok - package: version $ver in kmod/version.h, debian/changelog and every man page"
	else
		echo "not ok - package: version ${ver:-(none)} of kmod/version.h not in: ${missing//$'\n'/ }"
	fi

	# DKMS builds in the background while the packages build (both are
	# short of work for 2 cores on their own), into a scratch tree: the
	# source, dkms's tree, the modules and the signing key all under
	# build/pkg/dkms, no depmod, /var/lib/dkms and /lib/modules untouched.
	for series in 6.1 6.12; do
		k=$(MCS_KSERIES=$series scripts/kernel-pick headers 2>/dev/null) || continue
		kvers+=" ${k#/usr/src/linux-headers-}"
	done
	dk+=" --sourcetree $work/dkms/usr/src --dkmstree $work/dkms/tree"
	dk+=" --installtree $work/dkms/modules --no-depmod"
	mkdir -p "$work/dkms/tree"
	for kver in $kvers; do mkdir -p "$work/dkms/modules/$kver"; done
	(
		export mok_signing_key=$work/dkms/mok.key mok_certificate=$work/dkms/mok.pub
		make -s dkms-install DESTDIR="$work/dkms" DKMS="$dk" DKMS_KERNELS="$kvers" || exit
		# What was installed, read before dkms-uninstall removes it.
		find "$work/dkms/modules" -name 'iscsi_mcs.ko*' | while read -r f; do
			echo "$f $(modinfo -F vermagic "$f")"
		done >"$work/dkms/installed"
		make -s dkms-uninstall DESTDIR="$work/dkms" DKMS="$dk"
	) >"$logdir/package-dkms.log" 2>&1 &
	local dkms_pid=$!

	src=$work/iscsi-mcs-$ver
	t0=$SECONDS
	rsync -a --exclude=/build/ --exclude=/.git --exclude=/userlib/build/ \
		--exclude=/tools/build/ --exclude='*.o' --exclude='*.ko' \
		--exclude='*.mod' --exclude='*.mod.c' --exclude='.*.cmd' \
		--exclude=modules.order --exclude=Module.symvers ./ "$src/"
	# The unit tests ran in the userlib and tools suites already.
	if (cd "$src" && DEB_BUILD_OPTIONS="nocheck noautodbgsym" \
		dpkg-buildpackage -us -uc -b) >"$logdir/package-build.log" 2>&1; then
		echo "ok - package: dpkg-buildpackage -b (into build/pkg)"
	else
		tail -n 20 "$logdir/package-build.log" | sed 's/^/#   /'
		echo "not ok - package: dpkg-buildpackage -b (see $logdir/package-build.log)"
		rc=1
	fi

	times+=" dpkg-buildpackage $((SECONDS - t0)) s,"
	# What each package must hold: "package architecture path".
	arch=$(dpkg --print-architecture)
	ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
	missing=""
	# (Listed into a file first: grep -q ending the pipe early would make
	# dpkg-deb die of SIGPIPE, a failure under pipefail.)
	while read -r p a f; do
		[[ -f $work/$p.list ]] ||
			dpkg-deb -c "$work/${p}_${ver}_$a.deb" >"$work/$p.list" 2>/dev/null
		grep -q " \./$f\( -> .*\)\?\$" "$work/$p.list" || missing+=" $p:$f"
	done <<-EOF
		iscsi-mcs-dkms all usr/src/iscsi-mcs-$ver/dkms.conf
		iscsi-mcs-dkms all usr/src/iscsi-mcs-$ver/Kbuild
		iscsi-mcs-dkms all usr/src/iscsi-mcs-$ver/kmod/main.c
		iscsi-mcs-dkms all usr/src/iscsi-mcs-$ver/uapi/linux/iscsi_mcs.h
		libiscsidsc1 $arch usr/lib/$ma/libiscsidsc.so.1
		libiscsidsc-dev $arch usr/include/iscsidsc.h
		libiscsidsc-dev $arch usr/include/linux/iscsi_mcs.h
		libiscsidsc-dev $arch usr/lib/$ma/pkgconfig/libiscsidsc.pc
		libiscsidsc-dev $arch usr/share/man/man3/LoginIScsiTargetA.3.gz
		mcsadm $arch usr/sbin/mcsadm
		mcsadm $arch usr/share/man/man8/mcsadm.8.gz
		mcsadm $arch lib/systemd/system/mcsadm.service
		mcsadm $arch usr/share/bash-completion/completions/mcsadm
	EOF
	if [[ -z $missing ]]; then
		echo "ok - package: the four packages hold the module's sources, the library, headers, man pages, mcsadm, its unit and completion"
	else
		echo "not ok - package: missing from the packages:$missing"
	fi

	t0=$SECONDS
	if lint=$(lintian --fail-on error "$work/iscsi-mcs_${ver}_$arch.changes" 2>&1); then
		echo "ok - package: lintian reports no error"
	else
		echo "not ok - package: lintian reports errors"
		rc=1
	fi
	# Warnings and the rest, for the reader; the overrides give reasons.
	grep -v 'root privileges' <<<"$lint" | grep . | sed 's/^/# lintian: /'

	times+=" lintian $((SECONDS - t0)) s,"
	t0=$SECONDS
	if sphinx-build -W -q -b html -d "$work/doctrees" Documentation "$work/html" \
		>"$logdir/package-sphinx.log" 2>&1; then
		echo "ok - package: Documentation/ renders with sphinx-build -W"
	else
		sed 's/^/#   /' "$logdir/package-sphinx.log"
		echo "not ok - package: sphinx-build -W Documentation"
		rc=1
	fi

	times+=" sphinx $((SECONDS - t0)) s,"
	t0=$SECONDS
	wait "$dkms_pid"
	f=$?
	echo "# package:$times then $((SECONDS - t0)) s more for dkms"
	if ((f != 0)); then
		tail -n 20 "$logdir/package-dkms.log" | sed 's/^/#   /'
		echo "not ok - package: make dkms-install/dkms-uninstall (see $logdir/package-dkms.log)"
		return 1
	fi
	[[ -n $kvers ]] || echo "not ok - package: no kernel headers of 6.1 or 6.12 for dkms (make deps)"
	for kver in $kvers; do
		if grep -q "/$kver/updates/dkms/iscsi_mcs\.ko[.a-z]* $kver " "$work/dkms/installed"; then
			echo "ok - package: dkms built and installed iscsi_mcs for $kver"
		else
			echo "not ok - package: no iscsi_mcs built by dkms for $kver"
			rc=1
		fi
	done
	if [[ -z $(find "$work/dkms/modules" "$work/dkms/tree" "$work/dkms/usr/src" -mindepth 1 -not -type d) ]]; then
		echo "ok - package: make dkms-uninstall leaves nothing behind"
	else
		echo "not ok - package: make dkms-uninstall left files in $work/dkms"
		rc=1
	fi
	return $rc
}

run_suite build build
run_suite style scripts/style.sh
run_suite userlib make -s -C userlib check
run_suite tools make -s -C tools check
run_suite kunit scripts/kunit-run.sh
run_suite vm scripts/vm-selftest.sh
run_suite e2e e2e
run_suite k612 k612
run_suite debug scripts/debug-run.sh
run_suite package package

# fig FILE SED-REGEX: the sum of the numbers the regex's group 1 picks from
# FILE's lines, or "-" when none does.
fig() {
	[[ -f $1 ]] || { echo -; return; }
	sed -nE "s/$2/\1/p" "$1" | awk '{ s += $1; n++ } END { print n ? s : "-" }'
}

# The reliability figures (Documentation/testing.rst), from the suites that
# ran: the "# hostile:", "# fuzz:", "# races:" and "# debug:" lines.
figures() {
	local e="" d="" hr hp
	[[ $ran == *" e2e "* ]] && e=$logdir/e2e.log
	[[ $ran == *" debug "* ]] && d=$logdir/debug.log
	[[ -n $e$d ]] || return 0
	echo "# figures:"
	for f in $e $d; do
		hr=$(fig "$f" '^# hostile: ([0-9]+) cases run.*')
		hp=$(fig "$f" '^# hostile: [0-9]+ cases run, ([0-9]+) passed')
		echo "#   hostile target cases passed ($([[ $f == "$e" ]] && echo "Debian's kernel" || echo "debug kernel")): $hp of $hr"
	done
	if [[ -n $e ]]; then
		echo "#   netlink fuzz messages sent: $(fig "$e" '^# fuzz: ([0-9]+) messages sent')"
		echo "#   teardown races run: $(fig "$e" '^# races: ([0-9]+) run')"
	fi
	if [[ -n $d ]]; then
		echo "#   debug-kernel scripts: $(fig "$d" '^# debug: ([0-9]+) scripts,.*')"
		echo "#   debug reports (KASAN, lockdep, UBSAN, ...): $(fig "$d" '^# debug: [0-9]+ scripts, ([0-9]+) debug reports.*')"
		echo "#   kmemleak reports: $(fig "$d" '^# debug: .* ([0-9]+) kmemleak reports.*')"
		echo "#   debug-kernel scripts skipped (guest set-up stalled twice): $(fig "$d" '^# debug: .* ([0-9]+) skipped$')"
	fi
}

# What failed, again at the end, where a reader of CI's last lines looks:
# each "not ok" line, and what vm-run said on stderr of a guest whose
# kernel log had a splat, that timed out or that died (the suites' stderr
# goes to build/check/*.err, which CI does not keep). Bounded, so the
# figures and the total stay in view.
failures() {
	local f n=0
	((failed > 0)) || return 0
	echo "# failures:"
	grep -h '^not ok ' "$logdir"/*.log 2>/dev/null | head -n 15 | sed 's/^/#   /'
	for f in "$logdir"/*.err; do
		grep -q 'vm-run: FAIL' "$f" 2>/dev/null || continue
		((n++ < 3)) || break
		echo "#   $(basename "$f" .log.err): vm-run said:"
		grep -A 14 'vm-run: FAIL' "$f" | head -n 30 | cut -c1-200 | sed 's/^/#     /'
	done
}

failures
figures
echo "$passed passed, $failed failed"
((failed == 0))
