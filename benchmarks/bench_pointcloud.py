"""Point clouds: import speed against bare laspy (benchmarks/laz_import.py: fresh processes,
alternated, best of 3), memory per million points, and frame time for budgets of 250 k /
1 M points on this machine.

    python benchmarks/bench_pointcloud.py [MILLION_POINTS]   (default 5: a synthetic
    LAS 1.4 PF6 LAZ tile written once into a temp folder; plus the largest real file)
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import laspy
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere
from importers.pointcloud import PointCloudImporter  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "lidar"


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def synthetic_tile(path: Path, n: int) -> None:
    rng = np.random.default_rng(0)
    header = laspy.LasHeader(point_format=6, version="1.4")
    header.offsets = [684000, 7021000, 0]
    header.scales = [0.01, 0.01, 0.01]
    las = laspy.LasData(header)
    las.x = rng.uniform(684000, 685000, n)
    las.y = rng.uniform(7021000, 7022000, n)
    las.z = 60 + rng.gamma(1.5, 4, n)
    las.classification = rng.choice([1, 2, 3, 4, 5, 6, 64, 66, 67], n).astype(np.uint8)
    las.intensity = rng.integers(0, 4000, n).astype(np.uint16)
    las.write(path, laz_backend=laspy.LazBackend.LazrsParallel)


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def bench_file(path: Path) -> None:
    from benchmarks.laz_import import report
    report(path, runs=3)
    imp = PointCloudImporter()
    cloud = imp.read(path, budget=100_000_000)
    _, first = timed(lambda: imp.read(path, budget=500_000))
    print(f"  twin first view (500 k budget)      {first:6.2f} s")
    per_point = _held([cloud.coords, cloud.classification, cloud.intensity, cloud.rgb])
    print(f"  model arrays                        {per_point / len(cloud):6.1f} B/point "
          f"= {per_point / len(cloud):.0f} MB per million points (the buffers the arrays keep: "
          f"a whole LAZ read, the file's records, viewed)")


def _held(arrays) -> int:
    """Bytes the arrays keep alive: their underlying buffers, each once (the columns
    viewed in one record array count it once)."""
    roots = {}
    for a in arrays:
        if a is None:
            continue
        while isinstance(a, np.ndarray) and a.base is not None:
            a = a.base
        roots[id(a)] = a.nbytes if isinstance(a, np.ndarray) else memoryview(a).nbytes
    return sum(roots.values())


def bench_prepare(path: Path, out: Path) -> None:
    from twin.lod.prepare import prepare_tile
    res, dt = timed(lambda: prepare_tile(path, out))
    _, first = timed(lambda: PointCloudImporter().read(res.output, budget=500_000))
    print(f"  twin prepare → COPC                 {res.points / dt / 1e6:6.2f} M points/s "
          f"({dt:.1f} s, {res.levels} levels)")
    print(f"  first view of the prepared tile     {first:6.2f} s (500 k budget)")


def bench_render() -> None:
    from twin._vtk.offscreen import make_plotter
    from twin._vtk.convert import vertex_cloud
    rng = np.random.default_rng(1)
    for n in (250_000, 1_000_000):
        plotter = make_plotter((1280, 720))
        plotter.render()                       # the GL context's own memory is not per point
        before = rss_mb()
        pts = rng.uniform(-500, 500, (n, 3)).astype(np.float32)
        pts[:, 2] *= 0.05
        poly = vertex_cloud(pts)
        poly.point_data["rgb"] = rng.integers(0, 255, (n, 3), dtype=np.uint8)
        plotter.add_mesh(poly, scalars="rgb", rgb=True, point_size=2, lighting=False)
        plotter.render()
        plotter.screenshot(return_img=True)
        frames = []
        for _ in range(5):
            plotter.camera.azimuth += 5
            _, dt = timed(lambda: (plotter.render(), plotter.screenshot(return_img=True)))
            frames.append(dt)
        after = rss_mb()
        print(f"render {n / 1e6:.2f} M points at 1280×720: {1000 * sorted(frames)[2]:.0f} ms/frame, "
              f"RSS +{(after - before) / (n / 1e6):.0f} MB per million points")
        plotter.close()


def main(million: float = 5) -> None:
    print(f"peak RSS at start: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic_0684_7021.laz"
        synthetic_tile(path, int(million * 1e6))
        bench_file(path)
        bench_prepare(path, Path(tmp) / "prepared")
    real = SHARED / "ignpdaltools__las_with_several_extra_byte_bloc.laz"
    if real.exists():
        bench_file(real)
    bench_render()


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 5)
