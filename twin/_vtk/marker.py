"""A place found by the search box, marked in the view: a red pin standing on the
ground (a line and a ball, never hidden by the roofs around it) and its name above."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from twin._vtk.labels import add_labels
from twin._vtk.sketch import Overlay, on_top

PIN_RGB = (0.86, 0.1, 0.12)


class PlaceMarker(Overlay):
    def __init__(self, plotter: pv.Plotter, origin, on_change):
        super().__init__(plotter, origin, on_change)
        self.where: np.ndarray | None = None

    def show(self, x: float, y: float, z: float, label: str = "", height: float = 25.0) -> None:
        """A pin at scene coordinates (x, y, z: the ground there), ``height`` metres tall."""
        self.clear()
        self.where = np.array([x, y, z], float)
        foot = self.where - self.origin()
        top = foot + [0.0, 0.0, height]
        line = pv.PolyData(np.array([foot, top], np.float32), lines=np.array([2, 0, 1]))
        ball = pv.PolyData(np.array([top], np.float32))
        for mesh, kwargs in ((line, {"line_width": 4}),
                             (ball, {"point_size": 18, "render_points_as_spheres": True})):
            actor = self.plotter.add_mesh(mesh, color=PIN_RGB, pickable=False, reset_camera=False, render=False,
                                          lighting=False, **kwargs)
            on_top(actor)
            self.actors.append(actor)
        if label:
            self.actors.append(add_labels(self.plotter, (top + [0.0, 0.0, height * 0.25])[None, :], [label],
                                          priority=np.array([1e9]), font_size=14, bold=True,
                                          background="#ffffff"))
        self.on_change()

    def clear(self) -> None:
        super().clear()
        self.where = None
