# Sourced by the project's scripts: install and start a local redis-server on loopback.

jiesu_require_redis() {
    command -v redis-server >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "jiesu: installing redis-server (Debian package)" >&2
        apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq redis-server >/dev/null
        # Debian's package starts a system redis on 6379 where an init system runs; we start our own.
        command -v redis-server >/dev/null 2>&1 && return 0
    fi
    echo "jiesu: redis-server is missing: install it (apt-get install redis-server) or set JIESU_REDIS_URI." >&2
    return 1
}

jiesu_free_port() { # prints a free TCP port on 127.0.0.1
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
        echo $((20000 + RANDOM % 20000))
}

# jiesu_start_redis PORT DIR [extra redis-server args...]: starts a daemonized redis-server with the project's
# config, waits for PING, prints nothing on success. DIR and the files Redis writes there (AOF, RDB: citizens'
# appeals) are readable by this user only. With JIESU_LOCAL_REDIS_PASSWORD set, Redis requires it (AUTH); it goes
# into a mode-600 include file, never onto the command line where `ps` would show it.
jiesu_start_redis() {
    local port=$1 dir=$2; shift 2
    local conf
    conf="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/config/redis/redis.conf"
    (umask 077 && mkdir -p "$dir")
    chmod 700 "$dir"
    # JIESU_REDIS_MAXMEMORY overrides the config file's maxmemory (e.g. 4gb).
    local extra=()
    [ -n "${JIESU_REDIS_MAXMEMORY:-}" ] && extra+=(--maxmemory "$JIESU_REDIS_MAXMEMORY")
    if [ -n "${JIESU_LOCAL_REDIS_PASSWORD:-}" ]; then
        (umask 077 && printf 'requirepass %s\n' "$JIESU_LOCAL_REDIS_PASSWORD" > "$dir/auth.conf")
        extra+=(--include "$dir/auth.conf")
    fi
    (umask 077 && redis-server "$conf" --port "$port" --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" \
        --logfile "$dir/redis.log" "${extra[@]}" "$@" >/dev/null)
    local i
    for i in $(seq 1 100); do
        REDISCLI_AUTH="${JIESU_LOCAL_REDIS_PASSWORD:-}" redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    echo "jiesu: redis-server did not answer on port $port; log tail:" >&2
    tail -n 20 "$dir/redis.log" >&2
    return 1
}

jiesu_stop_redis_if_unused() { # jiesu_stop_redis_if_unused DIR PORT: stops it unless a gateway is still connected
    # Gateways name their connections "jiesu" (CLIENT SETNAME); a redis-cli or a monitor does not keep Redis up.
    local gateways
    gateways=$(REDISCLI_AUTH="${JIESU_LOCAL_REDIS_PASSWORD:-}" redis-cli -p "$2" client list 2>/dev/null |
        grep -c ' name=jiesu ' || true)
    if [ "${gateways:-0}" -gt 0 ]; then
        echo "[run] leaving the local Redis on 127.0.0.1:$2 running: another gateway or import is connected" \
            "($gateways connection(s)); the last run.sh to end stops it" >&2
        return 1
    fi
    jiesu_stop_redis "$1"
}

jiesu_stop_redis() { # jiesu_stop_redis DIR
    local pidfile=$1/redis.pid
    [ -f "$pidfile" ] || return 0
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
}
