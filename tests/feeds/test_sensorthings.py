"""SensorThings API 1.1: the real FROST responses of BGS, served from a loopback HTTP
server, paged through @iot.nextLink, filtered by time, into the store."""

import json
import subprocess
import sys
import threading
import urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from twin.core.errors import TwinError
from twin.feeds.sensorthings import SensorThingsClient, ingest_datastream, observation_reading
from twin.feeds.store import SqliteStore

STA = "sensors/sensorthings"


@pytest.fixture
def frost(shared):
    """A loopback FROST stand-in: Datastream 92 and its 101 real Observations, 40 a page."""
    by_foi = json.loads((shared / STA / "bgs_frost_v1.1_datastreams_by_featureofinterest.json").read_text())
    stream = next(d for ds in by_foi.values() for d in ds if d["@iot.id"] == 92)
    stream = {**stream, "ObservedProperty": {"name": "water level"}}
    observations = json.loads((shared / STA / "bgs_frost_v1.1_observations_101.json").read_text())
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            seen.append(self.path)
            url = urllib.parse.urlparse(self.path)
            query = urllib.parse.parse_qs(url.query)
            if url.path == "/v1.1/Datastreams(92)":
                return self.reply(stream)
            if url.path == "/v1.1/Datastreams(92)/Observations":
                skip = int(query.get("$skip", ["0"])[0])
                page = {"value": observations[skip:skip + 40]}
                if skip + 40 < len(observations):
                    q = {**{k: v[0] for k, v in query.items()}, "$skip": str(skip + 40)}
                    page["@iot.nextLink"] = f"http://127.0.0.1:{port}{url.path}?{urllib.parse.urlencode(q)}"
                return self.reply(page)
            if url.path == "/v1.1/Datastreams(7)":
                return self.reply({"name": "elsewhere"})
            if url.path == "/v1.1/Datastreams(7)/Observations":
                return self.reply({"value": [], "@iot.nextLink": "http://198.51.100.7/steal"})
            if url.path == "/v1.1/Datastreams(8)":
                self.send_response(200)
                self.end_headers()
                return self.wfile.write(b"<html>not json</html>")
            self.send_response(404)
            self.end_headers()

        def reply(self, data):
            body = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/v1.1", seen
    server.shutdown()


def test_real_observations_are_paged_and_stored(frost, tmp_path):
    root, seen = frost
    with SqliteStore(tmp_path / "s.db") as store:
        done = ingest_datastream(SensorThingsClient(root), 92, store)
        assert (done.stored, done.rejected) == (101, 0)
        assert sum("/Observations" in p for p in seen) == 3          # 40 + 40 + 21
        times, values = store.history("GGA01_01 Water Level mbd", "water level")
        assert len(times) == 101 and str(times[0]).startswith("2023-01-22")
        (_, quantity), (when, value, unit) = next(iter(store.latest().items()))
        assert quantity == "water level" and unit == "m"
        again = ingest_datastream(SensorThingsClient(root), 92, store)
        assert (again.stored, again.duplicates) == (0, 101)


def test_time_window_goes_to_the_server_as_a_filter(frost, tmp_path):
    root, seen = frost
    start = datetime(2023, 3, 1, tzinfo=timezone.utc)
    with SqliteStore(tmp_path / "s.db") as store:
        ingest_datastream(SensorThingsClient(root), 92, store, start=start)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(seen[1]).query)
    assert query["$filter"] == ["phenomenonTime ge 2023-03-01T00:00:00.000000Z"]
    assert query["$orderby"] == ["phenomenonTime asc"]


def test_interval_times_and_bad_results():
    r = observation_reading({"phenomenonTime": "2023-01-01T00:00:00Z/2023-01-01T01:00:00Z", "result": 2.5},
                            "s", "q", "m")
    assert r.time == datetime(2023, 1, 1, 1, tzinfo=timezone.utc) and r.value == 2.5
    assert observation_reading({"phenomenonTime": "2023-01-01T00:00:00Z", "result": "high"}, "s", "q", None).reason == "bad_value"
    assert observation_reading({"result": 1}, "s", "q", None).reason == "bad_time"
    assert observation_reading([1], "s", "q", None).reason == "bad_structure"


def test_bad_servers_get_clear_errors(frost, tmp_path):
    root, _ = frost
    client = SensorThingsClient(root)
    with SqliteStore(tmp_path / "s.db") as store:
        with pytest.raises(TwinError, match="link to another host"):
            ingest_datastream(client, 7, store)
        with pytest.raises(TwinError, match="not JSON"):
            client.datastream(8)
        with pytest.raises(TwinError, match="answered 404"):
            client.datastream(404)
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]          # nothing listens there once closed
    with pytest.raises(TwinError, match="cannot reach the server"):
        SensorThingsClient(f"http://127.0.0.1:{closed}/v1.1", timeout=2).datastream(1)
    with pytest.raises(TwinError, match="not a SensorThings service address"):
        SensorThingsClient("ftp://example/v1.1")


def test_cli_reads_a_datastream(frost, tmp_path):
    root, _ = frost
    db = tmp_path / "s.db"
    out = subprocess.run([sys.executable, "-m", "twin", "ingest", root, "--datastream", "92",
                          "--store", str(db), "--since", "2023-04-01T00:00:00Z"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Datastream 92: ") and "0 rejected" in out.stdout
    missing = subprocess.run([sys.executable, "-m", "twin", "ingest", root, "--store", str(db)],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "--datastream" in missing.stderr


def test_observation_topics_parse_what_the_mqtt_extension_publishes():
    from twin.feeds.sensorthings import Datastream, ObservationTopics, version_of
    topics = ObservationTopics([Datastream("92", "GGA01", "water level", "m")], version_of("https://x/FROST/v1.1/"))
    assert topics.topics == ["v1.1/Datastreams(92)/Observations"]
    good, bad = topics.parse(("v1.1/Datastreams(92)/Observations",
                              b'{"phenomenonTime": "2023-01-22T10:00:00Z", "result": 3.2}'))
    assert bad == [] and (good[0].sensor, good[0].quantity, good[0].value, good[0].unit) == ("GGA01", "water level", 3.2, "m")
    for topic, payload, reason in (("v1.1/Datastreams(93)/Observations", b"{}", "unknown_device"),
                                   ("v1.1/Things(92)", b"{}", "unknown_device"),
                                   ("v1.1/Datastreams(92)/Observations", b"{not json", "bad_json"),
                                   ("v1.1/Datastreams(92)/Observations", b'{"result": 1}', "bad_time"),
                                   ("v1.1/Datastreams(92)/Observations",
                                    b'{"phenomenonTime": "2023-01-22T10:00:00Z", "result": "high"}', "bad_value")):
        good, bad = topics.parse((topic, payload))
        assert good == [] and bad[0].reason == reason, (topic, payload, bad)


def test_live_observations_over_mqtt(frost, shared, tmp_path):
    """`twin ingest mqtt://… --sensorthings URL`: names from the service over HTTP, the
    real Observations published on the Datastream's topic through a real Mosquitto."""
    import time

    from tests.feeds.broker import Mosquitto
    from tests.feeds.test_mqtt import publisher, wait_for
    root, _ = frost
    observations = json.loads((shared / STA / "bgs_frost_v1.1_observations_101.json").read_text())
    broker = Mosquitto(tmp_path / "broker").start()
    db = tmp_path / "live.db"
    proc = subprocess.Popen([sys.executable, "-m", "twin", "ingest", broker.url, "--sensorthings", root,
                             "--datastream", "92", "--store", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: db.is_file(), 30)
        time.sleep(1.0)                                  # subscribed
        pub = publisher(broker.port)
        for obs in observations:
            pub.publish("v1.1/Datastreams(92)/Observations", json.dumps(obs), qos=1).wait_for_publish()
        pub.publish("v1.1/Datastreams(92)/Observations", b"<html>", qos=1).wait_for_publish()
        with SqliteStore(db) as store:
            assert wait_for(lambda: store.stats()["readings"] == 101 and store.stats()["rejected_total"] == 1, 30), \
                store.stats()
            times, values = store.history("GGA01_01 Water Level mbd", "water level")
            assert len(times) == 101 and str(times[0]).startswith("2023-01-22")
            assert store.stats()["rejected"] == {"bad_json": 1}
        pub.disconnect()
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
        broker.stop()
    assert proc.returncode == 0, err
    assert "v1.1/Datastreams(92)/Observations" in err and "101 readings stored" in out
