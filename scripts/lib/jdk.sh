# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Order: an existing JAVA_HOME if it is new enough, then /usr/lib/jvm/*, then `java` on PATH.

jiesu_java_major() { # prints the major version of the java binary in $1
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

jiesu_find_jdk() {
    local candidates=() c major
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    for c in /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    local best="" best_major=0
    for c in "${candidates[@]}"; do
        [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
        major=$(jiesu_java_major "$c/bin/java")
        [ -n "$major" ] || continue
        if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$c; best_major=$major; fi
    done
    if [ -z "$best" ]; then
        echo "jiesu: no JDK >= 21 found (looked at JAVA_HOME, /usr/lib/jvm/*, javac on PATH)." >&2
        echo "jiesu: install one, e.g. 'apt-get install openjdk-21-jdk-headless' (Debian 13) or Temurin 21+, or set JAVA_HOME." >&2
        return 1
    fi
    export JAVA_HOME=$best
    export PATH="$JAVA_HOME/bin:$PATH"
    # Maven's own JVM: no colour resets from its console library on a pipe, and on JDK 24+ no warning that its
    # Guice calls sun.misc.Unsafe (the flag is unknown before 23, so only there). Forked test JVMs are not affected.
    local quiet="-Djansi.noreset=true"
    [ "$best_major" -ge 24 ] && quiet="$quiet --sun-misc-unsafe-memory-access=allow"
    case " ${MAVEN_OPTS:-} " in *" -Djansi.noreset=true "*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }$quiet" ;; esac
}

jiesu_require_maven() {
    if ! command -v mvn >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "jiesu: installing Maven (Debian package maven)" >&2
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
        else
            echo "jiesu: Maven is missing: install it (apt-get install maven) and run again." >&2
            return 1
        fi
    fi
}
