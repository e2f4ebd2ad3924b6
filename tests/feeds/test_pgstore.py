"""The store on a real PostgreSQL server: the same answers as SQLite on real TTN data, and
two ingesters writing at once store every reading once."""

import subprocess
import sys

import pytest

from tests.feeds.pgserver import temporary_server
from twin.core.errors import DataError
from twin.feeds.ingest import ingest
from twin.feeds.pgstore import PostgresStore, open_store
from twin.feeds.store import SqliteStore

TTN = "sensors/lorawan/ttn_v3_storage_uplinks_dragino_2023-06.ndjson"


@pytest.fixture(scope="module")
def postgres():
    server = temporary_server()
    yield server
    server.stop()


@pytest.fixture
def pg_store(postgres):
    store = PostgresStore(postgres.dsn)
    store.db.execute("TRUNCATE readings, counters, rejections")
    yield store
    store.close()


def test_same_answers_as_sqlite_on_real_uplinks(shared, pg_store, tmp_path):
    lines = (shared / TTN).read_bytes().splitlines()
    mapping = {"temp_SOIL": "temperature", "Bat": "battery"}
    with SqliteStore(tmp_path / "s.db") as lite:
        for store in (lite, pg_store):
            first = ingest(lines, store, mapping)
            again = ingest(lines, store, mapping)
            assert (first.stored, first.rejected, again.stored, again.duplicates) == (205, 55, 0, 205)
        a, b = lite.stats(), pg_store.stats()
        for key in ("readings", "sensors", "stored", "duplicates", "rejected", "rejected_total"):
            assert a[key] == b[key], key
        ta, va = lite.history("eui-a8404194a1875ff3", "battery")
        tb, vb = pg_store.history("eui-a8404194a1875ff3", "battery")
        assert (ta == tb).all() and (va == vb).all()
        assert lite.latest() == pg_store.latest()
        assert lite.values_at("temperature", None) == pg_store.values_at("temperature", None)
        cut = ta[20].astype("datetime64[us]").item().replace(tzinfo=__import__("datetime").timezone.utc)
        assert lite.values_at("battery", cut) == pg_store.values_at("battery", cut)
        extent = lite.extent("battery")
        assert extent == pg_store.extent("battery") and extent[0] < cut < extent[1]
        assert lite.extent("no such quantity") is None and pg_store.extent("no such quantity") is None


def test_two_ingesters_at_once_store_each_reading_once(shared, postgres, pg_store):
    cmd = [sys.executable, "-m", "twin", "ingest", str(shared / TTN), "--store", postgres.dsn]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert all("postgres@" not in out + err for out, err in outs)           # no credentials printed
    stats = pg_store.stats()
    assert stats["readings"] == 205 and stats["stored"] == 205 and stats["duplicates"] == 205
    listed = subprocess.run([sys.executable, "-m", "twin", "ingest-stats", "--store", postgres.dsn, "--json"],
                            capture_output=True, text=True)
    assert listed.returncode == 0 and '"readings": 205' in listed.stdout


def test_unreachable_server_is_a_clear_error(tmp_path):
    from tests.feeds.broker import free_port
    with pytest.raises(DataError, match="cannot open the PostgreSQL store at 127.0.0.1"):
        open_store(f"postgresql://twin@127.0.0.1:{free_port()}/twin")
