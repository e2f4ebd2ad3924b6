"""Relief shading from a height grid: hillshade by slope and aspect, the height tint's
stretch, and chunks that agree with the whole grid at their shared edges."""

import numpy as np
import pytest
from affine import Affine

from twin.core.data import RasterGrid
from twin.geometry.relief import (MAX_EXAGGERATION, Relief, exaggeration, grid_gradient, hillshade,
                                  hillshade_from_normals, relief_colors, relief_of, stretch)
from twin.geometry.terrain import terrain_mesh
from twin.lod.chunks import chunk_mesh


def _hill(n=41, spacing=2.0, height=10.0):
    """A round hill on flat ground, north-up rows, ``spacing`` metres apart."""
    xs = np.arange(n) * spacing
    ys = xs[::-1].copy()
    gx, gy = np.meshgrid(xs, ys)
    c = xs[n // 2]
    z = 50.0 + height * np.exp(-((gx - c) ** 2 + (gy - c) ** 2) / (2 * (n * spacing / 8) ** 2))
    return xs, ys, z


def test_gradient_signs_follow_east_and_north():
    east = np.tile(np.arange(5.0), (4, 1))                 # rises toward the east
    north = np.tile(np.arange(4.0)[::-1, None], (1, 5))   # row 0 is north: rises toward the north
    gx, gy = grid_gradient(east, 1.0, 1.0)
    assert np.allclose(gx, 1.0) and np.allclose(gy, 0.0)
    gx, gy = grid_gradient(north * 2, 1.0, 2.0)
    assert np.allclose(gx, 0.0) and np.allclose(gy, 1.0)


def test_flat_ground_is_lit_evenly_and_slopes_by_their_aspect():
    assert np.allclose(hillshade(np.zeros(10), np.zeros(10)), 1.0)
    # ground descending toward the north-west faces the light; toward the south-east, away
    facing = hillshade(np.array([0.2]), np.array([-0.2]))[0]
    away = hillshade(np.array([-0.2]), np.array([0.2]))[0]
    across = hillshade(np.array([0.2]), np.array([0.2]))[0]   # facing south-west: in between
    assert facing > 1.05 and away < 0.8 and away < across < facing
    # steeper away from the light is darker; exaggeration deepens the same slope
    assert hillshade(np.array([-0.5]), np.array([0.5]))[0] < away
    assert hillshade(np.array([-0.2]), np.array([0.2]), 3.0)[0] < away


def test_hillshade_from_normals_matches_the_gradient():
    dzdx, dzdy = np.array([0.3, -0.1, 0.0]), np.array([0.05, 0.4, 0.0])
    normals = np.column_stack([-dzdx, -dzdy, np.ones(3)])
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    assert np.allclose(hillshade_from_normals(normals, 2.0), hillshade(dzdx, dzdy, 2.0), atol=1e-5)


def test_exaggeration_brings_gentle_relief_out_and_leaves_steep_relief():
    gentle = np.full(100, 0.02)
    assert exaggeration(gentle, np.zeros(100)) == MAX_EXAGGERATION
    assert exaggeration(np.full(100, 1.0), np.zeros(100)) == 1.0
    assert exaggeration(np.zeros(100), np.zeros(100)) == 1.0        # flat: nothing to bring out
    assert 1.0 < exaggeration(np.full(100, 0.1), np.zeros(100)) < MAX_EXAGGERATION


def test_tint_spans_the_terrains_own_range():
    z = np.r_[np.linspace(60.0, 70.0, 98), 5.0, 500.0]     # a quarry and a spike among 10 m of relief
    low, high = stretch(z)
    assert 59 < low < 61 and 69 < high < 71
    relief = Relief(1.0, low, high)
    shade = np.ones(3)
    rgb = relief_colors(np.array([low, (low + high) / 2, high]), shade, relief, np.array([200, 209, 180]))
    assert np.abs(rgb[0].astype(int) - rgb[2]).max() > 20        # low and high ground differ
    assert rgb[0][1] >= rgb[0][0]                                # low ground greener
    assert rgb[2][0] > rgb[2][2] + 20                            # high ground ochre
    dark = relief_colors(np.array([low]), np.array([0.6]), relief, np.array([200, 209, 180]))
    assert (dark[0] < rgb[0]).all()                              # shade darkens
    nan = relief_colors(np.array([np.nan]), np.array([np.nan]), relief, np.array([200, 209, 180]))
    assert nan.shape == (1, 3)


def test_terrain_mesh_bakes_the_hillshade_of_its_grid():
    xs, ys, z = _hill()
    grid = RasterGrid(z.astype(np.float32), Affine(2.0, 0, -1.0, 0, -2.0, ys[0] + 1.0), "EPSG:2154")
    mesh = terrain_mesh(grid, (0.0, 0.0, 0.0))
    shade = mesh.point_data["hillshade"].reshape(z.shape)
    top, n = z.shape[0] // 2, z.shape[0]
    assert shade[top, top] == pytest.approx(1.0, abs=0.02)       # the summit is flat
    assert shade[n // 4, n // 4] > 1.03                          # north-west flank, lit
    assert shade[3 * n // 4, 3 * n // 4] < 0.97                  # south-east flank, in shade
    flat = RasterGrid(np.full((20, 20), 55.0, np.float32), grid.transform, "EPSG:2154")
    assert np.allclose(terrain_mesh(flat, (0, 0, 0)).point_data["hillshade"], 1.0)


def test_neighbouring_chunks_agree_on_their_shared_edge():
    """Each chunk reads one vertex beyond its edge: the shade at the shared column is
    the whole grid's, not clamped at the chunk's edge."""
    xs, ys, z = _hill()
    relief = relief_of(z, 2.0)
    whole = hillshade(*grid_gradient(z, 2.0, 2.0), relief.exaggeration)
    rows = slice(0, z.shape[0])
    outer = (True, True, True, True)

    def chunk(c0, c1):        # columns c0..c1 inclusive, one more each side where there is one
        e0, e1 = max(c0 - 1, 0), min(c1 + 1, z.shape[1] - 1)
        inner = (rows, slice(c0 - e0, c0 - e0 + c1 - c0 + 1))
        m = chunk_mesh((1, 0, 0), xs[e0:e1 + 1], ys, z[:, e0:e1 + 1], inner, (0, 0, 0), outer,
                       exaggerate=relief.exaggeration)
        return m.mesh.point_data["hillshade"].reshape(z.shape[0], c1 - c0 + 1)
    left, right = chunk(0, 20), chunk(20, 40)
    assert np.allclose(left[:, -1], right[:, 0], atol=1e-5)
    assert np.allclose(left[1:-1, -1], whole[1:-1, 20], atol=1e-4)
    assert left[:, -1].std() > 0.05                               # the edge crosses the hill
