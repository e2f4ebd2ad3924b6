"""The sun in the view, on the demo scene (its 3 500 buildings, offscreen 1280×720):

- the sun's position for one instant (NREL SPA through pvlib);
- the ground shadows of a new instant (exact polygons, one union, draped): ms per instant;
- a live timeline tick (one second on: the sun has moved less than 0.1°, nothing redrawn);
- what a new instant costs the view, light and shadows and frame, against the same frame
  with the sun off (the studio light) in the same run.

    python benchmarks/bench_sun_view.py [WIDTHxHEIGHT]
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # run as a script from anywhere


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(size: tuple[int, int] = (1280, 720)) -> None:
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin._vtk.sun import SunView
    from twin.analysis.sunlight import SunLight, ground_shadows, sun_state
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    scene = load_scene(ROOT / "scenes" / "arras-centre.toml")
    apply_results(load_scene_data(scene))
    plotter = make_plotter(size)
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(None)
    plotter.render()
    light = SunLight.of(scene)
    light.enabled, light.shadows = True, True
    day = dt.datetime(2026, 6, 21, 6, 0, tzinfo=dt.timezone.utc)
    instants = [day + dt.timedelta(minutes=50 * k) for k in range(10)]     # 08:00–15:30 in Paris
    position, shadows, polygons = [], [], 0
    for when in instants:
        scene.timeline.set_current(when)
        position.append(timed(lambda: sun_state(scene)))
        state = sun_state(scene)
        t = time.perf_counter()
        polys = ground_shadows(scene, state)
        shadows.append(time.perf_counter() - t)
        polygons = max(polygons, len(polys))
    sun_view = SunView(scene, plotter, on_change=lambda: None)
    new_instant, ticks, frames_sun, frames_off = [], [], [], []
    for when in instants:
        scene.timeline.set_current(when)
        new_instant.append(timed(sun_view.update))
        frames_sun.append(timed(lambda: (plotter.render(), plotter.screenshot(return_img=True))))
        scene.timeline.set_current(when + dt.timedelta(seconds=1))
        ticks.append(timed(sun_view.time_changed))
    light.enabled = False
    sun_view.update()
    for _ in instants:
        frames_off.append(timed(lambda: (plotter.render(), plotter.screenshot(return_img=True))))
    ms = 1000
    print(f"demo scene, {size[0]}×{size[1]} offscreen, 21 June, {len(instants)} instants 50 min apart (medians):")
    print(f"  sun position (pvlib SPA)                      {ms * median(position):7.2f} ms")
    print(f"  ground shadows of a new instant (model)       {ms * median(shadows):7.1f} ms "
          f"(up to {polygons:,} polygons after the union)")
    print(f"  light + shadows into the view (SunView)       {ms * median(new_instant):7.1f} ms")
    print(f"  a live timeline tick (+1 s, sun moved < 0.1°) {ms * median(ticks):7.2f} ms")
    print(f"  frame with sun and shadows {ms * median(frames_sun):6.0f} ms; the same frame, studio light "
          f"{ms * median(frames_off):6.0f} ms: a new instant costs "
          f"{(median(new_instant) + median(frames_sun)) / median(frames_off):.1f}× a plain frame")
    sun_view.close()
    mirror.close()
    plotter.close()


if __name__ == "__main__":
    main(tuple(int(v) for v in sys.argv[1].split("x")) if len(sys.argv) > 1 else (1280, 720))
