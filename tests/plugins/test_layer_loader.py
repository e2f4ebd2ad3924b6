"""One protocol for loading a layer kind: a plugin's new kind (here a ground kind read
without the importers) loads through load_scene_data as twin's own kinds do, and the
built-in kinds stand on it; twin's own kinds are registered the same way."""

import geopandas as gpd
import numpy as np
import pytest
import shapely

from tests.plugins.conftest import ep
from twin.api import Canceled, Registrar, TwinError
from twin.core.feedback import Feedback
from twin.core.layers import BuildingsLayer, layer_loader
from twin.io.kinds import loader_for
from twin.io.loading import load_scene_data
from twin.io.scene_file import load_scene

X0, Y0 = 684000.0, 7021000.0


def slope(x, y):
    return 60.0 + 0.02 * (x - X0) + 0.01 * (y - Y0)


@pytest.fixture
def town(tmp_path):
    """An XYZ ground (2 m nodes, rising east and north) and two BD TOPO-like footprints
    with no ground altitude of their own, in a scene file listing the buildings first."""
    gx, gy = np.meshgrid(X0 + 2.0 * np.arange(100), Y0 + 2.0 * np.arange(80))
    np.savetxt(tmp_path / "mnt.xyz", np.column_stack([gx.ravel(), gy.ravel(), slope(gx, gy).ravel()]), fmt="%.3f")
    boxes = [shapely.box(X0 + 20, Y0 + 20, X0 + 30, Y0 + 30), shapely.box(X0 + 150, Y0 + 100, X0 + 160, Y0 + 110)]
    gpd.GeoDataFrame({"cleabs": ["A", "B"], "hauteur": [9.0, 12.0]}, geometry=boxes,
                     crs="EPSG:2154").to_file(tmp_path / "bati.gpkg")
    (tmp_path / "town.toml").write_text('''
format = 1
name = "XYZ town"
crs = "EPSG:2154"

[[layers]]
name = "Bâtiments"
kind = "buildings"
source = "bati.gpkg"

[[layers]]
name = "Relief XYZ"
kind = "xyz"
source = "mnt.xyz"
crs = "EPSG:2154"
''', encoding="utf-8")
    return tmp_path


def test_a_plugins_ground_kind_loads_and_the_buildings_stand_on_it(manager_with, town):
    manager_with(ep("xyz-ground", "tests.plugins.xyz_ground:plugin"))
    scene = load_scene(town / "town.toml")
    steps = []
    buildings, relief = load_scene_data(scene, Feedback(on_progress=lambda f, text: steps.append(text)))
    assert relief.error is None and buildings.error is None, (relief.error, buildings.error)
    assert not relief.warnings
    # ground first: read and built before the buildings listed above it
    assert steps.index("Reading Relief XYZ") < steps.index("Reading Bâtiments")
    assert steps.index("Building Relief XYZ") < steps.index("Building Bâtiments")
    # the origin comes from the ground's extent, read first
    assert scene.origin == (684100.0, 7021100.0, 0.0)
    assert relief.data.grid.values.shape == (80, 100)
    assert relief.data.bounds[2] == pytest.approx(60.0) and relief.data.bounds[5] == pytest.approx(slope(X0 + 198, Y0 + 158))
    frame = buildings.data.table.frame
    centres = frame.geometry.centroid
    lowest = np.array([slope(X0 + 20, Y0 + 20), slope(X0 + 150, Y0 + 100)])   # the footprint's lowest corner
    assert frame["ground_z"].to_numpy() == pytest.approx(lowest, abs=0.02)
    assert (frame["ground_z"] < slope(centres.x, centres.y)).all()
    assert frame["height"].tolist() == [9.0, 12.0]


def test_cancelling_while_the_new_kind_reads_stops_the_load(manager_with, town):
    manager_with(ep("xyz-ground", "tests.plugins.xyz_ground:plugin"))
    scene = load_scene(town / "town.toml")
    fb = Feedback(on_progress=lambda f, text: fb.cancel() if text == "Reading Relief XYZ" else None)
    with pytest.raises(Canceled):          # raised by the kind's own progress, not made an error
        load_scene_data(scene, fb)


def test_a_bad_file_of_the_new_kind_fails_alone(manager_with, town):
    manager_with(ep("xyz-ground", "tests.plugins.xyz_ground:plugin"))
    (town / "mnt.xyz").write_text("684000 7021000 60\n684002 7021000 60.04\n684010 7021003 61\n")
    scene = load_scene(town / "town.toml")
    buildings, relief = load_scene_data(scene)
    assert relief.data is None and "mnt.xyz: its nodes are not on a regular grid" in relief.error
    assert buildings.error is None and buildings.data.table.frame["ground_z"].tolist() == [0.0, 0.0]


def test_a_kind_with_no_way_to_load_says_so(manager_with, town):
    manager_with(ep("xyz-ground", "tests.plugins.xyz_ground:plugin"))
    from tests.plugins.xyz_ground import NoWayLayer
    scene = load_scene(town / "town.toml")
    scene.add_layer(NoWayLayer("Nothing", source=town / "mnt.xyz"))
    *_, nothing = load_scene_data(scene)
    assert "mnt.xyz: is in a 'noway' layer, and that kind gives no way to load it" in nothing.error


def test_twins_own_kinds_are_registered_loaders():
    assert layer_loader("terrain").ground
    assert not any(layer_loader(k).ground for k in ("vector", "buildings", "pointcloud", "model"))
    assert loader_for(BuildingsLayer("b")) is layer_loader("buildings")


def test_a_loader_missing_build_is_refused_at_registration():
    class HalfLoader:
        ground = False

        def read(self, layer, scene, feedback):
            return None

    from tests.plugins.xyz_ground import XYZLayer
    with pytest.raises(TwinError, match="loader .* of layer kind 'xyz' has no 'build'"):
        Registrar().layer_kind(XYZLayer, loader=HalfLoader())
