"""A commune's terrain as IGN delivers it: 1 km MNT LiDAR HD tiles at 0.5 m (GeoTIFF,
2 000 × 2 000 cells each) draped with a 20 cm orthophoto in JPEG 2000 tiles, drawn by
chunks refined near the camera (twin.lod.terrain). Synthetic, generated once into the work
folder: rolling ground with streets cut in and buildings-like blocks, an ortho with roofs,
roads and fields, so that both compress and decode like the real ones.

Prints, offscreen at 1280×720: load time (the overview of every tile), then for a view of
the whole commune, a view over the roofs and one at street level: the time to refine
fully, the chunks and triangles drawn, and the median frame time.

    python benchmarks/bench_terrain_lod.py [--km 3] [--workdir DIR] [--budget 400000]"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere

X0, Y0 = 684000, 7021000
RES, ORTHO_RES = 0.5, 0.2


def ground(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Hills, a valley, streets cut 0.3 m into the ground every 80 m, blocks 3 m high."""
    z = 62 + 12 * np.sin(x / 410.0) + 7 * np.cos(y / 230.0) + 2 * np.sin((x + y) / 37.0)
    street = (np.abs((x % 80) - 40) < 5) | (np.abs((y % 80) - 40) < 5)
    block = ((x % 80) > 55) & ((x % 80) < 75) & ((y % 80) > 10) & ((y % 80) < 30)
    return (z - 0.3 * street + 3.0 * block).astype(np.float32)


def ortho(x: np.ndarray, y: np.ndarray, rng) -> np.ndarray:
    """Fields in blocks of colour, grey streets, red roofs, a little grain."""
    field = (np.floor(x / 80) * 7 + np.floor(y / 80) * 13) % 5
    palette = np.array([[96, 128, 64], [140, 150, 90], [70, 100, 50], [160, 140, 100], [110, 120, 80]])
    rgb = palette[field.astype(int)].astype(np.float32)
    street = (np.abs((x % 80) - 40) < 5) | (np.abs((y % 80) - 40) < 5)
    block = ((x % 80) > 55) & ((x % 80) < 75) & ((y % 80) > 10) & ((y % 80) < 30)
    rgb[street] = (150, 150, 150)
    rgb[block] = (180, 80, 60)
    rgb += rng.normal(0, 6, rgb.shape)
    return np.clip(rgb, 0, 255).astype(np.uint8)


def make_tiles(folder: Path, km: int) -> tuple[Path, Path]:
    import rasterio
    from rasterio.transform import from_origin
    mnt, orth = folder / "mnt", folder / "ortho"
    mnt.mkdir(parents=True, exist_ok=True)
    orth.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    for i in range(km):
        for j in range(km):
            x0, y1 = X0 + 1000 * i, Y0 + 1000 * (j + 1)
            name = f"LHD_FXX_{x0 // 1000:04d}_{y1 // 1000:04d}"
            path = mnt / f"{name}_MNT_O_0M50_LAMB93_IGN69.tif"
            if not path.exists():
                n = int(1000 / RES)
                xs = x0 + (np.arange(n) + 0.5) * RES
                ys = y1 - (np.arange(n) + 0.5) * RES
                z = ground(*np.meshgrid(xs, ys))
                with rasterio.open(path, "w", driver="GTiff", width=n, height=n, count=1, dtype="float32",
                                   crs="EPSG:2154", transform=from_origin(x0, y1, RES, RES), nodata=-99999.0,
                                   tiled=True, compress="deflate", predictor=3) as ds:
                    ds.write(z, 1)
            path = orth / f"{x0 // 1000:04d}_{y1 // 1000:04d}-2024-0M20-LA93.jp2"
            if not path.exists():
                n = int(1000 / ORTHO_RES)
                t = time.perf_counter()
                xs = x0 + (np.arange(n) + 0.5) * ORTHO_RES
                ys = y1 - (np.arange(n) + 0.5) * ORTHO_RES
                rgb = np.moveaxis(ortho(*np.meshgrid(xs, ys), rng), -1, 0)
                with rasterio.open(path, "w", driver="JP2OpenJPEG", width=n, height=n, count=3, dtype="uint8",
                                   crs="EPSG:2154", transform=from_origin(x0, y1, ORTHO_RES, ORTHO_RES),
                                   QUALITY=10, BLOCKXSIZE=1024, BLOCKYSIZE=1024, RESOLUTIONS=6) as ds:
                    ds.write(rgb)
                print(f"  generated {path.name} in {time.perf_counter() - t:.1f} s")
    return mnt, orth


def frame_ms(plotter, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        plotter.ren_win.Render()
        times.append(1000 * (time.perf_counter() - t))
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--km", type=int, default=3, help="the commune is km × km tiles of 1 km")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "twin-bench-terrain")
    ap.add_argument("--budget", type=int, default=None, help="triangles per view (default: twin's)")
    ap.add_argument("--png", type=Path, default=None, help="write the three views as PNGs here")
    args = ap.parse_args()

    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    from twin.core.layers import TerrainLayer
    from twin.core.scene import Scene
    from twin.io.loading import apply_results, load_scene_data
    from twin.lod.terrain import TRIANGLES

    budget = args.budget or TRIANGLES
    mnt, orth = make_tiles(args.workdir, args.km)
    cells = args.km ** 2 * int(1000 / RES) ** 2
    print(f"{args.km}×{args.km} km: {args.km ** 2} MNT tiles, {cells / 1e6:.0f} M cells at {RES} m; "
          f"ortho {ORTHO_RES * 100:.0f} cm JPEG 2000")
    scene = Scene(name="bench")
    layer = TerrainLayer("Terrain", source=mnt, texture=orth)
    scene.add_layer(layer)
    t = time.perf_counter()
    results = load_scene_data(scene)
    apply_results(results)
    print(f"load (open {args.km ** 2} tiles, overview in memory, first view): {time.perf_counter() - t:.1f} s")
    assert layer.data is not None, results[0].error
    stream = layer.data.stream
    print(f"  chunk tree depth {stream.tree.depth}, overview every {stream.tree.overview.step} cells, "
          f"texture {stream.texture_px} px a chunk")

    side = 1000.0 * args.km
    cx, cy = X0 + side / 2, Y0 + side / 2
    sx = X0 + 80 * round((cx - X0) / 80) + 40          # the middle of a north–south street

    def z(x, y):
        return float(ground(np.array([float(x)]), np.array([float(y)]))[0])
    views = {
        "whole commune": View.looking_at((X0, Y0, 50, X0 + side, Y0 + side, 90)),
        "over the roofs (150 m)": View(position=(cx - 200, cy - 200, z(cx, cy) + 150),
                                       focal_point=(cx, cy, z(cx, cy)), view_up=(0, 0, 1), view_angle=30),
        "street level (1.7 m)": View(position=(sx, cy - 120, z(sx, cy - 120) + 1.7),
                                     focal_point=(sx, cy + 100, z(sx, cy + 100) + 1.7), view_up=(0, 0, 1),
                                     view_angle=50),
    }
    plotter = make_plotter((1280, 720))
    mirror = SceneMirror(scene, plotter)
    try:
        for name, view in views.items():
            mirror.apply_view(view)
            t = time.perf_counter()
            while mirror.update_terrain(budget):
                stream.wait()
            settle = time.perf_counter() - t
            plotter.render()
            ms = frame_ms(plotter)
            print(f"{name:>24}: refined in {settle:5.2f} s · {len(stream.shown):3d} chunks · "
                  f"{mirror.triangles_drawn():>9,} triangles · {ms:6.0f} ms a frame")
            if args.png:
                args.png.mkdir(parents=True, exist_ok=True)
                plotter.screenshot(str(args.png / f"{name.split(' (')[0].replace(' ', '-')}.png"))
    finally:
        mirror.close()
        plotter.close()
        stream.close()


if __name__ == "__main__":
    main()
