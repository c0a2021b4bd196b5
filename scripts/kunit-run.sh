#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the module's KUnit suites: build iscsi_mcs.ko against the KUnit test
# kernel (scripts/kunit-kernel.sh), boot that kernel under QEMU with a
# busybox initramfs that loads and unloads the module, and turn the KTAP it
# prints into one "ok - ..." / "not ok - ..." line per test case.
#
# A case counts as failed when KUnit says so; the run fails as a whole when
# the module does not load or unload, when a suite declared in
# kmod/tests/*_kunit.c does not report, or when the kernel log shows a
# warning, a BUG, a lockdep report or a panic.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${MCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iscsi-mcs}
timeout=${MCS_KUNIT_TIMEOUT:-300}
work="$top/build/kunit"
# Another series (MCS_KSERIES, see scripts/kernel-pick) builds beside it.
[[ ${MCS_KSERIES:-6.1} == 6.1 ]] || work+="-$MCS_KSERIES"

kdir=$("$top/scripts/kunit-kernel.sh")

# The module is built out of a copy so that the objects for the test
# kernel never mix with those for Debian's kernel in kmod/.
mkdir -p "$work"
rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='*.mod*' \
	--exclude='.*.cmd' --exclude='modules.order' \
	"$top/Kbuild" "$top/kmod" "$top/uapi" "$work/"
make -s -C "$kdir" M="$work" W=1 modules >&2

initrd="$work/initramfs"
rm -rf "$initrd" && mkdir -p "$initrd"/{bin,proc,sys,dev}
cp /bin/busybox "$initrd/bin/"
cp "$work/kmod/iscsi_mcs.ko" "$initrd/"
cat >"$initrd/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
if /bin/busybox insmod /iscsi_mcs.ko; then
	echo "mcs-kunit: insmod ok"
	if /bin/busybox rmmod iscsi_mcs; then
		echo "mcs-kunit: rmmod ok"
	fi
fi
/bin/busybox poweroff -f
EOF
chmod +x "$initrd/init"
(cd "$initrd" && find . | cpio -o -H newc 2>/dev/null | gzip -1) >"$work/initramfs.cpio.gz"

log="$work/console.log"
rc=0
timeout --foreground "$timeout" qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 \
	-nographic -no-reboot -nic none \
	-kernel "$kdir/arch/x86/boot/bzImage" -initrd "$work/initramfs.cpio.gz" \
	-append "console=ttyS0 panic=-1 loglevel=7" </dev/null >"$log" 2>&1 || rc=$?
tr -d '\r' <"$log" >"$log.txt"

if ((rc == 124)); then
	echo "not ok - kunit: VM timed out after ${timeout}s (log: $log)"
fi

# Cases: indented "ok N name" / "not ok N name" lines below a "# Subtest:".
# Only cases directly below a suite (4 spaces in) count; parameterised
# cases print their own deeper subtests, which are summed in their case.
awk '
	/^    # Subtest: / { suite = $3; next }
	/^    (not )?ok [0-9]+ / {
		line = $0; sub(/^    /, "", line)
		bad = (line ~ /^not /)
		sub(/^(not )?ok [0-9]+ (- )?/, "", line)
		printf "%s - kunit: %s.%s\n", (bad ? "not ok" : "ok"), suite, line
	}
' "$log.txt"

fail() { echo "not ok - kunit: $*"; }

grep -q '^mcs-kunit: insmod ok' "$log.txt" || fail "module did not load (log: $log)"
grep -q '^mcs-kunit: rmmod ok' "$log.txt" || fail "module did not unload (log: $log)"

for src in "$top"/kmod/tests/*_kunit.c; do
	for suite in $(sed -n 's/^[[:space:]]*\.name = "\([a-z0-9_]*\)",*$/\1/p' "$src"); do
		grep -q "^# $suite: pass:" "$log.txt" ||
			fail "suite $suite did not report (log: $log)"
	done
done

bad=$("$top/scripts/klog-check" "$log.txt" || true)
if [[ -n $bad ]]; then
	fail "kernel log is not clean:"
	sed 's/^/#   /' <<<"$bad"
fi
