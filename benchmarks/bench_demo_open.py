"""Demo scene: open to first frame, offscreen, split by phase; and frame time after.

    python benchmarks/bench_demo_open.py [WIDTHxHEIGHT]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def open_first_frame(scene_path, size, shot=None):
    """Open a scene and draw its first frame offscreen, as the app does, timing each phase:
    imports, reading + geometry, VTK + first frame. Like the app, the layers the first
    frame shows are loaded before it; the hidden ones are left to load after it (their
    data is None). Returns (scene, plotter, mirror, results, phases in seconds)."""
    t0 = time.perf_counter()
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.io.loading import apply_results, load_scene_data, shown_first
    from twin.io.scene_file import load_scene
    t_import = time.perf_counter()
    scene = load_scene(scene_path)
    results = load_scene_data(scene, layers=shown_first(scene)[0])
    t_load = time.perf_counter()
    plotter = make_plotter(size)
    mirror = SceneMirror(scene, plotter)
    apply_results(results)
    mirror.apply_view(None)
    plotter.render()
    plotter.screenshot(None if shot is None else str(shot), return_img=True)
    t_frame = time.perf_counter()
    phases = {"imports": t_import - t0, "read_build": t_load - t_import, "first_frame_vtk": t_frame - t_load,
              "open": t_frame - t0}
    return scene, plotter, mirror, results, phases


def main(size=(1280, 720)) -> None:
    scene, plotter, mirror, _results, phases = open_first_frame(ROOT / "scenes" / "arras-centre.toml", size)
    frames = []
    cam = plotter.camera
    for _ in range(10):
        cam.azimuth = cam.azimuth + 3
        t = time.perf_counter()
        plotter.render()
        plotter.screenshot(return_img=True)
        frames.append(time.perf_counter() - t)
    cells = sum(v.actors[0].GetMapper().GetInput().GetNumberOfCells()
                for v in mirror.visuals.values() if v.actors)
    print(f"demo scene ({len(scene.data_layers())} layers, {cells:,} cells) at {size[0]}×{size[1]}:")
    print(f"  imports           {phases['imports']:6.2f} s")
    print(f"  read + geometry   {phases['read_build']:6.2f} s")
    print(f"  VTK + first frame {phases['first_frame_vtk']:6.2f} s")
    print(f"  open → first frame {phases['open']:5.2f} s")
    print(f"  orbiting: {1000 * sorted(frames)[len(frames) // 2]:.0f} ms per frame (median of 10)")


if __name__ == "__main__":
    size = tuple(int(v) for v in sys.argv[1].split("x")) if len(sys.argv) > 1 else (1280, 720)
    main(size)
