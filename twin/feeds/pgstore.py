"""The same store on PostgreSQL (psycopg 3), for when several machines share one: the
ingester feeding the kiosk and the planners' workstations.

Same tables, same guarantees as the SQLite store: one transaction per batch, the primary
key (sensor, quantity, time) turning a re-sent reading into a counted duplicate, even
when two ingesters write at once (``ON CONFLICT DO NOTHING``). Rows go through COPY into
a temporary table, then one INSERT … SELECT, so a batch costs one round trip or two.

The address never holds the password (refused: twin.feeds.credentials); libpq finds it
as it always does, in PGPASSWORD or ~/.pgpass (0600)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import datetime, timezone

from twin.core.errors import DataError
from twin.feeds.credentials import refuse_password
from twin.feeds.readings import Rejected
from twin.feeds.store import KEEP_EXAMPLES, Batch, StoreBase, _us
from twin.core.i18n import message

SCHEMA = """
CREATE TABLE IF NOT EXISTS readings (
    sensor TEXT NOT NULL, quantity TEXT NOT NULL, time_us BIGINT NOT NULL,
    value DOUBLE PRECISION NOT NULL, unit TEXT,
    PRIMARY KEY (sensor, quantity, time_us));
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS rejections (
    id BIGSERIAL PRIMARY KEY, reason TEXT NOT NULL, detail TEXT, at_us BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS rejections_reason ON rejections (reason);
"""


class PostgresStore(StoreBase):
    PLACEHOLDER = "%s"
    def __init__(self, dsn: str, scene_file: str | None = None):
        import psycopg
        refuse_password(dsn, scene_file)
        self.path = dsn.split("@")[-1]          # for messages: never the user
        self._lock = threading.RLock()
        try:
            self.db = psycopg.connect(dsn, autocommit=True, connect_timeout=10)
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(2154)")   # two first starts at once
                self.db.execute(SCHEMA)
        except psycopg.Error as exc:
            raise DataError(message("cannot open the PostgreSQL store at {} ({})").format(
                                self.path, str(exc).strip()[:200]),
                            hint=message("check the address, that the server runs and that the user may "
                                         "create tables")) from None

    def write_rows(self, rows: list[tuple], rejected: Iterable[Rejected] = ()) -> Batch:
        rejected = list(rejected)
        batch = Batch(rejected=len(rejected))
        now = _us(datetime.now(timezone.utc))
        with self._lock, self.db.transaction():
            cur = self.db.cursor()
            if rows:
                cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming (LIKE readings) ON COMMIT DELETE ROWS")
                with cur.copy("COPY incoming (sensor, quantity, time_us, value, unit) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cur.execute("INSERT INTO readings SELECT * FROM incoming ON CONFLICT DO NOTHING")
                batch.stored = cur.rowcount
                batch.duplicates = len(rows) - batch.stored
            for name, by in (("stored", batch.stored), ("duplicates", batch.duplicates),
                             *((f"rejected:{r.reason}", 1) for r in rejected)):
                if by:
                    cur.execute("INSERT INTO counters VALUES (%s, %s) ON CONFLICT (name) DO UPDATE "
                                "SET value = counters.value + excluded.value", (name, by))
            if rejected:
                cur.executemany("INSERT INTO rejections (reason, detail, at_us) VALUES (%s, %s, %s)",
                                [(r.reason, r.detail[:500], now) for r in rejected])
                for reason in {r.reason for r in rejected}:
                    cur.execute("DELETE FROM rejections WHERE reason = %s AND id NOT IN (SELECT id FROM "
                                "rejections WHERE reason = %s ORDER BY id DESC LIMIT %s)",
                                (reason, reason, KEEP_EXAMPLES))
        return batch

    def values_at(self, quantity: str, when: datetime | None = None) -> dict[str, tuple[datetime, float]]:
        limit = _us(when) if when else 2 ** 62
        with self._lock:
            rows = self.db.execute(
                "SELECT DISTINCT ON (sensor) sensor, time_us, value FROM readings WHERE quantity = %s "
                "AND time_us <= %s ORDER BY sensor, time_us DESC", (quantity, limit)).fetchall()
        return {s: (datetime.fromtimestamp(t / 1e6, timezone.utc), v) for s, t, v in rows}

    def latest(self) -> dict[tuple[str, str], tuple[datetime, float, str | None]]:
        with self._lock:
            rows = self.db.execute(
                "SELECT DISTINCT ON (sensor, quantity) sensor, quantity, time_us, value, unit FROM readings "
                "ORDER BY sensor, quantity, time_us DESC").fetchall()
        return {(s, q): (datetime.fromtimestamp(t / 1e6, timezone.utc), v, u) for s, q, t, v, u in rows}


def is_address(spec) -> bool:
    return str(spec).startswith(("postgresql://", "postgres://"))


def open_store(spec, scene_file=None):
    """A store from a file path (SQLite) or a ``postgresql://`` address (from a scene file
    when ``scene_file`` says which, for the messages)."""
    from twin.feeds.store import SqliteStore
    if is_address(spec):
        return PostgresStore(str(spec), scene_file)
    return SqliteStore(spec)
