"""``kind = "pins"``: points stood up as pins of a given height on the terrain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from twin.api import DataLayer


@dataclass
class PinData:
    table: object                 # the VectorTable, for picking
    base: np.ndarray              # (N, 3) float32, relative to the scene origin
    top: np.ndarray
    bounds: tuple


@dataclass(eq=False)
class PinLayer(DataLayer):
    height: float = 30.0
    kind: ClassVar[str] = "pins"

    def build(self, table, scene, ground, feedback) -> PinData:
        geoms = table.frame.geometry
        x, y = geoms.x.to_numpy(), geoms.y.to_numpy()
        z = ground.sample(x, y)
        origin = np.asarray(scene.origin)
        base = (np.column_stack([x, y, z]) - origin).astype(np.float32)
        top = base + np.float32([0, 0, self.height])
        lo, hi = np.column_stack([x, y, z]).min(axis=0), np.column_stack([x, y, z + self.height]).max(axis=0)
        return PinData(table, base, top, (*map(float, lo), *map(float, hi)))
