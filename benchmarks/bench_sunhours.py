"""Sun hours over one day at 15-min steps on a 500 m × 500 m grid at 1 m with 2 000
buildings (5–25 m), on 21 June and 21 December; then how it scales with the area and
the resolution.

Compared in the same run with raw costs: rasterising the footprints alone, and the
numpy step the method rests on, one running maximum over the grid (float64) per sun
step, so the ratio says what shearing, gathering and comparing add. The machine is
shared: the issue's case is the best of two runs.   python benchmarks/bench_sunhours.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np

from twin.analysis.sun import ARRAS
from twin.analysis.sunhours import sun_hours, surface_grid

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere
from benchmarks.synthetic import lattice_buildings  # noqa: E402

X0, Y0 = 684000.0, 7021000.0
DENSITY = 2000 / 500.0 ** 2        # buildings per m²


def buildings(side: float, seed: int = 0):
    return lattice_buildings(int(round(DENSITY * side * side)), side, X0, Y0, seed)


def run(side: float, resolution: float, date: dt.date, repeat: int = 1) -> dict:
    feet, base, heights = buildings(side)
    bounds = (X0, Y0, X0 + side, Y0 + side)
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        surface = surface_grid(bounds, resolution, feet, base, heights)
        t1 = time.perf_counter()
        result = sun_hours(surface, date, ARRAS, step_minutes=15)
        t2 = time.perf_counter()
        dsm = surface.dsm.values.astype(float)
        t3 = time.perf_counter()
        for _ in range(result.steps):
            np.maximum.accumulate(dsm, axis=1)
        t4 = time.perf_counter()
        if best is None or t2 - t1 < best[2] - best[1]:
            best = (t0, t1, t2, t3, t4)
    t0, t1, t2, t3, t4 = best
    return {"side": side, "res": resolution, "cells": surface.dsm.values.size, "buildings": len(feet),
            "steps": result.steps, "raster_s": t1 - t0, "sun_s": t2 - t1, "pass_s": t4 - t3,
            "mean_h": float(np.nanmean(result.hours)), "day_h": result.day_length_h}


def show(r: dict) -> None:
    per_step = r["sun_s"] / r["steps"]
    print(f"{r['side']:6.0f} m @ {r['res']:3.1f} m  {r['cells']:>10,} cells  {r['buildings']:>6,} bldg  "
          f"{r['steps']:3d} steps  raster {r['raster_s']:6.2f} s  sun-hours {r['sun_s']:6.2f} s "
          f"({per_step * 1e3:6.1f} ms/step, {r['cells'] * r['steps'] / r['sun_s'] / 1e6:5.1f} M cell-steps/s)  "
          f"x{r['sun_s'] / r['pass_s']:5.1f} one cummax/step  "
          f"mean {r['mean_h']:.2f} h of {r['day_h']:.2f} h")


def main() -> None:
    print("The issue's case: 500 m × 500 m at 1 m, 2 000 buildings, 15-min steps")
    for date in (dt.date(2026, 6, 21), dt.date(2026, 12, 21)):
        print(f"  {date}: ", end="")
        show(run(500.0, 1.0, date, repeat=2))
    print("Scaling with the area (1 m, same building density, 21 June)")
    for side in (250.0, 1000.0):
        show(run(side, 1.0, dt.date(2026, 6, 21)))
    print("Scaling with the resolution (500 m, 21 June)")
    for res in (2.0, 0.5):
        show(run(500.0, res, dt.date(2026, 6, 21)))


if __name__ == "__main__":
    main()
