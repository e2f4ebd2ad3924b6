"""Moving frames draw buildings by level of detail (``twin._vtk.building_lod``): far
walls wait for the still frame, every roof stays, nothing out of view is drawn; and the
still frame after the motion is the one before it. Point clouds keep their size on
screen in the smaller moving picture, without the eye-dome pass."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.core.camera import View
from twin.core.layers import BuildingsLayer, PointCloudLayer, PointCloudStyle
from twin.core.scene import Scene
from twin.geometry.extrude import ROOF
from twin.io.loading import apply_results, load_scene_data

X, Y = 683_000.0, 7_021_000.0
N, PITCH = 30, 40.0          # a 1.2 km square town, 900 buildings
SIZE = (480, 270)


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    rng = np.random.default_rng(7)
    i, j = np.meshgrid(np.arange(N), np.arange(N))
    x0, y0 = X + i.ravel() * PITCH, Y + j.ravel() * PITCH
    side = rng.uniform(10, 25, N * N)
    frame = gpd.GeoDataFrame({"hauteur": rng.uniform(6, 20, N * N)},
                             geometry=shapely.box(x0, y0, x0 + side, y0 + side * 0.8), crs="EPSG:2154")
    path = tmp_path_factory.mktemp("town") / "bati.gpkg"
    frame.to_file(path)
    scene = Scene()
    layer = scene.add_layer(BuildingsLayer("bâti", source=path))
    apply_results(load_scene_data(scene))
    plotter = make_plotter(SIZE)
    mirror = SceneMirror(scene, plotter)
    yield scene, layer, plotter, mirror
    mirror.close()
    plotter.close()


CENTRE = (X + N * PITCH / 2, Y + N * PITCH / 2, 0.0)
FAR = View(position=(CENTRE[0] - 1500, CENTRE[1] - 2500, 1800.0), focal_point=CENTRE)
STREET = View(position=(X + 5 * PITCH - 8, Y - 30, 12.0), focal_point=(X + 5 * PITCH - 8, Y + 300, 8.0))


def _frame(plotter, mirror):
    plotter.render()
    return plotter.screenshot(return_img=True).astype(int), mirror.motion.drawn


def _moving_cells(scene, mirror) -> list:
    """(feature, part) arrays of the cells each buildings actor drew in the last moving frame."""
    visual = next(v for v in mirror.visuals.values() if v.layer.kind == "buildings")
    out = []
    for actor in visual.actors:
        poly = actor.GetMapper().GetInput()
        if not poly.GetNumberOfPolys():
            continue
        choice = visual._lod._last.get(id(actor)) if visual._lod is not None else None
        drawn = choice[1].GetInput() if choice is not None else poly
        cells = drawn.GetCellData()
        out.append((np.asarray(cells.GetArray("feature")), np.asarray(cells.GetArray("part"))))
    return out


def test_far_buildings_keep_every_roof_and_lose_their_walls_while_moving(town):
    scene, layer, plotter, mirror = town
    mirror.apply_view(FAR)
    still, full = _frame(plotter, mirror)
    mirror.interacting = True
    try:
        moving, less = _frame(plotter, mirror)
        cells = _moving_cells(scene, mirror)
    finally:
        mirror.interacting = False
    assert less.cells < 0.6 * full.cells, (less, full)
    features = np.concatenate([f for f, _ in cells])
    parts = np.concatenate([p for _, p in cells])
    assert set(features[parts == ROOF]) == set(range(N * N))        # no building goes missing
    assert (parts != ROOF).sum() < 0.2 * (parts == ROOF).sum() + 1   # the walls wait
    # the same town at a glance: roofs all over the ground the buildings cover, nowhere else
    built, seen = _off_background(still), _off_background(moving)
    rows, cols = np.nonzero(built)
    box = np.zeros_like(built)
    box[rows.min() - 4:rows.max() + 5, cols.min() - 4:cols.max() + 5] = True
    assert seen.sum() > 0 and not (seen & ~box).any()
    grid = [(a.any(), b.any()) for a, b in zip(_cells(built, rows, cols), _cells(seen, rows, cols))]
    assert sum(b for a, b in grid if a) >= 0.8 * sum(a for a, _ in grid)     # no missing blocks


def _off_background(img: np.ndarray) -> np.ndarray:
    """Pixels unlike their row's usual colour (the sky is a vertical gradient)."""
    return np.abs(img - np.median(img, axis=1, keepdims=True)).max(axis=2) > 25


def _cells(mask, rows, cols, n=6):
    """``mask`` over the box of (rows, cols), cut into n × n cells."""
    r = np.linspace(rows.min(), rows.max() + 1, n + 1).astype(int)
    c = np.linspace(cols.min(), cols.max() + 1, n + 1).astype(int)
    return [mask[r[a]:r[a + 1], c[b]:c[b + 1]] for a in range(n) for b in range(n)]


def test_buildings_out_of_view_are_left_out_and_near_ones_keep_their_walls(town):
    scene, layer, plotter, mirror = town
    mirror.apply_view(STREET)
    _, full = _frame(plotter, mirror)
    mirror.interacting = True
    try:
        _, less = _frame(plotter, mirror)
        cells = _moving_cells(scene, mirror)
    finally:
        mirror.interacting = False
    features = np.concatenate([f for f, _ in cells])
    parts = np.concatenate([p for _, p in cells])
    near = 5                    # column 5, row 0: the building right ahead of the eye (row i + j × N)
    assert (parts[features == near] != ROOF).any()                # its walls are drawn
    behind_right = N - 1 + (N - 1) * N                           # the far corner, out of the view's sides
    assert behind_right not in set(features)
    assert less.cells < full.cells
    # slow moving frames (MotionDetail) keep fewer walls, never fewer roofs
    mirror.interacting = True
    try:
        mirror.motion.detail.level = 0.25
        _, fewer = _frame(plotter, mirror)
        slow = _moving_cells(scene, mirror)
    finally:
        mirror.motion.detail.level = 1.0
        mirror.interacting = False
    slow_parts = np.concatenate([p for _, p in slow])
    assert fewer.cells < less.cells
    assert (slow_parts != ROOF).sum() < (parts != ROOF).sum() and (slow_parts == ROOF).sum() == (parts == ROOF).sum()


def test_the_still_frame_after_motion_is_the_one_before(town):
    scene, layer, plotter, mirror = town
    for view in (FAR, STREET):
        mirror.apply_view(view)
        before, full = _frame(plotter, mirror)
        mirror.interacting = True
        _frame(plotter, mirror)
        _frame(plotter, mirror)                 # the chosen cells reused
        mirror.interacting = False
        after, again = _frame(plotter, mirror)
        assert again == full
        assert np.array_equal(before, after)


def test_a_new_build_drops_the_cells_chosen_for_the_old_one(town):
    scene, layer, plotter, mirror = town
    mirror.apply_view(FAR)
    mirror.interacting = True
    try:
        _frame(plotter, mirror)
        layer.style = layer.style.replace(outlines=not layer.style.outlines)    # the visual builds anew
        _, drawn = _frame(plotter, mirror)
        cells = _moving_cells(scene, mirror)
    finally:
        mirror.interacting = False
        layer.style = layer.style.replace(outlines=not layer.style.outlines)
    features = np.concatenate([f for f, _ in cells])
    parts = np.concatenate([p for _, p in cells])
    assert set(features[parts == ROOF]) == set(range(N * N))
    assert drawn.cells > 0


@pytest.fixture
def cloud(shared):
    scene = Scene()
    scene.add_layer(PointCloudLayer("bat", source=shared / "lidar/pdalign__bat.laz", budget=200_000,
                                    style=PointCloudStyle(eye_dome_lighting=True, point_size=4)))
    apply_results(load_scene_data(scene))
    b = scene.bounds()
    centre = ((b[0] + b[3]) / 2, (b[1] + b[4]) / 2)
    plotter = make_plotter((320, 240))
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(View(position=(centre[0], centre[1] - 1, b[5] + 120), focal_point=(*centre, b[2])))
    yield plotter, mirror
    mirror.close()
    plotter.close()


def test_points_keep_their_size_on_screen_and_skip_the_eye_dome_pass_while_moving(cloud):
    plotter, mirror = cloud
    renderer = plotter.renderer
    seen = []

    def during(*_args):             # after the motion policy's own start of frame
        sizes = [a.GetProperty().GetPointSize() for v in mirror.visuals.values() for a in v.actors]
        seen.append((sizes, renderer.GetPass()))
    tag = renderer.AddObserver("StartEvent", during, -1.0)
    try:
        _frame(plotter, mirror)
        mirror.interacting = True
        _frame(plotter, mirror)
        mirror.interacting = False
        _frame(plotter, mirror)
    finally:
        renderer.RemoveObserver(tag)
    (still, edl), (moving, plain), (after, edl_again) = seen
    assert edl is not None and edl.IsA("vtkEDLShading")
    assert plain is None or not plain.IsA("vtkEDLShading")
    assert edl_again is edl and after == still
    assert max(still) >= 2
    assert moving == [max(1.0, round(s * mirror.motion.scale)) for s in still]


def test_a_clear_fill_is_left_out_while_moving_and_its_outline_kept(tmp_path):
    from twin.core.layers import VectorLayer, VectorStyle
    path = tmp_path / "limits.gpkg"
    gpd.GeoDataFrame({"nom": ["Arras"]}, geometry=[shapely.box(X, Y, X + 500, Y + 500)],
                     crs="EPSG:2154").to_file(path)
    scene = Scene()
    scene.add_layer(VectorLayer("limits", source=path, style=VectorStyle(
        fill_color="#ffffff", fill_opacity=0.0, edge_color="#c0392b", line_width=2.5)))
    apply_results(load_scene_data(scene))
    plotter = make_plotter((320, 240))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(View(position=(X + 250, Y + 249, 900.0), focal_point=(X + 250, Y + 250, 0.0)))
        still, full = _frame(plotter, mirror)
        mirror.interacting = True
        moving, less = _frame(plotter, mirror)
        mirror.interacting = False
    finally:
        mirror.close()
        plotter.close()

    def red(img):
        return (np.abs(img - [0xc0, 0x39, 0x2b]).max(axis=2) < 60).sum()
    assert red(moving) > 0.3 * red(still) > 0          # the limits still show
    assert less.cells < full.cells                     # without the clear fill
