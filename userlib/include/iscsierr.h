/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Status codes of the iSCSI discovery API, with the values and names of the
 * Windows SDK's iscsierr.h, plus the Win32 error codes libiscsidsc returns.
 *
 * Every function of the API returns an ISDSC_STATUS: ERROR_SUCCESS (0), a
 * Win32 ERROR_* code, or one of the ISDSC_* codes below. ISDSC codes follow
 * the NTSTATUS-style layout: bits 31-30 severity, bit 29 "customer" flag,
 * bits 27-16 facility 0xFFF, bits 15-0 the code. All are errors (0xE...)
 * except three warnings (0xA...), which ISDSC_IS_WARNING() recognises.
 */
#ifndef _ISCSIERR_
#define _ISCSIERR_

#include "iscsidsc_wintypes.h"

#ifndef ISDSC_STATUS_DEFINED
#define ISDSC_STATUS_DEFINED
typedef ULONG ISDSC_STATUS;
#endif

#ifndef STATUS_SEVERITY_SUCCESS
#define STATUS_SEVERITY_SUCCESS		0x0
#define STATUS_SEVERITY_INFORMATIONAL	0x1
#define STATUS_SEVERITY_WARNING		0x2
#define STATUS_SEVERITY_ERROR		0x3
#endif

/* Severity of an ISDSC_* code (one of STATUS_SEVERITY_*). */
#define ISDSC_SEVERITY(status)		(((ULONG)(status) >> 30) & 0x3)
/* ISDSC codes live in facility 0xFFF with the customer bit set. */
#define ISDSC_IS_ISDSC_CODE(status)	((((ULONG)(status)) & 0x2FFF0000u) == 0x2FFF0000u)
#define ISDSC_IS_WARNING(status)	(ISDSC_IS_ISDSC_CODE(status) && \
					 ISDSC_SEVERITY(status) == STATUS_SEVERITY_WARNING)

/* General failures of a login or of the initiator's node. */
#define ISDSC_NON_SPECIFIC_ERROR                     ((ISDSC_STATUS)0xEFFF0001u)
#define ISDSC_LOGIN_FAILED                           ((ISDSC_STATUS)0xEFFF0002u)
#define ISDSC_CONNECTION_FAILED                      ((ISDSC_STATUS)0xEFFF0003u)
#define ISDSC_INITIATOR_NODE_ALREADY_EXISTS          ((ISDSC_STATUS)0xEFFF0004u)
#define ISDSC_INITIATOR_NODE_NOT_FOUND               ((ISDSC_STATUS)0xEFFF0005u)

/*
 * One code per iSCSI login response status (RFC 7143 section 11.13.5), in
 * the order of the class/detail values 0x0101, 0x0102, 0x0200-0x0209 and
 * 0x0300-0x0302. The SDK has no code of its own for 0x020a and 0x020b.
 */
#define ISDSC_TARGET_MOVED_TEMPORARILY               ((ISDSC_STATUS)0xEFFF0006u)
#define ISDSC_TARGET_MOVED_PERMANENTLY               ((ISDSC_STATUS)0xEFFF0007u)
#define ISDSC_INITIATOR_ERROR                        ((ISDSC_STATUS)0xEFFF0008u)
#define ISDSC_AUTHENTICATION_FAILURE                 ((ISDSC_STATUS)0xEFFF0009u)
#define ISDSC_AUTHORIZATION_FAILURE                  ((ISDSC_STATUS)0xEFFF000Au)
#define ISDSC_NOT_FOUND                              ((ISDSC_STATUS)0xEFFF000Bu)
#define ISDSC_TARGET_REMOVED                         ((ISDSC_STATUS)0xEFFF000Cu)
#define ISDSC_UNSUPPORTED_VERSION                    ((ISDSC_STATUS)0xEFFF000Du)
#define ISDSC_TOO_MANY_CONNECTIONS                   ((ISDSC_STATUS)0xEFFF000Eu)
#define ISDSC_MISSING_PARAMETER                      ((ISDSC_STATUS)0xEFFF000Fu)
#define ISDSC_CANT_INCLUDE_IN_SESSION                ((ISDSC_STATUS)0xEFFF0010u)
#define ISDSC_SESSION_TYPE_NOT_SUPPORTED             ((ISDSC_STATUS)0xEFFF0011u)
#define ISDSC_TARGET_ERROR                           ((ISDSC_STATUS)0xEFFF0012u)
#define ISDSC_SERVICE_UNAVAILABLE                    ((ISDSC_STATUS)0xEFFF0013u)
#define ISDSC_OUT_OF_RESOURCES                       ((ISDSC_STATUS)0xEFFF0014u)

/* Initiator state and driver problems. */
#define ISDSC_CONNECTION_ALREADY_EXISTS              ((ISDSC_STATUS)0xEFFF0015u)
#define ISDSC_SESSION_ALREADY_EXISTS                 ((ISDSC_STATUS)0xEFFF0016u)
#define ISDSC_INITIATOR_INSTANCE_NOT_FOUND           ((ISDSC_STATUS)0xEFFF0017u)
#define ISDSC_TARGET_ALREADY_EXISTS                  ((ISDSC_STATUS)0xEFFF0018u)
#define ISDSC_DRIVER_BUG                             ((ISDSC_STATUS)0xEFFF0019u)
#define ISDSC_INVALID_TEXT_KEY                       ((ISDSC_STATUS)0xEFFF001Au)
#define ISDSC_INVALID_SENDTARGETS_TEXT               ((ISDSC_STATUS)0xEFFF001Bu)
#define ISDSC_INVALID_SESSION_ID                     ((ISDSC_STATUS)0xEFFF001Cu)
#define ISDSC_SCSI_REQUEST_FAILED                    ((ISDSC_STATUS)0xEFFF001Du)
#define ISDSC_TOO_MANY_SESSIONS                      ((ISDSC_STATUS)0xEFFF001Eu)
#define ISDSC_SESSION_BUSY                           ((ISDSC_STATUS)0xEFFF001Fu)
#define ISDSC_TARGET_MAPPING_UNAVAILABLE             ((ISDSC_STATUS)0xEFFF0020u)
#define ISDSC_ADDRESS_TYPE_NOT_SUPPORTED             ((ISDSC_STATUS)0xEFFF0021u)
#define ISDSC_LOGON_FAILED                           ((ISDSC_STATUS)0xEFFF0022u)
#define ISDSC_SEND_FAILED                            ((ISDSC_STATUS)0xEFFF0023u)
#define ISDSC_TRANSPORT_ERROR                        ((ISDSC_STATUS)0xEFFF0024u)
#define ISDSC_VERSION_MISMATCH                       ((ISDSC_STATUS)0xEFFF0025u)
#define ISDSC_TARGET_MAPPING_OUT_OF_RANGE            ((ISDSC_STATUS)0xEFFF0026u)
#define ISDSC_TARGET_PRESHAREDKEY_UNAVAILABLE        ((ISDSC_STATUS)0xEFFF0027u)
#define ISDSC_TARGET_AUTHINFO_UNAVAILABLE            ((ISDSC_STATUS)0xEFFF0028u)
#define ISDSC_TARGET_NOT_FOUND                       ((ISDSC_STATUS)0xEFFF0029u)

/* Configuration, IPsec and discovery. */
#define ISDSC_LOGIN_USER_INFO_BAD                    ((ISDSC_STATUS)0xEFFF002Au)
#define ISDSC_TARGET_MAPPING_EXISTS                  ((ISDSC_STATUS)0xEFFF002Bu)
#define ISDSC_HBA_SECURITY_CACHE_FULL                ((ISDSC_STATUS)0xEFFF002Cu)
#define ISDSC_INVALID_PORT_NUMBER                    ((ISDSC_STATUS)0xEFFF002Du)
#define ISDSC_OPERATION_NOT_ALL_SUCCESS              ((ISDSC_STATUS)0xAFFF002Eu)
#define ISDSC_HBA_SECURITY_CACHE_NOT_SUPPORTED       ((ISDSC_STATUS)0xEFFF002Fu)
#define ISDSC_IKE_ID_PAYLOAD_TYPE_NOT_SUPPORTED      ((ISDSC_STATUS)0xEFFF0030u)
#define ISDSC_IKE_ID_PAYLOAD_INCORRECT_SIZE          ((ISDSC_STATUS)0xEFFF0031u)
#define ISDSC_TARGET_PORTAL_ALREADY_EXISTS           ((ISDSC_STATUS)0xEFFF0032u)
#define ISDSC_TARGET_ADDRESS_ALREADY_EXISTS          ((ISDSC_STATUS)0xEFFF0033u)
#define ISDSC_NO_AUTH_INFO_AVAILABLE                 ((ISDSC_STATUS)0xEFFF0034u)
#define ISDSC_NO_TUNNEL_OUTER_MODE_ADDRESS           ((ISDSC_STATUS)0xEFFF0035u)
#define ISDSC_CACHE_CORRUPTED                        ((ISDSC_STATUS)0xEFFF0036u)
#define ISDSC_REQUEST_NOT_SUPPORTED                  ((ISDSC_STATUS)0xEFFF0037u)
#define ISDSC_TARGET_OUT_OF_RESORCES                 ((ISDSC_STATUS)0xEFFF0038u)
#define ISDSC_SERVICE_DID_NOT_RESPOND                ((ISDSC_STATUS)0xEFFF0039u)
#define ISDSC_ISNS_SERVER_NOT_FOUND                  ((ISDSC_STATUS)0xEFFF003Au)
#define ISDSC_OPERATION_REQUIRES_REBOOT              ((ISDSC_STATUS)0xAFFF003Bu)
#define ISDSC_NO_PORTAL_SPECIFIED                    ((ISDSC_STATUS)0xEFFF003Cu)
#define ISDSC_CANT_REMOVE_LAST_CONNECTION            ((ISDSC_STATUS)0xEFFF003Du)
#define ISDSC_SERVICE_NOT_RUNNING                    ((ISDSC_STATUS)0xEFFF003Eu)
#define ISDSC_TARGET_ALREADY_LOGGED_IN               ((ISDSC_STATUS)0xEFFF003Fu)
#define ISDSC_DEVICE_BUSY_ON_SESSION                 ((ISDSC_STATUS)0xEFFF0040u)
#define ISDSC_COULD_NOT_SAVE_PERSISTENT_LOGIN_DATA   ((ISDSC_STATUS)0xEFFF0041u)
#define ISDSC_COULD_NOT_REMOVE_PERSISTENT_LOGIN_DATA ((ISDSC_STATUS)0xEFFF0042u)
#define ISDSC_PORTAL_NOT_FOUND                       ((ISDSC_STATUS)0xEFFF0043u)
#define ISDSC_INITIATOR_NOT_FOUND                    ((ISDSC_STATUS)0xEFFF0044u)
#define ISDSC_DISCOVERY_MECHANISM_NOT_FOUND          ((ISDSC_STATUS)0xEFFF0045u)
#define ISDSC_IPSEC_NOT_SUPPORTED_ON_OS              ((ISDSC_STATUS)0xEFFF0046u)
#define ISDSC_PERSISTENT_LOGIN_TIMEOUT               ((ISDSC_STATUS)0xEFFF0047u)
#define ISDSC_SHORT_CHAP_SECRET                      ((ISDSC_STATUS)0xAFFF0048u)

/* Authentication and name checks. */
#define ISDSC_EVALUATION_PEROID_EXPIRED              ((ISDSC_STATUS)0xEFFF0049u)
#define ISDSC_INVALID_CHAP_SECRET                    ((ISDSC_STATUS)0xEFFF004Au)
#define ISDSC_INVALID_TARGET_CHAP_SECRET             ((ISDSC_STATUS)0xEFFF004Bu)
#define ISDSC_INVALID_INITIATOR_CHAP_SECRET          ((ISDSC_STATUS)0xEFFF004Cu)
#define ISDSC_INVALID_CHAP_USER_NAME                 ((ISDSC_STATUS)0xEFFF004Du)
#define ISDSC_INVALID_LOGON_AUTH_TYPE                ((ISDSC_STATUS)0xEFFF004Eu)
#define ISDSC_INVALID_TARGET_MAPPING                 ((ISDSC_STATUS)0xEFFF004Fu)
#define ISDSC_INVALID_TARGET_ID                      ((ISDSC_STATUS)0xEFFF0050u)
#define ISDSC_INVALID_ISCSI_NAME                     ((ISDSC_STATUS)0xEFFF0051u)
#define ISDSC_INCOMPATIBLE_ISNS_VERSION              ((ISDSC_STATUS)0xEFFF0052u)
#define ISDSC_FAILED_TO_CONFIGURE_IPSEC              ((ISDSC_STATUS)0xEFFF0053u)

/* Buffers, parameters, multipath policy and devices. */
#define ISDSC_BUFFER_TOO_SMALL                       ((ISDSC_STATUS)0xEFFF0054u)
#define ISDSC_INVALID_LOAD_BALANCE_POLICY            ((ISDSC_STATUS)0xEFFF0055u)
#define ISDSC_INVALID_PARAMETER                      ((ISDSC_STATUS)0xEFFF0056u)
#define ISDSC_DUPLICATE_PATH_SPECIFIED               ((ISDSC_STATUS)0xEFFF0057u)
#define ISDSC_PATH_COUNT_MISMATCH                    ((ISDSC_STATUS)0xEFFF0058u)
#define ISDSC_INVALID_PATH_ID                        ((ISDSC_STATUS)0xEFFF0059u)
#define ISDSC_MULTIPLE_PRIMARY_PATHS_SPECIFIED       ((ISDSC_STATUS)0xEFFF005Au)
#define ISDSC_NO_PRIMARY_PATH_SPECIFIED              ((ISDSC_STATUS)0xEFFF005Bu)
#define ISDSC_DEVICE_ALREADY_PERSISTENTLY_BOUND      ((ISDSC_STATUS)0xEFFF005Cu)
#define ISDSC_DEVICE_NOT_FOUND                       ((ISDSC_STATUS)0xEFFF005Du)
#define ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT         ((ISDSC_STATUS)0xEFFF005Eu)
#define ISDSC_DNS_NAME_UNRESOLVED                    ((ISDSC_STATUS)0xEFFF005Fu)
#define ISDSC_NO_CONNECTION_AVAILABLE                ((ISDSC_STATUS)0xEFFF0060u)
#define ISDSC_LB_POLICY_NOT_SUPPORTED                ((ISDSC_STATUS)0xEFFF0061u)
#define ISDSC_REMOVE_CONNECTION_IN_PROGRESS          ((ISDSC_STATUS)0xEFFF0062u)
#define ISDSC_INVALID_CONNECTION_ID                  ((ISDSC_STATUS)0xEFFF0063u)
#define ISDSC_CANNOT_REMOVE_LEADING_CONNECTION       ((ISDSC_STATUS)0xEFFF0064u)
#define ISDSC_RESTRICTED_BY_GROUP_POLICY             ((ISDSC_STATUS)0xEFFF0065u)
#define ISDSC_ISNS_FIREWALL_BLOCKED                  ((ISDSC_STATUS)0xEFFF0066u)
#define ISDSC_FAILURE_TO_PERSIST_LB_POLICY           ((ISDSC_STATUS)0xEFFF0067u)
#define ISDSC_INVALID_HOST                           ((ISDSC_STATUS)0xEFFF0068u)

/*
 * Win32 codes (winerror.h values) returned by libiscsidsc. Each is guarded
 * so that a program which already has winerror.h, or defines a few of
 * these itself, still compiles.
 */
#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS			0u
#endif
#ifndef ERROR_INVALID_FUNCTION
#define ERROR_INVALID_FUNCTION		1u
#endif
#ifndef ERROR_FILE_NOT_FOUND
#define ERROR_FILE_NOT_FOUND		2u
#endif
#ifndef ERROR_ACCESS_DENIED
#define ERROR_ACCESS_DENIED		5u
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY		8u
#endif
#ifndef ERROR_INVALID_DATA
#define ERROR_INVALID_DATA		13u
#endif
#ifndef ERROR_WRITE_PROTECT
#define ERROR_WRITE_PROTECT		19u
#endif
#ifndef ERROR_GEN_FAILURE
#define ERROR_GEN_FAILURE		31u
#endif
#ifndef ERROR_NOT_SUPPORTED
#define ERROR_NOT_SUPPORTED		50u
#endif
#ifndef ERROR_BAD_NETPATH
#define ERROR_BAD_NETPATH		53u
#endif
#ifndef ERROR_DEV_NOT_EXIST
#define ERROR_DEV_NOT_EXIST		55u
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER		87u
#endif
#ifndef ERROR_DISK_FULL
#define ERROR_DISK_FULL			112u
#endif
#ifndef ERROR_INSUFFICIENT_BUFFER
#define ERROR_INSUFFICIENT_BUFFER	122u
#endif
#ifndef ERROR_BUSY
#define ERROR_BUSY			170u
#endif
#ifndef ERROR_ALREADY_EXISTS
#define ERROR_ALREADY_EXISTS		183u
#endif
#ifndef ERROR_MORE_DATA
#define ERROR_MORE_DATA			234u
#endif
#ifndef ERROR_NO_MORE_ITEMS
#define ERROR_NO_MORE_ITEMS		259u
#endif
#ifndef ERROR_OPERATION_ABORTED
#define ERROR_OPERATION_ABORTED		995u
#endif
#ifndef ERROR_IO_DEVICE
#define ERROR_IO_DEVICE			1117u
#endif
#ifndef ERROR_NOT_FOUND
#define ERROR_NOT_FOUND			1168u
#endif
#ifndef ERROR_RETRY
#define ERROR_RETRY			1237u
#endif
#ifndef ERROR_TIMEOUT
#define ERROR_TIMEOUT			1460u
#endif

#endif /* _ISCSIERR_ */
