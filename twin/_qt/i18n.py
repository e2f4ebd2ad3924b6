"""Qt translations: ``assets/translations/twin_<lang>.qm``, built by scripts/translations.sh.

Source strings are English; switching language swaps the one installed QTranslator, and
Qt sends every widget a LanguageChange event, on which twin's windows call their
``retranslate()``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu


import twin.core.i18n as overlays
from twin.core.settings import Settings

TRANSLATIONS = Path(__file__).resolve().parent.parent.parent / "assets" / "translations"

LANGUAGE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands", "de": "Deutsch"}
# the country whose conventions (numbers, dates) go with each language
_LOCALES = {"fr": "fr_FR", "en": "en_GB", "nl": "nl_NL", "de": "de_DE"}


def system_language() -> str:
    """French on a French system (QLocale.system()), else English: the planner's default."""
    return "fr" if QLocale.system().language() == QLocale.French else "en"


def startup_language(asked: str | None = None) -> str:
    """The planner window's language: ``asked`` (``--lang``), else the user's setting, else
    the system's."""
    return asked or Settings.load().language or system_language()


def available_languages() -> list[str]:
    """Languages with a compiled catalogue (English needs none: it is the source)."""
    found = {p.stem.split("_", 1)[1] for p in TRANSLATIONS.glob("twin_*.qm")}
    return sorted(found | {"en"})


def install_language(app: QCoreApplication, lang: str) -> bool:
    """Make ``lang`` the application's language — the widgets' (Qt's translator) and the
    overlays' legends and labels in the 3D view (twin.core.i18n); False (and English) if it has
    no catalogue."""
    for previous in getattr(app, "_twin_translators", ()):
        app.removeTranslator(previous)
    app._twin_translators = []
    app._twin_language = lang
    found = True
    if lang != "en":
        translator = QTranslator(app)
        found = translator.load(str(TRANSLATIONS / f"twin_{lang}.qm"))
        if found:
            # Qt's own dialogs and buttons (file dialogs, OK/Cancel) from PySide6's catalogue
            qt = QTranslator(app)
            if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
                app.installTranslator(qt)
                app._twin_translators.append(qt)
            app.installTranslator(translator)
            app._twin_translators.append(translator)
        else:
            app._twin_language = "en"
    # numbers and dates as the language writes them: QLocale().toString(1234.5, "f", 1)
    QLocale.setDefault(QLocale(_LOCALES.get(app._twin_language, app._twin_language)))
    overlays.set_language(app._twin_language)
    return found


def current_language(app: QCoreApplication) -> str:
    return getattr(app, "_twin_language", "en")


def language_menu(parent) -> QMenu:
    """"Language": the planner window's, switched at once (every window retranslates on Qt's
    LanguageChange) and kept in the user's settings for the next start."""
    app = QCoreApplication.instance()
    menu = QMenu(QCoreApplication.translate("LanguageMenu", "&Language"), parent)
    group = QActionGroup(menu)
    for code in available_languages():
        action = QAction(LANGUAGE_NAMES.get(code, code), menu, checkable=True,
                         checked=code == current_language(app))
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)
    # queued: the menu that sent it is rebuilt by the switch
    group.triggered.connect(lambda action: QTimer.singleShot(0, lambda: choose_language(action.data())))
    return menu


def choose_language(code: str) -> None:
    """Switch the application to ``code`` now and from the next start."""
    install_language(QCoreApplication.instance(), code)
    settings = Settings.load()
    settings.language = code
    settings.save()
