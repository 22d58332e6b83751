# Sourced by the scripts: finds a JDK >= 21 and exports JAVA_HOME and JAVA.
# Order: $JAVA_HOME if new enough, then the usual install locations (newest first).

_chancery_java_major() {
  # Prints the major version of the JDK at $1, or nothing if it is not a JDK.
  local home=$1 v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p')
  fi
  [ "$v" = "1" ] && v=8
  echo "$v"
}

chancery_find_jdk() {
  local min=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(_chancery_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      best=$JAVA_HOME
      best_major=$major
    fi
  fi
  if [ -z "$best" ]; then
    # CHANCERY_JDK_DIRS (folders holding JDKs, space-separated) replaces the usual locations.
    local dirs=${CHANCERY_JDK_DIRS:-/usr/lib/jvm /usr/java /opt/java /opt /Library/Java/JavaVirtualMachines $HOME/.sdkman/candidates/java $HOME/.jdks}
    local d
    for candidate in $(for d in $dirs; do ls -d "$d"/* "$d"/*/Contents/Home 2>/dev/null; done); do
      [ -d "$candidate" ] || continue
      major=$(_chancery_java_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
        best=$candidate
        best_major=$major
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "chancery: no JDK 21 or newer found (looked at JAVA_HOME=${JAVA_HOME:-unset} and in: $dirs)." >&2
    echo "  Install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export JAVA="$best/bin/java"
}
