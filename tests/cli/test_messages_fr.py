"""The command line speaks the system's language: a bad file gives the French message under
LANG=fr_FR.UTF-8, the English one under LANG=C; --lang overrides; every message the CLI
and the file readers translate has its French."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from twin.core.i18n import CATALOGUES, system_language

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "twin/cli").glob("*.py")), ROOT / "twin/io/registry.py",
           ROOT / "twin/io/scene_file.py", ROOT / "twin/core/errors.py"]


def _twin(*args, lang: str):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env["LANG"] = lang
    return subprocess.run([sys.executable, "-m", "twin", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


def test_a_bad_file_in_french_and_in_english(tmp_path):
    empty = tmp_path / "dalle.laz"
    empty.write_bytes(b"")
    fr = _twin("info", empty, lang="fr_FR.UTF-8")
    assert fr.returncode == 2
    assert fr.stderr.strip() == (f"twin: {empty}: le fichier est vide (0 octet) — le téléchargement ou la copie "
                                 f"a peut-être échoué ; récupérez-le à nouveau")
    en = _twin("info", empty, lang="C")
    assert en.stderr.strip() == (f"twin: {empty}: file is empty (0 bytes) — the download or copy may have "
                                 f"failed; fetch it again")
    assert _twin("info", tmp_path / "absent.gpkg", lang="fr_FR.UTF-8").stderr.strip() == \
        f"twin: {tmp_path / 'absent.gpkg'}: fichier introuvable"


def test_a_bad_scene_file_names_line_and_key_in_french(tmp_path):
    scene = tmp_path / "scene.toml"
    scene.write_text('format = 1\nname = "Arras"\ncrs = "EPSG:2154"\ncolour = "bleu"\n', encoding="utf-8")
    fr = _twin("info", scene, lang="fr_FR.UTF-8")
    assert fr.returncode == 2
    assert "ligne 4, clé « colour » : clé « colour » inconnue — clés connues ici :" in fr.stderr
    en = _twin("info", scene, lang="C")
    assert "line 4, key 'colour': unknown key 'colour' — known keys here:" in en.stderr


def test_lang_overrides_the_system(tmp_path):
    scene = tmp_path / "absent.toml"
    out = _twin("render", scene, "--out", tmp_path / "a.png", "--lang", "en", lang="fr_FR.UTF-8")
    assert out.returncode == 2 and "scene file not found" in out.stderr


@pytest.mark.parametrize("env, code", [({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LANG": "C"}, "en"), ({}, "en"),
                                       ({"LC_ALL": "fr_BE.UTF-8", "LANG": "C"}, "fr"),
                                       ({"LANG": "nl_NL.UTF-8"}, "nl"), ({"LANG": "POSIX"}, "en")])
def test_system_language(env, code):
    assert system_language(env) == code


def test_every_translated_message_has_its_french():
    french = tomllib.loads((CATALOGUES / "cli_fr.toml").read_text(encoding="utf-8"))
    wanted = set()
    for source in SOURCES:
        for m in re.finditer(r'\bmessage\(((?:"(?:[^"\\]|\\.)*"\s*)+)\)', source.read_text(encoding="utf-8")):
            wanted.add("".join(ast.literal_eval(f'"{part}"')
                               for part in re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))))
    assert len(wanted) > 40
    assert sorted(wanted - set(french)) == []
    for english, text in french.items():
        assert text.count("{}") == english.count("{}"), english


def test_render_draws_in_its_language_and_speaks_the_terminals(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[[layers]]\nname = "x"\nkind = "terrain"\nsource = 3\n')
    en = _twin("render", bad, "--out", tmp_path / "x.png", lang="C")       # --lang fr by default: the legends
    assert "line 5, key 'layers[0].source': expected str, got int 3" in en.stderr
    fr = _twin("render", bad, "--out", tmp_path / "x.png", lang="fr_FR.UTF-8")
    assert "ligne 5, clé « layers[0].source » : str attendu, reçu int 3" in fr.stderr
