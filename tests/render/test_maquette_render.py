"""Terrain relief and buildings as a maquette, rendered offscreen and checked by their
pixels: slopes shaded by their aspect, the tint over the terrain's range, walls apart
from roofs, tones by use, occlusion at the foot of walls, roofs textured by the ortho."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import rasterio
import shapely
from affine import Affine

from tests.tiles import split
from twin._vtk.offscreen import render_scene
from twin.core.camera import View
from twin.core.layers import BuildingsLayer, BuildingStyle, TerrainLayer, TerrainStyle
from twin.core.scene import Scene
from twin.io.loading import apply_results, load_scene_data

X, Y = 684100.0, 7021500.0
TOP = View(position=(X, Y, 400.0), focal_point=(X, Y, 0.0), view_up=(0.0, 1.0, 0.0), view_angle=30)
RED, BLUE = (200, 40, 40), (40, 60, 200)


def _raster(path, values, pixel: float, crs="EPSG:2154"):
    """A north-up GeoTIFF centred on (X, Y): (H, W) heights or (H, W, 3) colours."""
    bands = values[None] if values.ndim == 2 else np.moveaxis(values, -1, 0)
    h, w = bands.shape[1:]
    transform = Affine(pixel, 0, X - w * pixel / 2, 0, -pixel, Y + h * pixel / 2)
    with rasterio.open(path, "w", driver="GTiff", width=w, height=h, count=len(bands), dtype=bands.dtype,
                       crs=crs, transform=transform) as out:
        out.write(bands)
    return path


def _hill(n=201, height=15.0):
    g = np.arange(n) - n // 2
    gx, gy = np.meshgrid(g, g)
    return (50.0 + height * np.exp(-(gx ** 2 + gy ** 2) / (2 * 25.0 ** 2))).astype(np.float32)


def _load(scene: Scene) -> Scene:
    results = load_scene_data(scene)
    assert all(r.error is None for r in results), [r.error for r in results]
    apply_results(results)
    return scene


def _terrain(source, texture=None, **style) -> Scene:
    scene = Scene()
    scene.add_layer(TerrainLayer("terrain", source=source, texture=texture, style=TerrainStyle(**style)))
    return _load(scene)


def _lum(px) -> float:
    return float(np.asarray(px, float)[..., :3] @ [0.299, 0.587, 0.114])


# -- terrain ----------------------------------------------------------------------------

def test_relief_shades_slopes_by_their_aspect_and_flat_ground_evenly(tmp_path):
    hill = render_scene(_terrain(_raster(tmp_path / "hill.tif", _hill(), 1.0)), None, (240, 240), view=TOP)
    c, d = 120, 25                          # the image is north-up: row 0 north, column 0 west
    north_west, south_east = hill[c - d, c - d], hill[c + d, c + d]
    assert _lum(north_west) > _lum(south_east) + 15, (north_west, south_east)
    flat = render_scene(_terrain(_raster(tmp_path / "flat.tif", np.full((201, 201), 50.0, np.float32), 1.0)),
                        None, (240, 240), view=TOP)
    patch = flat[60:180, 60:180, :3].astype(float)
    assert patch.std(axis=(0, 1)).max() < 2.0
    off = render_scene(_terrain(tmp_path / "hill.tif", relief=False), None, (240, 240), view=TOP)
    lit = _lum(north_west) - _lum(south_east)          # relief off: only the view's lights shade it
    assert lit > _lum(off[c - d, c - d]) - _lum(off[c + d, c + d]) + 10, lit


def test_tint_spans_the_terrains_own_range(tmp_path):
    """A plane rising 8 m toward the east: its slope is the same everywhere, so only the
    tint tells west from east — low ground greener, high ground ochre."""
    ramp = np.tile(np.linspace(60.0, 68.0, 201, dtype=np.float32), (201, 1))
    img = render_scene(_terrain(_raster(tmp_path / "ramp.tif", ramp, 1.0)), None, (240, 240), view=TOP)
    west, east = img[120, 25].astype(int), img[120, 215].astype(int)
    assert (west[1] - west[0]) > (east[1] - east[0]) + 15, (west, east)


def test_tiled_relief_matches_the_single_mesh(tmp_path):
    """Cut into tiles, the same hill is shaded the same: chunks share one relief scale
    and read their neighbours' heights, so no tile edge shows."""
    whole = _raster(tmp_path / "hill.tif", _hill(), 1.0)
    split(whole, tmp_path / "tiles")
    one = render_scene(_terrain(whole), None, (240, 240), view=TOP)[40:200, 40:200, :3].astype(float)
    tiled = render_scene(_terrain(tmp_path / "tiles"), None, (240, 240), view=TOP)[40:200, 40:200, :3].astype(float)
    assert np.abs(one - tiled).mean() < 4, np.abs(one - tiled).mean()
    edge = np.abs(np.diff(tiled.mean(axis=2), axis=1))        # no seam down the tiles' middle
    assert edge[:, 78:82].max() < edge.max() + 1 and edge[:, 78:82].mean() < 3


# -- buildings --------------------------------------------------------------------------

def _buildings(tmp_path, boxes, scene: Scene | None = None, **columns) -> tuple[Scene, BuildingsLayer]:
    frame = gpd.GeoDataFrame({"hauteur": [b[4] for b in boxes], **columns},
                             geometry=[shapely.box(*b[:4]) for b in boxes], crs="EPSG:2154")
    path = tmp_path / f"bati{len(list(tmp_path.glob('bati*')))}.gpkg"
    frame.to_file(path)
    scene = scene or Scene()
    layer = scene.add_layer(BuildingsLayer("bâti", source=path))
    return _load(scene), layer


def test_walls_and_roofs_differ_in_shade_under_the_default_light(tmp_path):
    scene, layer = _buildings(tmp_path, [(X - 20, Y - 20, X + 20, Y + 20, 30.0)])
    view = View(position=(X - 90, Y - 120, 110.0), focal_point=(X, Y, 12.0), view_angle=30)
    img = render_scene(scene, None, (240, 240), view=view)
    roof, wall = img[95, 135], img[150, 120]
    assert abs(_lum(roof) - _lum(wall)) > 12, (roof, wall)


def test_usage_changes_the_tone(tmp_path):
    boxes = [(X - 45, Y - 20, X - 5, Y + 20, 10.0), (X + 5, Y - 20, X + 45, Y + 20, 10.0)]
    scene, layer = _buildings(tmp_path, boxes, usage_1=["Résidentiel", "Industriel"])
    img = render_scene(scene, None, (240, 240), view=TOP).astype(int)
    home, works = img[120, 95], img[120, 145]
    assert np.abs(home - works).max() > 8, (home, works)
    layer.style = layer.style.replace(vary_tones=False)
    img = render_scene(scene, None, (240, 240), view=TOP).astype(int)
    assert np.abs(img[120, 95] - img[120, 145]).max() <= 3


def test_occlusion_darkens_the_foot_of_a_wall(tmp_path):
    scene, layer = _buildings(tmp_path, [(X - 30, Y - 10, X + 30, Y + 10, 20.0)])
    side = View(position=(X, Y - 120, 10.0), focal_point=(X, Y, 10.0), view_angle=30)

    sky = render_scene(Scene(), None, (240, 240), view=side)[:, 120, :3].astype(int)

    def foot_and_top(**style):
        layer.style = layer.style.replace(**style)
        column = render_scene(scene, None, (240, 240), view=side)[:, 120, :3]
        rows = np.flatnonzero(np.abs(column.astype(int) - sky).max(axis=1) > 12)
        return _lum(column[rows.max() - 2]), _lum(column[rows.min() + 2])
    foot, top = foot_and_top()
    assert foot < top - 25, (foot, top)
    foot, top = foot_and_top(occlusion=False)
    assert abs(foot - top) < 8, (foot, top)


def test_outlines_draw_the_roof_edge(tmp_path):
    scene, layer = _buildings(tmp_path, [(X - 30, Y - 30, X + 30, Y + 30, 10.0)])
    near = View(position=(X, Y, 250.0), focal_point=(X, Y, 0.0), view_up=(0.0, 1.0, 0.0), view_angle=30)

    def darkest_on_edge(**style):
        layer.style = layer.style.replace(**style)
        img = render_scene(scene, None, (240, 240), view=near)
        lum = img[..., :3].astype(float) @ [0.299, 0.587, 0.114]
        return lum[60:180, 60:180].min()
    assert darkest_on_edge(outlines=True) < darkest_on_edge(outlines=False) - 20


@pytest.mark.parametrize("tiled", [False, True])
def test_roofs_take_the_orthos_colour_and_walls_keep_their_tone(tmp_path, tiled):
    """An ortho red in the west, blue in the east, under a building across both halves."""
    ortho = np.zeros((240, 240, 3), np.uint8)
    ortho[:, :120], ortho[:, 120:] = RED, BLUE
    dtm = _raster(tmp_path / "dtm.tif", np.full((120, 120), 50.0, np.float32), 1.0)
    image = _raster(tmp_path / "ortho.tif", ortho, 0.5)
    if tiled:
        split(dtm, tmp_path / "mnt")
        split(image, tmp_path / "ortho")
        dtm, image = tmp_path / "mnt", tmp_path / "ortho"
    scene = _terrain(dtm, image)
    scene, layer = _buildings(tmp_path, [(X - 25, Y - 25, X + 25, Y + 25, 15.0)], scene=scene)
    view = View(position=(X, Y, 400.0), focal_point=(X, Y, 0.0), view_up=(0.0, 1.0, 0.0), view_angle=30)
    img = render_scene(scene, None, (240, 240), view=view).astype(int)
    west, east = img[120, 100], img[120, 140]
    assert west[0] > west[2] + 60 and east[2] > east[0] + 60, (west, east)
    oblique = View(position=(X, Y - 160, 110.0), focal_point=(X, Y, 58.0), view_angle=30)
    img = render_scene(scene, None, (240, 240), view=oblique).astype(int)
    wall = img[150, 120]                                          # the south wall: its own tone
    assert np.abs(wall[0] - wall[2]) < 45 and wall.min() > 90, wall
    layer.style = layer.style.replace(roof_ortho=False)
    img = render_scene(scene, None, (240, 240), view=view).astype(int)
    assert abs(img[120, 100][0] - img[120, 140][0]) < 6          # the palette again
    assert BuildingStyle().roof_ortho


def test_roofs_take_the_ortho_when_the_buildings_come_first(tmp_path, monkeypatch):
    """In the app the view exists before the data: listed above the terrain, the
    buildings still find its orthophoto, since the ground's data is handed over first.
    The first frame does not wait for the photo (read in a worker thread): its roofs are
    in their tone, and take the photo once the mirror takes in what was deferred."""
    import threading
    from twin._vtk import maquette
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    drawn = threading.Event()           # the photo is read once the first frame is drawn
    read = maquette.ortho_over
    monkeypatch.setattr(maquette, "ortho_over", lambda *args: drawn.wait(30) and read(*args))
    ortho = np.zeros((240, 240, 3), np.uint8)
    ortho[:, :120], ortho[:, 120:] = RED, BLUE
    frame = gpd.GeoDataFrame({"hauteur": [15.0]}, geometry=[shapely.box(X - 25, Y - 25, X + 25, Y + 25)],
                             crs="EPSG:2154")
    frame.to_file(tmp_path / "bati.gpkg")
    scene = Scene()
    scene.add_layer(BuildingsLayer("bâti", source=tmp_path / "bati.gpkg"))
    scene.add_layer(TerrainLayer("terrain", source=_raster(tmp_path / "dtm.tif", np.full((120, 120), 50.0, np.float32), 1.0),
                                 texture=_raster(tmp_path / "ortho.tif", ortho, 0.5)))
    plotter = make_plotter((240, 240))
    mirror = SceneMirror(scene, plotter)
    try:
        apply_results(load_scene_data(scene))
        mirror.apply_view(View(position=(X, Y, 400.0), focal_point=(X, Y, 0.0), view_up=(0.0, 1.0, 0.0),
                               view_angle=30))
        first = plotter.screenshot(None, return_img=True).astype(int)
        assert mirror.update_deferred()         # still reading
        drawn.set()
        mirror.update_deferred(wait=True)
        assert not mirror.update_deferred()
        plotter.render()
        img = plotter.screenshot(None, return_img=True).astype(int)
    finally:
        mirror.close()
        plotter.close()
    west, east = first[120, 100], first[120, 140]
    assert np.abs(west - east).max() < 6 and abs(west[0] - west[2]) < 45, (west, east)   # the roof's tone
    west, east = img[120, 100], img[120, 140]
    assert west[0] > west[2] + 60 and east[2] > east[0] + 60, (west, east)
