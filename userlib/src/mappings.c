// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ReportActiveIScsiTargetMappingsA/W and the mappings GetIScsiTargetInformation
 * reports: Windows names a mapping by its port driver device, bus and
 * target id; Linux's counterparts are the session's SCSI host ("hostN"),
 * the channel and the target id of the H:C:T:L devices below that host.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices.h"
#include "internal.h"
#include "mappings.h"
#include "persist.h"
#include "utf16.h"

void isdsc_mapping_list_free(struct isdsc_mapping_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->m[i].luns);
	free(list->m);
	list->m = NULL;
	list->n = 0;
}

bool isdsc_session_host(const struct isdsc_session_rec *s, uint32_t *host_no)
{
	char path[ISDSC_DEV_PATH_MAX], link[ISDSC_DEV_PATH_MAX];
	const char *sys, *p;
	unsigned int h;
	ssize_t len;
	int n, end = 0;

	if (s->have_host_no) {
		*host_no = s->host_no;
		return true;
	}
	if (!s->have_class_sid)
		return false;
	/* secure_getenv: a set-uid caller must not be redirected elsewhere. */
	sys = secure_getenv(ISDSC_SYSFS_ROOT_ENV);
	if (!sys || !*sys)
		sys = "/sys";
	n = snprintf(path, sizeof(path), "%s/class/iscsi_session/session%u/device", sys,
		     (unsigned int)s->class_sid);
	if (n < 0 || (size_t)n >= sizeof(path))
		return false;
	len = readlink(path, link, sizeof(link) - 1);
	if (len <= 0)
		return false;
	link[len] = '\0';
	/* The transport class puts sessionN below its host: .../hostH/sessionN. */
	for (p = strstr(link, "/host"); p; p = strstr(p + 1, "/host")) {
		if (sscanf(p, "/host%u%n", &h, &end) == 1 && (p[end] == '/' || !p[end])) {
			*host_no = h;
			return true;
		}
	}
	return false;
}

static bool add_lun(struct isdsc_mapping *m, uint64_t lun)
{
	uint64_t *grown = realloc(m->luns, (m->n_luns + 1) * sizeof(*m->luns));

	if (!grown)
		return false;
	m->luns = grown;
	m->luns[m->n_luns++] = lun;
	return true;
}

static ISDSC_STATUS collect_session(const struct isdsc_session_rec *s,
				    struct isdsc_mapping_list *out)
{
	struct isdsc_device *devs = NULL;
	struct isdsc_mapping *m = NULL;
	ISDSC_STATUS status;
	uint32_t host;
	size_t n = 0;

	if (!isdsc_session_host(s, &host))
		return ERROR_SUCCESS;
	status = isdsc_devices_of_host(host, &devs, &n);
	if (status != ERROR_SUCCESS)
		return status;
	/* The devices come ordered by channel, target id and LUN. */
	for (size_t i = 0; i < n; i++) {
		if (!m || m->bus != devs[i].channel || m->target_id != devs[i].target) {
			struct isdsc_mapping *grown = realloc(out->m, (out->n + 1) * sizeof(*out->m));

			if (!grown) {
				free(devs);
				return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
			}
			out->m = grown;
			m = &out->m[out->n++];
			memset(m, 0, sizeof(*m));
			isdsc_id_to_unique(s->id, &m->session);
			snprintf(m->target, sizeof(m->target), "%s", s->target_name);
			snprintf(m->os_device, sizeof(m->os_device), "host%u", (unsigned int)host);
			m->bus = devs[i].channel;
			m->target_id = devs[i].target;
		}
		if (!add_lun(m, devs[i].lun)) {
			free(devs);
			return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
		}
	}
	free(devs);
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_mappings_collect(const struct isdsc_session_list *live, const char *target,
				    struct isdsc_mapping_list *out)
{
	ISDSC_STATUS status = ERROR_SUCCESS;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < live->n && status == ERROR_SUCCESS; i++)
		if (!target || !strcmp(live->s[i].target_name, target))
			status = collect_session(&live->s[i], out);
	if (status != ERROR_SUCCESS)
		isdsc_mapping_list_free(out);
	return status;
}

ULONGLONG isdsc_target_lun(uint64_t lun)
{
	ULONGLONG v = 0;

	/*
	 * SAM's 8-byte LUN holds four 2-byte levels, each big-endian, the
	 * first level first; Linux numbers the first level's value as the
	 * low 16 bits. Windows reads those 8 bytes as a little-endian
	 * ULONGLONG, so LUN 1 is 0x100.
	 */
	for (unsigned int level = 0; level < 4; level++) {
		uint8_t hi = (uint8_t)(lun >> (16 * level + 8)), lo = (uint8_t)(lun >> (16 * level));

		v |= (ULONGLONG)hi << (16 * level) | (ULONGLONG)lo << (16 * level + 8);
	}
	return v;
}

size_t isdsc_mappings_size(const struct isdsc_mapping_list *list, bool wide)
{
	size_t elem = wide ? sizeof(ISCSI_TARGET_MAPPINGW) : sizeof(ISCSI_TARGET_MAPPINGA);
	size_t need = list->n * elem;

	for (size_t i = 0; i < list->n; i++)
		need += list->m[i].n_luns * sizeof(SCSI_LUN_LIST);
	return need > UINT32_MAX ? 0 : need;
}

static void put_wide(const char *s, WCHAR *out, size_t units)
{
	if (isdsc_utf8_to_utf16(s, strlen(s), out, units, NULL) != 0)
		out[0] = 0;
}

void isdsc_mappings_write(const struct isdsc_mapping_list *list, bool wide, void *buf)
{
	size_t elem = wide ? sizeof(ISCSI_TARGET_MAPPINGW) : sizeof(ISCSI_TARGET_MAPPINGA);
	SCSI_LUN_LIST *luns = (SCSI_LUN_LIST *)((uint8_t *)buf + list->n * elem);

	for (size_t i = 0; i < list->n; i++) {
		const struct isdsc_mapping *m = &list->m[i];

		for (size_t j = 0; j < m->n_luns; j++) {
			memset(&luns[j], 0, sizeof(luns[j]));
			/* OSLUN is 32 bits wide: a larger Linux LUN keeps its low bits. */
			luns[j].OSLUN = (ULONG)m->luns[j];
			luns[j].TargetLUN = isdsc_target_lun(m->luns[j]);
		}
		if (wide) {
			ISCSI_TARGET_MAPPINGW *o = (ISCSI_TARGET_MAPPINGW *)buf + i;

			memset(o, 0, sizeof(*o));
			put_wide(ISDSC_INITIATOR_INSTANCE, o->InitiatorName,
				 ISDSC_ARRAY_SIZE(o->InitiatorName));
			put_wide(m->target, o->TargetName, ISDSC_ARRAY_SIZE(o->TargetName));
			put_wide(m->os_device, o->OSDeviceName, ISDSC_ARRAY_SIZE(o->OSDeviceName));
			o->SessionId = m->session;
			o->OSBusNumber = m->bus;
			o->OSTargetNumber = m->target_id;
			o->LUNCount = (ULONG)m->n_luns;
			o->LUNList = m->n_luns ? luns : NULL;
		} else {
			ISCSI_TARGET_MAPPINGA *o = (ISCSI_TARGET_MAPPINGA *)buf + i;

			memset(o, 0, sizeof(*o));
			snprintf(o->InitiatorName, sizeof(o->InitiatorName), "%s",
				 ISDSC_INITIATOR_INSTANCE);
			snprintf(o->TargetName, sizeof(o->TargetName), "%s", m->target);
			snprintf(o->OSDeviceName, sizeof(o->OSDeviceName), "%s", m->os_device);
			o->SessionId = m->session;
			o->OSBusNumber = m->bus;
			o->OSTargetNumber = m->target_id;
			o->LUNCount = (ULONG)m->n_luns;
			o->LUNList = m->n_luns ? luns : NULL;
		}
		luns += m->n_luns;
	}
}

ISDSC_STATUS isdsc_active_mappings(const struct isdsc_session_list *live, bool wide,
				   ULONG *size, ULONG *count, void *out)
{
	struct isdsc_mapping_list list;
	size_t need, have = *size;
	ISDSC_STATUS status;

	status = isdsc_mappings_collect(live, NULL, &list);
	if (status != ERROR_SUCCESS)
		return status;
	need = isdsc_mappings_size(&list, wide);
	*count = (ULONG)list.n;
	if (list.n && !need) {
		isdsc_mapping_list_free(&list);
		return isdsc_fail(ERROR_INVALID_DATA, "the mappings need more than 4 GiB");
	}
	*size = (ULONG)need;
	if (have < need || (need && !out)) {
		isdsc_mapping_list_free(&list);
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "%zu mapping(s) need %zu bytes; "
				  "Mappings has %zu", (size_t)*count, need, out ? have : 0);
	}
	if (need)
		isdsc_mappings_write(&list, wide, out);
	isdsc_mapping_list_free(&list);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS report_active(PULONG size, PULONG count, void *out, bool wide)
{
	struct isdsc_session_list live;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "BufferSize is NULL");
	if (!count)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "MappingCount is NULL");
	if (*size && !out)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Mappings is NULL but *BufferSize is %u",
				  (unsigned int)*size);
	if (out && (uintptr_t)out % _Alignof(ISCSI_TARGET_MAPPINGA))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Mappings is not aligned for "
				  "ISCSI_TARGET_MAPPING");
	status = isdsc_session_dump(&live);
	if (status != ERROR_SUCCESS)
		return status;
	status = isdsc_active_mappings(&live, wide, size, count, out);
	isdsc_session_list_free(&live);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportActiveIScsiTargetMappingsA(PULONG BufferSize,
	PULONG MappingCount, PISCSI_TARGET_MAPPINGA Mappings)
{
	return report_active(BufferSize, MappingCount, Mappings, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportActiveIScsiTargetMappingsW(PULONG BufferSize,
	PULONG MappingCount, PISCSI_TARGET_MAPPINGW Mappings)
{
	return report_active(BufferSize, MappingCount, Mappings, true);
}
