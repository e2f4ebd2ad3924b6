"""The nodes of every tile of a layer in one table, in scene coordinates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.core.crs import same_crs, transform_boxes
from twin.core.data import Hierarchy


@dataclass
class NodeTable:
    tile: np.ndarray        # (M,) int32: which tile
    node: np.ndarray        # (M,) int64: row in that tile's hierarchy
    level: np.ndarray       # (M,) int32
    count: np.ndarray       # (M,) int64
    centre: np.ndarray      # (M, 3) float64 scene coordinates
    radius: np.ndarray      # (M,) bounding-sphere radius
    spacing: np.ndarray     # (M,) metres between points
    parent: np.ndarray      # (M,) int64 row, -1 for roots
    child_start: np.ndarray  # (M + 1,) CSR offsets into child_rows
    child_rows: np.ndarray
    lo: np.ndarray          # (M, 3) boxes, scene coordinates
    hi: np.ndarray

    def bounds(self) -> tuple | None:
        if not len(self.lo):
            return None
        return (*map(float, self.lo.min(axis=0)), *map(float, self.hi.max(axis=0)))

    def __len__(self) -> int:
        return len(self.tile)

    def children(self, row: int) -> np.ndarray:
        return self.child_rows[self.child_start[row]:self.child_start[row + 1]]

    @property
    def roots(self) -> np.ndarray:
        return np.flatnonzero(self.parent < 0)

    @classmethod
    def build(cls, hierarchies: list[Hierarchy], crs: list[str], scene_crs: str) -> "NodeTable":
        """Stack the tiles' hierarchies; node boxes in another CRS are reprojected by their
        corners (a box stays a box that holds them)."""
        tiles, rows, parents, los, his = [], [], [], [], []
        start = 0
        for i, (h, src) in enumerate(zip(hierarchies, crs, strict=True)):
            lo, hi = h.lo.astype(float), h.hi.astype(float)
            if not same_crs(src, scene_crs):
                lo_xy, hi_xy = transform_boxes(lo[:, :2], hi[:, :2], src, scene_crs)
                lo, hi = np.column_stack([lo_xy, lo[:, 2]]), np.column_stack([hi_xy, hi[:, 2]])
            tiles.append(np.full(len(h), i, np.int32))
            rows.append(np.arange(len(h), dtype=np.int64))
            parents.append(np.where(h.parent >= 0, h.parent + start, -1))
            los.append(lo)
            his.append(hi)
            start += len(h)
        cat = np.concatenate
        lo, hi = (cat(los), cat(his)) if los else (np.empty((0, 3)), np.empty((0, 3)))
        parent = cat(parents) if parents else np.empty(0, np.int64)
        order = np.argsort(parent, kind="stable")
        first_child = order[np.searchsorted(parent[order], 0):]
        counts = np.bincount(parent[first_child], minlength=len(parent)) if len(parent) else np.zeros(0, int)
        child_start = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return cls(
            tile=cat(tiles) if tiles else np.empty(0, np.int32),
            node=cat(rows) if rows else np.empty(0, np.int64),
            level=cat([h.level for h in hierarchies]) if hierarchies else np.empty(0, np.int32),
            count=cat([h.count for h in hierarchies]) if hierarchies else np.empty(0, np.int64),
            centre=(lo + hi) / 2, radius=np.linalg.norm(hi - lo, axis=1) / 2,
            spacing=cat([h.spacing for h in hierarchies]) if hierarchies else np.empty(0),
            parent=parent, child_start=child_start, child_rows=first_child.astype(np.int64),
            lo=lo, hi=hi)
