"""Consumption choropleth on LoD1 blocks: five classes (quintiles of every value of the
series, so colours mean the same at every instant), light to dark; grey without data or
hidden by the public-mode rule."""

from __future__ import annotations

import numpy as np

from twin.api_vtk import LayerVisual, to_polydata

RAMP = np.array([[0xff, 0xf5, 0xd7], [0xfe, 0xd9, 0x76], [0xfd, 0xae, 0x4a], [0xf0, 0x6c, 0x2d],
                 [0xbd, 0x23, 0x1f]], np.uint8)
NONE = np.array([0xb0, 0xb0, 0xb0], np.uint8)


def classes(values: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Class 0–4 of each value, −1 for NaN."""
    out = np.searchsorted(breaks, values, side="right").astype(np.int64)
    out[~np.isfinite(values)] = -1
    return out


class ConsumptionVisual(LayerVisual):
    """The blocks are built once; a timeline step only swaps their colour array."""

    shown: np.ndarray | None = None
    _poly = None

    def _colors(self, data) -> np.ndarray:
        timeline = getattr(self, "timeline", None)
        when = timeline.current if timeline is not None else None
        scene = getattr(self, "scene", None)
        public = bool(scene.public) if scene is not None else False
        values = data.at(when, public) if when is not None else np.full(len(data.column), np.nan)
        self.shown = values
        k = classes(values, data.breaks)
        rgb = np.where((k >= 0)[:, None], RAMP[np.clip(k, 0, 4)], NONE)
        return rgb[data.mesh.cell_data["feature"]]

    def build(self, data) -> None:
        self._poly = to_polydata(data.mesh)
        self._poly.cell_data["rgb"] = self._colors(data)
        self._add(self._poly, scalars="rgb", rgb=True, opacity=self.layer.opacity, ambient=0.3, diffuse=0.75)

    def time_changed(self, when) -> None:
        if self.layer.data is not None and self._poly is not None and self.actors:
            self._poly.cell_data["rgb"][:] = self._colors(self.layer.data)
            self._poly.Modified()
