"""The pieces of a ground that is not a tiled terrain (a terrain of one mesh, a flat
ground): a quadtree over its box, cut finer where the eye is close, so that each piece's
texels (``texture_px`` a side) come out about ``target_px`` on screen — the tiles' zoom
levels then follow the view, as they do on a tiled terrain's chunks."""

from __future__ import annotations

import heapq

import numpy as np

from twin.lod.select import ViewFrustum

TARGET_PX = 1.5          # a texel this large on screen is fine
MAX_PIECES = 48          # textures of 256² a view: ~12 MB, a few hundred tiles at most
MAX_LEVEL = 14

Key = tuple[int, int, int]     # (level, column from the west, row from the south)


class PieceTree:
    """A square quadtree over ``box`` (xmin, ymin, xmax, ymax, scene CRS) with the ground
    between heights ``z`` (low, high); pieces off the box are left out."""

    def __init__(self, box, z: tuple[float, float]):
        self.box = tuple(float(v) for v in box)
        self.side = max(self.box[2] - self.box[0], self.box[3] - self.box[1], 1e-6)
        self.z = (float(z[0]), float(z[1]))

    def piece_box(self, key: Key) -> tuple[float, float, float, float]:
        level, i, j = key
        size = self.side / 2 ** level
        x0, y0 = self.box[0] + i * size, self.box[1] + j * size
        return x0, y0, min(x0 + size, self.box[2]), min(y0 + size, self.box[3])

    def children(self, key: Key) -> list[Key]:
        level, i, j = key
        if level >= MAX_LEVEL:
            return []
        size = self.side / 2 ** (level + 1)
        kids = [(level + 1, 2 * i + a, 2 * j + b) for b in (0, 1) for a in (0, 1)]
        return [k for k in kids if self.box[0] + k[1] * size < self.box[2] and self.box[1] + k[2] * size < self.box[3]]

    def bounds(self, keys: list[Key]) -> tuple[np.ndarray, np.ndarray]:
        boxes = np.array([self.piece_box(k) for k in keys])
        lo = np.c_[boxes[:, :2], np.full(len(keys), self.z[0])]
        hi = np.c_[boxes[:, 2:], np.full(len(keys), self.z[1])]
        return lo, hi


def select_pieces(tree: PieceTree, frustum: ViewFrustum | None, texture_px: int,
                  target_px: float = TARGET_PX, max_pieces: int = MAX_PIECES) -> list[Key]:
    """The pieces to texture: they cover the visible ground once, finest near the eye,
    at most ``max_pieces``; the root alone without a view."""
    root = (0, 0, 0)
    if frustum is None:
        return [root]
    eye = np.asarray(frustum.view.position, float)
    ppu = frustum.pixels_per_unit()

    def texel_px(keys: list[Key]) -> np.ndarray:
        lo, hi = tree.bounds(keys)
        distance = np.linalg.norm(np.maximum(np.maximum(lo - eye, eye - hi), 0.0), axis=1)
        texel = np.array([tree.side / 2 ** k[0] / texture_px for k in keys])
        return np.where(distance > 1e-6, texel * ppu / np.maximum(distance, 1e-6), np.inf)

    def visible(keys: list[Key]) -> list[Key]:
        if not keys:
            return []
        lo, hi = tree.bounds(keys)
        seen = frustum.sphere_visible((lo + hi) / 2, np.linalg.norm(hi - lo, axis=1) / 2)
        return [k for k, v in zip(keys, seen) if v]

    cut = {root}
    heap = [(-float(texel_px([root])[0]), root)]
    while heap:
        neg, key = heapq.heappop(heap)
        if -neg <= target_px:
            break
        kids = visible(tree.children(key))
        if not kids or len(cut) - 1 + len(kids) > max_pieces:
            continue
        cut.discard(key)
        cut.update(kids)
        for k, e in zip(kids, texel_px(kids)):
            heapq.heappush(heap, (-float(e), k))
    return sorted(cut)


def parent(key: Key) -> Key | None:
    level, i, j = key
    return None if level == 0 else (level - 1, i // 2, j // 2)
