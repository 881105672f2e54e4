#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests, unless it is already there.
# Usage: scripts/install_chromium.sh   (needs root or sudo; Playwright's own
# browser download does not work on these machines, so we use Debian's.)
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium
