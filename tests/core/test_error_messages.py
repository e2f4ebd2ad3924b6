"""Every error a user reads speaks the messages' language: each ``message("…")`` template
of twin, importers and plugins has its French in cli_fr.toml, with the same placeholders,
and no error is raised (nor warning given) with an English literal that bypasses ``message``."""

from __future__ import annotations

import ast
import importlib
import string
import tomllib
from pathlib import Path

import pytest

from twin.core.i18n import CATALOGUES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(p for folder in ("twin", "importers", "plugins") for p in (ROOT / folder).rglob("*.py"))
BASES = {"TwinError"}
# Literals an error may carry as they are, because they read the same in every language
LANGUAGE_NEUTRAL = {
    '"\\"nom\\" LIKE \'Rue %\'"',      # an example expression (expression_eval's hint)
}


def _trees():
    return {path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for path in SOURCES}


def _error_classes(trees) -> set[str]:
    """TwinError and every class of the sources that derives from it, however deep."""
    names, grew = set(BASES), True
    classes = [n for tree in trees.values() for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    while grew:
        grew = False
        for c in classes:
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", None) for b in c.bases}
            if c.name not in names and bases & names:
                names.add(c.name)
                grew = True
    return names


def _name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _fields(text: str):
    return [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]


@pytest.fixture(scope="module")
def trees():
    return _trees()


def _templates(trees) -> dict[str, str]:
    """Each template given to message(), as a literal or as a module's constant (a string, or a
    dict of them indexed), with where it is used."""
    templates: dict[str, str] = {}
    for path, tree in trees.items():
        for n in ast.walk(tree):
            if not (isinstance(n, ast.Call) and _name(n) in ("message", "_message") and n.args):
                continue
            arg, where = n.args[0], f"{path.relative_to(ROOT)}:{n.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                templates.setdefault(arg.value, where)
                continue
            name = arg.value if isinstance(arg, ast.Subscript) else arg
            assert isinstance(name, ast.Name), f"{where}: message() of an expression the test cannot check"
            module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
            value = vars(module)[name.id]
            for text in value.values() if isinstance(value, dict) else [value]:
                templates.setdefault(text, where)
    return templates


def test_every_message_template_has_its_french(trees):
    french = tomllib.loads((CATALOGUES / "cli_fr.toml").read_text(encoding="utf-8"))
    templates = _templates(trees)
    assert len(templates) > 500
    missing = sorted(f"{where}: {text!r}" for text, where in templates.items() if text not in french)
    assert missing == []
    for text in templates:
        if "{" in text and "{{" not in text and text.count("{") == text.count("}"):
            assert _fields(french[text]) == _fields(text), text


def test_french_typography_of_the_new_messages():
    """Messages written with « » and a no-break space before : ; ? ! — never a plain space."""
    french = tomllib.loads((CATALOGUES / "cli_fr.toml").read_text(encoding="utf-8"))
    assert any("\u00a0:" in t for t in french.values())
    for text in french.values():
        if "\u00a0" in text:       # the newer entries; the first ones predate the rule
            assert " :" not in text and " ;" not in text and "« " not in text and " »" not in text, text


def _english_literals(trees, sources) -> list[str]:
    """Error calls (and scene sections' ``fail``) whose message or hint is a string or f-string
    literal rather than message(), and warnings (``fb.warn``, ``warnings.warn``) written so."""
    errors = _error_classes(trees)
    found = []
    for path, tree in trees.items():
        for n in ast.walk(tree):
            if not (isinstance(n, ast.Call) and _name(n) in errors | {"fail", "warn"}):
                continue
            first = 1 if _name(n) == "fail" else 0      # a scene section's fail(path, what, hint=…)
            keywords = ("what", "hint") if _name(n) != "warn" else ()
            for t in n.args[first:first + 1] + [k.value for k in n.keywords if k.arg in keywords]:
                for part in [t.body, t.orelse] if isinstance(t, ast.IfExp) else [t]:
                    literal = isinstance(part, ast.JoinedStr) or (
                        isinstance(part, ast.Constant) and isinstance(part.value, str) and part.value.strip())
                    text = ast.get_source_segment(sources[path], part)
                    if literal and text not in LANGUAGE_NEUTRAL:
                        where = path.relative_to(ROOT) if path.is_absolute() else path
                        found.append(f"{where}:{part.lineno}: {text}")
    return found


def test_no_error_is_raised_with_an_english_literal(trees):
    assert {"DataError", "SceneFileError", "UnsupportedFileError", "EditError"} <= _error_classes(trees)
    sources = {path: path.read_text(encoding="utf-8") for path in trees}
    assert _english_literals(trees, sources) == []


def test_the_check_catches_english_literals():
    source = ('class TwinError(Exception): ...\nclass Late(TwinError): ...\n'
              'raise Late(f"{n} rows", hint="fix them")\n'
              'raise Late(message("{} rows").format(n), hint=message("fix them") if n else "later")\n'
              'r.fail(("layers",), f"bad {key}", hint=message("fix it"))\n'
              'fb.warn(f"{name}: skipped")\n'
              'warnings.warn("too big", stacklevel=2)\n'
              'fb.warn(message("{}: skipped").format(name))\n'
              'fb.warn(text)\n')
    path = Path("x.py")
    found = _english_literals({path: ast.parse(source)}, {path: source})
    assert found == ['x.py:3: f"{n} rows"', 'x.py:3: "fix them"', 'x.py:4: "later"', 'x.py:5: f"bad {key}"',
                     'x.py:6: f"{name}: skipped"', 'x.py:7: "too big"']


def test_french_errors_write_numbers_the_french_way():
    from twin.core.i18n import message, set_message_language
    set_message_language("fr")
    try:
        text = message("its chunk table offset {:,} lies outside the file ({:,} bytes)").format(50379, 5000)
        space = message("extracting {} files from {} needs {:.1f} GB and {:.1f} GB are free").format(
            1200, "BDTOPO.7z", 12.25, 3.5)
        untouched = message("has no sheet {!r}").format("2.5")
    finally:
        set_message_language(None)
    assert text == "le décalage de sa table des blocs, 50\u00a0379, est en dehors du fichier (5\u00a0000 octets)"
    assert space == "extraire 1200 fichiers de BDTOPO.7z demande 12,2 Go et 3,5 Go sont libres"
    assert untouched == "n'a pas de feuille '2.5'"
    assert message("{:,} points").format(12345) == "{:,} points".format(12345) == "12,345 points"
