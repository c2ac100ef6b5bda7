#!/usr/bin/env bash
# AMI replay benchmark (issue 3): a long real Asterisk 22 event stream (the AMI captures in
# ivr/src/test/resources/fixtures/ami, repeated with rewritten Uniqueids/Linkedids and interleaved like concurrent
# calls) is served from a loopback socket and read by (a) Asterisk-Java's ManagerConnection with our wire tap,
# listener, bounded queue and call tracker, and (b) a raw socket line reader (with and without the same tracker).
# Prints events/s (median of RUNS), CPU cores and losses; BENCHMARKS.md records them.
#
#   scripts/bench-ami.sh                       # CALLS=3000 CONCURRENT=60 RUNS=3
#   CALLS=500 RUNS=1 scripts/bench-ami.sh
#   VARIANT=plain scripts/bench-ami.sh        # the stream without manager.conf channelvars lines
#   BUILD=0 scripts/bench-ami.sh               # jiesu-ivr already installed in ~/.m2
#
# Only ivr is built with Maven (core comes from ~/.m2); the harness (bench/.../ami) is compiled on its own with
# javac, so a benchmark of another module in bench/ that does not build yet cannot stop this one. No Asterisk needed.
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"
# shellcheck source=lib/bench.sh
. "$REPO_DIR/scripts/lib/bench.sh"

CALLS=${CALLS:-3000}
CONCURRENT=${CONCURRENT:-60}
RUNS=${RUNS:-3}
BUILD=${BUILD:-1}
VARIANT=${VARIANT:-channelvars}

jiesu_find_jdk
jiesu_require_maven
cd "$REPO_DIR"
if [ "$BUILD" = 1 ]; then
    echo "bench-ami: building ivr" >&2
    mvn -B -q -pl ivr -am install -DskipTests
fi

WORK=$(mktemp -d -t jiesu-bench-ami.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mvn -B -q -pl ivr dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
# A copy of the ivr jar, so that a rebuild of the module during the runs cannot change the code measured.
cp "$(ls ivr/target/jiesu-ivr-*.jar | grep -v -e sources -e tests | head -1)" "$WORK/jiesu-ivr.jar"
LOGBACK=$(find ~/.m2/repository/ch/qos/logback -name 'logback-c*-1.5*.jar' | grep -v sources | tr '\n' ':')
DEPS="$WORK/jiesu-ivr.jar:$(cat "$WORK/cp.txt"):$LOGBACK"
mkdir -p "$WORK/classes"
javac --release 21 -d "$WORK/classes" -cp "$DEPS" "$REPO_DIR"/bench/src/main/java/cn/jiesu/bench/ami/*.java

# Asterisk-Java logs every login at INFO and slow events at WARN (with whole events): keep the console quiet.
jiesu_bench_logback "$WORK/logback.xml" '<logger name="org.asteriskjava" level="ERROR"/>'

echo "bench-ami: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -Xms1g -Xmx2g -Dlogback.configurationFile="$WORK/logback.xml" -cp "$WORK/classes:$DEPS" \
    cn.jiesu.bench.ami.AmiReplayBench "$REPO_DIR/ivr/src/test/resources/fixtures/ami" "$CALLS" "$CONCURRENT" "$RUNS" "$VARIANT"
