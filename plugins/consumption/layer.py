"""``kind = "consumption"``: footprints extruded LoD1, coloured by consumption."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from plugins.consumption.series import PeriodMatrix, read_series
from twin.api import DataError, DataLayer, match_ids, scene_path

MIN_POINTS = 10       # delivery points under which public modes show no figure (CNIL / open data)


@dataclass
class ConsumptionData:
    table: object                 # footprints + LoD1 attributes, for picking
    mesh: object                  # LoD1 blocks (twin Mesh), cell_data["feature"] = footprint row
    column: np.ndarray            # (N,) index into matrix.buildings, -1 when no series
    matrix: PeriodMatrix
    breaks: np.ndarray            # class limits (quantiles of all values), for the legend
    bounds: tuple

    def at(self, when, public: bool) -> np.ndarray:
        """(N,) consumption of each footprint over the period holding ``when``; NaN for no
        data, and in public scenes for buildings under MIN_POINTS delivery points."""
        out = np.full(len(self.column), np.nan)
        i = self.matrix.index_at(np.datetime64(when.replace(tzinfo=None), "us"))
        if i is None:
            return out
        ok = self.column >= 0
        if public:
            ok &= np.where(ok, self.matrix.points[np.maximum(self.column, 0)] >= MIN_POINTS, False)
        out[ok] = self.matrix.values[i, self.column[ok]]
        return out


@dataclass(eq=False)
class ConsumptionLayer(DataLayer):
    series: str = ""              # the meter table (relative to the scene file)
    building_field: str = "building"
    period: str = "day"           # hour | day | month
    power: bool = False           # values are mean power per step (W, kW), not energy
    timezone: str = ""            # of times written without an offset
    unit: str = "kWh"
    kind: ClassVar[str] = "consumption"

    def build(self, table, scene, ground, feedback) -> ConsumptionData:
        from twin.layers import BuildingsLayer
        from twin.loading import build_buildings
        frame = table.frame
        if self.building_field not in frame.columns:
            raise DataError(f"has no '{self.building_field}' column naming each building",
                            path=self.source, hint="set building_field on the layer")
        if not self.series:
            raise DataError("names no meter series", path=self.source, hint='set series = "…csv" on the layer')
        path = scene_path(scene, self.series)
        matrix = read_series(path, self.period, self.power, self.timezone or None)
        column = match_ids(frame[self.building_field], matrix.buildings, what="buildings",
                           source=self.source, table=path)
        blocks = build_buildings(BuildingsLayer(self.name, source=self.source), table, scene, ground)
        finite = matrix.values[np.isfinite(matrix.values)]
        breaks = np.quantile(finite, [0.2, 0.4, 0.6, 0.8]) if len(finite) else np.zeros(4)
        return ConsumptionData(blocks.table, blocks.mesh, column, matrix, breaks, blocks.bounds)
