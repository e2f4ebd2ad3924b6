"""Point clouds on screen: classification colours, hidden classes, colour modes."""

import numpy as np
import pytest

from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.core.camera import View
from twin.core.layers import PointCloudLayer, PointCloudStyle
from twin.core.layers.classes import class_color, class_lut
from twin.io.loading import apply_results, load_scene_data
from twin.core.scene import Scene


def test_lut_knows_asprs_and_ign_codes_and_greys_the_rest():
    lut = class_lut()
    assert lut.shape == (256, 3)
    assert class_color(6) == "#e0533f" and class_color(64) == "#00a5a8"
    assert tuple(lut[200]) == tuple(lut[99]) == (0x9e, 0x9e, 0x9e)


@pytest.fixture
def bat(shared):
    scene = Scene()
    layer = scene.add_layer(PointCloudLayer("bat", source=shared / "lidar/pdalign__bat.laz", budget=200_000,
                                            style=PointCloudStyle(eye_dome_lighting=False)))   # colours compared as they are
    apply_results(load_scene_data(scene))
    b = scene.bounds()
    centre = ((b[0] + b[3]) / 2, (b[1] + b[4]) / 2)
    view = View(position=(centre[0], centre[1] - 1, b[5] + 120), focal_point=(*centre, b[2]))
    plotter = make_plotter((160, 120))
    mirror = SceneMirror(scene, plotter, on_render=plotter.render)
    mirror.apply_view(view)
    yield layer, plotter
    mirror.close()
    plotter.close()


def _share(img, hex_color, tol=30):
    rgb = np.array([int(hex_color[i:i + 2], 16) for i in (1, 3, 5)])
    return (np.abs(img.astype(int) - rgb).max(axis=2) <= tol).mean()


def test_buildings_show_red_then_vanish_when_their_class_is_hidden(bat):
    layer, plotter = bat
    img = plotter.screenshot(return_img=True)
    assert _share(img, class_color(6)) > 0.05          # roofs of the building-dense extract
    layer.style = layer.style.replace(hidden_classes=(6,))
    img = plotter.screenshot(return_img=True)
    assert _share(img, class_color(6)) < 0.005


def test_elevation_colouring_uses_a_colormap(bat):
    layer, plotter = bat
    layer.style = layer.style.replace(color_by="elevation")
    img = plotter.screenshot(return_img=True)
    assert _share(img, class_color(6)) < 0.01
    # viridis spans purple to yellow: several distinct hues appear
    assert len(np.unique(img.reshape(-1, 3) // 32, axis=0)) > 8


def _ground_share(img):
    """Pixels showing ground points (class 2 brown) rather than sky."""
    return _share(img, class_color(2), tol=40)


def test_a_close_view_fills_in_as_nodes_stream_in(synthetic_copc):
    scene = Scene()
    layer = scene.add_layer(PointCloudLayer("tile", source=synthetic_copc, budget=150_000))
    apply_results(load_scene_data(scene))
    first_nodes = layer.data.nodes
    plotter = make_plotter((320, 240))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(View(position=(684150, 7021150, 95), focal_point=(684260, 7021260, 62)))
        plotter.render()
        before = _ground_share(plotter.screenshot(return_img=True))
        mirror.settle_points()
        plotter.render()
        after = _ground_share(plotter.screenshot(return_img=True))
        assert layer.data.nodes != first_nodes and len(layer.data.points) <= 150_000
        assert after > 1.3 * before and after > 0.05
        # pulled back over the whole tile, the detail goes and the budget still holds
        mirror.apply_view(View(position=(684500, 7019000, 2500), focal_point=(684500, 7021500, 60)))
        mirror.settle_points()
        assert len(layer.data.points) <= 150_000
        assert mirror.point_layers() == [layer]
    finally:
        mirror.close()
        plotter.close()
