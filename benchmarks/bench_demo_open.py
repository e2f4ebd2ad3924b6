"""Demo scene: open to first frame, offscreen, split by phase; and frame time after.

    python benchmarks/bench_demo_open.py [WIDTHxHEIGHT] [FOLDER for the still and moving pictures]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent


def open_first_frame(scene_path, size, shot=None, settled_shot=None):
    """Open a scene and draw its first frame offscreen, as the app does, timing each phase:
    imports (the app's own: pyvista's plotting too), reading + geometry (what is left of it
    once the imports are done), VTK + first frame. Like the app, the layers the first frame
    shows are read in a worker thread started before the drawing modules are imported and
    the view (the window's) is made; then the overlays shown (parcels, roads, trees,
    markers) are read and drawn: the settled frame. The hidden layers are left to load
    after it (their data is None), and what the mirror defers (the roofs' orthophoto) is
    read once it is drawn. Returns (scene, plotter, mirror, results, phases in seconds)."""
    t0 = time.perf_counter()
    import importlib
    from twin.io.loading import Preload, apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    scene = load_scene(scene_path)
    first = Preload(scene)        # read while the rest is imported and the view made
    importlib.import_module("pyvista.plotting")       # the app imports it with its window
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    t_import = time.perf_counter()
    plotter = make_plotter(size)
    mirror = SceneMirror(scene, plotter)
    results = first.results()
    t_load = time.perf_counter()
    apply_results(results)
    mirror.apply_view(None)
    plotter.render()
    plotter.screenshot(None if shot is None else str(shot), return_img=True)
    t_frame = time.perf_counter()
    for batch in first.batches[1:]:
        if any(layer.effectively_visible for layer in batch):     # the overlays, not the hidden layers
            later = load_scene_data(scene, None, batch)
            apply_results(later)
            results += later
    plotter.render()
    plotter.screenshot(None if settled_shot is None else str(settled_shot), return_img=True)
    phases = {"imports": t_import - t0, "read_build": t_load - t_import, "first_frame_vtk": t_frame - t_load,
              "open": t_frame - t0, "overlays": time.perf_counter() - t_frame, "settled": time.perf_counter() - t0}
    return scene, plotter, mirror, results, phases


def orbit(plotter, mirror, steps: int = 10, shots=None):
    """Orbit ``steps`` times 3°, drawing each view still then moving (interleaved, so that a
    busy machine weighs on both alike). Median ms and what the last frame drew, each."""
    times = {False: [], True: []}
    drawn = {}
    cam = plotter.camera
    for step in range(steps):
        cam.azimuth = cam.azimuth + 3
        for moving in (False, True):
            mirror.interacting = moving
            t = time.perf_counter()
            plotter.render()
            img = plotter.screenshot(return_img=True)
            times[moving].append(time.perf_counter() - t)
            drawn[moving] = mirror.motion.drawn
            if shots is not None and step == steps - 1:
                from PIL import Image
                Image.fromarray(img).save(shots / f"demo_{'moving' if moving else 'still'}.png")
    mirror.interacting = False
    return [(1000 * median(times[m]), drawn[m]) for m in (False, True)]


def drawn_text(d) -> str:
    return f"{d.cells:,} cells, {d.points:,} points, {d.pixels:,} pixels"


def main(size=(1280, 720), shots=None) -> None:
    scene, plotter, mirror, _results, phases = open_first_frame(ROOT / "scenes" / "arras-centre.toml", size)
    (still, still_drawn), (moving, moving_drawn) = orbit(plotter, mirror, shots=shots)
    cells = still_drawn.cells
    print(f"demo scene ({len(scene.data_layers())} layers, {cells:,} cells) at {size[0]}×{size[1]}:")
    print(f"  imports           {phases['imports']:6.2f} s (the first frame's layers read meanwhile)")
    print(f"  read + geometry   {phases['read_build']:6.2f} s more (the view made meanwhile)")
    print(f"  VTK + first frame {phases['first_frame_vtk']:6.2f} s")
    print(f"  open → first frame {phases['open']:5.2f} s")
    print(f"  then the overlays {phases['overlays']:6.2f} s (read, built and drawn: settled {phases['settled']:.2f} s)")
    print(f"  still frame: {still:.0f} ms (median of 10 orbit steps; {drawn_text(still_drawn)})")
    print(f"  moving frame: {moving:.0f} ms (median of 10 orbit steps; {drawn_text(moving_drawn)})")
    print(f"  moving / still: {moving / still:.2f}")


if __name__ == "__main__":
    size = tuple(int(v) for v in sys.argv[1].split("x")) if len(sys.argv) > 1 else (1280, 720)
    main(size, Path(sys.argv[2]) if len(sys.argv) > 2 else None)
