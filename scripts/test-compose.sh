#!/usr/bin/env bash
# The compose kit, end to end: brings up docker-compose.yml as shipped plus docker-compose.test.yml (which only
# adds the lab's simulated citizen and agents to Asterisk) with a generated .env, and checks through the
# containers that
#   1. every service is healthy (the compose healthchecks) and the gateway's /health is UP (Redis and AMI);
#   2. a softphone registers as agent 8001 through the published SIP port (baresip); a simulated citizen's call into the containerized Asterisk runs the containerized gateway's IVR and becomes
#      ONE phone appeal with its IVR choices, in the containerized Redis;
#   3. a signed app API appeal is accepted (HMAC computed with openssl);
#   4. the agent console page loads;
#   5. after `down` and `up` both appeals are still there (the named volume);
#   6. with the gateway stopped, a call still reaches the general queue (the dialplan's AGI failover).
# Always tears down (containers, network, volumes). Runs as root: it installs podman, podman-compose and runc
# (Debian) and writes /etc/containers/containers.conf when missing, then builds the base images
# (docker/build-base.sh --allow-drift: a version of docker/base.lock gone from sid is a warning here).
# Uses the gateway jar of the last `mvn package`/`verify` (builds it when missing). Environment:
# JIESU_COMPOSE_KEEP=1 leaves the stack running for a look (tear down: see the last line it prints).
set -Eeuo pipefail
shopt -s inherit_errexit
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

t_start=$SECONDS
step() { printf '[test-compose %3ds] %s\n' "$((SECONDS - t_start))" "$*"; }
die() { printf '[test-compose] FAILED: %s\n' "$*" >&2; exit 1; }
trap 'printf "[test-compose] error at line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

[[ $EUID -eq 0 ]] || die "run as root (podman as root, debootstrap for the base images)"

# --- the container tools ---------------------------------------------------------------------------------------
readonly CONTAINERS_CONF=/etc/containers/containers.conf
ensure_podman() {
    local missing=()
    command -v podman >/dev/null || missing+=(podman)
    command -v podman-compose >/dev/null || missing+=(podman-compose)
    command -v runc >/dev/null || missing+=(runc)
    command -v debootstrap >/dev/null || [[ -x /usr/sbin/debootstrap ]] || missing+=(debootstrap)
    command -v curl >/dev/null || missing+=(curl)
    command -v openssl >/dev/null || missing+=(openssl)
    if ((${#missing[@]})); then
        step "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    # crun fails on this kind of host's hybrid cgroups, and the default rlimits are refused: runc, cgroupfs, none.
    # Our file is rewritten when it changes; someone else's is left alone.
    local want
    want=$(printf '# written by jiesu scripts/test-compose.sh\n[containers]\ndefault_ulimits = []\n\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\n')
    if [[ ! -f $CONTAINERS_CONF ]] || { head -n1 "$CONTAINERS_CONF" | grep -q 'jiesu' && [[ $(cat "$CONTAINERS_CONF") != "$want" ]]; }; then
        mkdir -p /etc/containers
        printf '%s\n' "$want" >"$CONTAINERS_CONF"
        step "wrote $CONTAINERS_CONF (runc, cgroupfs, no default ulimits)"
    elif ! grep -q 'runtime *= *"runc"' "$CONTAINERS_CONF"; then
        step "WARNING: $CONTAINERS_CONF is not ours and does not choose runc; containers may fail to start"
    fi
}

ensure_jar() {
    if compgen -G 'gateway/target/jiesu-gateway-*.jar' >/dev/null && [[ -d gateway/target/lib ]]; then
        return
    fi
    step "no gateway jar: mvn package"
    . scripts/lib/jdk.sh
    jiesu_find_jdk
    mvn -B -q -DskipTests -pl gateway -am package
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
secret() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }

ensure_podman
ensure_jar
. scripts/lib/baresip.sh
jiesu_require_baresip   # the agent softphone that registers through the published SIP port
step "base images"
docker/build-base.sh --allow-drift 2>&1 | grep -v '^Copying\|^Writing manifest\|^Storing signatures\|^Getting image' \
    | sed 's/^/    /'

# --- the generated environment ---------------------------------------------------------------------------------
# podman-compose 1.0.3 has no --env-file and lets .env win over the environment: the test's settings must be the
# .env beside the compose file, so an operator's own .env there is never overwritten.
[[ ! -e .env ]] || die ".env exists in $root: this test writes its own there; move yours aside and run again"
work=$(mktemp -d -t jiesu-compose-XXXXXX)
project=jiesu-compose-test
compose=(podman-compose -p "$project" -f docker-compose.yml -f docker-compose.test.yml)
kept=0
baresip_pid=""
cleanup() {
    local rc=$?
    trap - ERR
    [[ -z $baresip_pid ]] || kill "$baresip_pid" 2>/dev/null || true
    if [[ ${JIESU_COMPOSE_KEEP:-0} == 1 ]]; then
        step "kept running (JIESU_COMPOSE_KEEP=1); tear down: ${compose[*]} down -v; rm .env"
        kept=1
    fi
    if [[ $kept == 0 ]]; then
        if ((rc != 0)); then
            step "logs of the failed run:"
            for s in gateway asterisk redis; do
                podman logs --tail 40 "${project}_${s}_1" 2>&1 | sed "s/^/    $s| /" || true
            done
        fi
        step "tearing down"
        [[ -f .env ]] && "${compose[@]}" down -v -t 5 >"$work/down.log" 2>&1 || cat "$work/down.log" >&2
        rm -f .env
        rm -rf "$work"
    fi
    step "done in $((SECONDS - t_start)) s (exit $rc)"
    exit "$rc"
}
trap cleanup EXIT INT TERM

http_port=$(free_port)
sip_port=$(free_port)
# A small RTP range far from the lab's (Asterisk's default 5000-31000 on this host's loopback).
rtp_start=$((40000 + RANDOM % 200 * 20))
redis_password=$(secret) ami_secret=$(secret) api_token=$(secret) metrics_token=$(secret) sip_secret=$(secret)
app_key=k-compose-test-$(secret | head -c 8) app_secret=$(secret)
# The gateway's config dir: config/ as shipped plus one app API client (its secret comes from gateway.env).
mkdir -p "$work/config"
cp -r config/. "$work/config/"
sed -i "/^  app:/,/^    clients: {}/ s/clients: {}/clients: {compose-test: {api-key: $app_key, secret: \"\"}}/" \
    "$work/config/jiesu.yaml"
grep -q "api-key: $app_key" "$work/config/jiesu.yaml" || die "could not add the app client to config/jiesu.yaml"
cat >"$work/gateway.env" <<EOF
JIESU_METRICS_TOKEN=$metrics_token
JIESU_CHANNELS_APP_CLIENTS_COMPOSE_TEST_SECRET=$app_secret
EOF
(
    umask 077
    cat >.env <<EOF
# generated by scripts/test-compose.sh; removed when it ends
JIESU_REDIS_PASSWORD=$redis_password
JIESU_AMI_SECRET=$ami_secret
JIESU_AGENT_SIP_SECRET=$sip_secret
JIESU_ADMIN_API_TOKEN=$api_token
JIESU_HTTP_PUBLISH=127.0.0.1:$http_port
JIESU_SIP_PUBLISH=127.0.0.1:$sip_port
JIESU_RTP_START=$rtp_start
JIESU_RTP_END=$((rtp_start + 19))
JIESU_GATEWAY_ENV_FILE=$work/gateway.env
JIESU_CONFIG_DIR=$work/config
EOF
)
base="http://127.0.0.1:$http_port"
ctr() { echo "${project}_$1_1"; }

# --- helpers ---------------------------------------------------------------------------------------------------
# until_ok SECONDS WHAT CMD...: CMD until it succeeds, at most SECONDS.
until_ok() {
    local limit=$1 what=$2 deadline=$((SECONDS + $1))
    shift 2
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || die "$what: not after ${limit}s"
        sleep 1
    done
}

# Podman runs healthchecks from systemd timers, which a host without systemd lacks: run each service's own
# compose healthcheck command until it passes.
healthy() { podman healthcheck run "$(ctr "$1")"; }

wait_healthy() {
    local s
    for s in redis asterisk gateway; do
        until_ok 180 "$s healthy" healthy "$s"
        step "  $s: healthy ($(podman inspect --format '{{.State.Status}}' "$(ctr "$s")"), its compose healthcheck passes)"
    done
    # Container DNS (podman's aardvark-dns) can drop queries for a few seconds after a container starts; the
    # glibc resolver then waits 5 s per try, and an AGI lookup of `gateway` stalls the call for up to 20 s. Wait
    # until Asterisk's container resolves the gateway at once.
    until_ok 60 "asterisk resolves gateway within 2 s" timeout 2 podman exec "$(ctr asterisk)" getent hosts gateway
    step "  asterisk resolves gateway: $(podman exec "$(ctr asterisk)" getent hosts gateway | tr -s ' ')"
    until_ok 60 "gateway /health UP" curl -fsS "$base/health"
    step "  gateway /health: $(curl -fsS "$base/health")"
    until_ok 30 "gateway /health/ready" curl -fsS "$base/health/ready"
    step "  gateway /health/ready: $(curl -fsS "$base/health/ready")"
    step "  gateway /health/live: $(curl -fsS "$base/health/live")"
}

api() { curl -fsS -H "Authorization: Bearer $api_token" "$base$1"; }
json() { python3 -c "import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# ami ACTION-LINES...: logs in to the containerized Asterisk's AMI (from inside its container, over bash's
# /dev/tcp), sends one action and prints the replies until its Response.
ami() {
    local action
    action=$(printf '%s\r\n' "$@")
    podman exec -i -e AMI_ACTION="$action" "$(ctr asterisk)" bash -c '
        exec 3<>/dev/tcp/127.0.0.1/5038
        printf "Action: Login\r\nUsername: jiesu\r\nSecret: %s\r\nEvents: off\r\n\r\n" "$JIESU_AMI_SECRET" >&3
        printf "%s\r\nActionID: compose-test\r\n\r\n" "$AMI_ACTION" >&3
        n=0
        while [ $n -lt 40 ] && IFS= read -r -t 10 line <&3; do
            line=${line%$'"'"'\r'"'"'}
            echo "$line"
            case $line in "Message: Originate successfully queued"|"Response: Error") break ;; esac
            n=$((n + 1))
        done
        printf "Action: Logoff\r\n\r\n" >&3'
}

redis_cli() { podman exec "$(ctr redis)" redis-cli --no-auth-warning "$@"; }

# --- up --------------------------------------------------------------------------------------------------------
step "podman-compose up (project $project, HTTP on $base, SIP 127.0.0.1:$sip_port/udp)"
"${compose[@]}" down -v -t 5 >/dev/null 2>&1 || true   # a run killed before its trap
"${compose[@]}" build >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; die "podman-compose build"; }
"${compose[@]}" up -d >"$work/up.log" 2>&1 || { tail -n 30 "$work/up.log" >&2; die "podman-compose up"; }
for s in redis asterisk gateway; do
    step "  image of $s: $(podman inspect --format '{{.ImageName}} user={{.Config.User}}' "$(ctr "$s")")"
done
wait_healthy
echo "ids: $(podman exec "$(ctr gateway)" id)" | sed 's/^/    gateway /'
echo "ids: $(podman exec "$(ctr asterisk)" id)" | sed 's/^/    asterisk /'
echo "ids: $(podman exec "$(ctr redis)" id)" | sed 's/^/    redis /'

# --- 2. a phone call -------------------------------------------------------------------------------------------
caller="139$((10000000 + RANDOM * 1000 + RANDOM % 1000))"
step "citizen $caller calls 12345: keys 1 (普通话), then 2 (停水停电), stays 12 s"
ami_up() { [[ $(curl -fsS "$base/health" | json 'd["checks"]["ami"]["up"]') == True ]]; }
until_ok 60 "the gateway's AMI connection" ami_up
ami "Action: Originate" "Channel: Local/slow@caller-sim" "Context: public" "Exten: 12345" "Priority: 1" \
    "CallerID: \"Citizen\" <$caller>" "Async: true" "Timeout: 30000" \
    "Variable: GAP=3" "Variable: HOLD=12" "Variable: DIGITS1=1" "Variable: DIGITS2=2" \
    | grep -E '^(Response|Message):' | sed 's/^/    AMI: /'
phone_count() { api "/api/v1/intakes?phone=$caller" | json 'len(d["items"])'; }
deadline=$((SECONDS + 90))
until [[ $(phone_count 2>/dev/null) == 1 ]]; do
    ((SECONDS < deadline)) || die "no phone appeal for $caller after 90 s (asterisk: $(podman exec "$(ctr asterisk)" \
        asterisk -rx 'core show channels' | tail -n 1))"
    sleep 1
done
appeal=$(api "/api/v1/intakes?phone=$caller" | json 'json.dumps(d["items"][0], ensure_ascii=False)')
phone_id=$(json 'd["intakeId"]' <<<"$appeal")
phone_no=$(json 'd["appealNo"]' <<<"$appeal")
path=$(json '",".join(d["call"]["ivrPath"])' <<<"$appeal")
step "  appeal $phone_no: channel=$(json 'd["channel"]' <<<"$appeal") urgency=$(json 'd["urgency"]' <<<"$appeal") \
requestType=$(json 'd["requestType"]' <<<"$appeal") ivrPath=$path disposition=$(json 'd["call"]["disposition"]' <<<"$appeal") \
agent=$(json 'd["call"].get("agent")' <<<"$appeal")"
[[ $(json 'd["channel"]' <<<"$appeal") == PHONE ]] || die "the appeal is not a PHONE appeal"
[[ $path == "lang:1,menu:2" ]] || die "IVR choices: want lang:1,menu:2, got $path"
[[ $(json 'd["urgency"]' <<<"$appeal") == IMMEDIATE ]] || die "menu 2 should be IMMEDIATE"
# The stream entries of this intake, read in the Redis container: [entry id, {field: value}].
stream_entries() {
    redis_cli XRANGE jiesu:intake - + | python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
entries, i = [], 0
while i < len(lines):
    if re.fullmatch(r"\d+-\d+", lines[i]):
        entries.append((lines[i], {}))
        i += 1
    elif entries and i + 1 < len(lines):
        entries[-1][1][lines[i]] = lines[i + 1]
        i += 2
    else:
        i += 1
def path(f):  # IntakeCodec writes a list as key.0, key.1 ...
    return ",".join(f[k] for k in sorted((k for k in f if k.startswith("call.ivrPath.")), key=lambda k: int(k.rsplit(".", 1)[1])))
mine = [(e, f) for e, f in entries if f.get("intakeId") == sys.argv[1]]
print(len(mine), *(e + " channel=" + f.get("channel", "?") + " call.ivrPath=" + path(f) for e, f in mine))
' "$1"
}
seen=$(stream_entries "$phone_id")
step "  in the containerized Redis, stream jiesu:intake: ${seen#* } (${seen%% *} entry for intake $phone_id)"
[[ ${seen%% *} == 1 ]] || die "want exactly one stream entry for $phone_id, got ${seen%% *}"
[[ $seen == *"channel=PHONE call.ivrPath=lang:1,menu:2" ]] || die "the stream entry does not hold the IVR's choices"
# The call is over: still exactly one appeal for the caller (no second one from a late event).
[[ $(phone_count) == 1 ]] || die "more than one appeal for $caller"

# --- 2b. an agent's softphone registers through the published SIP port --------------------------------------------
step "softphone 8001 (baresip) registers at 127.0.0.1:$sip_port/udp with the generated agent password"
mkdir -p "$work/baresip"
printf '%s\n' "poll_method epoll" "net_interface 127.0.0.1" "sip_listen 127.0.0.1:$(free_port)" \
    "audio_player aubridge,nil" "audio_alert aubridge,nil" "module_path /usr/lib/baresip/modules" \
    "module g711.so" "module aubridge.so" "module account.so" >"$work/baresip/config"
printf '<sip:8001@127.0.0.1:%s;transport=udp>;auth_pass=%s;regint=300;audio_codecs=PCMU\n' "$sip_port" "$sip_secret" \
    >"$work/baresip/accounts"
: >"$work/baresip/contacts"
baresip -f "$work/baresip" >"$work/baresip/log" 2>&1 </dev/null &
baresip_pid=$!
registered() { podman exec "$(ctr asterisk)" asterisk -rx 'pjsip show aor 8001' | grep -E 'Contact: +8001/sip:'; }
until_ok 30 "8001 registered (baresip log: $work/baresip/log)" registered
step "  Asterisk: $(registered | head -n1 | tr -s ' ')"
kill "$baresip_pid" 2>/dev/null || true
wait "$baresip_pid" 2>/dev/null || true
baresip_pid=""

# --- 3. a signed app API appeal --------------------------------------------------------------------------------
step "app API appeal, signed with HMAC-SHA256 by openssl"
body='{"description":"望京西园三区路灯不亮三天了","category":"投诉","phone":"13800138000"}'
ts=$(date +%s) nonce=$(openssl rand -hex 8)
hash=$(printf '%s' "$body" | openssl dgst -sha256 -r | cut -d' ' -f1)
sig=$(printf 'POST\n/api/v1/appeals\n%s\n%s\n%s' "$ts" "$nonce" "$hash" | openssl dgst -sha256 -hmac "$app_secret" -r \
    | cut -d' ' -f1)
reply=$(curl -sS -w '\n%{http_code}' "$base/api/v1/appeals" -H 'Content-Type: application/json' \
    -H "X-Api-Key: $app_key" -H "X-Intake-Timestamp: $ts" -H "X-Intake-Nonce: $nonce" -H "X-Intake-Signature: $sig" \
    --data-binary "$body")
step "  POST /api/v1/appeals: HTTP $(tail -n1 <<<"$reply") $(head -n1 <<<"$reply")"
[[ $(tail -n1 <<<"$reply") == 201 ]] || die "signed app appeal not accepted"
app_id=$(head -n1 <<<"$reply" | json 'd["intakeId"]')
bad=$(curl -sS -o /dev/null -w '%{http_code}' "$base/api/v1/appeals" -H 'Content-Type: application/json' \
    -H "X-Api-Key: $app_key" -H "X-Intake-Timestamp: $ts" -H "X-Intake-Nonce: $(openssl rand -hex 8)" \
    -H "X-Intake-Signature: $sig" --data-binary "$body")
step "  the same body with a signature that does not match its nonce: HTTP $bad"
[[ $bad == 401 ]] || die "a wrong signature should be 401, got $bad"

# --- 4. the agent console --------------------------------------------------------------------------------------
console=$(curl -sS -o "$work/console.html" -w '%{http_code} %{content_type}' "$base/console/")
step "  GET /console/: $console, $(grep -o '<title>[^<]*</title>' "$work/console.html" || echo 'no title')"
[[ $console == 200* ]] || die "console page: $console"

# --- 5. down and up: the appeals are kept ----------------------------------------------------------------------
step "podman-compose down (volumes kept), then up"
"${compose[@]}" down -t 10 >"$work/down1.log" 2>&1 || { tail -n 20 "$work/down1.log" >&2; die "down"; }
"${compose[@]}" up -d >"$work/up2.log" 2>&1 || { tail -n 30 "$work/up2.log" >&2; die "second up"; }
wait_healthy
for id in "$phone_id" "$app_id"; do
    got=$(api "/api/v1/intakes/$id" | json 'd["appealNo"] + " " + d["channel"]')
    step "  after down/up: intake $id is appeal $got"
done
[[ $(phone_count) == 1 ]] || die "the phone appeal is gone or doubled after down/up"

# --- 6. no gateway: the citizen is queued, not hung up on --------------------------------------------------------
podman stop -t 5 "$(ctr gateway)" >/dev/null 2>&1   # podman complains it has no systemd for healthcheck timers
# aardvark-dns reloads when a container stops and can drop queries meanwhile (as after a start, above): an AGI
# lookup of `gateway` then stalls in the resolver for 5 s a try. Wait until the lookup answers at once ("no such
# host"), so what is checked is the dialplan's failover, not podman's DNS (docs/deploy.md "When no gateway answers").
lookup_answers() {
    local rc=0
    timeout 2 podman exec "$(ctr asterisk)" getent hosts gateway >/dev/null 2>&1 || rc=$?
    ((rc != 124))
}
until_ok 60 "asterisk's lookup of the stopped gateway answers within 2 s" lookup_answers
caller2="139$((10000000 + RANDOM * 1000 + RANDOM % 1000))"
step "gateway stopped; citizen $caller2 calls 12345"
ami "Action: Originate" "Channel: Local/slow@caller-sim" "Context: public" "Exten: 12345" "Priority: 1" \
    "CallerID: \"Citizen\" <$caller2>" "Async: true" "Timeout: 30000" "Variable: HOLD=20" \
    | grep -E '^Message:' | sed 's/^/    AMI: /'
queued() { podman exec "$(ctr asterisk)" asterisk -rx 'core show channels concise' | grep "!Queue!hotline-general" \
    | grep "!$caller2!"; }
until_ok 30 "the call of $caller2 in hotline-general" queued
step "  Asterisk: $(queued | head -n1 | cut -d'!' -f1,2,6,7,8)"
step "all checks passed"
