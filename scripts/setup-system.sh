#!/usr/bin/env bash
# System packages the tests need, from Debian: Chromium for the end-to-end tests, the Python
# frameworks the demos/python programs run on (Debian's /usr/bin/python3, not pyenv's), and
# Java for the Nu HTML checker (vnu-jar, from npm) that reads every built page.
# Installs only what is missing, so it is cheap to run again. Needs root (or sudo).
set -euo pipefail

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
for module in gevent eventlet twisted; do
  /usr/bin/python3 -c "import $module" 2>/dev/null || packages+=("python3-$module")
done
command -v java >/dev/null || packages+=(default-jre-headless)

if [ ${#packages[@]} -eq 0 ]; then
  echo "setup-system: chromium, python3-gevent/eventlet/twisted and java are already installed"
  exit 0
fi

sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'
echo "setup-system: installing ${packages[*]}"
$sudo apt-get update -q
# OpenJDK's install script links its manual page, and fails where a slim image has no man1 folder.
$sudo mkdir -p /usr/share/man/man1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
