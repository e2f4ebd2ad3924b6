"""Buildings as a maquette, per vertex of the extruded mesh: tones by use and age,
ambient occlusion at the foot of walls, outlines at roof edges and corners."""

import numpy as np
import pandas as pd
import pytest
import shapely

from twin.geometry.extrude import ROOF, WALL, extrude, footprint_polygons
from twin.geometry.maquette import (USAGE_TONES, age_factors, construction_year, feature_tones,
                                    maquette_colors, outlines, roof_tcoords, usage_factors,
                                    vertex_cells)

WALL_RGB, ROOF_RGB = np.array([244, 237, 224]), np.array([207, 193, 170])


def _mesh(footprints, heights, base=0.0):
    polys, feature = footprint_polygons(np.array(footprints, dtype=object))
    n = len(footprints)
    return extrude(polys, feature, np.full(n, base), base + np.asarray(heights, float), (0.0, 0.0, 0.0))


def test_usage_varies_the_tone_and_unknown_uses_keep_the_style():
    frame = pd.DataFrame({"usage_1": ["Résidentiel", "Industriel", "RÃ©sidentiel", None, "Hangar?",
                                      "Religieux"]})
    walls, roofs = usage_factors(frame)
    assert np.allclose(walls[0], 1) and np.allclose(roofs[0], 1)
    assert not np.allclose(roofs[1], 1)                       # industrial: greyer roofs
    assert np.allclose(walls[2], walls[0])                    # a shapefile's garbled Latin-1 read back
    assert np.allclose(walls[3], 1) and np.allclose(walls[4], 1)
    assert np.allclose(roofs[5], USAGE_TONES["religieux"][1])
    shapefile = pd.DataFrame({"USAGE1": ["Industriel"]})       # BD TOPO shapefile spelling
    assert np.allclose(usage_factors(shapefile)[1][0], USAGE_TONES["industriel"][1])
    w, r = feature_tones(frame, WALL_RGB, ROOF_RGB)
    assert np.abs(r[1] - r[0]).max() > 8                      # visible, but gentle
    assert np.abs(r[1] - r[0]).max() < 40
    w, r = feature_tones(frame, WALL_RGB, ROOF_RGB, vary=False)
    assert (w == WALL_RGB).all() and (r == ROOF_RGB).all()


def test_construction_year_from_dates_strings_and_years():
    dates = pd.DataFrame({"date_d_apparition": pd.to_datetime(["1850-01-01", None, "2012-06-01"])})
    assert np.allclose(construction_year(dates), [1850, np.nan, 2012], equal_nan=True)
    text = pd.DataFrame({"DATE_APP": ["1982-01-01", "", "n/a"]})
    assert np.allclose(construction_year(text), [1982, np.nan, np.nan], equal_nan=True)
    years = pd.DataFrame({"annee_construction": [1930, 0, 2150]})
    assert np.allclose(construction_year(years), [1930, np.nan, np.nan], equal_nan=True)
    assert np.isnan(construction_year(pd.DataFrame({"x": [1]}))).all()
    aged = age_factors(pd.DataFrame({"annee_construction": [1820, 2015, None]}))
    assert aged[0].mean() < aged[1].mean()                    # older: darker
    assert aged[0][0] / aged[0][2] > aged[1][0] / aged[1][2]  # and warmer
    assert np.allclose(aged[2], 1)


def test_walls_darken_toward_the_ground_and_roofs_take_their_tone():
    mesh = _mesh([shapely.box(0, 0, 10, 10)], [12.0])
    walls, roofs = WALL_RGB[None].astype(float), ROOF_RGB[None].astype(float)
    rgb = maquette_colors(mesh, walls, roofs).astype(int)
    owner = vertex_cells(mesh)
    part = mesh.cell_data["part"][owner]
    z = mesh.points[:, 2]
    foot = rgb[(part == WALL) & (z == 0)]
    top = rgb[(part == WALL) & (z == 12)]
    assert (foot < top - 40).all()                            # the foot in the shade of the ground
    assert np.abs(top - WALL_RGB).max() <= 3
    assert np.abs(rgb[part == ROOF] - ROOF_RGB).max() <= 3
    bare = maquette_colors(mesh, walls, roofs, occlude=False).astype(int)
    assert (bare[(part == WALL) & (z == 0)] == WALL_RGB).all()


def test_occlusion_is_measured_from_each_buildings_own_ground():
    mesh = _mesh([shapely.box(0, 0, 10, 10)], [6.0], base=80.0)
    rgb = maquette_colors(mesh, WALL_RGB[None].astype(float), ROOF_RGB[None].astype(float)).astype(int)
    z = mesh.points[:, 2]
    assert (rgb[z == 80.0].sum(axis=1) < rgb[z == 86.0].sum(axis=1).min()).all()


def test_outlines_follow_roof_edges_and_real_corners_only():
    # a square with an extra vertex in the middle of its south side: 5 wall segments,
    # 4 corners (the straight one gets no vertical line)
    square = shapely.Polygon([(0, 0), (5, 0), (10, 0), (10, 10), (0, 10)])
    mesh = _mesh([square, shapely.box(20, 0, 30, 10)], [10.0, 5.0])
    lines = outlines(mesh)
    seg = lines.points.reshape(-1, 2, 3)
    vertical = np.isclose(seg[:, 0, :2], seg[:, 1, :2]).all(axis=1)
    assert (~vertical).sum() == 5 + 4                          # every roof edge
    assert vertical.sum() == 4 + 4
    assert not any(np.allclose(s[0, :2], [5, 0]) for s in seg[vertical])
    assert np.isclose(seg[~vertical][:, :, 2], np.r_[[10.0] * 5, [5.0] * 4][:, None]).all()
    assert set(lines.cell_data["feature"]) == {0, 1}           # picked as their building
    keep = mesh.cell_data["feature"] == 1                      # the first building hidden
    assert len(outlines(mesh, keep).points) == 2 * (4 + 4)


def test_roof_tcoords_place_vertices_in_the_image():
    mesh = _mesh([shapely.box(0, 0, 10, 10)], [5.0])
    uv = roof_tcoords(mesh, (-10.0, 0.0, 10.0, 20.0), (100.0, 0.0, 0.0))
    corner = np.flatnonzero((mesh.points[:, 0] == 0) & (mesh.points[:, 1] == 10))[0]
    assert uv[corner] == pytest.approx([(100 - (-10)) / 20.0, 0.5])


def test_vertex_cells_refuse_a_mesh_that_is_not_extruded():
    from twin.geometry.mesh import Mesh
    mesh = Mesh(points=np.zeros((5, 3), np.float32), faces=np.array([5, 0, 1, 2, 3, 4]),
                cell_data={"feature": np.array([0]), "part": np.array([WALL], np.uint8)})
    with pytest.raises(ValueError, match="not an extruded mesh"):
        vertex_cells(mesh)
