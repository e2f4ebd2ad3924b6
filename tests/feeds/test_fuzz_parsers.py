"""Property-based tests of what comes off the network: LoRaWAN uplinks and SensorThings
Observations, as bytes, as JSON of any shape and as almost-right messages. The parsers
never raise; what they accept is a reading the store can hold; ingest stores each
accepted reading once. (The profile, fixed seed in CI, is in tests/conftest.py.)"""

import json
import math
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from twin.feeds.ingest import ingest  # noqa: E402
from twin.feeds.lorawan import parse_uplink  # noqa: E402
from twin.feeds.readings import Reading, Rejected, check  # noqa: E402
from twin.feeds.sensorthings import Datastream, ObservationTopics  # noqa: E402
from twin.feeds.store import SqliteStore  # noqa: E402

NOW = datetime(2026, 6, 21, 12, tzinfo=timezone.utc)
FAST = "/dev/shm" if Path("/dev/shm").is_dir() else None     # in memory: thousands of stores, fsyncs free

json_leaf = st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.floats(allow_nan=True) | st.text(max_size=20)
any_json = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)
times = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),                            # no offset
    st.datetimes(timezones=st.just(timezone.utc)).map(lambda d: d.isoformat().replace("+00:00", "Z")),
    st.from_regex(r"\A20\d\d-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\.\d{1,12}(Z|[+-]\d\d:\d\d)\Z"),
    st.text(max_size=30), any_json)
values = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-2 ** 70, 2 ** 70), st.booleans(),
                   st.from_regex(r"\A\s*[-+]?\d{1,4}(\.\d{0,3})?([eE][-+]?\d{1,3})?\s?[a-zA-Z°%]{0,4}\Z"),
                   st.text(max_size=12), any_json)
fields = st.dictionaries(st.sampled_from(["noise", "LAeq", "temperature", "battery", "humidity", "x"])
                         | st.text(max_size=8), values, max_size=5)
sensors = st.one_of(st.text(max_size=12), any_json)


@st.composite
def uplinks(draw):
    """TTN v3 (bare or as the Storage Integration wraps it) or ChirpStack v4, each part
    either right or anything."""
    sensor, when, payload = draw(sensors), draw(times), draw(fields | any_json)
    if draw(st.booleans()):
        msg = {"end_device_ids": draw(st.just({"device_id": sensor}) | any_json),
               "received_at": when, "uplink_message": draw(st.just({"decoded_payload": payload}) | any_json)}
        if draw(st.booleans()):
            msg = {"result": msg}
    else:
        msg = {"deviceInfo": draw(st.just({"deviceName": sensor}) | any_json), "time": when, "object": payload}
    for key in draw(st.lists(st.sampled_from(sorted(msg)), max_size=2)):     # a part missing
        msg.pop(key, None)
    return msg


def _accepted(readings: list, rejected: list) -> None:
    assert all(isinstance(r, Rejected) and r.reason for r in rejected)
    for r in readings:
        assert isinstance(r, Reading) and isinstance(r.sensor, str) and r.sensor
        assert isinstance(r.value, float) and r.time.tzinfo is not None and r.time.utcoffset().total_seconds() == 0


@given(st.binary(max_size=200) | st.text(max_size=200))
@example(b'{"end_device_ids": {"device_id": "x"}, "received_at": "0001-01-01T00:30:00+01:00", '
         b'"uplink_message": {"decoded_payload": {"noise": 50}}}')      # regression: before year 1 in UTC raised OverflowError
@example(b'{"deviceInfo": {"deviceName": "x"}, "time": "9999-12-31T23:30:00-01:00", "object": {"a": 1}}')
def test_fuzz_uplink_bytes_never_raise(raw):
    readings, rejected = parse_uplink(raw, {"LAeq": "noise"})
    _accepted(readings, rejected)
    assert readings or rejected


@given(uplinks(), st.booleans())
def test_fuzz_uplink_structures(msg, as_bytes):
    readings, rejected = parse_uplink(json.dumps(msg).encode() if as_bytes else msg, {"LAeq": "noise"})
    _accepted(readings, rejected)


@given(st.text(max_size=60) | st.sampled_from(["v1.1/Datastreams(7)/Observations",
                                               "v1.0/Datastreams('7')/Observations"]),
       st.binary(max_size=120) | st.builds(lambda o: json.dumps(o).encode(), any_json | st.fixed_dictionaries(
           {"phenomenonTime": times, "result": values})))
def test_fuzz_sensorthings_messages_never_raise(topic, payload):
    parser = ObservationTopics([Datastream("7", "sono-7", "noise", "dB(A)")])
    readings, rejected = parser.parse((topic, payload))
    _accepted(readings, rejected)
    assert len(readings) + len(rejected) == 1


@given(st.lists(uplinks(), max_size=30), st.integers(1, 8))
def test_fuzz_ingest_stores_each_accepted_reading_once(messages, batch):
    expected = {}
    for m in messages:
        for r in parse_uplink(m)[0]:
            if check(r, NOW) is None:
                expected[(r.sensor, r.quantity, round(r.time.timestamp() * 1e6))] = r.value
    with tempfile.TemporaryDirectory(dir=FAST) as tmp, SqliteStore(Path(tmp) / "s.db") as store:
        done = ingest(messages + messages, store, batch_size=batch, now=NOW)   # everything sent twice
        rows = store.db.execute("SELECT sensor, quantity, time_us, value FROM readings").fetchall()
    assert done.stored == len(rows) == len(expected)
    assert done.duplicates >= len(expected)
    assert all(math.isfinite(v) for *_, v in rows)
    assert {(s, q, t) for s, q, t, _ in rows} == set(expected)
