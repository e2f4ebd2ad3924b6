"""bench_commune.py's flight alone, on a scene already built, in seconds rather than minutes:
each moving frame's wall and CPU time (the process's, llvmpipe's threads included: steadier
than wall time on a shared machine), the main thread's own CPU for the view's updates (what
refinements cost it, whatever else the machine runs), cells and points drawn; then, at a few views of the
path, what each layer costs a moving frame (CPU saved when it is hidden) and the empty
frame's cost; then the still frame at the street.

    twin build-scene --from /work/bench-commune --commune 62041 --out /tmp/commune.toml
    python benchmarks/bench_commune_flight.py /tmp/commune.toml --delivery /work/bench-commune [--shots DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # run as a script from anywhere
from benchmarks.bench_commune import _flight  # noqa: E402
from benchmarks.commune_delivery import read_manifest  # noqa: E402


def _frame(plotter) -> tuple[float, float, np.ndarray]:
    """(wall ms, CPU ms, picture) of one frame, drawn and read back."""
    wall, cpu = time.perf_counter(), time.process_time()
    plotter.render()
    img = plotter.screenshot(return_img=True)
    return 1000 * (time.perf_counter() - wall), 1000 * (time.process_time() - cpu), img


def _cpu(plotter, n: int = 3) -> float:
    return float(np.median([_frame(plotter)[1] for _ in range(n)]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    ap.add_argument("scene", type=Path)
    ap.add_argument("--delivery", type=Path, default=Path("/work/bench-commune"))
    ap.add_argument("--frames", type=int, default=30)
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--shots", type=Path, help="where to save moving and still pictures")
    args = ap.parse_args(argv)
    size = tuple(int(v) for v in args.size.split("x"))

    from benchmarks.bench_demo_open import open_first_frame
    from twin.core.layers import BuildingsLayer, PointCloudLayer, TerrainLayer
    from twin.io.loading import apply_results, load_scene_data
    from twin.lod.budget import AdaptiveBudget
    scene, plotter, mirror, _, _ = open_first_frame(args.scene, size)
    wanted = [layer for layer in scene.data_layers()
              if isinstance(layer, (TerrainLayer, BuildingsLayer, PointCloudLayer))]
    for layer in wanted:                     # shown as bench_commune.py shows them
        node = layer
        while node is not None:
            node.visible = True
            node = node.parent
    apply_results(load_scene_data(scene, layers=[layer for layer in wanted if layer.data is None]))
    z = [layer.data.grid.values for layer in wanted if isinstance(layer, TerrainLayer) and layer.data is not None]
    finite = np.concatenate([v[np.isfinite(v)].ravel() for v in z]) if z else np.array([60.0, 90.0])
    views = _flight(read_manifest(args.delivery), float(np.percentile(finite, 5)),
                    float(np.percentile(finite, 95)), args.frames)
    mirror.apply_view(views[0])
    mirror.settle_points()
    _frame(plotter)

    budget, seen, wall, cpu = AdaptiveBudget(), -1, [], []
    mirror.interacting = True
    print(f"{'frame':>5} {'wall ms':>8} {'updates':>8} {'upd cpu':>8} {'draw cpu':>9} {'cells':>8} {'points':>8}")
    upd_cpu = []
    for i, view in enumerate(views):
        start, own = time.perf_counter(), time.thread_time()
        mirror.apply_view(view)
        if mirror.frames != seen:
            seen = mirror.frames
            budget.record(mirror.frame_ms, mirror.points_drawn())
        mirror.update_terrain()
        mirror.update_points(budget.points)
        updates = 1000 * (time.perf_counter() - start)
        upd_cpu.append(1000 * (time.thread_time() - own))
        ms, ms_cpu, img = _frame(plotter)
        wall.append(updates + ms)
        cpu.append(ms_cpu)
        d = mirror.motion.drawn
        print(f"{i:5d} {updates + ms:8.0f} {updates:8.0f} {upd_cpu[-1]:8.0f} {ms_cpu:9.0f} {d.cells:8,} {d.points:8,}")
        if args.shots and i in (0, len(views) // 2, len(views) - 1):
            from PIL import Image
            Image.fromarray(img).save(args.shots / f"moving_{i:03d}.png")
    print(f"moving: wall median {np.median(wall[1:]):.0f} ms, p90 {np.percentile(wall[1:], 90):.0f} ms; "
          f"drawing CPU median {np.median(cpu[1:]):.0f} ms; updates, main thread's CPU: median "
          f"{np.median(upd_cpu[1:]):.0f} ms, p90 {np.percentile(upd_cpu[1:], 90):.0f} ms")

    for i in (0, len(views) // 2, len(views) - 1):       # each layer's share of a moving frame
        mirror.apply_view(views[i])
        mirror.update_terrain()
        mirror.update_points(budget.points)
        mirror.settle_points()
        base = _cpu(plotter)
        shares, everything = [], []
        for visual in list(mirror.visuals.values()):
            shown = [a for a in visual.actors if hasattr(a, "GetVisibility") and a.GetVisibility()]
            if not shown:
                continue
            for actor in shown:
                actor.SetVisibility(False)
            shares.append(f"{visual.layer.name[:14]} {base - _cpu(plotter):.0f}")
            for actor in shown:
                actor.SetVisibility(True)
            everything += shown
        for actor in everything:
            actor.SetVisibility(False)
        empty = _cpu(plotter)
        for actor in everything:
            actor.SetVisibility(True)
        print(f"view {i}: drawing CPU {base:.0f} ms, of which no layer {empty:.0f}; "
              f"each layer (ms saved hidden): {', '.join(shares)}")

    mirror.interacting = False
    mirror.settle()
    still = [_frame(plotter) for _ in range(3)]
    print(f"still at the street: wall {np.median([s[0] for s in still]):.0f} ms, "
          f"CPU {np.median([s[1] for s in still]):.0f} ms, drawn {mirror.motion.drawn}")
    if args.shots:
        from PIL import Image
        Image.fromarray(still[-1][2]).save(args.shots / "still.png")
    mirror.close()
    plotter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
