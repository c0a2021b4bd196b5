// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The netlink layer: extended-ack parsing on hand-built messages, real
 * exchanges with the kernel's own "nlctrl" family (doit, dump, refusal with
 * an extended ack), and the public calls when the iscsi_mcs family is
 * absent (or present, if this runs where the module is loaded), including
 * concurrent callers.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include <linux/genetlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "iscsidsc.h"
#include "nl.h"
#include "tap.h"

/* ---- hand-built NLMSG_ERROR / NLMSG_DONE messages ---- */

struct msgbuf {
	union {
		struct nlmsghdr hdr;
		uint32_t words[128];	/* keeps everything 4-byte aligned */
	};
};

static struct nlmsghdr *msg_start(struct msgbuf *b, uint16_t type, uint16_t flags)
{
	memset(b, 0, sizeof(*b));
	b->hdr.nlmsg_len = NLMSG_HDRLEN;
	b->hdr.nlmsg_type = type;
	b->hdr.nlmsg_flags = flags;
	return &b->hdr;
}

static void msg_put(struct nlmsghdr *h, const void *data, size_t len)
{
	memcpy((char *)h + h->nlmsg_len, data, len);
	h->nlmsg_len += NLMSG_ALIGN(len);
}

static void msg_put_attr(struct nlmsghdr *h, uint16_t type, const void *data, size_t len)
{
	struct nlattr nla = { .nla_len = (uint16_t)(NLA_HDRLEN + len), .nla_type = type };

	memcpy((char *)h + h->nlmsg_len, &nla, sizeof(nla));
	memcpy((char *)h + h->nlmsg_len + NLA_HDRLEN, data, len);
	h->nlmsg_len += NLA_ALIGN(nla.nla_len);
}

/* An error for a request whose payload had echoed_len bytes (echoed unless capped). */
static struct nlmsghdr *error_msg(struct msgbuf *b, int error, uint16_t flags, size_t echoed_len)
{
	struct nlmsghdr *h = msg_start(b, NLMSG_ERROR, flags);
	struct nlmsgerr e = { .error = error };
	unsigned char payload[64];

	e.msg.nlmsg_len = (uint32_t)(NLMSG_HDRLEN + echoed_len);
	e.msg.nlmsg_type = 0x1234;
	msg_put(h, &e, sizeof(e));
	if (!(flags & NLM_F_CAPPED)) {
		memset(payload, 0xEE, sizeof(payload));
		msg_put(h, payload, echoed_len);
	}
	return h;
}

static void ext_ack_parsing(void)
{
	struct msgbuf b;
	struct nlmsghdr *h;
	char text[64];
	uint32_t offs = 20;
	int r;

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 12);
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "boom", 5);
	r = isdsc_nl_ext_ack_msg(h, text, sizeof(text));
	TAP_CHECK(r == 1 && !strcmp(text, "boom"), "capped error: message found (%d, \"%s\")", r, text);
	TAP_CHECK(isdsc_nl_msg_errno(h) == EINVAL, "capped error: errno EINVAL");

	h = error_msg(&b, -EPERM, NLM_F_ACK_TLVS, 5);	/* 5 bytes echoed, padded to 8 */
	msg_put_attr(h, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "after the echo", 15);
	r = isdsc_nl_ext_ack_msg(h, text, sizeof(text));
	TAP_CHECK(r == 1 && !strcmp(text, "after the echo"),
		  "uncapped error: skips the echoed request and an OFFS attribute (%d, \"%s\")", r, text);
	TAP_CHECK(isdsc_nl_msg_errno(h) == EPERM, "uncapped error: errno EPERM");

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED, 0);
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "ignored", 8);
	TAP_CHECK(isdsc_nl_ext_ack_msg(h, text, sizeof(text)) == 0 && !text[0],
		  "without NLM_F_ACK_TLVS the attributes are not looked at");

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
	msg_put_attr(h, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	TAP_CHECK(isdsc_nl_ext_ack_msg(h, text, sizeof(text)) == 0, "no MSG attribute: 0");

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "unterminated", 12);
	TAP_CHECK(isdsc_nl_ext_ack_msg(h, text, sizeof(text)) == -1 && !text[0],
		  "a MSG without its NUL is malformed");

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "boom", 5);
	h->nlmsg_len -= 4;	/* the attribute now runs past the message */
	TAP_CHECK(isdsc_nl_ext_ack_msg(h, text, sizeof(text)) == -1,
		  "an attribute longer than the message is malformed");

	h = error_msg(&b, -EINVAL, NLM_F_ACK_TLVS, 0);
	((struct nlmsgerr *)NLMSG_DATA(h))->msg.nlmsg_len = 4096;	/* claims a huge echo */
	TAP_CHECK(isdsc_nl_ext_ack_msg(h, text, sizeof(text)) == -1,
		  "an echoed request longer than the message is malformed");

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "truncate me", 12);
	TAP_CHECK(isdsc_nl_ext_ack_msg(h, text, 4) == 1 && !strcmp(text, "tru"),
		  "a long message is cut to the buffer, NUL-terminated");

	h = msg_start(&b, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS);
	msg_put(h, &(int){ -EPERM }, sizeof(int));
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "dump refused", 13);
	r = isdsc_nl_ext_ack_msg(h, text, sizeof(text));
	TAP_CHECK(isdsc_nl_msg_errno(h) == EPERM && r == 1 && !strcmp(text, "dump refused"),
		  "NLMSG_DONE carrying an error and a message");

	h = msg_start(&b, NLMSG_DONE, NLM_F_MULTI);
	msg_put(h, &(int){ 0 }, sizeof(int));
	TAP_CHECK(isdsc_nl_msg_errno(h) == 0, "NLMSG_DONE of a successful dump: 0");

	h = error_msg(&b, 0, NLM_F_CAPPED, 0);
	TAP_CHECK(isdsc_nl_msg_errno(h) == 0, "an acknowledgement: 0");

	h = msg_start(&b, NLMSG_ERROR, NLM_F_ACK_TLVS);
	msg_put(h, &(int){ -EINVAL }, sizeof(int));	/* too short for struct nlmsgerr */
	TAP_CHECK(isdsc_nl_msg_errno(h) == -1 && isdsc_nl_ext_ack_msg(h, text, sizeof(text)) == -1,
		  "a truncated NLMSG_ERROR is malformed");

	h = msg_start(&b, GENL_ID_CTRL, NLM_F_ACK_TLVS);
	TAP_CHECK(isdsc_nl_msg_errno(h) == -1 && isdsc_nl_ext_ack_msg(h, text, sizeof(text)) == 0,
		  "an ordinary message carries neither errno nor ack");
}

static void ext_ack_cookies(void)
{
	struct msgbuf b;
	struct nlmsghdr *h;
	uint8_t cookie[ISDSC_NL_COOKIE_MAX], big[24] = { 1, 2, 3 };
	char text[64];
	int r;

	h = error_msg(&b, -EACCES, NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "auth failed", 12);
	msg_put_attr(h, NLMSGERR_ATTR_COOKIE, "\x02\x01", 2);
	r = isdsc_nl_ext_ack_cookie(h, cookie, sizeof(cookie));
	TAP_CHECK(r == 2 && cookie[0] == 2 && cookie[1] == 1 &&
		  isdsc_nl_ext_ack_msg(h, text, sizeof(text)) == 1 && !strcmp(text, "auth failed"),
		  "a 2-byte cookie after the message (login status 0x0201), message intact");

	h = error_msg(&b, -EACCES, NLM_F_ACK_TLVS, 7);	/* an echoed request first */
	msg_put_attr(h, NLMSGERR_ATTR_COOKIE, "\x03\x01", 2);
	r = isdsc_nl_ext_ack_cookie(h, cookie, sizeof(cookie));
	TAP_CHECK(r == 2 && cookie[0] == 3 && cookie[1] == 1, "a cookie after an echoed request");

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
	msg_put_attr(h, NLMSGERR_ATTR_MSG, "no cookie", 10);
	TAP_CHECK(isdsc_nl_ext_ack_cookie(h, cookie, sizeof(cookie)) == 0, "no cookie: 0");

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED, 0);
	msg_put_attr(h, NLMSGERR_ATTR_COOKIE, "\x02\x01", 2);
	TAP_CHECK(isdsc_nl_ext_ack_cookie(h, cookie, sizeof(cookie)) == 0,
		  "without NLM_F_ACK_TLVS a cookie is not looked at");

	h = error_msg(&b, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS, 0);
	msg_put_attr(h, NLMSGERR_ATTR_COOKIE, big, sizeof(big));
	TAP_CHECK(isdsc_nl_ext_ack_cookie(h, cookie, sizeof(cookie)) == -1,
		  "a cookie longer than NETLINK_MAX_COOKIE_LEN is malformed");

	h = msg_start(&b, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS);
	msg_put(h, &(int){ -EIO }, sizeof(int));
	msg_put_attr(h, NLMSGERR_ATTR_COOKIE, "\x09", 1);
	r = isdsc_nl_ext_ack_cookie(h, cookie, sizeof(cookie));
	TAP_CHECK(r == 1 && cookie[0] == 9, "a cookie in NLMSG_DONE");
}

/* ---- real exchanges with the nlctrl family ---- */

struct family_scan {
	int messages;
	bool saw_nlctrl;
	int nlctrl_id;
};

static ISDSC_STATUS scan_family(struct nl_msg *reply, void *arg)
{
	struct family_scan *scan = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];

	scan->messages++;
	if (genlmsg_parse(nlmsg_hdr(reply), 0, tb, CTRL_ATTR_MAX, NULL) < 0)
		return ISDSC_DRIVER_BUG;
	if (tb[CTRL_ATTR_FAMILY_NAME] && !strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), "nlctrl")) {
		scan->saw_nlctrl = true;
		if (tb[CTRL_ATTR_FAMILY_ID])
			scan->nlctrl_id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	}
	return ERROR_SUCCESS;
}

static int refusal_errno;
static size_t refusal_cookie_len = 99;

static ISDSC_STATUS custom_refusal(int err, const uint8_t *cookie, size_t cookie_len)
{
	(void)cookie;
	refusal_errno = err;
	refusal_cookie_len = cookie_len;
	return ISDSC_LOGIN_FAILED;
}

static ISDSC_STATUS refuse_reply(struct nl_msg *reply, void *arg)
{
	(void)reply;
	(void)arg;
	return ISDSC_DRIVER_BUG;
}

static void kernel_exchanges(void)
{
	struct family_scan scan = { 0 };
	struct isdsc_nl nl;
	struct nl_msg *m;
	unsigned char one_byte = 1;
	ISDSC_STATUS s;

	s = isdsc_nl_open(&nl, "isdsc_no_such_fam");
	TAP_CHECK(s == ISDSC_SERVICE_NOT_RUNNING && strstr(IScsiMcsLastErrorText(), "isdsc_no_such_fam"),
		  "an unregistered family: ISDSC_SERVICE_NOT_RUNNING: %s", IScsiMcsLastErrorText());

	s = isdsc_nl_open(&nl, "nlctrl");
	TAP_CHECK(s == ERROR_SUCCESS && nl.family == GENL_ID_CTRL, "open the nlctrl family (%s)",
		  IScsiMcsLastErrorText());
	if (s != ERROR_SUCCESS)
		return;

	m = isdsc_nl_request(&nl, CTRL_CMD_GETFAMILY, 0, 1);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	s = isdsc_nl_transact(&nl, m, "GETFAMILY", scan_family, &scan);
	TAP_CHECK(s == ERROR_SUCCESS && scan.messages == 1 && scan.saw_nlctrl &&
		  scan.nlctrl_id == GENL_ID_CTRL, "doit: exactly one answer, then the ack");

	memset(&scan, 0, sizeof(scan));
	m = isdsc_nl_request(&nl, CTRL_CMD_GETFAMILY, NLM_F_DUMP, 1);
	s = isdsc_nl_transact(&nl, m, "GETFAMILY dump", scan_family, &scan);
	TAP_CHECK(s == ERROR_SUCCESS && scan.messages > 1 && scan.saw_nlctrl,
		  "dump: every family until NLMSG_DONE (%d answers)", scan.messages);

	/* A 1-byte u16 fails the kernel's policy, which says so in an extended ack. */
	m = isdsc_nl_request(&nl, CTRL_CMD_GETFAMILY, 0, 1);
	nla_put(m, CTRL_ATTR_FAMILY_ID, 1, &one_byte);
	s = isdsc_nl_transact(&nl, m, "GETFAMILY", NULL, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "policy"),
		  "a refused request: ERROR_INVALID_PARAMETER with the kernel's extack: %s",
		  IScsiMcsLastErrorText());

	/* A command's own refusal map decides the status; the text stays the kernel's. */
	nl.refusal = custom_refusal;
	m = isdsc_nl_request(&nl, CTRL_CMD_GETFAMILY, 0, 1);
	nla_put(m, CTRL_ATTR_FAMILY_ID, 1, &one_byte);
	s = isdsc_nl_transact(&nl, m, "GETFAMILY", NULL, NULL);
	TAP_CHECK(s == ISDSC_LOGIN_FAILED && refusal_errno == ERANGE && refusal_cookie_len == 0 &&
		  strstr(IScsiMcsLastErrorText(), "policy"),
		  "a refusal map gets the errno and no cookie, and its status is returned");
	nl.refusal = NULL;

	m = isdsc_nl_request(&nl, 200, 0, 1);
	s = isdsc_nl_transact(&nl, m, "command 200", NULL, NULL);
	TAP_CHECK(s == ERROR_NOT_SUPPORTED && strstr(IScsiMcsLastErrorText(), "command 200"),
		  "an unknown command: ERROR_NOT_SUPPORTED: %s", IScsiMcsLastErrorText());

	m = isdsc_nl_request(&nl, CTRL_CMD_GETFAMILY, NLM_F_DUMP, 1);
	s = isdsc_nl_transact(&nl, m, "GETFAMILY dump", refuse_reply, NULL);
	TAP_CHECK(s == ISDSC_DRIVER_BUG, "a reply handler's failure ends the exchange with its status");

	/* After all that, the socket still pairs requests and answers correctly. */
	memset(&scan, 0, sizeof(scan));
	m = isdsc_nl_request(&nl, CTRL_CMD_GETFAMILY, 0, 1);
	nla_put_u16(m, CTRL_ATTR_FAMILY_ID, GENL_ID_CTRL);
	s = isdsc_nl_transact(&nl, m, "GETFAMILY", scan_family, &scan);
	TAP_CHECK(s == ERROR_SUCCESS && scan.messages == 1 && scan.saw_nlctrl,
		  "a later request on the same socket still works (%s)", IScsiMcsLastErrorText());
	isdsc_nl_close(&nl);
}

/* ---- the public calls against iscsi_mcs ---- */

/* Asks the kernel directly, without the library, whether the family exists. */
static bool module_loaded(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	bool loaded = false;

	if (sk && genl_connect(sk) == 0)
		loaded = genl_ctrl_resolve(sk, "iscsi_mcs") >= 0;
	nl_socket_free(sk);
	return loaded;
}

static bool loaded;

static bool version_call_ok(ISDSC_STATUS s, const ISCSI_VERSION_INFO *v)
{
	if (loaded)
		return s == ERROR_SUCCESS && IScsiMcsLastErrorText()[0] == '\0';
	return s == ISDSC_SERVICE_NOT_RUNNING && strstr(IScsiMcsLastErrorText(), "iscsi_mcs") &&
	       v->MajorVersion == 0xAAAAAAAAu && v->BuildNumber == 0xAAAAAAAAu;
}

static void public_calls(void)
{
	ISCSI_VERSION_INFO v;
	ISDSC_MCS_MODULE_INFO info;
	ISDSC_MCS_CONFIG config, pristine;
	ISDSC_STATUS s;

	loaded = module_loaded();
	printf("# iscsi_mcs family is %s\n", loaded ? "registered" : "absent");

	memset(&v, 0xAA, sizeof(v));
	s = GetIScsiVersionInformation(&v);
	TAP_CHECK(version_call_ok(s, &v), "GetIScsiVersionInformation: %s when the module is %s "
		  "(got %#x: %s)", loaded ? "success" : "ISDSC_SERVICE_NOT_RUNNING, output untouched",
		  loaded ? "loaded" : "absent", s, IScsiMcsLastErrorText());

	s = IScsiMcsGetModuleInfo(&info);
	TAP_CHECK(loaded ? s == ERROR_SUCCESS : s == ISDSC_SERVICE_NOT_RUNNING,
		  "IScsiMcsGetModuleInfo follows the module's presence (%#x)", s);

	memset(&config, 0x5A, sizeof(config));
	pristine = config;
	s = IScsiMcsGetConfig(&config);
	TAP_CHECK(loaded || (s == ISDSC_SERVICE_NOT_RUNNING && !memcmp(&config, &pristine, sizeof(config))),
		  "IScsiMcsGetConfig without the module: ISDSC_SERVICE_NOT_RUNNING, output untouched");

	/* A valid configuration passes the library's checks and goes to the kernel. */
	if (!loaded) {
		memset(&config, 0, sizeof(config));
		config.Fields = ISDSC_MCS_CONFIG_INITIATOR_NAME | ISDSC_MCS_CONFIG_MAX_CONNECTIONS;
		strcpy(config.InitiatorName, "iqn.2005-03.org.example:test");
		config.MaxConnections = 2;
		s = IScsiMcsSetConfig(&config);
		TAP_CHECK(s == ISDSC_SERVICE_NOT_RUNNING,
			  "IScsiMcsSetConfig of a valid configuration reaches netlink (%#x: %s)",
			  s, IScsiMcsLastErrorText());
	} else {
		/* Never change a live module's configuration from a unit test. */
		TAP_CHECK(1, "# SKIP IScsiMcsSetConfig: the module is loaded");
	}

	s = GetIScsiVersionInformation(NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && !strcmp(IScsiMcsLastErrorText(), "VersionInfo is NULL"),
		  "GetIScsiVersionInformation(NULL): ERROR_INVALID_PARAMETER, \"%s\"", IScsiMcsLastErrorText());
	s = IScsiMcsGetModuleInfo(NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "NULL"),
		  "IScsiMcsGetModuleInfo(NULL): ERROR_INVALID_PARAMETER");
	s = IScsiMcsGetConfig(NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "NULL"),
		  "IScsiMcsGetConfig(NULL): ERROR_INVALID_PARAMETER");
	s = IScsiMcsSetConfig(NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "NULL"),
		  "IScsiMcsSetConfig(NULL): ERROR_INVALID_PARAMETER");
}

/* ---- several threads, each with its own last-error text ---- */

#define THREADS 8
#define ROUNDS 40

static void *hammer(void *arg)
{
	long id = (long)arg;
	long failures = 0;

	for (int i = 0; i < ROUNDS; i++) {
		if (id % 2) {
			ISDSC_STATUS s = GetIScsiInitiatorNodeNameA(NULL);

			if (s != ERROR_INVALID_PARAMETER ||
			    strcmp(IScsiMcsLastErrorText(), "InitiatorNodeName is NULL"))
				failures++;
		} else {
			ISCSI_VERSION_INFO v;

			memset(&v, 0xAA, sizeof(v));
			if (!version_call_ok(GetIScsiVersionInformation(&v), &v))
				failures++;
		}
	}
	return (void *)failures;
}

static void concurrent_callers(void)
{
	pthread_t threads[THREADS];
	long failures = 0;

	for (long i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, hammer, (void *)i);
	for (int i = 0; i < THREADS; i++) {
		void *r;

		pthread_join(threads[i], &r);
		failures += (long)r;
	}
	TAP_CHECK(failures == 0, "%d threads x %d calls: each saw its own status and text "
		  "(%ld mismatches)", THREADS, ROUNDS, failures);
}

int main(void)
{
	ext_ack_parsing();
	ext_ack_cookies();
	kernel_exchanges();
	public_calls();
	concurrent_callers();
	return tap_done();
}
