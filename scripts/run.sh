#!/usr/bin/env bash
# Install what twin needs (first time only) and open it; arguments go to `twin`
# (none: the Arras demo scene). Example: scripts/run.sh render scenes/arras-centre.toml --out v.png
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
exec .venv/bin/twin "$@"
