"""A layer's points, refined in the background as the view moves.

``request`` (cheap: a node selection) says what the current view needs; worker threads
decode the missing nodes, nearest-to-the-eye and coarsest first; ``poll`` gathers what
finished and says whether the picture changed; ``refresh`` assembles the ready nodes of
the current selection into the stream's ``PointsData`` (the layer's data, updated in
place). Decoded nodes stay in a cache bounded in points, so turning back costs nothing.
All of it is called from one thread (the GUI's); only node decoding runs in the workers."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from twin.core.crs import same_crs, transform_xy
from twin.core.data import Hierarchy, PointCloud
from twin.core.feedback import Feedback
from twin.core.priority import lower_this_thread
from twin.lod.nodes import NodeTable
from twin.lod.select import ViewFrustum, select_nodes
from twin.lod.work import BackgroundPieces, megabytes_from_env

BYTES_PER_POINT = 18     # float32 xyz, class, intensity, RGB as cached


def cache_points_from_env() -> int:
    """Decoded points kept per layer: ``TWIN_POINT_CACHE_MB`` (default 400 MB ≈ 22 M points)."""
    return max(100_000, int(megabytes_from_env("TWIN_POINT_CACHE_MB", 400) * 1e6 / BYTES_PER_POINT))


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def worker_pool() -> ThreadPoolExecutor:
    """One pool for every stream: decoding is CPU-bound, so threads beyond the cores
    only make each node arrive later."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)),
                                       thread_name_prefix="twin-points", initializer=lower_this_thread)
        return _POOL


class Tile(Protocol):
    path: object
    crs: str | None
    total: int
    hierarchy: Hierarchy

    def read_node(self, index: int, feedback: Feedback | None = None) -> PointCloud: ...


@dataclass
class PointsData:
    """A point cloud layer's data: what is on screen now (float32 relative to the scene
    origin) and the stream that refines it; the arrays are swapped as nodes arrive."""

    points: np.ndarray                    # (N, 3) float32
    classification: np.ndarray | None
    intensity: np.ndarray | None
    rgb: np.ndarray | None
    total: int                            # points in the sources
    bounds: tuple | None                  # of every tile, scene coordinates
    nodes: int = 0                        # nodes shown
    clims: dict = field(default_factory=dict)   # stable colour ranges (elevation, intensity)
    classes: list[int] = field(default_factory=list)  # present in what has been decoded
    thinned: list = field(default_factory=list)   # plain files shown thinned: worth preparing
    stream: "PointStream | None" = None
    # the nodes shown, in the order of their points: how many points each, the spacing
    # between them (m) and the node's centre (scene CRS), so points can be drawn as large
    # as their level is coarse
    node_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    node_spacing: np.ndarray = field(default_factory=lambda: np.zeros(0))
    node_centre: np.ndarray = field(default_factory=lambda: np.zeros((0, 3)))
    node_radius: np.ndarray = field(default_factory=lambda: np.zeros(0))


@dataclass
class NodePoints:
    points: np.ndarray              # (n, 3) float32 relative to the scene origin
    classification: np.ndarray | None
    intensity: np.ndarray | None
    rgb: np.ndarray | None
    classes: frozenset = frozenset()

    def __len__(self) -> int:
        return len(self.points)


class PointStream(BackgroundPieces):
    def __init__(self, tiles: list[Tile], tile_crs: list[str], scene_crs: str, origin,
                 nodes: NodeTable | None = None, cache_points: int | None = None):
        self.tiles = tiles
        self._crs = tile_crs
        self._reproject = [not same_crs(c, scene_crs) for c in tile_crs]
        self._scene_crs = scene_crs
        self._origin = np.asarray(origin, dtype=float)
        self.nodes = nodes or NodeTable.build([t.hierarchy for t in tiles], tile_crs, scene_crs)
        self.cache_points = int(cache_points or cache_points_from_env())
        super().__init__(worker_pool)        # errors: one line per node that could not be read
        self._cache: OrderedDict[int, NodePoints] = OrderedDict()
        self._cached_points = 0
        self.selection = np.empty(0, np.int64)
        self._shown: tuple[int, ...] = ()
        self._classes: set[int] = set()
        self.data = PointsData(np.empty((0, 3), np.float32), None, None, None,
                               total=int(sum(t.total for t in tiles)), bounds=self.nodes.bounds(),
                               stream=self)

    # -- what the view needs ---------------------------------------------------------------
    def request(self, frustum: ViewFrustum | None, budget: int, target_px: float = 1.5) -> None:
        self.selection = select_nodes(self.nodes, frustum, budget, target_px)
        self._want(self.selection.tolist(), self._cache)

    def _make(self, row: int) -> NodePoints:
        """Decode one node (in a worker thread)."""
        t = int(self.nodes.tile[row])
        cloud = self.tiles[t].read_node(int(self.nodes.node[row]), self._stop)
        if len(cloud) and self._reproject[t]:   # pyproj transformers are thread-safe (≥ 3.1)
            xyz = cloud.xyz
            x, y = transform_xy(xyz[:, 0], xyz[:, 1], self._crs[t], self._scene_crs)
            points = (np.column_stack([x, y, xyz[:, 2]]) - self._origin).astype(np.float32)
        else:
            points = cloud.relative_to(self._origin)
        classes = np.unique(cloud.classification) if cloud.classification is not None else ()
        return NodePoints(points, cloud.classification,
                          cloud.intensity, cloud.rgb, frozenset(int(c) for c in classes))

    # -- what arrived ----------------------------------------------------------------------
    def poll(self) -> bool:
        """Take in finished nodes; True when the snapshot would differ from the last one."""
        self._take_finished()
        return self._ready_rows() != self._shown

    def _failure(self, row: int, exc: Exception) -> str:
        return (f"{self.tiles[int(self.nodes.tile[row])].path}: node {row} could not be read "
                f"({type(exc).__name__}: {exc})")

    def _store(self, row: int, node: NodePoints) -> None:
        self._classes |= node.classes
        self._cache[row] = node
        self._cached_points += len(node)
        keep = set(self.selection.tolist())
        for old in list(self._cache):   # least recently used first, never what is shown
            if self._cached_points <= self.cache_points:
                break
            if old not in keep:
                self._cached_points -= len(self._cache.pop(old))

    def _ready_rows(self) -> tuple[int, ...]:
        return tuple(r for r in self.selection.tolist() if r in self._cache)

    def wait(self, feedback: Feedback | None = None, timeout: float = 600.0) -> None:
        """Block until the current selection is decoded (offscreen renders, first views)."""
        self._wait_all(self.poll, feedback, timeout, len(self.selection), "Reading points ({} nodes to go)")

    # -- the picture -----------------------------------------------------------------------
    def refresh(self) -> bool:
        """Poll, and when the picture changed swap the ready nodes into ``data``."""
        if not self.poll():
            return False
        rows = self._ready_rows()
        self._shown = rows
        for r in rows:
            self._cache.move_to_end(r)
        parts = [self._cache[r] for r in rows]

        def cat(name):
            values = [getattr(p, name) for p in parts]
            return np.concatenate(values) if values and all(v is not None for v in values) else None
        d = self.data
        points = cat("points")
        d.points = points if points is not None else np.empty((0, 3), np.float32)
        d.classification, d.intensity, d.rgb = cat("classification"), cat("intensity"), cat("rgb")
        d.nodes, d.classes = len(rows), sorted(self._classes)
        shown = np.asarray(rows, np.int64)
        d.node_count = np.array([len(p) for p in parts], np.int64)
        # the nominal spacing of a level, or the points' own over the node's box where they
        # are denser (a COPC writer's root spacing can be twice the real one)
        extent = np.prod(self.nodes.hi[shown, :2] - self.nodes.lo[shown, :2], axis=1)
        own = np.sqrt(np.maximum(extent, 1e-6) / np.maximum(d.node_count, 1))
        d.node_spacing = np.minimum(self.nodes.spacing[shown], own)
        d.node_centre = self.nodes.centre[shown]
        d.node_radius = self.nodes.radius[shown]
        if not d.clims and len(d.points):   # from the first, evenly thinned view: stable after
            d.clims["elevation"] = _spread(d.points[:, 2])
            if d.intensity is not None:
                d.clims["intensity"] = _spread(d.intensity)
        return True


def _spread(values: np.ndarray) -> tuple[float, float]:
    lo, hi = np.percentile(values, [2, 98])
    return float(lo), float(max(hi, lo + 1e-3))
