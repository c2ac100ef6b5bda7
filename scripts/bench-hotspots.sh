#!/usr/bin/env bash
# Hotspot simulator (issue 16): a synthetic city's month of appeals (~60,000 a day, 340 streets in 16 districts)
# through the in-memory hotspot detector on a fake clock, once with injected incidents (three water main breaks,
# a district's heating failure overnight, a slow noise problem) and once on background alone. Prints each
# incident's detection delay, false hotspots per simulated day and the detector's ns per appeal. Pure CPU: no
# Redis. Seed 1 is the training seed the default thresholds were tuned on; report the others (held out).
#
#   scripts/bench-hotspots.sh                         # SEEDS="1 2 3" DAYS=30 WARMUP=22
#   SEEDS=2 DAYS=7 scripts/bench-hotspots.sh          # a short run
#   POLICY="3e-7 3 5 2 10" scripts/bench-hotspots.sh  # alpha minStreet minDistrict minRatio size
#   STORE=redis SEEDS=1 DAYS=1 WARMUP=8 scripts/bench-hotspots.sh
#                                 # the gateway's write-behind Redis store on a Redis of its own: CPU per appeal
#                                 # of the JVM and of redis-server; BATCH=100 appeals per flush (the consumer's)
#   EXTRA_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/h.jfr" ...   # flags for the simulator JVM
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"

SEEDS=${SEEDS:-"1 2 3"}
DAYS=${DAYS:-30}
WARMUP=${WARMUP:-22}
POLICY=${POLICY:-}
MODES=${MODES:-"true false"}
STORE=${STORE:-memory}
BATCH=${BATCH:-100}

jiesu_find_jdk
jiesu_require_maven
cd "$REPO_DIR"
WORK=$(mktemp -d -t jiesu-bench-hotspots.XXXXXX)
REDIS_DIR=""
cleanup() {
    if [ -n "$REDIS_DIR" ]; then jiesu_stop_redis "$REDIS_DIR"; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
JAVA_OPTS=()
if [ "$STORE" = redis ]; then
    # shellcheck source=lib/redis.sh
    . "$REPO_DIR/scripts/lib/redis.sh"
    # shellcheck source=lib/bench.sh
    . "$REPO_DIR/scripts/lib/bench.sh"
    jiesu_require_redis
    echo "bench-hotspots: building core, redis" >&2
    mvn -B -q -pl redis -am install -DskipTests
    mvn -B -q -pl redis dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
    cp "$(ls redis/target/jiesu-redis-*.jar | grep -v -e sources -e tests | head -1)" "$WORK/jiesu-redis.jar"
    CP="$REPO_DIR/core/target/classes:$WORK/jiesu-redis.jar:$(cat "$WORK/cp.txt")"
    javac --release 21 -d "$WORK/classes" -cp "$CP" bench/src/main/java/cn/jiesu/bench/hotspot/*.java
    port=$(jiesu_free_port)
    REDIS_DIR="$WORK/redis"
    jiesu_start_redis "$port" "$REDIS_DIR"
    jiesu_bench_logback "$WORK/logback.xml"
    # The sim reads the server's CPU from /proc/<pid>/stat over the measured days.
    JAVA_OPTS=("-Djiesu.hotspots.redis=redis://127.0.0.1:$port" "-Dlogback.configurationFile=$WORK/logback.xml"
        "-Djiesu.hotspots.redis-pid=$(cat "$REDIS_DIR/redis.pid")" "-Djiesu.hotspots.clk-tck=$(getconf CLK_TCK)")
else
    echo "bench-hotspots: building core" >&2
    mvn -B -q -pl core package -Dmaven.test.skip=true >/dev/null
    CP="$REPO_DIR/core/target/classes"
    javac --release 21 -d "$WORK/classes" -cp "$CP" \
        $(ls bench/src/main/java/cn/jiesu/bench/hotspot/*.java | grep -v RedisSimStore)
fi
for seed in $SEEDS; do
    for incidents in $MODES; do
        echo "== seed $seed, incidents $incidents, $DAYS days after $WARMUP days of history, store $STORE (load: $(cut -d' ' -f1-3 /proc/loadavg))"
        # shellcheck disable=SC2086
        java -Xmx2g -Djiesu.hotspots.batch="$BATCH" ${EXTRA_JAVA_OPTS:-} "${JAVA_OPTS[@]}" -cp "$WORK/classes:$CP" cn.jiesu.bench.hotspot.HotspotSim "$seed" "$DAYS" "$WARMUP" "$incidents" $POLICY
        if [ "$STORE" = redis ]; then
            # What the run left in Redis (history and measured days) and every command it ran, scripts' calls included.
            cli() {
                if [ -n "${JIESU_LOCAL_REDIS_PASSWORD:-}" ]; then
                    REDISCLI_AUTH="$JIESU_LOCAL_REDIS_PASSWORD" redis-cli -p "$port" "$@"
                else
                    redis-cli -p "$port" "$@"
                fi
            }
            echo "redis: $(cli dbsize) keys, $(cli info memory | grep -E '^used_memory_human:' | tr -d '\r')"
            cli info commandstats | grep -E '^cmdstat_' | tr -d '\r' | sed 's/^cmdstat_/redis: /'
            cli flushall >/dev/null
            cli config resetstat >/dev/null
        fi
    done
done
