"""Reports as balls coloured by their state at the timeline's instant; closed ones
smaller. Picked in screen space; redrawn only when a state changed."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from plugins.reports.layer import CLOSED, COLORS, HIDDEN
from twin.api_vtk import LayerVisual

OPEN_PX, CLOSED_PX = 14, 9


class ReportsVisual(LayerVisual):
    _states: np.ndarray | None = None

    def _now(self) -> np.ndarray:
        timeline = getattr(self, "timeline", None)
        return self.layer.states(timeline.current if timeline else None)

    def build(self, data) -> None:
        self._states = self._now()
        for closed in (False, True):
            keep = (self._states != HIDDEN) & ((self._states == CLOSED) == closed)
            if not keep.any():
                continue
            poly = pv.PolyData(data.points[keep])
            poly.point_data["rgb"] = COLORS[self._states[keep]]
            self._add(poly, scalars="rgb", rgb=True, point_size=CLOSED_PX if closed else OPEN_PX,
                      render_points_as_spheres=True, opacity=self.layer.opacity)

    def point_targets(self):
        data = self.layer.data
        if data is None or self._states is None:
            return None
        shown = np.flatnonzero(self._states != HIDDEN)
        return data.points[shown], shown, OPEN_PX / 2

    def time_changed(self, when) -> bool:
        if self.layer.data is None or (self._states is not None and np.array_equal(self._now(), self._states)):
            return False
        self.clear()
        self.build(self.layer.data)
        return True
