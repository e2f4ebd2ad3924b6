"""The language of what the model writes into the view: legends, labels and chart titles
of the overlays (no Qt, no VTK: the VTK mirror draws them, and Qt's translators cannot
reach it).

Texts are written in English in the code, through ``tr`` (``twin.api.tr`` for plugins),
with ``{}`` placeholders filled after translation; catalogues are TOML files
``assets/translations/overlays_<lang>.toml`` mapping the English text to its translation.
A text a catalogue lacks stays in English. The kiosk and the presentation switch the
language with the visitor's, the planner's window with its own (twin._qt.i18n)."""


from __future__ import annotations

import numbers
import string
import tomllib
from functools import lru_cache
from pathlib import Path

from psygnal import Signal

CATALOGUES = Path(__file__).resolve().parents[2] / "assets" / "translations"


class _Language:
    changed = Signal(str)

    def __init__(self):
        self.code = "en"


_current = _Language()
language_changed = _current.changed


@lru_cache(maxsize=8)
def catalogue(code: str) -> dict[str, str]:
    """The view's texts (``overlays_<code>.toml``) and the messages of the command line and
    of errors (``cli_<code>.toml``): two files, one lookup."""
    out: dict[str, str] = {}
    for domain in ("overlays", "cli"):
        path = CATALOGUES / f"{domain}_{code}.toml"
        if path.is_file():
            with path.open("rb") as fh:
                out.update({str(k): str(v) for k, v in tomllib.load(fh).items()})
    return out


def system_language(environ=None) -> str:
    """The language of the system's locale (LC_ALL, LC_MESSAGES, LANG, as gettext reads them):
    "fr" for fr_FR.UTF-8, "en" for C, POSIX or none."""
    import os
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            code = value.split(".")[0].split("_")[0].split("@")[0].lower()
            return "en" if code in ("c", "posix") else code
    return "en"



def set_language(code: str) -> None:
    """The language of the overlays' texts from now on; views redraw on ``language_changed``."""
    if code != _current.code:
        _current.code = code
        _current.changed.emit(code)


def language() -> str:
    return _current.code


def tr(text: str) -> str:
    """``text`` in the current language (itself when English or untranslated)."""
    return catalogue(_current.code).get(text, text) if _current.code != "en" else text


_messages: dict[str, str | None] = {"code": None}


def set_message_language(code: str | None) -> None:
    """The language of messages and errors (the command line's: the system's, or --lang),
    apart from what is drawn (``twin render --lang`` draws French legends while its errors
    follow the terminal); None: follow ``language()``."""
    _messages["code"] = code


def message_language() -> str:
    """The language ``message`` writes in (to hand on to worker processes)."""
    return _messages["code"] or _current.code


def message(text: str) -> str:
    """A message or an error's text (a template: fill its ``{}`` after) in the messages' language;
    outside English its ``format`` writes the numbers that language's way ("50 379", "1,5 Go")."""
    code = message_language()
    if code == "en":
        return text
    translated = catalogue(code).get(text, text)
    return _Template(translated, _NUMBERS[code]) if code in _NUMBERS else translated


class _Template(str):
    """A translated template: ``format`` as str's, numbers with the language's separators."""

    def __new__(cls, text: str, separators: tuple[str, str]):
        template = super().__new__(cls, text)
        template.separators = separators
        return template

    def format(self, *args, **kwargs) -> str:
        return _NumberFormatter(self.separators).vformat(str(self), args, kwargs)


class _NumberFormatter(string.Formatter):
    def __init__(self, separators: tuple[str, str]):
        self.thousands, self.decimal = separators

    def format_field(self, value, spec: str) -> str:
        text = format(value, spec)
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            text = text.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)
        return text



# how each language writes numbers: (thousands separator, decimal mark); English's is the default
_NUMBERS = {"fr": ("\u00a0", ","), "de": (".", ","), "nl": (".", ",")}


def number(x: float, digits: int | None = None) -> str:
    """``x`` with ``digits`` decimals (None: as many as it has, up to 6 significant) as the
    current language writes it: "1 250,5" in French (a no-break space between thousands —
    VTK's fonts lack the narrow one —, a decimal comma), "1,250.5" in English."""
    if digits is None:
        short = f"{x:.6g}"
        digits = len(short.split(".")[1]) if "." in short and "e" not in short else 0
    text = f"{x:,.{digits}f}"
    thousands, decimal = _NUMBERS.get(_current.code, (",", "."))
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
