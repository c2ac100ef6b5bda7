# Sourced by the project's scripts: a headless Chromium for the console's browser tests (Debian's package).
# The tests drive it with Playwright for Java, which must never download a browser of its own.

jiesu_require_chromium() {
    if ! command -v chromium >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "jiesu: installing chromium and CJK fonts (Debian packages)" >&2
            apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null &&
                DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
                    --no-install-recommends chromium fonts-noto-cjk >/dev/null
        fi
    fi
    if ! command -v chromium >/dev/null 2>&1; then
        echo "jiesu: chromium is missing: install it (apt-get install chromium fonts-noto-cjk) or set JIESU_TEST_CHROMIUM." >&2
        return 1
    fi
    export JIESU_TEST_CHROMIUM="${JIESU_TEST_CHROMIUM:-$(command -v chromium)}"
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
}
