"""The ``twin`` command line. Heavy modules are imported by the sub-command that needs them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from twin import __version__
from twin.errors import TwinError

DEMO_SCENE = Path(__file__).resolve().parent.parent / "scenes" / "arras-centre.toml"


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, got {text!r}") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError("width and height must be between 16 and 8192 pixels")
    return w, h


def build_parser(with_plugins: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="twin", description="A desktop 3D twin of a territory. With no command, opens the "
                                 "demo scene of Arras town centre.")
    p.add_argument("--version", action="version", version=f"twin {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    o = sub.add_parser("open", help="open a scene (or data files) in the app")
    o.add_argument("scene", nargs="*", help="a scene .toml, or data files (default: the demo)")

    r = sub.add_parser("render", help="render a scene or data files to a PNG, without a window")
    r.add_argument("inputs", nargs="+", metavar="SCENE_OR_FILES",
                   help="a scene .toml, or data files (an automatic scene is made around them)")
    r.add_argument("--out", required=True, type=Path, help="PNG file to write")
    r.add_argument("--size", type=_size, default=(1920, 1080), help="WIDTHxHEIGHT (default 1920x1080)")
    r.add_argument("--bookmark", help="render from this bookmark of the scene")
    r.add_argument("--crs", default=None, help="scene CRS for data files (default EPSG:2154)")
    r.add_argument("--show", action="append", default=[], metavar="LAYER",
                   help="make this layer (and its groups) visible; repeatable")
    r.add_argument("--hide", action="append", default=[], metavar="LAYER",
                   help="hide this layer; repeatable")

    pr = sub.add_parser("prepare", help="turn LAS/LAZ tiles into COPC files that open level by level")
    pr.add_argument("tiles", nargs="+", type=Path, metavar="TILES")
    pr.add_argument("--out", required=True, type=Path, help="folder for the .copc.laz files")
    pr.add_argument("--scheduler", help="a Dask scheduler, tcp://host:port (default: local processes)")
    pr.add_argument("--workers", type=int, help="local processes (default: one per core, as many as memory allows)")
    pr.add_argument("--force", action="store_true", help="rebuild tiles that are up to date")

    bs = sub.add_parser("build-scene", help="a ready scene from a folder of a commune's files (LiDAR, "
                                             "DTM, orthophoto, cadastre, BD TOPO, CityJSON)")
    bs.add_argument("--from", dest="folder", required=True, type=Path, help="the folder (searched recursively)")
    bs.add_argument("--out", required=True, type=Path, help="the scene file to write (.toml)")
    bs.add_argument("--crs", default=None, help="the scene's CRS (default EPSG:2154, Lambert-93)")
    bs.add_argument("--name", help="the scene's name (default: the folder's)")
    bs.add_argument("--force", action="store_true", help="overwrite an existing scene file")

    i = sub.add_parser("info", help="what an importer sees in a file")
    i.add_argument("file", type=Path)
    i.add_argument("--json", action="store_true", help="one JSON object on standard output")

    pl = sub.add_parser("plugins", help="list plugins, what they contribute and their state; "
                                        "enable or disable one (from the next start)")
    pl.add_argument("action", nargs="?", choices=["list", "enable", "disable"], default="list")
    pl.add_argument("name", nargs="?", help="the plugin to enable or disable")
    pl.add_argument("--json", action="store_true", help="one JSON array on standard output")

    rn = sub.add_parser("run", help="run a Python script on a scene, without a window")
    rn.add_argument("script", type=Path)
    rn.add_argument("inputs", nargs="*", metavar="SCENE_OR_FILES",
                    help="a scene .toml, or data files (default: the demo scene)")
    rn.add_argument("--args", nargs=argparse.REMAINDER, default=[], dest="script_args",
                    help="what follows goes to the script as `args`")
    ing = sub.add_parser("ingest", help="store LoRaWAN uplinks (TTN v3, ChirpStack) from an MQTT "
                                         "broker, an NDJSON file or a pipe (-), validated, duplicates ignored")
    ing.add_argument("source", help="mqtt://[user:pass@]host[:1883] (mqtts:// for TLS), an OGC "
                                    "SensorThings service (https://…/v1.1, with --datastream), an "
                                    "NDJSON file of uplinks, or - for standard input")
    ing.add_argument("--datastream", action="append", default=[], metavar="ID",
                     help="SensorThings: a Datastream to read; repeatable")
    ing.add_argument("--sensorthings", metavar="URL",
                     help="with an mqtt:// source: read these Datastreams' new Observations from the "
                          "broker of this SensorThings service (https://…/v1.1), live")
    ing.add_argument("--since", help="SensorThings: from this instant (ISO 8601 with offset)")
    ing.add_argument("--until", help="SensorThings: until this instant (excluded)")
    ing.add_argument("--quantity", help="tables: the quantity of every row, when there is no quantity column")
    ing.add_argument("--timezone", help="tables: the time zone of times written without an offset, "
                                        "e.g. Europe/Paris (never guessed)")
    ing.add_argument("--topic", action="append", default=[],
                     help="MQTT topic filter, repeatable (default: TTN v3 and ChirpStack v4 uplinks)")
    ing.add_argument("--client-id", default="twin-ingest",
                     help="MQTT client id: the broker keeps this session's messages while away")
    ing.add_argument("--store", required=True,
                     help="the store: a SQLite file (created if new) or postgresql://user@host/db")
    ing.add_argument("--map", action="append", default=[], metavar="FIELD=QUANTITY",
                     help="read a decoded field as a quantity, e.g. temp_SOIL=temperature; repeatable")
    fd = sub.add_parser("feed-demo", help="publish the demo's sensor replay to a broker as live "
                                           "LoRaWAN uplinks (for a show without sensors)")
    fd.add_argument("--broker", required=True, help="mqtt://host:1883")
    fd.add_argument("--speed", type=float, default=60.0,
                    help="replay seconds per real second (default 60: two days in under an hour)")
    fd.add_argument("--limit", type=int, help="stop after this many uplinks")
    ist = sub.add_parser("ingest-stats", help="what a store holds: readings, duplicates, rejections by reason")
    ist.add_argument("--store", required=True, help="a SQLite file or postgresql://user@host/db")
    ist.add_argument("--json", action="store_true", help="one JSON object on standard output")
    ex = sub.add_parser("export", help="export the maquette for the web: a glTF binary (GLB) "
                                       "and/or 3D Tiles 1.1, without a window")
    ex.add_argument("inputs", nargs="+", metavar="SCENE_OR_FILES",
                    help="a scene .toml, or data files (an automatic scene is made around them)")
    ex.add_argument("--glb", type=Path, metavar="OUT.glb", help="one GLB, Y-up, relative to the scene origin")
    ex.add_argument("--3dtiles", dest="tiles", type=Path, metavar="OUTDIR",
                    help="a 3D Tiles 1.1 tileset (tileset.json and glTF tiles) placed on the globe")
    ex.add_argument("--layers", nargs="+", action="extend", metavar="NAME",
                    help="export these layers or groups (default: the visible terrain, buildings and models)")
    ex.add_argument("--crs", default=None, help="scene CRS for data files (default EPSG:2154)")
    ex.add_argument("--force", action="store_true", help="replace a previous 3D Tiles export in OUTDIR")
    pt = sub.add_parser("present", help="present a scene full screen in council: its tours, stop by stop")
    pt.add_argument("scene", nargs="?", help="a scene .toml (default: the demo)")
    pt.add_argument("--tour", help="the tour to present (default: the scene's first)")
    pt.add_argument("--lang", help="captions and screen texts in this language (default: the system's, "
                                   "if the tour has captions in it)")
    te = sub.add_parser("tour-export", help="render a tour to an MP4 video and/or PNG stills, without a window")
    te.add_argument("scene", help="a scene .toml with [[tours]]")
    te.add_argument("--tour", required=True, help="the tour's name")
    te.add_argument("--out", required=True, type=Path, metavar="OUT.mp4|DIR",
                    help="an .mp4 video, or a folder for one PNG per stop")
    te.add_argument("--size", default="1080p", help="1080p, 4k or WIDTHxHEIGHT (default 1080p)")
    te.add_argument("--fps", type=float, default=25.0, help="frames per second (default 25)")
    te.add_argument("--stills", action="store_true",
                    help="with a video, also one PNG per stop (mid-hold) in OUT-stills/")
    te.add_argument("--lang", default="fr", help="caption language, burnt into the frames held at each stop and "
                                                 "naming the stills (default fr)")
    te.add_argument("--no-captions", action="store_true", help="frames without the stops' captions")
    ks = sub.add_parser("kiosk", help="the locked full-screen touch kiosk of a tourist office")
    ks.add_argument("scene", nargs="?", help="a scene .toml with a [kiosk] table (default: the demo)")
    ks.add_argument("--supervise", action="store_true", help="restart the kiosk whenever it dies")
    ks.add_argument("--set-pin", action="store_true", help="ask for the administration PIN and store its hash")
    ks.add_argument("--lang", help="language at start (default: the first of [kiosk] languages)")
    ks.add_argument("--unlocked-demo", action="store_true",
                    help="run without a PIN, Esc leaves: for trying a scene, never in a public place")
    sn = sub.add_parser("sun", help="the sun's azimuth and elevation at a time and place (NREL SPA)")
    sn.add_argument("--at", required=True, metavar="ISO_TIME",
                    help="e.g. 2026-06-21T14:00 or 2026-06-21T12:00Z; a time without zone is Europe/Paris time")
    sn.add_argument("--lat", type=float, help="latitude in degrees (with --lon; default: the scene's, or Arras)")
    sn.add_argument("--lon", type=float, help="longitude in degrees, east positive")
    sn.add_argument("--scene", type=Path, help="a scene .toml: the sun at its origin")
    sn.add_argument("--json", action="store_true", help="one JSON object on standard output")
    sh = sub.add_parser("sun-hours", help="hours of direct sun over a day on a grid around the scene's "
                                          "buildings, to a GeoTIFF")
    sh.add_argument("scene", type=Path, help="a scene .toml (its terrain and buildings layers are used)")
    sh.add_argument("--date", required=True, type=_date, help="the day, YYYY-MM-DD (Europe/Paris)")
    sh.add_argument("--resolution", type=float, default=1.0, help="cell size in metres (default 1)")
    sh.add_argument("--bbox", type=float, nargs=4, metavar=("XMIN", "YMIN", "XMAX", "YMAX"),
                    help="area in the scene CRS (default: around the buildings)")
    sh.add_argument("--step", type=float, default=15.0, help="minutes between sun positions (default 15)")
    sh.add_argument("--out", required=True, type=Path, help="GeoTIFF to write (hours, float32, NaN in buildings)")
    sh.add_argument("--project", help="with --variant: the sun as this project's variant leaves it")
    sh.add_argument("--variant", help="the variant of --project")
    sh.add_argument("--loss", type=Path, metavar="LOSS.tif",
                    help="with --project/--variant: also write the hours the variant takes away per cell")
    rp = sub.add_parser("report", help="a project's report in French (PDF or HTML): views of each variant, "
                                       "metrics and PLU check, sun lost, views hidden")
    rp.add_argument("scene", type=Path, help="a scene .toml with [[projects]]")
    rp.add_argument("--project", required=True, help="the project's name")
    rp.add_argument("--out", required=True, type=Path, help="report.pdf or report.html (self-contained)")
    rp.add_argument("--dates", type=_dates, metavar="YYYY-MM-DD,...",
                    help="days of the sun study (default: 21 March, 21 June, 21 December of the scene's year)")
    rp.add_argument("--resolution", type=float, default=1.0, help="cell of the sun and view grids, metres (default 1)")
    if with_plugins:
        from twin.plugins import plugins
        for command in plugins().commands().values():
            try:
                command.configure(sub.add_parser(command.name, help=command.help))
            except Exception as exc:   # a broken plugin command never breaks the CLI
                plugins().fail(command, f"command '{command.name}' could not set up its "
                                        f"arguments ({type(exc).__name__}: {exc})")
    return p


def _progress(fraction: float, text: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{fraction:4.0%} {text:<60}")
        sys.stderr.flush()


def load_scene_or_files(inputs: list[str], crs: str | None = None):
    from twin.autoscene import scene_from_files
    from twin.scene_file import load_scene
    if len(inputs) == 1 and inputs[0].lower().endswith(".toml"):
        return load_scene(inputs[0])
    return scene_from_files(inputs, crs=crs or "EPSG:2154")


def cmd_render(args) -> int:
    from twin.feedback import Feedback
    from twin.loading import apply_results, load_scene_data
    scene = load_scene_or_files(args.inputs, args.crs)
    view = scene.bookmark(args.bookmark).view if args.bookmark else None
    for name, visible in [(n, True) for n in args.show] + [(n, False) for n in args.hide]:
        layer = scene.layers.find(name)
        layer.visible = visible
        for group in layer.ancestors() if visible else ():
            group.visible = True
    fb = Feedback(on_progress=_progress, on_warning=lambda t: print(f"twin: warning: {t}", file=sys.stderr))
    results = load_scene_data(scene, fb)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    apply_results(results)
    failed = [r for r in results if r.error]
    for r in failed:
        print(f"twin: error: layer '{r.layer.name}': {r.error}", file=sys.stderr)
    if results and len(failed) == len(results):
        print("twin: nothing could be loaded; no image written", file=sys.stderr)
        return 2
    from twin._vtk.offscreen import render_scene
    args.out.parent.mkdir(parents=True, exist_ok=True)
    render_scene(scene, args.out, size=args.size, view=view)
    print(f"{args.out} ({args.size[0]}×{args.size[1]})")
    return 1 if failed else 0


def cmd_export(args) -> int:
    from twin.export import check_outputs, load_for_export, write_3dtiles, write_glb
    from twin.feedback import Feedback
    if args.glb is None and args.tiles is None:
        raise TwinError("say what to write: --glb OUT.glb and/or --3dtiles OUTDIR")
    check_outputs(args.glb, args.tiles, args.force)
    scene = load_scene_or_files(args.inputs, args.crs)
    fb = Feedback(on_progress=_progress, on_warning=lambda t: print(f"twin: warning: {t}", file=sys.stderr))
    layers, errors = load_for_export(scene, args.layers, fb)
    for text in errors:
        print(f"twin: error: {text} (left out)", file=sys.stderr)
    done = []
    if args.glb is not None:
        done.append(("GLB", write_glb(scene, args.glb, layers)))
    if args.tiles is not None:
        done.append(("3D Tiles 1.1", write_3dtiles(scene, args.tiles, layers, force=args.force, feedback=fb)))
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for what, w in done:
        print(f"{w.path}: {what}, {w.layers} layers, {w.triangles:,} triangles, {w.features:,} features, "
              f"{w.files:,} files, {w.bytes / 1e6:.1f} MB")
    return 1 if errors else 0


def _date(text: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date must look like 2026-06-21, got {text!r}") from None


def _dates(text: str):
    return [_date(part.strip()) for part in text.split(",") if part.strip()]


def cmd_prepare(args) -> int:
    from twin.feedback import Feedback
    from twin.prepare import prepare_tiles
    results = prepare_tiles(args.tiles, args.out, scheduler=args.scheduler, workers=args.workers,
                            force=args.force, feedback=Feedback(on_progress=_progress))
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for r in results:
        if r.error:
            print(f"twin: error: {r.error}", file=sys.stderr)
        elif r.note == "up to date":
            print(f"{r.output} (up to date)")
        else:
            note = f"; {r.note}" if r.note else ""
            print(f"{r.output}: {r.points:,} points in {r.levels} levels, {r.seconds:.1f} s{note}")
    failed = sum(1 for r in results if r.error)
    return 0 if not failed else (2 if failed == len(results) else 1)


def cmd_info(args) -> int:
    from twin.registry import file_info
    info = file_info(args.file)
    if args.json:
        print(json.dumps(info.to_json(), ensure_ascii=False, default=str))
        return 0
    print(f"{info.path}\n  kind:      {info.kind} (importer: {info.importer})\n"
          f"  count:     {info.count:,}\n  crs:       {info.crs or 'none (the scene CRS will be assumed)'}\n"
          f"  bounds:    {info.bounds}")
    for key, value in info.details.items():
        print(f"  {key + ':':<10} {value}")
    return 0


def cmd_plugins(args) -> int:
    from twin.plugins import plugins
    manager = plugins()
    if args.action in ("enable", "disable"):
        if not args.name:
            raise TwinError(f"say which plugin to {args.action}", hint="twin plugins lists them")
        manager.set_enabled(args.name, args.action == "enable")
        print(f"{args.name}: {args.action}d from the next start ({manager.settings.path})")
        return 0
    records = [r.to_json() for r in manager.records]
    if args.json:
        print(json.dumps(records, ensure_ascii=False))
        return 0
    for r in records:
        version = f" {r['version']}" if r["version"] else ""
        print(f"{r['name']}{version}: {r['state']}" + (f" — {r['reason']}" if r["reason"] else ""))
        for kind, items in r["contributes"].items():
            print(f"  {kind.replace('_', ' ')}: {', '.join(items)}")
    if manager.settings.error:
        print(f"twin: warning: {manager.settings.error}", file=sys.stderr)
    return 0


def cmd_run(args) -> int:
    """The script sees ``scene`` (loaded, data included), ``api`` (twin.api),
    ``algorithms`` (the plugins' algorithms by name) and ``args``."""
    import runpy
    import traceback

    import twin.api as api
    from twin.feedback import Feedback
    from twin.loading import apply_results, load_scene_data
    from twin.plugins import plugins
    if not args.script.is_file():
        raise TwinError("script not found", path=args.script)
    scene = load_scene_or_files(args.inputs or [str(DEMO_SCENE)])
    fb = Feedback(on_warning=lambda t: print(f"twin: warning: {t}", file=sys.stderr))
    results = load_scene_data(scene, fb)
    apply_results(results)
    for r in results:
        if r.error:
            print(f"twin: error: layer '{r.layer.name}': {r.error}", file=sys.stderr)
    env = {"scene": scene, "api": api, "algorithms": plugins().algorithms(), "args": args.script_args}
    try:
        runpy.run_path(str(args.script), init_globals=env, run_name="__main__")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception:   # the user's own script: its traceback is what they need
        frames = traceback.extract_tb(sys.exc_info()[2])
        own = [f for f in frames if Path(f.filename).resolve() == args.script.resolve()]
        print("".join(traceback.format_list(own)) + "".join(
            traceback.format_exception_only(*sys.exc_info()[:2])).rstrip(), file=sys.stderr)
        print(f"twin: {args.script} stopped on an error (above)", file=sys.stderr)
        return 1
    return 0


def _shown(store: str) -> str:
    """A store's address fit to print: no user or password."""
    return store.split("@")[-1] if "://" in store else store


def cmd_ingest(args) -> int:
    from twin.feeds.ingest import ingest
    from twin.feeds.pgstore import open_store
    mapping = {}
    for item in args.map:
        field, sep, quantity = item.partition("=")
        if not sep or not field or not quantity:
            raise TwinError(f"--map {item!r} must look like FIELD=QUANTITY, e.g. temp_SOIL=temperature")
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
            raise TwinError("file not found", path=path)
        source = path.open("rb")
    with open_store(args.store) as store, source:
        done = ingest(source, store, mapping)
    print(f"{done.stored:,} readings stored, {done.duplicates:,} duplicates ignored, "
          f"{done.rejected:,} rejected (twin ingest-stats --store {_shown(args.store)} says why)")
    return 0


MQTT_UPLINKS = ["v3/+/devices/+/up", "application/+/device/+/event/up"]   # TTN v3, ChirpStack v4


def _ingest_table(args) -> int:
    from twin.feeds.pgstore import open_store
    from twin.feeds.tables import ingest_table
    path = Path(args.source)
    if not path.is_file():
        raise TwinError("file not found", path=path)
    with open_store(args.store) as store:
        t = ingest_table(path, store, args.quantity, args.timezone)
    print(f"{t.stored:,} readings stored, {t.duplicates:,} duplicates ignored, {t.rejected:,} rejected")
    return 0


def _ingest_sensorthings(args) -> int:
    from twin.feeds.readings import parse_time
    from twin.feeds.pgstore import open_store
    from twin.feeds.sensorthings import SensorThingsClient, ingest_datastream
    if not args.datastream:
        raise TwinError("say which Datastream to read: --datastream ID (repeatable)")
    try:
        start = parse_time(args.since) if args.since else None
        end = parse_time(args.until) if args.until else None
    except ValueError as exc:
        raise TwinError(f"--since/--until: {exc}", hint="e.g. 2023-03-01T00:00:00Z") from None
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
            raise TwinError("say which Datastreams to follow: --datastream ID (repeatable)")
        client = SensorThingsClient(args.sensorthings)
        observations = ObservationTopics([describe(client, i, args.quantity) for i in args.datastream],
                                         version_of(args.sensorthings))
        topics, parse = args.topic or observations.topics, observations.parse
    with open_store(args.store) as store:
        ingester = MqttIngester(args.source, topics, store, mapping, args.client_id, parse)
        for sig in (signal.SIGINT, signal.SIGTERM):   # a service manager stops it cleanly
            signal.signal(sig, lambda *_: ingester.stop())
        print(f"twin: ingesting {', '.join(topics)} from {_shown(args.source)} into "
              f"{_shown(args.store)} (Ctrl+C stops)", file=sys.stderr, flush=True)
        status = ingester.run()
    t = status.totals
    print(f"{t.stored:,} readings stored, {t.duplicates:,} duplicates ignored, {t.rejected:,} rejected")
    return 0


def cmd_feed_demo(args) -> int:
    from twin.feeds.demo import feed
    if args.speed <= 0:
        raise TwinError("--speed must be positive")
    try:
        sent = feed(args.broker, speed=args.speed, limit=args.limit)
    except OSError as exc:
        raise TwinError(f"cannot reach the broker at {_shown(args.broker)} ({exc})",
                        hint="start it, or check the address") from None
    print(f"{sent:,} uplinks published to {_shown(args.broker)}")
    return 0


def cmd_ingest_stats(args) -> int:
    from twin.feeds.pgstore import open_store
    if "://" not in args.store and not Path(args.store).is_file():
        raise TwinError("store not found", path=args.store, hint="twin ingest creates it")
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


def cmd_build_scene(args) -> int:
    from twin.commune import build_scene, report
    from twin.crs import DEFAULT_CRS
    from twin.feedback import Feedback
    from twin.scene_file import save_scene
    out = args.out.with_suffix(".toml")
    if out.exists() and not args.force:
        raise TwinError("already exists", path=out, hint="choose another --out, or add --force to replace it")
    fb = Feedback(on_progress=_progress, on_warning=lambda t: print(f"twin: warning: {t}", file=sys.stderr))
    scene, found = build_scene(args.folder, args.crs or DEFAULT_CRS, args.name, fb)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    save_scene(scene, out)
    print("\n".join(report(found, args.folder.resolve())))
    layers = [layer.name for layer in scene.data_layers()]
    print(f"{out}: {len(layers)} layers ({', '.join(layers)}), bookmarks: {', '.join(scene.bookmarks)}")
    print(f"open it with: twin open {out}")
    return 0


def cmd_open(args) -> int:
    from twin._qt.app import run_app
    return run_app(args.scene or [str(DEMO_SCENE)])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # plugins add sub-commands (listed by --help too); --version alone need not find them
    light = not argv or argv[0] == "--version"
    args = build_parser(with_plugins=not light).parse_args(argv)
    command = args.command or "open"
    if args.command is None:
        args.scene = []
    from twin.cli_projects import cmd_kiosk, cmd_present, cmd_report, cmd_sun, cmd_sun_hours, cmd_tour_export
    builtin = {"render": cmd_render, "info": cmd_info, "open": cmd_open, "prepare": cmd_prepare,
               "plugins": cmd_plugins, "run": cmd_run, "ingest": cmd_ingest,
               "ingest-stats": cmd_ingest_stats, "feed-demo": cmd_feed_demo, "export": cmd_export,
               "build-scene": cmd_build_scene, "kiosk": cmd_kiosk, "present": cmd_present,
               "tour-export": cmd_tour_export, "sun": cmd_sun, "sun-hours": cmd_sun_hours,
               "report": cmd_report}
    try:
        if command in builtin:
            return builtin[command](args)
        return _plugin_command(command, args)
    except TwinError as exc:
        print(f"twin: {exc.message}", file=sys.stderr)
        return 2
    except KeyError as exc:  # unknown bookmark or layer name
        print(f"twin: {exc.args[0]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("TWIN_DEBUG"):
            raise
        print(f"twin: unexpected error ({type(exc).__name__}: {exc}); run with TWIN_DEBUG=1 for "
              f"details and please report it", file=sys.stderr)
        return 3


def _plugin_command(name: str, args) -> int:
    from twin.plugins import plugins
    command = plugins().commands()[name]
    try:
        return int(command.run(args) or 0)
    except (TwinError, KeyboardInterrupt):
        raise
    except Exception as exc:   # the plugin is at fault: say which, and switch it off
        record = plugins().owner(command)
        reason = f"command '{name}' raised {type(exc).__name__}: {exc}"
        plugins().fail(command, reason)
        print(f"twin: plugin '{record.name if record else '?'}' failed: {reason}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
