// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The layout assertions in iscsidsc.h must actually bite: a program that
 * supplies its own Windows types with LP64 widths (ULONG as unsigned long,
 * WCHAR as wchar_t) must fail to compile, while correct definitions, the
 * UNICODE variant and a C++ compiler must all accept the header.
 *
 * Runs the compiler ($CC, default cc; $CXX, default c++) on small probes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static char dir[] = "/tmp/isdsc-abi-XXXXXX";
static char include_dir[512];

static const char prelude[] =
	"#include <stdint.h>\n"
	"#define ISDSC_HAVE_WIN_TYPES 1\n"
	"typedef void VOID;\n"
	"typedef void *PVOID, *LPVOID;\n"
	"typedef char CHAR;\n"
	"typedef CHAR *PCHAR, *PSTR, *LPSTR;\n"
	"typedef const CHAR *PCSTR, *LPCSTR;\n"
	"typedef WCHAR_TYPE WCHAR;\n"
	"typedef WCHAR *PWCHAR, *PWSTR, *LPWSTR;\n"
	"typedef uint8_t UCHAR;\n"
	"typedef UCHAR *PUCHAR;\n"
	"typedef uint8_t BOOLEAN;\n"
	"typedef uint16_t USHORT;\n"
	"typedef USHORT *PUSHORT;\n"
	"typedef ULONG_TYPE ULONG;\n"
	"typedef ULONG *PULONG;\n"
	"typedef uint32_t DWORD;\n"
	"typedef uint64_t ULONGLONG;\n"
	"#include <iscsidsc.h>\n"
	"int main(void) { return 0; }\n";

/* Compiles source with extra flags; returns the exit status, stderr in *log. */
static int compile(const char *compiler, const char *ext, const char *source,
		   const char *flags, char *log, size_t log_size)
{
	char src[600], err[600], cmd[2048];
	FILE *f;
	size_t n = 0;
	int status;

	snprintf(src, sizeof(src), "%s/probe.%s", dir, ext);
	snprintf(err, sizeof(err), "%s/probe.err", dir);
	f = fopen(src, "w");
	if (!f)
		return -1;
	fputs(source, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s -fsyntax-only -Wall -Werror %s -I%s %s 2>%s", compiler, flags,
		 include_dir, src, err);
	status = system(cmd);
	log[0] = '\0';
	f = fopen(err, "r");
	if (f) {
		n = fread(log, 1, log_size - 1, f);
		fclose(f);
	}
	log[n] = '\0';
	unlink(src);
	unlink(err);
	return status;
}

int main(void)
{
	const char *cc = getenv("CC") ? getenv("CC") : "cc";
	const char *cxx = getenv("CXX") ? getenv("CXX") : "c++";
	const char *file = __FILE__;	/* tests/test_abi_guard.c, relative to userlib */
	const char *slash = strrchr(file, '/');
	char log[8192];
	int r;

	snprintf(include_dir, sizeof(include_dir), "%.*s/../include",
		 slash ? (int)(slash - file) : 1, slash ? file : ".");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}

	r = compile(cc, "c", prelude, "-std=c11 -DULONG_TYPE=uint32_t -DWCHAR_TYPE=uint16_t",
		    log, sizeof(log));
	TAP_CHECK(r == 0, "the header accepts caller-supplied types of the right widths");
	if (r)
		printf("# %s\n", log);

	r = compile(cc, "c", prelude, "-std=c11 '-DULONG_TYPE=unsigned long' -DWCHAR_TYPE=uint16_t",
		    log, sizeof(log));
	TAP_CHECK(r != 0 && strstr(log, "sizeof(ULONG) != 4"),
		  "a 64-bit ULONG is a compile-time error naming ULONG");

	r = compile(cc, "c", prelude, "-std=c11 -DULONG_TYPE=uint32_t -DWCHAR_TYPE=wchar_t "
		    "-include stddef.h", log, sizeof(log));
	TAP_CHECK(r != 0 && strstr(log, "sizeof(WCHAR) != 2"),
		  "a 32-bit WCHAR (wchar_t) is a compile-time error naming WCHAR");

	r = compile(cc, "c", "#include <iscsidsc.h>\nint main(void) { return 0; }\n",
		    "-std=c11 -DUNICODE -Wpedantic", log, sizeof(log));
	TAP_CHECK(r == 0, "the header compiles as strict C11 with UNICODE");
	if (r)
		printf("# %s\n", log);

	r = compile(cxx, "cc", "#include <iscsidsc.h>\nint main() { return 0; }\n", "-std=c++11",
		    log, sizeof(log));
	TAP_CHECK(r == 0, "the header compiles as C++11 (%s)", cxx);
	if (r)
		printf("# %s\n", log);

	rmdir(dir);
	return tap_done();
}
