#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a validator if it is installed; otherwise the test is reported as
# skipped (exit 77) with the reason, never as passed.
if ! command -v "$1" >/dev/null 2>&1; then
  echo "$1 is not installed; build-aux/install-deps installs it." >&2
  exit 77
fi
exec "$@"
