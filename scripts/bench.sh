#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: in one VM, the same LIO ramdisk through tcm_loop (no network:
# the ceiling), through open-iscsi (one session) and through iscsi_mcs, with
# the same fio jobs; prints the figures and iscsi_mcs's ratio to open-iscsi.
# Absolute numbers under TCG are noisy and slow; the ratios within one run
# are what to read.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
make -s kmod test-tools
exec scripts/vm-run --timeout "${MCS_BENCH_TIMEOUT:-1200}" -- scripts/bench-guest.sh
