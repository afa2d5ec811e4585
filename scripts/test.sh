#!/usr/bin/env bash
# Runs every test in a virtual environment made for this run, so nothing installed on the
# machine by hand can hide a missing dependency: dependency checks, lint, types, then pytest
# (unit, build, wheel and browser tests).
#
#   ./scripts/test.sh                          everything, in a brand-new environment (CI)
#   ./scripts/test.sh -m "not browser and not slow"   arguments go to pytest
#   NETCARD_TEST_VENV=.venv ./scripts/test.sh  reuse (and update) .venv/ between runs
#
# It never installs into the machine's own Python. The browser tests drive Debian's
# chromium; it is installed with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${NETCARD_TEST_VENV:-}" ]; then
  venv=$NETCARD_TEST_VENV
else
  venv=$(mktemp -d "${TMPDIR:-/tmp}/netcard-test-venv.XXXXXX")
  trap 'rm -rf "$venv"' EXIT
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
echo "Test environment: $venv ($("$venv/bin/python" --version))"

# uv installs in seconds what pip takes a minute for; it comes from PyPI into the new venv
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check uv
"$venv/bin/python" -m uv pip install --quiet --python "$venv/bin/python" -e '.[test]'
export VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

deptry . --no-ansi
python scripts/check_test_deps.py
ruff check generator tests benchmarks scripts
mypy
python -m pytest -n auto "$@"
