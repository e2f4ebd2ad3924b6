#!/bin/sh
# Regenerates the Qt translation catalogues of every window (planner, kiosk, presentation):
# lupdate collects the English source strings of twin/_qt/*.py (and any Qt module of the
# first-party plugins) into assets/translations/twin_*.ts (existing translations are kept),
# lrelease compiles them into the .qm files twin loads.
# Translate new strings in the .ts files (Qt Linguist: .venv/bin/pyside6-linguist, or a TSV
# through scripts/translations_todo.py), then run this again and commit the .ts and .qm files.
set -e
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
SOURCES=$(ls twin/_qt/*.py; grep -rl --include='*.py' 'PySide6' plugins 2>/dev/null || true)
for lang in fr en nl; do
    "$BIN/pyside6-lupdate" -no-obsolete -source-language en -target-language "$lang" $SOURCES \
        -ts "assets/translations/twin_$lang.ts"
    "$BIN/pyside6-lrelease" "assets/translations/twin_$lang.ts" -qm "assets/translations/twin_$lang.qm"
done
