#!/usr/bin/env bash
# Creates (or updates) a Python virtualenv with the pinned requirements of one or more files, only
# when they changed since the last install. Usage: ensure-python-venv.sh <venv folder> <requirements file>...
set -euo pipefail

venv=$1
shift
stamp="$venv/.requirements.sha256"
want=$(cat "$@" | sha256sum | cut -d' ' -f1)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  exit 0
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  echo "$python cannot create a virtualenv (the venv module or ensurepip is missing): install python3-venv, or set PYTHON to a python3.11+ that has it" >&2
  exit 1
fi
echo "installing $* into $venv"
rm -rf "$venv"
"$python" -m venv "$venv"
args=()
for file in "$@"; do args+=(-r "$file"); done
"$venv/bin/pip" install --quiet --disable-pip-version-check "${args[@]}"
echo "$want" > "$stamp"
