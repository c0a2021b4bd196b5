# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration for Documentation/: the files are the kernel's
# reStructuredText without its extensions, so stock Sphinx renders them
# ("make check"'s package suite runs sphinx-build -W).

project = "iscsi-mcs"
copyright = "2026, The iscsi-mcs authors"
master_doc = "index"
exclude_patterns = ["_build"]

import os
import re

# The project's one version lives in kmod/version.h.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "kmod", "version.h"), encoding="utf-8") as f:
    release = re.search(r'#define MCS_VERSION "([^"]*)"', f.read()).group(1)
version = release
