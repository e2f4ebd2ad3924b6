"""The overlays' own words (legends, labels in the 3D view) follow the visitor's language."""

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from twin.core import i18n


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def _sources() -> set[str]:
    """Every text the code passes to tr("…") outside the Qt widgets (they use Qt's own)."""
    found = set()
    for path in [*ROOT.glob("plugins/**/*.py"), *ROOT.glob("twin/*.py")]:
        found |= set(re.findall(r'\btr\("((?:[^"\\]|\\.)*)"\)', path.read_text(encoding="utf-8")))
    # and the texts passed to tr() from tables: report states, needs, how long ago
    from plugins.accessibility.layer import LABELS, NEEDS
    from plugins.reports.layer import STATES
    return found | set(STATES) | set(NEEDS) | set(LABELS.values()) | {
        "a week before", "the day before", "a year before", "noise"}


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_overlay_text_is_translated(lang):
    texts = _sources()
    assert len(texts) > 20
    missing = sorted(texts - set(i18n.catalogue(lang)))
    assert not missing, f"overlays_{lang}.toml lacks: {missing}"
    for english, translated in i18n.catalogue(lang).items():      # placeholders kept
        assert english.count("{}") == translated.count("{}"), english


def test_switching_language_translates_and_tells_the_views():
    seen = []
    i18n.language_changed.connect(seen.append)
    try:
        assert i18n.tr("vacant") == "vacant" and i18n.tr("new") == "new"
        i18n.set_language("fr")
        assert i18n.tr("new") == "nouveau" and i18n.tr("silent for over {}").format("30 min") == \
            "muet depuis plus de 30 min"
        assert i18n.tr("a text no catalogue has") == "a text no catalogue has"
        i18n.set_language("de")                                       # no catalogue: English
        assert i18n.tr("new") == "new"
        assert seen == ["fr", "de"]
    finally:
        i18n.language_changed.disconnect(seen.append)


def test_legends_of_the_demo_overlays_speak_french():
    from plugins.reports.layer import ReportsLayer
    i18n.set_language("fr")
    legend = ReportsLayer("Signalements", source=Path("x.csv")).legend(public=True)
    assert [label for _c, label in legend.entries] == ["nouveau", "en cours", "clos"]
