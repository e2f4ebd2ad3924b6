"""Node selection by screen-space error: no Qt, no VTK, no files."""

import numpy as np
import pytest

from twin.core.camera import View
from twin.core.data import Hierarchy
from twin.lod import AdaptiveBudget, NodeTable, ViewFrustum, select_nodes
from twin.lod.budget import MotionDetail

SIDE = 1000.0


def quadtree(depth: int, per_node: int = 1000, x0: float = 684000.0, y0: float = 7021000.0) -> Hierarchy:
    """A full quadtree over a 1 km tile, as a COPC octree of 2.5-D data looks."""
    levels, lo, hi, parent = [], [], [], []
    index = {}
    for d in range(depth + 1):
        n = 2 ** d
        size = SIDE / n
        for i in range(n):
            for j in range(n):
                index[(d, i, j)] = len(levels)
                levels.append(d)
                lo.append((x0 + i * size, y0 + j * size, 50.0))
                hi.append((x0 + (i + 1) * size, y0 + (j + 1) * size, 80.0))
                parent.append(index[(d - 1, i // 2, j // 2)] if d else -1)
    level = np.array(levels, np.int32)
    return Hierarchy(level=level, count=np.full(len(level), per_node, np.int64), lo=np.array(lo),
                     hi=np.array(hi), spacing=SIDE / 32 / 2.0 ** level, parent=np.array(parent, np.int64))


@pytest.fixture
def nodes():
    return NodeTable.build([quadtree(5)], ["EPSG:2154"], "EPSG:2154")


def frustum(position, focal, size=(1280, 720)):
    return ViewFrustum(View(position=position, focal_point=focal), *size)


def _check_tree_order(nodes, rows):
    seen = set()
    for r in rows.tolist():
        p = int(nodes.parent[r])
        assert p == -1 or p in seen, "a node was chosen before its parent"
        seen.add(r)


def test_node_table_links_children_and_bounds(nodes):
    assert len(nodes) == sum(4 ** d for d in range(6))
    assert nodes.roots.tolist() == [0]
    assert sorted(nodes.level[nodes.children(0)].tolist()) == [1, 1, 1, 1]
    assert nodes.bounds() == pytest.approx((684000, 7021000, 50, 685000, 7022000, 80))


def test_budget_is_a_ceiling_and_parents_come_first(nodes):
    view = frustum((684500, 7020000, 800), (684500, 7021500, 60))
    for budget in (1_000, 15_500, 100_000, 10 ** 9):
        rows = select_nodes(nodes, view, budget, target_px=0.5)
        assert nodes.count[rows].sum() <= budget
        _check_tree_order(nodes, rows)
    # the root is the coarsest picture there is: shown even past the budget, alone
    assert select_nodes(nodes, view, 10).tolist() == [0]


def test_roots_of_many_tiles_share_the_budget():
    tiles = [quadtree(2, x0=684000 + 1000 * i) for i in range(4)]
    table = NodeTable.build(tiles, ["EPSG:2154"] * 4, "EPSG:2154")
    assert len(table.roots) == 4
    rows = select_nodes(table, None, 2_500)
    assert len(rows) == 2 and (table.parent[rows] == -1).all()
    rows = select_nodes(table, None, 6_000)
    assert (table.parent[rows[:4]] == -1).all() and len(rows) == 6


def test_detail_goes_where_the_camera_looks_close(nodes):
    # low over the south-west corner, looking north-east along the ground
    view = frustum((684050, 7021050, 70), (684300, 7021300, 60))
    rows = select_nodes(nodes, view, 60_000)
    deep = rows[nodes.level[rows] >= 4]
    assert len(deep) > 0
    near = np.linalg.norm(nodes.centre[deep, :2] - (684050, 7021050), axis=1)
    far = np.linalg.norm(nodes.centre[rows[nodes.level[rows] <= 2], :2] - (684050, 7021050), axis=1)
    assert near.mean() < far.mean()
    assert near.max() < 700


def test_nodes_behind_the_camera_are_never_loaded(nodes):
    # standing at the middle of the tile, looking east: the western half is behind
    view = frustum((684500, 7021500, 65), (685000, 7021500, 65))
    rows = select_nodes(nodes, view, 10 ** 9, target_px=0.1)
    west = rows[(nodes.level[rows] >= 2) & (nodes.centre[rows, 0] + nodes.radius[rows] < 684500)]
    assert len(west) == 0 and len(rows) > 50


def test_far_views_stop_refining_at_the_target_error(nodes):
    far = frustum((684500, 6990000, 30000), (684500, 7021500, 60))
    rows = select_nodes(nodes, far, 10 ** 9, target_px=2.0)
    assert nodes.level[rows].max() <= 1


def test_without_a_view_levels_fill_breadth_first(nodes):
    rows = select_nodes(nodes, None, 21_000)
    assert nodes.level[rows].tolist() == [0] + [1] * 4 + [2] * 16


def test_tiles_in_another_crs_are_placed_by_their_corners():
    lyon = quadtree(1, x0=1_848_000, y0=5_170_000)      # CC46 (EPSG:3946)
    table = NodeTable.build([lyon], ["EPSG:3946"], "EPSG:2154")
    x0, y0 = table.bounds()[:2]
    assert x0 == pytest.approx(847_884.5, abs=1.0) and y0 == pytest.approx(6_514_513, abs=1.0)


def test_adaptive_budget_follows_frame_time():
    budget = AdaptiveBudget(target_ms=80, points=1_000_000, minimum=50_000, maximum=5_000_000)
    for _ in range(3):
        budget.record(320.0, 1_000_000)   # 4× too slow
    assert 200_000 <= budget.points <= 500_000
    slow = budget.points
    for _ in range(12):
        budget.record(20.0, budget.points)  # quick and full: grows, step by step
    assert budget.points > slow
    for _ in range(50):
        budget.record(1.0, budget.points)
    assert budget.points == 5_000_000      # never past the ceiling
    budget.record(90.0, 10)                # quick enough and not full: no change
    assert budget.points == 5_000_000


def test_motion_detail_follows_the_moving_frames():
    detail = MotionDetail(target_ms=70)
    assert not detail.record(300.0) and not detail.record(300.0)    # one or two slow frames are not a trend
    assert detail.record(300.0) and 0.55 <= detail.level <= 0.65     # at most 0.6 a step
    for _ in range(30):
        detail.record(300.0)
    assert detail.level == detail.lowest                              # never below the floor
    floor = detail.level
    for _ in range(3):
        detail.record(60.0)                                           # near the target: kept
    assert detail.level == floor
    for _ in range(200):
        detail.record(20.0)                                           # quick: back up, step by step
    assert detail.level == 1.0


def test_sphere_visibility_against_the_frustums_planes():
    """Looking north from the tile's south edge: ahead is seen, behind and far aside not,
    a sphere large enough to reach into the view is."""
    frustum = ViewFrustum(View(position=(684500.0, 7020900.0, 100.0), focal_point=(684500.0, 7021500.0, 60.0)),
                          1280, 720)
    centres = np.array([[684500.0, 7021500.0, 60.0], [684500.0, 7020000.0, 60.0],
                        [690000.0, 7021200.0, 60.0], [684500.0, 7020800.0, 60.0]])
    assert frustum.sphere_visible(centres, np.array([1.0, 1.0, 1.0, 1.0])).tolist() == [True, False, False, False]
    assert frustum.sphere_visible(centres, np.array([1.0, 1.0, 1.0, 200.0])).tolist() == [True, False, False, True]
    assert frustum.sphere_visible(centres[0], 1.0).tolist() == [True]
