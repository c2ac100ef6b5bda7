# Sourced by the project's scripts: baresip, the SIP user agent the phone-line tests register to the Asterisk lab's
# PJSIP and call the hotline with (Debian's package; baresip-core without the GUI and video recommends).

jiesu_require_baresip() {
    if ! command -v baresip >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "jiesu: installing baresip (Debian package)" >&2
            apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null &&
                DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
                    --no-install-recommends baresip >/dev/null
        fi
    fi
    if ! command -v baresip >/dev/null 2>&1; then
        echo "jiesu: baresip is missing: install it (apt-get install --no-install-recommends baresip) or set JIESU_TEST_BARESIP." >&2
        return 1
    fi
    export JIESU_TEST_BARESIP="${JIESU_TEST_BARESIP:-$(command -v baresip)}"
}
