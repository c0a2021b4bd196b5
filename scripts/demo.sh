#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build everything, boot Debian's kernel in QEMU and play the
# story in it (scripts/demo-guest.sh). Nothing runs on this machine's own
# kernel.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
make -s all test-tools
exec scripts/vm-run --timeout "${MCS_DEMO_TIMEOUT:-600}" -- scripts/demo-guest.sh
