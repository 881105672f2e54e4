#!/usr/bin/env bash
# Installs what `make print` needs beyond Python packages, unless it is already
# there: Debian's chromium (it prints the PDFs; Playwright's own browser
# download does not work on these machines), fonts-noto-core (the fonts
# embedded in the PDFs: Latin, Cyrillic, Greek, Arabic) and qpdf (checks the
# PDFs' structure).
# Usage: scripts/install_print_tools.sh   (needs root or sudo for apt-get)
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v chromium >/dev/null
command -v qpdf >/dev/null
