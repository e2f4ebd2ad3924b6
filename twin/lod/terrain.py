"""A terrain at full resolution near the camera: a quadtree of chunks chosen by
screen-space error within a triangle budget, built in worker threads and cached, like
the point clouds (no Qt, no VTK).

Every chunk has ``quads`` × ``quads`` cells; a level down, four chunks cover its ground
with vertices twice as dense, down to the tiles' own pixels. Chunk ``(level, i, j)``
samples lattice vertices every ``step = 2 ** (depth - level)``, so a chunk's heights are
those of the tiles at its vertices and a coarse level is a subset of the fine ones.
Levels at least as coarse as the in-memory overview (read once when the layer loads)
cost no reading at all; finer ones read a window of the tiles under the chunk. The
orthophoto of the chunk's box is read at ``texture_px`` square through the image's
overviews, so chunks far away read little."""

from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from twin.core.feedback import Feedback
from twin.core.layers.style import hex_to_u8
from twin.geometry.relief import relief_of
from twin.lod.chunks import ChunkMesh, chunk_mesh
from twin.lod.mosaic import ElevationTiles, ImageTiles
from twin.lod.select import ViewFrustum
from twin.lod.stream import worker_pool
from twin.lod.work import BackgroundPieces, megabytes_from_env

QUADS = 64                   # cells per chunk side: 8 k triangles a chunk
TRIANGLES = 300_000          # default budget: ~36 chunks, ~100 ms a frame on llvmpipe
TARGET_PX = 4.0              # vertices this far apart on screen are fine (texels ~1 px)

Key = tuple[int, int, int]   # (level, column, row) of a chunk; (0, 0, 0) is the root


def cache_bytes_from_env() -> int:
    """Chunks kept per layer: ``TWIN_TERRAIN_CACHE_MB`` (default 300 MB)."""
    return max(20_000_000, int(megabytes_from_env("TWIN_TERRAIN_CACHE_MB", 300) * 1e6))


@dataclass
class Overview:
    """The whole terrain sampled every ``step`` lattice vertices, kept in memory."""

    values: np.ndarray    # (len(rows), len(cols)) float32, NaN where no data
    step: int
    cols: np.ndarray      # lattice indices of its columns (the last one included)
    rows: np.ndarray


class ChunkTree:
    """The quadtree's geometry over a lattice: which vertices a chunk has, its box."""

    def __init__(self, tiles: ElevationTiles, overview: Overview, quads: int | None = None):
        self.tiles, self.overview, self.quads = tiles, overview, int(quads or QUADS)
        lat = tiles.lattice
        span = max(lat.width - 1, lat.height - 1, 1)
        self.depth = max(0, math.ceil(math.log2(span / self.quads)))
        self._boxes: dict[Key, tuple | None] = {}
        self._triangles: dict[Key, int] = {}

    def step(self, level: int) -> int:
        return 2 ** (self.depth - level)

    def _indices(self, start: int, step: int, n: int) -> np.ndarray:
        """Vertices every ``step`` from ``start``, the last ones held at the lattice's edge
        (fewer than two: the chunk lies beyond the data)."""
        return np.unique(np.minimum(start + np.arange(self.quads + 1, dtype=np.int64) * step, n - 1))

    def cols(self, key: Key) -> np.ndarray:
        level, i, _ = key
        s = self.step(level)
        return self._indices(i * self.quads * s, s, self.tiles.lattice.width)

    def rows(self, key: Key) -> np.ndarray:
        level, _, j = key
        s = self.step(level)
        return self._indices(j * self.quads * s, s, self.tiles.lattice.height)

    def children(self, key: Key) -> list[Key]:
        level, i, j = key
        if level >= self.depth:
            return []
        kids = [(level + 1, 2 * i + a, 2 * j + b) for b in (0, 1) for a in (0, 1)]
        return [k for k in kids if self.box(k) is not None]

    @staticmethod
    def parent(key: Key) -> Key | None:
        level, i, j = key
        return None if level == 0 else (level - 1, i // 2, j // 2)

    def triangles(self, key: Key) -> int:
        """Kept per chunk: every selection asks it of hundreds of chunks, every frame."""
        count = self._triangles.get(key)
        if count is None:
            count = self._triangles[key] = 2 * max(len(self.cols(key)) - 1, 0) * max(len(self.rows(key)) - 1, 0)
        return count

    def box(self, key: Key) -> tuple | None:
        """(lo, hi) xyz in scene coordinates, heights from the overview; None when the
        chunk holds no data."""
        if key not in self._boxes:
            self._boxes[key] = self._box(key)
        return self._boxes[key]

    def _box(self, key: Key):
        cols, rows = self.cols(key), self.rows(key)
        if len(cols) < 2 or len(rows) < 2:
            return None
        ov = self.overview
        c0 = max(int(np.searchsorted(ov.cols, cols[0], "right")) - 1, 0)
        c1 = int(np.searchsorted(ov.cols, cols[-1], "left")) + 1
        r0 = max(int(np.searchsorted(ov.rows, rows[0], "right")) - 1, 0)
        r1 = int(np.searchsorted(ov.rows, rows[-1], "left")) + 1
        z = ov.values[r0:r1, c0:c1]
        if not np.isfinite(z).any():
            return None
        lat = self.tiles.lattice
        margin = ov.step * max(lat.dx, lat.dy)   # finer heights may stray beyond the overview's
        lo = np.array([lat.xs(cols[0]), lat.ys(rows[-1]), np.nanmin(z) - margin])
        hi = np.array([lat.xs(cols[-1]), lat.ys(rows[0]), np.nanmax(z) + margin])
        return lo, hi

    def outer(self, key: Key) -> tuple[bool, bool, bool, bool]:
        """Which edges (north, south, west, east) lie on the lattice's edge."""
        cols, rows = self.cols(key), self.rows(key)
        lat = self.tiles.lattice
        return rows[0] == 0, rows[-1] == lat.height - 1, cols[0] == 0, cols[-1] == lat.width - 1


def select_chunks(tree: ChunkTree, frustum: ViewFrustum | None, budget: int = TRIANGLES,
                  target_px: float = TARGET_PX) -> list[Key]:
    """The chunks to draw: they cover the visible ground once, finest where the eye is
    closest, within ``budget`` triangles (the root is drawn whatever the budget). With no
    frustum (the first view), the finest level the in-memory overview gives that fits."""
    root = (0, 0, 0)
    if tree.box(root) is None:
        return []
    if frustum is None:
        level, cut = 0, [root]
        while tree.step(level) > tree.overview.step:
            finer = [k for key in cut for k in tree.children(key)]
            if sum(map(tree.triangles, finer)) > budget:
                break
            cut, level = finer, level + 1
        return cut
    res = max(tree.tiles.lattice.dx, tree.tiles.lattice.dy)
    eye = np.asarray(frustum.view.position, float)
    ppu = frustum.pixels_per_unit()

    def error(keys: list[Key]) -> np.ndarray:
        lo = np.array([tree.box(k)[0] for k in keys])
        hi = np.array([tree.box(k)[1] for k in keys])
        distance = np.linalg.norm(np.maximum(np.maximum(lo - eye, eye - hi), 0.0), axis=1)
        spacing = np.array([tree.step(k[0]) * res for k in keys])
        return np.where(distance > 1e-6, spacing * ppu / np.maximum(distance, 1e-6), np.inf)

    def visible(keys: list[Key]) -> list[Key]:
        if not keys:
            return []
        lo = np.array([tree.box(k)[0] for k in keys])
        hi = np.array([tree.box(k)[1] for k in keys])
        seen = frustum.sphere_visible((lo + hi) / 2, np.linalg.norm(hi - lo, axis=1) / 2)
        return [k for k, v in zip(keys, seen) if v]

    if not visible([root]):
        return []
    cut = {root}
    spent = tree.triangles(root)
    heap = [(-float(error([root])[0]), root)]
    while heap:
        neg, key = heapq.heappop(heap)
        if -neg <= target_px:
            break
        kids = visible(tree.children(key))
        if not kids:
            continue
        cost = sum(map(tree.triangles, kids)) - tree.triangles(key)
        if spent + cost > budget:
            continue      # a chunk elsewhere with fewer visible children may still fit
        cut.discard(key)
        cut.update(kids)
        spent += cost
        for k, e in zip(kids, error(kids)):
            heapq.heappush(heap, (-float(e), k))
    return sorted(cut)


class TerrainStream(BackgroundPieces):
    """The chunks a view needs, read and meshed in the background; ``shown`` lists the
    chunks to draw now (a chunk still loading is stood in for by its loaded parent)."""

    def __init__(self, tree: ChunkTree, origin, images: ImageTiles | None = None,
                 fill_color: str = "#c8d1b4", texture_px: int | None = None,
                 cache_bytes: int | None = None):
        self.tree = tree
        self.images = images
        self._origin = np.asarray(origin, float)
        self._fill = hex_to_u8(fill_color)
        self.texture_px = texture_px or _texture_px(tree, images)
        self.cache_bytes = int(cache_bytes or cache_bytes_from_env())
        super().__init__(worker_pool)
        self._cache: OrderedDict[Key, ChunkMesh] = OrderedDict()
        self._bytes = 0
        self.selection: list[Key] = []
        self._needed: set[Key] = set()
        self.shown: list[Key] = []
        z = tree.overview.values
        lo, hi = (float(np.nanmin(z)), float(np.nanmax(z))) if np.isfinite(z).any() else (0.0, 1.0)
        self.clim = (lo, max(hi, lo + 1e-3))      # one colour scale for every chunk
        lat = tree.tiles.lattice                  # one relief shading for every chunk too
        self.relief = relief_of(z, tree.overview.step * max(lat.dx, lat.dy))

    # -- what the view needs ---------------------------------------------------------------
    def request(self, frustum: ViewFrustum | None, budget: int = TRIANGLES,
                target_px: float = TARGET_PX) -> None:
        self.selection = select_chunks(self.tree, frustum, budget, target_px)
        needed = set(self.selection)
        for key in self.selection:       # parents stand in while their children load
            parent = self.tree.parent(key)
            while parent is not None and parent not in needed:
                needed.add(parent)
                parent = self.tree.parent(parent)
        self._needed = needed
        self._want(sorted(needed, key=lambda k: k[0]), self._cache)   # coarse first

    def build(self, key: Key) -> ChunkMesh:
        """Read and mesh one chunk (in a worker thread)."""
        self._stop.check()
        tree, s = self.tree, self.tree.step(key[0])
        cols, rows = tree.cols(key), tree.rows(key)
        lat = tree.tiles.lattice
        ext_c = np.unique(np.clip(np.r_[cols[0] - s, cols, cols[-1] + s], 0, lat.width - 1))
        ext_r = np.unique(np.clip(np.r_[rows[0] - s, rows, rows[-1] + s], 0, lat.height - 1))
        z = self._heights(ext_c, ext_r, s)
        c0, r0 = int(ext_c[0] < cols[0]), int(ext_r[0] < rows[0])
        inner = (slice(r0, r0 + len(rows)), slice(c0, c0 + len(cols)))
        texture = None
        if self.images is not None:
            box = (lat.xs(cols[0]), lat.ys(rows[-1]), lat.xs(cols[-1]), lat.ys(rows[0]))
            rgb, valid = self.images.read(box, self.texture_px, self.texture_px)
            if valid.any():
                rgb[~valid] = self._fill
                texture = rgb
        self._stop.check()
        return chunk_mesh(key, lat.xs(ext_c), lat.ys(ext_r), z, inner, self._origin,
                          tree.outer(key), texture, spacing=s * max(lat.dx, lat.dy),
                          cols=cols, rows=rows, step=s, exaggerate=self.relief.exaggeration)

    _make = build

    def _heights(self, cols: np.ndarray, rows: np.ndarray, step: int) -> np.ndarray:
        ov = self.tree.overview
        if step >= ov.step:       # a subset of the overview: no reading
            ci, ri = np.searchsorted(ov.cols, cols), np.searchsorted(ov.rows, rows)
            if (ci < len(ov.cols)).all() and (ri < len(ov.rows)).all() \
                    and np.array_equal(ov.cols[ci], cols) and np.array_equal(ov.rows[ri], rows):
                return ov.values[np.ix_(ri, ci)]
        return self.tree.tiles.read(cols, rows)

    # -- what arrived ----------------------------------------------------------------------
    def poll(self) -> bool:
        """Take in finished chunks; True when the chunks to draw changed."""
        self._take_finished()
        return self._display() != self.shown

    def _failure(self, key: Key, exc: Exception) -> str:
        return f"terrain chunk {key} could not be built ({type(exc).__name__}: {exc})"

    def _store(self, key: Key, chunk: ChunkMesh) -> None:
        self._cache[key] = chunk
        self._bytes += chunk.nbytes
        for old in list(self._cache):    # least recently used first, never what is needed
            if self._bytes <= self.cache_bytes:
                break
            if old not in self._needed:
                self._bytes -= self._cache.pop(old).nbytes

    def _display(self) -> list[Key]:
        """The selection, where a chunk is not loaded yet its loaded ancestor instead."""
        chosen = set(self.selection)

        def walk(key: Key) -> tuple[list[Key], bool]:
            if key in chosen:
                return ([key], True) if key in self._cache else ([], False)
            parts, complete = [], True
            for kid in self.tree.children(key):
                if kid in self._needed:
                    got, done = walk(kid)
                    parts += got
                    complete &= done
            if complete:
                return parts, True
            return ([key], True) if key in self._cache else (parts, False)
        return sorted(walk((0, 0, 0))[0]) if self.selection else []

    def chunk(self, key: Key) -> ChunkMesh:
        self._cache.move_to_end(key)
        return self._cache[key]

    def stitch(self, key: Key) -> tuple[int, int, int, int]:
        """How many times coarser the shown neighbour is on each side (north, south,
        west, east): 1 when it is as fine or finer (the finer one stitches to this one)."""
        level, i, j = key
        shown = set(self.shown)
        factors = []
        for di, dj in ((0, -1), (0, 1), (-1, 0), (1, 0)):
            ni, nj = i + di, j + dj
            up = next((u for u in range(1, level + 1) if (level - u, ni >> u, nj >> u) in shown), 0)
            factors.append(min(2 ** up, self.tree.quads))
        return tuple(factors)

    def mesh(self, key: Key):
        """The chunk's mesh as shown now, its edges stitched to its coarser neighbours."""
        return self.chunk(key).stitched(self.stitch(key))

    def refresh(self) -> bool:
        """Poll, and when the chunks to draw changed, make them ``shown``."""
        if not self.poll():
            return False
        self.shown = self._display()
        return True

    def triangles_shown(self) -> int:
        return sum(self._cache[k].triangles for k in self.shown if k in self._cache)

    def wait(self, feedback: Feedback | None = None, timeout: float = 600.0) -> None:
        """Block until the current selection is built (offscreen renders, first views)."""
        self._wait_all(self.poll, feedback, timeout, len(self._needed), "Building terrain ({} chunks to go)")


def _texture_px(tree: ChunkTree, images: ImageTiles | None) -> int:
    """Texels per chunk side: the orthophoto's own resolution on the finest chunks
    (a power of two between 64 and 512)."""
    if images is None:
        return 0
    lat = tree.tiles.lattice
    want = tree.quads * max(lat.dx, lat.dy) / images.resolution
    return int(min(max(2 ** math.ceil(math.log2(max(want, 1.0))), 64), 512))
