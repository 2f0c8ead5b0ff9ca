#!/usr/bin/env sh
# Installs the Debian packages captionkit needs (ffmpeg decodes audio; espeak-ng synthesizes the
# test speech) when they are missing. Runs as root, or through sudo when that is available.
set -eu
missing=""
command -v ffmpeg >/dev/null 2>&1 || missing="$missing ffmpeg"
command -v espeak-ng >/dev/null 2>&1 || missing="$missing espeak-ng"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "captionkit needs:$missing. Install them (e.g. apt-get install$missing) and re-run." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is intended
$sudo apt-get install -y -qq $missing >/dev/null
