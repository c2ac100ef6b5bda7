#!/usr/bin/env bash
# `jiesu import-history` throughput (issue 16): generates an old system's export of LINES appeals over DAYS days
# (testkit HistoryFile: five Beijing streets, a position or no place for some, most texts with a topic), imports it
# into a Redis of its own with the default config, then imports it again (everything already imported). Prints each
# run's summary and lines/s. The machine's load is printed with it: take figures on a quiet machine.
#
#   scripts/bench-import.sh                    # LINES=200000 DAYS=365
#   LINES=20000 DAYS=30 scripts/bench-import.sh
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"
# shellcheck source=lib/redis.sh
. "$REPO_DIR/scripts/lib/redis.sh"
# shellcheck source=lib/bench.sh
. "$REPO_DIR/scripts/lib/bench.sh"

LINES=${LINES:-200000}
DAYS=${DAYS:-365}

jiesu_find_jdk
jiesu_require_maven
jiesu_require_redis
cd "$REPO_DIR"
WORK=$(mktemp -d -t jiesu-bench-import.XXXXXX)
REDIS_DIR=""
cleanup() {
    if [ -n "$REDIS_DIR" ]; then jiesu_stop_redis "$REDIS_DIR"; fi
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
echo "bench-import: building the gateway" >&2
mvn -B -q -pl gateway -am package -DskipTests >/dev/null
cp -r gateway/target/classes "$WORK/gateway-classes"
CP="$WORK/gateway-classes:$REPO_DIR/gateway/target/lib/*"
java -cp "$REPO_DIR/testkit/target/classes" cn.jiesu.testkit.HistoryFile "$WORK/history.jsonl" "$LINES" "$DAYS"
port=$(jiesu_free_port)
REDIS_DIR="$WORK/redis"
jiesu_start_redis "$port" "$REDIS_DIR"
jiesu_bench_logback "$WORK/logback.xml"
for run in first again; do
    echo "== $run import of $LINES lines over $DAYS days (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    start=$(date +%s.%N)
    JIESU_REDIS_URI="redis://127.0.0.1:$port" java -Dlogback.configurationFile="$WORK/logback.xml" -cp "$CP" \
        cn.jiesu.gateway.Main import-history "$WORK/history.jsonl"
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v n="$LINES" 'BEGIN { printf "%.1f s, %.0f lines/s (JVM start included)\n", e - s, n / (e - s) }'
done
echo "Redis memory after: $(redis-cli -p "$port" info memory | grep '^used_memory_human' | tr -d '\r')"
