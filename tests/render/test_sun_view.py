"""The real sun in the view: ground shadows where geometry says they fall, measured on
pixels of an offscreen render (a tower on flat ground, seen from above)."""

import numpy as np
import pytest

from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.core.camera import View
from twin.core.layers import BuildingsLayer, TerrainLayer
from twin.io.loading import apply_results, load_scene_data
from twin.core.scene import Scene
from twin.analysis.sunlight import SunLight, sun_state

X, Y, GROUND, HEIGHT, HALF = 684100.0, 7021500.0, 50.0, 30.0, 20.0


@pytest.fixture
def tower_on_flat_ground(tmp_path):
    import geopandas as gpd
    import rasterio
    import shapely
    from rasterio.transform import from_origin
    frame = gpd.GeoDataFrame({"hauteur": [HEIGHT]}, geometry=[shapely.box(X - HALF, Y - HALF, X + HALF, Y + HALF)],
                             crs="EPSG:2154")
    frame.to_file(tmp_path / "tower.gpkg")
    with rasterio.open(tmp_path / "dtm.tif", "w", driver="GTiff", width=300, height=300, count=1, dtype="float32",
                       crs="EPSG:2154", transform=from_origin(X - 300, Y + 300, 2.0, 2.0)) as dst:
        dst.write(np.full((1, 300, 300), GROUND, np.float32))
    scene = Scene(origin=(X, Y, 0.0))
    scene.add_layer(TerrainLayer("ground", source=tmp_path / "dtm.tif"))
    scene.add_layer(BuildingsLayer("tower", source=tmp_path / "tower.gpkg"))
    apply_results(load_scene_data(scene))
    scene.timeline.set_current("2026-03-21T14:00:00Z")       # 15:00 in Paris: sun in the south-west
    plotter = make_plotter((400, 400))
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(View(position=(X, Y - 1, GROUND + 900.0), focal_point=(X, Y, GROUND), view_angle=30))
    yield scene, mirror, plotter
    mirror.close()
    plotter.close()


def _pixel(plotter, world) -> tuple[int, int]:
    import vtk
    c = vtk.vtkCoordinate()
    c.SetCoordinateSystemToWorld()
    c.SetValue(*world)
    x, y = c.GetComputedDisplayValue(plotter.renderer)
    return plotter.window_size[1] - 1 - int(y), int(x)


def _brightness(plotter, mirror, xy) -> float:
    plotter.render()
    img = plotter.screenshot(return_img=True).astype(float)
    row, col = _pixel(plotter, (xy[0] - X, xy[1] - Y, GROUND))
    return float(img[row - 1:row + 2, col - 1:col + 2].mean())


def test_the_shadow_falls_away_from_the_sun_as_long_as_height_over_tan_elevation(tower_on_flat_ground):
    scene, mirror, plotter = tower_on_flat_ground
    state = sun_state(scene)
    assert 20 < state.elevation < 45 and 180 < state.azimuth < 270
    length = HEIGHT / np.tan(np.radians(state.elevation))
    away = -state.direction[:2] / np.hypot(*state.direction[:2])
    # from the tower's centre, the shadow ends HALF·(|ax|+|ay|) + length away along `away`
    edge = HALF * (abs(away[0]) + abs(away[1]))
    inside = np.array([X, Y]) + away * (edge + 0.6 * length)
    beyond = np.array([X, Y]) + away * (edge + length + 12.0)
    sunward = np.array([X, Y]) - away * (edge + 0.6 * length)
    SunLight.of(scene).enabled = True
    lit = {name: _brightness(plotter, mirror, p) for name, p in
           (("inside", inside), ("beyond", beyond), ("sunward", sunward))}
    assert lit["inside"] < 0.75 * lit["beyond"], lit       # in the shadow: darker
    assert abs(lit["beyond"] - lit["sunward"]) < 0.1 * lit["beyond"], lit
    SunLight.of(scene).shadows = False                              # the same spot, no shadow drawn
    assert _brightness(plotter, mirror, inside) > 0.9 * lit["beyond"]


def test_no_shadow_at_night_and_the_studio_light_comes_back(tower_on_flat_ground):
    scene, mirror, plotter = tower_on_flat_ground
    SunLight.of(scene).enabled = True
    assert mirror.sun.actor is not None
    scene.timeline.set_current("2026-03-21T22:00:00Z")
    assert not mirror.sun.state.up and mirror.sun.actor is None
    SunLight.of(scene).enabled = False
    assert mirror.sun.state is None and plotter.renderer.lights and not mirror.sun._lit
