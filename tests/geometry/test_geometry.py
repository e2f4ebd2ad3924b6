"""Terrain, drape and LoD1 extrusion on small known shapes."""

import numpy as np
import pandas as pd
import pytest
import shapely
from affine import Affine

from twin.core.data import RasterGrid
from twin.geometry.drape import drape
from twin.geometry.extrude import ROOF, WALL, extrude, footprint_polygons, ground_under
from twin.geometry.ground import Ground
from twin.geometry.heights import resolve_heights
from twin.geometry.mesh import cell_array
from twin.core.layers import HeightRule

ORIGIN = (684000.0, 7021000.0, 0.0)


def _slope_grid():
    # z = 50 + 0.1 * x_local on a 1 m grid from (684000, 7021100) going south/east
    x = np.arange(100) + 0.5
    values = np.tile(50 + 0.1 * x, (100, 1)).astype(np.float32)
    return RasterGrid(values, Affine(1, 0, 684000, 0, -1, 7021100), "EPSG:2154")


def test_cell_array_layout():
    assert cell_array(np.array([3, 2])).tolist() == [3, 0, 1, 2, 2, 3, 4]
    assert cell_array(np.array([2]), np.array([5])).tolist() == [2, 5, 6]


def test_ground_is_bilinear_and_falls_back():
    ground = Ground([_slope_grid()])
    z = ground.sample(np.array([684010.5, 684050.0, 690000.0]), np.array([7021050.0] * 3))
    assert z[0] == pytest.approx(51.05) and z[1] == pytest.approx(55.0)
    assert z[2] == pytest.approx(ground.fallback)
    assert np.isnan(ground.sample(np.array([690000.0]), np.array([7021050.0]), fill=False))[0]


def test_extrude_square_with_hole():
    outer = shapely.box(684010, 7021010, 684030, 7021030)
    poly = outer.difference(shapely.box(684015, 7021015, 684025, 7021025))
    polys, feature = footprint_polygons(np.array([poly]))
    base = ground_under(polys, feature, 1, Ground([_slope_grid()]).sample)
    assert base[0] == pytest.approx(51.0)      # lowest corner: x_local = 10
    mesh = extrude(polys, feature, base, base + 12.0, ORIGIN)
    part = mesh.cell_data["part"]
    assert (part == WALL).sum() == 8           # 4 outer + 4 inner walls
    assert (part[8:] == ROOF).all()
    roofs = mesh.faces[8 * 5:].reshape(-1, 4)[:, 1:]
    p = mesh.points[roofs]
    area = 0.5 * np.abs(np.cross(p[:, 1, :2] - p[:, 0, :2], p[:, 2, :2] - p[:, 0, :2])).sum()
    assert area == pytest.approx(400 - 100, rel=1e-4)
    assert np.allclose(p[:, :, 2], 63.0)
    cross = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
    assert (cross[:, 2] > 0).all()             # roof normals point up
    assert np.allclose(mesh.cell_data["height"], 12.0)


def test_height_rules_in_order_with_bdtopo_aliases():
    frame = pd.DataFrame({"HAUTEUR": [10.0, 0.0, np.nan, np.nan, np.nan],
                          "Z_MAX_TOIT": [np.nan, 70.0, np.nan, np.nan, 20.0],
                          "NB_ETAGES": [np.nan, np.nan, 4, np.nan, np.nan]})
    ground = np.array([50.0, 50.0, 50.0, 50.0, 50.0])
    height, source = resolve_heights(frame, ground, HeightRule())
    assert height.tolist() == [10.0, 20.0, 12.0, 9.0, 9.0]   # roof below ground → default
    assert source.tolist() == [0, 1, 2, 3, 3]


def test_drape_follows_ground_and_keeps_features():
    poly = shapely.box(684010, 7021010, 684060, 7021020)
    line = shapely.LineString([(684000.5, 7021050), (684099.5, 7021050)])
    point = shapely.Point(684050, 7021050)
    d = drape(np.array([poly, line, point]), Ground([_slope_grid()]), ORIGIN, lift=0.5)
    assert set(d.fill.cell_data["feature"]) == {0}
    assert set(d.outline.cell_data["feature"]) == {0, 1}
    # the line is densified, so its points climb the slope with the terrain
    z = d.outline.points[:, 2]
    assert z.max() - z.min() > 9
    assert d.points.points[0, 2] == pytest.approx(55.0 + 0.5)
    assert d.anchors.shape == (3, 3)
