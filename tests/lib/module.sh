# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Loading the freshly built module in the VM. insmod resolves no
# dependencies, so load what modinfo says the module depends on (libcrc32c
# for the digests) and its soft dependencies (the CHAP hashes) first.

MCS_KO=${MCS_KO:-kmod/iscsi_mcs.ko}

mcs_insmod() {
	local deps soft m
	deps=$(modinfo -F depends "$MCS_KO" | tr ',' ' ')
	soft=$(modinfo -F softdep "$MCS_KO" | sed 's/pre://; s/post:.*//')
	for m in $deps $soft; do
		modprobe -q "$m" || { echo "mcs_insmod: cannot load $m" >&2; return 1; }
	done
	insmod "$MCS_KO" "$@"
}
