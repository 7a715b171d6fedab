#!/bin/sh
# Debian packages the test suite needs: Chromium (browser tests of the HTML view, driven by
# Playwright with this executable: Playwright's own browser download is not used) and a CJK
# font so that screenshots show Chinese labels. Installs only what is missing.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: please install$missing with your package manager" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
