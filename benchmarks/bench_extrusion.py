"""LoD1 extrusion of N footprints (default 30 000) on a DTM; prints seconds and rate.

Compared in the same run with the raw cost of the library step it rests on (one
shapely constrained-Delaunay call over the same footprints), so the ratio says what
twin adds on top.   python benchmarks/bench_extrusion.py [N]
"""

from __future__ import annotations

import sys
import time

import numpy as np
import shapely
from affine import Affine

from twin.core.data import RasterGrid
from twin.geometry.extrude import extrude, footprint_polygons, ground_under
from twin.geometry.ground import Ground
from twin.geometry.heights import resolve_heights
from twin.core.layers import HeightRule


def footprints(n: int, seed: int = 0) -> np.ndarray:
    """Town-like footprints: rotated rectangles and L shapes, 1 in 10 with a courtyard."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    i = np.arange(n)
    cx, cy = 700000 + (i % side) * 25.0, 7000000 + (i // side) * 25.0
    w, h = rng.uniform(8, 20, n), rng.uniform(8, 20, n)
    boxes = shapely.box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    notch = shapely.box(cx, cy, cx + w / 2, cy + h / 2)
    shapes = np.where(rng.random(n) < 0.3, shapely.difference(boxes, notch), boxes)
    court = rng.random(n) < 0.1
    shapes[court] = shapely.difference(shapes[court], shapely.box(cx[court] - 2, cy[court] - 2,
                                                                   cx[court] - 0.5, cy[court] - 0.5))
    return np.array([shapely.affinity.rotate(g, a, origin="centroid")
                     for g, a in zip(shapes, rng.uniform(0, 90, n))])


def main(n: int = 30_000) -> None:
    geoms = footprints(n)
    side = int(np.ceil(np.sqrt(n))) * 25 + 100
    dtm = RasterGrid((60 + np.random.default_rng(1).random((side, side)) * 5).astype(np.float32),
                     Affine(1, 0, 699950, 0, -1, 7000000 + side - 50), "EPSG:2154")
    ground = Ground([dtm])
    import pandas as pd
    frame = pd.DataFrame({"hauteur": np.random.default_rng(2).uniform(4, 30, n)})

    t0 = time.perf_counter()
    shapely.constrained_delaunay_triangles(shapely.force_2d(geoms))
    raw = time.perf_counter() - t0

    t0 = time.perf_counter()
    polys, feature = footprint_polygons(geoms)
    base = ground_under(polys, feature, n, ground.sample)
    height, _ = resolve_heights(frame, base, HeightRule())
    mesh = extrude(polys, feature, base, base + height, (700000.0, 7000000.0, 0.0))
    total = time.perf_counter() - t0
    n_cells = len(mesh.cell_data["part"])
    print(f"footprints:           {n:,}")
    print(f"LoD1 extrusion:       {total:.2f} s  ({n / total:,.0f} footprints/s; target < 2 s)")
    print(f"  raw GEOS triangulation alone: {raw:.2f} s  → twin / raw = {total / raw:.1f}×")
    print(f"mesh:                 {mesh.n_points:,} points, {n_cells:,} cells, "
          f"{(mesh.points.nbytes + mesh.faces.nbytes) / 1e6:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
