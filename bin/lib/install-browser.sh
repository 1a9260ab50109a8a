#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver (a matched pair) for the browser test, when
# either is missing. Idempotent; runs apt-get as root or through sudo.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-browser: chromium and chromium-driver are missing, and installing them needs" \
    "root or sudo; install them yourself: apt-get install chromium chromium-driver" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get here; install Chromium and its matching chromedriver" \
    "as /usr/bin/chromium and /usr/bin/chromedriver" >&2
  exit 1
fi

echo "install-browser: installing chromium and chromium-driver ..." >&2
if ! "${as_root[@]}" apt-get update -qq \
  || ! DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium chromium-driver; then
  echo "install-browser: apt-get could not install chromium and chromium-driver;" \
    "the browser test (WebUiBrowserTest) will fail until they are installed" >&2
  exit 1
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "install-browser: apt-get ran but /usr/bin/chromium or /usr/bin/chromedriver is missing" >&2
  exit 1
fi
