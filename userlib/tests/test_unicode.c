// SPDX-License-Identifier: GPL-2.0 OR MIT
/* With UNICODE defined, the generic names must select the "W" variants. */
#define UNICODE 1

#include <string.h>

#include "iscsidsc.h"
#include "tap.h"

#define STR(x) STR2(x)
#define STR2(x) #x
#define SPELLING(macro, expected) \
	TAP_CHECK(!strcmp(STR(macro), expected), "%s names %s (is %s)", #macro, expected, STR(macro))

int main(void)
{
	TAP_CHECK(sizeof(ISCSI_TARGET_PORTAL) == 1026, "ISCSI_TARGET_PORTAL is the W layout");
	TAP_CHECK(sizeof(ISCSI_TARGET_PORTAL_INFO) == 1544, "ISCSI_TARGET_PORTAL_INFO is the W layout");
	TAP_CHECK(sizeof(ISCSI_DEVICE_ON_SESSION) == 2040, "ISCSI_DEVICE_ON_SESSION is the W layout");
	TAP_CHECK(sizeof(*((PISCSI_SESSION_INFO)0)->TargetName) == sizeof(WCHAR),
		  "ISCSI_SESSION_INFO strings are WCHAR");
	SPELLING(GetIScsiInitiatorNodeName, "GetIScsiInitiatorNodeNameW");
	SPELLING(GetIscsiInitiatorNodeName, "GetIScsiInitiatorNodeNameW");
	SPELLING(SetIScsiInitiatorNodeName, "SetIScsiInitiatorNodeNameW");
	SPELLING(AddIScsiConnection, "AddIScsiConnectionW");
	SPELLING(AddIscsiConnection, "AddIScsiConnectionW");
	SPELLING(AddIscsiConnectionA, "AddIScsiConnectionA");
	SPELLING(LoginIScsiTarget, "LoginIScsiTargetW");
	SPELLING(GetDevicesForIscsiSession, "GetDevicesForIScsiSessionW");
	SPELLING(ReportIScsiSendTargetPortals, "ReportIScsiSendTargetPortalsW");
	SPELLING(RemoveIScsiSendTargetPortal, "RemoveIScsiSendTargetPortalW");
	return tap_done();
}
