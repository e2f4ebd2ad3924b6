#!/bin/sh
# Regenerates the Qt translation catalogues of the public windows (kiosk, presentation):
# lupdate collects the English source strings into assets/translations/twin_*.ts (existing
# translations are kept), lrelease compiles them into the .qm files twin loads.
# Translate new strings in the .ts files (Qt Linguist: .venv/bin/pyside6-linguist), then run
# this again and commit both the .ts and the .qm files.
set -e
cd "$(dirname "$0")/.."
BIN=.venv/bin
SOURCES=""
for f in twin/_qt/kiosk.py twin/_qt/kiosk_pin.py twin/_qt/kiosk_controls.py twin/_qt/kiosk_countdown.py twin/_qt/present.py twin/_qt/commune_dialog.py; do
    [ -f "$f" ] && SOURCES="$SOURCES $f"
done
for lang in fr en nl; do
    "$BIN/pyside6-lupdate" -no-obsolete -source-language en -target-language "$lang" $SOURCES \
        -ts "assets/translations/twin_$lang.ts"
    "$BIN/pyside6-lrelease" "assets/translations/twin_$lang.ts" -qm "assets/translations/twin_$lang.qm"
done
