#!/usr/bin/env bash
# IVR under load (issue 3): N concurrent real calls (Local channels originated over AMI into the lab's Asterisk 22)
# through our FastAGI server running config/ivr.yaml, once on virtual threads and once on a platform pool the size
# of Asterisk-Java's default (500). Each run is its own JVM (cn.jiesu.bench.ivr.IvrLoadBench) and is bounded in time.
# Uses its own lab directory and loopback ports, so it never disturbs a lab that tests are using; starts that lab
# and stops it afterwards. Results go to stdout; BENCHMARKS.md records them.
#
#   scripts/bench-ivr.sh                                  # CALLS="200 1000", THREADS="virtual platform"
#   CALLS=1000 THREADS=virtual GAP=15 scripts/bench-ivr.sh
#   JIESU_LAB_DIR=... JIESU_AMI_PORT=... JIESU_AGI_PORT=... scripts/bench-ivr.sh   # another lab
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"
# shellcheck source=lib/bench.sh
. "$REPO_DIR/scripts/lib/bench.sh"
# shellcheck source=lib/redis.sh
. "$REPO_DIR/scripts/lib/redis.sh"   # jiesu_free_port

CALLS=${CALLS:-"200 1000"}
THREADS=${THREADS:-"virtual platform"}
TIMEOUT_S=${TIMEOUT_S:-240}
GAP=${GAP:-10}          # seconds between the caller's digit groups: longer calls overlap more

# Without JIESU_LAB_DIR the benchmark has a lab of its own (a second chroot, built once), restarted on its ports.
own_lab=0
if [ -z "${JIESU_LAB_DIR:-}" ]; then
    own_lab=1
    export JIESU_LAB_DIR=$HOME/.cache/jiesu/asterisk-lab-bench
fi
export JIESU_AMI_PORT=${JIESU_AMI_PORT:-$(jiesu_free_port)}
export JIESU_AGI_PORT=${JIESU_AGI_PORT:-$(jiesu_free_port)}
export JIESU_SIP_PORT=${JIESU_SIP_PORT:-$(jiesu_free_port)}
export JIESU_AMI_USERNAME=${JIESU_AMI_USERNAME:-jiesu-bench}

log() { printf '[bench-ivr] %s\n' "$*" >&2; }

jiesu_find_jdk
jiesu_require_maven
cd "$REPO_DIR"

# Only the ivr module is built (and installed); the harness is compiled against its classpath, so the benchmark
# does not depend on the other modules being built.
log "building ivr"
mvn -B -q -pl ivr -am install -Dmaven.test.skip=true
mvn -B -q -pl ivr dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$REPO_DIR/ivr/target/bench-classpath.txt" >/dev/null
WORK=$(mktemp -d -t jiesu-bench-ivr.XXXXXX)
lab_started=0
cleanup() {
    [ "$lab_started" = 1 ] && scripts/asterisk-lab.sh stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
# Private copies of every jar: other builds in the same tree (and `mvn install` into ~/.m2) may rewrite them while
# a run is still loading classes.
mkdir -p "$WORK/lib"
cp ivr/target/jiesu-ivr-*.jar "$WORK/lib/"
tr ':' '\n' <ivr/target/bench-classpath.txt | while read -r jar; do cp "$jar" "$WORK/lib/"; done
CP="$WORK/lib/*"
javac -d "$WORK/classes" -cp "$CP" bench/src/main/java/cn/jiesu/bench/ivr/*.java
CP="$WORK/classes:$CP"

jiesu_bench_logback "$WORK/logback.xml" '<logger name="org.asteriskjava" level="ERROR"/>'

[ "$own_lab" = 1 ] && scripts/asterisk-lab.sh stop >/dev/null 2>&1
if ! scripts/asterisk-lab.sh status >/dev/null 2>&1; then
    scripts/asterisk-lab.sh setup
    lab_started=1
    scripts/asterisk-lab.sh start
fi
SECRET_FILE="$JIESU_LAB_DIR/ami.secret"
if [ -n "${JIESU_AMI_SECRET:-}" ]; then
    SECRET_FILE="$WORK/ami.secret"
    (umask 077 && printf '%s' "$JIESU_AMI_SECRET" >"$SECRET_FILE")
fi

# wait_idle: until the lab has no channels left from the previous run (at most 60 s).
wait_idle() {
    local i
    for ((i = 0; i < 120; i++)); do
        scripts/asterisk-lab.sh rx 'core show channels count' 2>/dev/null | grep -q '^0 active channels' && return
        sleep 0.5
    done
    log "lab still has channels after 60 s"
}

log "$(nproc) cores, $(java -version 2>&1 | head -1), $(scripts/asterisk-lab.sh rx 'core show version' | head -1)"
for calls in $CALLS; do
    for threads in $THREADS; do
        wait_idle
        log "run: $calls calls, $threads threads"
        timeout $((TIMEOUT_S + 60)) java -Xms256m -Xmx1g -Dlogback.configurationFile="$WORK/logback.xml" \
            -cp "$CP" cn.jiesu.bench.ivr.IvrLoadBench --calls "$calls" --threads "$threads" \
            --agi-port "$JIESU_AGI_PORT" --ami-port "$JIESU_AMI_PORT" --ami-user "$JIESU_AMI_USERNAME" \
            --ami-secret-file "$SECRET_FILE" --timeout-s "$TIMEOUT_S" --gap "$GAP" --ivr config/ivr.yaml \
            --asterisk-pid "$(cat "$JIESU_LAB_DIR/asterisk.pid")"
        log "lab after the run: $(scripts/asterisk-lab.sh status | head -1)"
    done
done
