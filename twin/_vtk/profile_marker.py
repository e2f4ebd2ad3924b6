"""The profile's line on the ground and the marker that follows the chart's cursor, drawn
over everything (like a sketch) so that neither hides behind a roof."""

from __future__ import annotations

import numpy as np
import pyvista as pv

LINE_RGB = (0.1, 0.35, 0.95)
MARKER_RGB = (0.95, 0.1, 0.1)
LIFT_M = 0.5


class ProfileMarker:
    def __init__(self, plotter: pv.Plotter, origin, on_change):
        self.plotter, self.origin, self.on_change = plotter, origin, on_change   # origin: () -> (3,)
        self.line_actor = None
        self.marker_actor = None
        self._dot: pv.PolyData | None = None

    def show_line(self, xyz) -> None:
        """``xyz``: (N, 3) scene coordinates along the profile (NaN heights left out)."""
        self.clear()
        pts = np.asarray(xyz, float).reshape(-1, 3)
        pts = pts[np.isfinite(pts).all(axis=1)]
        if len(pts) < 2:
            return
        local = (pts - self.origin() + [0.0, 0.0, LIFT_M]).astype(np.float32)
        line = pv.PolyData(local, lines=np.r_[len(local), np.arange(len(local))])
        self.line_actor = self._on_top(self.plotter.add_mesh(line, color=LINE_RGB, line_width=4, pickable=False,
                                                             reset_camera=False, render=False))
        self.on_change()

    def move(self, x: float, y: float, z: float) -> None:
        """The marker at a station (scene coordinates); hidden where the height is unknown."""
        if not np.isfinite([x, y, z]).all():
            if self.marker_actor is not None:
                self.marker_actor.SetVisibility(False)
                self.on_change()
            return
        local = (np.array([[x, y, z]]) - self.origin() + [0.0, 0.0, LIFT_M]).astype(np.float32)
        if self.marker_actor is None:
            self._dot = pv.PolyData(local)
            self.marker_actor = self._on_top(self.plotter.add_mesh(
                self._dot, color=MARKER_RGB, point_size=18, render_points_as_spheres=True, pickable=False,
                reset_camera=False, render=False))
        else:
            self._dot.points = local
        self.marker_actor.SetVisibility(True)
        self.on_change()

    @staticmethod
    def _on_top(actor):
        mapper = actor.GetMapper()
        mapper.SetResolveCoincidentTopologyToPolygonOffset()
        mapper.SetRelativeCoincidentTopologyLineOffsetParameters(0, -66000)
        mapper.SetRelativeCoincidentTopologyPointOffsetParameter(-66000)
        return actor

    def clear(self) -> None:
        removed = False
        for actor in (self.line_actor, self.marker_actor):
            if actor is not None:
                self.plotter.remove_actor(actor, render=False)
                removed = True
        self.line_actor = self.marker_actor = self._dot = None
        if removed:
            self.on_change()
