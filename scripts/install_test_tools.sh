#!/usr/bin/env bash
# Installs what the tests need beyond Python packages, unless it is already
# there: Debian's chromium (Playwright's own browser download does not work on
# these machines), gettext (msgfmt --check of the PO files), a Java runtime
# and the Nu HTML Checker (vnu.jar, pinned, from the npm registry) into
# .cache/vnu/.
# Usage: scripts/install_test_tools.sh   (needs root or sudo for apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."
VNU_VERSION=26.9.27
VNU_DIR=.cache/vnu

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

jar="$VNU_DIR/node_modules/vnu-jar/build/dist/vnu.jar"
installed="$VNU_DIR/node_modules/vnu-jar/package.json"
if [ ! -f "$jar" ] || ! grep -q "\"version\": \"$VNU_VERSION\"" "$installed"; then
  mkdir -p "$VNU_DIR"
  npm install --prefix "$VNU_DIR" --no-save --no-audit --no-fund --silent "vnu-jar@$VNU_VERSION"
fi
command -v chromium
java -jar "$jar" --version
