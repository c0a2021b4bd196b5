// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * isdsc-oswin: the order in which OpenStack's os-win attaches and detaches
 * an iSCSI volume through iscsidsc's W functions, as a program ported
 * from Windows would run it unchanged:
 *
 *   ReportIScsiInitiatorListW, AddIScsiStaticTargetW, LoginIScsiTargetW
 *   (IsPersistent TRUE, then FALSE), GetIScsiSessionListW,
 *   ReportIScsiPersistentLoginsW, RemoveIScsiPersistentTargetW,
 *   LogoutIScsiTarget, RemoveIScsiStaticTargetW.
 *
 * usage: isdsc-oswin TARGET ADDRESS[:PORT]
 * One line per step; on a failure the call, its status and the library's
 * explanation on stderr, and exit status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscsidsc.h>

static int fail(const char *call, ISDSC_STATUS status)
{
	const char *name = IScsiMcsStatusName(status);

	fprintf(stderr, "isdsc-oswin: %s failed: %s (0x%08X): %s\n", call,
		name ? name : "unknown status", (unsigned int)status, IScsiMcsLastErrorText());
	return 1;
}

static void to_wide(const char *s, WCHAR *out, size_t units)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < units; i++)
		out[i] = (unsigned char)s[i];
	out[i] = 0;
}

static void from_wide(const WCHAR *s, char *out, size_t size)
{
	size_t i;

	for (i = 0; s && s[i] && i + 1 < size; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '?';
	out[i] = '\0';
}

/* The number of persistent logins of target, or -1. */
static long persistent_logins(const WCHAR *target)
{
	PERSISTENT_ISCSI_LOGIN_INFOW *info = NULL;
	ULONG count = 0, size = 0;
	ISDSC_STATUS status;
	long n = 0;

	status = ReportIScsiPersistentLoginsW(&count, NULL, &size);
	if (status == ERROR_INSUFFICIENT_BUFFER) {
		info = malloc(size);
		if (!info)
			return -1;
		status = ReportIScsiPersistentLoginsW(&count, info, &size);
	}
	if (status != ERROR_SUCCESS) {
		free(info);
		fail("ReportIScsiPersistentLoginsW", status);
		return -1;
	}
	for (ULONG i = 0; i < count; i++) {
		char t[MAX_ISCSI_NAME_LEN + 1], a[MAX_ISCSI_PORTAL_ADDRESS_LEN];

		if (memcmp(info[i].TargetName, target, sizeof(WCHAR) * (MAX_ISCSI_NAME_LEN + 1)))
			continue;
		from_wide(info[i].TargetName, t, sizeof(t));
		from_wide(info[i].TargetPortal.Address, a, sizeof(a));
		printf("persistent login %s %s:%u\n", t, a, info[i].TargetPortal.Socket);
		n++;
	}
	free(info);
	return n;
}

int main(int argc, char **argv)
{
	static WCHAR target[MAX_ISCSI_NAME_LEN + 1];
	WCHAR initiators[512];
	char text[512], *colon;
	ISCSI_TARGET_PORTAL_GROUPW group;
	ISCSI_TARGET_PORTALW *portal = &group.Portals[0];
	ISCSI_UNIQUE_SESSION_ID sid;
	ISCSI_UNIQUE_CONNECTION_ID cid;
	ISCSI_SESSION_INFOW *sessions;
	ULONG size, count;
	ISDSC_STATUS status;
	int found = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: isdsc-oswin TARGET ADDRESS[:PORT]\n");
		return 2;
	}
	to_wide(argv[1], target, MAX_ISCSI_NAME_LEN + 1);
	memset(&group, 0, sizeof(group));
	group.Count = 1;
	snprintf(text, sizeof(text), "%s", argv[2]);
	colon = strrchr(text, ':');
	if (colon) {
		*colon = '\0';
		portal->Socket = (USHORT)atoi(colon + 1);
	}
	to_wide(text, portal->Address, MAX_ISCSI_PORTAL_ADDRESS_LEN);

	size = sizeof(initiators) / sizeof(initiators[0]);
	status = ReportIScsiInitiatorListW(&size, initiators);
	if (status != ERROR_SUCCESS)
		return fail("ReportIScsiInitiatorListW", status);
	from_wide(initiators, text, sizeof(text));
	printf("initiator %s\n", text);

	status = AddIScsiStaticTargetW(target, NULL, 0, TRUE, NULL, NULL, &group);
	if (status != ERROR_SUCCESS)
		return fail("AddIScsiStaticTargetW", status);
	printf("static target added\n");

	/* os-win: the persistent login first (saved, no session), then the real one. */
	status = LoginIScsiTargetW(target, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, portal, 0, NULL,
				   NULL, 0, NULL, TRUE, &sid, &cid);
	if (status != ERROR_SUCCESS)
		return fail("LoginIScsiTargetW (IsPersistent TRUE)", status);
	printf("persistent login saved\n");
	status = LoginIScsiTargetW(target, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, portal, 0, NULL,
				   NULL, 0, NULL, FALSE, &sid, &cid);
	if (status != ERROR_SUCCESS)
		return fail("LoginIScsiTargetW", status);
	printf("session %016llx-%016llx\n", (unsigned long long)sid.AdapterUnique,
	       (unsigned long long)sid.AdapterSpecific);

	size = 0;
	status = GetIScsiSessionListW(&size, &count, NULL);
	sessions = size ? malloc(size) : NULL;
	if (status == ERROR_INSUFFICIENT_BUFFER && sessions)
		status = GetIScsiSessionListW(&size, &count, sessions);
	if (status != ERROR_SUCCESS) {
		free(sessions);
		return fail("GetIScsiSessionListW", status);
	}
	for (ULONG i = 0; i < count; i++)
		found |= !memcmp(&sessions[i].SessionId, &sid, sizeof(sid));
	free(sessions);
	printf("session %s\n", found ? "listed" : "NOT listed");

	if (persistent_logins(target) != 1)
		return 1;
	status = RemoveIScsiPersistentTargetW(NULL, ISCSI_ALL_INITIATOR_PORTS, target, NULL);
	if (status != ERROR_SUCCESS)
		return fail("RemoveIScsiPersistentTargetW", status);
	printf("persistent target removed, %ld left\n", persistent_logins(target));

	status = LogoutIScsiTarget(&sid);
	if (status != ERROR_SUCCESS)
		return fail("LogoutIScsiTarget", status);
	printf("logged out\n");
	status = RemoveIScsiStaticTargetW(target);
	if (status != ERROR_SUCCESS)
		return fail("RemoveIScsiStaticTargetW", status);
	printf("static target removed\n");
	return found ? 0 : 1;
}
