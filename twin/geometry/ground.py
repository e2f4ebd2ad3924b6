"""The scene's ground: elevation sampled from one or more DTMs, vectorised."""

from __future__ import annotations

import numpy as np

from twin.core.data import RasterGrid


class Ground:
    """Samples z at any (x, y) in scene coordinates: the first grid that has a value,
    bilinear between pixel centres; ``fallback`` where no grid covers the point."""

    def __init__(self, grids: list[RasterGrid] | None = None, fallback: float | None = None):
        self.grids = [g for g in (grids or []) if not g.is_image]
        if fallback is None:
            valid = [np.nanmedian(g.values) for g in self.grids]
            fallback = float(valid[0]) if valid else 0.0
        self.fallback = fallback

    @property
    def is_flat(self) -> bool:
        return not self.grids

    @property
    def resolution(self) -> float | None:
        return min((abs(g.transform.a) for g in self.grids), default=None)

    def sample(self, x, y, fill: bool = True) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        z = np.full(x.shape, np.nan)
        for grid in self.grids:
            todo = np.isnan(z)
            if not todo.any():
                break
            z[todo] = _bilinear(grid, x[todo], y[todo])
        if fill:
            z[np.isnan(z)] = self.fallback
        return z


def _bilinear(grid: RasterGrid, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Bilinear at pixel centres; near a nodata hole or the edge, the nearest valid pixel."""
    t = grid.transform
    h, w = grid.shape
    v = grid.values
    col = (x - t.c) / t.a - 0.5
    row = (y - t.f) / t.e - 0.5
    inside = (col >= -0.5) & (col <= w - 0.5) & (row >= -0.5) & (row <= h - 0.5)
    out = np.full(x.shape, np.nan)
    if not inside.any():
        return out
    c, r = np.clip(col[inside], 0, w - 1), np.clip(row[inside], 0, h - 1)
    c0 = np.minimum(np.floor(c).astype(np.int64), max(w - 2, 0))
    r0 = np.minimum(np.floor(r).astype(np.int64), max(h - 2, 0))
    c1, r1 = np.minimum(c0 + 1, w - 1), np.minimum(r0 + 1, h - 1)
    fc, fr = c - c0, r - r0
    z = (v[r0, c0] * (1 - fc) * (1 - fr) + v[r0, c1] * fc * (1 - fr)
         + v[r1, c0] * (1 - fc) * fr + v[r1, c1] * fc * fr)
    hole = np.isnan(z)
    if hole.any():
        z[hole] = v[np.rint(r[hole]).astype(np.int64), np.rint(c[hole]).astype(np.int64)]
    out[inside] = z
    return out
