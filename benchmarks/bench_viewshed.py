"""Viewshed at 1 m over 1 km × 1 km with 2 000 buildings (5–25 m), from the centre at eye
level and from 40 m up (a belfry), radius 500 m; and how it scales with the radius.

Compared in the same run with raw costs: rasterising the DSM, and one numpy pass the
method rests on, a running maximum over as many float64 samples as the rays hold, so
the ratio says what building the rays, gathering and scattering add. The machine is
shared: each figure is the best of two runs.   python benchmarks/bench_viewshed.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from twin.analysis.sunhours import surface_grid
from twin.analysis.viewshed import viewshed

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere
from benchmarks.synthetic import lattice_buildings  # noqa: E402

X0, Y0 = 684000.0, 7021000.0
SIDE = 1000.0


def buildings(n: int = 2000, seed: int = 0):
    return lattice_buildings(n, SIDE, X0, Y0, seed)


def best(fn, repeat: int = 2):
    out, t = None, np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        t = min(t, time.perf_counter() - t0)
    return out, t


def main() -> None:
    feet, base, heights = buildings()
    surface, raster_s = best(lambda: surface_grid((X0, Y0, X0 + SIDE, Y0 + SIDE), 1.0, feet, base, heights))
    h, w = surface.shape
    # the eye in a street: the centre, moved to the nearest open cell
    rows, cols = np.nonzero(surface.building < 0)
    k = np.argmin(np.hypot(rows - h / 2, cols - w / 2))
    ex, ey = X0 + cols[k] + 0.5, Y0 + SIDE - rows[k] - 0.5
    print(f"{w}×{h} cells of 1 m, {len(feet)} buildings; DSM rasterised in {raster_s:.3f} s")
    for label, eye in (("eye level", (ex, ey)), ("40 m up", (ex, ey, 70.0 + 40.0))):
        for radius in (125.0, 250.0, 500.0):
            grid, t = best(lambda: viewshed(surface, eye, radius))
            n = int(np.ceil(radius))
            samples = 8 * n * n
            ref = np.random.default_rng(1).uniform(0, 20, (8 * n, n))
            _, pass_s = best(lambda: np.maximum.accumulate(ref, axis=1))
            seen = grid.values.sum()
            print(f"{label:>9}, radius {radius:4.0f} m: {t:.3f} s ({samples / 1e6:.1f} M ray samples; one "
                  f"running max over them {pass_s:.3f} s, ×{t / pass_s:.0f}); {seen:,} m² seen")


if __name__ == "__main__":
    main()
