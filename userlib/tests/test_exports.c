// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The shared library's dynamic symbols: every implemented function is
 * exported under version LIBISCSIDSC_1 (the node database under
 * ISCSI_MCS_PRIVATE), while functions that are only
 * declared, and the library's internals, are absent, so that a program
 * using an unimplemented function fails to link instead of misbehaving.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "iscsidsc.h"
#include "tap.h"

static const char *const implemented[] = {
	"GetIScsiVersionInformation",
	"GetIScsiInitiatorNodeNameA",
	"GetIScsiInitiatorNodeNameW",
	"SetIScsiInitiatorNodeNameA",
	"SetIScsiInitiatorNodeNameW",
	"SetIScsiInitiatorCHAPSharedSecret",
	"LoginIScsiTargetA",
	"LoginIScsiTargetW",
	"LogoutIScsiTarget",
	"AddIScsiConnectionA",
	"AddIScsiConnectionW",
	"RemoveIScsiConnection",
	"GetIScsiSessionListA",
	"GetIScsiSessionListW",
	"GetIScsiSessionListEx",
	"GetDevicesForIScsiSessionA",
	"GetDevicesForIScsiSessionW",
	"AddIScsiSendTargetPortalA",
	"AddIScsiSendTargetPortalW",
	"RemoveIScsiSendTargetPortalA",
	"RemoveIScsiSendTargetPortalW",
	"RefreshIScsiSendTargetPortalA",
	"RefreshIScsiSendTargetPortalW",
	"ReportIScsiSendTargetPortalsA",
	"ReportIScsiSendTargetPortalsW",
	"ReportIScsiSendTargetPortalsExA",
	"ReportIScsiSendTargetPortalsExW",
	"ReportIScsiTargetsA",
	"ReportIScsiTargetsW",
	"IScsiMcsGetModuleInfo",
	"IScsiMcsGetConfig",
	"IScsiMcsSetConfig",
	"IScsiMcsLastErrorText",
	"IScsiMcsStatusName",
	"IScsiMcsSetSessionPolicy",
	"IScsiMcsSetConnectionPolicy",
	"IScsiMcsLoginIScsiTarget",
	"AddIScsiStaticTargetA",
	"AddIScsiStaticTargetW",
	"RemoveIScsiStaticTargetA",
	"RemoveIScsiStaticTargetW",
	"ReportIScsiTargetPortalsA",
	"ReportIScsiTargetPortalsW",
	"ReportIScsiInitiatorListA",
	"ReportIScsiInitiatorListW",
	"ReportIScsiPersistentLoginsA",
	"ReportIScsiPersistentLoginsW",
	"RemoveIScsiPersistentTargetA",
	"RemoveIScsiPersistentTargetW",
	"SetIScsiIKEInfoA",
	"SetIScsiIKEInfoW",
	"GetIScsiIKEInfoA",
	"GetIScsiIKEInfoW",
	"SetIScsiGroupPresharedKey",
	"SetIScsiTunnelModeOuterAddressA",
	"SetIScsiTunnelModeOuterAddressW",
	"AddRadiusServerA",
	"AddRadiusServerW",
	"RemoveRadiusServerA",
	"RemoveRadiusServerW",
	"ReportRadiusServerListA",
	"ReportRadiusServerListW",
	"SetIScsiInitiatorRADIUSSharedSecret",
	"GetIScsiTargetInformationA",
	"GetIScsiTargetInformationW",
	"ReportActiveIScsiTargetMappingsA",
	"ReportActiveIScsiTargetMappingsW",
	"SendScsiInquiry",
	"SendScsiReadCapacity",
	"SendScsiReportLuns",
	"AddPersistentIScsiDeviceA",
	"AddPersistentIScsiDeviceW",
	"RemovePersistentIScsiDeviceA",
	"RemovePersistentIScsiDeviceW",
	"ClearPersistentIScsiDevices",
	"ReportPersistentIScsiDevicesA",
	"ReportPersistentIScsiDevicesW",
};

/* mcsadm's private access to the node database (iscsidsc/nodedb.h). */
static const char *const private_api[] = {
	"iscsi_mcs_rec_new", "iscsi_mcs_rec_parse", "iscsi_mcs_rec_format",
	"iscsi_mcs_node_read", "iscsi_mcs_node_write", "iscsi_mcs_node_list",
	"iscsi_mcs_node_delete", "iscsi_mcs_st_write", "iscsi_mcs_iface_list",
};

static const char *const declared_only[] = {
	/* generic and alternate spellings are macros, never symbols */
	"GetIScsiInitiatorNodeName", "AddIscsiConnectionA", "LoginIScsiTarget",
	"LoginIscsiTargetA", "GetIScsiSessionList", "SetIscsiInitiatorCHAPSharedSecret",
	"GetIScsiTargetInformation", "GetIscsiTargetInformationA",
	"ReportActiveIScsiTargetMappings", "AddPersistentIscsiDeviceA", "ReportPersistentIScsiDevices",
};

static const char *const internals[] = {
	"isdsc_fail", "isdsc_error_clear", "isdsc_nl_open", "isdsc_nl_transact",
	"isdsc_mcs_call", "isdsc_utf16_to_utf8", "isdsc_utf8_to_utf16",
	"isdsc_iscsi_name_check", "isdsc_iname_read", "isdsc_status_from_errno",
	"isdsc_config_parse", "isdsc_module_parse", "isdsc_session_parse",
	"isdsc_session_pack", "isdsc_login_check", "isdsc_login_put", "isdsc_port_lookup",
	"isdsc_secret_read", "isdsc_id_to_unique", "isdsc_status_from_login_refusal",
	"isdsc_conn_add_check", "isdsc_status_from_conn_add_refusal", "isdsc_login_convert_w",
	"isdsc_args_set_portalA", "isdsc_args_set_portalW", "isdsc_send_target_check",
	"isdsc_devices_of_host", "isdsc_st_parse", "isdsc_st_format", "isdsc_discover_parse",
	"isdsc_multi_sz", "isdsc_status_from_discover_refusal", "isdsc_persist_save",
	"isdsc_target_info", "isdsc_active_mappings", "isdsc_mappings_collect",
	"isdsc_persist_options", "isdsc_rec_num", "isdsc_scsi_send", "isdsc_sg_io",
	"isdsc_pdev_load", "isdsc_pdev_check", "isdsc_session_set_check", "isdsc_conn_set_check",
	"isdsc_status_from_session_set_refusal", "isdsc_conn_which_unknown",
};

int main(void)
{
	const char *file = __FILE__;	/* tests/test_exports.c, relative to userlib */
	const char *slash = strrchr(file, '/');
	const CHAR *(*status_name)(ISDSC_STATUS);
	char so[512];
	void *lib;

	snprintf(so, sizeof(so), "%.*s/../build/libiscsidsc.so.1",
		 slash ? (int)(slash - file) : 1, slash ? file : ".");
	lib = dlopen(so, RTLD_NOW | RTLD_LOCAL);
	TAP_CHECK(lib != NULL, "dlopen %s (%s)", so, lib ? "ok" : dlerror());
	if (!lib)
		return tap_done();

	for (size_t i = 0; i < sizeof(implemented) / sizeof(implemented[0]); i++)
		TAP_CHECK(dlvsym(lib, implemented[i], "LIBISCSIDSC_1") != NULL,
			  "%s is exported as %s@LIBISCSIDSC_1", implemented[i], implemented[i]);
	for (size_t i = 0; i < sizeof(private_api) / sizeof(private_api[0]); i++)
		TAP_CHECK(dlvsym(lib, private_api[i], "ISCSI_MCS_PRIVATE") != NULL &&
			  dlvsym(lib, private_api[i], "LIBISCSIDSC_1") == NULL,
			  "%s is exported only as %s@ISCSI_MCS_PRIVATE", private_api[i],
			  private_api[i]);
	for (size_t i = 0; i < sizeof(declared_only) / sizeof(declared_only[0]); i++)
		TAP_CHECK(dlsym(lib, declared_only[i]) == NULL, "%s is not exported", declared_only[i]);
	for (size_t i = 0; i < sizeof(internals) / sizeof(internals[0]); i++)
		TAP_CHECK(dlsym(lib, internals[i]) == NULL, "internal %s is hidden", internals[i]);

	*(void **)&status_name = dlsym(lib, "IScsiMcsStatusName");
	TAP_CHECK(status_name && status_name(ISDSC_SERVICE_NOT_RUNNING) &&
		  !strcmp(status_name(ISDSC_SERVICE_NOT_RUNNING), "ISDSC_SERVICE_NOT_RUNNING"),
		  "a function called through the shared library works");
	dlclose(lib);
	return tap_done();
}
