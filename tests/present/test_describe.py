"""The 3D view told in words (the accessible description of the kiosk's and the
presentation's view): place, direction, distance, layers, instant, in the visitor's language."""

from datetime import datetime, timezone

import pytest

from tests.conftest import DEMO_SCENE
from twin.core import i18n
from twin.core.camera import View
from twin.io.scene_file import load_scene
from twin.present.describe import describe_view, heading, nearest_place


@pytest.fixture
def scene():
    yield load_scene(DEMO_SCENE)
    i18n.set_language("en")


def test_the_grand_place_told_in_english_and_french(scene):
    view = scene.bookmark("Grand Place").view
    text = describe_view(scene, view)
    assert text.startswith("Arras — centre-ville: Grand Place, looking north from 297 m away.")
    assert "Shown: Terrain (MNT 2 m), Parcelles, Bâtiments (LoD1)," in text
    assert text.endswith("Time: 21 June 2026, 12:00.")           # 10:00 UTC, in Paris
    i18n.set_language("fr")
    text = describe_view(scene, view)
    assert text.startswith("Arras — centre-ville : Grand Place, regard vers le nord à 297 m.")
    assert "Affiché : Terrain (MNT 2 m)" in text and text.endswith("Date : 21 juin 2026, 12:00.")


def test_the_description_follows_layers_time_and_camera(scene):
    view = scene.bookmark("Grand Place").view
    before = describe_view(scene, view)
    scene.layers.find("Bâtiments (LoD1)").visible = False
    scene.timeline.set_current(datetime(2026, 12, 3, 20, 5, tzinfo=timezone.utc))
    after = describe_view(scene, view)
    assert "Bâtiments (LoD1)" in before and "Bâtiments (LoD1)" not in after
    assert after.endswith("Time: 3 December 2026, 21:05.")
    for layer in scene.layers.walk():
        layer.visible = False
    assert "No layer shown." in describe_view(scene, view)
    # far from every bookmark: the scene's name alone; from the east, looking west
    fx, fy, fz = view.focal_point
    away = View((fx + 5000.0, fy + 3000.0, 600.0), (fx + 4000.0, fy + 3000.0, 0.0), (0, 0, 1), 30.0)
    assert nearest_place(scene, away) is None and heading(away) == "west"
    assert describe_view(scene, away).startswith("Arras — centre-ville, looking west from 1,166 m away.")
    above = View((fx, fy, 800.0), (fx, fy, 0.0), (0, 1, 0), 30.0)
    assert describe_view(scene, above).startswith("Arras — centre-ville: Grand Place, seen from above at 800 m.")
