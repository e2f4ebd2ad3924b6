"""OGC SensorThings API 1.1: a Datastream's Observations into the store, over HTTP
(history) and over its MQTT extension (live).

Pages are followed through ``@iot.nextLink`` (only on the service's own host: a link to
elsewhere is refused, not fetched), time windows go to the server as a ``$filter`` on
phenomenonTime, and each Observation becomes a reading of the Datastream (its name is the
sensor, its ObservedProperty or ``quantity`` the quantity, its unitOfMeasurement symbol
the unit). An interval phenomenonTime ("start/end") counts at its end.

Live, a SensorThings server publishes each new Observation of Datastream ID on the MQTT
topic ``v1.1/Datastreams(ID)/Observations``; the message names neither the sensor nor
the quantity, so they are read once over HTTP (:func:`describe`) and the topic's ID
finds them (:class:`ObservationTopics`)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from twin.core.errors import TwinError
from twin.feeds.readings import Reading, Rejected, check, parse_time
from twin.feeds.store import Batch, SqliteStore
from twin.feeds.ingest import BATCH
from twin.core.feedback import Feedback
from twin.core.i18n import message as _message


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class SensorThingsClient:
    def __init__(self, root: str, timeout: float = 30.0):
        parts = urllib.parse.urlparse(root)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise TwinError(_message("{!r} is not a SensorThings service address").format(root),
                            hint=_message("e.g. https://example.org/FROST-Server/v1.1"))
        self.root = root.rstrip("/")
        self.host = parts.netloc
        self.timeout = timeout

    def get(self, url: str) -> dict:
        if not url.startswith(("http://", "https://")):
            url = f"{self.root}/{url.lstrip('/')}"
        if urllib.parse.urlparse(url).netloc != self.host:
            raise TwinError(_message("the server sent a link to another host ({}); not followed").format(
                                url[:120]))
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise TwinError(_message("{}: the server answered {} {}").format(url, exc.code, exc.reason)) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise TwinError(_message("{}: cannot reach the server ({})").format(url, reason),
                            hint=_message("check the address and the network, then try again")) from None
        try:
            data = json.loads(body)
        except ValueError:
            raise TwinError(_message("{}: the answer is not JSON ({!r}…)").format(url, body[:60])) from None
        if not isinstance(data, dict):
            raise TwinError(_message("{}: expected a JSON object, got a {}").format(url, type(data).__name__))
        return data

    def datastream(self, ident: int | str) -> dict:
        return self.get(f"Datastreams({ident})?$expand=ObservedProperty")

    def observations(self, ident: int | str, start: datetime | None = None,
                     end: datetime | None = None, page: int = 1000) -> Iterator[dict]:
        query = {"$orderby": "phenomenonTime asc", "$top": str(page),
                 "$select": "phenomenonTime,result"}
        clauses = ([f"phenomenonTime ge {_iso(start)}"] if start else []) + \
                  ([f"phenomenonTime lt {_iso(end)}"] if end else [])
        if clauses:
            query["$filter"] = " and ".join(clauses)
        url = f"{self.root}/Datastreams({ident})/Observations?{urllib.parse.urlencode(query)}"
        while url:
            data = self.get(url)
            values = data.get("value")
            if not isinstance(values, list):
                raise TwinError(_message("{}: no 'value' list in the answer: not a SensorThings collection").format(
                                    url))
            yield from values
            url = data.get("@iot.nextLink")


def observation_reading(obs, sensor: str, quantity: str, unit: str | None) -> Reading | Rejected:
    if not isinstance(obs, dict):
        return Rejected("bad_structure", f"{sensor}: an observation is a {type(obs).__name__}")
    when = obs.get("phenomenonTime")
    if isinstance(when, str) and "/" in when:
        when = when.split("/", 1)[1]
    try:
        time = parse_time(when)
    except ValueError as exc:
        return Rejected("bad_time", f"{sensor}: {exc}")
    value = obs.get("result")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Rejected("bad_value", f"{sensor}/{quantity}: {str(value)[:80]!r} is not a number")
    return Reading(sensor, quantity, time, float(value), unit)


@dataclass(frozen=True)
class Datastream:
    ident: str
    sensor: str
    quantity: str
    unit: str | None


def describe(client: SensorThingsClient, ident: int | str, quantity: str | None = None) -> Datastream:
    """What a Datastream's readings are: its name is the sensor, its ObservedProperty the
    quantity (unless ``quantity`` is given), its unitOfMeasurement symbol the unit."""
    meta = client.datastream(ident)
    return Datastream(str(ident), str(meta.get("name") or f"datastream-{ident}"),
                      quantity or str((meta.get("ObservedProperty") or {}).get("name") or "value"),
                      (meta.get("unitOfMeasurement") or {}).get("symbol"))


class ObservationTopics:
    """Parses the SensorThings MQTT messages of known Datastreams into readings."""

    TOPIC = re.compile(r"^(v1\.[01])/Datastreams\(('?)([^)']+)\2\)/Observations$")

    def __init__(self, streams: list[Datastream], version: str = "v1.1"):
        self.streams = {s.ident: s for s in streams}
        self.topics = [f"{version}/Datastreams({s.ident})/Observations" for s in streams]

    def parse(self, message: tuple[str, bytes]) -> tuple[list[Reading], list[Rejected]]:
        topic, payload = message
        found = self.TOPIC.match(topic)
        stream = self.streams.get(found.group(3)) if found else None
        if stream is None:
            return [], [Rejected("unknown_device", f"topic {topic[:80]!r} is no Datastream being read")]
        try:
            obs = json.loads(payload)
        except ValueError:
            return [], [Rejected("bad_json", f"{stream.sensor}: {bytes(payload)[:60]!r} is not JSON")]
        got = observation_reading(obs, stream.sensor, stream.quantity, stream.unit)
        return ([got], []) if isinstance(got, Reading) else ([], [got])


def version_of(root: str) -> str:
    """The API version a service address ends with (v1.0 or v1.1), as its topics start."""
    last = urllib.parse.urlparse(root).path.rstrip("/").rsplit("/", 1)[-1]
    return last if last in ("v1.0", "v1.1") else "v1.1"


def ingest_datastream(client: SensorThingsClient, ident: int | str, store: SqliteStore,
                      start: datetime | None = None, end: datetime | None = None,
                      quantity: str | None = None, feedback: Feedback | None = None) -> Batch:
    fb = feedback or Feedback()
    stream = describe(client, ident, quantity)
    sensor, quantity, unit = stream.sensor, stream.quantity, stream.unit
    total, readings, rejected = Batch(), [], []

    def flush():
        done = store.write(readings, rejected)
        total.stored += done.stored
        total.duplicates += done.duplicates
        total.rejected += done.rejected
        readings.clear()
        rejected.clear()
    for i, obs in enumerate(client.observations(ident, start, end), 1):
        got = observation_reading(obs, sensor, quantity, unit)
        if isinstance(got, Reading) and (why := check(got)) is not None:
            got = why
        (readings if isinstance(got, Reading) else rejected).append(got)
        if i % BATCH == 0:
            flush()
            fb.progress(0.0, f"{sensor}: {i:,} observations")   # lets a caller cancel
    flush()
    return total
