"""Footfall columns: height ∝ the slot's count (a busy slot — the table's 99th percentile —
reaches the layer's max_height; rarer peaks go up to half as high again), colour from red
(fewer than a week before) through grey to green (more); blue-grey when there is no week
before to compare with. Street segments are drawn on the ground instead, coloured by the
slot's count."""

from __future__ import annotations

import numpy as np
import pyvista as pv
import shapely

from plugins.footfall.layer import LINE_PX, change_colors, count_colors
from twin.api_vtk import LayerVisual, to_polydata
from twin.geometry.extrude import extrude


class FootfallVisual(LayerVisual):
    shown: tuple[np.ndarray, np.ndarray] | None = None      # counts and change drawn

    def _now(self, data) -> tuple[np.ndarray, np.ndarray] | None:
        timeline, scene = getattr(self, "timeline", None), getattr(self, "scene", None)
        if timeline is None:
            return None
        minimum = self.layer.minimum(scene is not None and scene.public)
        return data.at(self.layer.instant(timeline.current), minimum, self.layer.compare)

    def build(self, data) -> None:
        self.shown = self._now(data)
        if self.shown is None:
            return
        counts, change = self.shown
        if data.segments is not None:
            self._segments(data, counts)
            return
        keep = np.isfinite(counts) & (counts > 0)
        if not keep.any():
            return
        peak = data.matrix.busy or 1.0
        heights = np.minimum(np.nan_to_num(counts) / peak, 1.5) * self.layer.max_height
        rows = np.flatnonzero(keep)          # the zones' rows: picking maps cells back to them
        centre = data.points.astype(float)
        half = self.layer.width / 2
        c = centre[rows]
        boxes = shapely.box(c[:, 0] - half, c[:, 1] - half, c[:, 0] + half, c[:, 1] + half)
        mesh = extrude(boxes, rows, centre[:, 2], centre[:, 2] + heights, (0.0, 0.0, 0.0))
        poly = to_polydata(mesh)
        poly.cell_data["rgb"] = change_colors(change)[mesh.cell_data["feature"]]
        self._add(poly, scalars="rgb", rgb=True, opacity=self.layer.opacity, ambient=0.3, diffuse=0.7)

    def _segments(self, data, counts) -> None:
        seg = data.segments
        poly = pv.PolyData(seg.points, lines=seg.lines)
        poly.cell_data["feature"] = seg.rows
        poly.cell_data["rgb"] = count_colors(counts, data.matrix.busy)[seg.rows]
        self._add(poly, scalars="rgb", rgb=True, line_width=LINE_PX, render_lines_as_tubes=True,
                  opacity=self.layer.opacity, lighting=False)

    def point_targets(self):
        """Segments are a few pixels wide: picked near their (densified) vertices."""
        seg = self.layer.data.segments if self.layer.data is not None else None
        if seg is None or not self.actors:
            return None
        return seg.points, seg.point_rows, LINE_PX

    def time_changed(self, when) -> bool:
        """Rebuilt when the slot shown changed (playing, most ticks stay in one slot)."""
        data = self.layer.data
        if data is None:
            return False
        now = self._now(data)
        if self.shown is not None and now is not None and all(
                np.array_equal(a, b, equal_nan=True) for a, b in zip(now, self.shown)):
            return False
        self.clear()
        self.build(data)
        return True
