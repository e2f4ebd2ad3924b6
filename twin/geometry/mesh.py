"""A renderer-neutral mesh: float32 points relative to the scene origin plus VTK-style
cell arrays, so the VTK mirror wraps it without copying or recomputing anything."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Mesh:
    points: np.ndarray                              # (N, 3) float32, relative to origin
    faces: np.ndarray | None = None                 # flat [n, i0..in-1, n, ...] int64
    lines: np.ndarray | None = None                 # same layout, polylines
    verts: np.ndarray | None = None                 # same layout, points
    point_data: dict[str, np.ndarray] = field(default_factory=dict)
    cell_data: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n_points(self) -> int:
        return len(self.points)

    @property
    def is_empty(self) -> bool:
        return len(self.points) == 0

    def bounds(self, origin) -> tuple[float, ...] | None:
        """Bounds in scene coordinates (xmin, ymin, zmin, xmax, ymax, zmax)."""
        if self.is_empty:
            return None
        lo = self.points.min(axis=0).astype(float) + origin
        hi = self.points.max(axis=0).astype(float) + origin
        return tuple(float(v) for v in (*lo, *hi))


def cell_array(counts: np.ndarray, first: np.ndarray | None = None) -> np.ndarray:
    """Flat VTK cells for consecutive runs of point ids: counts [3, 2] → [3,0,1,2, 2,3,4]."""
    counts = np.asarray(counts, dtype=np.int64)
    if first is None:
        first = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    total = int(counts.sum() + len(counts))
    out = np.empty(total, dtype=np.int64)
    heads = np.concatenate([[0], np.cumsum(counts + 1)[:-1]]).astype(np.int64)
    out[heads] = counts
    mask = np.ones(total, dtype=bool)
    mask[heads] = False
    # ids: first[k] + 0..counts[k]-1 for every run k
    run = np.repeat(np.arange(len(counts)), counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    out[mask] = first[run] + within
    return out


def fixed_cells(n_cells: int, size: int, start: int = 0) -> np.ndarray:
    """Flat VTK cells of ``size`` consecutive ids each (triangles, quads)."""
    ids = np.arange(start, start + n_cells * size, dtype=np.int64).reshape(n_cells, size)
    return np.hstack([np.full((n_cells, 1), size, dtype=np.int64), ids]).ravel()
