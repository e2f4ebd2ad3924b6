"""A realistic stand-in for an IGN LiDAR HD tile (no 20 M-point tile ships with the data):
gently rolling ground (class 2), pitched-roof buildings (6), trees as crowns (3/4/5), a
little water (9) and the IGN codes 64–67, LAS 1.4 point format 6, Lambert-93, 1 cm grid.
Vectorised: 20 M points are made in a few seconds and written with lazrs in parallel.
The buildings are known (``tile_boxes``, or ``grid_boxes`` for ones that never overlap;
``footprints``, ``roof_quantile``), so measured heights can be checked against them."""

from __future__ import annotations

from datetime import date
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


def _counts(n: int) -> tuple[int, int, int, int]:
    n_bld, n_veg, n_misc = int(n * 0.25), int(n * 0.18), int(n * 0.02)
    return n_bld, n_veg, n_misc, n - n_bld - n_veg - n_misc


def _ground(rng, n_ground, x0, y0):
    x = rng.uniform(x0, x0 + SIDE, n_ground)
    y = rng.uniform(y0, y0 + SIDE, n_ground)
    return x, y, ground_z(x, y) + rng.normal(0, 0.03, n_ground)


def _random_boxes(rng, x0, y0) -> dict[str, np.ndarray]:
    cx, cy, w, d = _boxes(rng, 600, x0, y0, 8, 30)
    return {"cx": cx, "cy": cy, "w": w, "d": d, "h": rng.uniform(5, 24, 600)}


def tile_boxes(n: int, x0: float, y0: float, seed: int = 0) -> dict[str, np.ndarray]:
    """The buildings of ``tile_points(n, x0, y0, seed)`` (the same draws, replayed):
    centre ``cx, cy``, size ``w`` (along x) × ``d``, eaves ``h`` above the ground at the
    centre. They may overlap each other."""
    rng = np.random.default_rng(seed)
    _ground(rng, _counts(n)[3], x0, y0)
    return _random_boxes(rng, x0, y0)


def grid_boxes(count: int, x0: float, y0: float, seed: int = 0) -> dict[str, np.ndarray]:
    """``count`` buildings that never overlap (a jittered grid, 3–30 m tall), for
    ``tile_points(..., boxes=)`` when each roof point must belong to one known footprint."""
    rng = np.random.default_rng(seed + 1)
    k = int(np.ceil(np.sqrt(count)))
    pitch = (SIDE - 40) / k
    i = np.arange(count)
    w, d = rng.uniform(0.4, 0.8, count) * pitch, rng.uniform(0.4, 0.8, count) * pitch
    cx = x0 + 20 + (i % k + 0.5) * pitch + rng.uniform(-0.45, 0.45, count) * (pitch - w)
    cy = y0 + 20 + (i // k + 0.5) * pitch + rng.uniform(-0.45, 0.45, count) * (pitch - d)
    return {"cx": cx, "cy": cy, "w": w, "d": d, "h": rng.uniform(3, 30, count)}


def footprints(boxes: dict[str, np.ndarray]) -> np.ndarray:
    """The buildings' footprints (shapely polygons, Lambert-93)."""
    import shapely
    hw, hd = boxes["w"] / 2, boxes["d"] / 2
    return shapely.box(boxes["cx"] - hw, boxes["cy"] - hd, boxes["cx"] + hw, boxes["cy"] + hd)


def roof_quantile(boxes: dict[str, np.ndarray], q: float) -> np.ndarray:
    """The ``q`` quantile of a building's roof altitude: its gable rises uniformly from
    the eaves to 0.175 × d above them."""
    return ground_z(boxes["cx"], boxes["cy"]) + boxes["h"] + q * 0.175 * boxes["d"]


def tile_points(n: int, x0: float, y0: float, seed: int = 0,
                boxes: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Points of one tile; ``boxes`` replaces the 600 random buildings (``grid_boxes``)."""
    rng = np.random.default_rng(seed)
    n_bld, n_veg, n_misc, n_ground = _counts(n)
    xs, ys, zs, cls = [], [], [], []

    x, y, z = _ground(rng, n_ground, x0, y0)
    xs.append(x), ys.append(y), zs.append(z)
    cls.append(np.full(n_ground, 2, np.uint8))

    if boxes is None:                                   # buildings, points on their roofs
        boxes = _random_boxes(rng, x0, y0)
    cx, cy, w, d, h = (boxes[k] for k in ("cx", "cy", "w", "d", "h"))
    b = rng.integers(0, len(cx), n_bld)
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


def write_tile(path: Path, n: int, x0: float = 684000.0, y0: float = 7021000.0, seed: int = 0,
               boxes: dict[str, np.ndarray] | None = None) -> Path:
    """Write one tile as LAS 1.4 PF6 (LAZ when the name ends in .laz), EPSG:2154."""
    return write_points(path, tile_points(n, x0, y0, seed, boxes), offsets=(x0, y0, 0.0))


def write_points(path: Path, points: dict[str, np.ndarray], offsets=(0.0, 0.0, 0.0),
                 created: date | None = None) -> Path:
    """Write points (x, y, z and any PF6 dimension) as LAS 1.4 PF6, EPSG:2154, a 1 cm grid;
    ``created`` fixes the header's date (laspy writes today's otherwise)."""
    header = laspy.LasHeader(point_format=6, version="1.4")
    header.offsets = list(offsets)
    header.scales = [0.01, 0.01, 0.01]
    header.add_crs(CRS.from_epsg(2154))
    if created is not None:
        header.creation_date = created
    las = laspy.LasData(header)
    for name, values in points.items():
        setattr(las, name, values)
    las.write(path, laz_backend=laspy.LazBackend.LazrsParallel)
    return path


def lattice_buildings(n: int, side: float, x0: float, y0: float, seed: int = 0):
    """``n`` boxes that never overlap (each inside its own slot of a square lattice over a
    ``side`` × ``side`` square), 5–25 m tall on ground at 70 m: (footprints, base_z, heights)."""
    import shapely
    rng = np.random.default_rng(seed)
    per_row = int(np.ceil(np.sqrt(n)))
    slot = side / per_row
    i = rng.permutation(per_row * per_row)[:n]
    w, h = rng.uniform(0.35, 0.8, n) * slot, rng.uniform(0.35, 0.8, n) * slot
    x = x0 + (i % per_row) * slot + rng.uniform(0, 1, n) * (slot - w)
    y = y0 + (i // per_row) * slot + rng.uniform(0, 1, n) * (slot - h)
    return shapely.box(x, y, x + w, y + h), np.full(n, 70.0), rng.uniform(5, 25, n)
