"""Acknowledged readings are durable: a writer killed at random points of its commit loop,
restarted from its last acknowledgement as a broker redelivers, leaves a clean store
holding every acknowledged reading exactly once."""

import random
import sqlite3
import subprocess
import sys
import threading
import time

from twin.feeds.store import SqliteStore

BATCHES, PER_BATCH = 2000, 20

# The child plays an ingester: it commits batch after batch and prints "ack N" only once
# batch N's write() has returned, the moment the broker would be told.
CHILD = f"""
import sys
from twin.feeds.readings import Rejected
from twin.feeds.store import SqliteStore
store = SqliteStore(sys.argv[1])
for b in range(int(sys.argv[2]), {BATCHES}):
    rows = [(f"s{{k % 17}}", "noise", (b * {PER_BATCH} + k) * 1_000_000, 40.0 + k % 30, "dB(A)")
            for k in range({PER_BATCH})]
    store.write_rows(rows, [Rejected("bad_json", f"batch {{b}}")] if b % 7 == 0 else [])
    sys.stdout.write(f"ack {{b}}\\n")
    sys.stdout.flush()
"""


def _run_until_killed(db, start: int, acks: int | None, jitter: float = 0.0) -> tuple[list[int], bool]:
    """Runs the child from batch ``start`` and SIGKILLs it ``jitter`` s after its ``acks``-th
    acknowledgement (0: while it starts; None: never); the batches it acknowledged, and
    whether it finished first. Kills follow the child's progress, not the clock, so they
    land inside the commit loop on a fast machine as on a slow one."""
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(start)],
                            stdout=subprocess.PIPE, text=True)
    acked: list[int] = []
    enough = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            if line.endswith("\n"):                # a line cut by the kill is no ack
                acked.append(int(line.split()[1]))
                if acks is not None and len(acked) >= acks:
                    enough.set()
        enough.set()                                 # the child ended

    reader = threading.Thread(target=read)
    reader.start()
    if acks == 0:
        enough.set()
    if acks is not None:
        enough.wait(timeout=120)
        time.sleep(jitter)                           # before, inside or after the next commit
        if proc.poll() is None:
            proc.kill()
    proc.wait(timeout=120)
    reader.join()
    return list(acked), proc.returncode == 0


def test_store_waits_for_fsync_at_commit(tmp_path):
    with SqliteStore(tmp_path / "s.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2     # FULL


def test_killed_at_random_points_of_the_commit_loop(tmp_path):
    db = tmp_path / "s.db"
    rng = random.Random(2154)
    acked: set[int] = set()
    next_batch, kills = 0, 0
    for _ in range(25):
        # while it imports and opens the store, or at a random point after one of its commits
        acks = 0 if rng.random() < 0.2 else rng.randint(1, 60)
        got, finished = _run_until_killed(db, next_batch, acks, rng.uniform(0.0, 0.3 if acks == 0 else 0.01))
        acked |= set(got)
        if got:
            next_batch = max(got) + 1      # the broker redelivers everything after the last ack
        if finished:
            break
        kills += 1
        with sqlite3.connect(db, timeout=5) as c:   # after every kill, before any recovery by the child
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            present = {t // 1_000_000 // PER_BATCH for (t,) in c.execute("SELECT time_us FROM readings")}
            assert acked <= present           # every acknowledged batch is there
    else:
        got, finished = _run_until_killed(db, next_batch, None)
        acked |= set(got)
    assert finished and kills >= 3 and acked == set(range(BATCHES))
    with SqliteStore(db) as store:
        stats = store.stats()
        [(rows, distinct)] = store.db.execute(
            "SELECT COUNT(*), COUNT(DISTINCT sensor || quantity || time_us) FROM readings").fetchall()
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert rows == distinct == BATCHES * PER_BATCH                        # each reading once
    # the counters moved in the same transactions as the rows: none counted twice either
    assert stats["stored"] == rows
    assert stats["rejected"]["bad_json"] >= len(range(0, BATCHES, 7))
