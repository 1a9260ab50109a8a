#!/usr/bin/env bash
# Installs the agent CLIs the real-CLI tests drive, at pinned versions, into a project-local
# npm prefix: $root/.delegate/tools/npm (gitignored). Idempotent: a CLI whose installed
# version already matches is left alone, so a second run takes well under a second.
# Installs Debian's nodejs and npm with apt when node or npm is missing.
#
#   bin/lib/install-agents.sh            # install or check them all
#   DELEGATE_AGENTS_PREFIX=DIR bin/lib/install-agents.sh
#
# Prints the prefix on the last line of stdout; binaries are under PREFIX/bin.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
prefix=${DELEGATE_AGENTS_PREFIX:-$root/.delegate/tools/npm}

# package@version pairs; keep in step with README.md ("Supported agent CLIs") and each profile's
# version.tested (delegate-agent/src/main/resources/dev/delegate/agent/profiles/)
pins=(
  "@anthropic-ai/claude-code@2.1.197"
  "@openai/codex@0.169.0"
  "@zed-industries/claude-code-acp@0.16.2"
  "@zed-industries/codex-acp@0.16.0"
  "@google/gemini-cli@0.61.0"
)

log() { echo "install-agents: $*" >&2; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    log "node or npm missing; installing Debian's nodejs and npm ..."
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm >&2
    else sudo apt-get update -qq && sudo apt-get install -y -qq nodejs npm >&2; fi
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "error: node and npm are required to install the agent CLIs (Node 18 or newer)."
    log "  Install them (Debian/Ubuntu: apt-get install nodejs npm) and run this again."
    exit 1
  fi
fi

installed_version() {
  # prints the version of package $1 installed under the prefix, or nothing
  local pkg_json="$prefix/lib/node_modules/$1/package.json"
  [ -f "$pkg_json" ] || return 0
  node -e 'process.stdout.write(require(process.argv[1]).version || "")' "$pkg_json"
}

todo=()
for pin in "${pins[@]}"; do
  name=${pin%@*}
  want=${pin##*@}
  have=$(installed_version "$name")
  if [ "$have" != "$want" ]; then
    todo+=("$pin")
    log "$name: ${have:-not installed}, installing $want"
  fi
done

if [ ${#todo[@]} -gt 0 ]; then
  mkdir -p "$prefix"
  # --prefix keeps everything inside the project; no global state, no update checks
  npm install --global --prefix "$prefix" --no-audit --no-fund --loglevel=error \
    --update-notifier=false "${todo[@]}" >&2
  for pin in "${todo[@]}"; do
    name=${pin%@*}
    want=${pin##*@}
    have=$(installed_version "$name")
    if [ "$have" != "$want" ]; then
      log "error: $name is at '${have:-nothing}' after npm install, expected $want"
      exit 1
    fi
  done
fi

for bin in claude codex claude-code-acp codex-acp gemini; do
  if [ ! -x "$prefix/bin/$bin" ]; then
    log "error: $prefix/bin/$bin is missing after the install"
    exit 1
  fi
done
echo "$prefix"
