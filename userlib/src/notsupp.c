// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The functions of iscsidsc.h that cannot apply on Linux: IKE and IPsec
 * (the kernel's XFRM is configured for addresses, not for iSCSI ports, by
 * tools such as strongSwan), tunnel-mode outer addresses, and RADIUS
 * (CHAP here is checked by the target or by the library's own secrets,
 * never by a RADIUS server). Each checks its arguments first, so that a
 * program that passes bad ones learns it as it would on Windows.
 */
#include <stdbool.h>
#include <string.h>

#include "internal.h"
#include "utf16.h"

/* IKE identification payload types (RFC 2407 section 4.6.2.1). */
#define IKE_ID_IPV4_ADDR	1
#define IKE_ID_FQDN		2
#define IKE_ID_USER_FQDN	3
#define IKE_ID_IPV6_ADDR	5

static ISDSC_STATUS no_ipsec(const char *what)
{
	return isdsc_fail(ISDSC_IPSEC_NOT_SUPPORTED_ON_OS, "%s: IPsec for iSCSI is configured "
			  "outside the initiator on Linux (XFRM policies, e.g. with strongSwan)",
			  what);
}

static ISDSC_STATUS no_radius(const char *what)
{
	return isdsc_fail(ERROR_NOT_SUPPORTED, "%s: RADIUS is not supported: CHAP secrets are "
			  "kept by the initiator", what);
}

static bool name_ok_a(const char *s, size_t max)
{
	return !s || strnlen(s, max + 1) <= max;
}

static bool name_ok_w(const WCHAR *s, size_t max)
{
	return !s || isdsc_utf16_nlen(s, max + 1) <= max;
}

static ISDSC_STATUS check_ike(const IKE_AUTHENTICATION_INFORMATION *info)
{
	const IKE_AUTHENTICATION_PRESHARED_KEY *k;

	if (!info)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "AuthInfo is NULL");
	if (info->AuthMethod != IKE_AUTHENTICATION_PRESHARED_KEY_METHOD)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "AuthInfo->AuthMethod %d is not "
				  "IKE_AUTHENTICATION_PRESHARED_KEY_METHOD", (int)info->AuthMethod);
	k = &info->PsKey;
	switch (k->IdType) {
	case IKE_ID_IPV4_ADDR:
		if (k->IdLengthInBytes != 4)
			return isdsc_fail(ISDSC_IKE_ID_PAYLOAD_INCORRECT_SIZE,
					  "an IPv4 address identifier has 4 bytes, not %u",
					  k->IdLengthInBytes);
		break;
	case IKE_ID_IPV6_ADDR:
		if (k->IdLengthInBytes != 16)
			return isdsc_fail(ISDSC_IKE_ID_PAYLOAD_INCORRECT_SIZE,
					  "an IPv6 address identifier has 16 bytes, not %u",
					  k->IdLengthInBytes);
		break;
	case IKE_ID_FQDN:
	case IKE_ID_USER_FQDN:
		if (!k->IdLengthInBytes)
			return isdsc_fail(ISDSC_IKE_ID_PAYLOAD_INCORRECT_SIZE,
					  "a name identifier cannot be empty");
		break;
	default:
		return isdsc_fail(ISDSC_IKE_ID_PAYLOAD_TYPE_NOT_SUPPORTED,
				  "IKE identifier type %u is not an address or a name", k->IdType);
	}
	if (!k->Id)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "AuthInfo->PsKey.Id is NULL");
	if (k->KeyLengthInBytes && !k->Key)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "AuthInfo->PsKey.Key is NULL");
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiIKEInfoA(PSTR Initiator,
	ULONG InitiatorPortNumber, PIKE_AUTHENTICATION_INFORMATION AuthInfo, BOOLEAN Persist)
{
	ISDSC_STATUS status;

	(void)InitiatorPortNumber;
	(void)Persist;
	isdsc_error_clear();
	if (!name_ok_a(Initiator, MAX_ISCSI_HBANAME_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorName is too long");
	status = check_ike(AuthInfo);
	return status != ERROR_SUCCESS ? status : no_ipsec("SetIScsiIKEInfo");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiIKEInfoW(PWSTR Initiator,
	ULONG InitiatorPortNumber, PIKE_AUTHENTICATION_INFORMATION AuthInfo, BOOLEAN Persist)
{
	ISDSC_STATUS status;

	(void)InitiatorPortNumber;
	(void)Persist;
	isdsc_error_clear();
	if (!name_ok_w(Initiator, MAX_ISCSI_HBANAME_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorName is too long");
	status = check_ike(AuthInfo);
	return status != ERROR_SUCCESS ? status : no_ipsec("SetIScsiIKEInfo");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiIKEInfoA(PSTR Initiator,
	ULONG InitiatorPortNumber, PULONG Reserved, PIKE_AUTHENTICATION_INFORMATION AuthInfo)
{
	(void)InitiatorPortNumber;
	(void)Reserved;
	isdsc_error_clear();
	if (!name_ok_a(Initiator, MAX_ISCSI_HBANAME_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorName is too long");
	if (!AuthInfo)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "AuthInfo is NULL");
	return no_ipsec("GetIScsiIKEInfo");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiIKEInfoW(PWSTR Initiator,
	ULONG InitiatorPortNumber, PULONG Reserved, PIKE_AUTHENTICATION_INFORMATION AuthInfo)
{
	(void)InitiatorPortNumber;
	(void)Reserved;
	isdsc_error_clear();
	if (!name_ok_w(Initiator, MAX_ISCSI_HBANAME_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorName is too long");
	if (!AuthInfo)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "AuthInfo is NULL");
	return no_ipsec("GetIScsiIKEInfo");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiGroupPresharedKey(ULONG KeyLength, PUCHAR Key,
	BOOLEAN Persist)
{
	(void)Persist;
	isdsc_error_clear();
	if (KeyLength && !Key)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Key is NULL but KeyLength is %u",
				  KeyLength);
	return no_ipsec("SetIScsiGroupPresharedKey");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiTunnelModeOuterAddressA(PSTR Initiator,
	ULONG InitiatorPortNumber, PSTR DestinationAddress, PSTR OuterModeAddress,
	BOOLEAN Persist)
{
	(void)InitiatorPortNumber;
	(void)Persist;
	isdsc_error_clear();
	if (!name_ok_a(Initiator, MAX_ISCSI_HBANAME_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorName is too long");
	if (!DestinationAddress || !OuterModeAddress)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DestinationAddress and "
				  "OuterModeAddress are required");
	if (!name_ok_a(DestinationAddress, MAX_ISCSI_PORTAL_ADDRESS_LEN - 1) ||
	    !name_ok_a(OuterModeAddress, MAX_ISCSI_PORTAL_ADDRESS_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "an address is too long");
	return no_ipsec("SetIScsiTunnelModeOuterAddress");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiTunnelModeOuterAddressW(PWSTR Initiator,
	ULONG InitiatorPortNumber, PWSTR DestinationAddress, PWSTR OuterModeAddress,
	BOOLEAN Persist)
{
	(void)InitiatorPortNumber;
	(void)Persist;
	isdsc_error_clear();
	if (!name_ok_w(Initiator, MAX_ISCSI_HBANAME_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorName is too long");
	if (!DestinationAddress || !OuterModeAddress)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DestinationAddress and "
				  "OuterModeAddress are required");
	if (!name_ok_w(DestinationAddress, MAX_ISCSI_PORTAL_ADDRESS_LEN - 1) ||
	    !name_ok_w(OuterModeAddress, MAX_ISCSI_PORTAL_ADDRESS_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "an address is too long");
	return no_ipsec("SetIScsiTunnelModeOuterAddress");
}

static ISDSC_STATUS radius_address_a(const char *a, const char *what)
{
	isdsc_error_clear();
	if (!a || !*a || !name_ok_a(a, MAX_RADIUS_ADDRESS_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Address must be a string of 1 to %d "
				  "characters", MAX_RADIUS_ADDRESS_LEN - 1);
	return no_radius(what);
}

static ISDSC_STATUS radius_address_w(const WCHAR *a, const char *what)
{
	isdsc_error_clear();
	if (!a || !*a || !name_ok_w(a, MAX_RADIUS_ADDRESS_LEN - 1))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Address must be a string of 1 to %d "
				  "characters", MAX_RADIUS_ADDRESS_LEN - 1);
	return no_radius(what);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddRadiusServerA(PSTR Address)
{
	return radius_address_a(Address, "AddRadiusServer");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddRadiusServerW(PWSTR Address)
{
	return radius_address_w(Address, "AddRadiusServer");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveRadiusServerA(PSTR Address)
{
	return radius_address_a(Address, "RemoveRadiusServer");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveRadiusServerW(PWSTR Address)
{
	return radius_address_w(Address, "RemoveRadiusServer");
}

/* There is never a RADIUS server: the list is empty, which is true. */
static ISDSC_STATUS radius_list(PULONG size, void *buf, size_t unit)
{
	isdsc_error_clear();
	if (!size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "BufferSizeInChar is NULL");
	if (*size < 1 || !buf) {
		*size = 1;
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "the empty list needs 1 character");
	}
	memset(buf, 0, unit);
	*size = 1;
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportRadiusServerListA(PULONG BufferSizeInChar,
	PCHAR Buffer)
{
	return radius_list(BufferSizeInChar, Buffer, sizeof(CHAR));
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportRadiusServerListW(PULONG BufferSizeInChar,
	PWCHAR Buffer)
{
	return radius_list(BufferSizeInChar, Buffer, sizeof(WCHAR));
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiInitiatorRADIUSSharedSecret(
	ULONG SharedSecretLength, PUCHAR SharedSecret)
{
	isdsc_error_clear();
	if (SharedSecretLength && !SharedSecret)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "SharedSecret is NULL but "
				  "SharedSecretLength is %u", SharedSecretLength);
	return no_radius("SetIScsiInitiatorRADIUSSharedSecret");
}
