"""Ground floors of the premises coloured by their state at the timeline's instant (open
green or a colour per activity, vacant red; premises with no period then are not drawn),
and each street's vacancy rate written above its premises. Redrawn only when a state
changed."""

from __future__ import annotations

import numpy as np

from plugins.shops.layer import UNKNOWN
from twin.api import number, tr
from twin.api_vtk import LayerVisual, add_labels, to_polydata


class ShopsVisual(LayerVisual):
    _key: np.ndarray | None = None

    def _now(self):
        timeline = getattr(self, "timeline", None)
        return self.layer.colors(timeline.current if timeline is not None else None)

    def build(self, data) -> None:
        rgb, states = self._now()
        self._key = np.c_[rgb, states]
        poly = to_polydata(data.floors)
        feature = np.asarray(poly.cell_data["feature"])
        shown = states[feature] != UNKNOWN
        if shown.any():
            poly.cell_data["rgb"] = rgb[feature]
            self._add(poly.extract_cells(np.flatnonzero(shown)), scalars="rgb", rgb=True,
                      opacity=self.layer.opacity, ambient=0.35, diffuse=0.7)
        if not self.layer.street_labels:
            return
        rates = data.street_rates(states)
        has = np.isfinite(rates)
        if has.any():
            text = [tr("{}: {} vacant").format(name, tr("{}%").format(number(100 * rate, 0)))
                    for name, rate in zip(data.streets[has], rates[has])]
            premises = np.bincount(data.street[data.street >= 0], minlength=len(data.streets))
            labels = add_labels(self.plotter, data.street_anchors[has], text, premises[has],  # busiest first
                                font_size=12, bold=True, color="#7f1d1d", background="white")
            labels.SetVisibility(self.layer.effectively_visible)
            self.actors.append(labels)

    def time_changed(self, when) -> bool:
        if self.layer.data is None or self._key is None:
            return False
        rgb, states = self._now()
        if np.array_equal(np.c_[rgb, states], self._key):
            return False
        self.clear()
        self.build(self.layer.data)
        return True
