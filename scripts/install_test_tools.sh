#!/usr/bin/env bash
# Installs what the tests need beyond Python packages, unless it is already
# there: Debian's chromium (Playwright's own browser download does not work on
# these machines), gettext (msgfmt --check of the PO files), a Java runtime,
# the Nu HTML Checker (vnu.jar, pinned, from the npm registry) into
# .cache/vnu/, and nginx (tests/test_nginx.py starts its own on 127.0.0.1;
# the system's nginx service is left stopped and disabled).
# Usage: scripts/install_test_tools.sh   (needs root or sudo for apt-get)
# What printing needs (chromium, the Noto fonts, qpdf) comes from
# scripts/install_print_tools.sh: tests/test_print.py prints a sample.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_print_tools.sh
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
nginx_missing=false
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  nginx_missing=true
  missing+=(nginx)
fi
# Debian starts a service when its package is installed: nginx would take
# port 80. A policy-rc.d that says no (only if the machine has none) stops
# that for the length of this install.
policy=/usr/sbin/policy-rc.d
if $nginx_missing && [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  trap '$SUDO rm -f "$policy"' EXIT
fi
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if $nginx_missing; then
  # Started anyway (a policy-rc.d of the machine's own said yes): stop it, and
  # keep it from starting at boot. No systemd (a container): service, if any.
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
  elif command -v service >/dev/null 2>&1; then
    $SUDO service nginx stop >/dev/null 2>&1 || true
  fi
fi

jar="$VNU_DIR/node_modules/vnu-jar/build/dist/vnu.jar"
installed="$VNU_DIR/node_modules/vnu-jar/package.json"
if [ ! -f "$jar" ] || ! grep -q "\"version\": \"$VNU_VERSION\"" "$installed"; then
  mkdir -p "$VNU_DIR"
  npm install --prefix "$VNU_DIR" --no-save --no-audit --no-fund --silent "vnu-jar@$VNU_VERSION"
fi
command -v chromium
command -v nginx || ls /usr/sbin/nginx
java -jar "$jar" --version
