"""Trees found in a canopy-height grid and in vegetation points, scattered in polygons;
water laid flat (model only: no VTK)."""

import numpy as np
import pytest
import shapely

from twin.core.layers import VectorLayer
from twin.core.layers.style import VectorStyle
from twin.geometry.mesh import Mesh, fixed_cells
from twin.geometry.trees import Canopy, detect_trees, scatter_trees
from twin.geometry.water import FLAT_SPREAD, is_water, lay_flat

# (x, y, height, crown radius) in metres, on a 1 m grid of 120 × 100 cells
TOPS = [(20, 20, 12.0, 4.0), (60, 30, 20.0, 6.0), (30, 70, 8.0, 3.0), (95, 75, 25.0, 7.0), (45, 45, 15.0, 5.0),
        (100, 20, 5.0, 2.0)]


def _canopy(tops, shape=(100, 120)):
    yy, xx = np.mgrid[0:shape[0], 0:shape[1]] + 0.5
    chm = np.zeros(shape)
    for x, y, h, r in tops:
        d = np.hypot(xx - x, yy - y)
        chm = np.maximum(chm, np.where(d < r, h * (1 - 0.4 * (d / r) ** 2), 0.0))   # a rounded crown
    return chm


def test_known_tops_and_heights_are_found_on_a_synthetic_canopy():
    trees = detect_trees(_canopy(TOPS), 1.0, (1000.0, 2000.0), ground=np.full((100, 120), 50.0))
    assert len(trees) == len(TOPS)
    found = np.column_stack([trees.x - 1000, trees.y - 2000])
    for x, y, h, r in TOPS:
        i = np.argmin(np.hypot(found[:, 0] - x, found[:, 1] - y))
        assert np.hypot(*(found[i] - (x, y))) <= 1.5
        assert trees.height[i] == pytest.approx(h, abs=0.5)
        assert trees.radius[i] == pytest.approx(r, rel=0.35)
    assert (trees.z == 50.0).all()


def test_touching_crowns_stay_two_trees_and_bushes_are_none():
    chm = _canopy([(30, 30, 15.0, 6.0), (41, 30, 14.0, 6.0)])      # crowns overlapping by a metre
    chm[80:84, 80:84] = 1.5                                         # a hedge, below any tree
    trees = detect_trees(chm, 1.0, (0.0, 0.0))
    assert len(trees) == 2 and np.sort(trees.x) == pytest.approx([30, 41], abs=1.0)
    assert len(detect_trees(np.zeros((10, 10)), 1.0, (0.0, 0.0))) == 0
    assert len(detect_trees(np.full((10, 10), np.nan), 1.0, (0.0, 0.0))) == 0


def test_a_canopy_of_points_measures_heights_above_their_own_ground():
    rng = np.random.default_rng(1)
    gx, gy = rng.uniform(0, 80, 20_000), rng.uniform(0, 80, 20_000)
    ground_z = 100 + 0.05 * gx                                      # a gentle slope
    x, y, z, cls = [gx], [gy], [ground_z], [np.full(len(gx), 2)]
    for cx, cy, h in ((20, 20, 14.0), (60, 50, 9.0)):               # two trees of vegetation points
        r = rng.uniform(0, 4, 3000) ** 0.5 * 2
        a = rng.uniform(0, 2 * np.pi, 3000)
        px, py = cx + r * np.cos(a), cy + r * np.sin(a)
        x.append(px), y.append(py), z.append(100 + 0.05 * px + h - 0.3 * r ** 2), cls.append(np.full(3000, 5))
    x.append(np.full(200, 40.0)), y.append(np.full(200, 70.0)), z.append(np.full(200, 140.0))
    cls.append(np.full(200, 6))                                     # a roof: not a tree
    canopy = Canopy((0.0, 0.0, 80.0, 80.0))
    canopy.add(*(np.concatenate(v) for v in (x, y, z)), np.concatenate(cls).astype(np.uint8))
    trees = canopy.trees()
    assert len(trees) == 2
    order = np.argsort(trees.x)
    assert trees.height[order] == pytest.approx([14.0, 9.0], abs=0.6)
    assert trees.z[order] == pytest.approx([101.0, 103.0], abs=0.6)


def test_scattered_trees_follow_the_density_and_never_move():
    wood = shapely.box(0, 0, 100, 100)                               # one hectare
    park = shapely.Point(300, 50).buffer(30)
    trees = scatter_trees([wood, park], density=150)
    in_wood = shapely.contains_xy(wood, trees.x, trees.y)
    assert in_wood.sum() == 150
    assert (~in_wood).sum() == round(park.area * 150 / 10_000)
    assert shapely.contains_xy(park, trees.x[~in_wood], trees.y[~in_wood]).all()
    again = scatter_trees([park], density=150)
    assert np.array_equal(np.sort(again.x), np.sort(trees.x[~in_wood]))   # the wood does not move the park's
    assert ((trees.height >= 8) & (trees.height <= 18)).all() and len(np.unique(trees.height)) > 100
    assert len(scatter_trees([shapely.box(0, 0, 2, 2), shapely.LineString([(0, 0), (9, 9)]),
                              shapely.Point(1, 1)], density=150)) == 0   # too small; not polygons
    assert len(scatter_trees([], density=150)) == 0


def test_water_is_recognised_and_laid_flat():
    assert is_water(VectorLayer("x", source="BDT.gpkg", layer="surface_hydrographique"))
    assert is_water(VectorLayer("Eau", source="a.geojson")) and is_water(VectorLayer("x", source="plan_d_eau.shp"))
    assert not is_water(VectorLayer("Réseau", source="bureaux.geojson"))
    assert not is_water(VectorLayer("x", source="surface_hydrographique.shp", style=VectorStyle(surface="plain")))
    assert is_water(VectorLayer("parcs", source="p.shp", style=VectorStyle(surface="water")))
    with pytest.raises(ValueError, match="surface must be"):
        VectorStyle(surface="lake")
    # two triangles of a pond (banks 1.2 m apart), one of a river descending 10 m
    z = np.array([10.0, 10.5, 11.2, 10.3, 10.9, 10.1, 20.0, 10.0, 15.0], np.float32)
    fill = Mesh(points=np.column_stack([np.arange(9), np.zeros(9), z]).astype(np.float32), faces=fixed_cells(3, 3),
                cell_data={"feature": np.array([0, 0, 1], np.int32)})
    flat = lay_flat(fill)
    assert (flat.points[:6, 2] == 10.0).all()                       # the pond at its lowest bank
    assert np.array_equal(flat.points[6:, 2], z[6:]) and 10.0 > FLAT_SPREAD   # the river still draped
    assert flat.cell_data["still"].tolist() == [True, True, False]
