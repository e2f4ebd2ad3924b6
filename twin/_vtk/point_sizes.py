"""Points as large as their level is coarse: a node's spacing projected on screen gives
its points' size in pixels, so that a coarse level still reads as a surface (and as
the view refines, finer nodes bring smaller points). Sizes are whole pixels, each drawn
by one actor: a handful of actors, never one per node. A node large beside its distance
to the eye (a plain LAS file is one node) is sized point by point, near points larger."""

from __future__ import annotations

import math

import numpy as np

MAX_PX = 8          # larger points look like confetti; past this a coarse level shows its gaps
MAX_SHARE = 1 / 40  # nor more than this share of the view's height (a thumbnail is not a wall of squares)
COVER = 1.6         # points are not on a grid: drawn this much wider than their spacing, few gaps remain
NEAR = 0.25         # a node whose radius is over this share of its distance is sized per point


def point_sizes(data, plotter, smallest: float) -> np.ndarray:
    """The size (pixels, at least ``smallest``, the style's) of every point of ``data``
    for the plotter's camera; ``smallest`` for all when the nodes are not known."""
    counts = np.asarray(getattr(data, "node_count", np.zeros(0)), np.int64)
    n = len(data.points)
    height = max(1, int(plotter.window_size[1]))
    lo = max(1.0, round(smallest))
    hi = max(lo, min(MAX_PX, max(3, round(height * MAX_SHARE))))
    if not len(counts) or counts.sum() != n:
        return np.full(n, lo, np.float32)
    camera = plotter.camera
    focal = height / (2 * math.tan(math.radians(camera.view_angle) / 2))
    eye = np.asarray(camera.position, float)
    origin = np.asarray(data.stream._origin, float) if getattr(data, "stream", None) is not None else np.zeros(3)
    distance = np.linalg.norm(np.asarray(data.node_centre, float) - origin - eye, axis=1)
    near = np.asarray(data.node_radius, float) > NEAR * distance
    spacing = COVER * np.asarray(data.node_spacing, float) * focal
    px = np.repeat(np.clip(np.round(spacing / np.maximum(distance, 1e-3)), lo, hi).astype(np.float32), counts)
    if near.any():       # sized per point: only these points' distances are computed
        mine = np.repeat(near, counts)
        own = np.maximum(np.linalg.norm(data.points[mine] - eye.astype(np.float32), axis=1), 1e-3)
        px[mine] = np.clip(np.round(np.repeat(spacing[near], counts[near]) / own), lo, hi)
    return px
