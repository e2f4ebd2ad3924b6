"""What the user is drawing in the view (a footprint being sketched): its vertices and
edges drawn over everything, so a corner clicked behind a roof still shows."""

from __future__ import annotations

import numpy as np
import pyvista as pv

SKETCH_RGB = (1.0, 0.45, 0.0)


def on_top(actor) -> None:
    """Drawn over whatever it crosses (a depth offset far forward): a corner clicked, a
    measured point or a pin behind a roof still shows."""
    mapper = actor.GetMapper()
    mapper.SetResolveCoincidentTopologyToPolygonOffset()
    mapper.SetRelativeCoincidentTopologyLineOffsetParameters(0, -66000)
    mapper.SetRelativeCoincidentTopologyPointOffsetParameter(-66000)


class Overlay:
    """What a tool draws over the scene (a sketch, a measurement, a pin): its actors, in
    scene coordinates less the view's ``origin()``, cleared together."""

    def __init__(self, plotter: pv.Plotter, origin, on_change):
        self.plotter, self.origin, self.on_change = plotter, origin, on_change   # origin: () -> (3,)
        self.actors: list = []

    def clear(self) -> None:
        for actor in self.actors:
            self.plotter.remove_actor(actor, render=False)
        if self.actors:
            self.actors = []
            self.on_change()


class SketchOverlay(Overlay):

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
        for actor in self.actors:      # a sketch is never hidden by the roofs it crosses
            on_top(actor)
        self.on_change()
