"""History from CSV and Parquet tables, on real hourly building electricity (Cambridge)."""

import subprocess
import sys

import pandas as pd
import pytest

from twin.core.errors import DataError
from twin.feeds.store import SqliteStore
from twin.feeds.tables import ingest_table

CAMBRIDGE = "sensors/energy_cambridge_estates/UCam_Building_b0/electricity/2019.csv"


def test_real_hourly_electricity_with_local_times(shared, tmp_path):
    raw = pd.read_csv(shared / CAMBRIDGE)
    long = pd.DataFrame({"sensor": "UCam_Building_b0", "time": raw["datetime"],
                         "value": raw["equipment load [kWh]"], "unit": "kWh"})
    path = tmp_path / "b0.csv"
    long.to_csv(path, index=False)
    with SqliteStore(tmp_path / "s.db") as store:
        with pytest.raises(DataError, match="times without a UTC offset"):
            ingest_table(path, store, quantity="electricity")
        done = ingest_table(path, store, quantity="electricity", timezone="Europe/London")
        # the one ambiguous hour of the October change is refused, not guessed
        assert done.stored + done.rejected == len(long) and done.rejected <= 2
        assert set(store.stats()["rejected"]) <= {"bad_time"}
        times, values = store.history("UCam_Building_b0", "electricity")
        assert str(times[0]) == "2019-01-01T00:00:00.000000" and values[0] == 10.9   # GMT in January
        summer = store.values_at("electricity", pd.Timestamp("2019-07-01T11:30:00Z").to_pydatetime())
        assert summer["UCam_Building_b0"][0].hour == 11                          # 12:00 BST = 11:00 UTC
        again = ingest_table(path, store, quantity="electricity", timezone="Europe/London")
        assert again.stored == 0 and again.duplicates == done.stored


def test_parquet_with_offsets_and_bad_rows(tmp_path):
    frame = pd.DataFrame({
        "sensor": ["s1", "s1", "", "s2", "s2", "s3"],
        "quantity": ["noise"] * 6,
        "time": ["2026-06-21T10:00:00+02:00", "2026-06-21T10:10:00+02:00", "2026-06-21T10:00:00Z",
                 "not a time", "2999-01-01T00:00:00Z", "2026-06-21T10:00:00Z"],
        "value": ["55.5", "61", "50", "50", "50", "loud"]})
    frame.loc[len(frame)] = ["s4", "noise", "2026-06-21T10:00:00Z", "400"]
    path = tmp_path / "h.parquet"
    frame.to_parquet(path)
    with SqliteStore(tmp_path / "s.db") as store:
        done = ingest_table(path, store)
        assert (done.stored, done.rejected) == (2, 5)
        assert store.stats()["rejected"] == {"bad_time": 1, "bad_value": 1, "future_time": 1,
                                             "no_sensor": 1, "out_of_range": 1}
        assert "h.parquet row" in store.stats()["last_rejection"]["out_of_range"]
        times, _ = store.history("s1", "noise")
        assert str(times[0]) == "2026-06-21T08:00:00.000000"


def test_bad_tables_are_explained(tmp_path):
    no_value = tmp_path / "a.csv"
    no_value.write_text("sensor,time\ns1,2026-01-01T00:00:00Z\n")
    broken = tmp_path / "b.parquet"
    broken.write_bytes(b"PAR1 cut short")
    with SqliteStore(tmp_path / "s.db") as store:
        with pytest.raises(DataError, match="no column value, quantity"):
            ingest_table(no_value, store)
        with pytest.raises(DataError, match="b.parquet: cannot be read as a table"):
            ingest_table(broken, store)
    out = subprocess.run([sys.executable, "-m", "twin", "ingest", str(no_value), "--store", str(tmp_path / "s.db")],
                         capture_output=True, text=True)
    assert out.returncode == 2 and "a.csv: has no column value" in out.stderr
