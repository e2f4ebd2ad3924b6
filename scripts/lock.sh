#!/usr/bin/env bash
# Refreshes constraints.txt, the lock: the exact version of every package that twin, its
# tests and its installer (pip, setuptools, wheel) use, resolved from pyproject.toml by uv
# for Python 3.11 and later on any platform. scripts/setup.sh installs through it (pip -c),
# so every machine gets the versions the tests passed with. Run it on purpose, then
# scripts/test.sh (setup.sh re-installs from the new lock), and commit constraints.txt
# with pyproject.toml.
#
#   scripts/lock.sh                            after a change to pyproject.toml's dependencies:
#                                              adds what is new, keeps every locked version
#                                              that still fits
#   scripts/lock.sh --upgrade                  the newest release of everything
#   scripts/lock.sh --upgrade-package NAME     the newest NAME (repeatable), the rest kept
#
# uv reads PyPI (or UV_INDEX_URL), not pip's configuration, so the lock names only what
# plain PyPI serves. uv itself is installed into .tools/ on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.8

if [ "$(.tools/bin/uv --version 2>/dev/null)" != "uv $UV_VERSION" ]; then
  echo "twin lock: installing uv $UV_VERSION into .tools/" >&2
  rm -rf .tools
  "${PYTHON:-python3}" -m venv .tools
  .tools/bin/python -m pip install -q "uv==$UV_VERSION"
fi

echo "twin lock: resolving pyproject.toml (with the test extra) into constraints.txt" >&2
# the installer's own packages are locked too: pip upgrades itself and builds twin with them
printf 'pip\nsetuptools>=69\nwheel\n' |
  .tools/bin/uv pip compile pyproject.toml - --extra test --universal --python-version 3.11 \
    --custom-compile-command scripts/lock.sh --output-file constraints.txt --quiet "$@"
git --no-pager diff --stat -- constraints.txt 2>/dev/null || true
