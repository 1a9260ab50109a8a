# Sourced by bin/delegate and bin/test: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME, then the usual install locations, then `java` on PATH.

delegate_java_major() {
  # prints the major version of the java at $1/bin/java, or nothing
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}')
  [ -n "$v" ] && echo "${v%%.*}"
}

delegate_find_jdk() {
  local min=21 candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(delegate_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "delegate: no JDK $min or newer found." >&2
  echo "  Looked at \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, /usr/java/*, /opt/java/*, /opt/jdk* and \`java\` on PATH." >&2
  echo "  Install one (for example Temurin 21 or 25) and/or set JAVA_HOME to it." >&2
  return 1
}
