#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install from Debian's packages everything the build, the tests and the
# demo need. Idempotent and quiet when all is there already.
set -euo pipefail

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev dwarves kmod cpio
	pkg-config python3 rsync
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	linux-image-6.12-amd64 linux-headers-6.12-amd64 linux-source-6.12
	qemu-system-x86 busybox-static
	libnl-3-dev libnl-genl-3-dev
	sparse
	fio open-iscsi multipath-tools nftables iproute2 e2fsprogs util-linux
	sg3-utils udev tgt
	# the package suite: Debian packages, DKMS, lintian, the documentation
	debhelper dh-dkms dkms dpkg-dev lintian python3-sphinx
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

if ((EUID != 0)); then
	echo "deps: missing packages: ${missing[*]} (run as root)" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
