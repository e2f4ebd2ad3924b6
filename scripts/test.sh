#!/usr/bin/env bash
# Install what the tests need (first time only), start a virtual X server when there is
# no display (CI), check the architecture contracts and run the whole test suite: the
# tests without a window in parallel (pytest-xdist, one worker a core, two at most, each
# module on one worker so that its fixtures are built once), then the GUI tests one at a
# time. Extra arguments go to both runs of pytest, e.g. scripts/test.sh -k render;
# TWIN_TEST_WORKERS=1 runs the first in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

log="$(mktemp)"
xvfb_pid=""
trap 'rm -f "$log"; [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true' EXIT
if [ -z "${DISPLAY:-}" ]; then
  for n in $(seq 90 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=":$n"; break; }
  done
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  export DISPLAY="$display"
fi
export QT_QPA_PLATFORM=xcb PYTHONDONTWRITEBYTECODE=1

# broken contracts fail the run, after the tests (tests/test_architecture.py says it too)
contracts=0
.venv/bin/lint-imports || contracts=$?

cores="$(nproc)"
workers="${TWIN_TEST_WORKERS:-$(( cores < 2 ? cores : 2 ))}"
parallel=()
[ "$workers" -gt 1 ] && parallel=(-n "$workers" --dist loadscope)

# 2 is an interruption (Ctrl+C): stop there
status=0
.venv/bin/python -m pytest --gui skip "${parallel[@]}" "$@" | tee "$log" || status=${PIPESTATUS[0]}
[ "$status" -eq 2 ] && exit 2
gui_status=0
.venv/bin/python -m pytest --gui only "$@" || gui_status=$?

# pytest exits 5 when a run selects no test (tests/core has no GUI test, tests/gui only
# GUI tests): a failure only when both runs are empty
[ "$status" -eq 5 ] && [ "$gui_status" -eq 5 ] && exit 5
if [ "$gui_status" -eq 5 ]; then
  # end on the summary of the run that had tests: CI and people read the last lines
  summary="$(sed -n '/short test summary info/,$p' "$log")"
  echo "${summary:-$(tail -n 1 "$log")}"
  gui_status=0
fi
[ "$status" -eq 5 ] && status=0
for code in "$status" "$gui_status" "$contracts"; do
  [ "$code" -eq 0 ] || exit "$code"
done
