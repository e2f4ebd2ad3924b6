"""Live uplinks from an MQTT broker (LoRaWAN network servers publish there) into the store.

Nothing is lost and nothing is stored twice, whatever fails:
- the session is persistent (clean_session off, a stable client id) and subscribed at
  QoS 1, so the broker keeps what arrives while the ingester is away;
- messages are acknowledged only once their readings are committed (manual acks): a
  crash before the commit means the broker sends them again, and the store's primary key
  turns the redelivery into a counted duplicate;
- a broker that goes away is reconnected to with exponential backoff (1 s to 30 s).
Batches are small and frequent because brokers cap unacknowledged messages in flight
(Mosquitto: 20 per client).

The broker's password never comes in its address (twin.feeds.credentials), and mqtts://
always verifies the broker's certificate and name (a private CA given as ``ca_file``).

Messages are LoRaWAN uplinks by default; a ``parse`` given (topic, payload) reads any
other kind, such as SensorThings Observations (twin.feeds.sensorthings)."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from twin.core.errors import DataError, TwinError
from twin.feeds.credentials import refuse_password
from twin.feeds.ingest import ingest
from twin.feeds.store import Batch, SqliteStore
from twin.core.i18n import message as _message

FLUSH_S = 0.02


@dataclass
class BrokerAddress:
    host: str
    port: int
    tls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_file: str | None = None       # a private CA's certificate (PEM); default: the system's CAs

    @classmethod
    def parse(cls, url: str, password: str | None = None, ca_file: str | None = None) -> "BrokerAddress":
        """``mqtt://[user@]host[:1883]`` or ``mqtts://…[:8883]`` (TLS); the password comes
        apart (twin.feeds.credentials), never in the address."""
        parts = urlparse(url)
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise TwinError(_message("{!r} is not a broker address").format(url),
                            hint=_message("write it as mqtt://host:1883 or mqtts://host:8883"))
        refuse_password(url)
        tls = parts.scheme == "mqtts"
        if ca_file is not None and not tls:
            raise TwinError(_message("a CA certificate is for a TLS broker"), hint=_message("write the address as mqtts://"))
        return cls(parts.hostname, parts.port or (8883 if tls else 1883), tls,
                   unquote(parts.username) if parts.username else None, password, ca_file)

    def configure(self, client) -> None:
        """Credentials and TLS on a paho client. TLS always verifies the server's certificate
        and name: against the system's CAs, or ``ca_file`` for a private CA."""
        if self.username:
            client.username_pw_set(self.username, self.password)
        if self.tls:
            if self.ca_file is not None and not Path(self.ca_file).is_file():
                raise DataError(_message("CA certificate not found"), path=self.ca_file)
            client.tls_set(ca_certs=self.ca_file, cert_reqs=ssl.CERT_REQUIRED)


@dataclass
class IngestStatus:
    connected: bool = False
    connections: int = 0
    totals: Batch = field(default_factory=Batch)
    last_error: str | None = None


class MqttIngester:
    def __init__(self, url: str | BrokerAddress, topics: list[str], store: SqliteStore,
                 mapping: dict[str, str] | None = None, client_id: str = "twin-ingest",
                 parse: Callable[[tuple[str, bytes]], tuple[list, list]] | None = None):
        import paho.mqtt.client as mqtt
        self.address = url if isinstance(url, BrokerAddress) else BrokerAddress.parse(url)
        self.topics, self.store, self.mapping, self.parse = topics, store, mapping or {}, parse
        self.status = IngestStatus()
        self._pending: list = []
        self._lock = threading.Condition()
        self._stop = threading.Event()
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id,
                             clean_session=False, protocol=mqtt.MQTTv311)
        client.manual_ack_set(True)
        client.reconnect_delay_set(min_delay=1, max_delay=30)
        self.address.configure(client)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        self.client = client

    # -- paho's network thread -----------------------------------------------------------
    def _on_connect(self, client, _userdata, _flags, reason, _properties) -> None:
        if reason.is_failure:
            self.status.last_error = f"connection refused: {reason}"
            return
        self.status.connected = True
        self.status.connections += 1
        client.subscribe([(topic, 1) for topic in self.topics])

    def _on_disconnect(self, _client, _userdata, _flags, reason, _properties) -> None:
        was, self.status.connected = self.status.connected, False
        if reason.is_failure and was:    # not after a refusal, whose reason on_connect kept
            self.status.last_error = f"connection lost: {reason}"

    def _on_message(self, _client, _userdata, message) -> None:
        with self._lock:
            self._pending.append(message)
            self._lock.notify()

    # -- this thread: store, then acknowledge ---------------------------------------------
    def flush(self) -> Batch:
        with self._lock:
            messages, self._pending = self._pending, []
        if not messages:
            return Batch()
        if self.parse is None:
            done = ingest([m.payload for m in messages], self.store, self.mapping)
        else:
            done = ingest([(m.topic, m.payload) for m in messages], self.store, parse=self.parse)
        for m in messages:   # committed: now the broker may forget them
            self.client.ack(m.mid, m.qos)
        t = self.status.totals
        t.stored, t.duplicates, t.rejected = (t.stored + done.stored, t.duplicates + done.duplicates,
                                              t.rejected + done.rejected)
        return done

    def run(self, until: float | None = None) -> IngestStatus:
        """Ingest until ``stop()`` (or ``until`` seconds); reconnects by itself. A broker
        whose certificate does not verify is an error at once, not retried: it will not
        verify better later."""
        try:
            self.client.connect(self.address.host, self.address.port, keepalive=30)
        except ssl.SSLError as exc:
            raise TwinError(_message("the broker {}:{} is not trusted ({})").format(
                                self.address.host, self.address.port, getattr(exc, 'verify_message', None) or exc.reason or exc),
                            hint=_message("if a private CA signed its certificate, give it with --ca-file "
                                          "CA.pem; check that the address is the name the certificate was "
                                          "made for")) from None
        except OSError as exc:     # not there yet: paho's loop retries with backoff
            self.status.last_error = f"cannot connect: {exc}"
            self.client.connect_async(self.address.host, self.address.port, keepalive=30)
        self.client.loop_start()
        deadline = None if until is None else time.monotonic() + until
        try:
            while not self._stop.is_set() and (deadline is None or time.monotonic() < deadline):
                with self._lock:
                    if not self._pending:
                        self._lock.wait(FLUSH_S)
                self.flush()
        finally:
            self.flush()
            self.client.disconnect()
            self.client.loop_stop()
        return self.status

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            self._lock.notify()
