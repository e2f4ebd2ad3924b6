"""Consumption choropleth on LoD1 blocks: five classes (quintiles of every value of the
series, so colours mean the same at every instant), light to dark; grey without data or
hidden by the public-mode rule."""

from __future__ import annotations

import numpy as np

from plugins.consumption.layer import NONE, RAMP, classes
from twin.api_vtk import LayerVisual, to_polydata


class ConsumptionVisual(LayerVisual):
    """The blocks are built once; a timeline step only swaps their colour array."""

    shown: np.ndarray | None = None
    _poly = None

    def _colors(self, data) -> np.ndarray:
        timeline = getattr(self, "timeline", None)
        when = timeline.current if timeline is not None else None
        scene = getattr(self, "scene", None)
        public = bool(scene.public) if scene is not None else False
        values = data.at(self.layer.instant(when), public) if when is not None else np.full(len(data.column), np.nan)
        self.shown = values
        k = classes(values, data.breaks)
        rgb = np.where((k >= 0)[:, None], RAMP[np.clip(k, 0, 4)], NONE)
        return rgb[data.mesh.cell_data["feature"]]

    def build(self, data) -> None:
        self._poly = to_polydata(data.mesh)
        self._poly.cell_data["rgb"] = self._colors(data)
        self._add(self._poly, scalars="rgb", rgb=True, opacity=self.layer.opacity, ambient=0.3, diffuse=0.75)

    def time_changed(self, when) -> bool:
        if self.layer.data is None or self._poly is None or not self.actors:
            return False
        rgb = self._colors(self.layer.data)
        if np.array_equal(rgb, self._poly.cell_data["rgb"]):
            return False
        self._poly.cell_data["rgb"][:] = rgb
        self._poly.Modified()
        return True
