"""Line of sight and viewshed against similar triangles on synthetic surfaces."""

import numpy as np
import pytest
import shapely

from twin.core.errors import TwinError
from twin.analysis.sunhours import surface_grid
from twin.analysis.viewshed import compare_views, line_of_sight, viewshed

BOUNDS = (-100.0, -100.0, 100.0, 100.0)     # 1 m cells, flat ground at 0


def surface(boxes=(), bounds=BOUNDS, resolution=1.0):
    feet = [shapely.box(*b[:4]) for b in boxes]
    return surface_grid(bounds, resolution, feet, np.zeros(len(feet)), [b[4] for b in boxes], ground=0.0)


def centres(grid):
    xs, ys = grid.cell_centres()
    return np.meshgrid(xs, ys)


def test_flat_ground_is_seen_everywhere_within_the_radius():
    grid = viewshed(surface(), (0.3, 0.2), radius=60.0)
    x, y = centres(grid)
    d = np.hypot(x - 0.3, y - 0.2)
    assert grid.values.dtype == np.uint8
    assert grid.values[d <= 59.5].all()
    assert not grid.values[d > 60.5].any()


def test_every_cell_of_a_tilted_plane_is_seen_from_above_it():
    # a 2 % slope falling eastward, 0.5 m cells: each cell a few cm below the last
    from rasterio.transform import from_origin
    from twin.core.data import RasterGrid
    xs = -100.0 + 0.5 * (np.arange(400) + 0.5)
    dtm = RasterGrid(np.tile(-0.02 * xs, (400, 1)).astype(np.float32), from_origin(-100.0, 100.0, 0.5, 0.5),
                     "EPSG:2154")
    s = surface_grid(BOUNDS, 0.5, [], [], [], ground=dtm)
    grid = viewshed(s, (0.1, 0.1), radius=90.0)
    x, y = centres(grid)
    assert grid.values[np.hypot(x - 0.1, y - 0.1) <= 89.5].all()


def test_a_wall_hides_the_ground_behind_it_as_far_as_similar_triangles_say():
    # eye 10 m up at x = 0, a 5 m wall from x = 20 to 21 running north-south: the sight
    # line over its far top edge meets the ground at 21 × 10 / (10 − 5) = 42 m, whatever
    # the ray's bearing
    s = surface([(20.0, -60.0, 21.0, 60.0, 5.0)])
    grid = viewshed(s, (0.0, 0.0, 10.0), radius=90.0)
    x, y = centres(grid)
    near = (np.abs(y) < 30) & (np.hypot(x, y) < 89)
    assert not grid.values[near & (x > 22) & (x < 41)].any()
    assert grid.values[near & (x > 43)].all()
    assert grid.values[near & (x < 19)].all()            # in front of the wall
    assert grid.values[near & (x > 20) & (x < 21)].all()  # its top


def test_an_eye_on_a_tower_sees_over_a_lower_wall():
    tower = (-1.0, -1.0, 1.0, 1.0, 30.0)      # a 2 m pillar: its roof's edge hides little
    wall = (20.0, -60.0, 21.0, 60.0, 10.0)
    on_ground = viewshed(surface([wall]), (0.2, 0.2), radius=90.0)
    on_tower = viewshed(surface([tower, wall]), (0.2, 0.2), radius=90.0)    # stands on its roof
    x, y = centres(on_ground)
    behind = (np.abs(y) < 10) & (x > 40) & (x < 80)
    assert not on_ground.values[behind].any()
    assert on_tower.values[behind].all()
    # from the roof (31.6 m) over the 10 m wall: ground seen again at 21 × 31.6 / 21.6 ≈ 30.7 m
    assert not on_tower.values[(np.abs(y) < 10) & (x > 22) & (x < 29.5)].any()


def test_a_new_building_in_a_variant_hides_what_is_behind_it():
    base = viewshed(surface(), (0.0, 0.0), radius=80.0)
    variant = viewshed(surface([(30.0, -5.0, 40.0, 5.0, 20.0)]), (0.0, 0.0), radius=80.0)
    change = compare_views(base, variant)
    x, y = centres(base)
    behind = (x > 42) & (x < 75) & (np.abs(y) < 4 * x / 40)        # inside the building's shadow cone
    assert change.hidden.values[behind].all()
    assert not change.hidden.values[x < 29].any()
    assert change.revealed_m2 == 0.0
    assert change.hidden_m2 == pytest.approx(change.hidden.values.sum() * 1.0)
    assert change.hidden_m2 > 33 * 8                       # at least the cone's narrow end
    # and removing it reveals the same cells
    back = compare_views(variant, base)
    assert back.revealed_m2 == change.hidden_m2 and back.hidden_m2 == 0.0


def test_coarser_cells_give_areas_in_square_metres():
    s = surface([(30.0, -5.0, 40.0, 5.0, 20.0)], resolution=2.0)
    change = compare_views(viewshed(surface(resolution=2.0), (0.0, 0.0), 80.0), viewshed(s, (0.0, 0.0), 80.0))
    assert change.hidden_m2 == pytest.approx(4.0 * change.hidden.values.sum())


def test_line_of_sight_over_and_into_a_wall():
    s = surface([(20.0, -60.0, 21.0, 60.0, 5.0)])
    blocked = line_of_sight(s, (0.0, 0.0, 10.0), (30.0, 0.0, 0.0))
    assert not blocked.visible
    ox, oy, oz = blocked.obstruction
    assert 20.0 <= ox <= 21.0 and oz == pytest.approx(5.0)
    assert blocked.distance[0] == 0.0 and blocked.distance[-1] == pytest.approx(30.0)
    assert blocked.sight_z[0] == pytest.approx(10.0) and blocked.sight_z[-1] == pytest.approx(0.0)
    seen = line_of_sight(s, (0.0, 0.0, 10.0), (50.0, 0.0, 0.0))
    assert seen.visible and seen.obstruction is None
    # a point on the wall's face is seen although its cell is the wall's
    face = line_of_sight(s, (0.0, 0.0), (20.1, 0.0, 2.0))
    assert face.visible
    # (x, y) eyes stand on the ground with eyes 1.6 m up
    assert line_of_sight(s, (0.0, 0.0), (10.0, 0.0)).eye[2] == pytest.approx(1.6)


def test_viewshed_and_line_of_sight_agree():
    s = surface([(20.0, -60.0, 21.0, 60.0, 5.0), (-40.0, 10.0, -30.0, 30.0, 12.0)])
    grid = viewshed(s, (0.0, 0.0, 10.0), radius=70.0)
    x, y = centres(grid)
    for tx, ty in [(35.5, 0.5), (50.5, 10.5), (-45.5, 25.5), (-20.5, 20.5), (10.5, -30.5)]:
        r, c = int(np.argmin(np.abs(y[:, 0] - ty))), int(np.argmin(np.abs(x[0] - tx)))
        los = line_of_sight(s, (0.0, 0.0, 10.0), (tx, ty, 0.0))
        assert bool(grid.values[r, c]) == los.visible, (tx, ty)


@pytest.mark.parametrize("eye", [(150.0, 0.0), (0.0, -100.5), (np.nan, 0.0)])
def test_an_eye_outside_the_grid_is_refused(eye):
    with pytest.raises(TwinError, match="outside the surface grid"):
        viewshed(surface(), eye, radius=10.0)
    with pytest.raises(TwinError, match="outside the surface grid"):
        line_of_sight(surface(), eye, (0.0, 0.0, 0.0))


@pytest.mark.parametrize("radius", [-5.0, 0.0, np.nan, np.inf])
def test_a_bad_radius_is_refused(radius):
    with pytest.raises(TwinError, match="radius"):
        viewshed(surface(), (0.0, 0.0), radius=radius)


def test_a_viewshed_too_large_for_memory_is_refused_before_any_work():
    with pytest.raises(TwinError, match="too large.*radius under 1414 m"):
        viewshed(surface(), (0.0, 0.0), radius=5000.0)


def test_bad_heights_and_points_are_refused():
    with pytest.raises(TwinError, match="eye height"):
        viewshed(surface(), (0.0, 0.0), 10.0, eye_height=-1.0)
    with pytest.raises(TwinError, match=r"\(x, y\) or \(x, y, z\)"):
        viewshed(surface(), (0.0,), 10.0)
    with pytest.raises(TwinError, match="same cells"):
        compare_views(viewshed(surface(), (0.0, 0.0), 10.0),
                      viewshed(surface(bounds=(-50.0, -50.0, 50.0, 50.0)), (0.0, 0.0), 10.0))


def test_an_eye_near_the_edge_sees_only_inside_the_grid():
    grid = viewshed(surface(), (95.0, 95.0), radius=50.0)
    x, y = centres(grid)
    d = np.hypot(x - 95.0, y - 95.0)
    assert grid.values[d <= 49.5].all()
    assert not grid.values[d > 50.5].any()
