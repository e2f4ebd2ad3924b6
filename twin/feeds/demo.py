"""`twin feed-demo`: the demo's noise replay published to a broker as live LoRaWAN uplinks
(The Things Stack v3 format), so that a show runs the whole chain — broker, `twin ingest`,
store, the app's sensors — without a single real sensor. The replay is moved to the
present and sped up: its first reading is sent now, the others after their delay divided
by ``speed``, each stamped with the moment it is sent, as a live sensor's would be."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from twin.feeds.mqtt import BrokerAddress

DEMO_REPLAY = Path(__file__).resolve().parents[2] / "assets" / "demo" / "arras-centre" / "bruit.csv"
TOPIC = "v3/arras-demo@ttn/devices/{}/up"


def uplinks(replay: Path, start: datetime, speed: float = 1.0):
    """(delay in replay seconds, device, payload) in time order, stamped from ``start`` on
    the sped-up clock."""
    frame = pd.read_csv(replay)
    times = pd.to_datetime(frame["time"], utc=True)
    frame = frame.assign(offset=(times - times.min()).dt.total_seconds()).sort_values("offset")
    for offset, sensor, quantity, value in frame[["offset", "sensor", "quantity", "value"]].itertuples(index=False):
        when = start + timedelta(seconds=float(offset) / speed)
        yield float(offset), sensor, json.dumps({
            "end_device_ids": {"device_id": sensor, "application_ids": {"application_id": "arras-demo"}},
            "received_at": when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "uplink_message": {"f_port": 2, "decoded_payload": {quantity: float(value)}}})


def feed(url: str | BrokerAddress, replay: Path = DEMO_REPLAY, speed: float = 60.0, limit: int | None = None) -> int:
    """Publish at QoS 1; returns how many uplinks were published."""
    import paho.mqtt.client as mqtt
    address = url if isinstance(url, BrokerAddress) else BrokerAddress.parse(url)
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="twin-feed-demo")
    address.configure(client)
    client.connect(address.host, address.port)
    client.loop_start()
    began, sent, infos = time.monotonic(), 0, []
    try:
        for offset, sensor, payload in uplinks(replay, datetime.now(timezone.utc), speed):
            if limit is not None and sent >= limit:
                break
            wait = began + offset / speed - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            infos.append(client.publish(TOPIC.format(sensor), payload, qos=1))
            sent += 1
        for info in infos:
            info.wait_for_publish(timeout=30)
    finally:
        client.disconnect()
        client.loop_stop()
    return sent
