"""Sensors in VTK: one ball each, coloured by level; alarms larger. Re-reads the store at
each timeline move and when the app polls (``poll_live``), redrawing only on change.
Balls keep their size on screen, so they are picked in screen space (``point_targets``)."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from plugins.sensors.layer import ALARM, COLORS
from twin.api_vtk import LayerVisual

SIZE_PX, ALARM_PX = 16, 26


class SensorsVisual(LayerVisual):
    _levels: np.ndarray | None = None

    def _levels_now(self) -> np.ndarray:
        timeline = getattr(self, "timeline", None)
        return self.layer.levels(self.layer.values(timeline.current if timeline else None))

    def build(self, data) -> None:
        self._levels = self._levels_now()
        for alarm in (False, True):
            keep = (self._levels == ALARM) == alarm
            if not keep.any():
                continue
            poly = pv.PolyData(data.points[keep])
            poly.point_data["rgb"] = COLORS[self._levels[keep]]
            self._add(poly, scalars="rgb", rgb=True, point_size=ALARM_PX if alarm else SIZE_PX,
                      render_points_as_spheres=True, opacity=self.layer.opacity)

    def point_targets(self):
        data = self.layer.data
        if data is None or not self.actors:
            return None
        return data.points, np.arange(len(data.points)), ALARM_PX / 2

    def _refresh(self) -> bool:
        """Redraw only when a sensor changed level (asked every second when live)."""
        if self.layer.data is None or (self._levels is not None
                                       and np.array_equal(self._levels_now(), self._levels)):
            return False
        self.clear()
        self.build(self.layer.data)
        return True

    def time_changed(self, when) -> bool:
        return self._refresh()

    def poll_live(self) -> None:
        if self._refresh():
            self._on_change()
