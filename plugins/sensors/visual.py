"""Sensors in VTK: one ball each, coloured by level; alarms larger. Re-reads the store at
each timeline move and when the app polls (``poll_live``), redrawing only on change."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from plugins.sensors.layer import ALARM
from twin.api_vtk import LayerVisual

COLORS = np.array([[0x9e, 0x9e, 0x9e], [0x2e, 0x7d, 0x32], [0xf9, 0xa8, 0x25], [0xc6, 0x28, 0x28]], np.uint8)


class SensorsVisual(LayerVisual):
    _levels: np.ndarray | None = None

    def _levels_now(self, data) -> np.ndarray:
        timeline = getattr(self, "timeline", None)
        return self.layer.levels(data.values_at(self.layer.quantity, timeline.current if timeline else None))

    def build(self, data) -> None:
        self._levels = self._levels_now(data)
        for alarm in (False, True):
            keep = (self._levels == ALARM) == alarm
            if not keep.any():
                continue
            poly = pv.PolyData(data.points[keep])
            poly.point_data["rgb"] = COLORS[self._levels[keep]]
            self._add(poly, scalars="rgb", rgb=True, point_size=26 if alarm else 16,
                      render_points_as_spheres=True, opacity=self.layer.opacity)

    def _refresh(self) -> None:
        """Redraw only when a sensor changed level: polled every second."""
        data = self.layer.data
        if data is None or (self._levels is not None and np.array_equal(self._levels_now(data), self._levels)):
            return
        self.clear()
        self.build(data)
        self._on_change()

    def time_changed(self, when) -> None:
        self._refresh()

    def poll_live(self) -> None:
        self._refresh()
