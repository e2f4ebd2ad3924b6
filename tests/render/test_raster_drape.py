"""Processing maps in the view: a viewshed and hours of sun written by the algorithms,
draped on the demo scene's terrain with their legend (offscreen pixels)."""

import numpy as np
import pytest

from tests.conftest import DEMO_SCENE
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.core.camera import View
from twin.core.layers.raster import RasterDrapeLayer
from twin.core.plugins import plugins
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import load_scene

EYE = (684131.0, 7021537.0)


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    out = tmp_path_factory.mktemp("drape") / "seen.tif"
    result = plugins().algorithms()["viewshed"](None, input=DEMO_SCENE, eye=f"{EYE[0]} {EYE[1]}", radius=120.0,
                                                resolution=2.0, out=out)
    return out, result["legend"]


def test_a_viewshed_is_draped_yellow_where_seen_with_its_legend(seen, tmp_path):
    out, legend = seen
    scene = load_scene(DEMO_SCENE)
    for layer in scene.data_layers():
        layer.visible = layer.kind == "terrain"
    apply_results(load_scene_data(scene, layers=[layer for layer in scene.data_layers() if layer.visible]))
    plotter = make_plotter((500, 500))
    mirror = SceneMirror(scene, plotter)
    try:
        view = View(position=(EYE[0], EYE[1] - 1, 700.0), focal_point=(EYE[0], EYE[1], 60.0), view_angle=30)
        mirror.apply_view(view)
        plotter.render()
        before = plotter.screenshot(return_img=True).astype(int)
        layer = scene.add_layer(RasterDrapeLayer("seen", source=out, **legend))
        apply_results(load_scene_data(scene, layers=[layer]))
        assert layer.error is None, layer.error
        mirror.apply_view(view)
        plotter.render()
        after = plotter.screenshot(str(tmp_path / "seen.png"), return_img=True).astype(int)
    finally:
        mirror.close()
        plotter.close()
    yellow = (after[..., 0] > 200) & (after[..., 1] > 200) & (after[..., 2] < 80)
    assert yellow.sum() > 2000 and ((before[..., 0] > 200) & (before[..., 1] > 200) & (before[..., 2] < 80)).sum() < 50
    rows, cols = np.nonzero(yellow)
    assert abs(np.median(rows) - 250) < 60 and abs(np.median(cols) - 250) < 60     # around the eye
    assert layer.legend().entries[0][1] == "seen" and layer.legend().title == "Seen from the viewpoint"


def test_a_raster_in_another_crs_is_a_clear_error(tmp_path):
    import rasterio
    from rasterio.transform import from_origin
    path = tmp_path / "wgs.tif"
    with rasterio.open(path, "w", driver="GTiff", width=4, height=4, count=1, dtype="float32", crs="EPSG:4326",
                       transform=from_origin(2.7, 50.3, 0.001, 0.001)) as dst:
        dst.write(np.ones((1, 4, 4), np.float32))
    scene = load_scene(DEMO_SCENE)
    layer = scene.add_layer(RasterDrapeLayer("wgs", source=path))
    [result] = load_scene_data(scene, layers=[layer])
    assert "EPSG:4326" in str(result.error) and "reproject" in str(result.error)


def test_sun_hours_legend_is_a_ramp_in_hours():
    layer = RasterDrapeLayer("sun", vmin=0.0, vmax=16.0, unit="h", title="Hours of direct sun")
    legend = layer.legend()
    assert [label for _rgb, label in legend.entries] == ["16.0 h", "12.0 h", "8.0 h", "4.0 h", "0.0 h"]
    assert legend.entries[0][0] != legend.entries[-1][0]
