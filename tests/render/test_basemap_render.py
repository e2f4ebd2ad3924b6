"""Basemaps rendered offscreen and checked by their pixels: the local server's orthophoto
tiles on the terrain's chunks with IGN's credit in the corner, the same picture from the
cache once the server is down, and a plan on a flat ground where there is no terrain."""

from __future__ import annotations

import numpy as np
import pytest

from tests import wmts_server as w
from tests.tiles import DTM, split
from twin._vtk.offscreen import render_scene
from twin.core.camera import View
from twin.core.layers import BasemapLayer, BuildingsLayer, TerrainLayer
from twin.core.scene import Scene
from twin.io.loading import apply_results, load_scene_data

CX, CY = 770575.0, 6277575.0
VIEW = View(position=(CX - 40, CY - 60, 90.0), focal_point=(CX, CY, 20.0), view_angle=40)
SIZE = (640, 400)


@pytest.fixture
def server(shared, monkeypatch, tmp_path):
    with w.serving(monkeypatch, tmp_path / "cache") as s:
        yield s


def _scene(*layers) -> Scene:
    scene = Scene()
    for layer in layers:
        scene.add_layer(layer)
    results = load_scene_data(scene)
    assert all(r.error is None for r in results), [r.error for r in results]
    apply_results(results)
    return scene


def _roofs(img: np.ndarray) -> float:
    """Share of the picture as red as the ortho's tiled roofs."""
    r, g, b = (img[..., i].astype(int) for i in range(3))
    return float(((r > g + 40) & (r > b + 50)).mean())


def test_the_orthophoto_tiles_drape_the_terrain_and_survive_the_server(server, shared, tmp_path):
    split(shared / DTM, tmp_path / "mnt")
    bare = render_scene(_scene(TerrainLayer("t", source=tmp_path / "mnt")), None, size=SIZE, view=VIEW)
    w.Tiles.max_age = 0                          # every tile stale at once: offline must still use them
    scene = _scene(TerrainLayer("t", source=tmp_path / "mnt"), BasemapLayer("photo", preset="ortho-ign"))
    img = render_scene(scene, tmp_path / "online.png", size=SIZE, view=VIEW)
    assert _roofs(bare) < 0.001 and _roofs(img) > 0.03           # the ortho's roofs on the ground
    assert server.tiles_served() > 0
    corner = img[-14:, -120:, :3].astype(int).sum(axis=-1)
    assert (corner < 450).sum() > 20 and not (bare[-14:, -120:, :3].astype(int).sum(axis=-1) < 450).any()   # « © IGN »
    server.down()
    offline = render_scene(scene, tmp_path / "offline.png", size=SIZE, view=VIEW)
    ground = slice(0, SIZE[1] - 20)
    assert np.abs(offline[ground].astype(int) - img[ground]).max() <= 2

    def credit_width(picture) -> int:            # dark text in the bottom strip, from the right edge
        dark = (picture[-14:, :, :3].astype(int).sum(axis=-1) < 450).any(axis=0)
        return SIZE[0] - int(np.flatnonzero(dark)[0]) if dark.any() else 0
    assert credit_width(offline) > credit_width(img) + 40         # « … (offline: tiles from the cache) »


def test_without_terrain_the_plan_lies_on_a_flat_ground(server, shared, tmp_path):
    from tests.wmts_server import DEMO
    scene = _scene(BuildingsLayer("b", source=DEMO / "batiment.gpkg", visible=False),
                   BasemapLayer("plan", preset="plan-ign", opacity=1.0))
    x0, y0, z0, x1, y1, _ = scene.bounds()
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    top = View(position=(cx, cy - 1, z0 + 900), focal_point=(cx, cy, z0), view_angle=40)
    img = render_scene(scene, tmp_path / "plan.png", size=SIZE, view=top)
    centre = img[100:300, 200:440, :3].reshape(-1, 3).astype(int)
    cream = (np.abs(centre - w.GROUND).sum(axis=1) < 90).mean()
    brick = (np.abs(centre - w.BUILDING).sum(axis=1) < 90).mean()
    assert cream > 0.2 and brick > 0.05


def test_buildings_stand_in_front_of_the_basemap_far_away_too(server, shared, tmp_path):
    """The basemap lies on the terrain with a small depth offset: it never shows through
    the walls in front of it, however far and grazing (a slope-scaled offset did)."""
    from tests.wmts_server import DEMO
    far = View(position=(684420.0, 7020760.0, 560.0), focal_point=(684080.0, 7021470.0, 60.0), view_angle=30)

    def picture(*extra):
        scene = _scene(TerrainLayer("t", source=DEMO / "dtm.tif"), *extra)
        return render_scene(scene, None, size=SIZE, view=far, furniture=False).astype(int)

    bare = picture()
    built = picture(BuildingsLayer("b", source=DEMO / "batiment.gpkg"))
    draped = picture(BuildingsLayer("b", source=DEMO / "batiment.gpkg"), BasemapLayer("plan", preset="plan-ign"))
    from scipy.ndimage import binary_erosion
    walls = np.abs(built - bare).sum(axis=-1) > 30                  # where buildings hide the ground
    walls = binary_erosion(walls, iterations=2)                       # their edges blend with the ground
    walls[-20:] = False                                               # the credit's strip
    assert walls.mean() > 0.2
    same = np.abs(draped - built).sum(axis=-1)[walls] <= 12
    assert same.mean() > 0.65          # the plan's strokes show at the walls' feet; a slope-scaled offset: 0.50


def test_the_basemap_follows_the_view_with_its_terrain_hidden(server, shared, tmp_path):
    """A plan over a hidden terrain: the terrain's chunks still refine for the view, and
    the basemap's pieces with them (they stayed on the last chunks shown)."""
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    split(shared / DTM, tmp_path / "mnt")
    terrain = TerrainLayer("t", source=tmp_path / "mnt", visible=False)
    scene = _scene(terrain, BasemapLayer("photo", preset="ortho-ign"))
    stream = terrain.data.stream
    plotter = make_plotter(SIZE)
    mirror = SceneMirror(scene, plotter)
    try:
        far = View(position=(CX - 400, CY - 600, 900.0), focal_point=(CX, CY, 20.0), view_angle=40)
        shown = []
        for view in (far, VIEW):
            mirror.apply_view(view)
            mirror.settle()
            shown.append(set(stream.shown))
        assert shown[1] != shown[0]
        assert max(level for level, _, _ in shown[1]) > max(level for level, _, _ in shown[0])   # finer up close
        assert not any(actor.GetVisibility() for actor in mirror.visuals[id(terrain)].actors)   # still hidden
    finally:
        mirror.close()
        plotter.close()
