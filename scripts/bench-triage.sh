#!/usr/bin/env bash
# Triage benchmark (issue 11): microseconds per appeal of classify() with the keyword rules alone and with the
# production classifier (rules + model trained from config/triage), over the corpus texts; also the start-up cost
# of training. Pure CPU: no Redis, no Asterisk. BENCHMARKS.md records the results.
#
#   scripts/bench-triage.sh            # ROUNDS=20
#   ROUNDS=50 scripts/bench-triage.sh
set -euo pipefail

readonly REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/jdk.sh
. "$REPO_DIR/scripts/lib/jdk.sh"

ROUNDS=${ROUNDS:-20}

jiesu_find_jdk
jiesu_require_maven
cd "$REPO_DIR"
echo "bench-triage: building core and channels" >&2
# One invocation, so that channels' class path names core's freshly packaged jar (the last module writes the file).
mvn -B -q -pl core,channels -am package dependency:build-classpath -Dmaven.test.skip=true \
    -Dmdep.outputFile="$REPO_DIR/channels/target/bench-classpath.txt" >/dev/null
WORK=$(mktemp -d -t jiesu-bench-triage.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
CP="$REPO_DIR/channels/target/classes:$(cat "$REPO_DIR/channels/target/bench-classpath.txt")"
javac --release 21 -d "$WORK/classes" -cp "$CP" bench/src/main/java/cn/jiesu/bench/triage/*.java
java -Xmx1g -cp "$WORK/classes:$CP" cn.jiesu.bench.triage.TriageBench config/classification.yaml "$ROUNDS" \
    config/triage/train.tsv config/triage/dev.tsv
