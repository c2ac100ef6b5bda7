#!/usr/bin/env bash
# The long form of the route fuzz suite (RouteFuzzIT): a gateway on loopback against a Redis of its own, SEED and
# COUNT generated requests over every mounted route, bounded in time. The short form (3,000 requests) runs in
# scripts/test.sh. A failure prints the seed: run again with the same seed to replay it.
#   scripts/fuzz.sh [SEED] [COUNT] [MAX_MINUTES]     e.g. scripts/fuzz.sh 42 50000 20
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seed=${1:-$(date +%s)}
count=${2:-50000}
minutes=${3:-30}
printf '[fuzz] seed %s, %s requests, at most %s min\n' "$seed" "$count" "$minutes"
# Everything stays on 127.0.0.1: the gateway listens there and the Redis of scripts/test.sh binds there.
JIESU_SKIP_ASTERISK=1 timeout --foreground "${minutes}m" scripts/test.sh -pl gateway -am \
    -Dit.test=RouteFuzzIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Djiesu.fuzz.seed="$seed" -Djiesu.fuzz.requests="$count"
