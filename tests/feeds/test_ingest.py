"""Uplinks → validated readings → the durable store, on real TTN v3 data and bad input."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from twin.core.errors import DataError
from twin.feeds.ingest import ingest
from twin.feeds.lorawan import parse_uplink
from twin.feeds.store import SqliteStore

TTN = "sensors/lorawan/ttn_v3_storage_uplinks_dragino_2023-06.ndjson"
SOIL = "eui-a8404194a1875ff3"


def ttn(device, when, **fields):
    return json.dumps({"end_device_ids": {"device_id": device}, "received_at": when,
                       "uplink_message": {"f_port": 2, "decoded_payload": fields}})


def test_real_ttn_uplinks_are_stored_once(shared, tmp_path):
    lines = (shared / TTN).read_bytes().splitlines()
    with SqliteStore(tmp_path / "s.db") as store:
        first = ingest(lines, store, {"temp_SOIL": "temperature", "Bat": "battery"})
        # 41 soil-sensor uplinks × 5 decoded fields; the 55 GPS uplinks carry no decoded payload
        assert (first.stored, first.duplicates, first.rejected) == (205, 0, 55)
        again = ingest(lines, store, {"temp_SOIL": "temperature", "Bat": "battery"})
        assert (again.stored, again.duplicates) == (0, 205)
        stats = store.stats()
        assert stats["readings"] == 205 and stats["sensors"] == 1 and stats["duplicates"] == 205
        assert stats["rejected"] == {"no_decoded_payload": 110}
        assert "payload formatter" in stats["last_rejection"]["no_decoded_payload"]
        times, values = store.history(SOIL, "battery")
        assert len(times) == 41 and np.all(np.diff(times.astype("int64")) > 0)
        assert values[0] == 3.384 and 3.0 < values.min() <= values.max() < 3.7
        when, value, unit = store.latest()[(SOIL, "temperature")]
        assert when.tzinfo is not None and when.year == 2023 and 23 < value < 26
        # the device's formatter sent "30.11 °C" at first, then bare "23.59": both are read
        units = [u for (u,) in store.db.execute(
            "SELECT unit FROM readings WHERE quantity = 'temperature' ORDER BY time_us")]
        assert units[:2] == ["°C", "°C"] and unit is None and units[-1] is None


def test_chirpstack_v4_uplinks():
    msg = {"deviceInfo": {"devEui": "0004a30b001c1234", "deviceName": "sonometre-grand-place"},
           "time": "2026-06-21T10:00:00.123456789+02:00", "object": {"LAeq": 61.5, "status": "ok"}}
    [reading], rejected = parse_uplink(msg, {"LAeq": "noise"})
    assert rejected == [] and reading.sensor == "sonometre-grand-place" and reading.quantity == "noise"
    assert reading.time == datetime(2026, 6, 21, 8, 0, 0, 123456, tzinfo=timezone.utc)


def _malformed(i: int) -> str:
    kinds = [
        lambda: "{not json",
        lambda: "[1, 2, 3]",
        lambda: json.dumps({"hello": "world"}),
        lambda: json.dumps({"end_device_ids": {}, "received_at": "2026-01-01T00:00:00Z",
                            "uplink_message": {"decoded_payload": {"noise": 50}}}),
        lambda: json.dumps({"end_device_ids": {"device_id": f"d{i}"}, "uplink_message": {"decoded_payload": {"noise": 50}}}),
        lambda: ttn(f"d{i}", "yesterday", noise=50),
        lambda: ttn(f"d{i}", "2026-01-01T00:00:00Z"),
        lambda: ttn(f"d{i}", "2026-01-01T00:00:00Z", noise="loud"),
        lambda: ttn(f"d{i}", "2026-01-01T00:00:00Z", noise=500),
        lambda: ttn(f"d{i}", "2999-01-01T00:00:00Z", noise=50),
        lambda: '{"end_device_ids": {"device_id": "x"}, "received_at": "2026-01-01T00:00:00Z", '
                '"uplink_message": {"decoded_payload": {"noise": NaN}}}',
        lambda: json.dumps({"end_device_ids": "not an object", "uplink_message": 3}),
    ]
    return kinds[i % len(kinds)]()


def test_a_thousand_malformed_messages_are_rejected_with_reasons(tmp_path):
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    messages, valid = [], 0
    for i in range(1000):
        messages.append(_malformed(i))
        if i % 10 == 0:   # valid messages in between
            messages.append(ttn("sonometre-1", (start + timedelta(minutes=i)).isoformat(), noise=40 + i % 30))
            valid += 1
    with SqliteStore(tmp_path / "s.db") as store:
        done = ingest(messages, store, {"noise": "noise"}, batch_size=64)
        stats = store.stats()
    assert done.stored == valid == stats["readings"] and done.rejected == 1000
    assert set(stats["rejected"]) == {"bad_json", "unknown_format", "no_sensor", "no_time", "bad_time",
                                      "no_decoded_payload", "bad_value", "out_of_range", "future_time",
                                      "bad_structure"}
    assert "500.0 outside [0, 150]" in stats["last_rejection"]["out_of_range"]


def _messages(n: int) -> str:
    start = datetime(2026, 3, 1, tzinfo=timezone.utc)
    return "\n".join(ttn(f"capteur-{i % 50}", (start + timedelta(seconds=i)).isoformat(),
                         noise=40 + i % 50, battery=3.3) for i in range(n)) + "\n"


def test_killed_mid_stream_then_restarted_loses_and_duplicates_nothing(tmp_path):
    source = tmp_path / "uplinks.ndjson"
    source.write_text(_messages(60_000))
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "twin", "ingest", str(source), "--store", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:   # wait until some batches are committed
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    if c.execute("SELECT COUNT(*) FROM readings").fetchone()[0] > 2000:
                        break
            except sqlite3.OperationalError:
                pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        committed = c.execute("SELECT COUNT(*) FROM readings").fetchone()[0]
    assert 0 < committed < 120_000
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with SqliteStore(db) as store:
        stats = store.stats()
    assert stats["readings"] == 120_000                 # every reading, once
    assert stats["duplicates"] == committed             # the committed part came again, ignored


def test_store_refuses_a_file_that_is_not_one(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not a database, just text " * 100)
    with pytest.raises(DataError, match="notes.db: is not a twin store"):
        SqliteStore(bogus)


def test_cli_ingest_and_stats(shared, tmp_path):
    db = tmp_path / "s.db"
    run = lambda *a: subprocess.run([sys.executable, "-m", "twin", *map(str, a)], capture_output=True, text=True)
    out = run("ingest", shared / TTN, "--store", db, "--map", "Bat=battery")
    assert out.returncode == 0 and out.stdout.startswith("205 readings stored, 0 duplicates ignored, 55 rejected")
    stats = json.loads(run("ingest-stats", "--store", db, "--json").stdout)
    assert stats["readings"] == 205 and stats["rejected"] == {"no_decoded_payload": 55}
    piped = subprocess.run([sys.executable, "-m", "twin", "ingest", "-", "--store", str(db), "--map", "Bat=battery"],
                           input=(shared / TTN).read_bytes(), capture_output=True)
    assert piped.returncode == 0 and b"205 duplicates ignored" in piped.stdout
    bad = run("ingest", shared / TTN, "--store", db, "--map", "Bat")
    assert bad.returncode == 2 and "must look like FIELD=QUANTITY" in bad.stderr
    assert run("ingest-stats", "--store", tmp_path / "none.db").returncode == 2
