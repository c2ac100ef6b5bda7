# Sourced by the project's scripts: find or fetch promtool (rule checks and rule unit tests of ops/prometheus).

# jiesu_require_promtool: exports JIESU_TEST_PROMTOOL. Uses a promtool on PATH, else the one unpacked from Debian's
# `prometheus` package into ~/.cache/jiesu/promtool. The package is downloaded and unpacked, never installed: its
# maintainer scripts would start a Prometheus daemon on :9090 that the tests do not want.
jiesu_require_promtool() {
    if [ -n "${JIESU_TEST_PROMTOOL:-}" ] && [ -x "$JIESU_TEST_PROMTOOL" ]; then
        return 0
    fi
    if command -v promtool >/dev/null 2>&1; then
        export JIESU_TEST_PROMTOOL="$(command -v promtool)"
        return 0
    fi
    local dir="${JIESU_PROMTOOL_DIR:-$HOME/.cache/jiesu/promtool}"
    local bin="$dir/root/usr/bin/promtool"
    if [ ! -x "$bin" ]; then
        if ! command -v apt-get >/dev/null 2>&1; then
            echo "jiesu: promtool is missing: install Debian's prometheus package or set JIESU_TEST_PROMTOOL." >&2
            return 1
        fi
        echo "jiesu: fetching promtool (Debian package prometheus, unpacked into $dir)" >&2
        mkdir -p "$dir"
        (cd "$dir" && rm -f prometheus_*.deb &&
            { apt-get download -qq prometheus >/dev/null 2>&1 ||
                { apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null && apt-get download -qq prometheus >/dev/null; }; } &&
            dpkg-deb -x prometheus_*.deb root && rm -f prometheus_*.deb) || {
            echo "jiesu: could not fetch Debian's prometheus package; set JIESU_TEST_PROMTOOL to a promtool binary." >&2
            return 1
        }
    fi
    export JIESU_TEST_PROMTOOL="$bin"
}
