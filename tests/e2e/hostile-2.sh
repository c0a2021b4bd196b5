#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM: the hostile target's second group of I/O cases
# (unknown opcodes and ITTs, sequence numbers out of window, Reject, Async
# and NOP-In floods, silence); hostile.sh says how each case is judged.
MCS_HOSTILE_GROUP=io2 exec "$(dirname "$0")/hostile.sh" "$@"
