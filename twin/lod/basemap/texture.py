"""A ground box's picture from a tile service: the tiles of the level whose resolution
matches the texture's texels, resampled (nearest tile pixel of each texel centre, the
texel centres reprojected with pyproj) into a north-up square in the scene's CRS. Where
a tile is missing (offline, not cached) the best coarser level the cache holds fills in,
so a picture is never holed while a coarser one exists."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.core.crs import transform_xy
from twin.lod.basemap.http import Unreachable
from twin.lod.basemap.sources import TileSource

MAX_TILES = 64          # per texture: beyond, a coarser level (a box seen edge-on)
FALLBACK_LEVELS = 8     # coarser levels looked for in the cache
SAMPLES = 17            # texel centres reprojected along each side; the others interpolated


@dataclass
class Texture:
    rgba: np.ndarray       # (px, px, 4) uint8, row 0 north; alpha 0 where nothing covers
    level: int             # the level asked for
    complete: bool         # every tile of that level was had (False: offline, filled in)


def texel_centres(box, px: int, scene_crs: str, grid_crs: str) -> tuple[np.ndarray, np.ndarray]:
    """The (px, px) texel centres of ``box`` (scene CRS) in the grid's CRS: ``SAMPLES`` ²
    of them reprojected by pyproj, the rest interpolated between (the maps between
    projected CRSs bend far less than a texel across a piece)."""
    xmin, ymin, xmax, ymax = box
    n = min(SAMPLES, px)
    at = np.linspace(0.5, px - 0.5, n)                    # texel positions sampled
    gx, gy = np.meshgrid(xmin + at * (xmax - xmin) / px, ymax - at * (ymax - ymin) / px)
    tx, ty = transform_xy(gx.ravel(), gy.ravel(), scene_crs, grid_crs)
    weights = _linear(at, np.arange(px) + 0.5)            # (px, n): one row of interpolation a texel
    return (weights @ np.asarray(tx).reshape(n, n) @ weights.T,
            weights @ np.asarray(ty).reshape(n, n) @ weights.T)


def _linear(knots: np.ndarray, points: np.ndarray) -> np.ndarray:
    """The matrix that interpolates values at ``knots`` linearly to ``points``."""
    i = np.clip(np.searchsorted(knots, points) - 1, 0, len(knots) - 2)
    t = (points - knots[i]) / (knots[i + 1] - knots[i])
    w = np.zeros((len(points), len(knots)))
    rows = np.arange(len(points))
    w[rows, i], w[rows, i + 1] = 1 - t, t
    return w


def texture_for(source: TileSource, box, px: int, scene_crs: str, offline: bool = False,
                on_unreachable=lambda: None) -> Texture:
    """The picture of ``box``; ``offline``: from the caches only. ``on_unreachable`` is
    told when the service does not answer (the stream then stays offline a while)."""
    gx, gy = texel_centres(box, px, scene_crs, source.grid.crs)
    span = max(float(np.ptp(gx)), float(np.ptp(gy))) * px / max(px - 1, 1)
    level = source.grid.level_for(span / px)
    while level > 0 and _count(source, level, gx, gy) > MAX_TILES:
        level -= 1
    rgba = np.zeros((px, px, 4), np.uint8)
    complete = True
    tiles = {}
    for col, row in _tiles(source, level, gx, gy):
        try:
            tiles[col, row] = source.tile(level, col, row, offline)
        except Unreachable:
            complete, offline = False, True
            on_unreachable()
            tiles[col, row] = source.cached(level, col, row)
    _paint(rgba, source, level, gx, gy, tiles)
    for coarser in range(level - 1, max(level - 1 - FALLBACK_LEVELS, -1), -1):
        if rgba[..., 3].all() or complete:
            break
        holes = rgba[..., 3] == 0
        found = {t: source.cached(coarser, *t) for t in _tiles(source, coarser, gx[holes], gy[holes])}
        _paint(rgba, source, coarser, gx, gy, found)
    return Texture(rgba, level, complete)


def _pixel(source: TileSource, level: int, gx, gy):
    m = source.grid.matrices[level]
    u = np.floor((gx - m.left) / m.resolution).astype(np.int64)
    v = np.floor((m.top - gy) / m.resolution).astype(np.int64)
    return m, u, v


def _tiles(source: TileSource, level: int, gx, gy) -> list[tuple[int, int]]:
    if not np.size(gx):
        return []
    m, u, v = _pixel(source, level, gx, gy)
    cols, rows = u // m.tile_width, v // m.tile_height
    ok = m.has(cols, rows)
    index = np.unique(cols[ok] * m.matrix_height + rows[ok])
    return [(int(i // m.matrix_height), int(i % m.matrix_height)) for i in index]


def _count(source: TileSource, level: int, gx, gy) -> int:
    return len(_tiles(source, level, gx[::8, ::8], gy[::8, ::8]))


def _paint(rgba: np.ndarray, source: TileSource, level: int, gx, gy, tiles: dict) -> None:
    """Texels still empty take the pixel of their tile at ``level`` (tiles: (col, row) →
    RGBA or None)."""
    m, u, v = _pixel(source, level, gx, gy)
    cols, rows = u // m.tile_width, v // m.tile_height
    empty = rgba[..., 3] == 0
    for (col, row), tile in tiles.items():
        if tile is None:
            continue
        here = empty & (cols == col) & (rows == row)
        if not here.any():
            continue
        tu = np.clip(u[here] - col * m.tile_width, 0, tile.shape[1] - 1)
        tv = np.clip(v[here] - row * m.tile_height, 0, tile.shape[0] - 1)
        rgba[here] = tile[tv, tu]     # transparent tile pixels stay holes for coarser levels
