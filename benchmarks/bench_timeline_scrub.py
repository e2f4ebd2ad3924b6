"""Scrubbing the timeline over a year of hourly footfall for 200 zones.

Prints the table's load time, then per timeline step (one hour forward, as dragging the
date or playing does): the footfall layer's own lookup (counts and week-before change at
the instant), the whole update the app does (lookup, new columns, VTK arrays), and the
frame drawn after it (offscreen, 1280×720; software GL where there is no GPU).

    python benchmarks/bench_timeline_scrub.py [STEPS]      (default 500)
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere

ZONES, YEAR = 200, 2025


def write_inputs(folder: Path) -> tuple[Path, Path]:
    import geopandas as gpd
    import pandas as pd
    rng = np.random.default_rng(3)
    xy = np.array([684131.0, 7021537.0]) + rng.uniform(-600, 600, (ZONES, 2))
    zones = [f"zone-{i:03d}" for i in range(ZONES)]
    gpd.GeoDataFrame({"zone": zones}, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
                     crs="EPSG:2154").to_file(folder / "zones.geojson", driver="GeoJSON")
    slots = pd.date_range(f"{YEAR}-01-01", f"{YEAR + 1}-01-01", freq="h", inclusive="left", tz="UTC")
    hour = slots.tz_convert("Europe/Paris").hour.to_numpy()
    daily = np.exp(-((hour - 13) / 4.0) ** 2)                       # busy early afternoon
    counts = rng.poisson(np.outer(daily, rng.uniform(50, 800, ZONES)) + 2).astype(np.float32)
    table = pd.DataFrame({"zone": np.tile(zones, len(slots)), "time": np.repeat(slots, ZONES),
                          "count": counts.ravel()})
    table.to_parquet(folder / "counts.parquet")
    return folder / "zones.geojson", folder / "counts.parquet"


def main(steps: int) -> None:
    from plugins.footfall.layer import FootfallLayer
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    from twin.io.loading import apply_results, load_scene_data
    from twin.core.scene import Scene

    with tempfile.TemporaryDirectory() as tmp:
        zones, counts = write_inputs(Path(tmp))
        scene = Scene(crs="EPSG:2154")
        layer = scene.add_layer(FootfallLayer("Footfall", source=zones, counts=str(counts)))
        t = time.perf_counter()
        [result] = load_scene_data(scene)
        assert result.error is None, result.error
        apply_results([result])
        load = time.perf_counter() - t
        data = layer.data
        start = datetime(YEAR, 3, 2, tzinfo=timezone.utc)
        instants = [start + timedelta(hours=k) for k in range(steps)]

        t = time.perf_counter()
        for when in instants:
            data.at(when, 0.0, layer.compare)
        lookup = 1000 * (time.perf_counter() - t) / steps

        plotter = make_plotter((1280, 720))
        mirror = SceneMirror(scene, plotter)
        mirror.apply_view(View(position=(684131, 7020300, 900), focal_point=(684131, 7021537, 0)))
        plotter.render()
        update, frame = [], []
        for when in instants:
            t = time.perf_counter()
            scene.timeline.set_current(when)
            update.append(time.perf_counter() - t)
            t = time.perf_counter()
            plotter.ren_win.Render()          # pyvista's render() defers offscreen frames
            frame.append(time.perf_counter() - t)
        mirror.close()
        plotter.close()
    ms = lambda values: f"median {1000 * np.median(values):6.2f} ms, longest {1000 * max(values):6.2f} ms"  # noqa: E731
    print(f"{ZONES} zones × {data.matrix.counts.shape[0]:,} hourly slots ({YEAR}), {steps} one-hour steps")
    print(f"  load (read Parquet, pivot, join zones)   {load:.2f} s")
    print(f"  lookup at an instant (layer data.at)     {lookup:6.2f} ms per step")
    print(f"  timeline step in the view (lookup, columns, VTK)  {ms(update)}  "
          f"(lookup = {lookup / (1000 * np.median(update)):.0%} of it)")
    print(f"  frame drawn after a step                 {ms(frame)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
