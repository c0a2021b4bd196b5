/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The send-target portal list (AddIScsiSendTargetPortal & co.), which
 * Windows keeps across reboots, and the target names each portal's last
 * SendTargets discovery reported. libiscsidsc keeps both in one root-only
 * file (it holds discovery CHAP secrets):
 *
 *   # /etc/iscsi/iscsi-mcs-send-targets.conf
 *   portal address=192.0.2.1 socket=3260 symbolic= instance= port=4294967295
 *          security=0x0 info=0x0 flags=0x0 auth=0 hd=0 dd=0 maxconn=0 t2w=0
 *          t2r=0 user= secret=
 *   target iqn.2003-01.org.linux-iscsi.x:t1
 *   target iqn.2003-01.org.linux-iscsi.x:t2
 *
 * (one line per portal, wrapped here). Each "target" line belongs to the
 * portal line above it. Values are percent-encoded: bytes below 0x21 or
 * above 0x7e, '%' and '#' are written %XX, so "key=" is an empty value. Keys a
 * portal line does not need are ignored; blank lines and "#" comments too.
 * The file is replaced atomically (fileio.c) with mode 0600, and changes
 * are made under an flock() of its directory so that concurrent callers
 * do not lose each other's portals.
 */
#ifndef ISDSC_STPORTALS_H
#define ISDSC_STPORTALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <linux/iscsi_mcs.h>

#include "iscsidsc.h"
#include "secret.h"

#define ISDSC_ST_DEFAULT_PATH	"/etc/iscsi/iscsi-mcs-send-targets.conf"
#define ISDSC_ST_PATH_ENV	"ISCSI_MCS_SEND_TARGETS_FILE"

/* One portal as AddIScsiSendTargetPortal recorded it. */
struct isdsc_st_portal {
	char address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	uint16_t socket;				/* 3260 for 0 */
	char symbolic[MAX_ISCSI_PORTAL_NAME_LEN];
	char instance[MAX_ISCSI_HBANAME_LEN];		/* "" for any */
	ULONG port;					/* InitiatorPortNumber */
	ISCSI_SECURITY_FLAGS security_flags;
	/* LoginOptions, as given (have_options false: NULL). */
	bool have_options;
	ULONG info, flags, auth, header_digest, data_digest;
	ULONG max_connections, time2wait, time2retain;
	size_t user_len;
	uint8_t user[256];
	size_t secret_len;
	uint8_t secret[ISDSC_CHAP_SECRET_MAX];
	/* Target names of the last discovery. */
	size_t n_targets;
	char (*targets)[ISCSI_MCS_NAME_MAX];
};

struct isdsc_st_list {
	size_t n;
	struct isdsc_st_portal *p;
};

/* The file's path: $ISCSI_MCS_SEND_TARGETS_FILE or the default. */
const char *isdsc_st_path(void);

/* Frees the list, wiping the secrets. */
void isdsc_st_free(struct isdsc_st_list *list);

/* Parses text (the file's contents; path names it in errors): ERROR_INVALID_DATA. */
ISDSC_STATUS isdsc_st_parse(const char *text, const char *path, struct isdsc_st_list *list);

/* The file's contents for list, malloc()ed and NUL-terminated; NULL when out of memory. */
char *isdsc_st_format(const struct isdsc_st_list *list);

/*
 * Reads the file; no file is an empty list. *st (if not NULL) receives its
 * status and *exists whether there was one.
 */
ISDSC_STATUS isdsc_st_load(struct isdsc_st_list *list, struct stat *st, bool *exists);

/* Replaces the file with list; old is the status isdsc_st_load gave, or NULL. */
ISDSC_STATUS isdsc_st_save(const struct isdsc_st_list *list, const struct stat *old);

/* Serialises changes: an exclusive flock() of the file's directory, -1 if none. */
int isdsc_st_lock(void);
void isdsc_st_unlock(int fd);

/*
 * The index of the portal at address (compared without regard to case)
 * and socket (0 is 3260), or -1.
 */
long isdsc_st_find(const struct isdsc_st_list *list, const char *address, uint16_t socket);

/* Removes entry i. */
void isdsc_st_remove(struct isdsc_st_list *list, size_t i);

/* Appends a copy of p (its targets included); false when out of memory. */
bool isdsc_st_append(struct isdsc_st_list *list, const struct isdsc_st_portal *p);

/*
 * Sets p's targets to the n names (a copy, duplicates dropped); false when
 * out of memory, p unchanged.
 */
bool isdsc_st_set_targets(struct isdsc_st_portal *p, const char (*names)[ISCSI_MCS_NAME_MAX],
			  size_t n);

#endif /* ISDSC_STPORTALS_H */
