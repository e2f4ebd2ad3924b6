"""What the user is drawing in the view (a footprint being sketched): its vertices and
edges drawn over everything, so a corner clicked behind a roof still shows."""

from __future__ import annotations

import numpy as np
import pyvista as pv

SKETCH_RGB = (1.0, 0.45, 0.0)


class SketchOverlay:
    def __init__(self, plotter: pv.Plotter, origin, on_change):
        self.plotter, self.origin, self.on_change = plotter, origin, on_change   # origin: () -> (3,)
        self.actors: list = []

    def show(self, points, closed: bool = False) -> None:
        """``points``: (N, 3) scene coordinates of the vertices placed so far."""
        self.clear()
        pts = np.asarray(points, dtype=float).reshape(-1, 3)
        if not len(pts):
            return
        local = (pts - self.origin() + [0.0, 0.0, 0.5]).astype(np.float32)
        dots = pv.PolyData(local)
        self.actors.append(self.plotter.add_mesh(dots, color=SKETCH_RGB, point_size=12, render_points_as_spheres=True,
                                                 pickable=False, reset_camera=False, render=False))
        if len(pts) > 1:
            ring = np.r_[np.arange(len(local)), [0] if closed else []].astype(np.int64)
            line = pv.PolyData(local, lines=np.r_[len(ring), ring])
            self.actors.append(self.plotter.add_mesh(line, color=SKETCH_RGB, line_width=3, pickable=False,
                                                     reset_camera=False, render=False))
        for actor in self.actors:      # on top: a sketch is never hidden by the roofs it crosses
            actor.GetMapper().SetResolveCoincidentTopologyToPolygonOffset()
            actor.GetMapper().SetRelativeCoincidentTopologyLineOffsetParameters(0, -66000)
            actor.GetMapper().SetRelativeCoincidentTopologyPointOffsetParameter(-66000)
        self.on_change()

    def clear(self) -> None:
        for actor in self.actors:
            self.plotter.remove_actor(actor, render=False)
        if self.actors:
            self.actors = []
            self.on_change()
