#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end, in the VM: the hostile target's login, CONN_ADD and
# discovery cases (hostile.sh runs its I/O cases; see there).
MCS_HOSTILE_GROUP=login exec "$(dirname "$0")/hostile.sh" "$@"
