"""MQTT ingestion against a real Mosquitto on a loopback port: QoS 1 end to end, a broker
that goes away mid-stream, malformed messages, the CLI as a service."""

import json
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

import paho.mqtt.client as mqtt
import pytest

from tests.feeds.broker import Mosquitto
from twin.core.errors import TwinError
from twin.feeds.mqtt import BrokerAddress, MqttIngester
from twin.feeds.store import SqliteStore

TOPIC = "v3/arras@ttn/devices/{}/up"


@pytest.fixture
def broker(tmp_path):
    b = Mosquitto(tmp_path / "broker").start()
    yield b
    b.stop()


def uplink(i: int) -> bytes:
    when = datetime(2026, 5, 1, tzinfo=timezone.utc) + timedelta(seconds=i)
    return json.dumps({"end_device_ids": {"device_id": f"sonometre-{i % 7}"}, "received_at": when.isoformat(),
                       "uplink_message": {"decoded_payload": {"LAeq": 45 + i % 30}}}).encode()


def publisher(port: int) -> mqtt.Client:
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="test-publisher", clean_session=False)
    client.reconnect_delay_set(0.2, 1)
    client.connect("127.0.0.1", port)
    client.loop_start()
    return client


def run_ingester(broker, store, **kwargs):
    ingester = MqttIngester(broker.url, ["v3/+/devices/+/up"], store, {"LAeq": "noise"}, **kwargs)
    thread = threading.Thread(target=ingester.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not ingester.status.connected and time.monotonic() < deadline:
        time.sleep(0.02)
    assert ingester.status.connected, ingester.status.last_error
    time.sleep(0.2)   # subscribed
    return ingester, thread


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_broker_addresses():
    a = BrokerAddress.parse("mqtts://ingest@broker.example:8884", "s@cret")
    assert (a.host, a.port, a.tls, a.username, a.password) == ("broker.example", 8884, True, "ingest", "s@cret")
    assert "s@cret" not in repr(a)
    with pytest.raises(TwinError, match="holds a password"):
        BrokerAddress.parse("mqtts://ingest:s%40cret@broker.example:8884")
    assert BrokerAddress.parse("mqtt://127.0.0.1").port == 1883
    with pytest.raises(TwinError, match="not a broker address"):
        BrokerAddress.parse("http://127.0.0.1:1883")


def test_uplinks_and_garbage_over_mqtt(broker, tmp_path):
    with SqliteStore(tmp_path / "s.db") as store:
        ingester, thread = run_ingester(broker, store)
        pub = publisher(broker.port)
        for i in range(300):
            pub.publish(TOPIC.format("x"), uplink(i), qos=1)
            if i % 3 == 0:
                pub.publish(TOPIC.format("x"), b"\x00\xff not json", qos=1)
        assert wait_for(lambda: store.stats()["readings"] == 300 and store.stats()["rejected_total"] == 100)
        ingester.stop()
        thread.join(10)
        pub.loop_stop()
        stats = store.stats()
        assert stats["rejected"] == {"bad_json": 100} and stats["duplicates"] == 0


def test_broker_restarted_mid_stream_stores_every_message_once(broker, tmp_path):
    n = 1500
    with SqliteStore(tmp_path / "s.db") as store:
        ingester, thread = run_ingester(broker, store)
        pub = publisher(broker.port)
        for i in range(n):   # while the broker is down, paho queues QoS 1 messages to resend
            pub.publish(TOPIC.format("x"), uplink(i), qos=1)
            if i == n // 2:          # the broker goes away with messages in flight
                broker.stop()
                time.sleep(1.5)      # published meanwhile: queued by the publisher
            if i == n // 2 + 200:
                broker.start()
        assert wait_for(lambda: store.stats()["readings"] == n, 90), store.stats()
        ingester.stop()
        thread.join(10)
        pub.loop_stop()
        assert ingester.status.connections >= 2             # it came back by itself
        assert store.stats()["readings"] == n                # every message, exactly once


def test_cli_ingester_runs_as_a_service_and_stops_on_sigterm(broker, tmp_path):
    db = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-m", "twin", "ingest", broker.url, "--store", str(db),
                             "--map", "LAeq=noise"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: db.exists(), 20)
        time.sleep(1.0)   # connected and subscribed
        pub = publisher(broker.port)
        for i in range(50):
            pub.publish(TOPIC.format("y"), uplink(i), qos=1)

        def stored():
            with SqliteStore(db) as s:
                return s.stats()["readings"]
        assert wait_for(lambda: stored() == 50, 30)
        pub.loop_stop()
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert out.startswith("50 readings stored, 0 duplicates ignored, 0 rejected")


def test_ingester_killed_mid_stream_loses_and_duplicates_nothing(broker, tmp_path):
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "twin", "ingest", broker.url, "--store", str(db), "--map", "LAeq=noise"]

    def stored():
        if not db.exists():
            return 0
        with SqliteStore(db) as s:
            return s.stats()["readings"]

    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert wait_for(db.exists, 20)
    time.sleep(1.0)
    pub = publisher(broker.port)
    n = 3000
    for i in range(n):
        pub.publish(TOPIC.format("z"), uplink(i), qos=1)
        if i == 600:
            assert wait_for(lambda: stored() > 100, 20)
            first.send_signal(signal.SIGKILL)      # no goodbye, a batch possibly half-acked
            first.wait(10)
    killed_at = stored()
    assert 0 < killed_at < n
    second = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: stored() == n, 90), stored()
    finally:
        pub.loop_stop()
        second.send_signal(signal.SIGTERM)
        second.communicate(timeout=20)
    assert stored() == n                           # the broker kept the rest for the session


def test_feed_demo_drives_the_whole_chain(broker, tmp_path):
    db = tmp_path / "s.db"
    ingester = subprocess.Popen([sys.executable, "-m", "twin", "ingest", broker.url, "--store", str(db)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(db.exists, 20)
        time.sleep(1.0)
        fed = subprocess.run([sys.executable, "-m", "twin", "feed-demo", "--broker", broker.url,
                              "--speed", "1000000", "--limit", "400"], capture_output=True, text=True, timeout=120)
        assert fed.returncode == 0, fed.stderr
        assert fed.stdout.startswith("400 uplinks published to mqtt://127.0.0.1")

        def stored():
            with SqliteStore(db) as s:
                return s.stats()["readings"]
        assert wait_for(lambda: stored() == 400, 30), stored()
        with SqliteStore(db) as s:      # moved to the present: the sensors read as live
            latest = max(when for when, _v, _u in s.latest().values())
        assert abs((latest - datetime.now(timezone.utc)).total_seconds()) < 120
    finally:
        ingester.send_signal(signal.SIGTERM)
        ingester.communicate(timeout=20)
    from tests.feeds.broker import free_port
    dead = subprocess.run([sys.executable, "-m", "twin", "feed-demo", "--broker", f"mqtt://127.0.0.1:{free_port()}"],
                          capture_output=True, text=True, timeout=60)
    assert dead.returncode == 2 and "cannot reach the broker" in dead.stderr
