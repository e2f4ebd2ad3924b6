"""A moving view draws less (``SceneMirror.interacting``), stays recognisable, and
comes back to the full picture when the motion ends."""

import numpy as np
import pytest

from tests.conftest import DEMO_SCENE
from twin._vtk.mirror import SceneMirror
from twin._vtk.motion import PIXELS
from twin._vtk.offscreen import make_plotter
from twin.core.camera import View
from twin.core.layers import PointCloudLayer, PointCloudStyle
from twin.core.scene import Scene
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import load_scene

SIZE = (640, 360)


@pytest.fixture(scope="module")
def demo():
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    plotter = make_plotter(SIZE)
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(scene.bookmark("Grand Place").view)
    yield scene, plotter, mirror
    mirror.close()
    plotter.close()


def _frame(plotter, mirror):
    plotter.render()
    return plotter.screenshot(return_img=True).astype(int), mirror.motion.drawn


def _small(img, n=8):
    """The picture averaged over n×n blocks: what stays when details are left out."""
    h, w = (img.shape[0] // n) * n, (img.shape[1] // n) * n
    return img[:h, :w].reshape(h // n, n, w // n, n, 3).mean(axis=(1, 3))


def test_a_moving_frame_draws_fewer_cells_and_pixels_and_stays_recognisable(demo):
    scene, plotter, mirror = demo
    still, full = _frame(plotter, mirror)
    mirror.interacting = True
    try:
        moving, less = _frame(plotter, mirror)
        mirror.motion.scale = 1.0                  # the same things drawn at full resolution
        sharp, _ = _frame(plotter, mirror)
    finally:
        mirror.motion.scale = 0.5
        mirror.interacting = False
    assert full.pixels == SIZE[0] * SIZE[1]
    assert less.pixels == full.pixels // 4              # half the side, scaled up
    assert less.cells < full.cells                       # parcel outlines wait for the still frame
    # labels and the legend wait too
    assert np.abs(sharp - still).mean() > 5
    # the whole window is the small picture scaled up, not a quarter of it over the last frame
    coarse = np.abs(_small(moving) - _small(sharp))
    h, w = coarse.shape[0] // 2, coarse.shape[1] // 2
    for quarter in (coarse[:h, :w], coarse[:h, w:], coarse[h:, :w], coarse[h:, w:]):
        assert quarter.mean() < 10, quarter.mean()
    assert np.abs(moving - sharp).mean() > 0.5          # but it is the smaller picture


def test_a_large_window_draws_no_more_pixels_than_the_budget_while_moving(demo):
    """A kiosk's large screen moves as fast as a small window: the moving picture is
    smaller than half the side when half would exceed its pixel budget."""
    scene, plotter, mirror = demo
    sharp, _ = _frame(plotter, mirror)
    mirror.interacting = True
    mirror.motion.pixels = SIZE[0] * SIZE[1] // 9
    try:
        moving, less = _frame(plotter, mirror)
    finally:
        mirror.motion.pixels = PIXELS
        mirror.interacting = False
    assert SIZE[0] * SIZE[1] // 9 * 0.95 <= less.pixels <= SIZE[0] * SIZE[1] // 9
    assert np.abs(_small(moving, 16) - _small(sharp, 16)).mean() < 20     # the whole view, scaled up


def test_the_full_picture_comes_back_when_the_motion_ends(demo):
    scene, plotter, mirror = demo
    before, full = _frame(plotter, mirror)
    frames = mirror.frames
    mirror.interacting = True
    _frame(plotter, mirror)
    assert mirror.frames == frames           # moving frames do not size the point budget
    mirror.interacting = False
    after, again = _frame(plotter, mirror)
    assert again == full
    assert np.array_equal(before, after)
    assert plotter.renderer.GetViewport() == (0.0, 0.0, 1.0, 1.0)


def test_picking_between_moving_frames_sees_the_whole_view(demo):
    scene, plotter, mirror = demo
    mirror.interacting = True
    try:
        _frame(plotter, mirror)
        hit = mirror.world_at(SIZE[0] * 3 // 4, SIZE[1] // 4)    # outside the small picture's corner
    finally:
        mirror.interacting = False
    assert hit is not None


@pytest.fixture
def cloud(shared):
    scene = Scene()
    layer = scene.add_layer(PointCloudLayer("bat", source=shared / "lidar/pdalign__bat.laz", budget=200_000,
                                            style=PointCloudStyle(eye_dome_lighting=False,       # colours compared
                                                                  color_by="classification")))  # as they are
    apply_results(load_scene_data(scene))
    b = scene.bounds()
    centre = ((b[0] + b[3]) / 2, (b[1] + b[4]) / 2)
    plotter = make_plotter((320, 240))
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(View(position=(centre[0], centre[1] - 1, b[5] + 120), focal_point=(*centre, b[2])))
    yield layer, plotter, mirror
    mirror.close()
    plotter.close()


def test_point_clouds_draw_an_even_subset_while_moving(cloud):
    layer, plotter, mirror = cloud
    still, full = _frame(plotter, mirror)
    assert full.points == len(layer.data.points) > 20_000
    mirror.motion.points = 20_000
    mirror.interacting = True
    try:
        moving, less = _frame(plotter, mirror)
        assert 10_000 <= less.points <= 20_000
        _, again = _frame(plotter, mirror)            # the thinned copy is reused
        assert again == less
    finally:
        mirror.interacting = False
    # the thinned cloud covers the same ground: roofs (red) still show, about as much
    red = np.array([0xe0, 0x53, 0x3f])

    def roofs(img):
        return (np.abs(img - red).max(axis=2) <= 40).mean()
    assert roofs(moving) > 0.3 * roofs(still) > 0
    _, back = _frame(plotter, mirror)
    assert back.points == full.points


def test_slow_moving_frames_draw_fewer_points(cloud):
    """The level the moving frames' times set (``MotionDetail``) scales their points."""
    layer, plotter, mirror = cloud
    mirror.motion.points = 20_000
    mirror.interacting = True
    try:
        _, full = _frame(plotter, mirror)
        mirror.motion.detail.level = 0.25
        _, less = _frame(plotter, mirror)
    finally:
        mirror.interacting = False
    assert less.points <= 5_000 < 10_000 <= full.points
