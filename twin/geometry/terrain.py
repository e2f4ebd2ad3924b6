"""A DTM grid → a terrain mesh: one vertex per pixel centre, quads where all four
corners have data (nodata holes stay holes), normals and the relief's hillshade
(``twin.geometry.relief``) from the grid gradient.

The mesh keeps at most ``max_quads`` cells (every k-th pixel): on Mesa llvmpipe a
500 k-quad terrain alone costs ~160 ms a frame at 720p. The full-resolution grid still
serves for sampling heights (draping, building bases)."""

from __future__ import annotations

import numpy as np

from twin.core.data import RasterGrid
from twin.geometry.mesh import Mesh
from twin.geometry.relief import exaggeration, hillshade


MAX_QUADS = 150_000


def terrain_mesh(grid: RasterGrid, origin, texture: RasterGrid | None = None,
                 max_quads: int = MAX_QUADS) -> Mesh:
    xs, ys = grid.cell_centres()
    z = grid.values.astype(np.float64)
    step = max(1, int(np.ceil(np.sqrt(z.size / max_quads))))
    if step > 1:  # keep the last row/column so the terrain reaches the grid's edge
        rows = np.unique(np.r_[np.arange(0, z.shape[0], step), z.shape[0] - 1])
        cols = np.unique(np.r_[np.arange(0, z.shape[1], step), z.shape[1] - 1])
        z, xs, ys = z[np.ix_(rows, cols)], xs[cols], ys[rows]
    h, w = z.shape
    valid = np.isfinite(z)
    filled = np.where(valid, z, np.nanmean(z) if valid.any() else 0.0)  # unreferenced hole vertices
    gx, gy = np.meshgrid(xs - origin[0], ys - origin[1])
    points = np.column_stack([gx.ravel(), gy.ravel(), (filled - origin[2]).ravel()]).astype(np.float32)

    quad_ok = valid[:-1, :-1] & valid[:-1, 1:] & valid[1:, 1:] & valid[1:, :-1]
    r, c = np.nonzero(quad_ok)
    i00 = r * w + c
    # counter-clockwise seen from above: rows go south as r grows (north-up grid)
    quads = np.column_stack([i00 + w, i00 + w + 1, i00 + 1, i00])
    faces = np.hstack([np.full((len(quads), 1), 4), quads]).ravel().astype(np.int64)

    dzdy, dzdx = np.gradient(filled, ys, xs)
    normals = np.dstack([-dzdx, -dzdy, np.ones_like(filled)]).reshape(-1, 3)
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)

    point_data = {"Normals": normals.astype(np.float32),
                  "elevation": np.where(valid, z, np.nan).ravel().astype(np.float32),
                  "hillshade": hillshade(dzdx, dzdy, exaggeration(dzdx[valid], dzdy[valid])).ravel()}
    if texture is not None:
        txmin, tymin, txmax, tymax = texture.bounds
        u = (gx.ravel() + origin[0] - txmin) / (txmax - txmin)
        v = (gy.ravel() + origin[1] - tymin) / (tymax - tymin)
        point_data["tcoords"] = np.column_stack([u, v]).astype(np.float32)
    return Mesh(points=points, faces=faces, point_data=point_data)
