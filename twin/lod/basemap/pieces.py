"""The pieces of a ground that is not a tiled terrain (a terrain of one mesh, a flat
ground): a quadtree over its box, cut finer where the eye is close, so that each piece's
texels (``texture_px`` a side) come out about ``target_px`` on screen — the tiles' zoom
levels then follow the view, as they do on a tiled terrain's chunks. ``FlatGround`` and
``MeshGround`` give each piece its mesh and the box its picture covers."""

from __future__ import annotations

import heapq

import numpy as np

from twin.geometry.mesh import Mesh
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


class FlatGround:
    """A scene without terrain: level ground at its lowest height, one quad a piece."""

    def __init__(self, box, z: float, origin):
        self.identity = ("flat", tuple(box), z)
        self.tree = PieceTree(box, (z, z))
        self._origin = np.asarray(origin, float)
        self._z = z

    def texture_box(self, key):
        return self.tree.piece_box(key)

    def mesh(self, key) -> Mesh:
        x0, y0, x1, y1 = self.tree.piece_box(key)
        o = self._origin
        z = self._z - o[2]
        points = np.array([[x0 - o[0], y0 - o[1], z], [x1 - o[0], y0 - o[1], z], [x1 - o[0], y1 - o[1], z],
                           [x0 - o[0], y1 - o[1], z]], np.float32)
        return Mesh(points=points, faces=np.array([3, 0, 1, 2, 3, 0, 2, 3], np.int64))


class MeshGround:
    """A terrain of one mesh: each piece is its cells whose centre lies in the piece's box
    (so the pieces tile it exactly and coincide with it), textured over the box grown by
    a cell, so that cells straddling the edge stay inside the picture."""

    def __init__(self, mesh: Mesh, origin):
        self.identity = ("mesh", id(mesh))
        self._mesh = mesh
        self._origin = np.asarray(origin, float)
        faces = mesh.faces
        n = int(faces[0]) if faces is not None and len(faces) else 0
        self._cells = faces.reshape(-1, n + 1)[:, 1:] if n and len(faces) % (n + 1) == 0 \
            and (faces[::n + 1] == n).all() else None
        pts = mesh.points.astype(float)
        lo, hi = pts.min(axis=0) + self._origin, pts.max(axis=0) + self._origin
        self.tree = PieceTree((lo[0], lo[1], hi[0], hi[1]), (lo[2], hi[2]))
        if self._cells is not None:
            corners = pts[self._cells]
            self._centres = corners[..., :2].mean(axis=1) + self._origin[:2]
            self._margin = float(np.ptp(corners[..., :2], axis=1).max())
        self._made: dict = {}

    def texture_box(self, key):
        x0, y0, x1, y1 = self.tree.piece_box(key)
        if self._cells is None:
            return self.tree.box
        m = self._margin
        return x0 - m, y0 - m, x1 + m, y1 + m

    def mesh(self, key) -> Mesh:
        if self._cells is None:          # mixed cells: the whole mesh, one piece
            return self._mesh
        if key not in self._made:
            x0, y0, x1, y1 = self.tree.piece_box(key)
            c = self._centres
            inside = (c[:, 0] >= x0) & (c[:, 0] < x1) & (c[:, 1] >= y0) & (c[:, 1] < y1)
            cells = self._cells[inside]
            used, local = np.unique(cells, return_inverse=True)
            n = cells.shape[1]
            faces = np.hstack([np.full((len(cells), 1), n), local.reshape(-1, n)]).ravel().astype(np.int64)
            self._made[key] = Mesh(points=self._mesh.points[used], faces=faces)
        return self._made[key]
