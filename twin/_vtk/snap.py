"""Where a click lands for a measurement: the surface under the cursor (terrain, roof,
wall: the mirror's cell picker), or the nearest LiDAR point drawn within a few pixels
in front of it, found by projecting the drawn points in numpy (a cloud alone has no
surface to pick)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.core.layers import PointCloudLayer

SNAP_PX = 6.0


@dataclass
class Snap:
    point: tuple[float, float, float]     # scene coordinates
    kind: str                             # the layer kind hit: terrain, buildings, pointcloud, ...
    pick: object = None                   # the mirror's Pick (None on a LiDAR point)


def drawn_points(visual) -> np.ndarray:
    """The (N, 3) origin-relative points a point cloud's actors draw now."""
    from vtk.util.numpy_support import vtk_to_numpy
    parts = [vtk_to_numpy(a.GetMapper().GetInput().GetPoints().GetData()) for a in visual.actors
             if a.GetVisibility() and a.GetMapper() is not None and a.GetMapper().GetInput() is not None
             and a.GetMapper().GetInput().GetPoints() is not None]
    return np.vstack(parts) if parts else np.empty((0, 3), np.float32)


def snap(mirror, x: int, y: int, px: float = SNAP_PX) -> Snap | None:
    """What a click at display pixel (x, y) measures from; None over the sky."""
    from twin._vtk.screen import Screen
    picked = mirror.pick(x, y)
    eye = np.asarray(mirror.plotter.camera.position)
    reach = np.inf
    if picked is not None:
        reach = float(np.linalg.norm(np.asarray(picked.position) - mirror.origin - eye)) + 0.5
    screen = Screen.of(mirror.plotter.renderer)
    best = None
    if screen is not None:
        for visual in mirror.visuals.values():
            if not isinstance(visual.layer, PointCloudLayer) or not visual.layer.effectively_visible:
                continue
            points = drawn_points(visual).astype(float)
            if not len(points):
                continue
            xy, front = screen.project(points)
            off = np.hypot(xy[:, 0] - x, xy[:, 1] - y)
            distance = np.linalg.norm(points - eye, axis=1)
            near = np.flatnonzero(front & (off <= px) & (distance <= reach))
            if len(near):
                i = near[np.lexsort((distance[near], np.round(off[near])))[0]]
                if best is None or (round(off[i]), distance[i]) < best[0]:
                    best = ((round(off[i]), distance[i]), points[i] + mirror.origin)
    if best is not None:
        return Snap(tuple(map(float, best[1])), "pointcloud")
    if picked is None:
        return None
    return Snap(tuple(map(float, picked.position)), picked.layer.kind, picked)
