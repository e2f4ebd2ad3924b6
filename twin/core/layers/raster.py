"""A raster of values draped on the terrain (a viewshed, hours of sun): coloured through a
colormap, with a legend, what is below ``hide_below`` or without data left transparent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from twin.core.layers.base import DataLayer
from twin.core.layers.temporal import Legend


@dataclass(eq=False)
class RasterDrapeLayer(DataLayer):
    """``categories``: labels of the values 1, 2… (a class map, 0 hidden); without them the
    values run through ``colormap`` from ``vmin`` to ``vmax`` (default: the data's range)."""

    colormap: str = "inferno"
    vmin: float | None = None
    vmax: float | None = None
    hide_below: float | None = None
    title: str = ""
    unit: str = ""
    categories: tuple[str, ...] = ()
    kind: ClassVar[str] = "raster-drape"

    def __post_init__(self):
        super().__post_init__()
        self.categories = tuple(self.categories)
        if self.vmin is not None and self.vmax is not None and not self.vmin < self.vmax:
            raise ValueError(f"vmin must be below vmax, got {self.vmin} and {self.vmax}")

    def limits(self, values=None) -> tuple[float, float]:
        """The values the colormap spans."""
        import numpy as np
        if self.categories:
            return 1.0, float(max(len(self.categories), 2))
        data = self.data.values if values is None and self.data is not None else values
        finite = np.asarray(data, float)[np.isfinite(data)] if data is not None else np.empty(0)
        lo = self.vmin if self.vmin is not None else (float(finite.min()) if len(finite) else 0.0)
        hi = self.vmax if self.vmax is not None else (float(finite.max()) if len(finite) else 1.0)
        return lo, hi if hi > lo else lo + 1.0

    def legend(self, public: bool = False) -> Legend:
        import matplotlib
        from twin.core.i18n import number, tr
        cmap = matplotlib.colormaps[self.colormap]
        lo, hi = self.limits()

        def rgb(v):
            return tuple(int(round(255 * c)) for c in cmap((v - lo) / (hi - lo))[:3])
        if self.categories:
            entries = [(rgb(i + 1), tr(label)) for i, label in enumerate(self.categories)]
        else:
            steps = [hi - (hi - lo) * k / 4 for k in range(5)]
            entries = [(rgb(v), f"{number(v, 1)} {tr(self.unit)}".strip()) for v in steps]
        return Legend(tr(self.title) if self.title else self.name, entries)
