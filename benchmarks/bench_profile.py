"""Elevation profile speed: terrain sampled at every station (vectorised bilinear over a
window of the DTM) against rasterio's ``sample()`` on the same stations, in the same run;
then the points within the corridor of a synthetic 600 k-point COPC tile (the nodes read,
the points decoded and kept), against decoding the whole tile.

    python benchmarks/bench_profile.py [STATIONS]     (default 20 000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DTM = ROOT.parent / "shared" / "data" / "dtm" / "ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif"


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main(n: int) -> None:
    import rasterio
    import shapely
    from twin.analysis.profile import profile
    with rasterio.open(DTM) as ds:
        b = ds.bounds
    line = shapely.LineString([(b.left + 1, b.bottom + 1), (b.right - 1, b.top - 1), (b.left + 1, b.top - 1)])
    step = line.length / n
    profile(line, step, dtm=DTM)                      # warm: imports, GDAL's first open
    result, ours = timed(lambda: profile(line, step, dtm=DTM))
    with rasterio.open(DTM) as ds:
        _, theirs = timed(lambda: np.array([v[0] for v in ds.sample(zip(result.x, result.y))]))
    print(f"terrain: {len(result):,} stations in {ours * 1000:.1f} ms; rasterio sample() {theirs * 1000:.1f} ms "
          f"(× {theirs / ours:.1f})")

    from benchmarks.synthetic import write_tile
    from importers.pointcloud import PointCloudImporter
    from twin.lod.prepare import prepare_tile
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        prepared = prepare_tile(write_tile(folder / "tile_0684_7022.laz", 600_000), folder / "copc").output
        tile = PointCloudImporter().open_tile(prepared)
        x0, y0, x1, y1 = (*tile.hierarchy.lo.min(axis=0)[:2], *tile.hierarchy.hi.max(axis=0)[:2])
        cut = shapely.LineString([(x0 + 50, (y0 + y1) / 2), (x1 - 50, (y0 + y1) / 2 + 30)])
        decoded = []
        original = tile.read_node
        tile.read_node = lambda i, fb=None: decoded.append(int(tile.hierarchy.count[i])) or original(i, fb)
        result, ours = timed(lambda: profile(cut, 1.0, tiles=[(tile, None)], corridor=2.0))
        tile.read_node = original
        whole, theirs = timed(lambda: [original(i) for i in range(len(tile.hierarchy))])
        kept = np.isfinite(result.columns["points_max"]).sum()
        print(f"points: {len(decoded)} of {len(tile.hierarchy)} nodes read, {sum(decoded):,} of "
              f"{int(tile.hierarchy.count.sum()):,} points decoded in {ours * 1000:.0f} ms "
              f"(whole tile {theirs * 1000:.0f} ms, × {theirs / ours:.1f}); {kept} of {len(result)} stations have points")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
