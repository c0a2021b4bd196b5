// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * iscsidsc/sessions.h: the SESSION_GET dump as plain structures for mcsadm,
 * sorted by the transport class session number iscsiadm users know.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "session.h"
#include "iscsidsc/sessions.h"

static void copy_conn(const struct isdsc_conn_rec *c, struct iscsi_mcs_conn_info *o)
{
	isdsc_id_to_unique(c->id, &o->id);
	o->cid = c->cid;
	o->state = c->state;
	isdsc_addr_string(&c->portal, o->portal, sizeof(o->portal));
	o->portal_port = c->portal.port;
	isdsc_addr_string(&c->local, o->local, sizeof(o->local));
	o->local_port = c->local.port;
	o->header_digest = c->header_digest;
	o->data_digest = c->data_digest;
	o->max_recv_dsl = c->max_recv_dsl;
	o->max_xmit_dsl = c->max_xmit_dsl;
	o->weight = c->weight;
	o->standby = c->standby;
	o->depth = c->depth;
	o->pdus_sent = c->pdus_sent;
	o->pdus_received = c->pdus_received;
	o->commands = c->commands;
	o->bytes_read = c->bytes_read;
	o->bytes_written = c->bytes_written;
	o->errors = c->errors;
	o->latency_ns = c->latency_ns;
}

static int copy_session(const struct isdsc_session_rec *s, struct iscsi_mcs_session_info *o)
{
	size_t j;

	isdsc_id_to_unique(s->id, &o->id);
	o->class_sid = s->have_class_sid ? (int64_t)s->class_sid : -1;
	o->host_no = s->have_host_no ? (int64_t)s->host_no : -1;
	o->isid = s->isid;
	o->tsih = s->tsih;
	o->tpgt = s->tpgt;
	o->state = s->state;
	o->policy = s->policy;
	snprintf(o->target_name, sizeof(o->target_name), "%s", s->target_name);
	snprintf(o->initiator_name, sizeof(o->initiator_name), "%s", s->initiator_name);
	snprintf(o->target_alias, sizeof(o->target_alias), "%s", s->target_alias);
	o->max_connections = s->max_connections;
	o->error_recovery_level = s->error_recovery_level;
	o->max_burst_length = s->max_burst_length;
	o->first_burst_length = s->first_burst_length;
	o->default_time2wait = s->default_time2wait;
	o->default_time2retain = s->default_time2retain;
	o->max_outstanding_r2t = s->max_outstanding_r2t;
	o->immediate_data = s->immediate_data;
	o->initial_r2t = s->initial_r2t;
	if (!s->n_conns)
		return 0;
	o->conns = calloc(s->n_conns, sizeof(*o->conns));
	if (!o->conns)
		return -1;
	o->n_conns = s->n_conns;
	for (j = 0; j < s->n_conns; j++)
		copy_conn(&s->conns[j], &o->conns[j]);
	return 0;
}

static int by_class_sid(const void *a, const void *b)
{
	const struct iscsi_mcs_session_info *x = a, *y = b;
	uint64_t kx = (uint64_t)x->class_sid, ky = (uint64_t)y->class_sid;

	/* -1 becomes the largest key: unregistered sessions sort last. */
	return kx < ky ? -1 : kx > ky;
}

ISDSC_EXPORT ISDSC_STATUS iscsi_mcs_sessions_get(struct iscsi_mcs_session_info **out, size_t *n)
{
	struct isdsc_session_list list;
	struct iscsi_mcs_session_info *o;
	ISDSC_STATUS status;
	size_t i;

	*out = NULL;
	*n = 0;
	status = isdsc_session_dump(&list);
	if (status != ERROR_SUCCESS)
		return status;
	o = calloc(list.n ? list.n : 1, sizeof(*o));
	if (!o) {
		isdsc_session_list_free(&list);
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for the session list");
	}
	for (i = 0; i < list.n; i++) {
		if (copy_session(&list.s[i], &o[i])) {
			iscsi_mcs_sessions_free(o, i + 1);
			isdsc_session_list_free(&list);
			return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for the session list");
		}
	}
	qsort(o, list.n, sizeof(*o), by_class_sid);
	*out = o;
	*n = list.n;
	isdsc_session_list_free(&list);
	return ERROR_SUCCESS;
}

ISDSC_EXPORT void iscsi_mcs_sessions_free(struct iscsi_mcs_session_info *s, size_t n)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		free(s[i].conns);
	free(s);
}
