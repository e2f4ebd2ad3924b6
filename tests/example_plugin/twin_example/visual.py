"""Pins in VTK: a line and a ball each; a timeline-aware overlay, showing only the
stations already opened at the scene's current time."""

import numpy as np
import pyvista as pv

from twin.api_vtk import LayerVisual


class PinVisual(LayerVisual):
    def build(self, data) -> None:
        timeline = getattr(self, "timeline", None)
        if timeline is not None:
            now = np.datetime64(timeline.current.replace(tzinfo=None), "s")
            shown = np.isnat(data.opened) | (data.opened <= now)
            data = type(data)(data.table, data.base[shown], data.top[shown], data.bounds, data.opened[shown])
        n = len(data.base)
        if not n:
            return
        points = np.vstack([data.base, data.top])
        lines = np.column_stack([np.full(n, 2), np.arange(n), np.arange(n) + n]).ravel()
        self._add(pv.PolyData(points, lines=lines), color="#1565c0", line_width=3,
                  opacity=self.layer.opacity)
        self._add(pv.PolyData(data.top), color="#e53935", point_size=14,
                  render_points_as_spheres=True, opacity=self.layer.opacity)

    def time_changed(self, when) -> None:
        if self.layer.data is not None:
            self.clear()
            self.build(self.layer.data)
