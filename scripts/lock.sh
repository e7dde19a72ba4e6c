#!/usr/bin/env bash
# Refreshes the lock files from pyproject.toml's ranges: a throwaway venv installs the
# project (then with its dev extra) and pip freeze records the exact versions it got.
# Run on purpose (`make lock`), review the diff, commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PYTHON" -m venv "$work/venv"
pip="$work/venv/bin/pip"
"$pip" install -q --upgrade pip
"$pip" install -q .
header="# exact versions installed by make run / make test / CI; refresh with make lock"
{ echo "$header"; "$pip" freeze --exclude rechain --all | grep -v -E '^(pip|setuptools|wheel)=='; } > requirements.lock
"$pip" install -q '.[dev]'
{ echo "$header"; "$pip" freeze --exclude rechain --all | grep -v -E '^(pip|setuptools|wheel)=='; } > requirements-dev.lock
echo "wrote requirements.lock ($(($(wc -l < requirements.lock) - 1)) packages) and requirements-dev.lock ($(($(wc -l < requirements-dev.lock) - 1)) packages)"
