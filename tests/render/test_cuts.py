"""Sections: a section plane and a clipping box cut the maquette on the GPU; measured on
pixels of offscreen renders (two red towers and a slab of points on flat ground)."""

import numpy as np
import pytest

from twin._vtk.cuts import Cuts
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.core.camera import View
from twin.core.layers import BuildingsLayer, PointCloudLayer, TerrainLayer
from twin.core.layers.style import BuildingStyle, PointCloudStyle
from twin.core.scene import Scene
from twin.io.loading import apply_results, load_scene_data

X, Y, GROUND = 684100.0, 7021500.0, 50.0
RED = "#ff0000"


@pytest.fixture
def towers(tmp_path):
    import geopandas as gpd
    import laspy
    import rasterio
    import shapely
    from rasterio.transform import from_origin
    west, east = shapely.box(X - 60, Y - 15, X - 30, Y + 15), shapely.box(X + 30, Y - 15, X + 60, Y + 15)
    gpd.GeoDataFrame({"hauteur": [40.0, 40.0]}, geometry=[west, east], crs="EPSG:2154").to_file(tmp_path / "t.gpkg")
    with rasterio.open(tmp_path / "dtm.tif", "w", driver="GTiff", width=200, height=200, count=1, dtype="float32",
                       crs="EPSG:2154", transform=from_origin(X - 200, Y + 200, 2.0, 2.0)) as dst:
        dst.write(np.full((1, 200, 200), GROUND, np.float32))
    header = laspy.LasHeader(point_format=7, version="1.4")
    header.offsets, header.scales = [X, Y, 0], [0.01, 0.01, 0.01]
    header.add_crs(__import__("pyproj").CRS.from_epsg(2154))
    gx, gy = np.meshgrid(np.arange(X + 20, X + 80, 0.5), np.arange(Y - 80, Y - 40, 0.5))  # south-east of the towers
    las = laspy.LasData(header)
    las.x, las.y, las.z = gx.ravel(), gy.ravel(), np.full(gx.size, GROUND + 10.0)
    las.red, las.green, las.blue = (np.zeros(gx.size, np.uint16), np.full(gx.size, 65535, np.uint16),
                                    np.zeros(gx.size, np.uint16))
    las.write(tmp_path / "slab.las")
    scene = Scene(origin=(X, Y, 0.0))
    scene.add_layer(TerrainLayer("ground", source=tmp_path / "dtm.tif"))
    scene.add_layer(BuildingsLayer("towers", source=tmp_path / "t.gpkg",
                                   style=BuildingStyle(color=RED, roof_color=RED)))
    scene.add_layer(PointCloudLayer("slab", source=tmp_path / "slab.las",
                                    style=PointCloudStyle(color_by="rgb", point_size=4)))
    apply_results(load_scene_data(scene))
    plotter = make_plotter((400, 300))
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(View(position=(X, Y - 220, GROUND + 200.0), focal_point=(X, Y - 20, GROUND), view_angle=40))
    mirror.settle()
    yield mirror, plotter
    mirror.close()
    plotter.close()


def _shot(plotter, path):
    plotter.render()
    return plotter.screenshot(str(path), return_img=True).astype(int)


def _red(img):
    return (img[..., 0] > 60) & (img[..., 0] > 3 * img[..., 1]) & (img[..., 0] > 3 * img[..., 2])


def _green(img):
    return (img[..., 1] > 100) & (img[..., 1] > 2 * img[..., 0]) & (img[..., 1] > 2 * img[..., 2])


def test_a_section_plane_removes_the_half_it_faces_away_from(towers, tmp_path):
    mirror, plotter = towers
    before = _shot(plotter, tmp_path / "before.png")
    half = before.shape[1] // 2
    red_w, red_e = _red(before[:, :half]).sum(), _red(before[:, half:]).sum()
    assert red_w > 800 and red_e > 800 and _green(before[:, half:]).sum() > 800
    cuts = Cuts(mirror)
    cuts.set_plane((X, Y, GROUND), (-1.0, 0.0, 0.0))          # keep the west
    after = _shot(plotter, tmp_path / "plane.png")
    assert _red(after[:, half + 10:]).sum() < 0.01 * red_e       # the east tower is gone
    assert _green(after[:, half + 10:]).sum() < 20               # and the points there
    assert _red(after[:, :half]).sum() > 0.95 * red_w            # the west tower stays
    cuts.nudge(45.0)                                             # 45 m along the normal: through the west tower
    assert cuts.origin[0] == X - 45.0
    cut_west = _red(_shot(plotter, tmp_path / "nudged.png")[:, :half]).sum()
    assert 0.1 * red_w < cut_west < 0.8 * red_w
    cuts.off()
    np.testing.assert_array_equal(_shot(plotter, tmp_path / "off.png"), before)


def test_a_clipping_box_keeps_what_is_inside(towers, tmp_path):
    mirror, plotter = towers
    before = _shot(plotter, tmp_path / "before.png")
    sky = (before == before[0, 0]).all(axis=2).sum()
    cuts = Cuts(mirror)
    cuts.set_box((X - 70, Y - 25, GROUND - 5, X - 20, Y + 25, GROUND + 100))   # the west tower only
    after = _shot(plotter, tmp_path / "box.png")
    half = before.shape[1] // 2
    assert _red(after[:, half:]).sum() < 20 and _red(after[:, :half]).sum() > 0.9 * _red(before[:, :half]).sum()
    assert _green(after).sum() < 20
    assert (after == before[0, 0]).all(axis=2).sum() > sky + 0.3 * after.shape[0] * after.shape[1]   # ground cut away
    cuts.nudge(dx=100.0)                                          # onto the east tower
    moved = _shot(plotter, tmp_path / "box_moved.png")
    assert _red(moved[:, :half]).sum() < 20 and _red(moved[:, half:]).sum() > 800


def test_new_actors_are_cut_too(towers, tmp_path):
    """A layer drawn after the cut was set (a refined node, a restyled layer) is cut at the next frame."""
    mirror, plotter = towers
    cuts = Cuts(mirror)
    cuts.set_plane((X, Y, GROUND), (-1.0, 0.0, 0.0))
    layer = list(mirror.scene.layers.leaves())[1]
    layer.style = BuildingStyle(color=RED, roof_color="#ff0101")      # rebuilt: new actors
    after = _shot(plotter, tmp_path / "restyled.png")
    assert _red(after[:, after.shape[1] // 2 + 10:]).sum() < 20
    with pytest.raises(ValueError, match="non-zero normal"):
        cuts.set_plane((X, Y, 0), (0, 0, 0))
    with pytest.raises(ValueError, match="x0 < x1"):
        cuts.set_box((1, 1, 1, 0, 0, 0))
