#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries for the store tests that run on a real PostgreSQL,
# when no initdb is found. The tests start their own throwaway server (no system cluster is
# used). Idempotent; runs apt-get as root or through sudo.
set -euo pipefail
# shellcheck source=apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
delegate_apt_install install-postgres "the PostgreSQL tests will fail" postgresql || exit 1
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "install-postgres: apt-get ran but no /usr/lib/postgresql/*/bin/initdb is there" >&2
  exit 1
fi
