"""Trees as (position, height, crown radius): found in LiDAR vegetation points, or
scattered in vegetation polygons where there is no LiDAR (no Qt, no VTK).

From LiDAR: a canopy-height grid (highest vegetation point per cell minus the ground
there), smoothed a little so one crown makes one peak; tree tops are its local maxima,
looked for in a window that widens with the height (tall trees have wide crowns, and a
fixed small window splits them); each canopy cell then goes to the nearest top of its
patch of canopy, and a crown's radius comes from the area of its cells. Everything is a grid operation
(numpy, scipy.ndimage): no Python loop over points or trees.

From polygons: a deterministic scatter, ``density`` trees per hectare, each polygon's
trees drawn from a hash of its own position, so adding a polygon never moves the trees
of another."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

VEGETATION = (3, 4, 5)          # ASPRS low, medium, high vegetation
GROUND = 2
CELL = 1.0                      # m: canopy grid
MIN_HEIGHT = 3.0                # m: lower vegetation is bushes and hedges, no tree
MAX_HEIGHT = 60.0               # m: taller "trees" are strays (birds, wires, noise)
SMOOTH = 1.0                    # m: the canopy's smoothing (gaussian sigma)
MAX_CELLS = 1 << 24             # a canopy grid larger than this is made coarser
# window sides (cells) in which a top must be the highest, by the height it reaches
WINDOWS = ((0.0, 3), (8.0, 5), (15.0, 7), (25.0, 9))
DENSITY = 150.0                 # trees per hectare in a vegetation polygon (a park, a wood)


@dataclass
class Trees:
    """One row per tree, in the scene CRS: ``z`` is the ground at its foot."""

    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    height: np.ndarray
    radius: np.ndarray             # of the crown, m

    def __len__(self) -> int:
        return len(self.x)

    @classmethod
    def empty(cls) -> "Trees":
        e = np.empty(0)
        return cls(e, e.copy(), e.copy(), e.copy(), e.copy())

    @classmethod
    def concat(cls, parts: list["Trees"]) -> "Trees":
        if not parts:
            return cls.empty()
        return cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in
                     ("x", "y", "z", "height", "radius")))

    @property
    def bounds(self) -> tuple | None:
        """(x0, y0, x1, y1) reached by the crowns; None without trees."""
        if not len(self):
            return None
        return (float((self.x - self.radius).min()), float((self.y - self.radius).min()),
                float((self.x + self.radius).max()), float((self.y + self.radius).max()))


class Canopy:
    """Highest vegetation and lowest ground per cell over a box, filled batch by batch
    (tiles are read in pieces)."""

    def __init__(self, box: tuple[float, float, float, float], cell: float = CELL):
        x0, y0, x1, y1 = box
        cell = max(cell, float(np.sqrt((x1 - x0) * (y1 - y0) / MAX_CELLS)))
        self.x0, self.y0, self.cell, self.box = x0, y0, cell, box
        self.shape = (max(1, int(np.ceil((y1 - y0) / cell))), max(1, int(np.ceil((x1 - x0) / cell))))
        self.top = np.full(self.shape, -np.inf)
        self.ground = np.full(self.shape, np.inf)

    def add(self, x: np.ndarray, y: np.ndarray, z: np.ndarray, classification: np.ndarray) -> None:
        row = ((np.asarray(y) - self.y0) / self.cell).astype(np.int64)
        col = ((np.asarray(x) - self.x0) / self.cell).astype(np.int64)
        inside = (row >= 0) & (row < self.shape[0]) & (col >= 0) & (col < self.shape[1])
        flat = row * self.shape[1] + col
        veg = inside & np.isin(classification, VEGETATION)
        np.maximum.at(self.top.ravel(), flat[veg], z[veg])
        ground = inside & (classification == GROUND)
        np.minimum.at(self.ground.ravel(), flat[ground], z[ground])

    def centres(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.x0 + (cols + 0.5) * self.cell, self.y0 + (rows + 0.5) * self.cell

    def ground_filled(self, dtm=None) -> np.ndarray:
        """The ground of every cell: the DTM's where ``dtm`` (x, y → z, NaN outside) has a
        value, else the nearest cell with ground points (under a wood there are few)."""
        from scipy import ndimage
        ground = np.where(np.isfinite(self.ground), self.ground, np.nan)
        if dtm is not None:
            rows, cols = np.indices(self.shape)
            x, y = self.centres(rows.ravel(), cols.ravel())
            measured = np.asarray(dtm(x, y), float).reshape(self.shape)
            ground = np.where(np.isfinite(measured), measured, ground)
        missing = ~np.isfinite(ground)
        if missing.all():     # no ground at all: the lowest vegetation stands on it
            low = self.top[np.isfinite(self.top)]
            return np.full(self.shape, float(low.min()) if len(low) else 0.0)
        if missing.any():
            _, (r, c) = ndimage.distance_transform_edt(missing, return_indices=True)
            ground = ground[r, c]
        return ground

    def trees(self, dtm=None) -> Trees:
        ground = self.ground_filled(dtm)
        chm = np.where(np.isfinite(self.top), self.top - ground, 0.0)
        trees = detect_trees(chm, self.cell, (self.x0, self.y0), ground)
        trees.x = np.clip(trees.x, self.box[0], self.box[2])     # the last cells reach past the data
        trees.y = np.clip(trees.y, self.box[1], self.box[3])
        return trees


def detect_trees(chm: np.ndarray, cell: float, corner: tuple[float, float],
                 ground: np.ndarray | None = None) -> Trees:
    """Trees of a canopy-height grid (row 0 at ``corner``'s y, growing north; metres
    above the ground, 0 where there is no vegetation)."""
    from scipy import ndimage
    chm = np.where(np.isfinite(chm) & (chm <= MAX_HEIGHT), chm, 0.0)
    canopy = chm >= MIN_HEIGHT
    if not canopy.any():
        return Trees.empty()
    # the canopy's upper envelope (a cell's few points rarely include its highest leaf),
    # smoothed so that one crown makes one peak
    envelope = ndimage.maximum_filter(np.where(canopy, chm, 0.0), size=3)
    smooth = np.where(canopy, ndimage.gaussian_filter(envelope, sigma=max(0.5, SMOOTH / cell)), 0.0)
    tops = np.zeros(chm.shape, bool)
    bounds = [h for h, _ in WINDOWS[1:]] + [np.inf]
    for (low, side), high in zip(WINDOWS, bounds):
        cells = max(3, int(round(side / cell)) | 1)
        band = canopy & (smooth >= low) & (smooth < high)
        tops |= band & (smooth >= ndimage.maximum_filter(smooth, size=cells, mode="constant"))
    # a flat-topped crown has several equal maxima side by side: one top per touching group
    groups, n = ndimage.label(tops, structure=np.ones((3, 3)))
    if n == 0:
        return Trees.empty()
    index = np.arange(1, n + 1)
    flat = np.flatnonzero(groups)                     # the highest cell of each group
    order = np.lexsort((-smooth.ravel()[flat], groups.ravel()[flat]))
    first = order[np.r_[True, np.diff(groups.ravel()[flat][order]) != 0]]
    rows, cols = np.divmod(flat[first], chm.shape[1])
    # each canopy cell goes to its nearest top within the same patch of canopy
    markers = np.zeros(chm.shape, np.int32)
    markers[rows, cols] = index
    _, (near_r, near_c) = ndimage.distance_transform_edt(markers == 0, return_indices=True)
    patches, _ = ndimage.label(canopy, structure=np.ones((3, 3)))
    crowns = np.where(canopy & (patches == patches[near_r, near_c]), markers[near_r, near_c], 0)
    area = np.bincount(crowns.ravel(), minlength=n + 1)[1:] * cell * cell
    height = np.zeros(n + 1)
    np.maximum.at(height, crowns[canopy], chm[canopy])
    height = height[1:]
    radius = np.clip(np.sqrt(area / np.pi), 0.8, np.maximum(0.8, 0.6 * height))
    x = corner[0] + (cols + 0.5) * cell
    y = corner[1] + (rows + 0.5) * cell
    z = ground[rows, cols] if ground is not None else np.zeros(n)
    keep = height >= MIN_HEIGHT
    return Trees(x[keep], y[keep], np.asarray(z, float)[keep], height[keep], radius[keep])


# -- scattered in polygons ----------------------------------------------------------------------

def _hash01(keys: np.ndarray) -> np.ndarray:
    """splitmix64 of uint64 keys, as floats in [0, 1): a random stream that is a pure
    function of its keys."""
    z = keys.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def scatter_trees(geoms, density: float = DENSITY, heights: tuple[float, float] = (8.0, 18.0),
                  ground=None) -> Trees:
    """Trees inside polygons (scene CRS), ``density`` per hectare (rounded per polygon, at
    least one in a polygon of a tree's size), heights spread over ``heights``; ``ground``
    (x, y → z) gives their foot. Deterministic: the same polygons give the same trees."""
    geoms = np.asarray(geoms, dtype=object)
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6)) & ~shapely.is_empty(geoms)
    geoms = geoms[polygonal]
    if not len(geoms) or density <= 0:
        return Trees.empty()
    area = shapely.area(geoms)
    wanted = np.floor(area * density / 10_000 + 0.5).astype(np.int64)
    wanted = np.where((wanted == 0) & (area >= 25.0), 1, wanted)
    box = shapely.bounds(geoms)
    fill = area / np.maximum((box[:, 2] - box[:, 0]) * (box[:, 3] - box[:, 1]), 1e-9)
    tries = np.ceil(wanted / np.maximum(fill, 0.02) * 1.5 + 4 * (wanted > 0)).astype(np.int64)
    owner = np.repeat(np.arange(len(geoms)), tries)
    k = np.arange(len(owner)) - np.repeat(np.cumsum(tries) - tries, tries)
    seed = (np.round(box[:, 0]).astype(np.int64) * 73_856_093) ^ (np.round(box[:, 1]).astype(np.int64) * 19_349_663)
    key = (seed[owner].astype(np.uint64) * np.uint64(1_000_003)) + (k.astype(np.uint64) << np.uint64(2))
    u, v, w = _hash01(key), _hash01(key + np.uint64(1)), _hash01(key + np.uint64(2))
    x = box[owner, 0] + u * (box[owner, 2] - box[owner, 0])
    y = box[owner, 1] + v * (box[owner, 3] - box[owner, 1])
    inside = shapely.contains_xy(geoms[owner], x, y)
    # the first ``wanted`` candidates inside each polygon
    rank = np.cumsum(inside) - 1
    first = np.r_[0, np.cumsum(inside)[np.cumsum(tries)[:-1] - 1]] if len(tries) > 1 else np.zeros(1, np.int64)
    keep = inside & (rank - first[owner] < wanted[owner])
    x, y, w = x[keep], y[keep], w[keep]
    height = heights[0] + w * (heights[1] - heights[0])
    radius = np.clip(0.3 * height, 1.5, 6.0)
    z = np.asarray(ground(x, y), float) if ground is not None else np.zeros(len(x))
    return Trees(x, y, z, height, radius)
