"""Commands on live data: ingest (MQTT, SensorThings, tables), ingest-stats, feed-demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from twin.cli.common import shown
from twin.core.errors import TwinError
from twin.core.i18n import message


def broker_options(parser) -> None:
    parser.add_argument("--password-file", metavar="FILE",
                        help="the broker's password, first line of a file only you can read (chmod 600); "
                             "or set TWIN_MQTT_PASSWORD. Never in the address: every user sees a command line")
    parser.add_argument("--ca-file", metavar="PEM",
                        help="mqtts://: the private CA that signed the broker's certificate "
                             "(default: the system's CAs; the certificate is always verified)")


def _broker(args, url: str):
    """The broker's address, its password read apart (twin.feeds.credentials)."""
    from twin.feeds.credentials import broker_password
    from twin.feeds.mqtt import BrokerAddress
    address = BrokerAddress.parse(url, None, args.ca_file)    # refuses a password in the address
    address.password = broker_password(args.password_file)
    return address


def cmd_ingest(args) -> int:
    from twin.feeds.credentials import refuse_password
    from twin.feeds.ingest import ingest
    from twin.feeds.pgstore import open_store
    for url in (args.source, args.sensorthings, args.store):   # before anything connects
        if url and "://" in url:
            refuse_password(url)
    mapping = {}
    for item in args.map:
        field, sep, quantity = item.partition("=")
        if not sep or not field or not quantity:
            raise TwinError(message("--map {!r} must look like FIELD=QUANTITY, e.g. temp_SOIL=temperature").format(
                                item))
        mapping[field] = quantity
    if args.source.startswith(("mqtt://", "mqtts://")):
        return _ingest_mqtt(args, mapping)
    if args.source.startswith(("http://", "https://")):
        return _ingest_sensorthings(args)
    if Path(args.source).suffix.lower() in (".csv", ".parquet", ".pq", ".tsv"):
        return _ingest_table(args)
    if args.source == "-":
        source = sys.stdin.buffer
    else:
        path = Path(args.source)
        if not path.is_file():
            raise TwinError(message("file not found"), path=path)
        source = path.open("rb")
    with open_store(args.store) as store, source:
        done = ingest(source, store, mapping)
    print(f"{done.stored:,} readings stored, {done.duplicates:,} duplicates ignored, "
          f"{done.rejected:,} rejected (twin ingest-stats --store {shown(args.store)} says why)")
    return 0


MQTT_UPLINKS = ["v3/+/devices/+/up", "application/+/device/+/event/up"]   # TTN v3, ChirpStack v4


def _ingest_table(args) -> int:
    from twin.feeds.pgstore import open_store
    from twin.feeds.tables import ingest_table
    path = Path(args.source)
    if not path.is_file():
        raise TwinError(message("file not found"), path=path)
    with open_store(args.store) as store:
        t = ingest_table(path, store, args.quantity, args.timezone)
    print(f"{t.stored:,} readings stored, {t.duplicates:,} duplicates ignored, {t.rejected:,} rejected")
    return 0


def _ingest_sensorthings(args) -> int:
    from twin.feeds.readings import parse_time
    from twin.feeds.pgstore import open_store
    from twin.feeds.sensorthings import SensorThingsClient, ingest_datastream
    if not args.datastream:
        raise TwinError(message("say which Datastream to read: --datastream ID (repeatable)"))
    try:
        start = parse_time(args.since) if args.since else None
        end = parse_time(args.until) if args.until else None
    except ValueError as exc:
        raise TwinError(message("--since/--until: {}").format(exc), hint=message("e.g. 2023-03-01T00:00:00Z")) from None
    client = SensorThingsClient(args.source)
    with open_store(args.store) as store:
        for ident in args.datastream:
            t = ingest_datastream(client, ident, store, start, end)
            print(f"Datastream {ident}: {t.stored:,} readings stored, {t.duplicates:,} duplicates "
                  f"ignored, {t.rejected:,} rejected")
    return 0


def _ingest_mqtt(args, mapping) -> int:
    import signal

    from twin.feeds.mqtt import MqttIngester
    from twin.feeds.pgstore import open_store
    topics, parse = args.topic or MQTT_UPLINKS, None
    if args.sensorthings:
        from twin.feeds.sensorthings import ObservationTopics, SensorThingsClient, describe, version_of
        if not args.datastream:
            raise TwinError(message("say which Datastreams to follow: --datastream ID (repeatable)"))
        client = SensorThingsClient(args.sensorthings)
        observations = ObservationTopics([describe(client, i, args.quantity) for i in args.datastream],
                                         version_of(args.sensorthings))
        topics, parse = args.topic or observations.topics, observations.parse
    with open_store(args.store) as store:
        ingester = MqttIngester(_broker(args, args.source), topics, store, mapping, args.client_id, parse)
        for sig in (signal.SIGINT, signal.SIGTERM):   # a service manager stops it cleanly
            signal.signal(sig, lambda *_: ingester.stop())
        print(f"twin: ingesting {', '.join(topics)} from {shown(args.source)} into "
              f"{shown(args.store)} (Ctrl+C stops)", file=sys.stderr, flush=True)
        status = ingester.run()
    t = status.totals
    print(f"{t.stored:,} readings stored, {t.duplicates:,} duplicates ignored, {t.rejected:,} rejected")
    return 0


def cmd_feed_demo(args) -> int:
    from twin.feeds.demo import feed
    if args.speed <= 0:
        raise TwinError(message("--speed must be positive"))
    address = _broker(args, args.broker)
    try:
        sent = feed(address, speed=args.speed, limit=args.limit)
    except OSError as exc:
        raise TwinError(message("cannot reach the broker at {} ({})").format(shown(args.broker), exc),
                        hint=message("start it, or check the address")) from None
    print(f"{sent:,} uplinks published to {shown(args.broker)}")
    return 0


def cmd_ingest_stats(args) -> int:
    from twin.feeds.pgstore import open_store
    if "://" in args.store:
        from twin.feeds.credentials import refuse_password
        refuse_password(args.store)
    if "://" not in args.store and not Path(args.store).is_file():
        raise TwinError(message("store not found"), path=args.store, hint=message("twin ingest creates it"))
    with open_store(args.store) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    print(f"{stats['store']}: {stats['readings']:,} readings from {stats['sensors']} sensors; "
          f"{stats['duplicates']:,} duplicates ignored; {stats['rejected_total']:,} rejected")
    for reason, count in stats["rejected"].items():
        print(f"  {reason}: {count:,} — e.g. {stats['last_rejection'].get(reason, '')}")
    return 0
