# SPDX-License-Identifier: GPL-2.0
#
# iscsi-mcs: top-level build. See README.md.
#
#   make            module, library and tools
#   make deps       install what build, tests and demo need (Debian 12)
#   make check      every test suite; the last line sums them
#   make demo       the story, in a VM
#   make style      checkpatch --strict, W=1 and sparse
#   make install    honours DESTDIR and PREFIX (KDIR/MCS_KSERIES: which kernel)
#   make uninstall  removes what make install put there
#   make dkms-install    sources to /usr/src, built and installed by dkms for
#                        every kernel with headers (and later ones)
#   make dkms-uninstall  removes them from dkms and /usr/src

PREFIX ?= /usr/local
DESTDIR ?=
export PREFIX DESTDIR

# Debian's headers of the kernel series MCS_KSERIES (default 6.1), chosen by
# scripts/kernel-pick: never whatever happens to be newest or running.
KDIR ?= $(shell $(CURDIR)/scripts/kernel-pick headers 2>/dev/null)
# What uname -r says on it: Debian's kernel.release holds the upstream
# version (6.1.192) where the modules live under 6.1.0-57-amd64.
KVER = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)

# The project's one version (modinfo, netlink, GetIScsiVersionInformation,
# mcsadm --version, the packages): everything else reads it from here.
MCS_VERSION := $(shell sed -n 's/^\#define MCS_VERSION "\(.*\)"/\1/p' $(CURDIR)/kmod/version.h)

CC ?= cc
NL_CFLAGS := $(shell pkg-config --cflags libnl-genl-3.0 2>/dev/null || echo -I/usr/include/libnl3)
NL_LIBS := $(shell pkg-config --libs libnl-genl-3.0 2>/dev/null || echo -lnl-genl-3 -lnl-3)
TOOL_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -Iuapi $(NL_CFLAGS)

all: kmod userlib tools

kmod:
	@test -n "$(KDIR)" -a -d "$(KDIR)" || { echo "no kernel build dir: make deps, or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

userlib:
	$(MAKE) -C userlib

tools: userlib
	$(MAKE) -C tools

build/tests/nlprobe: tests/e2e/nlprobe.c uapi/linux/iscsi_mcs.h
	@mkdir -p build/tests
	$(CC) $(TOOL_CFLAGS) -o $@ $< $(NL_LIBS)

# No libnl: it sends what a library would never build.
build/tests/nlfuzz: tests/e2e/nlfuzz.c uapi/linux/iscsi_mcs.h
	@mkdir -p build/tests
	$(CC) $(TOOL_CFLAGS) -o $@ $<

test-tools: build/tests/nlprobe build/tests/nlfuzz lio-fixed

# LIO's target module with the ERL 2 fix the end-to-end tests need, for the
# kernel KDIR is (the script knows when it is up to date).
lio-fixed:
	KDIR=$(KDIR) scripts/lio-fixed.sh

deps:
	scripts/deps.sh

check: deps
	scripts/check.sh

demo: deps
	scripts/demo.sh

bench: deps
	scripts/bench.sh

style:
	scripts/style.sh

install: all
	@# Debian's headers would sign with a key only Debian has; sign with
	@# your own (MOK) key if Secure Boot needs it.
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) INSTALL_MOD_DIR=extra \
		CONFIG_MODULE_SIG_ALL= modules_install
	install -D -m 0644 uapi/linux/iscsi_mcs.h $(DESTDIR)$(PREFIX)/include/linux/iscsi_mcs.h
	$(MAKE) -C userlib install
	$(MAKE) -C tools install
	@# Debian's headers have no System.map, so modules_install skips depmod:
	@# without it modprobe cannot find the module. Into a DESTDIR (a package
	@# being built) neither runs; the package's scripts do it on the target.
ifeq ($(DESTDIR),)
	depmod -a $(KVER)
	ldconfig
endif

uninstall:
	rm -f $(DESTDIR)/lib/modules/$(KVER)/extra/kmod/iscsi_mcs.ko*
	rm -f $(DESTDIR)$(PREFIX)/include/linux/iscsi_mcs.h
	$(MAKE) -C userlib uninstall
	$(MAKE) -C tools uninstall
ifeq ($(DESTDIR),)
	depmod -a $(KVER)
	ldconfig
endif

# What dkms needs to build the module, and nothing built: dkms copies it into
# its own tree and builds there with the default "make -C <headers> M=...".
# The KUnit suites are in, since kmod/Kbuild links them in on a kernel with
# CONFIG_KUNIT.
DKMS ?= dkms
DKMS_NAME := iscsi-mcs
DKMS_SRC = $(DESTDIR)/usr/src/$(DKMS_NAME)-$(MCS_VERSION)
DKMS_FILES := Kbuild kmod/Kbuild \
	$(sort $(filter-out %.mod.c,$(wildcard kmod/*.[ch] kmod/tests/*.[ch]))) \
	uapi/linux/iscsi_mcs.h LICENSES/preferred/GPL-2.0 LICENSES/preferred/MIT \
	LICENSES/exceptions/Linux-syscall-note
# Every kernel whose headers are installed; kernels installed later get the
# module from dkms's kernel hook (AUTOINSTALL in dkms.conf).
DKMS_KERNELS ?= $(shell for d in /lib/modules/*/build; do [ -d "$$d/" ] && basename "$${d%/build}"; done)

dkms-source:
	@test -n "$(MCS_VERSION)" || { echo "no MCS_VERSION in kmod/version.h" >&2; exit 1; }
	rm -rf $(DKMS_SRC)
	for f in $(DKMS_FILES); do install -D -m 0644 $$f $(DKMS_SRC)/$$f || exit 1; done
	sed 's/#MODULE_VERSION#/$(MCS_VERSION)/' dkms.conf >$(DKMS_SRC)/dkms.conf

# Installing the same version again replaces it, so the sources dkms builds
# are always the tree's. A kernel whose build fails does not stop the others.
dkms-install:
	@test -n "$(MCS_VERSION)" || { echo "no MCS_VERSION in kmod/version.h" >&2; exit 1; }
	if $(DKMS) status -m $(DKMS_NAME) -v $(MCS_VERSION) | grep -q .; then \
		$(DKMS) remove -m $(DKMS_NAME) -v $(MCS_VERSION) --all; fi
	$(MAKE) dkms-source
	$(DKMS) add -m $(DKMS_NAME) -v $(MCS_VERSION)
	rc=0; for k in $(DKMS_KERNELS); do \
		$(DKMS) install -m $(DKMS_NAME) -v $(MCS_VERSION) -k $$k || rc=1; done; exit $$rc

dkms-uninstall:
	@test -n "$(MCS_VERSION)" || { echo "no MCS_VERSION in kmod/version.h" >&2; exit 1; }
	if $(DKMS) status -m $(DKMS_NAME) -v $(MCS_VERSION) | grep -q .; then \
		$(DKMS) remove -m $(DKMS_NAME) -v $(MCS_VERSION) --all; fi
	rm -rf $(DKMS_SRC)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userlib clean
	$(MAKE) -C tools clean
	rm -rf build

.PHONY: all kmod userlib tools test-tools lio-fixed deps check demo bench style install uninstall \
	dkms-source dkms-install dkms-uninstall clean
