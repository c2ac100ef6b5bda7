#!/usr/bin/env bash
# Builds the base images the Dockerfiles start FROM, from Debian packages only (no image registry needed):
#
#   localhost/jiesu-base-asterisk   Asterisk 22, its English core sounds, music on hold   (user asterisk)
#   localhost/jiesu-base-jre        a Java runtime for the gateway, curl for healthchecks  (user jiesu)
#   localhost/jiesu-base-redis      redis-server and redis-cli                             (user redis)
#
# One Debian sid minbase rootfs is debootstrapped (Asterisk 22 is only in sid), each image's packages are
# installed into a copy of it in a chroot, and the copy is imported with `podman import` (or `docker import`).
#
#   docker/build-base.sh                 build what is missing or out of date (versions from docker/base.lock)
#   docker/build-base.sh --refresh-lock  install the newest versions and rewrite docker/base.lock
#   docker/build-base.sh --allow-drift   when a locked version is gone from the mirror (sid moves on daily),
#                                        warn and install the current one instead of failing
#
# Environment: JIESU_BASE_CACHE (work dir and .deb cache, default ~/.cache/jiesu/base), JIESU_BASE_MIRROR
# (default: the host's apt mirror), JIESU_BASE_ALLOW_DRIFT=1 (as --allow-drift), JIESU_CONTAINER_CLI
# (podman or docker, default: whichever is installed, podman first). Needs root (debootstrap, chroot).
set -Eeuo pipefail
shopt -s inherit_errexit

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly REPO_DIR
readonly LOCK="$REPO_DIR/docker/base.lock"
readonly CACHE=${JIESU_BASE_CACHE:-$HOME/.cache/jiesu/base}
readonly DEBS="$CACHE/debs"
readonly SUITE=sid
# Bump when the way an image is built changes, so cached images are rebuilt.
readonly RECIPE=3

# The packages of each image (the lock pins exactly these; their dependencies follow the mirror).
# Java 25, not 21: the gateway's FastAGI server runs a virtual thread per call and Asterisk-Java synchronizes
# its socket writes; before JDK 24 (JEP 491) that pins the carrier threads (see the Dockerfile).
declare -A PACKAGES=(
  [asterisk]="asterisk asterisk-core-sounds-en asterisk-moh-opsound-wav"
  [jre]="openjdk-25-jre-headless curl"
  [redis]="redis-server"
)
readonly IMAGES="asterisk jre redis"

refresh=0
drift=${JIESU_BASE_ALLOW_DRIFT:-0}
for arg in "$@"; do
  case $arg in
    --refresh-lock) refresh=1 ;;
    --allow-drift) drift=1 ;;
    -h|--help) sed -n '2,/^set -E/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[build-base] %s\n' "$*" >&2; }
die() { printf '[build-base] ERROR: %s\n' "$*" >&2; exit 1; }
trap 'log "FAILED: line $LINENO: $BASH_COMMAND"' ERR
MOUNTED=""
trap '[[ -z $MOUNTED ]] || umount "$MOUNTED" 2>/dev/null || true' EXIT

[[ $EUID -eq 0 ]] || die "run as root (debootstrap and chroot)"
if [[ -n ${JIESU_CONTAINER_CLI:-} ]]; then CLI=$JIESU_CONTAINER_CLI
elif command -v podman >/dev/null; then CLI=podman
elif command -v docker >/dev/null; then CLI=docker
else die "neither podman nor docker is installed"
fi
if ! command -v debootstrap >/dev/null && [[ ! -x /usr/sbin/debootstrap ]]; then
  log "installing debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

# The host's Debian mirror (the same lookup as scripts/asterisk-lab.sh).
mirror() {
  if [[ -n ${JIESU_BASE_MIRROR:-} ]]; then echo "$JIESU_BASE_MIRROR"; return; fi
  local uri
  uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -E '/debian/?$' | head -n1 || true)
  [[ -n $uri ]] || uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; break } }' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -E '/debian/?$' | head -n1 || true)
  [[ -n $uri ]] || die "no Debian mirror in /etc/apt/sources.list*; set JIESU_BASE_MIRROR"
  echo "${uri%/}"
}
MIRROR=$(mirror)
readonly MIRROR

chroot_run() {
  chroot "$1" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "${@:2}"
}

# The shared minbase rootfs, with apt configured like the lab's chroot; cached until RECIPE or mirror change.
base_rootfs() {
  local dir="$CACHE/sid-minbase" stamp="suite=$SUITE mirror=$MIRROR recipe=$RECIPE"
  if [[ -f $dir/.jiesu-stamp && $(cat "$dir/.jiesu-stamp") == "$stamp" ]]; then
    echo "$dir"; return
  fi
  rm -rf -- "$dir" "$dir.build"
  mkdir -p "$DEBS"
  # The Asterisk lab's .deb cache is the same suite: seed ours from it instead of downloading again.
  find "$HOME/.cache/jiesu" -maxdepth 3 -path '*asterisk-lab*/debs/*.deb' -exec cp -n -t "$DEBS" {} + 2>/dev/null || true
  log "debootstrap $SUITE from $MIRROR"
  debootstrap --variant=minbase --cache-dir="$DEBS" "$SUITE" "$dir.build" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -n 20 "$CACHE/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE/debootstrap.log)"; }
  local b="$dir.build"
  echo 'Acquire::Check-Valid-Until "false";' >"$b/etc/apt/apt.conf.d/99jiesu-no-valid-until"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$b/etc/apt/apt.conf.d/99jiesu-no-recommends"
  # Images carry no documentation or foreign locales (a third of a JRE install otherwise).
  printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\npath-include /usr/share/doc/*/copyright\n' \
    >"$b/etc/dpkg/dpkg.cfg.d/99jiesu-nodoc"
  echo "deb $MIRROR $SUITE main" >"$b/etc/apt/sources.list"
  printf '#!/bin/sh\n# jiesu image build: never start services in the chroot\nexit 101\n' >"$b/usr/sbin/policy-rc.d"
  chmod 755 "$b/usr/sbin/policy-rc.d"
  chroot_run "$b" apt-get update -qq >"$CACHE/apt-update.log" 2>&1 || die "apt-get update failed ($CACHE/apt-update.log)"
  echo "$stamp" >"$b/.jiesu-stamp"
  mv -- "$b" "$dir"
  echo "$dir"
}

# locked IMAGE: "pkg=version ..." from the lock file, or the bare names when refreshing or not locked yet.
locked() {
  local image=$1 pkg out=() v
  for pkg in ${PACKAGES[$image]}; do
    v=""
    if [[ $refresh == 0 && -f $LOCK ]]; then
      v=$(awk -v i="$image" -v p="$pkg" '$1 == i { split($2, a, "="); if (a[1] == p) print substr($2, length(p) + 2) }' "$LOCK")
    fi
    out+=("${pkg}${v:+=$v}")
  done
  echo "${out[*]}"
}

# install IMAGE DIR: the image's packages into the rootfs copy DIR, pinned as locked; prints installed versions.
install_packages() {
  local image=$1 dir=$2 pins log="$CACHE/apt-$1.log"
  pins=$(locked "$image")
  find "$DEBS" -maxdepth 1 -name '*.deb' -exec cp -t "$dir/var/cache/apt/archives" {} +
  # The JRE's postinst runs java, which needs /proc.
  mount -t proc proc "$dir/proc"
  MOUNTED=$dir/proc
  # shellcheck disable=SC2086 # pins is a word list
  if ! chroot_run "$dir" apt-get install -y -qq $pins >"$log" 2>&1; then
    grep -qiE "version .* (was )?not found|Version '.*' for '.*' was not found" "$log" \
      || { tail -n 20 "$log" >&2; die "apt-get install for $image failed (log: $log)"; }
    [[ $drift == 1 ]] || die "a version pinned in docker/base.lock is gone from $MIRROR (sid moved on): run \
docker/build-base.sh --refresh-lock (and commit docker/base.lock), or --allow-drift to build with today's versions"
    log "WARNING: $image: a locked version is no longer on the mirror; installing today's ${PACKAGES[$image]}"
    # shellcheck disable=SC2086
    chroot_run "$dir" apt-get install -y -qq ${PACKAGES[$image]} >"$log" 2>&1 \
      || { tail -n 20 "$log" >&2; die "apt-get install for $image failed (log: $log)"; }
  fi
  umount "$dir/proc"
  MOUNTED=""
  find "$dir/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec mv -n -t "$DEBS" {} +
}

# users IMAGE DIR: the non-root user each image runs as (the asterisk and redis packages create theirs).
add_user() {
  local image=$1 dir=$2
  case $image in
    jre) chroot_run "$dir" sh -c 'id jiesu >/dev/null 2>&1 || useradd --uid 10001 --user-group \
           --home-dir /opt/jiesu --no-create-home --shell /usr/sbin/nologin jiesu' ;;
    asterisk) chroot_run "$dir" id asterisk >/dev/null ;;
    redis) chroot_run "$dir" id redis >/dev/null ;;
  esac
}

versions() {
  local image=$1 dir=$2 pkg
  for pkg in ${PACKAGES[$image]}; do
    printf '%s %s=%s\n' "$image" "$pkg" "$(chroot_run "$dir" dpkg-query -W -f '${Version}' "$pkg")"
  done
}

build_image() {
  local image=$1 base=$2 tag="localhost/jiesu-base-$1" dir="$CACHE/rootfs-$1"
  local want
  want="recipe=$RECIPE mirror=$MIRROR pins=$(locked "$image")"
  if [[ $refresh == 0 ]] && $CLI image inspect "$tag" >/dev/null 2>&1 && [[ -f $CACHE/$image.stamp && $(cat "$CACHE/$image.stamp") == "$want" ]]; then
    log "$tag up to date"
    grep "^$image " "$CACHE/$image.versions"
    return
  fi
  log "building $tag: ${PACKAGES[$image]}"
  umount "$dir/proc" 2>/dev/null || true   # left mounted by an interrupted build: never rm -rf through it
  rm -rf -- "$dir"
  cp -a "$base" "$dir"
  install_packages "$image" "$dir"
  add_user "$image" "$dir"
  versions "$image" "$dir" | tee "$CACHE/$image.versions"
  chroot_run "$dir" apt-get clean
  rm -rf -- "$dir"/var/lib/apt/lists/* "$dir/.jiesu-stamp" "$dir"/tmp/* "$dir"/var/log/*.log
  tar --numeric-owner -C "$dir" -c . | $CLI import - "$tag" >/dev/null
  rm -rf -- "$dir"
  echo "$want" >"$CACHE/$image.stamp"
  log "$tag: $($CLI image inspect --format '{{.Size}}' "$tag" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
}

main() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  flock -w 1800 9 || die "another build-base.sh holds $CACHE/.lock"
  local t0=$SECONDS base image
  base=$(base_rootfs)
  local all=""
  for image in $IMAGES; do
    all+=$(build_image "$image" "$base")$'\n'
  done
  if [[ $refresh == 1 || ! -f $LOCK ]]; then
    {
      echo "# Versions of the base images' packages (Debian $SUITE), written by docker/build-base.sh --refresh-lock"
      echo "# on $(date -u +%Y-%m-%d). Refresh: docker/build-base.sh --refresh-lock, then rebuild and commit this file."
      printf '%s' "$all"
    } >"$LOCK"
    log "wrote $LOCK"
  fi
  log "base images ready in $((SECONDS - t0)) s"
}

main
