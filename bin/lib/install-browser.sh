#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver (a matched pair) for the browser test, when
# either is missing. Idempotent; runs apt-get as root or through sudo.
set -euo pipefail
# shellcheck source=apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
delegate_apt_install install-browser "the browser test (WebUiBrowserTest) will fail" \
  chromium chromium-driver || exit 1
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "install-browser: apt-get ran but /usr/bin/chromium or /usr/bin/chromedriver is missing" >&2
  exit 1
fi
