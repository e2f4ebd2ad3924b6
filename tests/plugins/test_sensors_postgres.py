"""One store for every screen: a sensors layer reading the PostgreSQL store that one
`twin ingest` fills from a real broker, following it live; no password in the scene."""

import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import paho.mqtt.client as mqtt
import pytest

from tests.feeds.broker import Mosquitto
from tests.feeds.pgserver import temporary_server
from tests.plugins.test_sensors import POSITIONS
from twin.core.errors import DataError
from twin.feeds.pgstore import PostgresStore
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import load_scene

SCENE = '''format = 1
name = "capteurs partagés"
crs = "EPSG:2154"

[[layers]]
name = "Bruit (LoRa)"
kind = "sensors"
source = "capteurs.geojson"
store = "{store}"
quantity = "noise"
max_age = "P3650D"
'''


@pytest.fixture(scope="module")
def postgres():
    server = temporary_server()
    yield server
    server.stop()


def _scene(tmp_path, store: str) -> Path:
    (tmp_path / "capteurs.geojson").write_text(POSITIONS, encoding="utf-8")
    path = tmp_path / "scene.toml"
    path.write_text(SCENE.format(store=store), encoding="utf-8")
    return path


def _uplink(sensor: str, when: datetime, noise: float) -> bytes:
    return json.dumps({"end_device_ids": {"device_id": sensor}, "received_at": when.isoformat(),
                       "uplink_message": {"decoded_payload": {"LAeq": noise}}}).encode()


def _until(predicate, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_the_layer_follows_an_ingester_writing_to_postgresql(postgres, tmp_path):
    with PostgresStore(postgres.dsn) as store:
        store.db.execute("TRUNCATE readings, counters, rejections")
    broker = Mosquitto(tmp_path / "broker").start()
    ingester = subprocess.Popen(
        [sys.executable, "-m", "twin", "ingest", broker.url, "--store", postgres.dsn, "--map", "LAeq=noise",
         "--client-id", "twin-pg-screens"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pub = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="test-publisher")
    pub.connect("127.0.0.1", broker.port)
    pub.loop_start()
    try:
        scene = load_scene(_scene(tmp_path, postgres.dsn))
        results = load_scene_data(scene)
        assert all(r.error is None for r in results), [r.error for r in results]
        apply_results(results)
        layer = scene.layers.find("Bruit (LoRa)")
        now = datetime.now(timezone.utc).replace(microsecond=0)
        first = now - timedelta(minutes=10)
        assert np.isnan(layer.values(None)).all()             # nothing ingested yet

        def send_first():   # sent again until the ingester, starting, has subscribed: duplicates then
            for sensor, noise in (("sono-1", 48.0), ("sono-2", 66.0)):
                pub.publish(f"v3/arras@ttn/devices/{sensor}/up", _uplink(sensor, first, noise), qos=1)
            time.sleep(0.4)
            return np.array_equal(layer.values(now)[:2], [48.0, 66.0])
        assert _until(send_first), \
            (layer.values(now), ingester.stderr.read() if ingester.poll() is not None else "")
        assert np.isnan(layer.values(now)[2])                       # sono-3 has said nothing
        assert layer.levels(layer.values(now)).tolist() == [1, 3, 0]
        # a new reading: the same open layer sees it, as every screen on this store does
        pub.publish("v3/arras@ttn/devices/sono-1/up", _uplink("sono-1", now, 71.0), qos=1).wait_for_publish(5)
        assert _until(lambda: layer.values(now)[0] == 71.0)
        assert layer.values(first + timedelta(minutes=1))[0] == 48.0     # the timeline goes back
        assert layer.time_extent() == (first, now)
        times, values = layer.data.store().history("sono-1", "noise")
        assert values.tolist() == [48.0, 71.0]
    finally:
        pub.loop_stop()
        ingester.terminate()
        out, err = ingester.communicate(timeout=30)
        broker.stop()
    assert ingester.returncode == 0, err
    assert "3 readings stored" in out and "postgres@" not in out + err


def test_a_password_in_the_scene_is_refused(tmp_path, postgres):
    with_password = postgres.dsn.replace("postgres@", "postgres:hunter2@")
    scene = load_scene(_scene(tmp_path, with_password))
    [result] = [r for r in load_scene_data(scene) if r.error is not None]
    assert "holds a password" in result.error and "PGPASSWORD" in result.error and "~/.pgpass" in result.error
    assert "hunter2" not in result.error and "scene.toml" in result.error


def test_the_password_comes_from_libpq_conventions(tmp_path, postgres, monkeypatch):
    """A server asking for a password: PGPASSWORD or a 0600 PGPASSFILE gives it, as psycopg
    (libpq) reads them; the address never has to."""
    import psycopg
    with psycopg.connect(postgres.dsn, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS planner")
        admin.execute("CREATE ROLE planner LOGIN PASSWORD 'hunter2' SUPERUSER")
    dsn = postgres.dsn.replace("postgres@", "planner@")
    hba = postgres.data / "pg_hba.conf"
    hba.write_text("host all planner 127.0.0.1/32 scram-sha-256\n" + hba.read_text())
    postgres.reload()
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(DataError, match="password"):
        PostgresStore(dsn)
    monkeypatch.setenv("PGPASSWORD", "hunter2")
    with PostgresStore(dsn) as store:
        assert store.stats()["store"].startswith("127.0.0.1")
    monkeypatch.delenv("PGPASSWORD")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{postgres.port}:*:planner:hunter2\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    with PostgresStore(dsn) as store:
        assert "readings" in store.stats()
    os.remove(passfile)
