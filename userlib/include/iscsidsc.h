/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * libiscsidsc: the Windows iSCSI discovery API (iscsidsc.h) for Linux, on
 * top of the iscsi_mcs kernel module.
 *
 * Types, constants and function signatures follow the Windows SDK so that
 * code written against iscsidsc.h builds unchanged. Structure layouts are
 * those of 64-bit Windows and are checked at compile time below. Strings
 * of the "A" functions are UTF-8; those of the "W" functions UTF-16.
 *
 * Not every function declared here is implemented yet. A declared function
 * that the library does not export fails at link time, never at run time;
 * see libiscsidsc(3) for the current list.
 *
 * The Linux extensions at the end of this file are prefixed IScsiMcs /
 * ISDSC_MCS_ and have no Windows counterpart.
 */
#ifndef _ISCSI_ISCSIDSC_
#define _ISCSI_ISCSIDSC_

#include "iscsidsc_wintypes.h"
#include "iscsierr.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Limits and constants
 */

#define MAX_ISCSI_HBANAME_LEN		256
#define MAX_ISCSI_NAME_LEN		223	/* bytes, without the NUL */
#define MAX_ISCSI_ALIAS_LEN		255
#define MAX_ISCSI_PORTAL_NAME_LEN	256
#define MAX_ISCSI_PORTAL_ALIAS_LEN	256
#define MAX_ISCSI_TEXT_ADDRESS_LEN	256
#define MAX_ISCSI_PORTAL_ADDRESS_LEN	MAX_ISCSI_TEXT_ADDRESS_LEN
#define MAX_ISCSI_DISCOVERY_DOMAIN_LEN	256
#define MAX_RADIUS_ADDRESS_LEN		41

/* Initiator port numbers: "let the initiator choose" and "every port". */
#define ISCSI_ANY_INITIATOR_PORT	((ULONG)-1)
#define ISCSI_ALL_INITIATOR_PORTS	((ULONG)-1)

typedef ULONGLONG ISCSI_SECURITY_FLAGS, *PISCSI_SECURITY_FLAGS;

#define ISCSI_SECURITY_FLAG_VALID			0x00000001
#define ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED		0x00000002
#define ISCSI_SECURITY_FLAG_MAIN_MODE_ENABLED		0x00000004
#define ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED	0x00000008
#define ISCSI_SECURITY_FLAG_PFS_ENABLED			0x00000010
#define ISCSI_SECURITY_FLAG_TRANSPORT_MODE_PREFERRED	0x00000020
#define ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED	0x00000040

typedef ULONG ISCSI_LOGIN_OPTIONS_INFO_SPECIFIED, *PISCSI_LOGIN_OPTIONS_INFO_SPECIFIED;

/* Bits of ISCSI_LOGIN_OPTIONS.InformationSpecified: which members are set. */
#define ISCSI_LOGIN_OPTIONS_HEADER_DIGEST		0x00000001
#define ISCSI_LOGIN_OPTIONS_DATA_DIGEST			0x00000002
#define ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS		0x00000004
#define ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT		0x00000008
#define ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN	0x00000010
#define ISCSI_LOGIN_OPTIONS_USERNAME			0x00000020
#define ISCSI_LOGIN_OPTIONS_PASSWORD			0x00000040
#define ISCSI_LOGIN_OPTIONS_AUTH_TYPE			0x00000080

#define ISCSI_LOGIN_OPTIONS_VERSION			0x00000000

typedef ULONG ISCSI_LOGIN_FLAGS, *PISCSI_LOGIN_FLAGS;

#define ISCSI_LOGIN_FLAG_REQUIRE_IPSEC			0x00000001
#define ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED		0x00000002
#define ISCSI_LOGIN_FLAG_RESERVED1			0x00000004
#define ISCSI_LOGIN_FLAG_ALLOW_PORTAL_HOPPING		0x00000008
#define ISCSI_LOGIN_FLAG_USE_RADIUS_RESPONSE		0x00000010
#define ISCSI_LOGIN_FLAG_USE_RADIUS_VERIFICATION	0x00000020

typedef ULONG ISCSI_TARGET_FLAGS;

#define ISCSI_TARGET_FLAG_HIDE_STATIC_TARGET		0x00000002
#define ISCSI_TARGET_FLAG_MERGE_TARGET_INFORMATION	0x00000004

typedef enum {
	ISCSI_NO_AUTH_TYPE = 0,
	ISCSI_CHAP_AUTH_TYPE = 1,
	ISCSI_MUTUAL_CHAP_AUTH_TYPE = 2,
} ISCSI_AUTH_TYPES;

typedef enum {
	ISCSI_DIGEST_TYPE_NONE = 0,
	ISCSI_DIGEST_TYPE_CRC32C = 1,
} ISCSI_DIGEST_TYPES;

/* ------------------------------------------------------------------------
 * Structures
 */

/*
 * Opaque handle of a session; ISCSI_UNIQUE_CONNECTION_ID is the same type
 * for a connection. Compare both members to compare two identifiers.
 */
typedef struct _ISCSI_UNIQUE_SESSION_ID {
	ULONGLONG AdapterUnique;
	ULONGLONG AdapterSpecific;
} ISCSI_UNIQUE_SESSION_ID, *PISCSI_UNIQUE_SESSION_ID,
  ISCSI_UNIQUE_CONNECTION_ID, *PISCSI_UNIQUE_CONNECTION_ID;

typedef struct {
	ULONG Version;				/* ISCSI_LOGIN_OPTIONS_VERSION */
	ISCSI_LOGIN_OPTIONS_INFO_SPECIFIED InformationSpecified;
	ISCSI_LOGIN_FLAGS LoginFlags;
	ISCSI_AUTH_TYPES AuthType;
	ISCSI_DIGEST_TYPES HeaderDigest;
	ISCSI_DIGEST_TYPES DataDigest;
	ULONG MaximumConnections;
	ULONG DefaultTime2Wait;
	ULONG DefaultTime2Retain;
	ULONG UsernameLength;
	ULONG PasswordLength;
	PUCHAR Username;			/* not NUL-terminated */
	PUCHAR Password;			/* not NUL-terminated */
} ISCSI_LOGIN_OPTIONS, *PISCSI_LOGIN_OPTIONS,
  *PSCSI_LOGIN_OPTIONS, *PISCI_LOGIN_OPTIONS;	/* SDK's alternate spellings */

typedef struct {
	CHAR SymbolicName[MAX_ISCSI_PORTAL_NAME_LEN];
	CHAR Address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT Socket;
} ISCSI_TARGET_PORTALA, *PISCSI_TARGET_PORTALA;

typedef struct {
	WCHAR SymbolicName[MAX_ISCSI_PORTAL_NAME_LEN];
	WCHAR Address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT Socket;
} ISCSI_TARGET_PORTALW, *PISCSI_TARGET_PORTALW;

typedef struct {
	ULONG Count;
	ISCSI_TARGET_PORTALA Portals[1];	/* Count elements */
} ISCSI_TARGET_PORTAL_GROUPA, *PISCSI_TARGET_PORTAL_GROUPA;

typedef struct {
	ULONG Count;
	ISCSI_TARGET_PORTALW Portals[1];	/* Count elements */
} ISCSI_TARGET_PORTAL_GROUPW, *PISCSI_TARGET_PORTAL_GROUPW;

typedef struct {
	CHAR InitiatorName[MAX_ISCSI_HBANAME_LEN];
	ULONG InitiatorPortNumber;
	CHAR SymbolicName[MAX_ISCSI_PORTAL_NAME_LEN];
	CHAR Address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT Socket;
} ISCSI_TARGET_PORTAL_INFOA, *PISCSI_TARGET_PORTAL_INFOA;

typedef struct {
	WCHAR InitiatorName[MAX_ISCSI_HBANAME_LEN];
	ULONG InitiatorPortNumber;
	WCHAR SymbolicName[MAX_ISCSI_PORTAL_NAME_LEN];
	WCHAR Address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT Socket;
} ISCSI_TARGET_PORTAL_INFOW, *PISCSI_TARGET_PORTAL_INFOW;

typedef struct {
	CHAR InitiatorName[MAX_ISCSI_HBANAME_LEN];
	ULONG InitiatorPortNumber;
	CHAR SymbolicName[MAX_ISCSI_PORTAL_NAME_LEN];
	CHAR Address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT Socket;
	ISCSI_SECURITY_FLAGS SecurityFlags;
	ISCSI_LOGIN_OPTIONS LoginOptions;
} ISCSI_TARGET_PORTAL_INFO_EXA, *PISCSI_TARGET_PORTAL_INFO_EXA;

typedef struct {
	WCHAR InitiatorName[MAX_ISCSI_HBANAME_LEN];
	ULONG InitiatorPortNumber;
	WCHAR SymbolicName[MAX_ISCSI_PORTAL_NAME_LEN];
	WCHAR Address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT Socket;
	ISCSI_SECURITY_FLAGS SecurityFlags;
	ISCSI_LOGIN_OPTIONS LoginOptions;
} ISCSI_TARGET_PORTAL_INFO_EXW, *PISCSI_TARGET_PORTAL_INFO_EXW;

typedef struct {
	ULONG OSLUN;
	ULONGLONG TargetLUN;
} SCSI_LUN_LIST, *PSCSI_LUN_LIST;

typedef struct {
	CHAR InitiatorName[MAX_ISCSI_HBANAME_LEN];
	CHAR TargetName[MAX_ISCSI_NAME_LEN + 1];
	CHAR OSDeviceName[MAX_PATH];
	ISCSI_UNIQUE_SESSION_ID SessionId;
	ULONG OSBusNumber;
	ULONG OSTargetNumber;
	ULONG LUNCount;
	PSCSI_LUN_LIST LUNList;
} ISCSI_TARGET_MAPPINGA, *PISCSI_TARGET_MAPPINGA;

typedef struct {
	WCHAR InitiatorName[MAX_ISCSI_HBANAME_LEN];
	WCHAR TargetName[MAX_ISCSI_NAME_LEN + 1];
	WCHAR OSDeviceName[MAX_PATH];
	ISCSI_UNIQUE_SESSION_ID SessionId;
	ULONG OSBusNumber;
	ULONG OSTargetNumber;
	ULONG LUNCount;
	PSCSI_LUN_LIST LUNList;
} ISCSI_TARGET_MAPPINGW, *PISCSI_TARGET_MAPPINGW;

/*
 * Session and connection lists: the string members point into the buffer
 * the caller passed to GetIScsiSessionList, after the array of structures.
 */
typedef struct {
	ISCSI_UNIQUE_CONNECTION_ID ConnectionId;
	PCHAR InitiatorAddress;
	PCHAR TargetAddress;
	USHORT InitiatorSocket;
	USHORT TargetSocket;
	UCHAR CID[2];
} ISCSI_CONNECTION_INFOA, *PISCSI_CONNECTION_INFOA;

typedef struct {
	ISCSI_UNIQUE_CONNECTION_ID ConnectionId;
	PWCHAR InitiatorAddress;
	PWCHAR TargetAddress;
	USHORT InitiatorSocket;
	USHORT TargetSocket;
	UCHAR CID[2];
} ISCSI_CONNECTION_INFOW, *PISCSI_CONNECTION_INFOW;

typedef struct {
	ISCSI_UNIQUE_SESSION_ID SessionId;
	PCHAR InitiatorName;
	PCHAR TargetNodeName;
	PCHAR TargetName;
	UCHAR ISID[6];
	UCHAR TSID[2];
	ULONG ConnectionCount;
	PISCSI_CONNECTION_INFOA Connections;
} ISCSI_SESSION_INFOA, *PISCSI_SESSION_INFOA;

typedef struct {
	ISCSI_UNIQUE_SESSION_ID SessionId;
	PWCHAR InitiatorName;
	PWCHAR TargetNodeName;
	PWCHAR TargetName;
	UCHAR ISID[6];
	UCHAR TSID[2];
	ULONG ConnectionCount;
	PISCSI_CONNECTION_INFOW Connections;
} ISCSI_SESSION_INFOW, *PISCSI_SESSION_INFOW;

/* Negotiated parameters, as GetIScsiSessionListEx reports them. */
typedef struct {
	ISCSI_UNIQUE_CONNECTION_ID ConnectionId;
	UCHAR State;
	UCHAR Protocol;
	UCHAR HeaderDigest;
	UCHAR DataDigest;
	ULONG MaxRecvDataSegmentLength;
	ISCSI_AUTH_TYPES AuthType;
	ULONGLONG EstimatedThroughput;
	ULONG MaxDatagramSize;
} ISCSI_CONNECTION_INFO_EX, *PISCSI_CONNECTION_INFO_EX;

typedef struct {
	ISCSI_UNIQUE_SESSION_ID SessionId;
	BOOLEAN InitialR2t;
	BOOLEAN ImmediateData;
	UCHAR Type;
	BOOLEAN DataSequenceInOrder;
	BOOLEAN DataPduInOrder;
	UCHAR ErrorRecoveryLevel;
	ULONG MaxOutstandingR2t;
	ULONG FirstBurstLength;
	ULONG MaxBurstLength;
	ULONG MaximumConnections;
	ULONG ConnectionCount;
	PISCSI_CONNECTION_INFO_EX Connections;
} ISCSI_SESSION_INFO_EX, *PISCSI_SESSION_INFO_EX;

/* ntddscsi.h / winioctl.h types used by ISCSI_DEVICE_ON_SESSION. */
#ifndef ISDSC_HAVE_SCSI_ADDRESS
#define ISDSC_HAVE_SCSI_ADDRESS
typedef struct _SCSI_ADDRESS {
	ULONG Length;
	UCHAR PortNumber;	/* Linux: SCSI host number */
	UCHAR PathId;		/* channel */
	UCHAR TargetId;
	UCHAR Lun;
} SCSI_ADDRESS, *PSCSI_ADDRESS;
#endif

#ifndef ISDSC_HAVE_STORAGE_DEVICE_NUMBER
#define ISDSC_HAVE_STORAGE_DEVICE_NUMBER
typedef ULONG DEVICE_TYPE;
typedef struct _STORAGE_DEVICE_NUMBER {
	DEVICE_TYPE DeviceType;
	ULONG DeviceNumber;
	ULONG PartitionNumber;
} STORAGE_DEVICE_NUMBER, *PSTORAGE_DEVICE_NUMBER;
#endif

/* winioctl.h's device types that GetDevicesForIScsiSession reports. */
#ifndef FILE_DEVICE_CD_ROM
#define FILE_DEVICE_CD_ROM		0x00000002
#endif
#ifndef FILE_DEVICE_CONTROLLER
#define FILE_DEVICE_CONTROLLER		0x00000004
#endif
#ifndef FILE_DEVICE_DISK
#define FILE_DEVICE_DISK		0x00000007
#endif
#ifndef FILE_DEVICE_TAPE
#define FILE_DEVICE_TAPE		0x0000001f
#endif
#ifndef FILE_DEVICE_CHANGER
#define FILE_DEVICE_CHANGER		0x00000030
#endif

typedef struct {
	CHAR InitiatorName[MAX_ISCSI_HBANAME_LEN];
	CHAR TargetName[MAX_ISCSI_NAME_LEN + 1];
	SCSI_ADDRESS ScsiAddress;
	GUID DeviceInterfaceType;
	CHAR DeviceInterfaceName[MAX_PATH];
	CHAR LegacyName[MAX_PATH];
	STORAGE_DEVICE_NUMBER StorageDeviceNumber;
	DWORD DeviceInstance;
} ISCSI_DEVICE_ON_SESSIONA, *PISCSI_DEVICE_ON_SESSIONA;

typedef struct {
	WCHAR InitiatorName[MAX_ISCSI_HBANAME_LEN];
	WCHAR TargetName[MAX_ISCSI_NAME_LEN + 1];
	SCSI_ADDRESS ScsiAddress;
	GUID DeviceInterfaceType;
	WCHAR DeviceInterfaceName[MAX_PATH];
	WCHAR LegacyName[MAX_PATH];
	STORAGE_DEVICE_NUMBER StorageDeviceNumber;
	DWORD DeviceInstance;
} ISCSI_DEVICE_ON_SESSIONW, *PISCSI_DEVICE_ON_SESSIONW;


/* A login the system makes at every boot (a node.startup = automatic record). */
typedef struct {
	CHAR TargetName[MAX_ISCSI_NAME_LEN + 1];
	BOOLEAN IsInformationalSession;
	CHAR InitiatorInstance[MAX_ISCSI_HBANAME_LEN];
	ULONG InitiatorPortNumber;
	ISCSI_TARGET_PORTALA TargetPortal;
	ISCSI_SECURITY_FLAGS SecurityFlags;
	PISCSI_TARGET_MAPPINGA Mappings;
	ISCSI_LOGIN_OPTIONS LoginOptions;
} PERSISTENT_ISCSI_LOGIN_INFOA, *PPERSISTENT_ISCSI_LOGIN_INFOA;

typedef struct {
	WCHAR TargetName[MAX_ISCSI_NAME_LEN + 1];
	BOOLEAN IsInformationalSession;
	WCHAR InitiatorInstance[MAX_ISCSI_HBANAME_LEN];
	ULONG InitiatorPortNumber;
	ISCSI_TARGET_PORTALW TargetPortal;
	ISCSI_SECURITY_FLAGS SecurityFlags;
	PISCSI_TARGET_MAPPINGW Mappings;
	ISCSI_LOGIN_OPTIONS LoginOptions;
} PERSISTENT_ISCSI_LOGIN_INFOW, *PPERSISTENT_ISCSI_LOGIN_INFOW;

/* IKE (IPsec) authentication: declared for the not-supported functions. */
typedef enum {
	IKE_AUTHENTICATION_PRESHARED_KEY_METHOD = 1,
} IKE_AUTHENTICATION_METHOD, *PIKE_AUTHENTICATION_METHOD;

typedef struct _IKE_AUTHENTICATION_PRESHARED_KEY {
	ISCSI_SECURITY_FLAGS SecurityFlags;
	UCHAR IdType;
	ULONG IdLengthInBytes;
	PUCHAR Id;
	ULONG KeyLengthInBytes;
	PUCHAR Key;
} IKE_AUTHENTICATION_PRESHARED_KEY, *PIKE_AUTHENTICATION_PRESHARED_KEY;

typedef struct _IKE_AUTHENTICATION_INFORMATION {
	IKE_AUTHENTICATION_METHOD AuthMethod;
	union {
		IKE_AUTHENTICATION_PRESHARED_KEY PsKey;
	};
} IKE_AUTHENTICATION_INFORMATION, *PIKE_AUTHENTICATION_INFORMATION;

/* What GetIScsiTargetInformation reports (one class a call). */
typedef enum {
	ISCSI_TCP_PROTOCOL_TYPE = 0,
} TARGETPROTOCOLTYPE, *PTARGETPROTOCOLTYPE;

typedef enum {
	ProtocolType = 0,		/* TARGETPROTOCOLTYPE */
	TargetAlias = 1,		/* string */
	DiscoveryMechanisms = 2,	/* strings, ended by an extra NUL */
	PortalGroups = 3,		/* ULONG count, then 4-aligned portal groups */
	PersistentTargetMappings = 4,	/* ULONG count, then ISCSI_TARGET_MAPPINGs */
	InitiatorName = 5,		/* string */
	TargetFlags = 6,		/* ISCSI_TARGET_FLAGS */
	LoginOptions = 7,		/* ISCSI_LOGIN_OPTIONS */
} TARGET_INFORMATION_CLASS, *PTARGET_INFORMATION_CLASS;

typedef struct {
	ULONG MajorVersion;
	ULONG MinorVersion;
	ULONG BuildNumber;
} ISCSI_VERSION_INFO, *PISCSI_VERSION_INFO;

/* ------------------------------------------------------------------------
 * Layout checks. These are the sizes and offsets of the 64-bit Windows
 * SDK; a mismatch means the basic types above were redefined with other
 * widths, and binary compatibility with SDK-shaped data would be lost.
 */

#ifdef __cplusplus
#define ISDSC_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define ISDSC_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif
#define ISDSC_CHECK_SIZE(type, size) \
	ISDSC_STATIC_ASSERT(sizeof(type) == (size), "sizeof(" #type ") != " #size)
#define ISDSC_CHECK_OFFSET(type, member, off) \
	ISDSC_STATIC_ASSERT(offsetof(type, member) == (off), \
			    "offsetof(" #type ", " #member ") != " #off)

ISDSC_CHECK_SIZE(ULONG, 4);
ISDSC_CHECK_SIZE(DWORD, 4);
ISDSC_CHECK_SIZE(USHORT, 2);
ISDSC_CHECK_SIZE(WCHAR, 2);
ISDSC_CHECK_SIZE(BOOLEAN, 1);
ISDSC_CHECK_SIZE(ULONGLONG, 8);
ISDSC_CHECK_SIZE(ISDSC_STATUS, 4);
ISDSC_CHECK_SIZE(GUID, 16);
ISDSC_CHECK_SIZE(SCSI_ADDRESS, 8);
ISDSC_CHECK_SIZE(STORAGE_DEVICE_NUMBER, 12);

ISDSC_CHECK_SIZE(ISCSI_UNIQUE_SESSION_ID, 16);
ISDSC_CHECK_OFFSET(ISCSI_UNIQUE_SESSION_ID, AdapterSpecific, 8);
ISDSC_CHECK_SIZE(ISCSI_VERSION_INFO, 12);
ISDSC_CHECK_SIZE(TARGETPROTOCOLTYPE, 4);
ISDSC_CHECK_SIZE(TARGET_INFORMATION_CLASS, 4);
ISDSC_CHECK_SIZE(ISCSI_TARGET_PORTALA, 514);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTALA, Address, 256);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTALA, Socket, 512);
ISDSC_CHECK_SIZE(ISCSI_TARGET_PORTALW, 1026);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTALW, Address, 512);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTALW, Socket, 1024);
ISDSC_CHECK_SIZE(ISCSI_TARGET_PORTAL_GROUPA, 520);
ISDSC_CHECK_SIZE(ISCSI_TARGET_PORTAL_GROUPW, 1032);
ISDSC_CHECK_SIZE(ISCSI_TARGET_PORTAL_INFOA, 776);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTAL_INFOA, InitiatorPortNumber, 256);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTAL_INFOA, Socket, 772);
ISDSC_CHECK_SIZE(ISCSI_TARGET_PORTAL_INFOW, 1544);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTAL_INFOW, InitiatorPortNumber, 512);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTAL_INFOW, Socket, 1540);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTAL_INFO_EXA, SecurityFlags, 776);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTAL_INFO_EXW, SecurityFlags, 1544);
ISDSC_CHECK_SIZE(SCSI_LUN_LIST, 16);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_MAPPINGA, SessionId, 744);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_MAPPINGW, SessionId, 1480);
ISDSC_CHECK_OFFSET(ISCSI_CONNECTION_INFO_EX, MaxRecvDataSegmentLength, 20);
ISDSC_CHECK_OFFSET(ISCSI_CONNECTION_INFO_EX, EstimatedThroughput, 32);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFO_EX, ErrorRecoveryLevel, 21);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFO_EX, MaxOutstandingR2t, 24);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFO_EX, ConnectionCount, 40);
ISDSC_CHECK_SIZE(ISCSI_DEVICE_ON_SESSIONA, 1040);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONA, ScsiAddress, 480);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONA, TargetName, 256);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONA, DeviceInterfaceType, 488);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONA, DeviceInterfaceName, 504);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONA, LegacyName, 764);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONA, StorageDeviceNumber, 1024);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONA, DeviceInstance, 1036);
ISDSC_CHECK_SIZE(ISCSI_DEVICE_ON_SESSIONW, 2040);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONW, ScsiAddress, 960);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONW, TargetName, 512);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONW, DeviceInterfaceType, 968);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONW, DeviceInterfaceName, 984);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONW, LegacyName, 1504);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONW, StorageDeviceNumber, 2024);
ISDSC_CHECK_OFFSET(ISCSI_DEVICE_ON_SESSIONW, DeviceInstance, 2036);
ISDSC_CHECK_OFFSET(ISCSI_LOGIN_OPTIONS, MaximumConnections, 24);
ISDSC_CHECK_OFFSET(ISCSI_LOGIN_OPTIONS, PasswordLength, 40);

/* Structures holding pointers have the LP64 layout only on 64-bit targets. */
#if UINTPTR_MAX == UINT64_MAX
ISDSC_CHECK_SIZE(ISCSI_LOGIN_OPTIONS, 64);
ISDSC_CHECK_OFFSET(ISCSI_LOGIN_OPTIONS, Username, 48);
ISDSC_CHECK_OFFSET(ISCSI_LOGIN_OPTIONS, Password, 56);
ISDSC_CHECK_SIZE(ISCSI_TARGET_PORTAL_INFO_EXA, 848);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTAL_INFO_EXA, LoginOptions, 784);
ISDSC_CHECK_SIZE(ISCSI_TARGET_PORTAL_INFO_EXW, 1616);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_PORTAL_INFO_EXW, LoginOptions, 1552);
ISDSC_CHECK_SIZE(ISCSI_TARGET_MAPPINGA, 784);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_MAPPINGA, LUNList, 776);
ISDSC_CHECK_SIZE(ISCSI_TARGET_MAPPINGW, 1520);
ISDSC_CHECK_OFFSET(ISCSI_TARGET_MAPPINGW, LUNList, 1512);
ISDSC_CHECK_SIZE(ISCSI_CONNECTION_INFOA, 40);
ISDSC_CHECK_OFFSET(ISCSI_CONNECTION_INFOA, InitiatorAddress, 16);
ISDSC_CHECK_OFFSET(ISCSI_CONNECTION_INFOA, InitiatorSocket, 32);
ISDSC_CHECK_OFFSET(ISCSI_CONNECTION_INFOA, CID, 36);
ISDSC_CHECK_SIZE(ISCSI_CONNECTION_INFOW, 40);
ISDSC_CHECK_OFFSET(ISCSI_CONNECTION_INFOW, CID, 36);
ISDSC_CHECK_SIZE(ISCSI_SESSION_INFOA, 64);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFOA, InitiatorName, 16);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFOA, TargetNodeName, 24);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFOA, TargetName, 32);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFOA, ISID, 40);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFOA, TSID, 46);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFOA, ConnectionCount, 48);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFOA, Connections, 56);
ISDSC_CHECK_SIZE(ISCSI_SESSION_INFOW, 64);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFOW, Connections, 56);
ISDSC_CHECK_SIZE(ISCSI_CONNECTION_INFO_EX, 48);
ISDSC_CHECK_SIZE(ISCSI_SESSION_INFO_EX, 56);
ISDSC_CHECK_OFFSET(ISCSI_SESSION_INFO_EX, Connections, 48);
ISDSC_CHECK_SIZE(PERSISTENT_ISCSI_LOGIN_INFOA, 1088);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOA, IsInformationalSession, 224);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOA, InitiatorInstance, 225);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOA, InitiatorPortNumber, 484);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOA, TargetPortal, 488);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOA, SecurityFlags, 1008);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOA, Mappings, 1016);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOA, LoginOptions, 1024);
ISDSC_CHECK_SIZE(PERSISTENT_ISCSI_LOGIN_INFOW, 2080);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOW, IsInformationalSession, 448);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOW, InitiatorInstance, 450);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOW, InitiatorPortNumber, 964);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOW, TargetPortal, 968);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOW, SecurityFlags, 2000);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOW, Mappings, 2008);
ISDSC_CHECK_OFFSET(PERSISTENT_ISCSI_LOGIN_INFOW, LoginOptions, 2016);
ISDSC_CHECK_SIZE(IKE_AUTHENTICATION_PRESHARED_KEY, 40);
ISDSC_CHECK_OFFSET(IKE_AUTHENTICATION_PRESHARED_KEY, IdType, 8);
ISDSC_CHECK_OFFSET(IKE_AUTHENTICATION_PRESHARED_KEY, IdLengthInBytes, 12);
ISDSC_CHECK_OFFSET(IKE_AUTHENTICATION_PRESHARED_KEY, Id, 16);
ISDSC_CHECK_OFFSET(IKE_AUTHENTICATION_PRESHARED_KEY, KeyLengthInBytes, 24);
ISDSC_CHECK_OFFSET(IKE_AUTHENTICATION_PRESHARED_KEY, Key, 32);
ISDSC_CHECK_SIZE(IKE_AUTHENTICATION_INFORMATION, 48);
ISDSC_CHECK_OFFSET(IKE_AUTHENTICATION_INFORMATION, PsKey, 8);
#endif

/* ------------------------------------------------------------------------
 * Functions of the Windows API.
 *
 * Every function declared here is implemented: GetIScsiVersionInformation,
 * GetIScsiInitiatorNodeNameA/W, SetIScsiInitiatorNodeNameA/W,
 * SetIScsiInitiatorCHAPSharedSecret, LoginIScsiTargetA/W,
 * LogoutIScsiTarget, AddIScsiConnectionA/W, RemoveIScsiConnection,
 * GetIScsiSessionListA/W/Ex, GetDevicesForIScsiSessionA/W, and the
 * send-target portal functions (Add/Remove/Refresh/ReportIScsiSendTarget-
 * Portal(s)(Ex)A/W, ReportIScsiTargetsA/W), the static targets
 * (Add/RemoveIScsiStaticTargetA/W), ReportIScsiTargetPortalsA/W,
 * ReportIScsiInitiatorListA/W, the
 * persistent logins
 * (ReportIScsiPersistentLoginsA/W, RemoveIScsiPersistentTargetA/W),
 * GetIScsiTargetInformationA/W, ReportActiveIScsiTargetMappingsA/W,
 * SendScsiInquiry, SendScsiReadCapacity, SendScsiReportLuns,
 * Add/RemovePersistentIScsiDeviceA/W, ReportPersistentIScsiDevicesA/W,
 * ClearPersistentIScsiDevices, and
 * the IKE, IPsec, tunnel-mode and RADIUS functions, which refuse. The
 * rest of Microsoft's iscsidsc.h is not declared yet.
 */

ISDSC_STATUS ISDSC_API GetIScsiVersionInformation(PISCSI_VERSION_INFO VersionInfo);

/* InitiatorNodeName holds MAX_ISCSI_NAME_LEN + 1 characters. */
ISDSC_STATUS ISDSC_API GetIScsiInitiatorNodeNameA(PCHAR InitiatorNodeName);
ISDSC_STATUS ISDSC_API GetIScsiInitiatorNodeNameW(PWCHAR InitiatorNodeName);
/* NULL restores the default, generated name. */
ISDSC_STATUS ISDSC_API SetIScsiInitiatorNodeNameA(PSTR InitiatorNodeName);
ISDSC_STATUS ISDSC_API SetIScsiInitiatorNodeNameW(PWSTR InitiatorNodeName);

/*
 * The initiator's CHAP secret, which targets must prove they know in mutual
 * CHAP: 12 to 16 bytes; 1 to 11 are kept with ISDSC_SHORT_CHAP_SECRET (of
 * use only over IPsec); a length of 0 removes it.
 */
ISDSC_STATUS ISDSC_API SetIScsiInitiatorCHAPSharedSecret(ULONG SharedSecretLength,
	PUCHAR SharedSecret);

ISDSC_STATUS ISDSC_API LoginIScsiTargetA(PSTR TargetName,
	BOOLEAN IsInformationalSession, PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALA TargetPortal,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_MAPPINGA Mappings,
	PISCSI_LOGIN_OPTIONS LoginOptions, ULONG KeySize, PCHAR Key,
	BOOLEAN IsPersistent, PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PISCSI_UNIQUE_CONNECTION_ID UniqueConnectionId);
ISDSC_STATUS ISDSC_API LoginIScsiTargetW(PWSTR TargetName,
	BOOLEAN IsInformationalSession, PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALW TargetPortal,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_MAPPINGW Mappings,
	PISCSI_LOGIN_OPTIONS LoginOptions, ULONG KeySize, PCHAR Key,
	BOOLEAN IsPersistent, PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PISCSI_UNIQUE_CONNECTION_ID UniqueConnectionId);

ISDSC_STATUS ISDSC_API LogoutIScsiTarget(PISCSI_UNIQUE_SESSION_ID UniqueSessionId);

ISDSC_STATUS ISDSC_API AddIScsiConnectionA(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PVOID Reserved, ULONG InitiatorPortNumber,
	PISCSI_TARGET_PORTALA TargetPortal, ISCSI_SECURITY_FLAGS SecurityFlags,
	PISCSI_LOGIN_OPTIONS LoginOptions, ULONG KeySize, PCHAR Key,
	PISCSI_UNIQUE_CONNECTION_ID ConnectionId);
ISDSC_STATUS ISDSC_API AddIScsiConnectionW(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PVOID Reserved, ULONG InitiatorPortNumber,
	PISCSI_TARGET_PORTALW TargetPortal, ISCSI_SECURITY_FLAGS SecurityFlags,
	PISCSI_LOGIN_OPTIONS LoginOptions, ULONG KeySize, PCHAR Key,
	PISCSI_UNIQUE_CONNECTION_ID ConnectionId);

ISDSC_STATUS ISDSC_API RemoveIScsiConnection(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PISCSI_UNIQUE_CONNECTION_ID ConnectionId);

ISDSC_STATUS ISDSC_API GetIScsiSessionListA(ULONG *BufferSize,
	ULONG *SessionCount, PISCSI_SESSION_INFOA SessionInfo);
ISDSC_STATUS ISDSC_API GetIScsiSessionListW(ULONG *BufferSize,
	ULONG *SessionCount, PISCSI_SESSION_INFOW SessionInfo);
ISDSC_STATUS ISDSC_API GetIScsiSessionListEx(ULONG *BufferSize,
	ULONG *SessionCountPtr, PISCSI_SESSION_INFO_EX SessionInfo);

ISDSC_STATUS ISDSC_API GetDevicesForIScsiSessionA(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	ULONG *DeviceCount, PISCSI_DEVICE_ON_SESSIONA Devices);
ISDSC_STATUS ISDSC_API GetDevicesForIScsiSessionW(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	ULONG *DeviceCount, PISCSI_DEVICE_ON_SESSIONW Devices);

ISDSC_STATUS ISDSC_API AddIScsiSendTargetPortalA(PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_LOGIN_OPTIONS LoginOptions,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_PORTALA Portal);
ISDSC_STATUS ISDSC_API AddIScsiSendTargetPortalW(PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_LOGIN_OPTIONS LoginOptions,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_PORTALW Portal);

ISDSC_STATUS ISDSC_API RemoveIScsiSendTargetPortalA(PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALA Portal);
ISDSC_STATUS ISDSC_API RemoveIScsiSendTargetPortalW(PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALW Portal);

ISDSC_STATUS ISDSC_API RefreshIScsiSendTargetPortalA(PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALA Portal);
ISDSC_STATUS ISDSC_API RefreshIScsiSendTargetPortalW(PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALW Portal);

ISDSC_STATUS ISDSC_API ReportIScsiSendTargetPortalsA(PULONG PortalCount,
	PISCSI_TARGET_PORTAL_INFOA PortalInfo);
ISDSC_STATUS ISDSC_API ReportIScsiSendTargetPortalsW(PULONG PortalCount,
	PISCSI_TARGET_PORTAL_INFOW PortalInfo);
ISDSC_STATUS ISDSC_API ReportIScsiSendTargetPortalsExA(PULONG PortalCount,
	PULONG PortalInfoSize, PISCSI_TARGET_PORTAL_INFO_EXA PortalInfo);
ISDSC_STATUS ISDSC_API ReportIScsiSendTargetPortalsExW(PULONG PortalCount,
	PULONG PortalInfoSize, PISCSI_TARGET_PORTAL_INFO_EXW PortalInfo);

/* Buffer receives a list of NUL-terminated names ended by an extra NUL. */
ISDSC_STATUS ISDSC_API ReportIScsiTargetsA(BOOLEAN ForceUpdate,
	PULONG BufferSize, PCHAR Buffer);
ISDSC_STATUS ISDSC_API ReportIScsiTargetsW(BOOLEAN ForceUpdate,
	PULONG BufferSize, PWCHAR Buffer);

/*
 * Persistent logins: node records with node.startup = automatic in
 * open-iscsi's node database, logged in at boot by the unit that logs in
 * mcsadm's records. LoginIScsiTarget with IsPersistent TRUE saves one and
 * makes no login (UniqueSessionId and UniqueConnectionId are zeroed).
 */
ISDSC_STATUS ISDSC_API ReportIScsiPersistentLoginsA(ULONG *Count,
	PPERSISTENT_ISCSI_LOGIN_INFOA PersistentLoginInfo, PULONG BufferSizeInBytes);
ISDSC_STATUS ISDSC_API ReportIScsiPersistentLoginsW(ULONG *Count,
	PPERSISTENT_ISCSI_LOGIN_INFOW PersistentLoginInfo, PULONG BufferSizeInBytes);
ISDSC_STATUS ISDSC_API RemoveIScsiPersistentTargetA(PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PSTR TargetName, PISCSI_TARGET_PORTALA Portal);
ISDSC_STATUS ISDSC_API RemoveIScsiPersistentTargetW(PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PWSTR TargetName, PISCSI_TARGET_PORTALW Portal);

/*
 * Static targets: node records with node.discovery_type = static, one for
 * each portal of PortalGroup (which must not be empty). Without
 * ISCSI_TARGET_FLAG_MERGE_TARGET_INFORMATION the target's other static
 * records are replaced. Persist FALSE is saved all the same.
 */
ISDSC_STATUS ISDSC_API AddIScsiStaticTargetA(PSTR TargetName, PSTR TargetAlias,
	ISCSI_TARGET_FLAGS TargetFlags, BOOLEAN Persist, PISCSI_TARGET_MAPPINGA Mappings,
	PISCSI_LOGIN_OPTIONS LoginOptions, PISCSI_TARGET_PORTAL_GROUPA PortalGroup);
ISDSC_STATUS ISDSC_API AddIScsiStaticTargetW(PWSTR TargetName, PWSTR TargetAlias,
	ISCSI_TARGET_FLAGS TargetFlags, BOOLEAN Persist, PISCSI_TARGET_MAPPINGW Mappings,
	PISCSI_LOGIN_OPTIONS LoginOptions, PISCSI_TARGET_PORTAL_GROUPW PortalGroup);
ISDSC_STATUS ISDSC_API RemoveIScsiStaticTargetA(PSTR TargetName);
ISDSC_STATUS ISDSC_API RemoveIScsiStaticTargetW(PWSTR TargetName);

/*
 * The portals of the target's node records (static or discovered), each
 * address and port once; only those of portal group *TargetPortalTag when
 * it is given. InitiatorName is checked, then ignored (one initiator).
 */
ISDSC_STATUS ISDSC_API ReportIScsiTargetPortalsA(PSTR InitiatorName, PSTR TargetName,
	PUSHORT TargetPortalTag, PULONG ElementCount, PISCSI_TARGET_PORTALA Portals);
ISDSC_STATUS ISDSC_API ReportIScsiTargetPortalsW(PWSTR InitiatorName, PWSTR TargetName,
	PUSHORT TargetPortalTag, PULONG ElementCount, PISCSI_TARGET_PORTALW Portals);

/*
 * What is known of a target: its node records (static or discovered), the
 * send-target portals that reported it and its live sessions. Buffer sizes
 * are in bytes; see GetIScsiTargetInformation(3) for each class's layout.
 */
ISDSC_STATUS ISDSC_API GetIScsiTargetInformationA(PSTR TargetName, PSTR DiscoveryMechanism,
	TARGET_INFORMATION_CLASS InfoClass, PULONG BufferSize, PVOID Buffer);
ISDSC_STATUS ISDSC_API GetIScsiTargetInformationW(PWSTR TargetName, PWSTR DiscoveryMechanism,
	TARGET_INFORMATION_CLASS InfoClass, PULONG BufferSize, PVOID Buffer);

/*
 * The bus, target id and LUNs of every live session's SCSI devices: the
 * array of mappings, then the SCSI_LUN_LISTs they point to, *BufferSize
 * bytes in all. OSDeviceName is the session's SCSI host ("host3").
 */
ISDSC_STATUS ISDSC_API ReportActiveIScsiTargetMappingsA(PULONG BufferSize,
	PULONG MappingCount, PISCSI_TARGET_MAPPINGA Mappings);
ISDSC_STATUS ISDSC_API ReportActiveIScsiTargetMappingsW(PULONG BufferSize,
	PULONG MappingCount, PISCSI_TARGET_MAPPINGW Mappings);

/*
 * A SCSI command on a logical unit of a session, through SG_IO: Lun is
 * Linux's LUN number (ReportActiveIScsiTargetMappings' OSLUN); REPORT LUNS
 * goes to LUN 0. *ResponseSize and *SenseSize are sizes in bytes, in and
 * out; see SendScsiInquiry(3).
 */
ISDSC_STATUS ISDSC_API SendScsiInquiry(PISCSI_UNIQUE_SESSION_ID UniqueSessionId, ULONGLONG Lun,
	UCHAR EvpdCmddt, UCHAR PageCode, PUCHAR ScsiStatus, PULONG ResponseSize,
	PUCHAR ResponseBuffer, PULONG SenseSize, PUCHAR SenseBuffer);
ISDSC_STATUS ISDSC_API SendScsiReadCapacity(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	ULONGLONG Lun, PUCHAR ScsiStatus, PULONG ResponseSize, PUCHAR ResponseBuffer,
	PULONG SenseSize, PUCHAR SenseBuffer);
ISDSC_STATUS ISDSC_API SendScsiReportLuns(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PUCHAR ScsiStatus, PULONG ResponseSize, PUCHAR ResponseBuffer, PULONG SenseSize,
	PUCHAR SenseBuffer);

/*
 * The list of devices (block devices, or mount points for the file system
 * mounted there) that must be back after the boot-time logins, kept
 * beside the node database. A device is added only when it lies on a
 * session whose target has a persistent login. Report's sizes count
 * characters.
 */
ISDSC_STATUS ISDSC_API AddPersistentIScsiDeviceA(PSTR DevicePath);
ISDSC_STATUS ISDSC_API AddPersistentIScsiDeviceW(PWSTR DevicePath);
ISDSC_STATUS ISDSC_API RemovePersistentIScsiDeviceA(PSTR DevicePath);
ISDSC_STATUS ISDSC_API RemovePersistentIScsiDeviceW(PWSTR DevicePath);
ISDSC_STATUS ISDSC_API ClearPersistentIScsiDevices(void);
ISDSC_STATUS ISDSC_API ReportPersistentIScsiDevicesA(PULONG BufferSizeInChar, PCHAR Buffer);
ISDSC_STATUS ISDSC_API ReportPersistentIScsiDevicesW(PULONG BufferSizeInChar, PWCHAR Buffer);

/* One initiator instance, "iscsi_mcs", as a list of strings ended by an extra NUL. */
ISDSC_STATUS ISDSC_API ReportIScsiInitiatorListA(PULONG BufferSize, PCHAR Buffer);
ISDSC_STATUS ISDSC_API ReportIScsiInitiatorListW(PULONG BufferSize, PWCHAR Buffer);

/*
 * Not applicable on Linux: they check their arguments as documented, then
 * return ISDSC_IPSEC_NOT_SUPPORTED_ON_OS (IKE, IPsec, tunnel mode) or
 * ERROR_NOT_SUPPORTED (RADIUS). See libiscsidsc(3).
 */
ISDSC_STATUS ISDSC_API SetIScsiIKEInfoA(PSTR InitiatorName, ULONG InitiatorPortNumber,
	PIKE_AUTHENTICATION_INFORMATION AuthInfo, BOOLEAN Persist);
ISDSC_STATUS ISDSC_API SetIScsiIKEInfoW(PWSTR InitiatorName, ULONG InitiatorPortNumber,
	PIKE_AUTHENTICATION_INFORMATION AuthInfo, BOOLEAN Persist);
ISDSC_STATUS ISDSC_API GetIScsiIKEInfoA(PSTR InitiatorName, ULONG InitiatorPortNumber,
	PULONG Reserved, PIKE_AUTHENTICATION_INFORMATION AuthInfo);
ISDSC_STATUS ISDSC_API GetIScsiIKEInfoW(PWSTR InitiatorName, ULONG InitiatorPortNumber,
	PULONG Reserved, PIKE_AUTHENTICATION_INFORMATION AuthInfo);
ISDSC_STATUS ISDSC_API SetIScsiGroupPresharedKey(ULONG KeyLength, PUCHAR Key,
	BOOLEAN Persist);
ISDSC_STATUS ISDSC_API SetIScsiTunnelModeOuterAddressA(PSTR InitiatorName,
	ULONG InitiatorPortNumber, PSTR DestinationAddress, PSTR OuterModeAddress,
	BOOLEAN Persist);
ISDSC_STATUS ISDSC_API SetIScsiTunnelModeOuterAddressW(PWSTR InitiatorName,
	ULONG InitiatorPortNumber, PWSTR DestinationAddress, PWSTR OuterModeAddress,
	BOOLEAN Persist);
ISDSC_STATUS ISDSC_API AddRadiusServerA(PSTR Address);
ISDSC_STATUS ISDSC_API AddRadiusServerW(PWSTR Address);
ISDSC_STATUS ISDSC_API RemoveRadiusServerA(PSTR Address);
ISDSC_STATUS ISDSC_API RemoveRadiusServerW(PWSTR Address);
ISDSC_STATUS ISDSC_API ReportRadiusServerListA(PULONG BufferSizeInChar, PCHAR Buffer);
ISDSC_STATUS ISDSC_API ReportRadiusServerListW(PULONG BufferSizeInChar, PWCHAR Buffer);
ISDSC_STATUS ISDSC_API SetIScsiInitiatorRADIUSSharedSecret(ULONG SharedSecretLength,
	PUCHAR SharedSecret);

/*
 * Microsoft's documentation spells some names "Iscsi"; both spellings
 * compile to the same functions.
 */
#define AddIscsiConnectionA		AddIScsiConnectionA
#define AddIscsiConnectionW		AddIScsiConnectionW
#define RemoveIscsiConnection		RemoveIScsiConnection
#define LoginIscsiTargetA		LoginIScsiTargetA
#define LoginIscsiTargetW		LoginIScsiTargetW
#define LogoutIscsiTarget		LogoutIScsiTarget
#define GetIscsiSessionListA		GetIScsiSessionListA
#define GetIscsiSessionListW		GetIScsiSessionListW
#define GetIscsiSessionListEx		GetIScsiSessionListEx
#define GetDevicesForIscsiSessionA	GetDevicesForIScsiSessionA
#define GetDevicesForIscsiSessionW	GetDevicesForIScsiSessionW
#define AddIscsiSendTargetPortalA	AddIScsiSendTargetPortalA
#define AddIscsiSendTargetPortalW	AddIScsiSendTargetPortalW
#define RemoveIscsiSendTargetPortalA	RemoveIScsiSendTargetPortalA
#define RemoveIscsiSendTargetPortalW	RemoveIScsiSendTargetPortalW
#define RefreshIscsiSendTargetPortalA	RefreshIScsiSendTargetPortalA
#define RefreshIscsiSendTargetPortalW	RefreshIScsiSendTargetPortalW
#define ReportIscsiSendTargetPortalsA	ReportIScsiSendTargetPortalsA
#define ReportIscsiSendTargetPortalsW	ReportIScsiSendTargetPortalsW
#define ReportIscsiSendTargetPortalsExA	ReportIScsiSendTargetPortalsExA
#define ReportIscsiSendTargetPortalsExW	ReportIScsiSendTargetPortalsExW
#define ReportIscsiTargetsA		ReportIScsiTargetsA
#define ReportIscsiTargetsW		ReportIScsiTargetsW
#define GetIscsiInitiatorNodeNameA	GetIScsiInitiatorNodeNameA
#define GetIscsiInitiatorNodeNameW	GetIScsiInitiatorNodeNameW
#define SetIscsiInitiatorNodeNameA	SetIScsiInitiatorNodeNameA
#define SetIscsiInitiatorNodeNameW	SetIScsiInitiatorNodeNameW
#define GetIscsiVersionInformation	GetIScsiVersionInformation
#define SetIscsiInitiatorCHAPSharedSecret SetIScsiInitiatorCHAPSharedSecret
#define AddIscsiStaticTargetA		AddIScsiStaticTargetA
#define AddIscsiStaticTargetW		AddIScsiStaticTargetW
#define RemoveIscsiStaticTargetA	RemoveIScsiStaticTargetA
#define RemoveIscsiStaticTargetW	RemoveIScsiStaticTargetW
#define ReportIscsiTargetPortalsA	ReportIScsiTargetPortalsA
#define ReportIscsiTargetPortalsW	ReportIScsiTargetPortalsW
#define ReportIscsiInitiatorListA	ReportIScsiInitiatorListA
#define ReportIscsiInitiatorListW	ReportIScsiInitiatorListW
#define ReportIscsiPersistentLoginsA	ReportIScsiPersistentLoginsA
#define ReportIscsiPersistentLoginsW	ReportIScsiPersistentLoginsW
#define RemoveIscsiPersistentTargetA	RemoveIScsiPersistentTargetA
#define RemoveIscsiPersistentTargetW	RemoveIScsiPersistentTargetW
#define SetIscsiIKEInfoA		SetIScsiIKEInfoA
#define SetIscsiIKEInfoW		SetIScsiIKEInfoW
#define GetIscsiIKEInfoA		GetIScsiIKEInfoA
#define GetIscsiIKEInfoW		GetIScsiIKEInfoW
#define SetIscsiGroupPresharedKey	SetIScsiGroupPresharedKey
#define SetIscsiTunnelModeOuterAddressA	SetIScsiTunnelModeOuterAddressA
#define SetIscsiTunnelModeOuterAddressW	SetIScsiTunnelModeOuterAddressW
#define SetIscsiInitiatorRADIUSSharedSecret SetIScsiInitiatorRADIUSSharedSecret
#define GetIscsiTargetInformationA	GetIScsiTargetInformationA
#define GetIscsiTargetInformationW	GetIScsiTargetInformationW
#define ReportActiveIscsiTargetMappingsA ReportActiveIScsiTargetMappingsA
#define ReportActiveIscsiTargetMappingsW ReportActiveIScsiTargetMappingsW
#define AddPersistentIscsiDeviceA	AddPersistentIScsiDeviceA
#define AddPersistentIscsiDeviceW	AddPersistentIScsiDeviceW
#define RemovePersistentIscsiDeviceA	RemovePersistentIScsiDeviceA
#define RemovePersistentIscsiDeviceW	RemovePersistentIScsiDeviceW
#define ReportPersistentIscsiDevicesA	ReportPersistentIScsiDevicesA
#define ReportPersistentIscsiDevicesW	ReportPersistentIScsiDevicesW
#define ClearPersistentIscsiDevices	ClearPersistentIScsiDevices

/* Generic names: UTF-16 ("W") when UNICODE is defined, else UTF-8 ("A"). */
#ifdef UNICODE
#define ISDSC_AW(name) name##W
#else
#define ISDSC_AW(name) name##A
#endif

#define ISCSI_TARGET_PORTAL		ISDSC_AW(ISCSI_TARGET_PORTAL)
#define PISCSI_TARGET_PORTAL		ISDSC_AW(PISCSI_TARGET_PORTAL)
#define ISCSI_TARGET_PORTAL_GROUP	ISDSC_AW(ISCSI_TARGET_PORTAL_GROUP)
#define PISCSI_TARGET_PORTAL_GROUP	ISDSC_AW(PISCSI_TARGET_PORTAL_GROUP)
#define ISCSI_TARGET_PORTAL_INFO	ISDSC_AW(ISCSI_TARGET_PORTAL_INFO)
#define PISCSI_TARGET_PORTAL_INFO	ISDSC_AW(PISCSI_TARGET_PORTAL_INFO)
#define ISCSI_TARGET_PORTAL_INFO_EX	ISDSC_AW(ISCSI_TARGET_PORTAL_INFO_EX)
#define PISCSI_TARGET_PORTAL_INFO_EX	ISDSC_AW(PISCSI_TARGET_PORTAL_INFO_EX)
#define ISCSI_TARGET_MAPPING		ISDSC_AW(ISCSI_TARGET_MAPPING)
#define PISCSI_TARGET_MAPPING		ISDSC_AW(PISCSI_TARGET_MAPPING)
#define ISCSI_CONNECTION_INFO		ISDSC_AW(ISCSI_CONNECTION_INFO)
#define PISCSI_CONNECTION_INFO		ISDSC_AW(PISCSI_CONNECTION_INFO)
#define ISCSI_SESSION_INFO		ISDSC_AW(ISCSI_SESSION_INFO)
#define PISCSI_SESSION_INFO		ISDSC_AW(PISCSI_SESSION_INFO)
#define ISCSI_DEVICE_ON_SESSION		ISDSC_AW(ISCSI_DEVICE_ON_SESSION)
#define PISCSI_DEVICE_ON_SESSION	ISDSC_AW(PISCSI_DEVICE_ON_SESSION)
#define PERSISTENT_ISCSI_LOGIN_INFO	ISDSC_AW(PERSISTENT_ISCSI_LOGIN_INFO)
#define PPERSISTENT_ISCSI_LOGIN_INFO	ISDSC_AW(PPERSISTENT_ISCSI_LOGIN_INFO)

#define AddIScsiConnection		ISDSC_AW(AddIScsiConnection)
#define AddIscsiConnection		ISDSC_AW(AddIScsiConnection)
#define LoginIScsiTarget		ISDSC_AW(LoginIScsiTarget)
#define LoginIscsiTarget		ISDSC_AW(LoginIScsiTarget)
#define GetIScsiSessionList		ISDSC_AW(GetIScsiSessionList)
#define GetIscsiSessionList		ISDSC_AW(GetIScsiSessionList)
#define GetDevicesForIScsiSession	ISDSC_AW(GetDevicesForIScsiSession)
#define GetDevicesForIscsiSession	ISDSC_AW(GetDevicesForIScsiSession)
#define AddIScsiSendTargetPortal	ISDSC_AW(AddIScsiSendTargetPortal)
#define AddIscsiSendTargetPortal	ISDSC_AW(AddIScsiSendTargetPortal)
#define RemoveIScsiSendTargetPortal	ISDSC_AW(RemoveIScsiSendTargetPortal)
#define RemoveIscsiSendTargetPortal	ISDSC_AW(RemoveIScsiSendTargetPortal)
#define RefreshIScsiSendTargetPortal	ISDSC_AW(RefreshIScsiSendTargetPortal)
#define RefreshIscsiSendTargetPortal	ISDSC_AW(RefreshIScsiSendTargetPortal)
#define ReportIScsiSendTargetPortals	ISDSC_AW(ReportIScsiSendTargetPortals)
#define ReportIscsiSendTargetPortals	ISDSC_AW(ReportIScsiSendTargetPortals)
#define ReportIScsiSendTargetPortalsEx	ISDSC_AW(ReportIScsiSendTargetPortalsEx)
#define ReportIscsiSendTargetPortalsEx	ISDSC_AW(ReportIScsiSendTargetPortalsEx)
#define ReportIScsiTargets		ISDSC_AW(ReportIScsiTargets)
#define ReportIscsiTargets		ISDSC_AW(ReportIScsiTargets)
#define GetIScsiInitiatorNodeName	ISDSC_AW(GetIScsiInitiatorNodeName)
#define GetIscsiInitiatorNodeName	ISDSC_AW(GetIScsiInitiatorNodeName)
#define SetIScsiInitiatorNodeName	ISDSC_AW(SetIScsiInitiatorNodeName)
#define SetIscsiInitiatorNodeName	ISDSC_AW(SetIScsiInitiatorNodeName)
#define AddIScsiStaticTarget		ISDSC_AW(AddIScsiStaticTarget)
#define AddIscsiStaticTarget		ISDSC_AW(AddIScsiStaticTarget)
#define RemoveIScsiStaticTarget		ISDSC_AW(RemoveIScsiStaticTarget)
#define RemoveIscsiStaticTarget		ISDSC_AW(RemoveIScsiStaticTarget)
#define ReportIScsiTargetPortals	ISDSC_AW(ReportIScsiTargetPortals)
#define ReportIscsiTargetPortals	ISDSC_AW(ReportIScsiTargetPortals)
#define ReportIScsiInitiatorList	ISDSC_AW(ReportIScsiInitiatorList)
#define ReportIscsiInitiatorList	ISDSC_AW(ReportIScsiInitiatorList)
#define ReportIScsiPersistentLogins	ISDSC_AW(ReportIScsiPersistentLogins)
#define ReportIscsiPersistentLogins	ISDSC_AW(ReportIScsiPersistentLogins)
#define RemoveIScsiPersistentTarget	ISDSC_AW(RemoveIScsiPersistentTarget)
#define RemoveIscsiPersistentTarget	ISDSC_AW(RemoveIScsiPersistentTarget)
#define SetIScsiIKEInfo			ISDSC_AW(SetIScsiIKEInfo)
#define GetIScsiIKEInfo			ISDSC_AW(GetIScsiIKEInfo)
#define SetIScsiTunnelModeOuterAddress	ISDSC_AW(SetIScsiTunnelModeOuterAddress)
#define AddRadiusServer			ISDSC_AW(AddRadiusServer)
#define RemoveRadiusServer		ISDSC_AW(RemoveRadiusServer)
#define ReportRadiusServerList		ISDSC_AW(ReportRadiusServerList)
#define GetIScsiTargetInformation	ISDSC_AW(GetIScsiTargetInformation)
#define GetIscsiTargetInformation	ISDSC_AW(GetIScsiTargetInformation)
#define ReportActiveIScsiTargetMappings	ISDSC_AW(ReportActiveIScsiTargetMappings)
#define ReportActiveIscsiTargetMappings	ISDSC_AW(ReportActiveIScsiTargetMappings)
#define AddPersistentIScsiDevice	ISDSC_AW(AddPersistentIScsiDevice)
#define AddPersistentIscsiDevice	ISDSC_AW(AddPersistentIScsiDevice)
#define RemovePersistentIScsiDevice	ISDSC_AW(RemovePersistentIScsiDevice)
#define RemovePersistentIscsiDevice	ISDSC_AW(RemovePersistentIScsiDevice)
#define ReportPersistentIScsiDevices	ISDSC_AW(ReportPersistentIScsiDevices)
#define ReportPersistentIscsiDevices	ISDSC_AW(ReportPersistentIScsiDevices)

/* ------------------------------------------------------------------------
 * Linux extensions (no Windows counterpart).
 *
 * They expose what the iscsi_mcs module reports, the per-network-
 * namespace initiator defaults it keeps, and what MC/S adds to a session:
 * its load-balance policy and the ErrorRecoveryLevel of its login. Errors
 * are reported like the rest of the API: an ISDSC_STATUS, plus a text from IScsiMcsLastErrorText().
 */

/* Bits of ISDSC_MCS_MODULE_INFO.Caps: features the module implements. */
#define ISDSC_MCS_CAP_CONFIG		(1ull << 0)	/* IScsiMcsGet/SetConfig */
#define ISDSC_MCS_CAP_LOGIN		(1ull << 1)	/* sessions carrying SCSI I/O */
#define ISDSC_MCS_CAP_MCS		(1ull << 2)	/* several connections a session */
#define ISDSC_MCS_CAP_DISCOVERY		(1ull << 3)	/* SendTargets discovery */
#define ISDSC_MCS_CAP_CHAP		(1ull << 4)	/* CHAP and mutual CHAP */
#define ISDSC_MCS_CAP_DIGESTS		(1ull << 5)	/* CRC32C header/data digests */
#define ISDSC_MCS_CAP_ERL1		(1ull << 6)	/* ErrorRecoveryLevel 1 */
#define ISDSC_MCS_CAP_ERL2		(1ull << 7)	/* ERL 2 connection recovery */
#define ISDSC_MCS_CAP_IPV6		(1ull << 8)	/* IPv6 portals */
#define ISDSC_MCS_CAP_POLICY		(1ull << 9)	/* load balance policies */

#define ISDSC_MCS_VERSION_LEN		64

typedef struct _ISDSC_MCS_MODULE_INFO {
	CHAR Version[ISDSC_MCS_VERSION_LEN];	/* "MAJOR.MINOR.PATCH" */
	ULONG ApiVersion;		/* netlink API revision of the module */
	ULONG MaxConnectionsLimit;	/* most connections one session may have */
	ULONGLONG Caps;			/* ISDSC_MCS_CAP_* */
} ISDSC_MCS_MODULE_INFO, *PISDSC_MCS_MODULE_INFO;

/* Bits of ISDSC_MCS_CONFIG.Fields: which members hold a value. */
#define ISDSC_MCS_CONFIG_INITIATOR_NAME		0x00000001u
#define ISDSC_MCS_CONFIG_INITIATOR_ALIAS	0x00000002u
#define ISDSC_MCS_CONFIG_LOGIN_TIMEOUT		0x00000004u
#define ISDSC_MCS_CONFIG_NOOP_INTERVAL		0x00000008u
#define ISDSC_MCS_CONFIG_NOOP_TIMEOUT		0x00000010u
#define ISDSC_MCS_CONFIG_REPLACEMENT_TIMEOUT	0x00000020u
#define ISDSC_MCS_CONFIG_MAX_CONNECTIONS	0x00000040u
#define ISDSC_MCS_CONFIG_ALL			0x0000007Fu

#define ISDSC_MCS_ALIAS_LEN		255	/* bytes, without the NUL */

/*
 * Initiator defaults of the caller's network namespace. IScsiMcsGetConfig
 * sets in Fields the bit of every member it filled (name and alias only
 * once they were set); IScsiMcsSetConfig sends only the members whose bit
 * is set in Fields and leaves the others unchanged. An empty name or alias
 * clears it. Times are in milliseconds.
 */
typedef struct _ISDSC_MCS_CONFIG {
	ULONG Fields;				/* ISDSC_MCS_CONFIG_* */
	CHAR InitiatorName[MAX_ISCSI_NAME_LEN + 1];
	CHAR InitiatorAlias[ISDSC_MCS_ALIAS_LEN + 1];
	ULONG LoginTimeoutMs;		/* one login, TCP connect included */
	ULONG NoopIntervalMs;		/* idle time before a NOP-Out; 0: never */
	ULONG NoopTimeoutMs;		/* wait for the NOP-In */
	ULONG ReplacementTimeoutMs;	/* I/O held while no connection is up */
	ULONG MaxConnections;		/* MaxConnections offered at login */
} ISDSC_MCS_CONFIG, *PISDSC_MCS_CONFIG;

ISDSC_STATUS ISDSC_API IScsiMcsGetModuleInfo(PISDSC_MCS_MODULE_INFO ModuleInfo);
ISDSC_STATUS ISDSC_API IScsiMcsGetConfig(PISDSC_MCS_CONFIG Config);
ISDSC_STATUS ISDSC_API IScsiMcsSetConfig(const ISDSC_MCS_CONFIG *Config);

/*
 * Load-balance policies: how a session spreads new commands over its
 * connections (the module's enum iscsi_mcs_policy). "Usable" means in full
 * feature phase; every policy but ROUND_ROBIN uses a standby connection
 * only while no usable connection is out of standby.
 */
#define ISDSC_MCS_POLICY_ROUND_ROBIN		0	/* each usable one in turn (default) */
#define ISDSC_MCS_POLICY_FAILOVER		1	/* the lowest CID only */
#define ISDSC_MCS_POLICY_ROUND_ROBIN_SUBSET	2	/* those out of standby in turn */
#define ISDSC_MCS_POLICY_LEAST_QUEUE_DEPTH	3	/* the fewest commands in flight */
#define ISDSC_MCS_POLICY_WEIGHTED		4	/* in proportion to the weights */
#define ISDSC_MCS_POLICY_LEAST_EXPECTED_TIME	5	/* the least expected service time */
#define ISDSC_MCS_POLICY_MAX			5

/* Connection weights for ISDSC_MCS_POLICY_WEIGHTED are 1 to this. */
#define ISDSC_MCS_WEIGHT_MAX			1000

/* Bits of the Fields argument of IScsiMcsSetConnectionPolicy. */
#define ISDSC_MCS_CONN_WEIGHT		0x00000001u
#define ISDSC_MCS_CONN_STANDBY		0x00000002u
#define ISDSC_MCS_CONN_ALL		0x00000003u

/*
 * A session's policy, at once and under I/O; a connection's weight and
 * standby flag (only the members whose bit is set in Fields). The ids are
 * those LoginIScsiTarget, AddIScsiConnection or GetIScsiSessionList gave.
 */
ISDSC_STATUS ISDSC_API IScsiMcsSetSessionPolicy(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
						ULONG Policy);
ISDSC_STATUS ISDSC_API IScsiMcsSetConnectionPolicy(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
						   PISCSI_UNIQUE_CONNECTION_ID ConnectionId,
						   ULONG Fields, ULONG Weight, BOOLEAN Standby);

/* Bits of ISDSC_MCS_LOGIN_OPTIONS.Fields: which members hold a value. */
#define ISDSC_MCS_LOGIN_ERROR_RECOVERY_LEVEL	0x00000001u
#define ISDSC_MCS_LOGIN_POLICY			0x00000002u
#define ISDSC_MCS_LOGIN_ALL			0x00000003u

/* What a leading login can ask for beyond ISCSI_LOGIN_OPTIONS. */
typedef struct _ISDSC_MCS_LOGIN_OPTIONS {
	ULONG Fields;			/* ISDSC_MCS_LOGIN_* */
	ULONG ErrorRecoveryLevel;	/* offered ErrorRecoveryLevel, 0 to 2 */
	ULONG Policy;			/* ISDSC_MCS_POLICY_* */
} ISDSC_MCS_LOGIN_OPTIONS, *PISDSC_MCS_LOGIN_OPTIONS;

/*
 * LoginIScsiTargetA with McsOptions (may be NULL). Not with IsPersistent:
 * open-iscsi's record keys (node.session.iscsi.ERL, node.session.mcs.policy)
 * carry these for persistent logins.
 */
ISDSC_STATUS ISDSC_API IScsiMcsLoginIScsiTarget(PSTR TargetName,
	BOOLEAN IsInformationalSession, PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALA TargetPortal,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_MAPPINGA Mappings,
	PISCSI_LOGIN_OPTIONS Options, const ISDSC_MCS_LOGIN_OPTIONS *McsOptions,
	ULONG KeySize, PCHAR Key, BOOLEAN IsPersistent,
	PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PISCSI_UNIQUE_CONNECTION_ID UniqueConnectionId);

/*
 * Why the calling thread's last call failed: the kernel's extended-ack
 * message or the library's own explanation, "" after a success. The text
 * stays valid until the thread's next call into the library.
 */
const CHAR *ISDSC_API IScsiMcsLastErrorText(void);

/*
 * Symbolic name of a status ("ISDSC_SERVICE_NOT_RUNNING",
 * "ERROR_ACCESS_DENIED", ...), or NULL for a code this library does not
 * know. Does not change the last-error text.
 */
const CHAR *ISDSC_API IScsiMcsStatusName(ISDSC_STATUS Status);

#ifdef __cplusplus
}
#endif

#endif /* _ISCSI_ISCSIDSC_ */
