"""Commands on data and scenes: open, render, info, export, prepare, build-scene, plugins, run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from twin.cli.common import progress
from twin.core.errors import TwinError
from twin.core.i18n import message
from twin.io.autoscene import load_scene_or_files
from twin.io.scene_file import DEMO_SCENE


def cmd_render(args) -> int:
    from twin.core.feedback import Feedback
    from twin.io.loading import apply_results, load_scene_data
    from twin.core.i18n import CATALOGUES, set_language
    known = sorted({"en", *(p.stem.split("_", 1)[1] for p in CATALOGUES.glob("overlays_*.toml"))})
    if args.lang not in known:
        raise TwinError(message("--lang {}: no translation of the legends in that language (known: {})").format(
                            args.lang, ', '.join(known)))
    set_language(args.lang)
    scene = load_scene_or_files(args.inputs, args.crs)
    view = scene.bookmark(args.bookmark).view if args.bookmark else None
    for name, visible in [(n, True) for n in args.show] + [(n, False) for n in args.hide]:
        layer = scene.layers.find(name)
        layer.visible = visible
        for group in layer.ancestors() if visible else ():
            group.visible = True
    fb = Feedback(on_progress=progress, on_warning=lambda t: print("twin: " + message("warning: {}").format(t), file=sys.stderr))
    results = load_scene_data(scene, fb)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    apply_results(results)
    failed = [r for r in results if r.error]
    for r in failed:
        print("twin: " + message("error: layer '{}': {}").format(r.layer.name, r.error), file=sys.stderr)
    if results and len(failed) == len(results):
        print("twin: " + message("nothing could be loaded; no image written"), file=sys.stderr)
        return 2
    from twin._vtk.offscreen import render_scene
    args.out.parent.mkdir(parents=True, exist_ok=True)
    render_scene(scene, args.out, size=args.size, view=view, quality=args.quality, furniture=args.furniture)
    print(f"{args.out} ({args.size[0]}×{args.size[1]})")
    return 1 if failed else 0


def cmd_export(args) -> int:
    from twin.io.export import check_outputs, load_for_export, write_3dtiles, write_glb
    from twin.core.feedback import Feedback
    if args.glb is None and args.tiles is None:
        raise TwinError(message("say what to write: --glb OUT.glb and/or --3dtiles OUTDIR"))
    check_outputs(args.glb, args.tiles, args.force)
    scene = load_scene_or_files(args.inputs, args.crs)
    fb = Feedback(on_progress=progress, on_warning=lambda t: print("twin: " + message("warning: {}").format(t), file=sys.stderr))
    layers, errors = load_for_export(scene, args.layers, fb)
    for text in errors:
        print("twin: " + message("error: {} (left out)").format(text), file=sys.stderr)
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


def cmd_prepare(args) -> int:
    from twin.core.feedback import Feedback
    from twin.lod.prepare import prepare_tiles
    results = prepare_tiles(args.tiles, args.out, scheduler=args.scheduler, workers=args.workers,
                            force=args.force, feedback=Feedback(on_progress=progress))
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for r in results:
        if r.error:
            print("twin: " + message("error: {}").format(r.error), file=sys.stderr)
        elif r.note == "up to date":
            print(f"{r.output} (up to date)")
        else:
            note = f"; {r.note}" if r.note else ""
            print(f"{r.output}: {r.points:,} points in {r.levels} levels, {r.seconds:.1f} s{note}")
    failed = sum(1 for r in results if r.error)
    return 0 if not failed else (2 if failed == len(results) else 1)


def cmd_info(args) -> int:
    if args.file.suffix.lower() == ".toml":
        return _scene_info(args)
    from twin.io.registry import file_info
    info = file_info(args.file, layer=args.layer)
    if args.json:
        print(json.dumps(info.to_json(), ensure_ascii=False, default=str))
        return 0
    print(f"{info.path}\n  kind:      {info.kind} (importer: {info.importer})\n"
          f"  count:     {info.count:,}\n  crs:       {info.crs or 'none (the scene CRS will be assumed)'}\n"
          f"  bounds:    {info.bounds}")
    for key, value in info.details.items():
        if key == "layers" and len(value) > 1:
            print(f"  layers:    {len(value)}")
            for entry in value:
                print(f"    {entry['name']:<32} {entry['count']:>9,}  {entry['geometry_type'] or 'table'}")
        elif key != "layers":
            print(f"  {key + ':':<10} {value}")
    return 0


def _scene_info(args) -> int:
    """A scene, loaded: each layer with what it holds, or why it could not be loaded."""
    from twin.core.feedback import Feedback
    from twin.io.scene_info import scene_info
    if args.layer:
        raise TwinError(message("--layer applies to a data file, not to a scene"), path=args.file)
    notes: list[str] = []
    info = scene_info(args.file, Feedback(on_warning=notes.append))
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        print(f"{args.file}\n  scene:     {info['name']} ({info['crs']}), {len(info['layers'])} layers")
        for layer in info["layers"]:
            what = f"error: {layer['error']}" if layer["error"] else f"{layer['count']:,}" if layer["count"] is not None else ""
            print(f"    {layer['name']:<32} {layer['kind']:<11} {what}")
    for text in notes:
        print("twin: " + message("warning: {}").format(text), file=sys.stderr)
    return 1 if any(layer["error"] for layer in info["layers"]) else 0


def cmd_plugins(args) -> int:
    from twin.core.plugins import plugins
    manager = plugins()
    if args.action in ("enable", "disable"):
        if not args.name:
            raise TwinError((message("say which plugin to enable") if args.action == "enable" else message("say which plugin to disable")), hint=message("twin plugins lists them"))
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
    from twin.core.feedback import Feedback
    from twin.io.loading import apply_results, load_scene_data
    from twin.core.plugins import plugins
    if not args.script.is_file():
        raise TwinError(message("script not found"), path=args.script)
    scene = load_scene_or_files(args.inputs or [str(DEMO_SCENE)])
    fb = Feedback(on_warning=lambda t: print("twin: " + message("warning: {}").format(t), file=sys.stderr))
    results = load_scene_data(scene, fb)
    apply_results(results)
    for r in results:
        if r.error:
            print("twin: " + message("error: layer '{}': {}").format(r.layer.name, r.error), file=sys.stderr)
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


def cmd_build_scene(args) -> int:
    from twin.io.commune import build_scene, report
    from twin.core.crs import DEFAULT_CRS
    from twin.core.feedback import Feedback
    from twin.io.scene_file import save_scene
    out = args.out.with_suffix(".toml")
    if out.exists() and not args.force:
        raise TwinError(message("already exists"), path=out, hint=message("choose another --out, or add --force to replace it"))
    fb = Feedback(on_progress=progress, on_warning=lambda t: print("twin: " + message("warning: {}").format(t), file=sys.stderr))
    scene, found = build_scene(args.folder, args.crs or DEFAULT_CRS, args.name, fb, commune=args.commune,
                               buffer=args.buffer, workdir=out.parent / f"{out.stem}.data")
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
    return run_app(args.scene or [str(DEMO_SCENE)], lang=getattr(args, "lang", None))

