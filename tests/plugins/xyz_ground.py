"""A plugin adding a ground kind through the loader protocol (API 1.2), and nothing in
twin's loader: ``kind = "xyz"``, an ASCII elevation grid (one ``x y z`` line per node, as
IGN's RGE ALTI and many LiDAR DTMs are delivered) read without the importers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from twin.api import DataError, DataLayer, Plugin, RasterGrid


@dataclass(eq=False)
class XYZLayer(DataLayer):
    kind: ClassVar[str] = "xyz"


@dataclass
class XYZData:
    grid: RasterGrid              # a ground kind keeps its heights as ``grid``
    bounds: tuple


class XYZLoader:
    ground = True

    def read(self, layer: XYZLayer, scene, feedback) -> RasterGrid:
        from affine import Affine
        feedback.progress(0.0, f"Reading {layer.source.name}")
        try:
            xyz = np.loadtxt(layer.source, delimiter=None, ndmin=2)
        except (OSError, ValueError) as exc:
            raise DataError(f"is not an x y z grid ({exc})", path=layer.source,
                            hint="one line per node: easting northing height") from None
        if xyz.shape[1] != 3 or not len(xyz):
            raise DataError(f"has {xyz.shape[1]} columns, not 3 (x y z)", path=layer.source)
        xs, col = np.unique(xyz[:, 0], return_inverse=True)
        ys, row = np.unique(xyz[:, 1], return_inverse=True)
        steps = np.concatenate([np.diff(xs), np.diff(ys)])
        if len(xs) < 2 or len(ys) < 2 or not np.allclose(steps, steps[0]):
            raise DataError("its nodes are not on a regular grid", path=layer.source,
                            hint="give every node of a grid with the same spacing in x and y")
        step = float(steps[0])
        values = np.full((len(ys), len(xs)), np.nan, np.float32)
        values[len(ys) - 1 - row, col] = xyz[:, 2]          # north up
        if layer.crs is None:
            feedback.warn(f"{layer.source.name}: no CRS; assumed {scene.crs} (the scene's)")
        transform = Affine(step, 0.0, xs[0] - step / 2, 0.0, -step, ys[-1] + step / 2)
        return RasterGrid(values, transform, scene.crs, layer.source)

    def build(self, layer: XYZLayer, grid: RasterGrid, scene, ground, feedback) -> XYZData:
        x0, y0, x1, y1 = grid.bounds
        return XYZData(grid, (x0, y0, float(np.nanmin(grid.values)), x1, y1, float(np.nanmax(grid.values))))


@dataclass(eq=False)
class NoWayLayer(DataLayer):
    kind: ClassVar[str] = "noway"


def _register(reg):
    reg.layer_kind(XYZLayer, loader=XYZLoader())
    reg.layer_kind(NoWayLayer)            # neither a loader nor a build(): refused when loaded


plugin = Plugin("xyz-ground", _register, api="1.2")
