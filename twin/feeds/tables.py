"""History from tables: CSV or Parquet files of readings in long form, one row a reading:
``sensor, time, value`` plus ``quantity`` (or one given for the whole file) and an
optional ``unit``. Times need an offset ("2026-06-21T10:00:00+02:00", "…Z"); a file of
local times without one is read only when its time zone is stated, never guessed.
Rows are validated like live readings; bad rows are rejected with their reason, the
good ones stored, duplicates ignored."""

from __future__ import annotations

import csv

from pathlib import Path

import numpy as np
import pandas as pd

from twin.core.errors import DataError
from twin.feeds.readings import FUTURE, RANGES, Rejected
from twin.feeds.store import Batch, SqliteStore
from twin.core.timeline import utc_times
from twin.core.i18n import message

REQUIRED = ("sensor", "time", "value")


def read_table(path: Path) -> pd.DataFrame:
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            return pd.read_parquet(path)
        return pd.read_csv(path, dtype={"sensor": str}, sep=None, engine="python")
    except csv.Error as exc:          # the python engine's delimiter sniffing: an empty file
        raise DataError(message("cannot be read as a table of readings ({})").format(exc), path=path,
                        hint=message("a header line sensor,time,value[,quantity][,unit] and one reading a "
                                     "row")) from None
    except (OSError, ValueError, pd.errors.ParserError, ImportError) as exc:
        raise DataError(message("cannot be read as a table of readings ({})").format(exc), path=path) from None


def ingest_table(path: Path, store: SqliteStore, quantity: str | None = None,
                 timezone: str | None = None, now: pd.Timestamp | None = None) -> Batch:
    frame = read_table(path)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if "quantity" not in frame.columns and quantity is None:
        missing.append("quantity (or give one with --quantity)")
    if missing:
        raise DataError(message("has no column {}").format(', '.join(missing)), path=path,
                        hint=message("columns found: {}").format(', '.join(map(str, frame.columns))))
    if "quantity" not in frame.columns:
        frame["quantity"] = quantity
    times = utc_times(frame["time"], timezone, path)
    values = pd.to_numeric(frame["value"], errors="coerce")
    limit = (now or pd.Timestamp.now(tz="UTC")) + FUTURE
    lo = frame["quantity"].map(lambda q: RANGES.get(q, (-np.inf, np.inf))[0])
    hi = frame["quantity"].map(lambda q: RANGES.get(q, (-np.inf, np.inf))[1])
    reasons = np.select(
        [frame["sensor"].isna() | (frame["sensor"].astype(str).str.strip() == ""), times.isna(),
         ~np.isfinite(values), (values < lo) | (values > hi), times > limit],
        ["no_sensor", "bad_time", "bad_value", "out_of_range", "future_time"], default="")
    good = reasons == ""
    units = frame["unit"].astype(object).where(frame["unit"].notna(), None) if "unit" in frame.columns \
        else pd.Series([None] * len(frame), dtype=object)
    time_us = times[good].dt.as_unit("us").astype("int64")
    rows = list(zip(frame["sensor"][good].astype(str), frame["quantity"][good].astype(str),
                    time_us.tolist(), values[good].astype(float).tolist(), units[good].tolist()))
    rejected = [Rejected(r, f"{path.name} row {i + 2}: {r.replace('_', ' ')}")
                for i, r in zip(np.flatnonzero(~good), reasons[~good])]
    total = Batch()
    for k in range(0, max(len(rows), len(rejected), 1), 20_000):
        done = store.write_rows(rows[k:k + 20_000], rejected[k:k + 20_000])
        total.stored += done.stored
        total.duplicates += done.duplicates
        total.rejected += done.rejected
    return total
