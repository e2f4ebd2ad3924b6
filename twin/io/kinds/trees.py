"""``kind = "trees"``: trees found in LiDAR tiles (a crown per cluster of vegetation
points, at its measured height) or scattered in vegetation polygons; their feet then
stand on the scene's terrain."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from twin.core.crs import transform_xy
from twin.core.data import VectorTable
from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.core.layers import TreesLayer
from twin.core.layers.base import point_files
from twin.core.scene import Scene
from twin.geometry.ground import Ground
from twin.geometry.trees import CELL, Canopy, Trees, scatter_trees
from twin.io.kinds.base import KIND_HINT, expect, read_layer, source_crs
from twin.io.registry import guarded, registry
from twin.lod.cache import cache_root, read_npz, write_npz
from twin.core.i18n import message

FINE = 0.5               # m: COPC levels are read down to this spacing (a point or more per canopy cell)
POINTS_PER_CELL = 2.0    # a canopy cell's size is chosen so that it holds about this many points
FLAT_POINTS = 8_000_000  # a plain LAS/LAZ tile is read within this many points (evenly strided)
# BD TOPO's vegetation natures: (trees per hectare relative to the layer's density, lowest and highest tree)
NATURES = {"haie": (1.6, 3.0, 8.0), "verger": (0.6, 3.0, 6.0), "vigne": (0.0, 0.0, 0.0),
           "lande ligneuse": (0.3, 3.0, 5.0), "peupleraie": (1.2, 15.0, 25.0), "bois": (1.0, 10.0, 20.0),
           "forêt": (1.5, 12.0, 25.0)}
DEFAULT_NATURE = (1.0, 8.0, 18.0)
VERSION = 1              # of the trees found in LiDAR: raise when finding them changes (the cache)
_FIELDS = ("x", "y", "z", "height", "radius")


@dataclass
class TreesRaw:
    """What was read: trees (from LiDAR), or vegetation polygons to scatter them in."""

    trees: Trees | None = None
    table: VectorTable | None = None

    @property
    def bounds(self) -> tuple | None:
        if self.trees is not None:
            return self.trees.bounds
        return tuple(self.table.frame.total_bounds) if len(self.table.frame) else None


@dataclass
class TreesData:
    trees: Trees            # feet on the scene's ground, scene CRS
    origin: tuple
    from_lidar: bool

    @property
    def bounds(self) -> tuple | None:
        t = self.trees
        if not len(t):
            return None
        return (*t.bounds[:2], float(t.z.min()), *t.bounds[2:], float((t.z + t.height).max()))


def lidar_trees(layer: TreesLayer, scene: Scene, fb: Feedback) -> Trees:
    """The trees of every tile (each read on its own, coarse COPC levels only); a tile
    that cannot be read among several is skipped with a warning."""
    files = point_files(layer.source)
    if not files or not all(p.is_file() for p in files):
        raise DataError((message("no LAS/LAZ file matches") if len(files) != 1 else message("LiDAR file not found")),
                        path=layer.source, hint=message("check the trees layer's source (a file, folder or "
                                                        "pattern)"))
    found = []
    for i, path in enumerate(files):
        fb.check()
        fb.progress(i / len(files), f"Finding trees in {path.name}")
        try:
            found.append(_cached_tile_trees(layer, path, scene, fb))
        except TwinError as exc:
            if len(files) == 1:
                raise
            fb.warn(message("{} — this tile is skipped").format(exc.message))
    trees = Trees.concat(found)
    if layer.bbox is not None:
        x0, y0, x1, y1 = layer.bbox
        keep = (trees.x >= x0) & (trees.x <= x1) & (trees.y >= y0) & (trees.y <= y1)
        trees = Trees(*(a[keep] for a in (trees.x, trees.y, trees.z, trees.height, trees.radius)))
    if not len(trees):
        fb.warn(message("{}: no tree found (no vegetation points 3 m or more above the ground)").format(
            layer.source.name))
    return trees


def _cached_tile_trees(layer: TreesLayer, path: Path, scene: Scene, fb: Feedback) -> Trees:
    """A tile's trees, found once and then taken from the cache (``$TWIN_CACHE_DIR/trees``):
    finding them decodes the tile's vegetation down to 0.5 m, ~2 s a LiDAR HD tile, which
    ``build-scene`` pays so that the scene's openings do not. The key holds what the answer
    depends on: the tile (path, size, date), the CRSs and the method's version."""
    stat = path.stat()
    key = hashlib.sha256(f"v{VERSION}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{layer.crs}|{scene.crs}"
                         f"|{FINE}|{POINTS_PER_CELL}|{CELL}".encode()).hexdigest()[:32]
    cached = cache_root() / "trees" / f"{key}.npz"
    arrays = read_npz(cached)
    if arrays is not None and set(arrays) == set(_FIELDS):
        return Trees(*(arrays[name] for name in _FIELDS))
    trees = _tile_trees(layer, path, scene, fb)
    write_npz(cached, **{name: getattr(trees, name) for name in _FIELDS})
    return trees


def _tile_trees(layer: TreesLayer, path, scene: Scene, fb: Feedback) -> Trees:
    importer = registry().find(path)
    if not hasattr(importer, "open_tile"):
        raise DataError(message("is {} data, not LiDAR").format(importer.kind), path=path, hint=message(KIND_HINT))
    tile = guarded(importer, "open_tile", path, importer.open_tile, path, FLAT_POINTS)
    h = tile.hierarchy
    if tile.total == 0:
        raise DataError(message("holds no points (0 in its header)"), path=path,
                        hint=message("the export may have failed; fetch or export it again"))
    box = (*h.lo.min(axis=0)[:2], *h.hi.max(axis=0)[:2])
    crs = source_crs(layer, tile.crs, scene, box, fb)
    deepest = int(h.level[h.spacing <= FINE].min()) if (h.spacing <= FINE).any() else int(h.level.max())
    rows = np.flatnonzero((h.level <= deepest) & (h.count > 0))
    lo, hi = transform_xy(np.array([box[0], box[2]]), np.array([box[1], box[3]]), crs, scene.crs)
    area = max(float((box[2] - box[0]) * (box[3] - box[1])), 1.0)
    density = float(h.count[rows].sum()) / area      # points per m² read: a cell must hold a couple
    canopy = Canopy((float(min(lo)), float(min(hi)), float(max(lo)), float(max(hi))),
                    cell=max(CELL, float(np.sqrt(POINTS_PER_CELL / max(density, 1e-6)))))
    for j, row in enumerate(rows):
        fb.check()
        cloud = guarded(importer, "read_node", path, tile.read_node, int(row), fb)
        if cloud.classification is None or not len(cloud):
            continue
        x, y = transform_xy(cloud.xyz[:, 0], cloud.xyz[:, 1], crs, scene.crs)
        canopy.add(x, y, cloud.xyz[:, 2], cloud.classification)
        fb.progress(j / len(rows), f"Finding trees in {path.name}")
    return canopy.trees()


def polygon_trees(layer: TreesLayer, table: VectorTable, ground: Ground) -> Trees:
    """Trees scattered in the polygons, by their BD TOPO nature when they have one."""
    import pandas as pd
    frame = table.frame
    nature = next((c for c in frame.columns if c.lower() == "nature"), None)
    kinds = (frame[nature].fillna("").astype(str).str.lower() if nature is not None
             else pd.Series("", index=frame.index))
    claimed = np.zeros(len(frame), bool)
    parts = []
    for name, (factor, low, high) in [*NATURES.items(), ("", DEFAULT_NATURE)]:
        mine = ~claimed & (kinds.str.contains(name, regex=False).to_numpy(bool) if name else True)
        claimed |= mine
        if factor > 0 and mine.any():
            parts.append(scatter_trees(frame.geometry.values[mine], layer.density * factor, (low, high),
                                       ground.sample))
    return Trees.concat(parts)


class TreesKind:
    ground = False
    overlay = True         # loaded once the first frame is drawn

    def read(self, layer: TreesLayer, scene: Scene, fb: Feedback) -> TreesRaw:
        if layer.from_lidar:
            return TreesRaw(trees=lidar_trees(layer, scene, fb))
        return TreesRaw(table=expect(layer, read_layer(layer, scene, fb), VectorTable))

    def build(self, layer: TreesLayer, raw: TreesRaw, scene: Scene, ground: Ground, fb: Feedback) -> TreesData:
        if raw.trees is not None:
            trees = raw.trees
            if not ground.is_flat:     # feet on the terrain drawn, where there is one
                z = ground.sample(trees.x, trees.y, fill=False)
                trees.z = np.where(np.isfinite(z), z, trees.z)
        else:
            trees = polygon_trees(layer, raw.table, ground)
            if not len(trees):
                fb.warn(message("{}: no polygon large enough for a tree").format(layer.source.name))
        return TreesData(trees, tuple(scene.origin), raw.trees is not None)
