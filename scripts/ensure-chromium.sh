#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium: the fleet's HTML report is
# tested in it, driven by playwright-core (which downloads no browser of its own). Installs it
# with apt when it can, or says what to install.
set -euo pipefail

chromium=/usr/bin/chromium
if [ -x "$chromium" ] && "$chromium" --version >/dev/null 2>&1; then
  exit 0
fi

echo "installing Debian's chromium for the browser test of the fleet report"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
else
  echo "cannot install it without root: run 'sudo apt-get install chromium'" >&2
  exit 1
fi
"$chromium" --version
