#!/usr/bin/env bash
# The property-based tests (tests/**/test_fuzz_*.py) with the long "fuzz" profile of
# tests/conftest.py: random seeds, 5 000 examples a test instead of CI's 60 derandomized.
# A failure prints the smallest input found and a @reproduce_failure blob: make it an
# @example(...) of the test (a regression test), then fix. Extra arguments go to pytest,
# e.g. scripts/fuzz.sh -k uplink; TWIN_FUZZ_EXAMPLES=50000 searches longer.
set -euo pipefail
cd "$(dirname "$0")/.."
export TWIN_FUZZ_PROFILE=fuzz PYTHONDONTWRITEBYTECODE=1
if [ -n "${TWIN_FUZZ_EXAMPLES:-}" ]; then
  export TWIN_FUZZ_PROFILE=fuzz-custom
fi
exec .venv/bin/python -m pytest -q -p no:cacheprovider -x --hypothesis-show-statistics \
  tests/feeds/test_fuzz_parsers.py tests/feeds/test_fuzz_tables.py \
  tests/io/test_fuzz_scene_file.py tests/importers/test_fuzz_headers.py "$@"
