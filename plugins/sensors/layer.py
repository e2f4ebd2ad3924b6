"""``kind = "sensors"``: positions from a vector file, readings from a store: a SQLite file
or the PostgreSQL store one ingester fills for the kiosk and every workstation
(``store = "postgresql://user@host/db"``, its password where libpq looks: never in the scene)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd

from twin.api import DataError, History, Legend, TemporalLayer, Trace, number, parse_duration, scene_path, tr
from twin.api import message

NO_DATA, OK, WARN, ALARM = 0, 1, 2, 3
COLORS = np.array([[0x9e, 0x9e, 0x9e], [0x2e, 0x7d, 0x32], [0xf9, 0xa8, 0x25], [0xc6, 0x28, 0x28]], np.uint8)


@dataclass
class SensorsData:
    table: object                   # the positions' VectorTable (attributes for picking)
    ids: np.ndarray                 # (N,) str
    points: np.ndarray              # (N, 3) float32 relative to the scene origin
    bounds: tuple
    store_path: Path | str          # a file, or a postgresql:// address
    _store: object = field(default=None, repr=False)

    def store(self):
        """The store, opened once (asked at every timeline step and every second when
        live); None while the ingester has not created its file yet."""
        from twin.feeds.store import SqliteStore
        if self._store is None and isinstance(self.store_path, Path) and self.store_path.is_file():
            self._store = SqliteStore(self.store_path)
        return self._store

    def values_at(self, quantity: str, when: datetime | None, max_age: timedelta | None = None) -> np.ndarray:
        """(N,) float, NaN where a sensor has no reading at ``when`` younger than ``max_age``
        (a silent sensor must not look fine)."""
        store = self.store()
        if store is None:
            return np.full(len(self.ids), np.nan)
        found = store.values_at(quantity, when)
        if max_age is not None and when is not None:
            found = {s: tv for s, tv in found.items() if when - tv[0] <= max_age}
        return np.array([found[s][1] if s in found else np.nan for s in self.ids])


@dataclass(eq=False)
class SensorsLayer(TemporalLayer):
    store: str = ""                 # the readings store (relative to the scene file)
    quantity: str = "noise"
    unit: str = ""                  # of the quantity, for the legend and charts: "dB(A)"
    warn: float = 55.0              # at or above: amber
    alarm: float = 65.0             # at or above: red, drawn larger
    max_age: str = "PT1H"           # a reading older than this at the instant: sensor silent
    height: float = 4.0             # metres above the ground
    height_field: str = ""          # a column giving each sensor's own height (a mast, a façade)
    id_field: str = "sensor"
    kind: ClassVar[str] = "sensors"

    def __post_init__(self):
        super().__post_init__()
        if parse_duration(self.max_age, "max_age") <= timedelta(0):
            raise ValueError(f"max_age must be a positive duration, got {self.max_age!r}")
        if self.alarm < self.warn:
            raise ValueError(f"alarm ({self.alarm}) is below warn ({self.warn})")

    def values(self, current: datetime | None) -> np.ndarray:
        """Each sensor's value at the instant shown for timeline time ``current``."""
        when = self.instant(current) if current is not None else None
        return self.data.values_at(self.quantity, when, parse_duration(self.max_age))

    def store_path(self, scene) -> Path | str:
        """The store; a CSV or Parquet history (a bundled replay) is loaded once into a
        cached store, refreshed when the table changes."""
        if self.store.startswith(("postgresql://", "postgres://")):
            return self.store
        path = scene_path(scene, self.store)
        if path.suffix.lower() not in (".csv", ".parquet", ".pq"):
            return path
        if not path.is_file():
            raise DataError(message("readings table not found"), path=path)
        from twin.feeds.store import SqliteStore
        from twin.feeds.tables import ingest_table
        from twin.lod.cache import cached_copy
        db = cached_copy(path, ".replay.db")
        if not db.is_file():
            db.parent.mkdir(parents=True, exist_ok=True)
            part = db.with_name(db.name + ".part")
            part.unlink(missing_ok=True)
            with SqliteStore(part) as store:
                ingest_table(path, store)
            part.replace(db)
        return db

    def build(self, table, scene, ground, feedback) -> SensorsData:
        frame = table.frame
        if self.id_field not in frame.columns:
            raise DataError(message("has no '{}' column naming each sensor").format(self.id_field), path=self.source,
                            hint=message("columns are: {}; set id_field on the layer").format(
                                     ', '.join(map(str, frame.columns.drop('geometry')))))
        if not self.store:
            raise DataError(message("names no readings store"), path=self.source,
                            hint=message("set store = \"sensors.db\" on the layer (what twin ingest writes)"))
        pts = frame.geometry.representative_point()
        x, y = pts.x.to_numpy(), pts.y.to_numpy()
        lift = np.full(len(frame), self.height)
        if self.height_field:
            if self.height_field not in frame.columns:
                raise DataError(message("has no '{}' column for the sensors' heights").format(
                                    self.height_field),
                                path=self.source, hint=message("set height_field to one of its columns, or "
                                                               "leave it empty"))
            own = pd.to_numeric(frame[self.height_field], errors="coerce").to_numpy(float)
            lift = np.where(np.isfinite(own), own, lift)      # a sensor without one: the layer's
        z = ground.sample(x, y) + lift
        xyz = np.column_stack([x, y, z])
        lo, hi = xyz.min(axis=0), xyz.max(axis=0)
        data = SensorsData(table, frame[self.id_field].astype(str).to_numpy(),
                           (xyz - np.asarray(scene.origin)).astype(np.float32),
                           (*map(float, lo), *map(float, hi)), self.store_path(scene))
        if isinstance(data.store_path, str):   # a server: reached now, so that a refusal is this layer's error
            from twin.feeds.pgstore import PostgresStore
            data._store = PostgresStore(data.store_path, scene.path or self.source)
        return data

    def time_extent(self):
        store = self.data.store() if self.data is not None else None
        return store.extent(self.quantity) if store is not None else None

    def levels(self, values: np.ndarray) -> np.ndarray:
        out = np.full(len(values), NO_DATA, np.int8)
        ok = np.isfinite(values)
        out[ok] = np.where(values[ok] >= self.alarm, ALARM, np.where(values[ok] >= self.warn, WARN, OK))
        return out

    def _unit(self) -> str:
        return f" {self.unit}" if self.unit else ""

    def legend(self, public: bool) -> Legend:
        """Titled by the layer's name, and the quantity when the name does not say it."""
        u, quantity = self._unit(), tr(self.quantity)
        if quantity.lower() in self.name.lower():
            title = tr("{}, in {}").format(self.name, self.unit) if self.unit else self.name
        else:
            title = (tr("{}: {} ({})").format(self.name, quantity, self.unit) if self.unit
                     else tr("{}: {}").format(self.name, quantity))
        return Legend(title, [
            (tuple(COLORS[ALARM]), f"≥ {number(self.alarm)}{u}"),
            (tuple(COLORS[WARN]), f"{number(self.warn)} – {number(self.alarm)}{u}"),
            (tuple(COLORS[OK]), f"< {number(self.warn)}{u}"),
            (tuple(COLORS[NO_DATA]), tr("silent for over {}").format(_plain(self.max_age)))])

    def history_of(self, row: int, current: datetime, public: bool) -> History | None:
        store = self.data.store() if self.data is not None else None
        if store is None:
            return None
        start, end = self.history_span(current)
        sensor = str(self.data.ids[row])
        times, values = store.history(sensor, self.quantity, start, end)
        return History(f"{sensor}: {self.quantity}", self.unit, [Trace(sensor, times, values)], end, start, end,
                       thresholds=[(f"warn {self.warn:g}", self.warn, tuple(COLORS[WARN])),
                                   (f"alarm {self.alarm:g}", self.alarm, tuple(COLORS[ALARM]))])


def _plain(duration: str) -> str:
    """PT1H → "1 h", P2D → "2 d": durations as a legend says them."""
    seconds = int(parse_duration(duration).total_seconds())
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"
