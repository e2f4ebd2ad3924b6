"""LiDAR at territory scale, on realistic synthetic IGN-like tiles (benchmarks/synthetic.py):

- import throughput of a whole 20 M-point LAZ tile vs a bare laspy.read (lazrs parallel)
  of the same file and dimensions (benchmarks/laz_import.py: each read in a fresh process,
  alternated, best of 3);
- `twin prepare` of 4 tiles with 1 worker vs 2 workers;
- time to first frame and to full refinement: the plain LAZ tile vs the prepared COPC;
- frame time at several point budgets (offscreen 1280×720) and resident memory per million
  points displayed;
- 100 M points in 5 tiles: open, fly over, zoom to a street; peak RSS.

    python benchmarks/bench_lidar_lod.py [--millions 20] [--tiles 5] [--workdir DIR]

Tiles are generated once into the work folder (default: a folder in /tmp) and reused."""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import sys
import time
from pathlib import Path

import laspy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere
from benchmarks.synthetic import SIDE, write_tile  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def make_tiles(folder: Path, n: int, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        x0, y0 = 684000 + SIDE * (i % 3), 7021000 + SIDE * (i // 3)
        path = folder / f"LHD_FXX_{int(x0 / 1000):04d}_{int(y0 / 1000) + 1:04d}_PTS_C_LAMB93_IGN69.laz"
        if not path.exists() or laspy.open(path).header.point_count != n:
            _, dt = timed(lambda: write_tile(path, n, x0, y0, seed=i))
            print(f"  generated {path.name}: {n / 1e6:.0f} M points in {dt:.1f} s")
        paths.append(path)
    return paths


def bench_import(path: Path) -> None:
    from benchmarks.laz_import import report
    report(path, runs=3, every_dimension=True)


def bench_prepare(tiles: list[Path], out: Path) -> None:
    from twin.lod.prepare import prepare_tiles
    n = sum(laspy.open(p).header.point_count for p in tiles)
    for workers in (1, 2):
        shutil.rmtree(out, ignore_errors=True)
        results, dt = timed(lambda: prepare_tiles(tiles, out, workers=workers, force=True))
        assert all(r.error is None for r in results), [r.error for r in results]
        print(f"  twin prepare, {len(tiles)} tiles ({n / 1e6:.0f} M points), {workers} worker(s): "
              f"{dt:6.1f} s = {n / dt / 1e6:.2f} M points/s; peak RSS of a worker "
              f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3:.0f} MB")


def _scene(source, budget):
    from twin.core.layers import PointCloudLayer
    from twin.core.scene import Scene
    scene = Scene()
    layer = scene.add_layer(PointCloudLayer("lidar", source=source, budget=budget))
    return scene, layer


def _close_view(x0, y0):
    from twin.core.camera import View
    return View(position=(x0 + 300, y0 + 250, 140), focal_point=(x0 + 420, y0 + 400, 65))


def bench_first_frame(laz: Path, copc: Path, budget: int) -> None:
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.io.loading import apply_results, load_scene_data
    x0 = laspy.open(laz).header.mins
    for label, source in (("plain LAZ", laz), ("prepared COPC", copc)):
        gc.collect()
        start = time.perf_counter()
        scene, layer = _scene(source, budget)
        apply_results(load_scene_data(scene))
        plotter = make_plotter((1280, 720))
        mirror = SceneMirror(scene, plotter)
        mirror.apply_view(None)
        plotter.screenshot(return_img=True)     # pyvista renders offscreen on a screenshot
        first = time.perf_counter() - start
        shown = len(layer.data.points)
        mirror.apply_view(_close_view(x0[0], x0[1]))
        t = time.perf_counter()
        mirror.settle_points()
        plotter.screenshot(return_img=True)
        refine = time.perf_counter() - t
        print(f"  {label:14s} first frame {first:5.2f} s ({shown:,} points); "
              f"zoomed to a street, fully refined in {refine:5.2f} s "
              f"({len(layer.data.points):,} points, {layer.data.nodes} nodes)")
        mirror.close()
        plotter.close()


def _frames_at(copc: Path, budget: int) -> tuple[int, float, float, float]:
    """In a fresh process, so that memory is this budget's alone: points drawn, ms per
    frame (render + read back), MB of RSS grown from an empty window to the refined view,
    and ms the GUI thread spends taking in one refinement (arrays swapped, VTK rebuilt)."""
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.io.loading import apply_results, load_scene_data
    plotter = make_plotter((1280, 720))
    plotter.screenshot(return_img=True)
    before = rss_mb()
    scene, layer = _scene(copc, budget)
    apply_results(load_scene_data(scene))
    mirror = SceneMirror(scene, plotter)
    x0 = laspy.open(copc).header.mins
    mirror.apply_view(_close_view(x0[0], x0[1]))
    mirror.settle_points()
    plotter.screenshot(return_img=True)
    frames = []
    for _ in range(5):
        plotter.camera.Azimuth(2)
        _, dt = timed(lambda: (plotter.render(), plotter.screenshot(return_img=True)))
        frames.append(dt)
    grown = rss_mb() - before
    swaps = []
    for step in range(3):    # move on, let the workers decode, then time the GUI thread's share
        mirror.apply_view(_close_view(x0[0] + 150 * (step + 1), x0[1] + 100 * (step + 1)))
        mirror.update_points()
        layer.data.stream.wait()
        _, dt = timed(mirror.update_points)
        swaps.append(dt)
    return len(layer.data.points), 1000 * sorted(frames)[2], grown, 1000 * max(swaps)


def bench_frames(copc: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context
    for budget in (250_000, 500_000, 1_000_000, 2_000_000):
        with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
            drawn, ms, grown, swap = pool.submit(_frames_at, copc, budget).result()
        print(f"  budget {budget / 1e6:4.2f} M: {drawn / 1e6:4.2f} M drawn, {ms:5.0f} ms/frame, "
              f"RSS +{grown:5.0f} MB = {grown / (drawn / 1e6):4.0f} MB per million points displayed "
              f"(model, node cache and VTK); GUI thread per refinement {swap:4.0f} ms")


def bench_territory(folder: Path) -> None:
    """In a fresh process, so that its peak memory is the territory's alone."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        pool.submit(_territory, folder).result()


def _territory(folder: Path) -> None:
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    from twin.lod import ViewFrustum, select_nodes
    from twin.io.loading import apply_results, load_scene_data
    gc.collect()
    start_rss = rss_mb()
    scene, layer = _scene(folder, 1_000_000)
    _, dt = timed(lambda: apply_results(load_scene_data(scene)))
    stream = layer.data.stream
    print(f"  opened {len(stream.tiles)} tiles, {stream.data.total / 1e6:.0f} M points, "
          f"{len(stream.nodes)} nodes: first view in {dt:.2f} s")
    plotter = make_plotter((1280, 720))
    mirror = SceneMirror(scene, plotter)
    b = scene.bounds()
    views = [None]
    for k in range(6):    # a flight over the tiles, then down into the streets
        x = b[0] + (b[3] - b[0]) * (0.15 + 0.14 * k)
        y = b[1] + (b[4] - b[1]) * (0.3 + 0.08 * k)
        h = 900 - 140 * k
        views.append(View(position=(x, y - h, h), focal_point=(x, y + 200, 65)))
    worst = 0.0
    for view in views:
        mirror.apply_view(view)
        t = time.perf_counter()
        mirror.settle_points()
        plotter.screenshot(return_img=True)
        worst = max(worst, time.perf_counter() - t)
    frustum = ViewFrustum(mirror.current_view(), 1280, 720)
    _, sel = timed(lambda: [select_nodes(stream.nodes, frustum, 1_000_000) for _ in range(20)])
    print(f"  flew over and into the streets ({len(views)} views): slowest full refinement "
          f"{worst:.2f} s; node selection {1000 * sel / 20:.1f} ms")
    print(f"  RSS now {rss_mb():.0f} MB (+{rss_mb() - start_rss:.0f} MB since opening), "
          f"peak {peak_mb():.0f} MB for the whole process — target < 4 000 MB", flush=True)
    mirror.close()
    plotter.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--millions", type=float, default=20)
    ap.add_argument("--tiles", type=int, default=5)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/twin-bench-lidar"))
    ap.add_argument("--skip", nargs="*", default=[], choices=["import", "prepare"],
                    help="parts to skip (their outputs in the work folder are reused)")
    args = ap.parse_args()
    n = int(args.millions * 1e6)
    print(f"machine: {os.cpu_count()} cores; tiles of {n / 1e6:.0f} M points in {args.workdir}")
    tiles = make_tiles(args.workdir / "laz", n, args.tiles)
    if "import" not in args.skip:
        bench_import(tiles[0])
    from twin.lod.prepare import output_path, prepare_tiles
    if "prepare" not in args.skip:
        print("prepare:")
        bench_prepare(tiles[:4], args.workdir / "copc")
    prepare_tiles(tiles, args.workdir / "copc", workers=2)   # what is missing (up-to-date skipped)
    prepared = [output_path(t, args.workdir / "copc") for t in tiles]
    print("time to first frame (1280×720, budget 1 M):")
    bench_first_frame(tiles[0], prepared[0], 1_000_000)
    print("frame time at the point budget (offscreen 1280×720, llvmpipe here):")
    bench_frames(prepared[0])
    print(f"territory ({args.tiles} tiles in one layer):")
    bench_territory(args.workdir / "copc")


if __name__ == "__main__":
    main()
