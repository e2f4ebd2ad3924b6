"""The Qt catalogues: every string of every window (planner, kiosk, presentation) has a
finished French translation, compiled into the .qm twin loads. No X server needed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from twin._qt.i18n import TRANSLATIONS, available_languages

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "twin/_qt").glob("*.py"))
TODO = ROOT / "scripts" / "translations_todo.py"


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts)
    return [(ctx.findtext("name"), msg.findtext("source"), msg)
            for ctx in tree.iter("context") for msg in ctx.iter("message")]


def _forms(msg: ET.Element) -> list[str]:
    translation = msg.find("translation")
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_french_and_english_are_complete_and_compiled(lang):
    messages = _messages(TRANSLATIONS / f"twin_{lang}.ts")
    assert len(messages) > 300
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / f"twin_{lang}.qm"))
    for context, source, msg in messages:
        translation = msg.find("translation")
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (context, source)
        forms = _forms(msg)
        assert all(forms), (context, source)
        numerus = msg.get("numerus") == "yes"
        for n, form in ((1, forms[0]), (5, forms[-1])) if numerus else ((-1, forms[0]),):
            # the compiled catalogue says what the .ts says: a .qm older than the .ts fails here
            # (QTranslator hands back the plural form as written: QObject.tr puts n in for %n)
            assert translator.translate(context, source, None, n) == form, \
                f"the .qm is older than the .ts ({context}: {source}): run scripts/translations.sh"
            for mark in ("{}", "%1", "%n", "\n"):   # placeholders survive translation
                assert form.count(mark) == source.count(mark), (context, source, form)


_FRENCH_CHILD = """
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from twin._qt.i18n import install_language
import twin.core.i18n as overlays
app = QCoreApplication([])
install_language(app, "fr")
assert QLocale().toString(1234.5, "f", 1) == "1\\u202f234,5", QLocale().toString(1234.5, "f", 1)
assert QLocale().toString(QDateTime(2026, 6, 21, 14, 30, 0), QLocale.ShortFormat) == "21/06/2026 14:30"
assert overlays.language() == "fr"
assert QCoreApplication.translate("MainWindow", "&File") == "&Fichier"
assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"   # Qt's own buttons
assert QCoreApplication.translate("QFileDialog", "&Open") == "&Ouvrir"
install_language(app, "en")
assert QLocale().toString(1234.5, "f", 1) == "1,234.5"
assert QCoreApplication.translate("MainWindow", "&File") == "&File"
"""


def test_french_numbers_and_dates():
    """In a child process: a QCoreApplication left in this one would be taken for a GUI
    application by the offscreen renders of later tests on the same worker."""
    done = subprocess.run([sys.executable, "-c", _FRENCH_CHILD], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=120)
    assert done.returncode == 0, done.stderr


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
    wanted = {(c, s) for c, s, _m in _messages(fresh)}
    assert len(wanted) > 300
    have = {(c, s) for c, s, m in _messages(TRANSLATIONS / "twin_fr.ts")
            if m.find("translation").get("type") is None and all(_forms(m))}
    missing = sorted(wanted - have)
    assert not missing, ("strings without a finished French translation (scripts/translations.sh, then "
                         f"scripts/translations_todo.py): {missing[:20]}")


def test_todo_lists_and_applies_a_table(tmp_path):
    ts = tmp_path / "twin_fr.ts"
    ts.write_text("""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context><name>MainWindow</name>
<message><source>Layers</source><translation type="unfinished"></translation></message>
<message numerus="yes"><source>%n layer(s) loaded</source><translation type="unfinished">
<numerusform></numerusform><numerusform></numerusform></translation></message>
<message><source>Done</source><translation>Fait</translation></message>
</context></TS>
""", encoding="utf-8")
    run = lambda *args: subprocess.run([sys.executable, str(TODO), "--ts", str(ts), *args],   # noqa: E731
                                       capture_output=True, text=True)
    listed = run()
    assert listed.returncode == 1
    assert listed.stdout.splitlines() == ["MainWindow\tLayers\t", "MainWindow\t%n layer(s) loaded\t"]
    table = tmp_path / "new.tsv"
    table.write_text("MainWindow\tLayers\tCouches\n"
                     "MainWindow\t%n layer(s) loaded\t%n couche chargée || %n couches chargées\n", encoding="utf-8")
    assert run("--apply", str(table)).returncode == 0
    messages = {s: m for _c, s, m in _messages(ts)}
    assert _forms(messages["Layers"]) == ["Couches"]
    assert _forms(messages["%n layer(s) loaded"]) == ["%n couche chargée", "%n couches chargées"]
    assert _forms(messages["Done"]) == ["Fait"]
    assert run().returncode == 0
    table.write_text("MainWindow\tNo such string\tRien\n", encoding="utf-8")
    assert run("--apply", str(table)).returncode == 1      # said, not silently dropped
    table.write_text("MainWindow\tLayers only two fields\n", encoding="utf-8")
    bad = run("--apply", str(table))
    assert bad.returncode != 0 and "expected context<TAB>source<TAB>translation" in bad.stderr
