"""The public windows' catalogues: complete in French and English, compiled, up to date."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from twin._qt.i18n import TRANSLATIONS, available_languages

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "twin/_qt" / name for name in ("kiosk.py", "kiosk_pin.py", "kiosk_controls.py", "kiosk_countdown.py",
                                               "present.py", "commune_dialog.py")]


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts)
    return [(ctx.findtext("name"), msg.findtext("source"), msg.find("translation"))
            for ctx in tree.iter("context") for msg in ctx.iter("message")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_french_and_english_are_complete_and_compiled(lang):
    messages = _messages(TRANSLATIONS / f"twin_{lang}.ts")
    assert len(messages) > 20
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / f"twin_{lang}.qm"))
    for context, source, translation in messages:
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (context, source)
        assert translation.text, (context, source)
        assert translator.translate(context, source) == translation.text, "the .qm is older than the .ts"
        if "{}" in source or "%1" in source:   # placeholders survive translation
            assert ("{}" in translation.text) == ("{}" in source) and ("%1" in translation.text) == ("%1" in source)


def test_dutch_is_offered():
    assert {"fr", "en", "nl"} <= set(available_languages())


def test_catalogues_hold_every_string_of_the_sources(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = shutil.which("pyside6-lupdate")
    if not lupdate:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), "-no-obsolete", *map(str, SOURCES), "-ts", str(fresh)], check=True,
                   capture_output=True)
    wanted = {(c, s) for c, s, _t in _messages(fresh)}
    have = {(c, s) for c, s, _t in _messages(TRANSLATIONS / "twin_fr.ts")}
    assert wanted - have == set(), "run scripts/translations.sh and translate the new strings"
