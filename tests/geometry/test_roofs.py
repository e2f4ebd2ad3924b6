"""Gable and hip roofs of project buildings: heights, ridge direction, a renderable mesh."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from shapely import affinity

from twin.geometry.extrude import ROOF, WALL
from twin.geometry.roofs import building_mesh, roof_rise

ORIGIN = (1000.0, 2000.0, 10.0)


def cells(mesh):
    """(n_cells, k) point ids of a mesh made of quads then triangles."""
    faces, out, i = mesh.faces, [], 0
    while i < len(faces):
        n = int(faces[i])
        out.append(faces[i + 1:i + 1 + n])
        i += n + 1
    return out


def open_edges(mesh) -> list:
    """Edges used by one face only, compared by point position (walls and roofs have their own points)."""
    pts = np.round(mesh.points.astype(float), 4)
    count: dict = {}
    for c in cells(mesh):
        for a, b in zip(c, np.roll(c, -1)):
            key = tuple(sorted((tuple(pts[a]), tuple(pts[b]))))
            if key[0] != key[1]:
                count[key] = count.get(key, 0) + 1
    return [k for k, n in count.items() if n == 1]


def one(footprint, roof, height=12.0, base=50.0, pitch=35.0):
    return building_mesh(np.array([footprint], dtype=object), [base], [height], [roof], pitch, ORIGIN)


@pytest.mark.parametrize("roof", ["gable", "hip"])
def test_top_is_base_plus_height_and_ridge_along_the_long_side(roof):
    fp = shapely.box(1000, 2000, 1020, 2010)                      # 20 m along x, 10 m along y
    mesh = one(fp, roof)
    z = mesh.points[:, 2] + ORIGIN[2]
    assert z.max() == pytest.approx(62.0) and z.min() == pytest.approx(50.0)
    ridge = mesh.points[np.isclose(z, 62.0)]
    assert np.allclose(ridge[:, 1], 5.0)                          # mid-width: the ridge runs along x
    span = ridge[:, 0].max() - ridge[:, 0].min()
    assert span == pytest.approx(20.0 if roof == "gable" else 10.0)   # a hip stops half a width from each end
    eaves = 62.0 - math.tan(math.radians(35.0)) * 5.0
    wall_top = np.unique(np.round(z[np.isin(np.arange(len(z)), np.concatenate(
        [c for c, p in zip(cells(mesh), mesh.cell_data["part"]) if p == WALL and len(c) == 4]))], 3))
    assert list(wall_top) == [50.0, round(eaves, 3)]


def test_rotated_footprint_keeps_the_ridge_on_its_long_side():
    fp = affinity.rotate(shapely.box(1000, 2000, 1020, 2008), 30, origin=(1000, 2000))
    mesh = one(fp, "gable", height=10.0)
    z = mesh.points[:, 2]
    ridge = mesh.points[np.isclose(z, z.max())][:, :2].astype(float)
    d = ridge.max(axis=0) - ridge.min(axis=0)
    assert math.degrees(math.atan2(d[1], d[0])) == pytest.approx(30.0, abs=0.01)
    assert np.hypot(*d) == pytest.approx(20.0, abs=1e-3)
    assert roof_rise(np.array([fp]), 45.0)[0] == pytest.approx(4.0)


def test_parts_and_building_index_per_cell():
    fps = np.array([shapely.box(0, 0, 20, 10), shapely.box(30, 0, 40, 20), shapely.box(50, 0, 60, 10)], dtype=object)
    mesh = building_mesh(fps, [0, 0, 0], [12, 12, 9], ["gable", "hip", "flat"], 35.0, (0, 0, 0))
    feature, part = mesh.cell_data["feature"], mesh.cell_data["part"]
    assert len(feature) == len(part) == len(cells(mesh)) == len(mesh.cell_data["height"])
    # 4 walls each; gable: 4 roof triangles + 2 gable walls; hip: 6 roof triangles; flat: 2 roof triangles
    assert [int(((feature == k) & (part == WALL)).sum()) for k in range(3)] == [6, 4, 4]
    assert [int(((feature == k) & (part == ROOF)).sum()) for k in range(3)] == [4, 6, 2]
    assert set(mesh.cell_data["height"][feature == 2]) == {9.0}


@pytest.mark.parametrize("roof", ["flat", "gable", "hip"])
def test_closed_but_for_the_floor_and_facing_out(roof):
    fp = shapely.box(0, 0, 20, 10)
    mesh = one(fp, roof)
    edges = open_edges(mesh)
    assert len(edges) == 4 and all(a[2] == b[2] == 40.0 for a, b in edges)   # only the floor (z 50 − origin 10)
    pts = mesh.points.astype(float)
    centre = pts.mean(axis=0)
    for c in cells(mesh):                                         # every face's normal points away from the inside
        p = pts[c[:3]]
        normal = np.cross(p[1] - p[0], p[2] - p[0])
        if np.linalg.norm(normal) > 1e-9:
            assert np.dot(normal, pts[c].mean(axis=0) - centre) > 0


def test_non_rectangular_footprint_gets_the_rectangle_roof():
    ell = shapely.Polygon([(0, 0), (20, 0), (20, 10), (10, 10), (10, 6), (0, 6)])
    mesh = one(ell, "hip", height=12.0, base=0.0)
    walls = [c for c, p in zip(cells(mesh), mesh.cell_data["part"]) if p == WALL]
    assert len(walls) == 6                                        # the walls follow the L
    roof_xy = mesh.points[np.concatenate([c for c, p in zip(cells(mesh), mesh.cell_data["part"]) if p == ROOF])]
    assert roof_xy[:, 0].min() == pytest.approx(-1000.0) and roof_xy[:, 1].max() == pytest.approx(-1990.0)
