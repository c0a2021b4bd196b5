/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Initiator port numbers. Windows numbers the ports (IP addresses) of each
 * initiator HBA; the iscsi_mcs initiator has no HBA, so a port is what a
 * small file says it is: a local network interface or a local address to
 * connect from.
 *
 *   # /etc/iscsi/iscsi-mcs-ports.conf
 *   0 eth0             port 0: bind to interface eth0
 *   1 192.0.2.10       port 1: connect from this address
 *   2 2001:db8::10
 *
 * One "NUMBER INTERFACE-OR-ADDRESS" per line, NUMBER decimal below
 * ISCSI_ANY_INITIATOR_PORT; blank lines and "#" comments are ignored.
 */
#ifndef ISDSC_PORTS_H
#define ISDSC_PORTS_H

#include <net/if.h>

#include "iscsidsc.h"
#include "session.h"

#define ISDSC_PORTS_DEFAULT_PATH	"/etc/iscsi/iscsi-mcs-ports.conf"
#define ISDSC_PORTS_PATH_ENV		"ISCSI_MCS_PORTS_FILE"

/* What a port number stands for: an interface or an address, not both. */
struct isdsc_port {
	ULONG number;
	char ifname[IF_NAMESIZE];	/* "" for an address */
	unsigned int ifindex;		/* of ifname, in the caller's namespace */
	struct isdsc_addr addr;		/* family 0 for an interface */
};

/* The file's path: $ISCSI_MCS_PORTS_FILE or the default. */
const char *isdsc_ports_path(void);

/*
 * Looks number up. A number the file does not list (or no file), or an
 * interface that does not exist: ISDSC_INVALID_PORT_NUMBER; a malformed
 * line: ERROR_INVALID_DATA, naming it.
 */
ISDSC_STATUS isdsc_port_lookup(ULONG number, struct isdsc_port *out);

#endif /* ISDSC_PORTS_H */
