"""Reports as balls coloured by their state at the timeline's instant; closed ones
smaller. Zoomed out, reports closer than a few dozen pixels merge into one larger ball
labelled with their count (coloured by the most urgent state among them), re-grouped as
the camera moves. Picked in screen space; redrawn only when something shown changed."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from plugins.reports.layer import CLOSED, COLORS, HIDDEN
from twin.api_vtk import LayerVisual, add_labels

OPEN_PX, CLOSED_PX, CLUSTER_PX = 14, 9, 22
CLUSTER_FRACTION = 0.04      # of the camera's distance: reports closer than this merge
MIN_CELL = 16.0              # metres: closer than this, every report shows on its own


def clusters(points: np.ndarray, states: np.ndarray, cell: float):
    """(centres, counts, state, first member) of the shown reports, gridded by ``cell``
    metres; the state of a group is its most urgent one (new before in progress before closed)."""
    shown = np.flatnonzero(states != HIDDEN)
    if cell <= MIN_CELL or not len(shown):
        return points[shown], np.ones(len(shown), int), states[shown], shown
    keys = np.floor(points[shown, :2] / cell).astype(np.int64)
    _, first, group = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    group = group.ravel()
    counts = np.bincount(group)
    centres = np.column_stack([np.bincount(group, points[shown, k]) / counts for k in range(3)])
    urgent = np.full(len(counts), CLOSED)
    np.minimum.at(urgent, group, states[shown])
    return centres.astype(np.float32), counts, urgent, shown[first]


class ReportsVisual(LayerVisual):
    _key = None

    def __init__(self, layer, plotter, on_change):
        super().__init__(layer, plotter, on_change)
        self._observer = plotter.camera.AddObserver("ModifiedEvent", self._camera_moved)

    def close(self) -> None:
        self.plotter.camera.RemoveObserver(self._observer)
        super().close()

    def _cell(self) -> float:
        """The grouping distance for the current camera, in powers of two (stable while
        the camera moves a little)."""
        cam = self.plotter.camera
        distance = float(np.linalg.norm(np.subtract(cam.position, cam.focal_point)))
        return float(2 ** np.round(np.log2(max(distance * CLUSTER_FRACTION, 1.0))))

    def _now(self) -> tuple:
        timeline = getattr(self, "timeline", None)
        states = self.layer.states(timeline.current if timeline else None)
        return states, self._cell()

    def build(self, data) -> None:
        states, cell = self._now()
        self._key = (states, cell)
        self._groups = clusters(data.points, states, cell)
        centres, counts, state, _ = self._groups
        for size, keep in ((CLOSED_PX, (counts == 1) & (state == CLOSED)), (OPEN_PX, (counts == 1) & (state != CLOSED)),
                           (CLUSTER_PX, counts > 1)):
            if keep.any():
                poly = pv.PolyData(centres[keep])
                poly.point_data["rgb"] = COLORS[state[keep]]
                self._add(poly, scalars="rgb", rgb=True, point_size=size, render_points_as_spheres=True,
                          opacity=self.layer.opacity)
        many = counts > 1
        if many.any():
            labels = add_labels(self.plotter, centres[many] + np.float32([0, 0, 1]), counts[many].astype(str).tolist(),
                                counts[many], font_size=13, bold=True, color="white")      # the largest first
            self.actors.append(labels)

    def point_targets(self):
        if self.layer.data is None or self._key is None:
            return None
        centres, counts, _, first = self._groups
        return centres, first, CLUSTER_PX / 2

    def _refresh(self) -> bool:
        if self.layer.data is None:
            return False
        states, cell = self._now()
        if self._key is not None and cell == self._key[1] and np.array_equal(states, self._key[0]):
            return False
        self.clear()
        self.build(self.layer.data)
        return True

    def time_changed(self, when) -> bool:
        return self._refresh()

    def _camera_moved(self, *_args) -> None:
        if self.layer.effectively_visible and self._key is not None and self._cell() != self._key[1] and self._refresh():
            self._on_change()
