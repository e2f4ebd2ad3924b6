"""Trees, sky and point cloud defaults: what they find and what they cost a frame.

    python benchmarks/bench_context.py [MILLION_POINTS]   (default 5)

- tree detection on a synthetic LiDAR HD-like tile whose 4 000 trees are known (found,
  matched within 2 m of a known top, time) and on the real 1 km² tile of the test data;
- frame time at 1280×720 of instanced trees (1 k, 10 k, 50 k) beside the same view
  without them, of the hazy sky against the plain gradient, and of eye-dome lighting on
  a point cloud: ratios measured in the same run, so that a busy machine still compares.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.synthetic import write_tile
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.core.camera import View
from twin.core.layers import PointCloudLayer, TreesLayer
from twin.core.scene import Scene
from twin.io.kinds.trees import TreesData
from twin.geometry.trees import Trees
from twin.io.loading import apply_results, load_scene_data

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "lidar"
REAL = SHARED / "ignpdaltools__test_semis_2023_0292_6833_LA93_IGN69.laz"
X0, Y0 = 684000.0, 7021000.0
TRIANGLES = 24 + 8              # a crown and a trunk (twin._vtk.trees)
VIEW = View(position=(X0 + 500, Y0 - 300, 450), focal_point=(X0 + 500, Y0 + 500, 60))


def detect(path: Path) -> tuple[Trees, float]:
    scene = Scene(crs="EPSG:2154")
    scene.add_layer(TreesLayer("arbres", source=path))
    t = time.perf_counter()
    (result,) = load_scene_data(scene)
    return result.data.trees, time.perf_counter() - t


def known_trees(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The synthetic tile's tree tops (replaying its draws) and their heights."""
    from benchmarks.synthetic import _counts, _ground, _random_boxes
    rng = np.random.default_rng(0)                 # the draws of tile_points, in its order
    n_bld, n_veg, _, n_ground = _counts(n)
    _ground(rng, n_ground, X0, Y0)
    _random_boxes(rng, X0, Y0)
    rng.integers(0, 600, n_bld), rng.uniform(-0.5, 0.5, n_bld), rng.uniform(-0.5, 0.5, n_bld)
    rng.random(n_bld)
    tx, ty = rng.uniform(X0, X0 + 1000, 4000), rng.uniform(Y0, Y0 + 1000, 4000)
    rng.uniform(1.5, 6, 4000)
    return np.column_stack([tx, ty]), rng.uniform(4, 18, 4000)


def frame_ms(plotter, frames: int = 6) -> float:
    cam = plotter.camera
    plotter.render()
    plotter.screenshot(return_img=True)
    times = []
    for _ in range(frames):
        cam.azimuth = cam.azimuth + 0.5        # a new view each frame, as in an orbit
        t = time.perf_counter()
        plotter.ren_win.Render()
        plotter.screenshot(return_img=True)   # read back: the frame is finished, not queued
        times.append(time.perf_counter() - t)
    return 1000 * float(np.median(times))


def trees_scene(n: int) -> Scene:
    rng = np.random.default_rng(1)
    h = rng.uniform(6, 20, n)
    trees = Trees(rng.uniform(X0, X0 + 1000, n), rng.uniform(Y0, Y0 + 1000, n), np.full(n, 60.0), h, 0.3 * h)
    scene = Scene(crs="EPSG:2154", origin=(X0, Y0, 0.0))
    layer = scene.add_layer(TreesLayer("arbres", source=Path("none.gpkg")))
    layer.data = TreesData(trees, scene.origin, False)
    return scene


def main(million: float = 5.0) -> None:
    n = int(million * 1e6)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_tile(Path(tmp) / "tile.laz", n)
        found, seconds = detect(path)
        tops, heights = known_trees(n)
        from scipy.spatial import cKDTree
        d, i = cKDTree(tops).query(np.column_stack([found.x, found.y]))
        matched = d <= 2.0
        print(f"synthetic tile, {n / 1e6:.1f} M points, 4 000 known trees: {len(found):,} found in {seconds:.2f} s "
              f"({n / seconds / 1e6:.1f} M points/s); {matched.mean():.0%} within 2 m of a known top, "
              f"{len(np.unique(i[matched])):,} known trees matched; height error median "
              f"{np.median(np.abs(found.height[matched] - heights[i[matched]])):.1f} m")
    if REAL.is_file():
        found, seconds = detect(REAL)
        print(f"{REAL.name}: {len(found):,} trees in {seconds:.2f} s, heights {found.height.min():.1f}–"
              f"{found.height.max():.1f} m (median {np.median(found.height):.1f})")

    plotter = make_plotter((1280, 720))
    empty = Scene(crs="EPSG:2154", origin=(X0, Y0, 0.0))
    mirror = SceneMirror(empty, plotter)
    mirror.apply_view(VIEW)
    sky = frame_ms(plotter)
    plotter.renderer.TexturedBackgroundOff()
    gradient = frame_ms(plotter)
    plotter.renderer.TexturedBackgroundOn()
    print(f"empty view: hazy sky {sky:.1f} ms a frame, plain gradient {gradient:.1f} ms")
    mirror.close()
    plotter.close()
    for count in (1_000, 10_000, 50_000):
        scene = trees_scene(count)
        plotter = make_plotter((1280, 720))
        mirror = SceneMirror(scene, plotter)
        mirror.apply_view(VIEW)
        with_trees = frame_ms(plotter)
        scene.layers[0].visible = False
        without = frame_ms(plotter)
        print(f"{count:>6,} trees ({count * TRIANGLES:,} triangles): {with_trees:.1f} ms a frame, "
              f"{without:.1f} ms without them ({with_trees / max(without, 1e-3):.1f}×)")
        mirror.close()
        plotter.close()
    with tempfile.TemporaryDirectory() as tmp:
        path = write_tile(Path(tmp) / "cloud.laz", 1_000_000)
        scene = Scene(crs="EPSG:2154", origin=(X0, Y0, 0.0))
        layer = scene.add_layer(PointCloudLayer("nuage", source=path, budget=1_000_000))
        apply_results(load_scene_data(scene))
        plotter = make_plotter((1280, 720))
        mirror = SceneMirror(scene, plotter)
        mirror.apply_view(VIEW)
        mirror.settle()
        edl = frame_ms(plotter)
        layer.style = layer.style.replace(eye_dome_lighting=False)
        plain = frame_ms(plotter)
        sizes = sorted({a.GetProperty().GetPointSize() for a in mirror.visuals[id(layer)].actors})
        print(f"1 M-point cloud: EDL {edl:.1f} ms a frame, without {plain:.1f} ms ({edl / max(plain, 1e-3):.2f}×); "
              f"point sizes drawn {sizes}")
        mirror.close()
        plotter.close()


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0)
