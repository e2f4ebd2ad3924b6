"""The scene's orthophoto over a box, at a size that fits in memory: what roofs are
textured with (``twin._vtk.maquette``).

A terrain drapes either one image (read whole with the layer) or a tile set read through
its overviews (``twin.lod.mosaic.ImageTiles``); either way the box comes back as one
north-up RGB picture of at most ``MAX_PX`` a side, never finer than the image itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.core.layers import TerrainLayer
from twin.core.layers.style import hex_to_u8
from twin.core.scene import Scene

MAX_PX = 2048


@dataclass(frozen=True)
class Ortho:
    rgb: np.ndarray                           # (H, W, 3) uint8, row 0 north
    box: tuple[float, float, float, float]    # what it covers (xmin, ymin, xmax, ymax)


def ortho_source(scene: Scene | None):
    """The first terrain's drape: a RasterGrid image, ImageTiles, or None."""
    if scene is None:
        return None
    for layer in scene.layers.leaves():
        if not isinstance(layer, TerrainLayer) or layer.data is None or layer.style.color_by == "elevation":
            continue
        stream = getattr(layer.data, "stream", None)
        if stream is not None and stream.images is not None:
            return stream.images
        if getattr(layer.data, "texture", None) is not None:
            return layer.data.texture
    return None


def ortho_over(scene: Scene | None, box: tuple[float, float, float, float], fill: str = "#c9bfae",
               max_px: int = MAX_PX) -> Ortho | None:
    """The scene's orthophoto over ``box`` (None without one, or where it covers nothing
    of the box); pixels it lacks take ``fill``."""
    source = ortho_source(scene)
    if source is None:
        return None
    xmin, ymin, xmax, ymax = box
    ox0, oy0, ox1, oy1 = source.bounds
    if xmax <= ox0 or xmin >= ox1 or ymax <= oy0 or ymin >= oy1 or xmax <= xmin or ymax <= ymin:
        return None
    if hasattr(source, "read"):                       # tiles, through their overviews
        px = max((xmax - xmin) / max_px, (ymax - ymin) / max_px, source.resolution)
        w, h = max(int(np.ceil((xmax - xmin) / px)), 1), max(int(np.ceil((ymax - ymin) / px)), 1)
        rgb, valid = source.read(box, w, h)
        if not valid.any():
            return None
        rgb[~valid] = hex_to_u8(fill)
        return Ortho(rgb, box)
    return _crop(source, box, max_px)


def _crop(grid, box, max_px: int) -> Ortho | None:
    """The pixels of one north-up image under ``box``, every k-th one when they are too
    many."""
    t = grid.transform
    h, w = grid.shape
    xmin, ymin, xmax, ymax = box
    c0, c1 = sorted(((xmin - t.c) / t.a, (xmax - t.c) / t.a))
    r0, r1 = sorted(((ymax - t.f) / t.e, (ymin - t.f) / t.e))
    c0, r0 = max(int(np.floor(c0)), 0), max(int(np.floor(r0)), 0)
    c1, r1 = min(int(np.ceil(c1)), w), min(int(np.ceil(r1)), h)
    if c1 <= c0 or r1 <= r0:
        return None
    k = max(1, int(np.ceil(max(c1 - c0, r1 - r0) / max_px)))
    rgb = np.ascontiguousarray(grid.values[r0:r1:k, c0:c1:k, :3], dtype=np.uint8)
    x0, x1 = t.c + t.a * c0, t.c + t.a * (c0 + rgb.shape[1] * k)
    y0, y1 = t.f + t.e * r0, t.f + t.e * (r0 + rgb.shape[0] * k)
    return Ortho(rgb, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
