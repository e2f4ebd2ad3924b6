"""``kind = "consumption"``: footprints extruded LoD1, coloured by consumption."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from plugins.consumption.series import PERIODS, PeriodMatrix, read_series
from twin.api import DataError, History, Legend, TemporalLayer, Trace, match_ids, number, scene_path, tr, utc64
from twin.api import message

MIN_POINTS = 10       # delivery points under which public modes show no figure (CNIL / open data)
RAMP = np.array([[0xff, 0xf5, 0xd7], [0xfe, 0xd9, 0x76], [0xfd, 0xae, 0x4a], [0xf0, 0x6c, 0x2d],
                 [0xbd, 0x23, 0x1f]], np.uint8)
NONE = np.array([0xb0, 0xb0, 0xb0], np.uint8)


def classes(values: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Class 0–4 of each value, −1 for NaN."""
    out = np.searchsorted(breaks, values, side="right").astype(np.int64)
    out[~np.isfinite(values)] = -1
    return out


@dataclass
class ConsumptionData:
    table: object                 # footprints + LoD1 attributes, for picking
    mesh: object                  # LoD1 blocks (twin Mesh), cell_data["feature"] = footprint row
    column: np.ndarray            # (N,) index into matrix.buildings, -1 when no series
    matrix: PeriodMatrix
    breaks: np.ndarray            # class limits (quantiles of all values), for the legend
    bounds: tuple

    def shown(self, public: bool) -> np.ndarray:
        """(N,) footprints whose figures may be shown: with a series, and in public scenes
        with at least MIN_POINTS delivery points."""
        ok = self.column >= 0
        if public:
            ok &= np.where(ok, self.matrix.points[np.maximum(self.column, 0)] >= MIN_POINTS, False)
        return ok

    def at(self, when, public: bool) -> np.ndarray:
        """(N,) consumption of each footprint over the period holding ``when``; NaN for no
        data, and in public scenes for buildings under MIN_POINTS delivery points."""
        out = np.full(len(self.column), np.nan)
        i = self.matrix.index_at(utc64(when))
        if i is None:
            return out
        ok = self.shown(public)
        out[ok] = self.matrix.values[i, self.column[ok]]
        return out


@dataclass(eq=False)
class ConsumptionLayer(TemporalLayer):
    history: str = "P31D"
    series: str = ""              # the meter table (relative to the scene file)
    building_field: str = "building"
    period: str = "day"           # hour | day | month
    power: bool = False           # values are mean power per step (W, kW), not energy
    timezone: str = ""            # of times written without an offset
    unit: str = "kWh"
    kind: ClassVar[str] = "consumption"

    def time_extent(self):
        if self.data is None:
            return None
        periods = self.data.matrix.periods
        last = pd.Timestamp(periods[-1]) + pd.tseries.frequencies.to_offset(PERIODS[self.period])
        return (pd.Timestamp(periods[0]).tz_localize("UTC").to_pydatetime(),
                last.tz_localize("UTC").to_pydatetime())

    def legend(self, public: bool) -> Legend | None:
        if self.data is None:
            return None
        b = [number(float(f"{v:.3g}")) for v in self.data.breaks]
        labels = [f"< {b[0]}", *(f"{lo} – {hi}" for lo, hi in zip(b, b[1:])), f"≥ {b[-1]}"]
        hidden = tr("no data or under {} delivery points").format(MIN_POINTS) if public else tr("no data")
        return Legend(tr("{} ({} per {})").format(self.name, self.unit, tr(self.period)),
                      [*((tuple(c), label) for c, label in zip(RAMP[::-1], labels[::-1])), (tuple(NONE), hidden)])

    def history_of(self, row: int, current, public: bool) -> History | None:
        data = self.data
        if data is None or not data.shown(public)[row]:
            return None
        start, end = self.history_span(current)
        matrix, column = data.matrix, int(data.column[row])
        lo, hi = np.searchsorted(matrix.periods, [utc64(start), utc64(end)], side="right")
        name = str(data.table.frame[self.building_field].iloc[row])
        return History(f"{name}: consumption per {self.period}", self.unit,
                       [Trace(name, matrix.periods[max(lo - 1, 0):hi], matrix.values[max(lo - 1, 0):hi, column],
                              "bar", tuple(RAMP[3]))], end, start, end)

    def build(self, table, scene, ground, feedback) -> ConsumptionData:
        from twin.core.layers import BuildingsLayer
        from twin.io.kinds.buildings import build_buildings
        frame = table.frame
        if self.building_field not in frame.columns:
            raise DataError(message("has no '{}' column naming each building").format(self.building_field),
                            path=self.source, hint=message("set building_field on the layer"))
        if not self.series:
            raise DataError(message("names no meter series"), path=self.source, hint=message("set series = \"…csv\" on the layer"))
        path = scene_path(scene, self.series)
        matrix = read_series(path, self.period, self.power, self.timezone or None)
        column = match_ids(frame[self.building_field], matrix.buildings, what="buildings",
                           source=self.source, table=path)
        blocks = build_buildings(BuildingsLayer(self.name, source=self.source), table, scene, ground)
        finite = matrix.values[np.isfinite(matrix.values)]
        breaks = np.quantile(finite, [0.2, 0.4, 0.6, 0.8]) if len(finite) else np.zeros(4)
        return ConsumptionData(blocks.table, blocks.mesh, column, matrix, breaks, blocks.bounds)
