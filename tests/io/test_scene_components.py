"""Scene components in scene files: each section read and written back as it was, in its
place; unknown sections refused; components made on first use, carried by copies, never
dropped silently; loading that does not depend on what was imported before."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import DEMO_SCENE, ROOT
from twin.analysis.sunlight import SunLight
from twin.core.components import CORE_SECTIONS
from twin.core.errors import SceneFileError, TwinError
from twin.core.plugins import plugins
from twin.core.scene import Scene
from twin.io.scene_file import load_scene, save_scene, scene_from_toml, scene_to_dict, snapshot
from twin.present.kiosk import KioskConfig
from twin.present.tours import Tours
from twin.projects.model import Projects

# every section of twin's own components, each written the way twin writes it
SCENE = """format = 1
name = "Composants"
crs = "EPSG:2154"
active_variant = ["Îlot", "A"]

[timeline]
current = "2026-06-21T10:00:00Z"
speed = 3600.0
loop = true
live = false

[sun]
enabled = true
shadows = false

[[bookmarks]]
name = "Haut"
position = [684100.0, 7021400.0, 300.0]
focal_point = [684100.0, 7021500.0, 60.0]
view_up = [0.0, 0.0, 1.0]
view_angle = 30.0

[[tours]]
name = "Visite"
loop = true
title_fr = "Visite du centre"
title_en = "Centre tour"

[[tours.stops]]
bookmark = "Haut"
hold = 4.0
flight = 3.0
caption_fr = "Le centre"
caption_nl = "Het centrum"
layers = ["Bâtiments"]
time = "2026-06-21T08:00:00Z"
variant = ["Îlot", "A"]

[[tours.stops]]
position = [684200.0, 7021300.0, 250.0]
focal_point = [684150.0, 7021500.0, 60.0]
view_up = [0.0, 0.0, 1.0]
view_angle = 30.0
hold = 5.0
flight = 6.0
sun = "2026-12-21T15:00:00Z"
variant = []

[[layers]]
name = "Bâtiments"
kind = "group"
visible = true
opacity = 1.0
expanded = true
children = []

[[projects]]
name = "Îlot"
description = "Reconversion"

[[projects.variants]]
name = "A"

[[projects.variants.edits]]
kind = "new_building"
id = "n1"
name = "Plot A"
footprint = [[684100.0, 7021500.0], [684120.0, 7021500.0], [684120.0, 7021515.0], [684100.0, 7021515.0]]
height = 12.0
roof = "gable"
roof_pitch = 35.0
floor_height = 3.0
use = "logement"

[[projects.variants.edits]]
kind = "demolish"
id = "d1"
buildings = ["BATIMENT0001"]

[[projects.variants.edits]]
kind = "set_height"
id = "h1"
building = "BATIMENT0002"
height = 18.5

[plu]
floor_area_ratio = 0.8
dwelling_size = 65.0

[[plu.zones]]
name = "UA"
max_height = 15.0
max_emprise = 0.6
wkt = "POLYGON ((684000 7021400, 684300 7021400, 684300 7021600, 684000 7021600, 684000 7021400))"

[kiosk]
idle_seconds = 60.0
languages = ["fr", "en"]
attract_tour = "Visite"
tours = ["Visite"]
layers = [{ name = "Bâtiments", title = { fr = "Bâti", en = "Buildings" } }]
home = "Haut"
"""

OWN = ("sun", "tours", "active_variant", "projects", "plu", "kiosk")


@pytest.fixture
def saved(tmp_path):
    original = tmp_path / "scene.toml"
    original.write_text(SCENE, encoding="utf-8")
    scene = load_scene(original)
    return scene, save_scene(scene, tmp_path / "again.toml")


@pytest.mark.parametrize("section", OWN)
def test_each_section_is_written_back_as_it_was_read(saved, section):
    _scene, again = saved
    assert tomllib.loads(again.read_text(encoding="utf-8"))[section] == tomllib.loads(SCENE)[section]


def test_sections_keep_their_place_and_a_second_save_changes_no_byte(saved, tmp_path):
    scene, again = saved
    assert list(scene_to_dict(scene, tmp_path)) == [
        "format", "name", "crs", "timeline", "sun", "bookmarks", "tours", "layers",
        "active_variant", "projects", "plu", "kiosk"]
    text = again.read_text(encoding="utf-8")
    assert save_scene(load_scene(again), tmp_path / "third.toml").read_text(encoding="utf-8") == text


def test_the_components_are_what_the_file_says(saved):
    scene, _again = saved
    assert sorted(scene.components) == ["kiosk", "projects", "sun", "tours"]
    assert SunLight.of(scene).enabled and not SunLight.of(scene).shadows
    assert list(Tours.of(scene)) == ["Visite"] and Tours.of(scene)["Visite"].stops[1].variant == ()
    assert Projects.of(scene).active == ("Îlot", "A") and Projects.of(scene).plu.zones[0].name == "UA"
    assert KioskConfig.of(scene).home == "Haut" and KioskConfig.of(scene).idle_seconds == 60.0


def test_a_scene_without_the_sections_gets_defaults_on_first_use_and_writes_none(tmp_path):
    scene = scene_from_toml('format = 1\nname = "vide"\n', tmp_path / "vide.toml")
    assert scene.components == {}
    assert not SunLight.of(scene).enabled and len(Tours.of(scene)) == 0 and len(Projects.of(scene)) == 0
    assert Projects.of(scene) is Projects.of(scene)          # one per scene, made once
    out = scene_to_dict(scene, tmp_path)
    assert not set(out) & {"sun", "tours", "projects", "plu", "active_variant"}
    with pytest.raises(KeyError, match="no component 'weather' .*it has: sun, tours, projects"):
        scene.component("weather")


def test_an_unknown_section_is_still_refused_with_the_known_ones(tmp_path):
    with pytest.raises(SceneFileError) as info:
        scene_from_toml('format = 1\n\n[weather]\nwind = 3\n', tmp_path / "w.toml")
    err = info.value
    assert err.key == "weather" and err.line == 3 and "unknown key 'weather'" in err.message
    for section in (*CORE_SECTIONS, *OWN):
        assert section in err.hint


def test_a_copy_for_background_work_carries_the_components(saved):
    scene, _again = saved
    Tours.of(scene).remove("Visite")            # the kiosk names it: give the kiosk its own set-up
    scene.set_component("kiosk", KioskConfig(idle_seconds=120.0))
    SunLight.of(scene).shadows = True
    copy = snapshot(scene)()
    assert copy is not scene and len(Tours.of(copy)) == 0
    assert KioskConfig.of(copy) == KioskConfig(idle_seconds=120.0)
    assert SunLight.of(copy).enabled and SunLight.of(copy).shadows
    assert Projects.of(copy).active == ("Îlot", "A") and Projects.of(copy) is not Projects.of(scene)
    assert [e.id for e in Projects.of(copy).variant("Îlot", "A").edits] == ["n1", "d1", "h1"]


def test_a_component_no_plugin_writes_is_refused_rather_than_lost(tmp_path):
    scene = Scene()
    scene.component("notes", lambda _scene: {"text": "à garder"})
    with pytest.raises(TwinError, match="'notes' cannot be saved: no enabled plugin writes it"):
        save_scene(scene, tmp_path / "notes.toml")
    assert not (tmp_path / "notes.toml").exists()


def test_twin_own_components_come_from_builtin_plugins():
    owners = {name: plugins().owner(kind) for name, kind in plugins().scene_components().items()}
    assert {name: (r.name, r.builtin) for name, r in owners.items() if r.name.startswith("builtin")} == {
        "sun": ("builtin-sun", True), "projects": ("builtin-projects", True),
        "tours": ("builtin-present", True), "kiosk": ("builtin-present", True)}


def test_loading_does_not_depend_on_what_was_imported_before():
    """A script that imports only the scene file module gets every section read."""
    code = ("import sys; from twin.io.scene_file import load_scene; "
            f"scene = load_scene({str(DEMO_SCENE)!r}); "
            "print(sorted(scene.components), 'twin.present.sections' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["['kiosk',", "'projects',", "'tours']", "True"]


def test_a_section_error_names_key_and_line_as_before(tmp_path):
    text = SCENE.replace("shadows = false", 'shadows = "non"')
    with pytest.raises(SceneFileError) as info:
        scene_from_toml(text, tmp_path / "x.toml")
    assert info.value.key == "sun.shadows" and info.value.line == SCENE.splitlines().index("shadows = false") + 1
    assert "expected bool" in info.value.message


def test_demo_scene_sections_survive_a_save(tmp_path):
    scene = load_scene(DEMO_SCENE)
    again = load_scene(save_scene(scene, tmp_path / "demo.toml"))
    assert scene_to_dict(again, tmp_path) == scene_to_dict(scene, tmp_path)
    assert list(Tours.of(again)) == list(Tours.of(scene)) and KioskConfig.of(again) == KioskConfig.of(scene)
    assert Path(tmp_path / "demo.toml").read_text(encoding="utf-8").index("[kiosk]") > \
        Path(tmp_path / "demo.toml").read_text(encoding="utf-8").index("[[projects]]")
