#!/usr/bin/env bash
# Runs the gateway on http://localhost:8080: builds it, starts a local redis-server (data in var/redis) unless
# JIESU_REDIS_URI is set, and with --with-asterisk also starts the Asterisk 22 lab and points the gateway at it.
# Other arguments go to the gateway (e.g. --config my.yaml).
#
#   scripts/run.sh import-history [OPTIONS] FILE   runs `jiesu import-history` against the same local Redis (started
#                                                  for the import, stopped after it), before the gateway's first run
#   scripts/run.sh hash-password | --check-config FILE | --help     the other `jiesu` commands, no Redis
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
caller_dir=$PWD
cd "$root"
. scripts/lib/jdk.sh
. scripts/lib/redis.sh

with_asterisk=0
args=()
for a in "$@"; do
    if [ "$a" = "--with-asterisk" ]; then with_asterisk=1; else args+=("$a"); fi
done

# A `jiesu` command rather than the gateway: import-history needs the Redis the gateway will use; the others none.
command=""
case "${args[0]:-}" in
    import-history | hash-password | --check-config | --help | -h | help) command=${args[0]} ;;
esac
# Files named relative to where the operator stands, not to the clone this script moves into.
if [ -n "$command" ] || [ "${args[0]:-}" = --config ]; then
    prev=""
    for i in "${!args[@]}"; do
        a=${args[$i]}
        case "$prev" in --batch | --progress | --format | --encoding | --iterations) prev=$a; continue ;; esac
        case "$a" in
            -* | /*) ;;
            *) if [ "$i" -gt 0 ] && [ -e "$caller_dir/$a" ]; then args[i]="$caller_dir/$a"; fi ;;
        esac
        prev=$a
    done
fi

jiesu_find_jdk
jiesu_require_maven
echo "[run] building the gateway with $JAVA_HOME" >&2
mvn -B -q -Dstyle.color=never -DskipTests -pl gateway -am package >&2 # stdout: the command's own (a summary)
jar=gateway/target/jiesu-gateway-0.1.0-SNAPSHOT.jar
if [ -n "$command" ] && [ "$command" != import-history ]; then
    exec java -jar "$jar" "${args[@]}"
fi

# The local Redis is shared by every run.sh of this checkout (a second gateway, an import): the last one to end stops
# it. A fresh operator's first gateway took it down under the second one, its SIGTERM and its kill -9 alike.
cleanup() {
    if [ "${local_redis:-0}" = 1 ]; then
        jiesu_stop_redis_if_unused "$root/var/redis" "$port" && rm -f "$root/var/redis/port"
    fi
    [ "$with_asterisk" = 1 ] && scripts/asterisk-lab.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

if [ -z "${JIESU_REDIS_URI:-}" ] && [ -s "$root/var/redis/redis.pid" ] && [ -s "$root/var/redis/port" ] &&
    kill -0 "$(cat "$root/var/redis/redis.pid")" 2>/dev/null; then
    # Another run.sh (the gateway, say) has the local Redis up: use it (a second redis-server on the same data
    # directory would write the same files and hold data the gateway never sees), and stop it if last to end.
    JIESU_LOCAL_REDIS_PASSWORD=$(cat "$root/var/redis-password")
    export JIESU_LOCAL_REDIS_PASSWORD
    port=$(cat "$root/var/redis/port")
    export JIESU_REDIS_URI="redis://:$JIESU_LOCAL_REDIS_PASSWORD@127.0.0.1:$port"
    local_redis=1
    echo "[run] using the local Redis already running on 127.0.0.1:$port (data in var/redis)" >&2
fi
if [ -z "${JIESU_REDIS_URI:-}" ]; then
    jiesu_require_redis
    port=6379
    if redis-cli -p "$port" ping >/dev/null 2>&1 || (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
        port=$(jiesu_free_port)   # 6379 is taken by something else: keep ours separate
    fi
    # Redis holds citizens' appeals: it gets a password (random, kept mode 600 in var/redis-password) so that
    # other local users cannot read or write it, and its data directory is this user's only.
    pw_file="$root/var/redis-password"
    if [ ! -s "$pw_file" ]; then
        mkdir -p "$root/var"
        (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$pw_file")
    fi
    JIESU_LOCAL_REDIS_PASSWORD=$(cat "$pw_file")
    export JIESU_LOCAL_REDIS_PASSWORD
    jiesu_start_redis "$port" "$root/var/redis"
    local_redis=1
    echo "$port" > "$root/var/redis/port"
    export JIESU_REDIS_URI="redis://:$JIESU_LOCAL_REDIS_PASSWORD@127.0.0.1:$port"
    echo "[run] started local Redis on 127.0.0.1:$port (password in $pw_file, data in var/redis, AOF on)" >&2
fi

if [ "$command" = import-history ]; then
    # In the foreground: its summary is its standard output; Redis stops when it ends (the trap) unless a gateway
    # still uses it.
    status=0
    java -jar "$jar" "${args[@]}" || status=$?
    exit "$status"
fi

if [ "$with_asterisk" = 1 ]; then
    export JIESU_AMI_PORT=${JIESU_AMI_PORT:-5038} JIESU_AGI_PORT=${JIESU_AGI_PORT:-4573}
    scripts/asterisk-lab.sh setup
    scripts/asterisk-lab.sh start
    export JIESU_AMI_HOST=127.0.0.1
    export JIESU_AMI_USERNAME=${JIESU_AMI_USERNAME:-jiesu}
    if [ -z "${JIESU_AMI_SECRET:-}" ]; then
        JIESU_AMI_SECRET=$(cat "${JIESU_LAB_DIR:-$HOME/.cache/jiesu/asterisk-lab}/ami.secret")
        export JIESU_AMI_SECRET
    fi
    export JIESU_AGI_PORT
    # The lab has no trunk and no softphones: agents and citizens are simulated (config/asterisk-lab).
    export JIESU_CONSOLE_AGENT_INTERFACE=${JIESU_CONSOLE_AGENT_INTERFACE:-'Local/{ext}@agent-sim/n'}
    export JIESU_CONSOLE_CLICK_TO_CALL_ENDPOINT=${JIESU_CONSOLE_CLICK_TO_CALL_ENDPOINT:-'Local/{ext}@agent-sim'}
    # The lab's citizens: the number's last digit picks the outcome (config/asterisk-lab/extensions-site.conf).
    export JIESU_CONSOLE_CLICK_TO_CALL_CONTEXT=${JIESU_CONSOLE_CLICK_TO_CALL_CONTEXT:-console-dial-sim}
    export JIESU_CALLBACKS_DIAL_CITIZEN_CHANNEL=${JIESU_CALLBACKS_DIAL_CITIZEN_CHANNEL:-'Local/{number}@callee-sim'}
fi

# A dev convenience: the case APIs refuse everything without a token, so a fresh machine gets a random one, kept
# (mode 600) in var/api-token and reused by later runs. Only the file's path is printed, never the token.
if [ -z "${JIESU_ADMIN_API_TOKEN:-}" ]; then
    token_file="$root/var/api-token"
    if [ ! -s "$token_file" ]; then
        mkdir -p "$root/var"
        (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$token_file")
    fi
    JIESU_ADMIN_API_TOKEN=$(cat "$token_file")
    export JIESU_ADMIN_API_TOKEN
    echo "[run] case-API token in $token_file (curl -H \"Authorization: Bearer \$(cat $token_file)\" ...)"
fi

echo "[run] gateway on http://localhost:${JIESU_HTTP_PORT:-8080} (Ctrl-C or a SIGTERM to this script stops it)"
# In the background and waited for: bash runs a trap only once its foreground child has exited, so a SIGTERM sent to
# this script (a supervisor, `kill <pid>`) would otherwise wait for ever. The gateway drains, then Redis stops.
java -jar "$jar" "${args[@]+"${args[@]}"}" &
gateway_pid=$!
trap 'kill -TERM "$gateway_pid" 2>/dev/null || true' INT TERM
status=0
wait "$gateway_pid" || status=$?
while kill -0 "$gateway_pid" 2>/dev/null; do # a signal ended the wait, not the gateway: wait for its drain
    status=0
    wait "$gateway_pid" || status=$?
done
exit "$status"
