"""A layer's ``filter`` expression: kept in the scene file, checked when the file is read
(line and position named), and only the matching features are loaded."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from twin.core.errors import SceneFileError
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import load_scene, save_scene

DEMO = ROOT / "assets" / "demo" / "arras-centre"


def _scene(tmp_path, filter_line: str):
    path = tmp_path / "s.toml"
    path.write_text(f"""format = 1
name = "filtre"
crs = "EPSG:2154"

[[layers]]
name = "Parcelles"
kind = "vector"
source = "{(DEMO / 'parcelles.json').as_posix()}"
{filter_line}

[[layers]]
name = "Bâtiments"
kind = "buildings"
source = "{(DEMO / 'batiment.gpkg').as_posix()}"
filter = "\\"hauteur\\" > 15 AND \\"usage_1\\" = 'Résidentiel'"
""", encoding="utf-8")
    return path


def test_only_the_matching_features_are_loaded_and_the_filter_is_saved(tmp_path):
    scene = load_scene(_scene(tmp_path, "filter = \"\\\"section\\\" IN ('AB', 'AC') AND $area > 200\""))
    results = load_scene_data(scene)
    assert not [r.error for r in results if r.error]
    apply_results(results)
    parcels = scene.layers.find("Parcelles").data.table.frame
    assert len(parcels) > 0 and set(parcels["section"]) <= {"AB", "AC"} and parcels.area.min() > 200
    buildings = scene.layers.find("Bâtiments").data.table.frame
    assert len(buildings) > 0 and buildings["hauteur"].min() > 15
    assert set(buildings["usage_1"]) == {"Résidentiel"}
    save_scene(scene, tmp_path / "again.toml")
    again = load_scene(tmp_path / "again.toml")
    assert again.layers.find("Bâtiments").filter == scene.layers.find("Bâtiments").filter


def test_a_bad_filter_is_refused_with_its_line_and_position(tmp_path):
    with pytest.raises(SceneFileError) as caught:
        load_scene(_scene(tmp_path, "filter = \"\\\"section\\\" = \""))
    assert caught.value.line == 9 and caught.value.key and "filter" in caught.value.key
    assert "at character 13" in caught.value.message


def test_a_filter_on_a_missing_field_fails_the_layer_only(tmp_path):
    scene = load_scene(_scene(tmp_path, "filter = \"\\\"sectoin\\\" = 'AB'\""))
    results = {r.layer.name: r for r in load_scene_data(scene)}
    assert "sectoin" in results["Parcelles"].error and "section" in results["Parcelles"].error
    assert results["Bâtiments"].error is None
