#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries for the store tests that run on a real PostgreSQL,
# when no initdb is found. The tests start their own throwaway server (no system cluster is
# used). Idempotent; runs apt-get as root or through sudo.
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-postgres: PostgreSQL is missing, and installing it needs root or sudo;" \
    "install it yourself: apt-get install postgresql" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-postgres: no apt-get here; install PostgreSQL (initdb and pg_ctl)" \
    "under /usr/lib/postgresql/<version>/bin" >&2
  exit 1
fi

echo "install-postgres: installing postgresql ..." >&2
if ! "${as_root[@]}" apt-get update -qq \
  || ! DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq postgresql; then
  echo "install-postgres: apt-get could not install postgresql;" \
    "the PostgreSQL store tests will fail until it is installed" >&2
  exit 1
fi
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "install-postgres: apt-get ran but no /usr/lib/postgresql/*/bin/initdb is there" >&2
  exit 1
fi
