"""The durable store of readings: SQLite in WAL mode, the embedded default.

Every reading is written, in one transaction per batch, before anything shows it; the
primary key (sensor, quantity, time) makes a re-sent message a counted duplicate rather
than a second row, so a replay or a broker's redelivery after a crash stores each
reading exactly once. WAL lets the app read while the ingester writes. Rejections are
counted per reason (with the last few examples kept) for `twin ingest-stats`.

A batch is acknowledged (to the broker, the caller) only once ``write`` returns, and
``synchronous=FULL`` makes that return wait for the WAL's fsync: an acknowledged reading
survives a power cut or an OS crash, not only a killed process (WAL with NORMAL may
lose the last commits to a power cut, after the broker has forgotten them). The cost is
one fsync per batch (benchmarks/bench_ingest.py measures it).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from twin.core.errors import DataError
from twin.feeds.readings import Reading, Rejected
from twin.core.i18n import message

SCHEMA = """
CREATE TABLE IF NOT EXISTS readings (
    sensor TEXT NOT NULL, quantity TEXT NOT NULL, time_us INTEGER NOT NULL,
    value REAL NOT NULL, unit TEXT,
    PRIMARY KEY (sensor, quantity, time_us)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rejections (
    id INTEGER PRIMARY KEY, reason TEXT NOT NULL, detail TEXT, at_us INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS rejections_reason ON rejections (reason);
"""
KEEP_EXAMPLES = 20     # rejected messages kept per reason, for diagnosis


def _us(when: datetime) -> int:
    return int(round(when.timestamp() * 1_000_000))


@dataclass
class Batch:
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0


class StoreBase:
    """What every store shares: readings to rows, the figures, a series, the context
    manager. Subclasses give ``db`` (a DB-API connection), ``_lock`` and ``PLACEHOLDER``."""

    db: object
    PLACEHOLDER = "?"

    def _query(self, sql: str, params: tuple = ()) -> list:
        with self._lock:
            return self.db.execute(sql.replace("?", self.PLACEHOLDER), params).fetchall()

    def stats(self) -> dict:
        counters = dict(self._query("SELECT name, value FROM counters"))
        examples: dict[str, str] = {}
        for reason, detail in self._query("SELECT reason, detail FROM rejections ORDER BY id DESC"):
            examples.setdefault(reason, detail)
        [(rows, sensors)] = self._query("SELECT COUNT(*), COUNT(DISTINCT sensor) FROM readings")
        rejected = {k.split(":", 1)[1]: v for k, v in counters.items() if k.startswith("rejected:")}
        return {"store": str(self.path), "readings": rows, "sensors": sensors,
                "stored": counters.get("stored", 0), "duplicates": counters.get("duplicates", 0),
                "rejected": dict(sorted(rejected.items())), "rejected_total": sum(rejected.values()),
                "last_rejection": examples}

    def extent(self, quantity: str) -> tuple[datetime, datetime] | None:
        """First and last reading of ``quantity``, None when there is none."""
        [(lo, hi)] = self._query("SELECT MIN(time_us), MAX(time_us) FROM readings WHERE quantity = ?", (quantity,))
        if lo is None:
            return None
        return (datetime.fromtimestamp(lo / 1e6, timezone.utc), datetime.fromtimestamp(hi / 1e6, timezone.utc))

    def history(self, sensor: str, quantity: str, start: datetime | None = None,
                end: datetime | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Times (datetime64[us], UTC) and values of one series, in time order."""
        lo = _us(start) if start else -(2 ** 62)
        hi = _us(end) if end else 2 ** 62
        rows = self._query("SELECT time_us, value FROM readings WHERE sensor = ? AND quantity = ? "
                           "AND time_us BETWEEN ? AND ? ORDER BY time_us", (sensor, quantity, lo, hi))
        data = np.array(rows, dtype=float).reshape(-1, 2)
        return data[:, 0].astype("int64").astype("datetime64[us]"), data[:, 1]

    def write(self, readings: Iterable[Reading], rejected: Iterable[Rejected] = ()) -> Batch:
        """One transaction: the readings (duplicates ignored and counted) and rejections."""
        rows = [(r.sensor, r.quantity, _us(r.time), float(r.value), r.unit) for r in readings]
        return self.write_rows(rows, rejected)

    def write_rows(self, rows: list[tuple], rejected: Iterable[Rejected] = ()) -> Batch:
        raise NotImplementedError

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SqliteStore(StoreBase):
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # one connection shared by the ingesting thread and readers, serialised by a lock
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                                      check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")     # WAL + FULL: durable at commit, power cut too
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise DataError(message("is not a twin store ({})").format(exc), path=self.path,
                            hint=message("give a new file name, or the store the ingester writes")) from None

    # -- writing ---------------------------------------------------------------------------
    def write_rows(self, rows: list[tuple], rejected: Iterable[Rejected] = ()) -> Batch:
        """Like ``write``, from ready rows (sensor, quantity, time in µs UTC, value, unit):
        the fast path for tables of history."""
        rejected = list(rejected)
        batch = Batch(rejected=len(rejected))
        now = _us(datetime.now(timezone.utc))
        with self._lock, self._transaction() as db:
            before = db.total_changes
            db.executemany("INSERT OR IGNORE INTO readings VALUES (?, ?, ?, ?, ?)", rows)
            batch.stored = db.total_changes - before
            batch.duplicates = len(rows) - batch.stored
            self._bump(db, "stored", batch.stored)
            self._bump(db, "duplicates", batch.duplicates)
            for rej in rejected:
                self._bump(db, f"rejected:{rej.reason}", 1)
                db.execute("INSERT INTO rejections (reason, detail, at_us) VALUES (?, ?, ?)",
                           (rej.reason, rej.detail[:500], now))
            for reason in {r.reason for r in rejected}:   # keep the latest few of each
                db.execute("DELETE FROM rejections WHERE reason = ? AND id NOT IN (SELECT id FROM "
                           "rejections WHERE reason = ? ORDER BY id DESC LIMIT ?)",
                           (reason, reason, KEEP_EXAMPLES))
        return batch

    def _transaction(self):
        db = self.db

        class _Tx:
            def __enter__(self):
                db.execute("BEGIN IMMEDIATE")
                return db

            def __exit__(self, kind, value, tb):
                db.execute("COMMIT" if kind is None else "ROLLBACK")
        return _Tx()

    @staticmethod
    def _bump(db, name: str, by: int) -> None:
        if by:
            db.execute("INSERT INTO counters VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
                       "value = value + excluded.value", (name, by))

    # -- reading ---------------------------------------------------------------------------
    def values_at(self, quantity: str, when: datetime | None = None) -> dict[str, tuple[datetime, float]]:
        """Each sensor's last reading of ``quantity`` at or before ``when`` (default: now),
        one indexed lookup per sensor: what a sensor layer shows at a timeline instant."""
        limit = _us(when) if when else 2 ** 62
        with self._lock:
            rows = self.db.execute(
                "SELECT s.sensor, (SELECT time_us || ' ' || value FROM readings r WHERE r.sensor = s.sensor "
                "AND r.quantity = ? AND r.time_us <= ? ORDER BY r.time_us DESC LIMIT 1) FROM "
                "(SELECT DISTINCT sensor FROM readings WHERE quantity = ?) s", (quantity, limit, quantity)).fetchall()
        out = {}
        for sensor, packed in rows:
            if packed is not None:
                t, v = packed.split(" ")
                out[sensor] = (datetime.fromtimestamp(int(t) / 1e6, timezone.utc), float(v))
        return out

    def latest(self) -> dict[tuple[str, str], tuple[datetime, float, str | None]]:
        """The last reading of every (sensor, quantity): what a live layer colours by."""
        with self._lock:
            rows = self.db.execute(
                "SELECT r.sensor, r.quantity, r.time_us, r.value, r.unit FROM readings r JOIN "
                "(SELECT sensor, quantity, MAX(time_us) AS t FROM readings GROUP BY sensor, quantity) m "
                "ON r.sensor = m.sensor AND r.quantity = m.quantity AND r.time_us = m.t").fetchall()
        return {(s, q): (datetime.fromtimestamp(t / 1e6, timezone.utc), v, u) for s, q, t, v, u in rows}
