#!/usr/bin/env bash
# The whole test suite: starts every service the tests need on loopback (Redis on a free port, the Asterisk 22
# lab), runs `mvn verify` (unit tests, then integration tests), and stops the services afterwards, even when
# tests fail. Extra arguments go to Maven (e.g. scripts/test.sh -pl redis).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/lib/jdk.sh
. scripts/lib/redis.sh
. scripts/lib/browser.sh
. scripts/lib/baresip.sh
. scripts/lib/promtool.sh

step() { printf '[test] %s\n' "$*"; }

jiesu_find_jdk
jiesu_require_maven
jiesu_require_redis
jiesu_require_chromium   # the console and web-form browser tests (headless, Debian's package)
jiesu_require_baresip    # the phone-line test that registers a real SIP user agent to the lab
jiesu_require_promtool   # PromtoolRulesIT: promtool check/test of ops/prometheus (Debian's package, unpacked)
step "JDK: $JAVA_HOME"

run_dir=$(mktemp -d -t jiesu-test-XXXXXX)
lab_started=0
cleanup() {
    local rc=$?
    step "stopping services"
    [ "$lab_started" = 1 ] && scripts/asterisk-lab.sh stop >/dev/null 2>&1 || true
    jiesu_stop_redis "$run_dir/redis"
    rm -rf "$run_dir"
    exit $rc
}
trap cleanup EXIT INT TERM

redis_port=$(jiesu_free_port)
jiesu_start_redis "$redis_port" "$run_dir/redis" --appendfsync everysec
export JIESU_TEST_REDIS_URI="redis://127.0.0.1:$redis_port"
step "Redis on $JIESU_TEST_REDIS_URI"

# The Asterisk lab: a Debian sid chroot (cached between runs) with Asterisk 22, on loopback ports of this run.
if [ "${JIESU_SKIP_ASTERISK:-0}" != 1 ]; then
    export JIESU_AMI_PORT=$(jiesu_free_port)
    export JIESU_AGI_PORT=$(jiesu_free_port)
    export JIESU_SIP_PORT=$(jiesu_free_port)
    export JIESU_AMI_USERNAME=jiesu-test
    JIESU_AMI_SECRET=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    JIESU_AGENT_SIP_SECRET=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    export JIESU_AMI_SECRET JIESU_AGENT_SIP_SECRET
    scripts/asterisk-lab.sh setup
    lab_started=1
    scripts/asterisk-lab.sh start
    export JIESU_TEST_AMI_HOST=127.0.0.1 JIESU_TEST_AMI_PORT=$JIESU_AMI_PORT
    export JIESU_TEST_AMI_USERNAME=$JIESU_AMI_USERNAME JIESU_TEST_AMI_SECRET=$JIESU_AMI_SECRET
    export JIESU_TEST_AGI_PORT=$JIESU_AGI_PORT
    export JIESU_TEST_SIP_PORT=$JIESU_SIP_PORT JIESU_TEST_SIP_SECRET=$JIESU_AGENT_SIP_SECRET
    export JIESU_LAB_SCRIPT="$root/scripts/asterisk-lab.sh"
    step "Asterisk lab: AMI 127.0.0.1:$JIESU_AMI_PORT, FastAGI expected on 127.0.0.1:$JIESU_AGI_PORT"
fi

step "mvn verify"
mvn -B verify "$@"
