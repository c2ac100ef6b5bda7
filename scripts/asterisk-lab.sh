#!/usr/bin/env bash
# Asterisk test lab for Jiesu: a real Asterisk (Debian sid package) in a debootstrap chroot, no
# Docker needed. Integration tests drive it over AMI and answer its FastAGI calls.
#
#   scripts/asterisk-lab.sh setup     build the chroot (cached) and install asterisk
#   scripts/asterisk-lab.sh start     install our configs + prompts, start, wait until AMI accepts a login
#   scripts/asterisk-lab.sh stop      SIGTERM, then SIGKILL after 5 s (idempotent)
#   scripts/asterisk-lab.sh restart | status | rx 'core show channels'
#
# Environment (all optional; see scripts/asterisk-lab.md):
#   JIESU_LAB_DIR            lab directory (default ~/.cache/jiesu/asterisk-lab)
#   JIESU_LAB_MIRROR         Debian mirror (default: the host's own apt source)
#   JIESU_AMI_PORT           AMI port on 127.0.0.1 (default 5038)
#   JIESU_AMI_USERNAME       AMI user (default jiesu)
#   JIESU_AMI_SECRET         AMI secret (default: random, kept in $LAB_DIR/ami.secret)
#   JIESU_AGI_HOST           where the dialplan sends FastAGI (default 127.0.0.1)
#   JIESU_AGI_PORT           FastAGI port (default 4573)
#   JIESU_SIP_PORT           PJSIP UDP port on 127.0.0.1 (default 5060)
#   JIESU_CITIZEN_DIAL_PREFIX / _SUFFIX  how [callback-bridge] dials a citizen's number
#                            (default Local/ and @callee-sim: the lab has no trunk)
#   JIESU_AGENT_SIP_SECRET   password of SIP endpoints 8001-8010 (default: random, $LAB_DIR/sip.secret)
#   JIESU_LAB_READY_TIMEOUT  seconds to wait for ready (default 30)
set -Eeuo pipefail
shopt -s inherit_errexit

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly REPO_DIR
readonly CONFIG_DIR="$REPO_DIR/config/asterisk"
# The lab's simulated people, installed over the production configs (same names replace, others add).
readonly LAB_CONFIG_DIR="$REPO_DIR/config/asterisk-lab"
readonly SOUNDS_DIR="$REPO_DIR/config/sounds"

readonly LAB_DIR=${JIESU_LAB_DIR:-$HOME/.cache/jiesu/asterisk-lab}
readonly ROOTFS="$LAB_DIR/rootfs"
readonly STAMP="$LAB_DIR/rootfs.stamp"
readonly PID_FILE="$LAB_DIR/asterisk.pid"
readonly LOG_FILE="$LAB_DIR/asterisk.log"
readonly LOCK_FILE="$LAB_DIR/lab.lock"
readonly DEB_CACHE="$LAB_DIR/debs"   # downloaded .debs, so a rebuild does not download again

readonly SUITE=sid
readonly PACKAGES="asterisk asterisk-core-sounds-en"
# Bump when the way the chroot is built changes, so cached chroots are rebuilt.
readonly RECIPE=1

readonly AMI_HOST=127.0.0.1
readonly AMI_PORT=${JIESU_AMI_PORT:-5038}
readonly AMI_USER=${JIESU_AMI_USERNAME:-jiesu}
readonly AGI_HOST=${JIESU_AGI_HOST:-127.0.0.1}
readonly AGI_PORT=${JIESU_AGI_PORT:-4573}
readonly SIP_PORT=${JIESU_SIP_PORT:-5060}
readonly READY_TIMEOUT=${JIESU_LAB_READY_TIMEOUT:-30}

# ---------------------------------------------------------------------------------------------
# Output helpers

log() { printf '[asterisk-lab] %s\n' "$*" >&2; }
die() { printf '[asterisk-lab] ERROR: %s\n' "$*" >&2; exit 1; }

# step NAME CMD...: run CMD, report its wall time so slow steps are visible in CI logs. CMD is
# not run under `||`, which would switch off set -e inside it; a failure is reported by the ERR
# trap and ends the script.
step() {
  local name=$1 t0=$EPOCHREALTIME
  shift
  log "-> $name"
  "$@"
  log "<- $name ($(elapsed "$t0") s)"
}
trap 'log "FAILED: line $LINENO: $BASH_COMMAND"' ERR

# elapsed T0: seconds since the $EPOCHREALTIME value T0, two decimals.
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }

# with_lock CMD...: one lab-mutating command at a time per LAB_DIR (two concurrent `setup`s would
# otherwise debootstrap into the same directory).
with_lock() {
  mkdir -p "$LAB_DIR"
  exec 9>"$LOCK_FILE"
  if ! flock -n 9; then
    log "waiting for another asterisk-lab command holding $LOCK_FILE"
    flock -w 900 9 || die "timed out waiting for $LOCK_FILE"
  fi
  "$@"
}

in_chroot() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# ---------------------------------------------------------------------------------------------
# setup

# The Debian mirror the host's apt uses (deb822 .sources first, then one-line .list format); the
# only network we can reach is that mirror.
host_mirror() {
  if [[ -n ${JIESU_LAB_MIRROR:-} ]]; then
    echo "$JIESU_LAB_MIRROR"
    return
  fi
  local uri
  uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -E '/debian/?$' | head -n1 || true)
  if [[ -z $uri ]]; then
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; break } }' \
            /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
          | grep -E '/debian/?$' | head -n1 || true)
  fi
  [[ -n $uri ]] || die "no Debian mirror found in /etc/apt/sources.list*; set JIESU_LAB_MIRROR"
  echo "${uri%/}"
}

ensure_host_tools() {
  command -v flock >/dev/null || die "flock missing (package util-linux)"
  if ! command -v debootstrap >/dev/null && [[ ! -x /usr/sbin/debootstrap ]]; then
    [[ $EUID -eq 0 ]] || die "debootstrap missing: run 'sudo apt-get install debootstrap' (and run this as root)"
    log "installing debootstrap on the host"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  [[ $EUID -eq 0 ]] || die "setup/start need root (debootstrap and chroot)"
}

stamp_text() { printf 'suite=%s mirror=%s packages=%s recipe=%s\n' "$SUITE" "$1" "$PACKAGES" "$RECIPE"; }

# run_debootstrap DIR MIRROR: minbase sid; debootstrap creates /dev nodes itself, so the chroot
# needs no bind mounts.
run_debootstrap() {
  local dir=$1 mirror=$2
  if [[ -f $dir/.jiesu-debootstrap-done ]]; then
    log "debootstrap already done in $dir"
    return
  fi
  rm -rf -- "$dir"
  mkdir -p "$DEB_CACHE"
  debootstrap --variant=minbase --cache-dir="$DEB_CACHE" "$SUITE" "$dir" "$mirror" >"$LAB_DIR/debootstrap.log" 2>&1 \
    || { tail -n 20 "$LAB_DIR/debootstrap.log" >&2; die "debootstrap failed (log: $LAB_DIR/debootstrap.log)"; }
  touch "$dir/.jiesu-debootstrap-done"
}

# configure_chroot_apt DIR MIRROR: the mirror is a frozen snapshot whose Release has expired, and
# package maintainer scripts must not try to start services in the chroot.
configure_chroot_apt() {
  local dir=$1 mirror=$2
  echo 'Acquire::Check-Valid-Until "false";' >"$dir/etc/apt/apt.conf.d/99jiesu-no-valid-until"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$dir/etc/apt/apt.conf.d/99jiesu-no-recommends"
  echo "deb $mirror $SUITE main" >"$dir/etc/apt/sources.list"
  printf '#!/bin/sh\n# jiesu lab: never start services inside the chroot\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
  # A throwaway lab needs no crash-safe dpkg: skipping fsync makes the install much faster.
  echo force-unsafe-io >"$dir/etc/dpkg/dpkg.cfg.d/99jiesu-unsafe-io"
}

install_asterisk() {
  local dir=$1 archives="$1/var/cache/apt/archives"
  # Offer apt the .debs of earlier builds (it verifies their hashes), keep the new ones after.
  find "$DEB_CACHE" -maxdepth 1 -name '*.deb' -exec cp -t "$archives" {} +
  chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive \
    sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $PACKAGES" \
    >"$LAB_DIR/apt.log" 2>&1 \
    || { tail -n 20 "$LAB_DIR/apt.log" >&2; die "apt-get install in chroot failed (log: $LAB_DIR/apt.log)"; }
  [[ -x $dir/usr/sbin/asterisk ]] || die "asterisk binary missing after install"
  find "$archives" -maxdepth 1 -name '*.deb' -exec mv -n -t "$DEB_CACHE" {} +
  chroot "$dir" apt-get clean   # leftover .debs and ~100 MB of package caches
}

do_setup() {
  ensure_host_tools
  local mirror want
  mirror=$(host_mirror)
  want=$(stamp_text "$mirror")
  if [[ -x $ROOTFS/usr/sbin/asterisk && -f $STAMP && $(cat "$STAMP") == "$want" ]]; then
    log "chroot up to date ($ROOTFS, $(in_chroot asterisk -V))"
    return
  fi
  is_running && die "asterisk is running from the old chroot: run '$0 stop' first"

  # Build next to the final place and rename at the end, so an interrupted setup never leaves a
  # half-built rootfs that `start` would trust.
  local build="$LAB_DIR/rootfs.build"
  log "building $SUITE chroot from $mirror"
  step "debootstrap $SUITE" run_debootstrap "$build" "$mirror"
  step "configure chroot apt" configure_chroot_apt "$build" "$mirror"
  step "apt-get install $PACKAGES" install_asterisk "$build"
  rm -rf -- "$ROOTFS"
  mv -- "$build" "$ROOTFS"
  echo "$want" >"$STAMP"
  log "chroot ready: $(in_chroot asterisk -V)"
}

# ---------------------------------------------------------------------------------------------
# start / stop / status

lab_pid() { if [[ -f $PID_FILE ]]; then cat "$PID_FILE"; fi; }

is_running() {
  local pid
  pid=$(lab_pid)
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == asterisk ]]
}

# port_busy PORT: something already accepts TCP connections on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# secret_from VAR FILE: the env value when set, else a random secret kept in FILE (mode 600) so
# that restarts keep the same one. Only the path is ever printed.
secret_from() {
  local var=$1 file=$2
  if [[ -n ${!var:-} ]]; then
    printf '%s' "${!var}"
    return
  fi
  if [[ ! -s $file ]]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$file")
    log "generated random secret for $var: see $file"
  fi
  chmod 600 "$file"
  cat "$file"
}

ami_secret() { secret_from JIESU_AMI_SECRET "$LAB_DIR/ami.secret"; }

# conf_value TEXT: TEXT as an Asterisk config value; `;` starts a comment there unless escaped.
conf_value() {
  [[ $1 != *$'\n'* ]] || die "config values must be one line"
  printf '%s' "${1//;/\\;}"
}

# check_env: fail early on values that would produce a broken config.
check_env() {
  local v
  for v in AMI_PORT AGI_PORT SIP_PORT READY_TIMEOUT; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a number, got '${!v}'"
  done
  [[ $AMI_USER =~ ^[A-Za-z0-9_.-]+$ ]] || die "JIESU_AMI_USERNAME may only use letters, digits, _ . -"
}

# install_configs: our configs replace the stock ones wholesale (the stock set loads dozens of
# modules and listens on ports we do not want); the stock set is kept once in /etc/asterisk.stock.
install_configs() {
  local etc="$ROOTFS/etc/asterisk"
  [[ -d $ROOTFS/etc/asterisk.stock ]] || cp -a "$etc" "$ROOTFS/etc/asterisk.stock"
  find "$etc" -mindepth 1 -delete
  cp "$CONFIG_DIR"/*.conf "$etc/"
  cp "$LAB_CONFIG_DIR"/*.conf "$etc/"
  generate_includes "$etc"
  # Runtime dirs: nothing (no systemd-tmpfiles) creates /run/asterisk in the chroot. Created from
  # inside: /var/run is an absolute symlink to /run, which from the host means the host's /run.
  in_chroot mkdir -p /var/run/asterisk /var/log/asterisk /var/spool/asterisk /var/lib/asterisk
}

# generate_includes DIR: the files the committed configs #include, built from the environment so
# no secret or port is committed. docker-compose generates the same files the same way.
generate_includes() {
  local etc=$1 ami sip
  ami=$(conf_value "$(ami_secret)")
  sip=$(conf_value "$(secret_from JIESU_AGENT_SIP_SECRET "$LAB_DIR/sip.secret")")
  (
    umask 077
    cat >"$etc/manager-general.conf" <<EOF
; generated by scripts/asterisk-lab.sh: [general] of manager.conf
bindaddr = $AMI_HOST
port = $AMI_PORT
EOF
    cat >"$etc/manager-jiesu.conf" <<EOF
; generated by scripts/asterisk-lab.sh: the gateway's AMI user
[$AMI_USER]
secret = $ami
deny = 0.0.0.0/0.0.0.0
permit = 127.0.0.1/255.255.255.255
read = all
write = all
writetimeout = 1000
EOF
    cat >"$etc/jiesu-globals.conf" <<EOF
; generated by scripts/asterisk-lab.sh: dialplan [globals]
AGI_HOST = $AGI_HOST
AGI_PORT = $AGI_PORT
CITIZEN_DIAL_PREFIX = ${JIESU_CITIZEN_DIAL_PREFIX:-Local/}
CITIZEN_DIAL_SUFFIX = ${JIESU_CITIZEN_DIAL_SUFFIX:-@callee-sim}
EOF
    cat >"$etc/pjsip-transport.conf" <<EOF
; generated by scripts/asterisk-lab.sh: bind of [transport-udp]
bind = 127.0.0.1:$SIP_PORT
EOF
    cat >"$etc/pjsip-media.conf" <<EOF
; generated by scripts/asterisk-lab.sh: the endpoints' RTP on loopback, beside the SIP transport
[rtp-address](!)
media_address = 127.0.0.1
bind_rtp_to_media_address = yes
EOF
    {
      echo "; generated by scripts/asterisk-lab.sh: SIP passwords of the agent softphones"
      local ext
      for ext in $(seq 8001 8010); do
        printf '[%s-auth]\ntype = auth\nauth_type = userpass\nusername = %s\npassword = %s\n\n' "$ext" "$ext" "$sip"
      done
    } >"$etc/pjsip-agents.conf"
  )
}

# install_sounds: our prompts (config/sounds/<lang>/...) go under the chroot's sounds dir, so that
# Playback(jiesu/welcome) with CHANNEL(language)=zh finds sounds/zh/jiesu/welcome.wav.
# sounds/en is an absolute symlink (Debian alternatives) that only resolves inside the chroot, so
# the files are staged in the chroot and copied from inside it.
install_sounds() {
  local stage="$ROOTFS/tmp/jiesu-sounds"
  rm -rf -- "$stage"
  mkdir -p "$stage"
  local lang
  for lang in "$SOUNDS_DIR"/*/; do
    [[ -d $lang ]] && cp -r "$lang" "$stage/"
  done
  # shellcheck disable=SC2016 # expanded by the chroot's sh
  in_chroot sh -c 'cd /tmp/jiesu-sounds && for lang in *; do
      [ -d "$lang" ] || continue
      mkdir -p "/usr/share/asterisk/sounds/$lang" && cp -r "$lang/." "/usr/share/asterisk/sounds/$lang/"
    done'
  rm -rf -- "$stage"
}

launch_asterisk() {
  : >"$LOG_FILE"
  # setsid: its own session, so the lab outlives the calling shell and Ctrl-C there. Without job
  # control the background child is no group leader, so setsid and chroot exec: $! is asterisk.
  # 9>&-: asterisk must not inherit the lock fd, or it would hold the lab lock while it runs.
  setsid chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    /usr/sbin/asterisk -f -n -g </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  echo $! >"$PID_FILE"
}

# ami_login_ok SECRET: a real AMI login over bash's /dev/tcp (no python or nc needed).
ami_login_ok() {
  local secret=$1 fd line ok=1 n=0
  # The braces matter: a bare `exec ... 2>/dev/null` would silence stderr for the whole script.
  { exec {fd}<>"/dev/tcp/$AMI_HOST/$AMI_PORT"; } 2>/dev/null || return 1
  printf 'Action: Login\r\nActionID: lab-ready\r\nUsername: %s\r\nSecret: %s\r\nEvents: off\r\n\r\n' \
    "$AMI_USER" "$secret" 1>&"$fd"
  while ((n++ < 20)) && IFS= read -r -t 5 -u "$fd" line 2>/dev/null; do
    line=${line%$'\r'}
    case $line in
      "Response: Success") ok=0; break ;;
      "Response: Error") break ;;
    esac
  done
  printf 'Action: Logoff\r\n\r\n' 1>&"$fd" 2>/dev/null || true
  exec {fd}>&-
  return "$ok"
}

fail_start() {
  log "$1"
  log "last lines of $LOG_FILE:"
  tail -n 30 "$LOG_FILE" >&2 || true
  if [[ -f $ROOTFS/var/log/asterisk/messages ]]; then
    log "last lines of $ROOTFS/var/log/asterisk/messages:"
    tail -n 15 "$ROOTFS/var/log/asterisk/messages" >&2
  fi
  do_stop >/dev/null 2>&1 || true
  exit 1
}

wait_ready() {
  local t0=$EPOCHREALTIME deadline=$((SECONDS + READY_TIMEOUT)) secret
  secret=$(ami_secret)
  until timeout 5 chroot "$ROOTFS" /usr/sbin/asterisk -rx 'core waitfullybooted' >/dev/null 2>&1; do
    is_running || fail_start "asterisk exited during startup"
    ((SECONDS < deadline)) || fail_start "asterisk not fully booted after ${READY_TIMEOUT}s"
    sleep 0.2
  done
  log "fully booted after $(elapsed "$t0") s"
  until ami_login_ok "$secret"; do
    is_running || fail_start "asterisk exited during startup"
    ((SECONDS < deadline)) || fail_start "no successful AMI login on $AMI_HOST:$AMI_PORT as '$AMI_USER' after ${READY_TIMEOUT}s"
    sleep 0.2
  done
  log "AMI login accepted after $(elapsed "$t0") s"
}

do_start() {
  [[ $EUID -eq 0 ]] || die "start needs root (chroot)"
  [[ -x $ROOTFS/usr/sbin/asterisk ]] || die "no lab chroot in $ROOTFS: run '$0 setup' first"
  check_env
  if is_running; then
    log "already running (pid $(lab_pid)); use 'restart' to apply changed configs or ports"
    print_ready
    return
  fi
  port_busy "$AMI_PORT" && die "something already listens on 127.0.0.1:$AMI_PORT (set JIESU_AMI_PORT)"
  local t0=$EPOCHREALTIME
  step "install configs" install_configs
  step "install sounds" install_sounds
  step "launch asterisk" launch_asterisk
  step "wait for ready" wait_ready
  log "ready $(elapsed "$t0") s after start, pid $(lab_pid), RSS $(rss_kb) kB"
  print_ready
}

print_ready() {
  echo "ready ami=$AMI_HOST:$AMI_PORT user=$AMI_USER secret-file=$(secret_hint) agi=$AGI_HOST:$AGI_PORT sip=127.0.0.1:$SIP_PORT"
}

# secret_hint: where the AMI secret is, never the secret itself.
secret_hint() {
  if [[ -n ${JIESU_AMI_SECRET:-} ]]; then echo 'env:JIESU_AMI_SECRET'; else echo "$LAB_DIR/ami.secret"; fi
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$(lab_pid)/status" 2>/dev/null || echo '?'; }

do_stop() {
  local pid
  pid=$(lab_pid)
  if ! is_running; then
    rm -f "$PID_FILE"
    # No pid file, but an Asterisk of this chroot answers on its control socket (pid file lost):
    # ask it to stop.
    if [[ -x $ROOTFS/usr/sbin/asterisk ]] && timeout 5 chroot "$ROOTFS" /usr/sbin/asterisk -rx 'core stop now' >/dev/null 2>&1; then
      log "stopped an Asterisk that had no pid file"
    else
      log "not running"
    fi
    return
  fi
  kill -TERM "$pid"
  local i
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after 5 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

do_status() {
  if is_running; then
    echo "running pid=$(lab_pid) rss_kb=$(rss_kb) ami=$AMI_HOST:$AMI_PORT lab=$LAB_DIR"
    in_chroot asterisk -rx 'core show uptime' || true
  else
    echo "stopped lab=$LAB_DIR"
    return 3
  fi
}

do_rx() {
  [[ $# -gt 0 ]] || die "usage: $0 rx '<cli command>'"
  is_running || die "asterisk is not running"
  in_chroot asterisk -rx "$*"
}

usage() {
  sed -n '2,/^set -E/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  shift || true
  case $cmd in
    setup) with_lock step setup do_setup ;;
    start) with_lock step start do_start ;;
    stop) with_lock step stop do_stop ;;
    restart) with_lock step restart sh_restart ;;
    status) do_status || exit $? ;;   # 3 = stopped, as LSB status does
    rx) do_rx "$@" || exit $? ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

sh_restart() { do_stop; do_start; }

main "$@"
