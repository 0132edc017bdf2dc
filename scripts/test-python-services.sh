#!/usr/bin/env bash
# The fleet's Python services through their own Python apps (app.py on the PyPI wheels), with the
# wheels this build has just made: each one's pytest (its server's health check, its Dockerfile,
# every environment through every gate), then its templates into cdk.out.python, which
# test/python-services compares with what the Node path (the fleet, earlier in the build) wrote.
# Usage: test-python-services.sh <service folder>...
set -euo pipefail
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1

venv=.venv-services
export PIP_FIND_LINKS="${PIP_FIND_LINKS:+$PIP_FIND_LINKS }packages/service-model/dist/python packages/constructs/dist/python packages/projen/dist/python"
bash scripts/ensure-python-venv.sh "$venv" "$1/requirements.txt" "$1/requirements-dev.txt"
# The platform's wheels keep their version from build to build: install this build's.
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps packages/*/dist/python/*.whl

for service in "$@"; do
  echo "== $service: pytest (Python app)"
  (cd "$service" && npx projen test)
  echo "== $service: templates of the Python path"
  rm -rf "$service/cdk.out.python"
  (cd "$service" && CDK_OUTDIR=cdk.out.python "../../$venv/bin/python" app.py)
done
.venv/bin/python -m pytest -q test/python-services
