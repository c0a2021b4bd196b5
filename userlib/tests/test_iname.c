// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * iSCSI name syntax, and Get/SetIScsiInitiatorNodeName on an initiator
 * name file in a private temporary directory.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iname.h"
#include "iscsidsc.h"
#include "tap.h"

static char dir[] = "/tmp/isdsc-iname-XXXXXX";
static char path[256];

static const char *status_name(ISDSC_STATUS s)
{
	const char *name = IScsiMcsStatusName(s);

	return name ? name : "unknown";
}

static void write_text(const char *file, const char *text)
{
	FILE *f = fopen(file, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(file);
		exit(2);
	}
}

/* The file's content, or "" if it cannot be read (into a static buffer). */
static const char *read_text(const char *file)
{
	static char buf[8192];
	FILE *f = fopen(file, "r");
	size_t n = 0;

	buf[0] = '\0';
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* Shows a file's content as TAP diagnostics. */
static void diag_text(const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");

		printf("#   | %.*s\n", (int)n, text);
		text += n + (text[n] == '\n');
	}
}

static int count_entries(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	int n = 0;

	if (!dp)
		return -1;
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(dp);
	return n;
}

static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void name_syntax(void)
{
	static const char *valid[] = {
		"iqn.2005-03.org.open-iscsi:0123456789ab",
		"iqn.1992-01.com.example",
		"iqn.2001-04.com.example:storage:diskarrays-sn-a8675309",
		"iqn.2001-04.com.example:storage.tape1.sys1.xyz",
		"iqn.2024-12.example",
		"eui.02004567a425678d",
		"naa.52004567ba64678d",
		"naa.62004567ba64678d0123456789abcdef",
	};
	static const struct {
		const char *name;
		const char *reason_part;
	} invalid[] = {
		{ "", "empty" },
		{ "IQN.2005-03.org.example", "upper-case" },
		{ "iqn.2005-03.org.Example", "upper-case" },
		{ "eui.02004567A425678D", "upper-case" },
		{ "iqn.2005-03.org.example:my_disk", "a-z, 0-9" },
		{ "iqn.2005-03.org.example:disk 1", "a-z, 0-9" },
		{ "iqn.2005-03.org.ex\xc3\xa4mple", "a-z, 0-9" },
		{ "iqn.05-03.org.example", "yyyy-mm" },
		{ "iqn.2005-3.org.example", "yyyy-mm" },
		{ "iqn.2005-13.org.example", "month" },
		{ "iqn.2005-00.org.example", "month" },
		{ "iqn.2005-03org.example", "naming authority" },
		{ "iqn.2005-03.", "empty naming authority" },
		{ "iqn.2005-03.:disk", "empty naming authority" },
		{ "iqn.2005-03..org", "starts or ends" },
		{ "iqn.2005-03.org..example", "\"..\"" },
		{ "iqn.2005-03.org.example:", "nothing after" },
		{ "eui.02004567a425678", "16 hexadecimal" },
		{ "eui.02004567a425678d0", "16 hexadecimal" },
		{ "eui.02004567a425678g", "hexadecimal" },
		{ "naa.52004567ba64678d01", "16 or 32" },
		{ "naa.52004567ba64678z", "hexadecimal" },
		{ "iscsi.2005-03.org.example", "does not start" },
		{ "2005-03.org.example", "does not start" },
	};
	char longest[MAX_ISCSI_NAME_LEN + 2];

	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		const char *why = isdsc_iscsi_name_check(valid[i]);

		TAP_CHECK(!why, "valid name %s (%s)", valid[i], why ? why : "accepted");
	}
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		const char *why = isdsc_iscsi_name_check(invalid[i].name);

		TAP_CHECK(why && strstr(why, invalid[i].reason_part),
			  "invalid name \"%s\": %s", invalid[i].name, why ? why : "ACCEPTED");
	}

	/* 223 bytes is the limit, not one more. */
	memset(longest, 'a', sizeof(longest));
	memcpy(longest, "iqn.2005-03.org.example:", 24);
	longest[MAX_ISCSI_NAME_LEN] = '\0';
	TAP_CHECK(!isdsc_iscsi_name_check(longest), "a 223-byte name is valid");
	longest[MAX_ISCSI_NAME_LEN] = 'a';
	longest[MAX_ISCSI_NAME_LEN + 1] = '\0';
	TAP_CHECK(isdsc_iscsi_name_check(longest) &&
		  strstr(isdsc_iscsi_name_check(longest), "longer than 223"),
		  "a 224-byte name is too long");
}

static void get_missing_file(void)
{
	char name[MAX_ISCSI_NAME_LEN + 1] = "untouched";
	ISDSC_STATUS s = GetIScsiInitiatorNodeNameA(name);

	TAP_CHECK(s == ISDSC_INITIATOR_NODE_NOT_FOUND, "Get without a file: "
		  "ISDSC_INITIATOR_NODE_NOT_FOUND (got %s)", status_name(s));
	TAP_CHECK(strstr(IScsiMcsLastErrorText(), path) && !strcmp(name, "untouched"),
		  "the text names the file and the buffer is untouched: %s", IScsiMcsLastErrorText());
}

static void set_then_get(void)
{
	char name[MAX_ISCSI_NAME_LEN + 1];
	WCHAR wide[MAX_ISCSI_NAME_LEN + 1];
	const char *text;
	struct stat st;
	ISDSC_STATUS s;
	int same = 1;

	s = SetIScsiInitiatorNodeNameA("iqn.2005-03.org.example:host1");
	TAP_CHECK(s == ERROR_SUCCESS && IScsiMcsLastErrorText()[0] == '\0',
		  "Set creates the file (got %s: %s)", status_name(s), IScsiMcsLastErrorText());
	text = read_text(path);
	TAP_CHECK(strstr(text, "\nInitiatorName=iqn.2005-03.org.example:host1\n") &&
		  text[0] == '#', "a new file has a comment and the InitiatorName line");
	TAP_CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0644,
		  "a new file is mode 0644 (is %o)", (unsigned int)(st.st_mode & 07777));
	TAP_CHECK(count_entries(dir) == 1, "no temporary file is left behind");

	s = GetIScsiInitiatorNodeNameA(name);
	TAP_CHECK(s == ERROR_SUCCESS && !strcmp(name, "iqn.2005-03.org.example:host1"),
		  "GetA returns the name (%s)", s == ERROR_SUCCESS ? name : status_name(s));

	memset(wide, 0xFF, sizeof(wide));
	s = GetIScsiInitiatorNodeNameW(wide);
	for (size_t i = 0; i <= strlen("iqn.2005-03.org.example:host1"); i++)
		if (wide[i] != (WCHAR)(unsigned char)"iqn.2005-03.org.example:host1"[i])
			same = 0;
	TAP_CHECK(s == ERROR_SUCCESS && same, "GetW returns the same name in UTF-16");
}

static void edit_preserves_other_lines(void)
{
	static const char before[] =
		"## a comment that must survive\n"
		"#InitiatorName=iqn.1999-01.org.commented:out\n"
		"\n"
		"InitiatorAlias=host one\n"
		"  InitiatorName = iqn.2005-03.org.example:old  \n"
		"InitiatorName=iqn.2005-03.org.example:duplicate\n"
		"# trailing comment without newline";
	static const char after[] =
		"## a comment that must survive\n"
		"#InitiatorName=iqn.1999-01.org.commented:out\n"
		"\n"
		"InitiatorAlias=host one\n"
		"InitiatorName=iqn.2005-03.org.example:new\n"
		"# trailing comment without newline\n";
	char name[MAX_ISCSI_NAME_LEN + 1];
	struct stat st;
	ISDSC_STATUS s;
	int ok;

	write_text(path, before);
	chmod(path, 0600);
	s = GetIScsiInitiatorNodeNameA(name);
	TAP_CHECK(s == ERROR_SUCCESS && !strcmp(name, "iqn.2005-03.org.example:old"),
		  "Get skips comments and trims blanks around '=' and the value (%s)",
		  s == ERROR_SUCCESS ? name : IScsiMcsLastErrorText());

	s = SetIScsiInitiatorNodeNameA("iqn.2005-03.org.example:new");
	ok = s == ERROR_SUCCESS && !strcmp(read_text(path), after);
	TAP_CHECK(ok, "Set replaces only the first InitiatorName line and keeps every other line");
	if (!ok)
		diag_text(read_text(path));
	TAP_CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600,
		  "Set keeps the file's mode 0600 (is %o)", (unsigned int)(st.st_mode & 07777));

	write_text(path, "InitiatorName=iqn.2005-03.org.example:crlf\r\n");
	s = GetIScsiInitiatorNodeNameA(name);
	TAP_CHECK(s == ERROR_SUCCESS && !strcmp(name, "iqn.2005-03.org.example:crlf"),
		  "Get accepts CRLF line ends");
}

static void reset_to_default(void)
{
	char first[MAX_ISCSI_NAME_LEN + 1], second[MAX_ISCSI_NAME_LEN + 1];
	const char *prefix = "iqn.2005-03.org.open-iscsi:";
	size_t plen = strlen(prefix);
	int hex_ok = 1;
	ISDSC_STATUS s;

	s = SetIScsiInitiatorNodeNameA(NULL);
	TAP_CHECK(s == ERROR_SUCCESS && GetIScsiInitiatorNodeNameA(first) == ERROR_SUCCESS,
		  "Set(NULL) writes a generated name (%s)", IScsiMcsLastErrorText());
	for (size_t i = plen; i < plen + 12; i++)
		if (!strchr("0123456789abcdef", first[i]) || !first[i])
			hex_ok = 0;
	TAP_CHECK(!strncmp(first, prefix, plen) && strlen(first) == plen + 12 && hex_ok,
		  "the generated name is %s<12 lower-case hex digits>: %s", prefix, first);
	TAP_CHECK(!isdsc_iscsi_name_check(first), "the generated name is a valid iSCSI name");

	s = SetIScsiInitiatorNodeNameW(NULL);
	TAP_CHECK(s == ERROR_SUCCESS && GetIScsiInitiatorNodeNameA(second) == ERROR_SUCCESS &&
		  strcmp(first, second) != 0,
		  "SetW(NULL) generates another, random name: %s", second);
}

static void rejected_names(void)
{
	static const WCHAR lone_surrogate[] = { 'i', 'q', 'n', '.', 0xD800, 0 };
	static const WCHAR good_wide[] = { 'e', 'u', 'i', '.', '0', '2', '0', '0', '4', '5', '6',
					   '7', 'a', '4', '2', '5', '6', '7', '8', 'd', 0 };
	WCHAR unterminated[300];
	char name[MAX_ISCSI_NAME_LEN + 1];
	char before[8192];
	ISDSC_STATUS s;

	SetIScsiInitiatorNodeNameA("iqn.2005-03.org.example:keep");
	snprintf(before, sizeof(before), "%s", read_text(path));

	s = SetIScsiInitiatorNodeNameA("IQN.2005-03.org.example:upper");
	TAP_CHECK(s == ISDSC_INVALID_ISCSI_NAME && strstr(IScsiMcsLastErrorText(), "upper-case"),
		  "SetA of an upper-case name: ISDSC_INVALID_ISCSI_NAME: %s", IScsiMcsLastErrorText());
	s = SetIScsiInitiatorNodeNameA("");
	TAP_CHECK(s == ISDSC_INVALID_ISCSI_NAME, "SetA of \"\": ISDSC_INVALID_ISCSI_NAME (%s)",
		  status_name(s));
	s = SetIScsiInitiatorNodeNameW((PWSTR)lone_surrogate);
	TAP_CHECK(s == ISDSC_INVALID_ISCSI_NAME && strstr(IScsiMcsLastErrorText(), "UTF-16"),
		  "SetW with an unpaired surrogate: ISDSC_INVALID_ISCSI_NAME: %s",
		  IScsiMcsLastErrorText());
	/* No terminator within 300 units: must be refused without reading past the limit. */
	for (size_t i = 0; i < 300; i++)
		unterminated[i] = 'a';
	s = SetIScsiInitiatorNodeNameW(unterminated);
	TAP_CHECK(s == ISDSC_INVALID_ISCSI_NAME && strstr(IScsiMcsLastErrorText(), "longer"),
		  "SetW of an over-long name: ISDSC_INVALID_ISCSI_NAME: %s", IScsiMcsLastErrorText());
	TAP_CHECK(!strcmp(read_text(path), before), "refused names leave the file unchanged");

	s = SetIScsiInitiatorNodeNameW((PWSTR)good_wide);
	TAP_CHECK(s == ERROR_SUCCESS && GetIScsiInitiatorNodeNameA(name) == ERROR_SUCCESS &&
		  !strcmp(name, "eui.02004567a425678d"), "SetW stores a UTF-16 eui. name");

	write_text(path, "InitiatorName=iqn.2005-03.org.Example:bad\n");
	s = GetIScsiInitiatorNodeNameA(name);
	TAP_CHECK(s == ISDSC_INVALID_ISCSI_NAME && strstr(IScsiMcsLastErrorText(), "line 1"),
		  "Get of an invalid stored name: ISDSC_INVALID_ISCSI_NAME: %s",
		  IScsiMcsLastErrorText());

	write_text(path, "# only a comment\nInitiatorAlias=x\n");
	s = GetIScsiInitiatorNodeNameA(name);
	TAP_CHECK(s == ISDSC_INITIATOR_NODE_NOT_FOUND && strstr(IScsiMcsLastErrorText(), "InitiatorName="),
		  "Get of a file without the line: ISDSC_INITIATOR_NODE_NOT_FOUND: %s",
		  IScsiMcsLastErrorText());
}

static void odd_files(void)
{
	char sub[300], target[300], link[300], big[70000];
	char name[MAX_ISCSI_NAME_LEN + 1];
	struct stat st;
	ISDSC_STATUS s;

	/* A symbolic link stays a link; the file it points to is replaced. */
	snprintf(target, sizeof(target), "%s/real.iscsi", dir);
	snprintf(link, sizeof(link), "%s/link.iscsi", dir);
	write_text(target, "InitiatorName=iqn.2005-03.org.example:target\n");
	TAP_CHECK(symlink(target, link) == 0, "symlink created");
	setenv("ISCSI_MCS_INITIATORNAME_FILE", link, 1);
	s = SetIScsiInitiatorNodeNameA("iqn.2005-03.org.example:through-link");
	TAP_CHECK(s == ERROR_SUCCESS && lstat(link, &st) == 0 && S_ISLNK(st.st_mode) &&
		  strstr(read_text(target), "through-link"),
		  "Set through a symbolic link updates its target and keeps the link");

	/* A missing parent directory (like /etc/iscsi) is created. */
	snprintf(sub, sizeof(sub), "%s/iscsi/initiatorname.iscsi", dir);
	setenv("ISCSI_MCS_INITIATORNAME_FILE", sub, 1);
	s = SetIScsiInitiatorNodeNameA("iqn.2005-03.org.example:newdir");
	TAP_CHECK(s == ERROR_SUCCESS && GetIScsiInitiatorNodeNameA(name) == ERROR_SUCCESS &&
		  !strcmp(name, "iqn.2005-03.org.example:newdir"),
		  "Set creates a missing parent directory (%s)", IScsiMcsLastErrorText());

	/* Two missing levels are not created: that is not a typical setup. */
	snprintf(sub, sizeof(sub), "%s/a/b/initiatorname.iscsi", dir);
	setenv("ISCSI_MCS_INITIATORNAME_FILE", sub, 1);
	s = SetIScsiInitiatorNodeNameA("iqn.2005-03.org.example:deep");
	TAP_CHECK(s == ERROR_FILE_NOT_FOUND && strstr(IScsiMcsLastErrorText(), sub),
		  "Set below two missing directories: ERROR_FILE_NOT_FOUND: %s",
		  IScsiMcsLastErrorText());

	/* A directory, or a file too large to be the name file, is refused. */
	setenv("ISCSI_MCS_INITIATORNAME_FILE", dir, 1);
	s = GetIScsiInitiatorNodeNameA(name);
	TAP_CHECK(s == ERROR_INVALID_DATA, "Get of a directory: ERROR_INVALID_DATA (%s: %s)",
		  status_name(s), IScsiMcsLastErrorText());
	memset(big, '#', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	write_text(target, big);
	setenv("ISCSI_MCS_INITIATORNAME_FILE", target, 1);
	s = GetIScsiInitiatorNodeNameA(name);
	TAP_CHECK(s == ERROR_INVALID_DATA && strstr(IScsiMcsLastErrorText(), "larger"),
		  "Get of a 70 kB file: ERROR_INVALID_DATA: %s", IScsiMcsLastErrorText());
	setenv("ISCSI_MCS_INITIATORNAME_FILE", path, 1);
}

static void null_arguments(void)
{
	ISDSC_STATUS s;

	s = GetIScsiInitiatorNodeNameA(NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "NULL"),
		  "GetA(NULL): ERROR_INVALID_PARAMETER: %s", IScsiMcsLastErrorText());
	s = GetIScsiInitiatorNodeNameW(NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "NULL"),
		  "GetW(NULL): ERROR_INVALID_PARAMETER: %s", IScsiMcsLastErrorText());
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/initiatorname.iscsi", dir);
	setenv("ISCSI_MCS_INITIATORNAME_FILE", path, 1);

	name_syntax();
	get_missing_file();
	set_then_get();
	edit_preserves_other_lines();
	reset_to_default();
	rejected_names();
	odd_files();
	null_arguments();

	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
