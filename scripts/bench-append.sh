#!/usr/bin/env bash
# Intake append benchmark (issue 2): RedisAppealStore.append against a bare XADD of the same payload, with the
# shipped Redis config (config/redis/redis.conf, AOF) under appendfsync everysec and always. Starts its own
# redis-server per run on a free loopback port in a temp dir and stops it afterwards. Results go to stdout;
# BENCHMARKS.md records them.
#
#   scripts/bench-append.sh                  # N=200000, C=64, 3 runs per fsync policy
#   N=50000 C=32 RUNS=1 scripts/bench-append.sh
#   FSYNC="everysec" scripts/bench-append.sh # one policy only
#   BUILD_MODULES=redis scripts/bench-append.sh  # core already installed in ~/.m2
#
# Only core and redis are built with Maven; the harness (bench/.../append) is compiled on its own with javac, so a
# benchmark of another module in bench/ that does not build yet cannot stop this one.
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"
# shellcheck source=lib/bench.sh
. "$REPO_DIR/scripts/lib/bench.sh"
# shellcheck source=lib/redis.sh
. "$REPO_DIR/scripts/lib/redis.sh"

N=${N:-200000}
C=${C:-64}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-20000}
FSYNC=${FSYNC:-"everysec always"}
BUILD_MODULES=${BUILD_MODULES:-core,redis}

jiesu_find_jdk
jiesu_require_maven
jiesu_require_redis

cd "$REPO_DIR"
echo "bench-append: building $BUILD_MODULES" >&2
mvn -B -q -pl "$BUILD_MODULES" -am install -DskipTests

WORK=$(mktemp -d -t jiesu-bench-append.XXXXXX)
REDIS_DIR=""
cleanup() {
    if [ -n "$REDIS_DIR" ]; then jiesu_stop_redis "$REDIS_DIR"; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
# Test scope brings logback-classic, which the redis module only uses in tests.
mvn -B -q -pl redis dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
# A copy of the redis jar, so that a rebuild of the module during the runs cannot change the code measured.
cp "$(ls redis/target/jiesu-redis-*.jar | grep -v -e sources -e tests | head -1)" "$WORK/jiesu-redis.jar"
DEPS="$WORK/jiesu-redis.jar:$(cat "$WORK/cp.txt")"
mkdir -p "$WORK/classes"
javac --release 21 -d "$WORK/classes" -cp "$DEPS" "$REPO_DIR"/bench/src/main/java/cn/jiesu/bench/append/*.java
CP="$WORK/classes:$DEPS"

jiesu_bench_logback "$WORK/logback.xml"

echo "bench-append: $(nproc) cores, $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f3)" >&2
RESULTS="$WORK/results.txt"
: >"$RESULTS"
for fsync in $FSYNC; do
    for run in $(seq 1 "$RUNS"); do
        port=$(jiesu_free_port)
        REDIS_DIR="$WORK/redis-$fsync-$run"
        jiesu_start_redis "$port" "$REDIS_DIR" --appendfsync "$fsync"
        echo "bench-append: run $run/$RUNS, appendfsync $fsync, redis on port $port, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
        java -Xms1g -Xmx2g -Dlogback.configurationFile="$WORK/logback.xml" -cp "$CP" \
            cn.jiesu.bench.append.AppendBenchmark --uri "redis://127.0.0.1:$port" --n "$N" --concurrency "$C" \
            --warmup "$WARMUP" --label "$fsync" | tee -a "$RESULTS"
        jiesu_stop_redis "$REDIS_DIR"
        rm -rf "$REDIS_DIR"
        REDIS_DIR=""
    done
done

# Medians over the runs, per fsync policy and operation.
echo
echo "median of $RUNS run(s), N=$N, C=$C:"
printf '%-9s %-7s %10s %9s %9s %8s\n' fsync op ops/s p50_ms p99_ms vs_xadd
for fsync in $FSYNC; do
    for op in xadd append; do
        median() { grep "label=$fsync op=$op " "$RESULTS" | sed -E "s/.* $1=([^ ]+).*/\1/" | sort -g |
            awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
        printf '%-9s %-7s %10s %9s %9s %8s\n' "$fsync" "$op" "$(median ops_per_s)" "$(median p50_ms)" \
            "$(median p99_ms)" "$(median ratio_to_xadd)"
    done
done
