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


def build_parser() -> argparse.ArgumentParser:
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

    i = sub.add_parser("info", help="what an importer sees in a file")
    i.add_argument("file", type=Path)
    i.add_argument("--json", action="store_true", help="one JSON object on standard output")
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


def cmd_open(args) -> int:
    from twin._qt.app import run_app
    return run_app(args.scene or [str(DEMO_SCENE)])


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "open"
    if args.command is None:
        args.scene = []
    try:
        return {"render": cmd_render, "info": cmd_info, "open": cmd_open,
                "prepare": cmd_prepare}[command](args)
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


if __name__ == "__main__":
    sys.exit(main())
