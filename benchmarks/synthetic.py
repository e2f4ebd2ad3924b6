"""A realistic stand-in for an IGN LiDAR HD tile (no 20 M-point tile ships with the data):
gently rolling ground (class 2), pitched-roof buildings (6), trees as crowns (3/4/5), a
little water (9) and the IGN codes 64–67, LAS 1.4 point format 6, Lambert-93, 1 cm grid.
Vectorised: 20 M points are made in a few seconds and written with lazrs in parallel."""

from __future__ import annotations

from pathlib import Path

import laspy
import numpy as np
from pyproj import CRS

SIDE = 1000.0


def ground_z(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return 62 + 8 * np.sin(x / 310.0) + 5 * np.cos(y / 190.0)


def _boxes(rng, n, x0, y0, lo, hi):
    cx = rng.uniform(x0 + 20, x0 + SIDE - 20, n)
    cy = rng.uniform(y0 + 20, y0 + SIDE - 20, n)
    return cx, cy, rng.uniform(lo, hi, n), rng.uniform(lo, hi, n)


def tile_points(n: int, x0: float, y0: float, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    n_bld, n_veg, n_misc = int(n * 0.25), int(n * 0.18), int(n * 0.02)
    n_ground = n - n_bld - n_veg - n_misc
    xs, ys, zs, cls = [], [], [], []

    x = rng.uniform(x0, x0 + SIDE, n_ground)
    y = rng.uniform(y0, y0 + SIDE, n_ground)
    xs.append(x), ys.append(y), zs.append(ground_z(x, y) + rng.normal(0, 0.03, n_ground))
    cls.append(np.full(n_ground, 2, np.uint8))

    cx, cy, w, d = _boxes(rng, 600, x0, y0, 8, 30)     # buildings, points on their roofs
    h = rng.uniform(5, 24, 600)
    b = rng.integers(0, 600, n_bld)
    u, v = rng.uniform(-0.5, 0.5, n_bld), rng.uniform(-0.5, 0.5, n_bld)
    x, y = cx[b] + u * w[b], cy[b] + v * d[b]
    ridge = 0.35 * (0.5 - np.abs(v)) * d[b]             # gable roof along x
    xs.append(x), ys.append(y), zs.append(ground_z(cx[b], cy[b]) + h[b] + ridge)
    cls.append(np.where(rng.random(n_bld) < 0.03, 67, 6).astype(np.uint8))

    tx, ty = rng.uniform(x0, x0 + SIDE, 4000), rng.uniform(y0, y0 + SIDE, 4000)   # trees
    radius, height = rng.uniform(1.5, 6, 4000), rng.uniform(4, 18, 4000)
    t = rng.integers(0, 4000, n_veg)
    r = radius[t] * np.sqrt(rng.random(n_veg))
    a = rng.uniform(0, 2 * np.pi, n_veg)
    x, y = tx[t] + r * np.cos(a), ty[t] + r * np.sin(a)
    z_rel = height[t] * (0.55 + 0.45 * np.sqrt(1 - (r / radius[t]) ** 2)) * rng.uniform(0.1, 1, n_veg)
    xs.append(x), ys.append(y), zs.append(ground_z(x, y) + z_rel)
    cls.append(np.select([z_rel < 1.5, z_rel < 3], [3, 4], 5).astype(np.uint8))

    x = rng.uniform(x0, x0 + SIDE, n_misc)
    y = rng.uniform(y0, y0 + SIDE, n_misc)
    xs.append(x), ys.append(y), zs.append(ground_z(x, y) + rng.uniform(0, 3, n_misc))
    cls.append(rng.choice(np.array([1, 9, 64, 65, 66], np.uint8), n_misc))

    order = rng.permutation(n)   # flight lines mix classes; so do we
    out = {"x": np.concatenate(xs)[order], "y": np.concatenate(ys)[order],
           "z": np.concatenate(zs)[order], "classification": np.concatenate(cls)[order]}
    out["intensity"] = (np.where(out["classification"] == 2, 900, 1600)
                        + rng.integers(0, 600, n)).astype(np.uint16)
    return out


def write_tile(path: Path, n: int, x0: float = 684000.0, y0: float = 7021000.0, seed: int = 0) -> Path:
    """Write one tile as LAS 1.4 PF6 (LAZ when the name ends in .laz), EPSG:2154."""
    header = laspy.LasHeader(point_format=6, version="1.4")
    header.offsets = [x0, y0, 0.0]
    header.scales = [0.01, 0.01, 0.01]
    header.add_crs(CRS.from_epsg(2154))
    las = laspy.LasData(header)
    for name, values in tile_points(n, x0, y0, seed).items():
        setattr(las, name, values)
    las.write(path, laz_backend=laspy.LazBackend.LazrsParallel)
    return path
