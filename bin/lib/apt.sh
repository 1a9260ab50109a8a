# shellcheck shell=bash
# delegate_apt_install WHO WHAT PACKAGE...: installs Debian packages with apt-get, as root or
# through sudo. WHO names the calling script in messages; WHAT says what fails without them.
# Returns non-zero, with a message, when they cannot be installed.
delegate_apt_install() {
  local who=$1 what=$2
  shift 2
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      echo "$who: $* missing, and installing needs root or sudo;" \
        "install them yourself: apt-get install $*" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: no apt-get here; install $* yourself" >&2
    return 1
  fi
  echo "$who: installing $* ..." >&2
  if ! "${as_root[@]}" apt-get update -qq \
    || ! DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "$@"; then
    echo "$who: apt-get could not install $*; $what until they are installed" >&2
    return 1
  fi
}
