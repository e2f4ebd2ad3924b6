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
    opened: np.ndarray            # (N,) datetime64[s] UTC, NaT when unknown (always shown)


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
        opened = np.full(len(x), np.datetime64("NaT"), dtype="datetime64[s]")
        if "opened" in table.frame.columns:
            import pandas as pd
            when = pd.to_datetime(table.frame["opened"], utc=True, errors="coerce")
            opened = when.dt.tz_localize(None).to_numpy().astype("datetime64[s]")
        return PinData(table, base, top, (*map(float, lo), *map(float, hi)), opened)
