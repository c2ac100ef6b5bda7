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
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"

SEEDS=${SEEDS:-"1 2 3"}
DAYS=${DAYS:-30}
WARMUP=${WARMUP:-22}
POLICY=${POLICY:-}
MODES=${MODES:-"true false"}

jiesu_find_jdk
jiesu_require_maven
cd "$REPO_DIR"
echo "bench-hotspots: building core" >&2
mvn -B -q -pl core package -Dmaven.test.skip=true >/dev/null
WORK=$(mktemp -d -t jiesu-bench-hotspots.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
CP="$REPO_DIR/core/target/classes"
javac --release 21 -d "$WORK/classes" -cp "$CP" bench/src/main/java/cn/jiesu/bench/hotspot/*.java
for seed in $SEEDS; do
    for incidents in $MODES; do
        echo "== seed $seed, incidents $incidents, $DAYS days after $WARMUP days of history (load: $(cut -d' ' -f1-3 /proc/loadavg))"
        # shellcheck disable=SC2086
        java -Xmx2g -cp "$WORK/classes:$CP" cn.jiesu.bench.hotspot.HotspotSim "$seed" "$DAYS" "$WARMUP" "$incidents" $POLICY
    done
done
