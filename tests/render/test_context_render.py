"""Context on screen, by pixels of offscreen renders: green crowns where trees are, water
that reads as water, a sky hazy at the horizon, clouds shaded by eye-dome lighting and
coloured by their own RGB."""

import geopandas as gpd
import laspy
import numpy as np
import pytest
import shapely

from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter, render_scene
from twin._vtk.sky import horizon_height, sky_column
from twin.core.camera import View
from twin.core.layers import PointCloudLayer, PointCloudStyle, TreesLayer, VectorLayer
from twin.core.layers.classes import class_color
from twin.core.layers.style import VectorStyle
from twin.core.scene import Scene
from twin.io.loading import apply_results, load_scene_data

X0, Y0 = 684000.0, 7021000.0
ABOVE = View(position=(X0 + 100, Y0 + 50, 200), focal_point=(X0 + 100, Y0 + 50, 0), view_up=(0, 1, 0))


def _scene(*layers) -> Scene:
    scene = Scene(crs="EPSG:2154", origin=(X0, Y0, 0.0))
    for layer in layers:
        scene.add_layer(layer)
    results = load_scene_data(scene)
    assert [r.error for r in results] == [None] * len(results)
    apply_results(results)
    return scene


def _green(img) -> np.ndarray:
    img = img.astype(int)
    return (img[..., 1] > img[..., 0] + 15) & (img[..., 1] > img[..., 2] + 15)


def test_crowns_are_drawn_green_where_the_trees_are(tmp_path):
    wood = tmp_path / "zone_de_vegetation.geojson"        # a wood on the left half of the view only
    gpd.GeoDataFrame({"nature": ["Bois"]}, geometry=[shapely.box(X0 + 10, Y0 + 10, X0 + 90, Y0 + 90)],
                     crs="EPSG:2154").to_file(wood)
    layer = TreesLayer("arbres", source=wood)
    scene = _scene(layer)
    img = render_scene(scene, tmp_path / "trees.png", (400, 200), ABOVE)
    green = _green(img)
    assert green[:, 40:175].mean() > 0.3 and green[:, 200:].mean() < 0.005     # x 10–90 m of 0–200
    shades = {tuple(p // 12) for p in img[green]}
    assert len(shades) > 5                                 # three greens, lit: not one flat colour
    layer.visible = False
    assert _green(render_scene(scene, None, (400, 200), ABOVE)).mean() < 0.005


def test_water_reads_as_water_and_a_plain_layer_does_not(tmp_path):
    pond = tmp_path / "surface_hydrographique.geojson"
    gpd.GeoDataFrame(geometry=[shapely.Point(X0 + 100, Y0 + 50).buffer(30)], crs="EPSG:2154").to_file(pond)
    water = VectorLayer("Eau", source=pond)
    img = render_scene(_scene(water), tmp_path / "water.png", (400, 200), ABOVE).astype(int)
    r, g, b = img[100, 200]
    assert b > r + 50 and b > g + 15 and b > 150          # blue, light enough to read as water
    plain = VectorLayer("Eau", source=pond, style=VectorStyle(surface="plain"))
    r, g, b = render_scene(_scene(plain), None, (400, 200), ABOVE)[100, 200].astype(int)
    assert not b > r + 50


def test_the_sky_is_hazy_at_the_horizon_and_blue_above():
    column = sky_column(0.5).astype(int)
    top, horizon = column[-1], column[len(column) // 2 + 4]
    assert top[2] - top[0] > 60 and horizon.min() > 225 and column[0].min() > 200
    scene = Scene(crs="EPSG:2154", origin=(X0, Y0, 0.0))
    plotter = make_plotter((200, 200))
    mirror = SceneMirror(scene, plotter)
    try:
        level = View(position=(X0, Y0, 10), focal_point=(X0, Y0 + 100, 10))
        mirror.apply_view(level)
        assert horizon_height(plotter.camera) == pytest.approx(0.5)
        plotter.render()
        img = plotter.screenshot(return_img=True).astype(int)
        palest = int(np.argmax(img[:, 100].sum(axis=1)))
        assert 85 <= palest <= 110 and img[5, 100, 2] - img[5, 100, 0] > 60
        mirror.apply_view(View(position=(X0, Y0, 10), focal_point=(X0, Y0 + 100, -20)))   # looking down
        plotter.render()
        img = plotter.screenshot(return_img=True).astype(int)
        assert int(np.argmax(img[:, 100].sum(axis=1))) < palest - 30          # the band went up
    finally:
        mirror.close()
        plotter.close()


def _las(path, rgb: bool, black: bool = False):
    """A 100 m square of ground points and a 20 m block 10 m above it, 0.5 m apart; red
    where ``rgb``, or with RGB fields left at zero (a file not colourised) where ``black``."""
    g = np.arange(0, 100, 0.5)
    x, y = (v.ravel() for v in np.meshgrid(g, g))
    block = (abs(x - 50) < 10) & (abs(y - 50) < 10)
    las = laspy.create(point_format=3 if rgb or black else 1, file_version="1.2")
    las.header.offsets, las.header.scales = [X0, Y0, 0], [0.01, 0.01, 0.01]
    las.x, las.y, las.z = X0 + x, Y0 + y, np.where(block, 10.0, 0.0)
    las.classification = np.where(block, 6, 2).astype(np.uint8)
    if rgb:
        las.red, las.green, las.blue = (np.full(len(x), v, np.uint16) for v in (60000, 8000, 8000))
    las.write(path)
    return path


def _cloud_image(path, **style):
    layer = PointCloudLayer("nuage", source=path, style=PointCloudStyle(**style))
    return render_scene(_scene(layer), None, (320, 240),
                        View(position=(X0 + 50, Y0 - 60, 90), focal_point=(X0 + 50, Y0 + 50, 0))).astype(int)


def test_eye_dome_lighting_is_on_by_default_and_darkens_edges(tmp_path):
    path = _las(tmp_path / "block.las", rgb=False)
    assert PointCloudStyle().eye_dome_lighting
    shaded, flat = _cloud_image(path), _cloud_image(path, eye_dome_lighting=False)
    cloud = ~np.all(np.abs(flat - flat[2, 2]) < 40, axis=2)         # not the sky
    ratio = (shaded.sum(axis=2) + 1) / (flat.sum(axis=2) + 1)
    # the outline: where the unshaded picture changes colour (roof, ground, sky), widened a pixel
    jump = np.zeros(cloud.shape, bool)
    jump[1:] |= np.abs(np.diff(flat, axis=0)).sum(axis=2) > 60
    jump[:, 1:] |= np.abs(np.diff(flat, axis=1)).sum(axis=2) > 60
    outline = jump | np.roll(jump, 1, axis=0) | np.roll(jump, -1, axis=0) | np.roll(jump, 1, axis=1)
    assert (cloud & outline).sum() > 100 and (cloud & ~outline).sum() > 10_000
    assert ratio[cloud & outline].mean() < 0.75 * ratio[cloud & ~outline].mean()   # edges darker than faces
    assert ratio[cloud & ~outline].mean() > 0.35                                   # faces still read


def test_a_cloud_with_colours_is_shown_in_them_by_default(tmp_path):
    coloured = _cloud_image(_las(tmp_path / "rgb.las", rgb=True), eye_dome_lighting=False)
    plain = _cloud_image(_las(tmp_path / "plain.las", rgb=False), eye_dome_lighting=False)
    red = (coloured[..., 0] > 180) & (coloured[..., 1] < 60)
    assert red.mean() > 0.2
    brown = np.abs(plain - np.array([int(class_color(2)[i:i + 2], 16) for i in (1, 3, 5)])).max(axis=2) < 30
    assert brown.mean() > 0.2 and ((plain[..., 0] > 180) & (plain[..., 1] < 60)).mean() < 0.01
    # IGN tiles not yet colourised carry RGB fields of zeros: classes then, not a black cloud
    black = _cloud_image(_las(tmp_path / "black.las", rgb=False, black=True), eye_dome_lighting=False)
    assert np.array_equal(black, plain)
    forced = _cloud_image(_las(tmp_path / "black.las", rgb=False, black=True), eye_dome_lighting=False,
                          color_by="rgb")
    assert (forced.sum(axis=2) < 30).mean() > 0.2                 # asked for: the zeros as they are


def test_coarse_levels_are_drawn_with_larger_points(synthetic_copc):
    scene = _scene(PointCloudLayer("tile", source=synthetic_copc, budget=60_000))
    layer = scene.layers[0]
    plotter = make_plotter((320, 240))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(View(position=(684500, 7019000, 2500), focal_point=(684500, 7021500, 60)))
        mirror.settle_points()
        far = {a.GetProperty().GetPointSize() for a in mirror.visuals[id(layer)].actors}
        mirror.apply_view(View(position=(684150, 7021150, 95), focal_point=(684260, 7021260, 62)))
        mirror.settle_points()
        near = [a.GetProperty().GetPointSize() for a in mirror.visuals[id(layer)].actors]
        assert max(near) > max(far) and max(near) >= 4 and min(far) == 2
        assert mirror.visuals[id(layer)].points_shown() == len(layer.data.points)
    finally:
        mirror.close()
        plotter.close()


def _wood(tmp_path):
    """A scene with a 200 m × 100 m wood of BD TOPO nature "Bois" (300 trees scattered in it)."""
    wood = tmp_path / "bois.geojson"
    gpd.GeoDataFrame({"nature": ["Bois"]}, geometry=[shapely.box(X0, Y0, X0 + 200, Y0 + 100)],
                     crs="EPSG:2154").to_file(wood)
    scene = _scene(TreesLayer("arbres", source=wood))
    return scene, scene.layers[0]


def test_past_their_budget_the_trees_largest_on_screen_are_drawn(tmp_path, monkeypatch):
    from twin._vtk.trees import TreesVisual
    monkeypatch.setattr(TreesVisual, "BUDGET", 40)
    scene, layer = _wood(tmp_path)
    assert len(layer.data.trees) == 300
    plotter = make_plotter((320, 200))
    mirror = SceneMirror(scene, plotter)
    try:
        def drawn_x():
            visual = mirror.visuals[id(layer)]
            assert visual.trees_shown() == 40
            return layer.data.trees.x[visual._shown] - X0
        mirror.apply_view(View(position=(X0 - 30, Y0 + 50, 20), focal_point=(X0 + 100, Y0 + 50, 0)))
        mirror.update_terrain()
        west = drawn_x()
        mirror.apply_view(View(position=(X0 + 230, Y0 + 50, 20), focal_point=(X0 + 100, Y0 + 50, 0)))
        mirror.update_terrain()
        east = drawn_x()
        assert np.median(west) < 60 and np.median(east) > 140           # the near ones, each time
        plotter.render()
        assert _green(plotter.screenshot(return_img=True)).mean() > 0.05
    finally:
        mirror.close()
        plotter.close()


def test_a_moving_frame_draws_the_largest_crowns_only(tmp_path, monkeypatch):
    from twin._vtk.trees import TreesVisual
    monkeypatch.setattr(TreesVisual, "MOVING", 25)
    scene, layer = _wood(tmp_path)
    plotter = make_plotter((320, 200))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(View(position=(X0 - 30, Y0 + 50, 20), focal_point=(X0 + 100, Y0 + 50, 0)))
        visual = mirror.visuals[id(layer)]
        crowns, trunks = visual.actors
        full = crowns.GetMapper()
        plotter.screenshot(return_img=True)          # a plotter's first frame is drawn by a shot
        still = mirror.motion.drawn
        mirror.interacting = True
        plotter.render()
        moving = mirror.motion.drawn
        mirror.interacting = False
        # 300 crowns and trunks still; 25 crowns moving, and the full drawing back after the frame
        assert moving.cells * 10 < still.cells
        assert crowns.GetMapper() is full and trunks.GetVisibility()
        plotter.render()
        assert mirror.motion.drawn == still
    finally:
        mirror.close()
        plotter.close()
