"""Meter series → consumption per building and period, vectorised with pandas.

A row is one interval: ``building`` (or ``meter`` joined to a building through a
``building`` column), ``time`` (start of the interval), ``value`` and, when steps vary,
``step`` as an ISO 8601 duration (PT10M, PT30M, PT1H). ``value`` is an energy (or volume)
per interval, summed over a period; as a mean power (``power = true``, W or kW as Enedis
load curves give), it is multiplied by the step's hours first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from twin.api import DataError, utc_times
from twin.core.timeline import DISPLAY_TZ
from twin.api import message

PERIODS = {"hour": "h", "day": "D", "month": "MS"}


@dataclass
class PeriodMatrix:
    buildings: np.ndarray       # (N,) str
    periods: np.ndarray         # (T,) datetime64[us] UTC starts, sorted
    values: np.ndarray          # (T, N) float64, NaN = no reading
    points: np.ndarray          # (N,) int: delivery points (distinct meters) per building
    period: str

    def index_at(self, when: np.datetime64) -> int | None:
        i = int(np.searchsorted(self.periods, when, side="right")) - 1
        if i < 0:
            return None
        end = (pd.Timestamp(self.periods[i]) + pd.tseries.frequencies.to_offset(PERIODS[self.period])).to_datetime64()
        return i if when < end else None


def _steps(frame: pd.DataFrame, path: Path) -> pd.Series:
    if "step" not in frame.columns:
        return pd.Series(pd.Timedelta(hours=1), index=frame.index)
    steps = pd.to_timedelta(frame["step"].astype(str).str.replace("PT", "", regex=False).str.lower(),
                            errors="coerce")
    if steps.isna().any():
        bad = frame["step"][steps.isna()].iloc[0]
        raise DataError(message("has a step {!r} that is not an ISO 8601 duration").format(bad), path=path,
                        hint=message("write steps as PT10M, PT30M, PT1H"))
    return steps


def _period_starts(times: pd.Series, period: str) -> pd.Series:
    """UTC start of each reading's hour, or of its day or month in Paris time: a day is
    the day its users live, not a UTC one."""
    if period == "hour":
        return times.dt.floor("h").dt.tz_localize(None)
    local = times.dt.tz_convert(DISPLAY_TZ)
    parts = pd.DataFrame({"year": local.dt.year, "month": local.dt.month,
                          "day": local.dt.day if period == "day" else 1})
    starts = pd.to_datetime(parts).dt.tz_localize(DISPLAY_TZ)   # midnight is never ambiguous in Paris
    return starts.dt.tz_convert("UTC").dt.tz_localize(None)


def read_series(path: Path, period: str = "day", power: bool = False,
                timezone: str | None = None) -> PeriodMatrix:
    if period not in PERIODS:
        raise DataError(message("period must be one of {}, got {!r}").format(', '.join(PERIODS), period), path=path)
    try:
        frame = pd.read_parquet(path) if path.suffix.lower() in (".parquet", ".pq") else pd.read_csv(path)
    except (OSError, ValueError, ImportError) as exc:
        raise DataError(message("cannot be read as a table of meter readings ({})").format(exc), path=path) from None
    missing = [c for c in ("building", "time", "value") if c not in frame.columns]
    if missing:
        raise DataError(message("has no column {}").format(', '.join(missing)), path=path,
                        hint=message("columns: {}").format(', '.join(map(str, frame.columns))))
    times = utc_times(frame["time"], timezone, path, 'timezone = "Europe/Paris" on the layer')
    values = pd.to_numeric(frame["value"], errors="coerce")
    if power:
        values = values * (_steps(frame, path).dt.total_seconds() / 3600.0)
    meters = frame["meter"].astype(str) if "meter" in frame.columns else frame["building"].astype(str)
    table = pd.DataFrame({"building": frame["building"].astype(str), "meter": meters,
                          "period": _period_starts(times, period), "value": values})
    table = table.dropna(subset=["period", "value"])
    if table.empty:
        raise DataError(message("holds no usable reading"), path=path)
    wide = table.pivot_table(index="period", columns="building", values="value", aggfunc="sum").sort_index()
    points = table.groupby("building")["meter"].nunique().reindex(wide.columns).to_numpy(int)
    return PeriodMatrix(np.asarray(wide.columns, dtype=str), wide.index.to_numpy().astype("datetime64[us]"),
                        wide.to_numpy(float), points, period)
