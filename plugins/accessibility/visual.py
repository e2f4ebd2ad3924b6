"""A row of up to four coloured pictogram markers above each building, one per need it
meets, always facing the viewer (points drawn as spheres keep their size on screen)."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from plugins.accessibility.layer import COLORS
from twin.api_vtk import LayerVisual

MARKER_PX, SPACING_M = 15, 3.0


class AccessibilityVisual(LayerVisual):
    def build(self, data) -> None:
        shown = self.layer.shown()
        rows, need = np.nonzero(data.flags & shown[:, None])
        if not len(rows):
            self._targets = None
            return
        offset = (need - 1.5) * SPACING_M                      # side by side, centred on the building
        points = data.anchors[rows] + np.column_stack([offset, np.zeros_like(offset), np.zeros_like(offset)])
        poly = pv.PolyData(points.astype(np.float32))
        poly.point_data["rgb"] = COLORS[need]
        self._add(poly, scalars="rgb", rgb=True, point_size=MARKER_PX, render_points_as_spheres=True,
                  opacity=self.layer.opacity)
        self._targets = (points.astype(np.float32), rows)

    def point_targets(self):
        targets = getattr(self, "_targets", None)
        return None if targets is None else (*targets, MARKER_PX / 2)
