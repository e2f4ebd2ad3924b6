"""Property-based tests of table ingest: a CSV of any content is either refused with a
DataError naming the file, or every row is accounted for (stored, duplicate or rejected
with its reason), and nothing unstorable reaches the store."""

import math
import tempfile
from pathlib import Path

import pandas as pd
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from twin.core.errors import DataError  # noqa: E402
from twin.feeds.store import SqliteStore  # noqa: E402
from twin.feeds.tables import ingest_table  # noqa: E402

NOW = pd.Timestamp("2026-06-21T12:00:00Z")
FAST = "/dev/shm" if Path("/dev/shm").is_dir() else None
cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=',;\t"\r\n|'), max_size=12)
when = st.one_of(st.datetimes().map(lambda d: d.isoformat()),
                 st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
                 st.from_regex(r"\A20\d\d-[01]\d-[0-3]\d[ T][0-2]\d:[0-5]\d(:[0-5]\d)?(Z|[+-]0[0-2]:00)?\Z"), cell)
number = st.one_of(st.floats(allow_nan=True).map(repr), st.integers(-10 ** 20, 10 ** 20).map(str), cell)
row = st.tuples(cell, st.sampled_from(["noise", "temperature", "count", "humidity"]) | cell, when, number)


def _ingest(text: str, **kw):
    with tempfile.TemporaryDirectory(dir=FAST) as tmp:
        path = Path(tmp) / "history.csv"
        path.write_text(text, encoding="utf-8")
        with SqliteStore(Path(tmp) / "s.db") as store:
            done = ingest_table(path, store, now=NOW, **kw)
            rows = store.db.execute("SELECT sensor, value FROM readings").fetchall()
    return done, rows


@given(st.lists(row, min_size=1, max_size=25), st.sampled_from([None, "Europe/Paris"]))
@example([("s", "noise", "2026-10-25 02:30", "50")], "Europe/Paris")       # the ambiguous autumn hour
def test_fuzz_every_row_is_accounted_for(rows, zone):
    text = "sensor,quantity,time,value\n" + "".join(",".join(r) + "\n" for r in rows)
    try:
        done, stored = _ingest(text, timezone=zone)
    except DataError as exc:          # refused as a whole: named, never a traceback
        assert "history.csv" in exc.message
        return
    assert done.stored + done.duplicates + done.rejected == len(rows)
    assert len(stored) == done.stored
    assert all(isinstance(s, str) and s.strip() and math.isfinite(v) for s, v in stored)


@given(st.text(max_size=300))
@example("")              # found by fuzzing: csv.Error ("Could not determine delimiter") escaped
def test_fuzz_any_text_is_read_or_refused(text):
    try:
        done, stored = _ingest(text, quantity="noise")
    except DataError as exc:
        assert "history.csv" in exc.message
        return
    assert len(stored) == done.stored
