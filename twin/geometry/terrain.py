"""A DTM grid → a terrain mesh: one vertex per pixel centre, quads where all four
corners have data (nodata holes stay holes), normals from the grid gradient."""

from __future__ import annotations

import numpy as np

from twin.data import RasterGrid
from twin.geometry.mesh import Mesh


def terrain_mesh(grid: RasterGrid, origin, texture: RasterGrid | None = None) -> Mesh:
    h, w = grid.shape
    xs, ys = grid.cell_centres()
    z = grid.values.astype(np.float64)
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

    dzdy, dzdx = np.gradient(filled, grid.transform.e, grid.transform.a)
    normals = np.dstack([-dzdx, -dzdy, np.ones_like(filled)]).reshape(-1, 3)
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)

    point_data = {"Normals": normals.astype(np.float32),
                  "elevation": np.where(valid, z, np.nan).ravel().astype(np.float32)}
    if texture is not None:
        txmin, tymin, txmax, tymax = texture.bounds
        u = (gx.ravel() + origin[0] - txmin) / (txmax - txmin)
        v = (gy.ravel() + origin[1] - tymin) / (tymax - tymin)
        point_data["tcoords"] = np.column_stack([u, v]).astype(np.float32)
    return Mesh(points=points, faces=faces, point_data=point_data)
