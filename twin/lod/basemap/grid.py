"""Tile matrices as WMTS describes them (OGC 07-057r7 §6.1): each level a resolution, a
top-left corner and a number of tiles across; an XYZ service is the Web Mercator grid
(Google's, WMTS's ``GoogleMapsCompatible``, IGN's ``PM``) with levels 0 to ``max_zoom``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PIXEL_M = 0.00028                  # the standardised rendering pixel of WMTS's scale denominators
MERCATOR_HALF = 20037508.342789244  # half the Web Mercator world's width, metres


@dataclass(frozen=True)
class TileMatrix:
    id: str
    resolution: float          # grid units per pixel
    left: float                # the matrix's top-left corner
    top: float
    tile_width: int
    tile_height: int
    matrix_width: int
    matrix_height: int
    limits: tuple[int, int, int, int] | None = None    # the layer's tiles: min col, max col, min row, max row

    def has(self, cols: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Which tiles exist: within the matrix and the layer's limits."""
        c0, c1, r0, r1 = self.limits or (0, self.matrix_width - 1, 0, self.matrix_height - 1)
        return (cols >= c0) & (cols <= c1) & (rows >= r0) & (rows <= r1)


@dataclass(frozen=True)
class TileGrid:
    crs: str
    matrices: tuple[TileMatrix, ...]     # coarse first

    def level_for(self, resolution: float) -> int:
        """The coarsest level at least as fine as ``resolution`` (grid units per pixel),
        the finest there is when none is."""
        res = np.array([m.resolution for m in self.matrices])
        fine = np.flatnonzero(res <= resolution * 1.001)
        return int(fine[0]) if len(fine) else len(self.matrices) - 1


def mercator_grid(max_zoom: int = 19, tile_px: int = 256) -> TileGrid:
    """The Web Mercator pyramid of XYZ services (and of WMTS's ``PM`` set)."""
    full = 2 * MERCATOR_HALF
    return TileGrid("EPSG:3857", tuple(
        TileMatrix(str(z), full / tile_px / 2 ** z, -MERCATOR_HALF, MERCATOR_HALF, tile_px, tile_px, 2 ** z, 2 ** z)
        for z in range(max_zoom + 1)))
