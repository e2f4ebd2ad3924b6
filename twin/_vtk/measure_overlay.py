"""A measurement drawn in the view: the picked points, the path (closed for an area, a
vertical guide for a height) over everything, and its figures as labels, written the
current language's way (``twin.core.i18n``)."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from twin._vtk.labels import add_labels
from twin._vtk.sketch import Overlay, on_top
from twin.core.i18n import number, tr

MEASURE_RGB = (0.05, 0.45, 0.95)


def metres(value: float) -> str:
    return tr("{} m").format(number(value, 2))


class MeasureOverlay(Overlay):
    def show(self, points, mode: str = "distance", closed: bool = False, caption: str = "") -> None:
        """``points``: (N, 3) scene coordinates picked so far; ``caption`` the result, drawn
        by the last point."""
        self.clear()
        pts = np.asarray(points, float).reshape(-1, 3)
        if not len(pts):
            return
        local = pts - self.origin()
        self._add(pv.PolyData(local.astype(np.float32)), point_size=11, render_points_as_spheres=True)
        path = local
        if mode == "height" and len(local) == 2:       # up from the lower point, then across
            low, high = (local[0], local[1]) if local[0, 2] <= local[1, 2] else (local[1], local[0])
            path = np.array([high, low, [low[0], low[1], high[2]], high])
            closed = False
        if len(path) > 1:
            ring = np.r_[np.arange(len(path)), [0] if closed else []].astype(np.int64)
            self._add(pv.PolyData(path.astype(np.float32), lines=np.r_[len(ring), ring]), line_width=3)
        anchors, texts = [], []
        if mode in ("distance", "area") and len(local) > 1:
            ends = np.r_[np.arange(1, len(local)), [0] if closed and len(local) > 2 else []].astype(int)
            starts = np.r_[np.arange(len(local) - 1), [len(local) - 1] if closed and len(local) > 2 else []].astype(int)
            legs = np.linalg.norm(local[ends] - local[starts], axis=1)
            anchors += list((local[ends] + local[starts]) / 2)
            texts += [metres(v) for v in legs]
        if caption:
            anchors.append(local[-1] + [0.0, 0.0, 3.0])
            texts.append(caption)
        if texts:
            priority = np.r_[np.zeros(len(texts) - 1), [1e9]] if caption else None
            self.actors.append(add_labels(self.plotter, np.asarray(anchors), texts, priority, font_size=13,
                                          bold=True, color="#0b3d91", background="#ffffff"))
        self.on_change()

    def _add(self, mesh, **kwargs) -> None:
        actor = self.plotter.add_mesh(mesh, color=MEASURE_RGB, pickable=False, reset_camera=False, render=False,
                                      lighting=False, **kwargs)
        on_top(actor)
        self.actors.append(actor)
