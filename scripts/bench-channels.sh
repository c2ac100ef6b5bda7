#!/usr/bin/env bash
# Channel intake benchmark (issue 4): the app API (POST /api/v1/appeals: API key, HMAC signature, JSON checks,
# classification, raw payload + exactly-once append in Redis before the 201) against a bare Vert.x route that
# answers 202 (in a JVM of its own), both under wrk in the same run. Starts its own redis-server per fsync policy on a free
# loopback port with the shipped config/redis/redis.conf, and stops it afterwards. BENCHMARKS.md records results.
#
#   scripts/bench-channels.sh                       # FSYNC="always everysec" SECONDS_PER_RUN=15 C=64 ROUNDS=3
#   FSYNC=everysec ROUNDS=1 scripts/bench-channels.sh
#   BUILD=0 scripts/bench-channels.sh               # gateway already built (gateway/target/classes + lib)
#   JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/ch.jfr scripts/bench-channels.sh   # profile the JVM
#
# wrk cannot compute HMACs, so requests are signed in Java before each run and wrk's Lua cycles through them (see
# ChannelsBench for why every one of them is still a fresh append). The harness (bench/.../channels) is compiled on
# its own with javac against the gateway's classes, so another benchmark in bench/ that does not build cannot stop
# this one.
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"
# shellcheck source=lib/bench.sh
. "$REPO_DIR/scripts/lib/bench.sh"
# shellcheck source=lib/redis.sh
. "$REPO_DIR/scripts/lib/redis.sh"

FSYNC=${FSYNC:-"always everysec"}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
C=${C:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
REQUESTS=${REQUESTS:-200000}
WARMUP=${WARMUP:-30}
BUILD=${BUILD:-1}
HEAP=${HEAP:-1g}

jiesu_find_jdk
jiesu_require_maven
jiesu_require_redis
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "bench-channels: installing wrk (Debian package)" >&2
        apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq wrk >/dev/null
    fi
    command -v wrk >/dev/null 2>&1 || { echo "bench-channels: wrk is missing (apt-get install wrk)" >&2; exit 1; }
fi

cd "$REPO_DIR"
if [ "$BUILD" = 1 ]; then
    echo "bench-channels: building gateway" >&2
    mvn -B -q -pl gateway -am package -Dmaven.test.skip=true
fi

WORK=$(mktemp -d -t jiesu-bench-channels.XXXXXX)
REDIS_DIR=""
cleanup() {
    if [ -n "$REDIS_DIR" ]; then jiesu_stop_redis "$REDIS_DIR"; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

CP=$(jiesu_bench_gateway_harness "$WORK" channels)
jiesu_bench_logback "$WORK/logback.xml"

echo "bench-channels: $(nproc) cores, $(java -version 2>&1 | head -1), $(redis-server --version | cut -d' ' -f3), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)" >&2
RESULTS="$WORK/results.txt"
: >"$RESULTS"
for fsync in $FSYNC; do
    port=$(jiesu_free_port)
    REDIS_DIR="$WORK/redis-$fsync"
    jiesu_start_redis "$port" "$REDIS_DIR" --appendfsync "$fsync"
    mkdir -p "$WORK/run-$fsync"
    echo "bench-channels: appendfsync $fsync, redis on port $port, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags (e.g. a JFR recording)
    java -Xms"$HEAP" -Xmx"$HEAP" ${JAVA_OPTS:-} -Dlogback.configurationFile="$WORK/logback.xml" -cp "$CP" \
        cn.jiesu.bench.channels.ChannelsBench --redis "redis://127.0.0.1:$port" --work "$WORK/run-$fsync" \
        --seconds "$SECONDS_PER_RUN" --threads "$THREADS" --connections "$C" --rounds "$ROUNDS" \
        --requests "$REQUESTS" --warmup "$WARMUP" --label "$fsync" | tee -a "$RESULTS"
    jiesu_stop_redis "$REDIS_DIR"
    REDIS_DIR=""
done

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
field() { grep "label=$1 .*op=$2 " "$RESULTS" | sed -E "s/.* $3=([^ ]+).*/\1/" | median; }
echo
echo "median of $ROUNDS round(s), ${SECONDS_PER_RUN}s each, wrk -t$THREADS -c$C:"
printf '%-9s %-5s %10s %9s %9s %16s %18s\n' fsync op req/s p50_ms p99_ms jvm_cpu_us/req redis_cpu_us/req
for fsync in $FSYNC; do
    for op in bare app; do
        printf '%-9s %-5s %10s %9s %9s %16s %18s\n' "$fsync" "$op" "$(field "$fsync" "$op" rps)" \
            "$(field "$fsync" "$op" p50_ms)" "$(field "$fsync" "$op" p99_ms)" \
            "$(field "$fsync" "$op" jvm_cpu_us_per_req)" "$(field "$fsync" "$op" redis_cpu_us_per_req)"
    done
    printf '%-9s ratio app/bare (median of per-round ratios): %s\n' "$fsync" \
        "$(grep "label=$fsync .*ratio_app_to_bare" "$RESULTS" | sed -E 's/.*ratio_app_to_bare=([^ ]+).*/\1/' | median)"
done
