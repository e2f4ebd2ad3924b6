"""``kind = "sensors"``: positions from a vector file, readings from a store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import ClassVar

import numpy as np

from twin.api import DataError, DataLayer, scene_path

NO_DATA, OK, WARN, ALARM = 0, 1, 2, 3


@dataclass
class SensorsData:
    table: object                   # the positions' VectorTable (attributes for picking)
    ids: np.ndarray                 # (N,) str
    points: np.ndarray              # (N, 3) float32 relative to the scene origin
    bounds: tuple
    store_path: Path
    _store: object = field(default=None, repr=False)

    def values_at(self, quantity: str, when: datetime | None) -> np.ndarray:
        """(N,) float, NaN where a sensor has no reading yet at ``when``. The store is
        opened once (asked at every timeline step and every second when live)."""
        from twin.feeds.store import SqliteStore
        if self._store is None:
            if not self.store_path.is_file():   # the ingester has not started yet
                return np.full(len(self.ids), np.nan)
            self._store = SqliteStore(self.store_path)
        found = self._store.values_at(quantity, when)
        return np.array([found[s][1] if s in found else np.nan for s in self.ids])


@dataclass(eq=False)
class SensorsLayer(DataLayer):
    store: str = ""                 # the readings store (relative to the scene file)
    quantity: str = "noise"
    warn: float = 55.0              # at or above: amber
    alarm: float = 65.0             # at or above: red, drawn larger
    height: float = 4.0             # metres above the ground
    id_field: str = "sensor"
    kind: ClassVar[str] = "sensors"

    def store_path(self, scene) -> Path:
        """The store; a CSV or Parquet history (a bundled replay) is loaded once into a
        cached store, refreshed when the table changes."""
        path = scene_path(scene, self.store)
        if path.suffix.lower() not in (".csv", ".parquet", ".pq"):
            return path
        if not path.is_file():
            raise DataError("readings table not found", path=path)
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
            raise DataError(f"has no '{self.id_field}' column naming each sensor", path=self.source,
                            hint=f"columns are: {', '.join(map(str, frame.columns.drop('geometry')))}; "
                                 f"set id_field on the layer")
        if not self.store:
            raise DataError("names no readings store", path=self.source,
                            hint='set store = "sensors.db" on the layer (what twin ingest writes)')
        pts = frame.geometry.representative_point()
        x, y = pts.x.to_numpy(), pts.y.to_numpy()
        z = ground.sample(x, y) + self.height
        xyz = np.column_stack([x, y, z])
        lo, hi = xyz.min(axis=0), xyz.max(axis=0)
        return SensorsData(table, frame[self.id_field].astype(str).to_numpy(),
                           (xyz - np.asarray(scene.origin)).astype(np.float32),
                           (*map(float, lo), *map(float, hi)), self.store_path(scene))

    def levels(self, values: np.ndarray) -> np.ndarray:
        out = np.full(len(values), NO_DATA, np.int8)
        ok = np.isfinite(values)
        out[ok] = np.where(values[ok] >= self.alarm, ALARM, np.where(values[ok] >= self.warn, WARN, OK))
        return out
