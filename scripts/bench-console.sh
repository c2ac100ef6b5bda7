#!/usr/bin/env bash
# Agent console pop benchmark (issue 6): AGENTS console WebSockets signed in, RATE calls/s offered for DURATION
# seconds through the console's AgentCallEvents port (the AMI tracker's side), after a 10 s warm-up at the same rate.
# Two JVMs: the gateway (console + Redis stores + synthetic event source; reports its CPU and heap) and the agents
# (WebSocket clients that acknowledge every pop and measure event -> frame latency). Starts its own redis-server on
# a free loopback port in a temp dir and stops it afterwards. BENCHMARKS.md records the results.
#
#   scripts/bench-console.sh                           # AGENTS=200 RATE=50 DURATION=60
#   AGENTS=750 RATE=50 DURATION=30 scripts/bench-console.sh
#   BUILD=0 scripts/bench-console.sh                   # gateway already built (gateway/target/classes + lib)
#
# The gateway module is built with Maven; the harness (bench/.../console) is compiled on its own with javac, so a
# benchmark of another module in bench/ that does not build yet cannot stop this one.
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"
# shellcheck source=lib/bench.sh
. "$REPO_DIR/scripts/lib/bench.sh"
# shellcheck source=lib/redis.sh
. "$REPO_DIR/scripts/lib/redis.sh"

AGENTS=${AGENTS:-200}
RATE=${RATE:-50}
DURATION=${DURATION:-60}
BUILD=${BUILD:-1}
HEAP=${HEAP:-512m}

jiesu_find_jdk
jiesu_require_maven
jiesu_require_redis

cd "$REPO_DIR"
if [ "$BUILD" = 1 ]; then
    echo "bench-console: building gateway" >&2
    mvn -B -q -pl gateway -am package -Dmaven.test.skip=true
fi

WORK=$(mktemp -d -t jiesu-bench-console.XXXXXX)
REDIS_DIR="$WORK/redis"
GW_PID=""
cleanup() {
    [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null || true
    jiesu_stop_redis "$REDIS_DIR"
    rm -rf "$WORK"
}
trap cleanup EXIT

CP=$(jiesu_bench_gateway_harness "$WORK" console)
jiesu_bench_logback "$WORK/logback.xml"

port=$(jiesu_free_port)
jiesu_start_redis "$port" "$REDIS_DIR"
echo "bench-console: $AGENTS agents, $RATE calls/s for ${DURATION}s, Redis on $port, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

java -Xmx"$HEAP" -Dlogback.configurationFile="$WORK/logback.xml" -cp "$CP" cn.jiesu.bench.console.PopBenchGateway \
    "redis://127.0.0.1:$port" 0 "$AGENTS" "$RATE" "$DURATION" >"$WORK/gateway.out" 2>"$WORK/gateway.err" &
GW_PID=$!
for _ in $(seq 1 300); do
    grep -q '^ready' "$WORK/gateway.out" 2>/dev/null && break
    kill -0 "$GW_PID" 2>/dev/null || { cat "$WORK/gateway.err" >&2; exit 1; }
    sleep 0.1
done
http_port=$(awk '/^ready/ {print $2}' "$WORK/gateway.out")

java -Xmx"$HEAP" -Dlogback.configurationFile="$WORK/logback.xml" -cp "$CP" cn.jiesu.bench.console.PopBenchAgents \
    "$http_port" "$AGENTS" "$((RATE * DURATION))" "$((DURATION + 60))"
for _ in $(seq 1 600); do
    grep -q '^done' "$WORK/gateway.out" && break
    kill -0 "$GW_PID" 2>/dev/null || break
    sleep 0.1
done
grep -v -e '^ready' -e '^done' "$WORK/gateway.out"
wait "$GW_PID" || true
GW_PID=""
echo "bench-console: load after $(cut -d' ' -f1-3 /proc/loadavg)" >&2
