"""The scale bar and the north arrow of offscreen renders: what they say against where
VTK itself puts the ground, and the pixels they draw."""

import math

import numpy as np
import pytest
import vtk

from twin._vtk.furniture import BAR_PX, INK, length_text, round_length
from twin._vtk.screen import screen_scale
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter, render_scene
from twin.core import i18n
from twin.core.camera import View
from twin.core.layers import BuildingsLayer
from twin.core.scene import Scene
from twin.io.loading import apply_results, load_scene_data

X, Y = 684100.0, 7021500.0
SIZE = (800, 600)


@pytest.fixture(scope="module")
def block(tmp_path_factory):
    import geopandas as gpd
    import shapely
    frame = gpd.GeoDataFrame({"hauteur": [20.0]}, geometry=[shapely.box(X - 20, Y - 20, X + 20, Y + 20)],
                             crs="EPSG:2154")
    path = tmp_path_factory.mktemp("furniture") / "block.gpkg"
    frame.to_file(path)
    scene = Scene()
    scene.add_layer(BuildingsLayer("block", source=path))
    apply_results(load_scene_data(scene))
    return scene


def _looking(azimuth_deg: float, distance: float = 400.0, tilt_deg: float = 50.0) -> View:
    """A camera on the ground's level plane z = 0 looking toward azimuth (0: north, 90: east)
    from ``distance`` away, ``tilt_deg`` below the horizon."""
    a, t = math.radians(azimuth_deg), math.radians(tilt_deg)
    back = np.array([-math.sin(a) * math.cos(t), -math.cos(a) * math.cos(t), math.sin(t)]) * distance
    return View(position=(X + back[0], Y + back[1], back[2]), focal_point=(X, Y, 0.0), view_up=(0, 0, 1),
                view_angle=30)


@pytest.fixture
def mirror(block):
    plotter = make_plotter(SIZE)
    mirror = SceneMirror(block, plotter)
    yield mirror
    mirror.close()
    plotter.close()


def _display(renderer, point) -> np.ndarray:
    """Where VTK itself draws a scene point (origin-relative), in display pixels."""
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    return np.array(renderer.GetDisplayPoint()[:2])


def test_round_lengths_and_their_words():
    assert [round_length(v) for v in (0.7, 1, 3.9, 17, 99, 140, 260, 999, 4300)] == \
        [0.5, 1, 2, 10, 50, 100, 200, 500, 2000]
    assert [length_text(v) for v in (0.5, 50, 1000, 2000, 20000)] == ["0.5 m", "50 m", "1 km", "2 km", "20 km"]
    i18n.set_language("fr")
    try:
        assert [length_text(v) for v in (0.5, 20000)] == ["0,5 m", "20 km"]
        assert i18n.number(12500.5, 1) == "12\u00a0500,5"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("distance", [150.0, 400.0, 3000.0])
def test_scale_bar_length_matches_its_label_at_the_centre(mirror, distance):
    mirror.apply_view(_looking(30.0, distance))
    image = mirror.plotter.screenshot(return_img=True)
    metres, px = mirror.furniture.scale
    assert metres == round_length(metres) and mirror.furniture.length.GetInput() == length_text(metres)
    # the bar's metres laid on the ground across the view's centre (the focal point), along
    # the screen's horizontal (the camera has no roll): VTK draws them px apart
    renderer = mirror.plotter.renderer
    camera = renderer.GetActiveCamera()
    right = np.cross(camera.GetDirectionOfProjection(), camera.GetViewUp())
    right /= np.linalg.norm(right)
    centre = np.asarray(camera.GetFocalPoint())
    ends = [_display(renderer, centre + side * metres / 2 * right) for side in (-1, 1)]
    assert np.linalg.norm(ends[1] - ends[0]) == pytest.approx(px, rel=0.02)
    target = BAR_PX * screen_scale(*SIZE)
    assert 0.4 * target - 1 <= px <= target + 1         # 1-2-5 steps: within 2.5× below the target
    # and the bar drawn is that long: dark pixels along its row
    x0, x1, y = mirror.furniture.bar
    row = image[SIZE[1] - 1 - int(round(y))]
    dark = np.flatnonzero(np.abs(row.astype(int) - INK[:3]).max(axis=1) < 40)
    dark = dark[(dark > x0 - 10) & (dark < x1 + 10)]
    assert dark.min() == pytest.approx(x0, abs=2) and dark.max() == pytest.approx(x1, abs=2)


def test_scale_bar_follows_the_camera(mirror):
    mirror.apply_view(_looking(0.0, 200.0))
    mirror.plotter.ren_win.Render()
    near = mirror.furniture.scale
    mirror.apply_view(_looking(0.0, 2000.0))
    mirror.plotter.ren_win.Render()
    far = mirror.furniture.scale
    assert far[0] / far[1] > 5 * near[0] / near[1]       # metres per pixel grew with the distance


@pytest.mark.parametrize("azimuth", [0.0, 45.0, 90.0, 180.0, 300.0])
def test_north_arrow_turns_with_the_camera(mirror, azimuth):
    mirror.apply_view(_looking(azimuth))
    image = mirror.plotter.screenshot(return_img=True)
    angle = math.degrees(mirror.furniture.angle)
    # looking toward azimuth a, north is a degrees to the left: the arrow turns by -a, its
    # component along the line of sight foreshortened by the camera's tilt (50°)
    a = math.radians(azimuth)
    expected = math.degrees(math.atan2(-math.sin(a), math.cos(a) * math.sin(math.radians(50))))
    assert (angle - expected + 180) % 360 - 180 == pytest.approx(0, abs=1.0)
    # the "N" is drawn beyond the arrow's tip: dark pixels there
    x, y = mirror.furniture.north.GetPosition()
    patch = image[SIZE[1] - int(y) - 6:SIZE[1] - int(y) + 6, int(x) - 6:int(x) + 6].astype(int)
    assert (np.abs(patch - INK[:3]).max(axis=2) < 60).sum() >= 8


def test_north_arrow_points_up_looking_north_from_above(mirror):
    mirror.apply_view(View(position=(X, Y - 1e-3, 800.0), focal_point=(X, Y, 0.0), view_up=(0, 1, 0)))
    mirror.plotter.ren_win.Render()
    assert math.degrees(mirror.furniture.angle) == pytest.approx(0.0, abs=0.5)
    mirror.apply_view(View(position=(X, Y, 800.0), focal_point=(X, Y, 0.0), view_up=(1, 0, 0)))
    mirror.plotter.ren_win.Render()                                # east up: north to the left
    assert math.degrees(mirror.furniture.angle) == pytest.approx(-90.0, abs=0.5)


def test_no_scale_bar_above_the_horizon_and_none_when_asked(mirror, block):
    mirror.apply_view(View(position=(X, Y - 100, 2.0), focal_point=(X, Y + 100, 40.0), view_up=(0, 0, 1)))
    mirror.plotter.ren_win.Render()
    assert mirror.furniture.scale is None and not mirror.furniture.length.GetVisibility()
    with_it = render_scene(block, None, size=SIZE, view=_looking(0.0))
    without = render_scene(block, None, size=SIZE, view=_looking(0.0), furniture=False)
    corner = (slice(SIZE[1] - 120, SIZE[1]), slice(0, 200))             # the lower left corner
    assert (with_it[corner] != without[corner]).any(axis=2).sum() > 500
    assert (with_it[:SIZE[1] - 160] == without[:SIZE[1] - 160]).all()  # nothing else changed


def test_furniture_grows_with_the_screen(block):
    sizes = {}
    for size in ((1280, 720), (3840, 2160)):
        plotter = make_plotter(size)
        mirror = SceneMirror(block, plotter)
        mirror.apply_view(_looking(0.0))
        plotter.ren_win.Render()
        x0, y0, x1, y1 = mirror.furniture.boxes[1]          # the north arrow's disc
        sizes[size] = x1 - x0
        mirror.close()
        plotter.close()
    assert sizes[(3840, 2160)] == pytest.approx(3 * sizes[(1280, 720)], rel=0.05)


def test_furniture_is_left_out_of_thumbnails(block):
    plotter = make_plotter((200, 150))
    mirror = SceneMirror(block, plotter)
    mirror.apply_view(_looking(0.0))
    plotter.ren_win.Render()
    assert mirror.furniture.boxes == [] and not vtk.vtkActor2D.GetVisibility(mirror.furniture.shapes)
    mirror.close()
    plotter.close()


def test_the_furniture_does_not_depend_on_the_clipping_planes(mirror):
    """At a timeline's empty instant the near and far planes hold nothing: the arrow stays."""
    mirror.apply_view(_looking(0.0))
    mirror.plotter.ren_win.Render()
    scale = mirror.furniture.scale
    mirror.plotter.renderer.GetActiveCamera().SetClippingRange(1.0, 2.0)
    mirror.furniture.update()
    assert mirror.furniture.angle == pytest.approx(0.0, abs=0.02)
    assert mirror.furniture.scale[0] == scale[0] and mirror.furniture.scale[1] == pytest.approx(scale[1], rel=1e-3)


def test_an_empty_scene_has_no_scale_until_data_come(block):
    empty = render_scene(Scene(), None, size=SIZE)
    assert (np.abs(empty[-130:, :130].astype(int) - INK[:3]).max(axis=2) < 60).sum() == 0   # sky only
    scene = Scene()
    scene.origin = block.origin
    plotter = make_plotter(SIZE)
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(_looking(0.0))
    plotter.ren_win.Render()
    assert mirror.furniture.scale is None and mirror.furniture.boxes == []
    scene.add_layer(BuildingsLayer("block", source=block.layers[0].source))
    apply_results(load_scene_data(scene))                   # loaded: the next frame has them
    plotter.ren_win.Render()
    assert mirror.furniture.scale is not None and mirror.furniture.angle is not None
    mirror.close()
    plotter.close()
