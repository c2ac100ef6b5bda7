#!/usr/bin/env bash
# Build the IVR voice prompts from config/sounds/prompts.tsv with Debian's espeak-ng and sox:
#   config/sounds/zh/jiesu/NAME.wav, config/sounds/en/jiesu/NAME.wav   (every prompt, both languages)
#   config/sounds/zh/digits/0.wav ... 9.wav                             (零 ... 九, for SayDigits)
# Output is what Asterisk's format_wav plays without transcoding: 8 kHz, mono, 16-bit PCM.
# The generated files are committed; rerun after editing prompts.tsv (output is reproducible).
#
# Usage: scripts/make-prompts.sh
set -Eeuo pipefail
shopt -s inherit_errexit

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly REPO_DIR
readonly SOUNDS_DIR="$REPO_DIR/config/sounds"
readonly TSV="$SOUNDS_DIR/prompts.tsv"

# Debian's plain `cmn`/`zh` voice reads Latin text as English, and its dictionary turns Chinese
# characters into pinyin with tone digits, so 您 comes out as English "nin two". The
# latin-as-pinyin variant of the same Mandarin voice speaks the pinyin properly.
readonly ZH_VOICE=cmn-latn-pinyin
readonly EN_VOICE=en-us
readonly ZH_SPEED=150   # words per minute: a little slower than the default 175, for the phone
readonly EN_SPEED=155

log() { printf '[make-prompts] %s\n' "$*" >&2; }
die() { printf '[make-prompts] ERROR: %s\n' "$*" >&2; exit 1; }

ensure_tools() {
  local missing=()
  command -v espeak-ng >/dev/null || missing+=(espeak-ng)
  command -v sox >/dev/null || missing+=(sox)
  ((${#missing[@]} == 0)) && return
  [[ $EUID -eq 0 ]] || die "missing ${missing[*]}: run 'sudo apt-get install ${missing[*]}'"
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# speakable LANG TEXT: the hotline number is said digit by digit, as callers say it
# (幺二三四五 in Mandarin), not as "twelve thousand ...".
speakable() {
  case $1 in
    zh) printf '%s' "${2//12345/幺二三四五}" ;;
    en) printf '%s' "${2//12345/1 2 3 4 5}" ;;
  esac
}

# segments TEXT: one line per run of text to speak with one voice, prefixed "en " for runs that
# start with a Latin letter (English) and "zh " for the rest. Mixed prompts such as
# "普通话请按1。For English, press 2." then get a Mandarin and an English voice. Byte-level
# matching is enough: UTF-8 bytes of Chinese text are never ASCII letters.
segments() {
  printf '%s' "$1" | perl -ne 'while (/([A-Za-z][\x00-\x7F]*)|([^A-Za-z]+)/g) {
      print defined $1 ? "en $1\n" : "zh $2\n" }'
}

# synth OUT TEXT: speak TEXT (Mandarin and/or English runs) into OUT, 8 kHz mono 16-bit wav.
synth() {
  local out=$1 text=$2 tmp lang run n=0 parts=()
  tmp=$(mktemp -d)
  while read -r lang run; do
    [[ -n ${run//[[:space:][:punct:]]/} ]] || continue   # nothing to say (a lone "。")
    n=$((n + 1))
    if [[ $lang == en ]]; then
      espeak-ng -v "$EN_VOICE" -s "$EN_SPEED" -w "$tmp/$n.wav" "$run"
    else
      espeak-ng -v "$ZH_VOICE" -s "$ZH_SPEED" -w "$tmp/$n.wav" "$run"
    fi
    parts+=("$tmp/$n.wav")
  done < <(segments "$text")
  ((n > 0)) || die "nothing to say for $out"
  mkdir -p "$(dirname "$out")"
  # -D: no dither, so rerunning gives byte-identical files (no noise in git diffs).
  # silence ... reverse ...: trim espeak's leading/trailing silence (digits said in a row must not
  # drag); gain -n -3: normalise to -3 dBFS; pad: short, even gaps around every prompt.
  sox -D "${parts[@]}" -r 8000 -c 1 -b 16 -e signed-integer "$out" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse gain -n -3 pad 0.1 0.2
  rm -rf -- "$tmp"
}

make_prompts() {
  local name zh en count=0
  while IFS=$'\t' read -r name zh en; do
    [[ $name == name || -z $name ]] && continue   # header, blank lines
    synth "$SOUNDS_DIR/zh/jiesu/$name.wav" "$(speakable zh "$zh")"
    synth "$SOUNDS_DIR/en/jiesu/$name.wav" "$(speakable en "$en")"
    count=$((count + 1))
  done <"$TSV"
  log "$count prompts in zh and en"
}

make_digits() {
  local -a digits=(零 一 二 三 四 五 六 七 八 九)
  local i
  for i in "${!digits[@]}"; do
    synth "$SOUNDS_DIR/zh/digits/$i.wav" "${digits[$i]}"
  done
  log "zh digits 0-9"
}

main() {
  [[ -f $TSV ]] || die "missing $TSV"
  ensure_tools
  local t0=$EPOCHREALTIME
  make_prompts
  make_digits
  log "done in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s: $(du -sh "$SOUNDS_DIR" | cut -f1) in $SOUNDS_DIR"
}

main "$@"
