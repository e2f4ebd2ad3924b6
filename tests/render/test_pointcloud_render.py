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


FAR = View(position=(684500, 7019000, 2500), focal_point=(684500, 7021500, 60))
CLOSE = View(position=(684150, 7021150, 95), focal_point=(684260, 7021260, 62))


def _cloud_view(source, style: PointCloudStyle):
    scene = Scene()
    layer = scene.add_layer(PointCloudLayer("tile", source=source, budget=150_000, style=style))
    apply_results(load_scene_data(scene))
    plotter = make_plotter((320, 240))
    return layer, plotter, SceneMirror(scene, plotter)


@pytest.mark.parametrize("style", [{}, {"color_by": "intensity"}, {"color_by": "elevation"},
                                   {"hidden_classes": (2,)}], ids=["class", "intensity", "elevation", "hidden"])
def test_a_refined_cloud_draws_what_a_fresh_one_draws(synthetic_copc, style):
    """Refinements swap the inputs of the actors already there: the picture and the points
    drawn are those of a cloud drawn afresh from the same points, in every colour mode."""
    layer, plotter, mirror = _cloud_view(synthetic_copc, PointCloudStyle(eye_dome_lighting=False, **style))
    fresh_plotter = None
    try:
        mirror.apply_view(FAR)
        mirror.settle_points()
        plotter.render()
        visual = mirror.visuals[id(layer)]
        mirror.apply_view(CLOSE)
        mirror.settle_points()
        refined = plotter.screenshot(return_img=True)
        assert len(visual.actors) > 1                       # near points drawn larger
        actors = list(visual.actors)
        layer.refined.emit(layer.data)                      # the same sizes: the same actors
        assert visual.actors == actors
        data = layer.data
        shown = len(data.points) if "hidden_classes" not in style else int((data.classification != 2).sum())
        assert mirror.motion.drawn.points == visual.points_shown() == shown > 10_000
        fresh_plotter = make_plotter((320, 240))
        fresh = SceneMirror(mirror.scene, fresh_plotter)
        fresh.apply_view(CLOSE)
        fresh.update_points()                               # sized for this view
        assert np.array_equal(fresh_plotter.screenshot(return_img=True), refined)
        assert fresh.motion.drawn.points == shown
        fresh.close()
        ground = _share(refined, class_color(2), tol=6)        # exactly the class colour (unlit points)
        if "hidden_classes" in style:
            assert ground == 0
        elif "color_by" not in style:
            assert ground > 0.05
    finally:
        mirror.close()
        plotter.close()
        if fresh_plotter is not None:
            fresh_plotter.close()


def test_refining_while_moving_keeps_the_cloud_on_screen(synthetic_copc):
    """Nodes arriving during a flight are drawn in the moving frames: the layer never
    blinks out while the picture refines."""
    layer, plotter, mirror = _cloud_view(synthetic_copc, PointCloudStyle(eye_dome_lighting=False))
    try:
        mirror.apply_view(FAR)
        mirror.settle_points()
        mirror.interacting = True
        mirror.apply_view(CLOSE)
        seen = []
        for _ in range(40):
            busy = mirror.update_points()
            ground = _ground_share(plotter.screenshot(return_img=True))
            seen.append((mirror.motion.drawn.points, ground))
            if not busy:
                break
            layer.data.stream.wait(timeout=0.2)
        assert len(seen) > 1
        assert all(points > 0 and ground > 0.01 for points, ground in seen), seen
        assert 0 < seen[-1][0] <= mirror.motion.points
    finally:
        mirror.close()
        plotter.close()
