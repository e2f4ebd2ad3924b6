#!/usr/bin/env bash
# Installs everything twin needs on Debian: system libraries (Qt xcb, Mesa EGL, Xvfb)
# and a virtual environment in .venv with the project installed in editable mode, every
# package at the version locked in constraints.txt.
# Usage: scripts/setup.sh [app|test]   (test also installs the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-app}"

apt_pkgs=(python3-venv libegl1 libgl1 libegl-mesa0 libgl1-mesa-dri libglx-mesa0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1
  libxrender1 libxi6 libdbus-1-3 libfontconfig1 fonts-dejavu-core)
# a real broker and a real database server for the feed tests
[ "$what" = test ] && apt_pkgs+=(xvfb xauth mosquitto postgresql)
# Node runs the Khronos glTF validator on exports (tests/io/test_export_validator.py)
[ "$what" = test ] && ! command -v node >/dev/null && apt_pkgs+=(nodejs npm)

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "twin setup: installing system packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# every version comes from the lock, constraints.txt (scripts/lock.sh refreshes it);
# installed again whenever the lock or pyproject.toml changes
stamp=".venv/.twin-installed-$what"
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "twin setup: installing Python packages into .venv ($what) from constraints.txt" >&2
  .venv/bin/python -m pip install -q --upgrade -c constraints.txt pip
  extra=""; [ "$what" = test ] && extra="[test]"
  .venv/bin/python -m pip install -q -c constraints.txt --build-constraint constraints.txt -e ".$extra"
  echo "$want" > "$stamp"
fi

# the example third-party plugin the tests exercise: installed for the tests only (into
# .test-plugins, which tests/conftest.py puts on the path), never into the app's venv
if [ "$what" = test ]; then
  plugin_stamp=".test-plugins/.installed"
  if [ ! -f "$plugin_stamp" ] || [ -n "$(find tests/example_plugin -newer "$plugin_stamp" -type f 2>/dev/null | head -1)" ]; then
    echo "twin setup: installing the example plugin for the tests" >&2
    rm -rf .test-plugins
    .venv/bin/python -m pip install -q --no-deps --build-constraint constraints.txt --target .test-plugins ./tests/example_plugin
    touch "$plugin_stamp"
  fi
fi

# the Khronos glTF validator, pinned, for the export tests (outside the venv: an npm package)
if [ "$what" = test ]; then
  validator="gltf-validator@2.0.0-dev.3.10"
  if [ "$(cat .tools/npm/.installed 2>/dev/null)" != "$validator" ]; then
    echo "twin setup: installing $validator into .tools/npm" >&2
    npm install --silent --no-audit --no-fund --prefix .tools/npm "$validator"
    echo "$validator" > .tools/npm/.installed
  fi
fi
