/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MCS_VERSION_H
#define MCS_VERSION_H

#define MCS_VERSION "0.1.0"

#endif
