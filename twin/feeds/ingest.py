"""Messages in, readings stored: parse, validate, write in batches (one transaction each).

Used by `twin ingest` for files and pipes today; the batch is the unit of durability, so
a crash loses at most the batch in flight, which a replay (or the broker's redelivery)
brings back without duplicates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timezone

from twin.feeds.lorawan import parse_uplink
from twin.feeds.readings import check
from twin.feeds.store import Batch, SqliteStore

BATCH = 500      # messages per transaction


def ingest(messages: Iterable, store: SqliteStore, mapping: dict[str, str] | None = None,
           batch_size: int = BATCH, now: datetime | None = None,
           parse: Callable[[object], tuple[list, list]] | None = None) -> Batch:
    """``parse`` turns one message into (readings, rejections); by default a message is
    a LoRaWAN uplink whose decoded fields ``mapping`` renames into quantities."""
    parse = parse or (lambda message: parse_uplink(message, mapping))
    total = Batch()
    readings, rejected, pending = [], [], 0
    clock = now or datetime.now(timezone.utc)

    def flush():
        nonlocal readings, rejected, pending
        done = store.write(readings, rejected)
        total.stored += done.stored
        total.duplicates += done.duplicates
        total.rejected += done.rejected
        readings, rejected, pending = [], [], 0

    for message in messages:
        if isinstance(message, (bytes, str)) and not message.strip():
            continue   # blank lines between NDJSON records
        good, bad = parse(message)
        rejected += bad
        for reading in good:
            why = check(reading, clock)
            if why is None:
                readings.append(reading)
            else:
                rejected.append(why)
        pending += 1
        if pending >= batch_size:
            flush()
    flush()
    return total
