"""Qt translations: ``assets/translations/twin_<lang>.qm``, built by scripts/translations.sh.

Source strings are English; switching language swaps the one installed QTranslator, and
Qt sends every widget a LanguageChange event, on which twin's windows call their
``retranslate()``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

import twin.core.i18n as overlays

TRANSLATIONS = Path(__file__).resolve().parent.parent.parent / "assets" / "translations"

LANGUAGE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands", "de": "Deutsch"}


def available_languages() -> list[str]:
    """Languages with a compiled catalogue (English needs none: it is the source)."""
    found = {p.stem.split("_", 1)[1] for p in TRANSLATIONS.glob("twin_*.qm")}
    return sorted(found | {"en"})


def install_language(app: QCoreApplication, lang: str) -> bool:
    """Make ``lang`` the application's language — the widgets' (Qt's translator) and the
    overlays' legends and labels in the 3D view (twin.core.i18n); False (and English) if it has
    no catalogue."""
    previous = getattr(app, "_twin_translator", None)
    if previous is not None:
        app.removeTranslator(previous)
        app._twin_translator = None
    app._twin_language = lang
    found = True
    if lang != "en":
        translator = QTranslator(app)
        found = translator.load(str(TRANSLATIONS / f"twin_{lang}.qm"))
        if found:
            app.installTranslator(translator)
            app._twin_translator = translator
        else:
            app._twin_language = "en"
    overlays.set_language(app._twin_language)
    return found


def current_language(app: QCoreApplication) -> str:
    return getattr(app, "_twin_language", "en")
