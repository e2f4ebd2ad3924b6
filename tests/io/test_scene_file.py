"""Scene files: round trip, relative paths, and errors that name key and line."""

from pathlib import Path

import pytest

from tests.conftest import DEMO_SCENE
from twin.core.camera import Bookmark, View
from twin.core.errors import SceneFileError
from twin.core.layers import BuildingsLayer, LayerGroup, TerrainLayer, VectorLayer
from twin.core.scene import Scene
from twin.io.scene_file import load_scene, save_scene, scene_from_toml, scene_to_dict
from twin.analysis.sunlight import SunLight


def test_demo_scene_loads_with_groups_and_bookmarks():
    scene = load_scene(DEMO_SCENE)
    assert scene.crs == "EPSG:2154"
    names = [layer.name for layer in scene.layers.walk()]
    assert names == ["Fond", "Terrain (MNT 2 m)", "Cadastre", "Parcelles", "Bâtiments (LoD1)",
                     "LiDAR HD (nuage de points)", "Arbres", "Données en direct", "Bruit (capteurs LoRa)",
                     "Fréquentation (passages par heure)", "Consommation électrique (jour)",
                     "Ville participative", "Signalements citoyens", "Accessibilité des bâtiments publics",
                     "Commerces (observatoire)"]
    terrain = scene.layers.find("Terrain (MNT 2 m)")
    assert isinstance(terrain, TerrainLayer) and terrain.source.is_file()
    assert isinstance(terrain.parent, LayerGroup)
    assert "Grand Place" in scene.bookmarks


def test_round_trip_keeps_everything_and_paths_stay_relative(tmp_path):
    scene = load_scene(DEMO_SCENE)
    scene.layers.find("Parcelles").opacity = 0.4
    scene.layers.find("Parcelles").style = scene.layers.find("Parcelles").style.replace(fill_color="#123456")
    scene.add_bookmark(Bookmark("Beffroi", View((1.0, 2.0, 300.0), (0.0, 0.0, 0.0))))
    out = tmp_path / "sub" / "copy.toml"
    out.parent.mkdir()
    save_scene(scene, out)
    text = out.read_text(encoding="utf-8")
    assert "../../" in text or str(DEMO_SCENE.parent.parent) not in text  # written relative
    again = load_scene(out)
    assert scene_to_dict(again, out.parent) == scene_to_dict(scene, out.parent)
    assert again.layers.find("Parcelles").style.fill_color == "#123456"
    assert again.layers.find("Terrain (MNT 2 m)").source == scene.layers.find("Terrain (MNT 2 m)").source


def _error(text: str) -> SceneFileError:
    with pytest.raises(SceneFileError) as info:
        scene_from_toml(text, Path("/tmp/x.toml"))
    return info.value


def test_syntax_error_names_line():
    err = _error('format = 1\nname = "a\n')
    assert err.line == 2 and "not valid TOML" in err.message


def test_wrong_type_names_key_and_line():
    err = _error('format = 1\n\n[[layers]]\nname = "T"\nkind = "terrain"\nsource = "a.tif"\n'
                 'opacity = "half"\n')
    assert err.key == "layers[0].opacity" and err.line == 7


def test_unknown_style_key_in_nested_group_names_its_line():
    err = _error('format = 1\n[[layers]]\nname = "G"\nkind = "group"\n[[layers.children]]\n'
                 'name = "P"\nkind = "vector"\nsource = "p.json"\n[layers.children.style]\n'
                 'fill_colour = "#ffffff"\n')
    assert err.key == "layers[0].children[0].style.fill_colour" and err.line == 10
    assert "fill_color" in err.message  # the hint lists the known keys


@pytest.mark.parametrize("text, key, what", [
    ('format = 2\n', "format", "not supported"),
    ('format = 1\ncrs = "EPSG:4326"\n', "crs", "projected"),
    ('format = 1\ncrs = "EPSG:99999999"\n', "crs", "unknown"),
    ('format = 1\n[[layers]]\nname = "x"\nkind = "teapot"\nsource = "a"\n', "layers[0].kind", "unknown layer kind"),
    ('format = 1\n[[layers]]\nname = "x"\nkind = "vector"\n', "layers[0].source", "missing required"),
    ('format = 1\n[[layers]]\nname = "x"\nkind = "vector"\nsource = "a"\ntexture = "t.tif"\n',
     "layers[0].texture", "does not apply"),
    ('format = 1\n[[layers]]\nname = "x"\nkind = "vector"\nsource = "a"\n[layers.style]\n'
     'fill_color = "red"\n', "layers[0].style", "#rrggbb"),
    ('format = 1\n[timeline]\ncurrent = "2026-06-21T10:00:00"\n', "timeline", "timezone"),
    ('format = 1\n[camera]\nposition = [0, 0]\nfocal_point = [1, 1, 1]\n', "camera", "three"),
])
def test_invalid_scenes_are_explained(text, key, what):
    err = _error(text)
    assert err.key == key
    assert what in err.message
    assert err.line is not None


def test_missing_format_is_named():
    err = _error('name = "x"\n')
    assert err.key == "format" and "missing required key" in err.message


def test_missing_and_binary_scene_files(tmp_path):
    with pytest.raises(SceneFileError, match="not found"):
        load_scene(tmp_path / "nope.toml")
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(SceneFileError, match="UTF-8"):
        load_scene(binary)


def test_save_is_atomic_and_keeps_old_file_on_failure(tmp_path, monkeypatch):
    scene = Scene(name="a")
    scene.add_layer(VectorLayer("v", source=tmp_path / "v.json"))
    path = save_scene(scene, tmp_path / "s.toml")
    before = path.read_text()

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("twin.io.scene_file.os.replace", boom)
    scene.name = "b"
    with pytest.raises(OSError):
        save_scene(scene, path)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".s.toml")] == []


def test_buildings_height_rule_round_trips(tmp_path):
    scene = Scene()
    layer = BuildingsLayer("b", source=tmp_path / "b.gpkg")
    scene.add_layer(layer)
    from dataclasses import replace
    layer.heights = replace(layer.heights, default_height=6.0, storey_height=2.8)
    again = load_scene(save_scene(scene, tmp_path / "s.toml"))
    assert again.layers[0].heights.default_height == 6.0
    assert again.layers[0].heights.storey_height == 2.8


def test_point_cloud_layer_round_trips(tmp_path):
    from twin.core.layers import PointCloudLayer
    scene = Scene()
    layer = PointCloudLayer("lidar", source=tmp_path / "tile.copc.laz", budget=500_000)
    layer.style = layer.style.replace(color_by="elevation", hidden_classes=(65, 7), point_size=3.0)
    scene.add_layer(layer)
    again = load_scene(save_scene(scene, tmp_path / "s.toml")).layers[0]
    assert again.budget == 500_000
    assert again.style.hidden_classes == (7, 65) and again.style.color_by == "elevation"


def test_point_cloud_style_errors_are_explained():
    err = _error('format = 1\n[[layers]]\nname = "l"\nkind = "pointcloud"\nsource = "a.laz"\n'
                 '[layers.style]\ncolor_by = "rainbow"\n')
    assert err.key == "layers[0].style" and "color_by" in err.message
    err = _error('format = 1\n[[layers]]\nname = "l"\nkind = "pointcloud"\nsource = "a.laz"\nbudget = 10\n')
    assert "budget" in err.message and err.line == 2


def test_the_sun_setting_round_trips_and_is_checked(tmp_path):
    from twin.core.scene import Scene
    from twin.io.scene_file import load_scene, save_scene
    scene = Scene()
    SunLight.of(scene).enabled = True
    again = load_scene(save_scene(scene, tmp_path / "s.toml"))
    assert SunLight.of(again).enabled and SunLight.of(again).shadows
    text = (tmp_path / "s.toml").read_text().replace("shadows = true", "shadow = true")
    (tmp_path / "bad.toml").write_text(text)
    with pytest.raises(SceneFileError, match="shadow"):
        load_scene(tmp_path / "bad.toml")
