"""The planner window's language: French on a French system, else English; --lang and the
setting override it; the Language menu switches every text at once and is remembered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFormLayout

from twin._qt import i18n
from twin.core.settings import Settings


@pytest.fixture
def settings_dir(tmp_path, monkeypatch, qapp):
    monkeypatch.setenv("TWIN_CONFIG_DIR", str(tmp_path))
    yield tmp_path
    i18n.install_language(qapp, "en")


def _menus(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _form_labels(window) -> list[str]:
    form = window.properties.form
    items = [form.itemAt(i, QFormLayout.LabelRole) for i in range(form.rowCount())]
    return [item.widget().text() for item in items if item is not None and item.widget() is not None]


def test_startup_language_follows_the_system_then_the_setting_then_lang(settings_dir, monkeypatch):
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale(QLocale.French, QLocale.France)))
    assert i18n.startup_language() == "fr"
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale(QLocale.German, QLocale.Germany)))
    assert i18n.startup_language() == "en"          # no German catalogue for the planner: English
    Settings(language="fr").save()
    assert i18n.startup_language() == "fr"
    assert i18n.startup_language("en") == "en"      # twin open --lang en


def test_language_menu_switches_the_window_live_and_remembers(settings_dir, demo_window, qtbot):
    window = demo_window(data="none")
    assert "&File" in _menus(window) and window._docks["Layers"].windowTitle() == "Layers"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Language")
    french = next(a for a in menu.actions() if a.data() == "fr")
    french.trigger()
    qtbot.waitUntil(lambda: "&Fichier" in _menus(window))
    assert {"&Vue", "P&rojet", "&Langue", "&Qualité 3D"} <= set(_menus(window))
    assert window._docks["Layers"].windowTitle() == "Couches"
    assert window._docks["Sun and shadow"].windowTitle() == "Ensoleillement et ombres"
    assert window.timeline_bar.loop.text() == "Boucle" and window.timeline_bar.speed.itemText(4) == "1 jour/s"
    assert window.sun_panel.play.text() == "Dérouler la journée"
    assert window.sun_panel.preset_buttons[1][0].text() == "21 juin"
    assert QLocale().toString(1234.5, "f", 1) == "1\u202f234,5"
    assert Settings.load().language == "fr"         # the next start too
    window.properties.set_layer(window.scene.data_layers()[0])
    qtbot.waitUntil(lambda: window.properties.form.rowCount() > 2)
    assert "Nom" in _form_labels(window)
    english = next(a for a in next(a.menu() for a in window.menuBar().actions() if a.text() == "&Langue").actions()
                   if a.data() == "en")
    english.trigger()
    qtbot.waitUntil(lambda: "&File" in _menus(window))
    assert window._docks["Layers"].windowTitle() == "Layers"
    assert window.timeline_bar.loop.text() == "Loop" and window.sun_panel.preset_buttons[1][0].text() == "21 June"
    qtbot.waitUntil(lambda: "Name" in _form_labels(window))
