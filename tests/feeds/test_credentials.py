"""Secrets off the command line and out of scene files: addresses with a password are
refused with the way to give it; password files must be their owner's alone; mqtts://
verifies the broker's certificate (a real Mosquitto with a TLS listener and logins)."""

import os
import signal
import subprocess
import sys
import time

import paho.mqtt.client as mqtt
import pytest

from tests.feeds.broker import Mosquitto, throwaway_ca
from tests.feeds.test_mqtt import uplink, wait_for
from twin.core.errors import DataError, TwinError
from twin.feeds.credentials import MQTT_PASSWORD_ENV, broker_password, has_password, read_secret_file
from twin.feeds.mqtt import BrokerAddress, MqttIngester
from twin.feeds.store import SqliteStore


def twin(*args, env=None):
    return subprocess.run([sys.executable, "-m", "twin", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=60)


@pytest.mark.parametrize("hint, args", [
    ("--password-file", ("ingest", "mqtt://ingest:s3cret@broker.example:1883", "--store", "s.db")),
    ("TWIN_MQTT_PASSWORD", ("ingest", "mqtts://ingest:s3cret@broker.example", "--store", "s.db")),
    ("without a password", ("ingest", "mqtt://broker.example", "--sensorthings",
                            "https://sta:s3cret@sta.example/v1.1", "--datastream", "1", "--store", "s.db")),
    ("PGPASSWORD", ("ingest", "readings.ndjson", "--store", "postgresql://twin:s3cret@db.example/twin")),
    ("~/.pgpass", ("ingest", "readings.ndjson", "--store", "postgresql://db.example/twin?password=s3cret")),
    ("PGPASSWORD", ("ingest-stats", "--store", "postgresql://twin:s3cret@db.example/twin")),
    ("PGPASSWORD", ("ingest-stats", "--store", "postgresql://twin@db.example/twin?password=s3cret")),
    ("--password-file", ("feed-demo", "--broker", "mqtt://demo:s3cret@broker.example")),
])
def test_a_password_on_the_command_line_is_refused(hint, args, tmp_path):
    out = twin(*args)
    assert out.returncode == 2 and out.stdout == ""
    assert "holds a password" in out.stderr and "every user of this machine" in out.stderr
    assert "s3cret" not in out.stderr and "Traceback" not in out.stderr
    assert hint in out.stderr


def test_addresses_without_a_password_pass():
    assert not has_password("mqtt://ingest@broker.example") and not has_password("postgresql://twin@db/twin")
    assert has_password("mqtts://u:p@h") and has_password("postgres://h/db?sslmode=require&password=x")


def test_password_files_must_be_their_owners_alone(tmp_path):
    secret = tmp_path / "broker.pw"
    secret.write_text("hunter2\n")
    for mode in (0o644, 0o640, 0o604):
        secret.chmod(mode)
        with pytest.raises(DataError, match="can be read by other users .* chmod 600"):
            read_secret_file(secret)
    secret.chmod(0o600)
    assert read_secret_file(secret) == "hunter2"
    assert broker_password(secret, environ={MQTT_PASSWORD_ENV: "other"}) == "hunter2"   # the file wins
    assert broker_password(None, environ={MQTT_PASSWORD_ENV: "from-env"}) == "from-env"
    assert broker_password(None, environ={}) is None
    empty = tmp_path / "empty.pw"
    empty.write_text("\n")
    empty.chmod(0o600)
    with pytest.raises(DataError, match="is empty"):
        read_secret_file(empty)
    with pytest.raises(DataError, match="password file not found"):
        read_secret_file(tmp_path / "none.pw")
    out = twin("ingest", "mqtt://ingest@127.0.0.1:1", "--store", tmp_path / "s.db", "--password-file", empty)
    assert out.returncode == 2 and "is empty" in out.stderr


@pytest.fixture
def tls_broker(tmp_path):
    ca, cert, key = throwaway_ca(tmp_path / "pki")
    passwords = tmp_path / "passwd"
    subprocess.run(["mosquitto_passwd", "-b", "-c", str(passwords), "ingest", "hunter2"], check=True)
    subprocess.run(["mosquitto_passwd", "-b", str(passwords), "sensor", "publisher-pw"], check=True)
    broker = Mosquitto(tmp_path / "broker", (ca, cert, key), passwords).start()
    yield broker, ca
    broker.stop()


def _publish(broker, ca, n: int) -> None:
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="test-publisher")
    client.username_pw_set("sensor", "publisher-pw")
    client.tls_set(ca_certs=str(ca))
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    for i in range(n):
        client.publish(f"v3/arras@ttn/devices/sonometre-{i % 7}/up", uplink(i), qos=1).wait_for_publish(5)
    client.disconnect()
    client.loop_stop()


def readings(db) -> int:
    if not db.exists():
        return 0
    with SqliteStore(db) as store:
        return store.stats()["readings"]


def test_mqtts_verifies_the_broker_and_logs_in(tls_broker, tmp_path):
    broker, ca = tls_broker
    address = f"mqtts://ingest@127.0.0.1:{broker.port}"
    with SqliteStore(tmp_path / "s.db") as store:
        # the system's CAs do not know this broker: refused at once, not retried for ever
        with pytest.raises(TwinError, match="is not trusted .*certificate.* --ca-file"):
            MqttIngester(BrokerAddress.parse(address, "hunter2"), ["v3/+/devices/+/up"], store).run(until=5)
        wrong = MqttIngester(BrokerAddress.parse(address, "wrong", str(ca)), ["v3/+/devices/+/up"], store)
        status = wrong.run(until=1.5)
        assert status.connections == 0 and "Not authorized" in status.last_error
    # the CLI: the password from the environment, the private CA given; runs as a service
    env = {**os.environ, MQTT_PASSWORD_ENV: "hunter2"}
    db = tmp_path / "cli.db"
    proc = subprocess.Popen([sys.executable, "-m", "twin", "ingest", address, "--ca-file", str(ca), "--store",
                             str(db), "--map", "LAeq=noise"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        log = broker.folder / "mosquitto.log"      # the first session: publish once it has subscribed
        assert wait_for(lambda: "as twin-ingest" in log.read_text(errors="replace"), timeout=30)
        time.sleep(0.5)
        _publish(broker, ca, 30)
        assert wait_for(lambda: readings(db) == 30, timeout=30)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "30 readings stored" in out and "hunter2" not in out + err
    # the same from a password file readable by its owner alone; the broker kept what came meanwhile
    _publish(broker, ca, 40)
    pw = tmp_path / "ingest.pw"
    pw.write_text("hunter2\n")
    pw.chmod(0o600)
    proc = subprocess.Popen([sys.executable, "-m", "twin", "ingest", address, "--ca-file", str(ca), "--store",
                             str(db), "--password-file", str(pw), "--map", "LAeq=noise"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: readings(db) == 40, timeout=30)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "10 readings stored, 30 duplicates ignored" in out, err
    untrusted = twin("ingest", address, "--store", db, env=env)
    assert untrusted.returncode == 2 and "is not trusted" in untrusted.stderr and "--ca-file" in untrusted.stderr
