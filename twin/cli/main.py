"""The ``twin`` command line: the parser and the dispatch to each command group's module.
Heavy modules are imported by the sub-command that needs them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from twin import __version__
from twin.cli.common import date_arg, dates_arg, size_arg
from twin.cli.data import (cmd_build_scene, cmd_export, cmd_info, cmd_open, cmd_plugins, cmd_prepare,
                           cmd_render, cmd_run)
from twin.cli.fetch import cmd_fetch, configure as configure_fetch
from twin.cli.feeds import broker_options, cmd_feed_demo, cmd_ingest, cmd_ingest_stats
from twin.cli.present import cmd_kiosk, cmd_present, cmd_tour_export
from twin.cli.process import cmd_process, configure as configure_process
from twin.cli.projects import cmd_report, cmd_sun, cmd_sun_hours
from twin.core.errors import TwinError
from twin.core.i18n import message



def build_parser(with_plugins: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="twin", description="A desktop 3D twin of a territory. With no command, opens the "
                                 "demo scene of Arras town centre.")
    p.add_argument("--version", action="version", version=f"twin {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    o = sub.add_parser("open", help="open a scene (or data files) in the app")
    o.add_argument("scene", nargs="*", help="a scene .toml, or data files (default: the demo)")
    o.add_argument("--lang", help="the window's language, e.g. fr or en (default: the one chosen in the "
                                  "app, else the system's: French on a French system, else English)")

    r = sub.add_parser("render", help="render a scene or data files to a PNG, without a window")
    r.add_argument("inputs", nargs="+", metavar="SCENE_OR_FILES",
                   help="a scene .toml, or data files (an automatic scene is made around them)")
    r.add_argument("--out", required=True, type=Path, help="PNG file to write")
    r.add_argument("--size", type=size_arg, default=(1920, 1080), help="WIDTHxHEIGHT (default 1920x1080)")
    r.add_argument("--bookmark", help="render from this bookmark of the scene")
    r.add_argument("--crs", default=None, help="scene CRS for data files (default EPSG:2154)")
    r.add_argument("--show", action="append", default=[], metavar="LAYER",
                   help="make this layer (and its groups) visible; repeatable")
    r.add_argument("--hide", action="append", default=[], metavar="LAYER",
                   help="hide this layer; repeatable")
    r.add_argument("--quality", choices=("auto", "low", "medium", "high"), default="auto",
                   help="anti-aliasing, ambient occlusion and the sun's shadow maps (default auto: the best "
                        "this machine's OpenGL affords; high on a machine without GPU renders, slowly)")
    r.add_argument("--lang", default="fr", help="language of the legends and labels drawn (default fr; en, nl)")
    r.add_argument("--no-furniture", dest="furniture", action="store_false",
                   help="leave out the scale bar and the north arrow")

    pr = sub.add_parser("prepare", help="turn LAS/LAZ tiles into COPC files that open level by level")
    pr.add_argument("tiles", nargs="+", type=Path, metavar="TILES")
    pr.add_argument("--out", required=True, type=Path, help="folder for the .copc.laz files")
    pr.add_argument("--scheduler", help="a Dask scheduler, tcp://host:port (default: local processes)")
    pr.add_argument("--workers", type=int, help="cores to use: a process per tile, or threads inside a single tile "
                                                "(default: every core, as many tiles at once as memory allows)")
    pr.add_argument("--force", action="store_true", help="rebuild tiles that are up to date")

    bs = sub.add_parser("build-scene", help="a ready scene from a folder of a commune's files (LiDAR, "
                                             "DTM, orthophoto, cadastre, BD TOPO, CityJSON)")
    bs.add_argument("--from", dest="folder", required=True, type=Path, help="the folder (searched recursively)")
    bs.add_argument("--out", required=True, type=Path, help="the scene file to write (.toml)")
    bs.add_argument("--crs", default=None, help="the scene's CRS (default EPSG:2154, Lambert-93)")
    bs.add_argument("--name", help="the scene's name (default: the commune's, else the folder's)")
    bs.add_argument("--commune", metavar="INSEE", help="only this commune (INSEE code, or name) and its buffer, "
                                                      "its outline taken from BD TOPO or ADMIN EXPRESS in the folder")
    bs.add_argument("--buffer", type=float, default=200.0, metavar="M",
                    help="metres shown around the commune's outline (default 200)")
    bs.add_argument("--force", action="store_true", help="overwrite an existing scene file")

    configure_fetch(sub.add_parser("fetch", help="download a commune's open data (BD TOPO, cadastre, LiDAR HD, "
                                                 "MNT, orthophoto) from IGN and Etalab into a folder"))

    i = sub.add_parser("info", help="what an importer sees in a file; a scene (.toml) loaded, layer by layer")
    i.add_argument("file", type=Path)
    i.add_argument("--layer", help="a layer of a multi-layer file (default: BD TOPO's batiment, else the first)")
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
    ing.add_argument("source", help="mqtt://[user@]host[:1883] (mqtts:// for TLS), an OGC "
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
    broker_options(ing)
    fd = sub.add_parser("feed-demo", help="publish the demo's sensor replay to a broker as live "
                                           "LoRaWAN uplinks (for a show without sensors)")
    fd.add_argument("--broker", required=True, help="mqtt://host:1883")
    fd.add_argument("--speed", type=float, default=60.0,
                    help="replay seconds per real second (default 60: two days in under an hour)")
    fd.add_argument("--limit", type=int, help="stop after this many uplinks")
    broker_options(fd)
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
    sh.add_argument("--date", required=True, type=date_arg, help="the day, YYYY-MM-DD (Europe/Paris)")
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
    rp.add_argument("--dates", type=dates_arg, metavar="YYYY-MM-DD,...",
                    help="days of the sun study (default: 21 March, 21 June, 21 December of the scene's year)")
    rp.add_argument("--resolution", type=float, default=1.0, help="cell of the sun and view grids, metres (default 1)")
    configure_process(sub.add_parser("process", help="run a processing algorithm (profile, extract, clip, "
                                                      "viewshed, sun-hours, plugins'): list, help ALGO, ALGO --param value"))
    if with_plugins:
        from twin.core.plugins import plugins
        for command in plugins().commands().values():
            try:
                command.configure(sub.add_parser(command.name, help=command.help))
            except Exception as exc:   # a broken plugin command never breaks the CLI
                plugins().fail(command, message("command '{}' could not set up its arguments ({}: {})").format(
                                            command.name, type(exc).__name__, exc))
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # plugins add sub-commands (listed by --help too); --version alone need not find them
    light = not argv or argv[0] == "--version"
    args = build_parser(with_plugins=not light).parse_args(argv)
    command = args.command or "open"
    if args.command is None:
        args.scene, args.lang = [], None
    _messages_language(argv, args)

    builtin = {"render": cmd_render, "info": cmd_info, "open": cmd_open, "prepare": cmd_prepare,
               "plugins": cmd_plugins, "run": cmd_run, "ingest": cmd_ingest,
               "ingest-stats": cmd_ingest_stats, "feed-demo": cmd_feed_demo, "export": cmd_export,
               "build-scene": cmd_build_scene, "kiosk": cmd_kiosk, "present": cmd_present,
               "tour-export": cmd_tour_export, "sun": cmd_sun, "sun-hours": cmd_sun_hours,
               "report": cmd_report, "process": cmd_process, "fetch": cmd_fetch}
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
        print("twin: " + message("unexpected error ({}: {}); run with TWIN_DEBUG=1 for details and please report "
                            "it").format(type(exc).__name__, exc), file=sys.stderr)
        return 3


def _messages_language(argv: list[str], args) -> None:
    """The command line's messages in the language asked with ``--lang``, else the system's
    (LANG=fr_FR.UTF-8: French; C: English); a language without a catalogue stays English."""
    from twin.core.i18n import CATALOGUES, set_message_language, system_language
    asked = getattr(args, "lang", None) if any(a == "--lang" or a.startswith("--lang=") for a in argv) else None
    code = asked or system_language()
    set_message_language(code if code == "en" or (CATALOGUES / f"cli_{code}.toml").is_file() else "en")



def _plugin_command(name: str, args) -> int:
    from twin.core.plugins import plugins
    command = plugins().commands()[name]
    try:
        return int(command.run(args) or 0)
    except (TwinError, KeyboardInterrupt):
        raise
    except Exception as exc:   # the plugin is at fault: say which, and switch it off
        record = plugins().owner(command)
        reason = f"command '{name}' raised {type(exc).__name__}: {exc}"
        plugins().fail(command, reason)
        print("twin: " + message("plugin '{}' failed: {}").format(record.name if record else "?", reason), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
