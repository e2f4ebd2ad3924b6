#!/usr/bin/env bash
# Install what the tests need (first time only), start a virtual X server when there is
# no display (CI), check the architecture contracts and run the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -k render
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
  done
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  export DISPLAY="$display"
fi
export QT_QPA_PLATFORM=xcb PYTHONDONTWRITEBYTECODE=1

.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
