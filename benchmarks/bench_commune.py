"""twin on a commune delivered at its real size (``benchmarks/commune_delivery.py``): a
département's BD TOPO (300 000 buildings), Arras's Etalab parcels, 12 LiDAR HD MNT and
COPC tiles, a 10 000² BD ORTHO JPEG 2000. Each figure comes with the same run's bare
library doing the reading (or drawing) that step needs:

- ``twin build-scene --from DIR --commune 62041 --out SCENE``: wall time and peak RSS of
  the command (goal < 60 s, < 3 GB), beside pyogrio/rasterio reading the commune's data;
- open → first frame of that scene at 1280×720 (load + offscreen render with the VTK
  mirror), and RSS with terrain, ortho, buildings and points shown (goal < 5 s, < 3 GB);
- frame time flying from the whole commune down to a street (median and 90th
  percentile, goal ≤ 100 ms), beside bare VTK drawing the same actors on the same path;
- the reading alone: ``batiment`` by ``bbox=`` vs the whole layer, the MNT tiles, the
  JPEG 2000 window, the parcels, the COPC tiles' first two levels.

A step twin cannot do yet is printed as failed with twin's own message; the others go on.

    python benchmarks/bench_commune.py --delivery /work/bench-commune [--json]
    python benchmarks/bench_commune.py --delivery /tmp/small --scale 0.01    # a quick run
    python benchmarks/bench_commune.py --delivery /tmp/archived --archive    # BD TOPO left in its .7z
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # run as a script from anywhere
from benchmarks.commune_delivery import POINTS, generate, plan, read_manifest  # noqa: E402

GOALS = {"build": (60.0, "s"), "build_rss": (3000.0, "MB"), "open": (5.0, "s"), "open_rss": (3000.0, "MB"),
         "frame_median": (100.0, "ms"), "frame_p90": (100.0, "ms")}


def timed(fn, repeat: int = 1):
    """(result, best wall time of ``repeat`` runs)."""
    best, out = np.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return out, best


def run_measured(cmd: list[str], timeout: float) -> dict:
    """Run a command; its wall time, exit status, peak RSS (its own, from wait4) and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "rc": proc.returncode, "rss_mb": usage.ru_maxrss / 1024,
                "stdout": out.read().decode(errors="replace"), "stderr": err.read().decode(errors="replace"),
                "timed_out": wall > timeout}


def twin_error(run: dict) -> str:
    """twin's own message: its 'twin: error:' lines, else argparse's, else the last line."""
    lines = [line for line in run["stderr"].splitlines() if line.strip()]
    ours = [line for line in lines if "error:" in line]
    if run.get("timed_out"):
        return "stopped after the time limit"
    return (ours[-1] if ours else (lines[-1] if lines else f"exit status {run['rc']}")).strip()


# -- the bare library ------------------------------------------------------------------------

def bare_reads(folder: Path, m: dict, work: Path) -> dict[str, float]:
    import laspy
    import pyogrio
    import rasterio
    from rasterio.windows import from_bounds
    files = sorted(m["files"])
    r = {}
    if m.get("archive"):           # IGN's .7z: the bare libraries need it unpacked first
        import py7zr
        archive = folder / next(f for f in files if f.endswith(".7z"))

        def unpack():
            with py7zr.SevenZipFile(archive) as z:
                z.extractall(work / "unpacked")
        _, r["unpack_7z"] = timed(unpack)
        gpkg = next((work / "unpacked").rglob("*.gpkg"))
    else:
        gpkg = folder / next(f for f in files if f.endswith(".gpkg"))
    parcels = folder / next(f for f in files if f.endswith("parcelles.json.gz"))
    mnt = [folder / f for f in files if "_MNT_" in f]
    copc = [folder / f for f in files if f.endswith(".copc.laz")]
    jp2 = folder / next(f for f in files if f.endswith(".jp2"))
    box = tuple(m["commune"]["bounds"])
    frame, r["gpkg_window"] = timed(lambda: pyogrio.read_dataframe(gpkg, layer="batiment", bbox=box, use_arrow=True), 3)
    r["gpkg_window_features"] = len(frame)
    _, r["gpkg_whole"] = timed(lambda: pyogrio.read_dataframe(gpkg, layer="batiment", use_arrow=True), 2)
    _, r["commune_outline"] = timed(lambda: pyogrio.read_dataframe(
        gpkg, layer="commune", where=f"code_insee = '{m['commune']['code']}'"), 3)
    _, r["parcels"] = timed(lambda: pyogrio.read_dataframe(f"/vsigzip/{parcels}", use_arrow=True), 3)

    def read_mnt():
        for p in mnt:
            with rasterio.open(p) as src:
                src.read(1)
    _, r["mnt"] = timed(read_mnt, 2)

    def read_jp2(factor):
        with rasterio.open(jp2) as src:
            win = from_bounds(*np.maximum(box[:2], src.bounds[:2]), *np.minimum(box[2:], src.bounds[2:]),
                              transform=src.transform).round_offsets().round_lengths()
            shape = (3, max(1, int(win.height // factor)), max(1, int(win.width // factor)))
            return src.read(window=win, out_shape=shape)
    _, r["jp2_full"] = timed(lambda: read_jp2(1))
    _, r["jp2_eighth"] = timed(lambda: read_jp2(8), 3)

    def read_copc():        # the coarse levels, about what a first view of the whole commune shows
        n = 0
        for p in copc:
            with laspy.CopcReader.open(p) as reader:
                n += len(reader.query(level=range(0, 2)))
        return n
    r["copc_points"], r["copc_levels"] = timed(read_copc, 2)
    return r


# -- in a fresh process: open, show everything, fly ------------------------------------------------

def _flight(m: dict, z0: float, z1: float, frames: int):
    """Views from the whole commune (oblique, as build-scene's overview) down to a street."""
    from twin.core.camera import View
    x0, y0, x1, y1 = m["commune"]["bounds"]
    start = View.looking_at((x0, y0, z0, x1, y1, z1 + 30))
    s = m["street"]
    h = np.asarray(s["heading"] + [0.0])
    target = np.array([s["x"], s["y"], s["z"] + 2.0])
    end_pos = target - 70 * h + np.array([0, 0, 22.0])
    f0, p0 = np.asarray(start.focal_point), np.asarray(start.position)
    d0, d1 = np.linalg.norm(p0 - f0), np.linalg.norm(end_pos - target)
    u0, u1 = (p0 - f0) / d0, (end_pos - target) / d1
    views = []
    for t in 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, frames)):       # ease in and out
        focal = f0 + (target - f0) * t
        u = u0 + (u1 - u0) * t
        views.append(View(tuple(focal + u / np.linalg.norm(u) * d0 * (d1 / d0) ** t), tuple(focal)))
    return views


def child_open(scene_path: Path, manifest_dir: Path, size, frames: int, shots: Path) -> dict:
    import resource

    def rss():
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20

    from benchmarks.bench_demo_open import open_first_frame
    scene, plotter, mirror, results, phases = open_first_frame(scene_path, size, shots / "first_frame.png",
                                                               shots / "settled_frame.png")
    from twin.core.layers import BuildingsLayer, PointCloudLayer, TerrainLayer
    from twin.io.loading import apply_results, load_scene_data
    from twin.lod.budget import AdaptiveBudget
    out = {**phases, "rss_first_frame": rss(),
           "layer_errors": {r.layer.name: r.error for r in results if r.error}}

    wanted = [layer for layer in scene.data_layers()
              if isinstance(layer, (TerrainLayer, BuildingsLayer, PointCloudLayer))]
    for layer in wanted:
        node = layer
        while node is not None:
            node.visible = True
            node = node.parent
    missing = [layer for layer in wanted if layer.data is None and layer.error is None]
    if missing:
        apply_results(load_scene_data(scene, layers=missing))
    out["shown"] = {layer.name: layer.error or type(layer).__name__ for layer in wanted}
    out["textured"] = any(getattr(layer, "texture", None) is not None for layer in wanted)
    z = [layer.data.grid.values for layer in wanted if isinstance(layer, TerrainLayer) and layer.data is not None]
    finite = np.concatenate([v[np.isfinite(v)].ravel() for v in z]) if z else np.array([60.0, 90.0])
    views = _flight(read_manifest(manifest_dir), float(np.percentile(finite, 5)), float(np.percentile(finite, 95)), frames)
    mirror.apply_view(views[0])
    mirror.update_deferred(wait=True)          # the roofs' orthophoto, read after the first frame
    mirror.settle_points()
    plotter.render()
    plotter.screenshot(return_img=True)
    out["rss_everything_shown"] = rss()

    budget = AdaptiveBudget()
    seen, times, drawn = -1, [], []
    mirror.interacting = True                  # a flight draws what a moving view draws
    for i, view in enumerate(views):           # as the planner window's timer does, once a frame
        t = time.perf_counter()
        mirror.apply_view(view)
        if mirror.frames != seen:
            seen = mirror.frames
            budget.record(mirror.frame_ms, mirror.points_drawn())
        mirror.update_terrain()
        mirror.update_points(budget.points)
        plotter.render()
        img = plotter.screenshot(return_img=True)
        times.append(time.perf_counter() - t)
        drawn.append(mirror.motion.drawn.points)
        if i in (len(views) // 2, len(views) - 1):
            from PIL import Image
            Image.fromarray(img).save(shots / f"flight_{i:03d}.png")
    out["frames_ms"] = [1000 * v for v in times]
    out["points_drawn"] = drawn
    out["moving_drawn"] = vars(mirror.motion.drawn)
    mirror.interacting = False                 # arrived: the still frame, refined
    mirror.settle()
    still = []
    for _ in range(3):
        t = time.perf_counter()
        plotter.render()
        img = plotter.screenshot(return_img=True)
        still.append(1000 * (time.perf_counter() - t))
    from PIL import Image
    Image.fromarray(img).save(shots / "flight_still.png")
    out["still_ms"] = float(np.median(still))
    out["still_drawn"] = vars(mirror.motion.drawn)
    out["bare"] = _bare_vtk(plotter, views, mirror, size, shots)
    out["rss_peak_self"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["cells"] = sum(a.GetMapper().GetInput().GetNumberOfCells() for v in mirror.visuals.values()
                       for a in v.actors if a.GetVisibility())
    mirror.close()
    plotter.close()
    return out


def _no_msaa():
    """pyvista's theme without multisampling, as twin draws (else the bare figure would
    pay MSAA ×8, 2–4× a frame on llvmpipe)."""
    import pyvista as pv
    t = pv.themes.Theme()
    t.multi_samples = 0
    t.anti_aliasing = None
    return t


def _bare_vtk(plotter, views, mirror, size, shots: Path) -> dict:
    """The same visible actors (geometry, colours, textures as they are at the end of the
    flight) in a plain pyvista plotter, on the same path: what VTK costs without twin."""
    import pyvista as pv
    import vtk
    bare = pv.Plotter(off_screen=True, window_size=list(size), theme=_no_msaa())
    for actor in plotter.renderer.GetActors():
        if not actor.GetVisibility() or actor.GetMapper() is None:
            continue
        mapper = actor.GetMapper().NewInstance()
        mapper.ShallowCopy(actor.GetMapper())               # colours, lookup table, scalars…
        mapper.SetInputData(actor.GetMapper().GetInput())   # …but not the data: hand it over
        copy = vtk.vtkActor()
        copy.SetMapper(mapper)
        copy.SetProperty(actor.GetProperty())
        if actor.GetTexture() is not None:
            copy.SetTexture(actor.GetTexture())
        copy.SetUserMatrix(actor.GetUserMatrix())
        bare.renderer.AddActor(copy)
    origin = mirror.origin
    cam = bare.camera
    times = []
    for i, view in enumerate(views):
        cam.position = tuple(np.asarray(view.position) - origin)
        cam.focal_point = tuple(np.asarray(view.focal_point) - origin)
        cam.up = view.view_up
        cam.view_angle = view.view_angle
        bare.renderer.ResetCameraClippingRange()
        t = time.perf_counter()
        bare.render()
        img = bare.screenshot(return_img=True)
        times.append(time.perf_counter() - t)
    from PIL import Image
    Image.fromarray(img).save(shots / "bare_vtk_last.png")       # to see that it drew the same
    bare.close()
    return {"first_frame": times[0], "frames_ms": [1000 * v for v in times[1:]]}


# -- the run ------------------------------------------------------------------------------------

def _step(name, value=None, unit="", goal=None, baseline=None, baseline_label="", error=None, **extra) -> dict:
    ok = error is None and value is not None
    row = {"step": name, "ok": ok, "value": value, "unit": unit, "goal": goal,
           "baseline": baseline, "baseline_label": baseline_label, "error": error, **extra}
    if ok and baseline:
        row["ratio"] = value / baseline
    return row


def delivery(args) -> tuple[Path, dict]:
    folder = args.delivery.resolve()
    m = read_manifest(folder)
    wanted = {"seed": args.seed, "scale": args.scale, "points": plan(args.scale, args.points or POINTS)["points"],
              "archive": args.archive}
    if m is None or any(m.get(k, False) != v for k, v in wanted.items()):
        print(f"generating the delivery into {folder} …", flush=True)
        m = generate(folder, args.seed, args.scale, args.points or POINTS, archive=args.archive,
                     feedback=lambda t: print(f"  {t}", flush=True))
    return folder, m


def bench(args) -> dict:
    folder, m = delivery(args)
    code = m["commune"]["code"]
    work = Path(tempfile.mkdtemp(prefix="twin-bench-commune-"))
    shots = args.shots or work
    shots.mkdir(parents=True, exist_ok=True)
    steps = []
    print("reading with the bare libraries …", flush=True)
    bare = bare_reads(folder, m, work)
    shutil.rmtree(work / "unpacked", ignore_errors=True)      # the archive's copy, for the bare reads only
    imports = run_measured([sys.executable, "-c", "import twin.cli.main"], 120)

    scene = work / "commune.toml"
    cmd = [sys.executable, "-m", "twin", "build-scene", "--from", str(folder), "--commune", code,
           "--out", str(scene), "--force"]
    print("twin build-scene …", flush=True)
    built = run_measured(cmd, args.timeout)
    reads = imports["wall"] + bare["commune_outline"] + bare["gpkg_window"] + bare["parcels"] + bare["mnt"]
    label = "python + twin imports, then pyogrio/rasterio: outline, batiment bbox, parcels, MNT tiles"
    error = None if built["rc"] == 0 and scene.exists() else twin_error(built)
    steps.append(_step(f"build-scene --commune {code}", built["wall"], "s", GOALS["build"][0], reads, label, error,
                       command=" ".join(cmd[1:])))
    steps.append(_step("  peak RSS of build-scene", built["rss_mb"], "MB", GOALS["build_rss"][0],
                       imports["rss_mb"], "python + twin imports", error))

    scene_file = args.scene or (scene if error is None else None)
    opened = None
    if scene_file is None:
        reason = "no scene to open: build-scene failed"
    else:
        print(f"open, first frame and flight ({scene_file}) …", flush=True)
        out_json = work / "open.json"
        run = run_measured([sys.executable, str(Path(__file__).resolve()), "--child-open", str(scene_file),
                            "--delivery", str(folder), "--size", args.size, "--frames", str(args.frames),
                            "--shots", str(shots), "--child-out", str(out_json)], args.timeout)
        if run["rc"] == 0 and out_json.exists():
            opened = json.loads(out_json.read_text())
            opened["rss_peak"] = run["rss_mb"]
            reason = None
        else:
            reason = twin_error(run)
    if opened:
        first = bare["gpkg_window"] + bare["mnt"] + bare["jp2_eighth"] + bare["copc_levels"]   # the parcels come after
        steps.append(_step(f"open → first frame {args.size}", opened["open"], "s", GOALS["open"][0],
                           first + opened["bare"]["first_frame"],
                           "bare reads (batiment bbox, MNT, JP2 at 1/8, COPC levels 0–1) + bare VTK first frame",
                           phases={k: round(opened[k], 2) for k in ("imports", "read_build", "first_frame_vtk",
                                                                     "overlays", "settled")},
                           layer_errors=opened["layer_errors"]))
        steps.append(_step("  RSS, everything shown", opened["rss_everything_shown"], "MB", GOALS["open_rss"][0],
                           peak=opened["rss_peak"], shown=opened["shown"], textured=opened["textured"]))
        ms, bare_ms = np.asarray(opened["frames_ms"][1:]), np.asarray(opened["bare"]["frames_ms"])
        steps.append(_step("flight commune → street, median", float(np.median(ms)), "ms", GOALS["frame_median"][0],
                           float(np.median(bare_ms)), "bare VTK, same actors at full quality and path",
                           points=[int(np.min(opened["points_drawn"])), int(np.max(opened["points_drawn"]))],
                           cells=opened["cells"]))
        steps.append(_step("  90th percentile", float(np.percentile(ms, 90)), "ms", GOALS["frame_p90"][0],
                           float(np.percentile(bare_ms, 90)), "bare VTK, same actors and path"))
        steps.append(_step("  still frame at the street, refined", opened["still_ms"], "ms",
                           baseline=float(np.median(ms)), baseline_label="the moving frames' median",
                           drawn={"moving": opened["moving_drawn"], "still": opened["still_drawn"]}))
    else:
        for name in (f"open → first frame {args.size}", "  RSS, everything shown",
                     "flight commune → street, median", "  90th percentile",
                     "  still frame at the street, refined"):
            steps.append(_step(name, error=reason))

    n = bare["gpkg_window_features"]
    steps += [
        _step(f"pyogrio batiment, commune bbox ({n:,} features)", bare["gpkg_window"], "s",
              baseline=bare["gpkg_whole"], baseline_label="the whole layer (ratio: window / whole)"),
        _step("pyogrio commune outline (where=)", bare["commune_outline"], "s"),
        _step("pyogrio Etalab parcels (/vsigzip/)", bare["parcels"], "s"),
        _step(f"rasterio MNT, {sum('_MNT_' in f for f in m['files'])} tiles, full resolution", bare["mnt"], "s"),
        _step("rasterio JPEG 2000, commune window, full resolution", bare["jp2_full"], "s"),
        _step("rasterio JPEG 2000, commune window at 1/8", bare["jp2_eighth"], "s"),
        _step(f"laspy COPC levels 0–1 of every tile ({bare['copc_points']:,} points)", bare["copc_levels"], "s"),
        _step("python + twin imports", imports["wall"], "s"),
    ]
    if "unpack_7z" in bare:
        steps.append(_step("py7zr unpacking the BD TOPO archive", bare["unpack_7z"], "s"))
    if error is None and built["rc"] == 0:
        steps[0]["twin_output"] = built["stdout"].strip().splitlines()[-3:]
    return {"delivery": {"folder": str(folder), "bytes": m["bytes"], "buildings": m["counts"]["batiment"],
                         "commune_buildings": m["commune"]["buildings"], "points_per_tile": m["points"],
                         "mnt_pixels": m["mnt_pixels"], "ortho_resolution": m["ortho_resolution"]},
            "machine": {"cores": os.cpu_count()}, "shots": str(shots), "steps": steps}


def _fmt(value, unit) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value:8.2f} s"
    return f"{value:8.0f} {unit}"


def print_table(result: dict) -> None:
    d = result["delivery"]
    print(f"\ntwin on a commune delivery ({d['folder']}, {d['bytes'] / 1e9:.2f} GB): Arras, "
          f"{d['commune_buildings']:,} of {d['buildings']:,} buildings; {d['points_per_tile']:,} points a LiDAR "
          f"tile; MNT {d['mnt_pixels']}² a tile; ortho {d['ortho_resolution']} m; {result['machine']['cores']} cores")
    print(f"{'step':<56} {'twin':>11}  {'goal':>9}  {'bare library, same run':>13}")
    for row in result["steps"]:
        goal = f"< {_fmt(row['goal'], row['unit']).strip()}" if row["goal"] else ""
        if not row["ok"]:
            print(f"{row['step']:<56} {'FAILED':>11}  {goal:>9}  {row['error']}")
            continue
        base = ""
        if row["baseline"]:
            base = f"{_fmt(row['baseline'], row['unit']).strip()} ({row['baseline_label']})"
            if row.get("ratio"):
                base = f"×{row['ratio']:.2g} of {base}"
        met = "" if row["goal"] is None else ("  ok" if row["value"] <= row["goal"] else "  over")
        print(f"{row['step']:<56} {_fmt(row['value'], row['unit']):>11}  {goal:>9}  {base}{met}")
        for key in ("phases", "layer_errors", "shown", "points", "drawn"):
            if row.get(key):
                print(f"{'':<58}{key}: {row[key]}")
    print(f"pictures of the first frame and the flight: {result['shots']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    ap.add_argument("--delivery", type=Path, default=Path(tempfile.gettempdir()) / "twin-commune-delivery",
                    help="the delivery's folder: reused when it matches, generated otherwise")
    ap.add_argument("--seed", type=int, default=62041)
    ap.add_argument("--scale", type=float, default=1.0, help="a smaller delivery (see commune_delivery.py)")
    ap.add_argument("--points", type=int, help=f"points a LiDAR tile at scale 1 (default {POINTS:,})")
    ap.add_argument("--archive", action="store_true", help="the BD TOPO in its .7z, as IGN ships it")
    ap.add_argument("--scene", type=Path, help="open and fly this scene instead of the one build-scene writes")
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--frames", type=int, default=60, help="frames of the flight")
    ap.add_argument("--timeout", type=float, default=900, help="seconds a twin step may take")
    ap.add_argument("--shots", type=Path, help="where to save the first frame and the flight's pictures")
    ap.add_argument("--json", action="store_true", help="one JSON object on standard output, no table")
    ap.add_argument("--child-open", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_open:
        size = tuple(int(v) for v in args.size.split("x"))
        out = child_open(args.child_open, args.delivery, size, args.frames, args.shots)
        args.child_out.write_text(json.dumps(out))
        return 0
    if args.json:
        sys.stdout, real = sys.stderr, sys.stdout      # progress to stderr, the object alone to stdout
        result = bench(args)
        sys.stdout = real
        print(json.dumps(result, indent=1))
    else:
        print_table(bench(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
