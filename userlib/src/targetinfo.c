// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GetIScsiTargetInformationA/W. Windows' initiator service keeps one
 * record per target and discovery mechanism; here the same facts are
 * spread over open-iscsi's node records (one per portal, with the MC/S
 * side record's alias, flags and initiator instance), the send-target
 * portal file (which portal's discovery reported the target) and the
 * kernel's live sessions (the alias the target gave at login, the portals
 * and portal group tag in use, the SCSI devices). Each class takes what
 * it needs from those three; libiscsidsc(3) and GetIScsiTargetInformation(3)
 * say which.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "iscsidsc/nodedb.h"
#include "internal.h"
#include "mappings.h"
#include "persist.h"
#include "stportals.h"
#include "targetinfo.h"
#include "utf16.h"

/* "SendTargets:" or "iSNS:", an address, a space and a port. */
#define MECH_MAX	(16 + MAX_ISCSI_PORTAL_ADDRESS_LEN + 8)

struct record {
	struct iscsi_mcs_node_id id;
	struct iscsi_mcs_rec *rec;
	char mech[MECH_MAX];
	bool selected;
};

struct st_source {
	char mech[MECH_MAX];
	char instance[MAX_ISCSI_HBANAME_LEN];
	bool selected;
};

struct facts {
	size_t n_rec;
	struct record *rec;
	size_t n_st;
	struct st_source *st;
	bool live;
};

static void facts_free(struct facts *f)
{
	for (size_t i = 0; i < f->n_rec; i++)
		iscsi_mcs_rec_free(f->rec[i].rec);
	free(f->rec);
	free(f->st);
	memset(f, 0, sizeof(*f));
}

/* The discovery mechanism a node record names, in the SDK's "Kind:detail" form. */
static void mechanism_of(const struct iscsi_mcs_rec *rec, char *out, size_t size)
{
	const char *type = iscsi_mcs_rec_get(rec, "node.discovery_type");
	const char *addr = iscsi_mcs_rec_get(rec, "node.discovery_address");
	const char *port = iscsi_mcs_rec_get(rec, "node.discovery_port");
	const char *kind;

	/* Records older tools wrote without a type were added by hand. */
	if (!type || !*type || !strcmp(type, "static")) {
		snprintf(out, size, "Static:");
		return;
	}
	if (!strcmp(type, "send_targets"))
		kind = "SendTargets";
	else if (!strcmp(type, "isns"))
		kind = "iSNS";
	else if (!strcmp(type, "fw"))
		kind = "Firmware";
	else
		kind = type;
	if (addr && *addr)
		snprintf(out, size, "%s:%s %s", kind, addr, port && *port ? port : "3260");
	else
		snprintf(out, size, "%s:", kind);
}

/* "SendTargets:" selects every SendTargets portal; a full string only its own. */
static bool mechanism_matches(const char *mech, const char *wanted)
{
	size_t len;

	if (!wanted || !*wanted)
		return true;
	len = strlen(wanted);
	if (wanted[len - 1] == ':')
		return !strncasecmp(mech, wanted, len);
	return !strcasecmp(mech, wanted);
}

static ISDSC_STATUS gather(const char *target, const char *wanted,
			   const struct isdsc_session_list *live, struct facts *f)
{
	struct iscsi_mcs_node_id *ids = NULL;
	struct isdsc_st_list st;
	ISDSC_STATUS status;
	size_t n = 0;
	bool selected = false;
	int err;

	memset(f, 0, sizeof(*f));
	err = iscsi_mcs_node_list(NULL, &ids, &n);
	if (err)
		return isdsc_fail(ERROR_INVALID_DATA, "cannot list the node records under %s: %s",
				  iscsi_mcs_nodedb_root(NULL), isdsc_strerror(-err));
	f->rec = calloc(n ? n : 1, sizeof(*f->rec));
	if (!f->rec) {
		free(ids);
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		struct record *r = &f->rec[f->n_rec];

		/* A record another tool is rewriting, or a broken one, tells nothing. */
		if (strcmp(ids[i].target, target) || iscsi_mcs_node_read(NULL, &ids[i], &r->rec))
			continue;
		r->id = ids[i];
		mechanism_of(r->rec, r->mech, sizeof(r->mech));
		r->selected = mechanism_matches(r->mech, wanted);
		selected |= r->selected;
		f->n_rec++;
	}
	free(ids);

	status = isdsc_st_load(&st, NULL, NULL);
	if (status != ERROR_SUCCESS) {
		facts_free(f);
		return status;
	}
	f->st = calloc(st.n ? st.n : 1, sizeof(*f->st));
	if (!f->st) {
		isdsc_st_free(&st);
		facts_free(f);
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	}
	for (size_t i = 0; i < st.n; i++) {
		const struct isdsc_st_portal *p = &st.p[i];
		struct st_source *s = &f->st[f->n_st];
		bool listed = false;

		for (size_t j = 0; j < p->n_targets && !listed; j++)
			listed = !strcmp(p->targets[j], target);
		if (!listed)
			continue;
		snprintf(s->mech, sizeof(s->mech), "SendTargets:%s %u", p->address,
			 (unsigned int)p->socket);
		snprintf(s->instance, sizeof(s->instance), "%s", p->instance);
		s->selected = mechanism_matches(s->mech, wanted);
		selected |= s->selected;
		f->n_st++;
	}
	isdsc_st_free(&st);

	for (size_t i = 0; live && i < live->n && !f->live; i++)
		f->live = !strcmp(live->s[i].target_name, target);

	if (!f->n_rec && !f->n_st && !f->live) {
		facts_free(f);
		return isdsc_fail(ISDSC_TARGET_NOT_FOUND, "%s has no node record, was reported by "
				  "no send-target portal and has no session", target);
	}
	if (wanted && *wanted && !selected) {
		facts_free(f);
		return isdsc_fail(ISDSC_DISCOVERY_MECHANISM_NOT_FOUND, "%s was not found by "
				  "\"%s\"", target, wanted);
	}
	return ERROR_SUCCESS;
}

/* The first record of the selected mechanisms, which the per-target classes read. */
static const struct iscsi_mcs_rec *first_record(const struct facts *f)
{
	for (size_t i = 0; i < f->n_rec; i++)
		if (f->rec[i].selected)
			return f->rec[i].rec;
	return NULL;
}

/* ---- the answer, built in memory before the size check ---- */

struct answer {
	uint8_t *p;
	size_t len, cap;
	bool oom;
};

static void put(struct answer *a, const void *data, size_t n)
{
	if (a->oom)
		return;
	if (a->len + n > a->cap) {
		size_t cap = a->cap ? a->cap : 256;
		uint8_t *grown;

		while (cap < a->len + n)
			cap *= 2;
		grown = realloc(a->p, cap);
		if (!grown) {
			a->oom = true;
			return;
		}
		a->p = grown;
		a->cap = cap;
	}
	if (data)
		memcpy(a->p + a->len, data, n);
	else
		memset(a->p + a->len, 0, n);
	a->len += n;
}

static void pad(struct answer *a, size_t align)
{
	if (a->len % align)
		put(a, NULL, align - a->len % align);
}

static void put_ulong(struct answer *a, ULONG v)
{
	put(a, &v, sizeof(v));
}

/* A string and its NUL; false for one that is not UTF-8 (W only). */
static bool put_string(struct answer *a, const char *s, bool wide)
{
	WCHAR *w;
	size_t units;

	if (!wide) {
		put(a, s, strlen(s) + 1);
		return true;
	}
	if (isdsc_utf8_to_utf16(s, strlen(s), NULL, 0, &units) == -EILSEQ)
		return false;
	w = calloc(units, sizeof(*w));
	if (!w) {
		a->oom = true;
		return true;
	}
	isdsc_utf8_to_utf16(s, strlen(s), w, units, NULL);
	put(a, w, units * sizeof(*w));
	free(w);
	return true;
}

static const char *alias_of(const struct facts *f, const char *target,
			    const struct isdsc_session_list *live)
{
	const struct iscsi_mcs_rec *rec = first_record(f);
	const char *v;

	/* What the target said at login is newer than what was recorded. */
	for (size_t i = 0; live && i < live->n; i++)
		if (!strcmp(live->s[i].target_name, target) && live->s[i].target_alias[0])
			return live->s[i].target_alias;
	v = rec ? iscsi_mcs_rec_get(rec, ISDSC_KEY_ALIAS) : NULL;
	return v ? v : "";
}

static const char *instance_of(const struct facts *f)
{
	const struct iscsi_mcs_rec *rec = first_record(f);
	const char *v = rec ? iscsi_mcs_rec_get(rec, ISDSC_KEY_INSTANCE) : NULL;

	if (v && *v)
		return v;
	for (size_t i = 0; i < f->n_st; i++)
		if (f->st[i].selected && f->st[i].instance[0])
			return f->st[i].instance;
	return ISDSC_INITIATOR_INSTANCE;
}

static bool mech_at(const struct facts *f, size_t i, const char **m)
{
	if (i < f->n_rec) {
		*m = f->rec[i].mech;
		return f->rec[i].selected;
	}
	*m = f->st[i - f->n_rec].mech;
	return f->st[i - f->n_rec].selected;
}

static bool put_mechanisms(struct answer *a, const struct facts *f, bool wide)
{
	for (size_t i = 0; i < f->n_rec + f->n_st; i++) {
		const char *m, *other;
		bool dup = false;

		if (!mech_at(f, i, &m))
			continue;
		for (size_t j = 0; j < i && !dup; j++)
			dup = mech_at(f, j, &other) && !strcasecmp(other, m);
		if (!dup && !put_string(a, m, wide))
			return false;
	}
	return put_string(a, "", wide);
}

/* ---- PortalGroups ---- */

struct tportal {
	int tpgt;			/* -1: unknown */
	size_t order;
	char address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	uint16_t port;
};

static int compare_tportal(const void *pa, const void *pb)
{
	const struct tportal *a = pa, *b = pb;
	/* Unknown tags (-1) last, as one group of their own. */
	unsigned int ta = (unsigned int)a->tpgt, tb = (unsigned int)b->tpgt;

	if (ta != tb)
		return ta < tb ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static bool add_tportal(struct tportal **v, size_t *n, int tpgt, const char *address,
			uint16_t port)
{
	struct tportal *grown;

	if (!*address || strlen(address) >= sizeof((*v)->address))
		return true;
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].tpgt == tpgt && (*v)[i].port == port &&
		    !strcasecmp((*v)[i].address, address))
			return true;
	grown = realloc(*v, (*n + 1) * sizeof(**v));
	if (!grown)
		return false;
	*v = grown;
	grown[*n].tpgt = tpgt;
	grown[*n].order = *n;
	strcpy(grown[*n].address, address);
	grown[*n].port = port;
	(*n)++;
	return true;
}

static bool put_portal(struct answer *a, const struct tportal *t, bool wide)
{
	char tag[16] = "";

	/* The SDK's portal has no tag: the group's tag is each portal's SymbolicName. */
	if (t->tpgt >= 0)
		snprintf(tag, sizeof(tag), "%d", t->tpgt);
	if (wide) {
		ISCSI_TARGET_PORTALW p;

		memset(&p, 0, sizeof(p));
		if (isdsc_utf8_to_utf16(t->address, strlen(t->address), p.Address,
					ISDSC_ARRAY_SIZE(p.Address), NULL) ||
		    isdsc_utf8_to_utf16(tag, strlen(tag), p.SymbolicName,
					ISDSC_ARRAY_SIZE(p.SymbolicName), NULL))
			return false;
		p.Socket = t->port;
		put(a, &p, sizeof(p));
	} else {
		ISCSI_TARGET_PORTALA p;

		memset(&p, 0, sizeof(p));
		snprintf(p.Address, sizeof(p.Address), "%s", t->address);
		snprintf(p.SymbolicName, sizeof(p.SymbolicName), "%s", tag);
		p.Socket = t->port;
		put(a, &p, sizeof(p));
	}
	return true;
}

static ISDSC_STATUS put_portal_groups(struct answer *a, const struct facts *f, const char *target,
				      const char *wanted, const struct isdsc_session_list *live,
				      bool wide)
{
	struct tportal *v = NULL;
	size_t n = 0, groups = 0;
	bool ok = true;

	for (size_t i = 0; i < f->n_rec && ok; i++)
		if (f->rec[i].selected)
			ok = add_tportal(&v, &n, f->rec[i].id.tpgt, f->rec[i].id.address,
					 f->rec[i].id.port);
	/* A live session's portals belong to no mechanism in particular. */
	for (size_t i = 0; live && (!wanted || !*wanted) && i < live->n && ok; i++) {
		const struct isdsc_session_rec *s = &live->s[i];

		if (strcmp(s->target_name, target))
			continue;
		for (size_t j = 0; j < s->n_conns && ok; j++) {
			char addr[64];

			isdsc_addr_string(&s->conns[j].portal, addr, sizeof(addr));
			ok = add_tportal(&v, &n, s->tpgt, addr, s->conns[j].portal.port);
		}
	}
	if (!ok) {
		free(v);
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	}
	/*
	 * A record written before any login has no tag; once a session shows
	 * the tag of the same portal, the portal belongs in that group only.
	 */
	for (size_t i = 0; i < n;) {
		bool tagged = false;

		for (size_t j = 0; j < n && v[i].tpgt < 0 && !tagged; j++)
			tagged = v[j].tpgt >= 0 && v[j].port == v[i].port &&
				 !strcasecmp(v[j].address, v[i].address);
		if (tagged)
			v[i] = v[--n];
		else
			i++;
	}
	if (n)
		qsort(v, n, sizeof(*v), compare_tportal);
	for (size_t i = 0; i < n; i++)
		groups += !i || v[i].tpgt != v[i - 1].tpgt;
	put_ulong(a, (ULONG)groups);
	for (size_t i = 0; i < n && ok;) {
		size_t j = i;

		while (j < n && v[j].tpgt == v[i].tpgt)
			j++;
		pad(a, 4);
		put_ulong(a, (ULONG)(j - i));
		for (; i < j && ok; i++)
			ok = put_portal(a, &v[i], wide);
	}
	pad(a, 4);
	free(v);
	if (!ok)
		return isdsc_fail(ERROR_INVALID_DATA, "a portal address of %s is not UTF-8", target);
	return ERROR_SUCCESS;
}

/* ---- the classes ---- */

static size_t alignment_of(TARGET_INFORMATION_CLASS cls, bool wide)
{
	switch (cls) {
	case PersistentTargetMappings:
	case LoginOptions:
		return _Alignof(ISCSI_LOGIN_OPTIONS);
	case ProtocolType:
	case PortalGroups:
	case TargetFlags:
		return sizeof(ULONG);
	default:
		return wide ? sizeof(WCHAR) : 1;
	}
}

/* The answer's size protocol: *size in, the bytes used or needed out. */
static ISDSC_STATUS deliver(const struct answer *a, ULONG *size, void *buf)
{
	size_t have = *size;

	if (a->oom)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	if (a->len > UINT32_MAX)
		return isdsc_fail(ERROR_INVALID_DATA, "the answer needs more than 4 GiB");
	*size = (ULONG)a->len;
	if (have < a->len || !buf)
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "the answer needs %zu bytes; Buffer "
				  "has %zu", a->len, buf ? have : 0);
	memcpy(buf, a->p, a->len);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS mappings_answer(const char *target, const struct isdsc_session_list *live,
				    bool wide, ULONG *size, void *buf)
{
	struct isdsc_session_list none = { 0 };
	struct isdsc_mapping_list list;
	size_t need, have = *size, array;
	ISDSC_STATUS status;
	ULONG count;

	status = isdsc_mappings_collect(live ? live : &none, target, &list);
	if (status != ERROR_SUCCESS)
		return status;
	array = isdsc_mappings_size(&list, wide);
	if (list.n && !array) {
		isdsc_mapping_list_free(&list);
		return isdsc_fail(ERROR_INVALID_DATA, "the mappings need more than 4 GiB");
	}
	/* The count, then the array where its pointer member can be aligned. */
	need = list.n ? _Alignof(ISCSI_TARGET_MAPPINGA) + array : sizeof(ULONG);
	*size = (ULONG)need;
	if (have < need || !buf) {
		isdsc_mapping_list_free(&list);
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "%zu mapping(s) need %zu bytes; Buffer "
				  "has %zu", list.n, need, buf ? have : 0);
	}
	memset(buf, 0, need);
	count = (ULONG)list.n;
	memcpy(buf, &count, sizeof(count));
	if (list.n)
		isdsc_mappings_write(&list, wide, (uint8_t *)buf + _Alignof(ISCSI_TARGET_MAPPINGA));
	isdsc_mapping_list_free(&list);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS options_answer(const struct facts *f, ULONG *size, void *buf)
{
	const struct iscsi_mcs_rec *rec = first_record(f);
	const char *user = rec ? iscsi_mcs_rec_get(rec, "node.session.auth.username") : NULL;
	const char *auth = rec ? iscsi_mcs_rec_get(rec, "node.session.auth.authmethod") : NULL;
	size_t user_len = 0, need, have = *size;
	ISCSI_LOGIN_OPTIONS o;

	memset(&o, 0, sizeof(o));
	o.Version = ISCSI_LOGIN_OPTIONS_VERSION;
	if (rec)
		isdsc_persist_options(rec, &o);
	/* The CHAP name follows the structure; the secret is never reported. */
	if (user && *user && auth && !strcasecmp(auth, "CHAP"))
		user_len = strlen(user);
	need = sizeof(o) + user_len;
	*size = (ULONG)need;
	if (have < need || !buf)
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "the login options need %zu bytes; "
				  "Buffer has %zu", need, buf ? have : 0);
	if (user_len) {
		o.InformationSpecified |= ISCSI_LOGIN_OPTIONS_USERNAME;
		o.UsernameLength = (ULONG)user_len;
		o.Username = (PUCHAR)buf + sizeof(o);
		memcpy(o.Username, user, user_len);
	}
	memcpy(buf, &o, sizeof(o));
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_target_info(const char *target, const char *mechanism,
			       TARGET_INFORMATION_CLASS cls, const struct isdsc_session_list *live,
			       bool wide, ULONG *size, void *buf)
{
	struct answer a = { 0 };
	struct facts f;
	ISDSC_STATUS status = ERROR_SUCCESS;

	if ((unsigned int)cls > (unsigned int)LoginOptions)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InfoClass %d is not a "
				  "TARGET_INFORMATION_CLASS", (int)cls);
	if (!size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "BufferSize is NULL");
	if (*size && !buf)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Buffer is NULL but *BufferSize is %u",
				  (unsigned int)*size);
	if (buf && (uintptr_t)buf % alignment_of(cls, wide))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Buffer is not aligned on %zu bytes for "
				  "InfoClass %d", alignment_of(cls, wide), (int)cls);
	status = gather(target, mechanism, live, &f);
	if (status != ERROR_SUCCESS)
		return status;

	switch (cls) {
	case ProtocolType:
		put_ulong(&a, ISCSI_TCP_PROTOCOL_TYPE);
		break;
	case TargetAlias:
		if (!put_string(&a, alias_of(&f, target, live), wide))
			status = isdsc_fail(ERROR_INVALID_DATA, "the alias of %s is not UTF-8",
					    target);
		break;
	case DiscoveryMechanisms:
		if (!put_mechanisms(&a, &f, wide))
			status = isdsc_fail(ERROR_INVALID_DATA, "a discovery address of %s is not "
					    "UTF-8", target);
		break;
	case PortalGroups:
		status = put_portal_groups(&a, &f, target, mechanism, live, wide);
		break;
	case PersistentTargetMappings:
		status = mappings_answer(target, live, wide, size, buf);
		goto out;
	case InitiatorName:
		if (!put_string(&a, instance_of(&f), wide))
			status = isdsc_fail(ERROR_INVALID_DATA, "the initiator instance of %s is "
					    "not UTF-8", target);
		break;
	case TargetFlags: {
		const struct iscsi_mcs_rec *rec = first_record(&f);

		put_ulong(&a, rec ? (ULONG)isdsc_rec_num(rec, ISDSC_KEY_TFLAGS, 0) : 0);
		break;
	}
	case LoginOptions:
		status = options_answer(&f, size, buf);
		goto out;
	}
	if (status == ERROR_SUCCESS)
		status = deliver(&a, size, buf);
out:
	free(a.p);
	facts_free(&f);
	return status;
}

/* ---- GetIScsiTargetInformationA/W ---- */

static ISDSC_STATUS target_information(const char *target, const char *mechanism,
				       TARGET_INFORMATION_CLASS cls, PULONG size, PVOID buf,
				       bool wide)
{
	struct isdsc_session_list live;
	ISDSC_STATUS status;

	/* Without the module there is no session, and the records still answer. */
	if (isdsc_session_dump(&live) != ERROR_SUCCESS)
		memset(&live, 0, sizeof(live));
	isdsc_error_clear();
	status = isdsc_target_info(target, mechanism, cls, &live, wide, size, buf);
	isdsc_session_list_free(&live);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiTargetInformationA(PSTR TargetName,
	PSTR DiscoveryMechanism, TARGET_INFORMATION_CLASS InfoClass, PULONG BufferSize,
	PVOID Buffer)
{
	isdsc_error_clear();
	if (!TargetName || !*TargetName ||
	    strnlen(TargetName, MAX_ISCSI_NAME_LEN + 1) > MAX_ISCSI_NAME_LEN)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName must be a string of 1 to "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	if (DiscoveryMechanism && strnlen(DiscoveryMechanism, MECH_MAX) == MECH_MAX)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DiscoveryMechanism is longer than %d "
				  "characters", MECH_MAX - 1);
	return target_information(TargetName, DiscoveryMechanism, InfoClass, BufferSize, Buffer,
				  false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiTargetInformationW(PWSTR TargetName,
	PWSTR DiscoveryMechanism, TARGET_INFORMATION_CLASS InfoClass, PULONG BufferSize,
	PVOID Buffer)
{
	char target[3 * MAX_ISCSI_NAME_LEN + 1], mech[3 * MECH_MAX + 1];
	size_t len;

	isdsc_error_clear();
	if (!TargetName || !*TargetName ||
	    (len = isdsc_utf16_nlen(TargetName, MAX_ISCSI_NAME_LEN + 1)) > MAX_ISCSI_NAME_LEN ||
	    isdsc_utf16_to_utf8(TargetName, len, target, sizeof(target), NULL))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName must be a string of 1 to "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	if (DiscoveryMechanism &&
	    ((len = isdsc_utf16_nlen(DiscoveryMechanism, MECH_MAX)) == MECH_MAX ||
	     isdsc_utf16_to_utf8(DiscoveryMechanism, len, mech, sizeof(mech), NULL)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DiscoveryMechanism is not a string of "
				  "fewer than %d characters", MECH_MAX);
	return target_information(target, DiscoveryMechanism ? mech : NULL, InfoClass,
				  BufferSize, Buffer, true);
}
