#!/usr/bin/env bash
# Callback scheduler benchmark (issue 5): N callbacks over a compressed 12345 day, two scheduler instances sharing
# the schedule in Redis, a simulated PBX. Starts its own redis-server (the shipped config, AOF everysec) on a free
# loopback port in a temp dir and stops it afterwards. Results go to stdout; BENCHMARKS.md records them.
#
#   scripts/bench-callbacks.sh                          # N=100000, RATE=240 (a day in 6 min), TRUNKS=400
#   N=10000 RATE=1440 TRUNKS=60 scripts/bench-callbacks.sh
#   QUIET=true scripts/bench-callbacks.sh               # with quiet hours 21:00-08:00
#   BUILD_MODULES= scripts/bench-callbacks.sh           # core, redis, ivr, callbacks already installed in ~/.m2
#
# Only core, redis, ivr and callbacks are built with Maven; the harness (bench/.../callback) is compiled on its own with javac, so a
# benchmark of another module in bench/ that does not build yet cannot stop this one.
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"
# shellcheck source=lib/bench.sh
. "$REPO_DIR/scripts/lib/bench.sh"
# shellcheck source=lib/redis.sh
. "$REPO_DIR/scripts/lib/redis.sh"

N=${N:-100000}
RATE=${RATE:-240}
TRUNKS=${TRUNKS:-400}
INSTANCES=${INSTANCES:-2}
TALK=${TALK:-120}
QUIET=${QUIET:-false}
SEED=${SEED:-42}
BUILD_MODULES=${BUILD_MODULES-core,redis,ivr,callbacks}

jiesu_find_jdk
jiesu_require_maven
jiesu_require_redis

cd "$REPO_DIR"
if [ -n "$BUILD_MODULES" ]; then
    echo "bench-callbacks: building $BUILD_MODULES" >&2
    mvn -B -q -pl "$BUILD_MODULES" -am install -DskipTests
fi

WORK=$(mktemp -d -t jiesu-bench-callbacks.XXXXXX)
REDIS_DIR=""
cleanup() {
    [ -n "$REDIS_DIR" ] && jiesu_stop_redis "$REDIS_DIR"
    rm -rf "$WORK"
}
trap cleanup EXIT

# Test scope brings the redis module and logback-classic, which the callbacks module only uses in tests.
mvn -B -q -pl callbacks dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
# Copies of the installed callbacks and redis jars (not */target, which another build may be rewriting), so that a
# rebuild of a module during the run cannot change the code measured; they come first on the class path.
version=$(sed -n "s:.*<version>\(.*\)</version>.*:\1:p" pom.xml | head -1)
cp "$HOME/.m2/repository/cn/jiesu/jiesu-callbacks/$version/jiesu-callbacks-$version.jar" "$WORK/jiesu-callbacks.jar"
cp "$HOME/.m2/repository/cn/jiesu/jiesu-redis/$version/jiesu-redis-$version.jar" "$WORK/jiesu-redis.jar"
DEPS="$WORK/jiesu-callbacks.jar:$WORK/jiesu-redis.jar:$(cat "$WORK/cp.txt")"
mkdir -p "$WORK/classes"
javac --release 21 -d "$WORK/classes" -cp "$DEPS" "$REPO_DIR"/bench/src/main/java/cn/jiesu/bench/callback/*.java

jiesu_bench_logback "$WORK/logback.xml"

port=$(jiesu_free_port)
REDIS_DIR="$WORK/redis"
jiesu_start_redis "$port" "$REDIS_DIR" --appendfsync everysec
echo "bench-callbacks: $(nproc) cores, $(java -version 2>&1 | head -1), redis $(redis-server --version | cut -d' ' -f3) on port $port, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -Xms1g -Xmx3g -Dlogback.configurationFile="$WORK/logback.xml" -cp "$WORK/classes:$DEPS" \
    cn.jiesu.bench.callback.CallbackBench --uri "redis://127.0.0.1:$port" --callbacks "$N" --rate "$RATE" \
    --trunks "$TRUNKS" --instances "$INSTANCES" --talk-mean-s "$TALK" --quiet-hours "$QUIET" --seed "$SEED"
