"""Ingest rate into the SQLite store (messages/s), against the bare parse + sqlite insert
of the same rows in the same run; then the cost of durability at commit (synchronous=FULL,
one fsync per batch, against NORMAL) with batches of 500 (files, pipes), of 20 (MQTT with
Mosquitto's default of 20 unacknowledged messages in flight per client) and of 100 (with
``max_inflight_messages 100``, what the README recommends). The store is written in the
system's temporary folder: give TMPDIR the disk the real store sits on.

    python benchmarks/bench_ingest.py [MESSAGES]     (default 100 000 TTN v3 uplinks, 2 fields each)
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere
from twin.feeds.ingest import ingest  # noqa: E402
from twin.feeds.store import SqliteStore  # noqa: E402


def messages(n: int) -> list[bytes]:
    start = datetime(2026, 3, 1, tzinfo=timezone.utc)
    return [json.dumps({"end_device_ids": {"device_id": f"capteur-{i % 200}"},
                        "received_at": (start + timedelta(seconds=i)).isoformat(),
                        "uplink_message": {"decoded_payload": {"noise": 40 + i % 50, "battery": 3.3}}}
                       ).encode() for i in range(n)]


def rate(data: list[bytes], folder: Path, batch: int, synchronous: str) -> float:
    """Messages/s through ingest() into a fresh store with ``synchronous`` in force."""
    with SqliteStore(folder / f"{synchronous}-{batch}.db") as store:
        store.db.execute(f"PRAGMA synchronous={synchronous}")
        t = time.perf_counter()
        ingest(data, store, batch_size=batch)
        return len(data) / (time.perf_counter() - t)


def main(n: int = 100_000) -> None:
    data = messages(n)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        with SqliteStore(Path(tmp) / "twin.db") as store:
            done = ingest(data, store)
        twin = time.perf_counter() - t
        t = time.perf_counter()
        db = sqlite3.connect(Path(tmp) / "bare.db", isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE r (s TEXT, q TEXT, t TEXT, v REAL, PRIMARY KEY (s, q, t)) WITHOUT ROWID")
        for k in range(0, n, 500):
            rows = []
            for m in data[k:k + 500]:
                d = json.loads(m)
                for q, v in d["uplink_message"]["decoded_payload"].items():
                    rows.append((d["end_device_ids"]["device_id"], q, d["received_at"], v))
            db.execute("BEGIN")
            db.executemany("INSERT OR IGNORE INTO r VALUES (?, ?, ?, ?)", rows)
            db.execute("COMMIT")
        bare = time.perf_counter() - t
        small = data[: n // 5]     # small batches mean many commits: a fifth of the messages
        durability = {(batch, sync): rate(small if batch < 100 else data, Path(tmp), batch, sync)
                      for batch in (500, 100, 20) for sync in ("NORMAL", "FULL")}
    print(f"{n:,} uplinks, {done.stored:,} readings")
    print(f"  twin ingest (parse, validate, store)   {n / twin:9,.0f} messages/s")
    print(f"  bare json.loads + sqlite insert        {n / bare:9,.0f} messages/s  "
          f"(twin = {bare / twin:.2f}× the bare speed)")
    for batch in (500, 100, 20):
        normal, full = durability[(batch, "NORMAL")], durability[(batch, "FULL")]
        print(f"  batches of {batch:3}: synchronous=NORMAL {normal:9,.0f}  FULL (the store's) {full:9,.0f} "
              f"messages/s  (FULL = {full / normal:.2f}× NORMAL)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
