#!/usr/bin/env bash
# Makes sure Debian's Python packaging tools are installed: the Python wheel of the construct
# library is built from them without PyPI (jsii-pacmak's own python target asks PyPI for
# setuptools). Installs what is missing with apt when it can, or says what to install.
set -euo pipefail

py=/usr/bin/python3
missing=()
[ -x "$py" ] || missing+=(python3)
"$py" -c 'import build' 2>/dev/null || missing+=(python3-build)
"$py" -c 'import setuptools' 2>/dev/null || missing+=(python3-setuptools)
"$py" -c 'import wheel' 2>/dev/null || missing+=(python3-wheel)
"$py" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
"$py" -m twine --version >/dev/null 2>&1 || missing+=(twine)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing Debian packages for the offline Python wheel: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "cannot install them without root: run 'sudo apt-get install ${missing[*]}'" >&2
  exit 1
fi
