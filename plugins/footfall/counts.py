"""Footfall tables → a (slots × zones) matrix of counts, vectorised.

Long form: ``zone, time, count`` (time = start of the slot). Wide form, as counter
networks export it: ``date, hour`` ("6:00-6:59") and one column per zone. Times without
an offset are read in the layer's stated time zone (never guessed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from twin.api import DataError, utc_times
from twin.api import message

ON_LAYER = 'timezone = "Europe/Paris" on the layer'


@dataclass
class CountMatrix:
    zones: np.ndarray          # (N,) str
    slots: np.ndarray          # (T,) datetime64[us] UTC, sorted, slot starts
    counts: np.ndarray         # (T, N) float32, NaN = not counted
    slot: np.timedelta64       # slot length

    @property
    def busy(self) -> float:
        """A busy slot's count (99th percentile): the scale of the columns."""
        if not hasattr(self, "_busy"):
            finite = self.counts[np.isfinite(self.counts)]
            self._busy = float(np.percentile(finite, 99)) if len(finite) else 0.0
        return self._busy

    def index_at(self, when: np.datetime64) -> int | None:
        """The slot holding ``when``, None outside the counted period."""
        i = int(np.searchsorted(self.slots, when, side="right")) - 1
        if i < 0 or when >= self.slots[i] + self.slot:
            return None
        return i

    def before(self, i: int, delta: np.timedelta64) -> int | None:
        """The slot ``delta`` before slot ``i`` (a week: same weekday and hour), if counted."""
        j = int(np.searchsorted(self.slots, self.slots[i] - delta))
        return j if j < len(self.slots) and self.slots[j] == self.slots[i] - delta else None

    def series(self, column: int, start: np.datetime64, end: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
        """Slot starts and counts of one zone over [start, end]."""
        lo, hi = np.searchsorted(self.slots, [start, end], side="right")
        lo = max(lo - 1, 0)
        return self.slots[lo:hi], self.counts[lo:hi, column].astype(float)


def _read(path: Path) -> pd.DataFrame:
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            return pd.read_parquet(path)
        return pd.read_csv(path)
    except (OSError, ValueError, ImportError) as exc:
        raise DataError(message("cannot be read as a table of counts ({})").format(exc), path=path) from None


def _long_to_wide(frame: pd.DataFrame, times: pd.Series) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """(zones, slots × zones counts, slot times) from long rows, by integer codes and one
    bincount (pivot_table takes seconds on a year of hourly counts); counts of a zone and
    slot given twice add up, a cell never given stays NaN."""
    keep = times.notna().to_numpy()
    zone_code, zones = pd.factorize(frame["zone"].astype(str).to_numpy()[keep], sort=True)
    time_code, slots = pd.factorize(times[keep].dt.tz_localize(None).to_numpy(), sort=True)
    counts = pd.to_numeric(frame["count"], errors="coerce").to_numpy(float)[keep]
    flat = time_code * len(zones) + zone_code
    size = len(slots) * len(zones)
    given = np.isfinite(counts)
    sums = np.bincount(flat[given], weights=counts[given], minlength=size)
    seen = np.bincount(flat[given], minlength=size) > 0
    values = np.where(seen, sums, np.nan).reshape(len(slots), len(zones)).astype(np.float32)
    return np.asarray(zones), values, pd.Series(pd.DatetimeIndex(slots).tz_localize("UTC"))


def read_counts(path: Path, timezone: str | None = None) -> CountMatrix:
    frame = _read(path)
    if {"date", "hour"} <= set(frame.columns):          # wide: one column per zone
        start = frame["hour"].astype(str).str.split("-").str[0].str.strip()
        local = pd.to_datetime(frame["date"].astype(str) + " " + start, errors="coerce")
        zones = [c for c in frame.columns if c not in ("date", "hour", "year")]
        values = frame[zones].apply(pd.to_numeric, errors="coerce").to_numpy(np.float32)
        times = utc_times(local, timezone, path, ON_LAYER)
    elif {"zone", "time", "count"} <= set(frame.columns):   # long
        zones, values, times = _long_to_wide(frame, utc_times(frame["time"], timezone, path, ON_LAYER))
    else:
        raise DataError(message("is neither a long table (zone, time, count) nor a wide one (date, hour, a "
                                "column per zone)"), path=path, hint=message("columns: {}").format(
                                                                  ', '.join(map(str, frame.columns))))
    keep = times.notna().to_numpy()
    slots = times[keep].dt.tz_localize(None).to_numpy().astype("datetime64[us]")
    slots, first = np.unique(slots, return_index=True)   # sorted; a repeated row counts once
    values = values[keep][first]
    if not len(slots):
        raise DataError(message("holds no counted slot"), path=path)
    step = np.median(np.diff(slots)) if len(slots) > 1 else np.timedelta64(1, "h")
    return CountMatrix(np.asarray(zones, dtype=str), slots, values, step)
