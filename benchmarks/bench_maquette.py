"""What the maquette and the relief cost on the demo scene: building them (numpy, per
vertex) and drawing them (orbit frames), against the plain look in the same run.

    python benchmarks/bench_maquette.py [WIDTHxHEIGHT]

Frame times are medians of orbit frames with only the terrain and the buildings shown;
"plain" is the look before the maquette (two flat colours, no relief, no outlines)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # run as a script from anywhere


def _median_frame(plotter, n: int) -> float:
    frames = []
    cam = plotter.camera
    for _ in range(n):
        cam.azimuth = cam.azimuth + 3
        t = time.perf_counter()
        plotter.render()
        plotter.screenshot(return_img=True)
        frames.append(time.perf_counter() - t)
    return sorted(frames)[n // 2]


def main(size=(1280, 720)) -> None:
    from benchmarks.bench_demo_open import open_first_frame
    from twin.core.layers import BuildingsLayer, TerrainLayer
    from twin.geometry.maquette import feature_tones, maquette_colors, outlines
    from twin.geometry.relief import exaggeration, grid_gradient, hillshade

    scene, plotter, mirror, _results, _ = open_first_frame(ROOT / "scenes" / "arras-centre.toml", size)
    for layer in scene.data_layers():
        if not isinstance(layer, (BuildingsLayer, TerrainLayer)):
            layer.visible = False
    buildings = next(l for l in scene.data_layers() if isinstance(l, BuildingsLayer))
    terrain = next(l for l in scene.data_layers() if isinstance(l, TerrainLayer))
    mesh, frame = buildings.data.mesh, buildings.data.table.frame

    t = time.perf_counter()
    walls, roofs = feature_tones(frame, (244, 237, 224), (194, 185, 172))
    maquette_colors(mesh, walls, roofs)
    t_colors = time.perf_counter() - t
    t = time.perf_counter()
    lines = outlines(mesh)
    t_lines = time.perf_counter() - t
    grid = terrain.data.grid
    t = time.perf_counter()
    gx, gy = grid_gradient(grid.values, abs(grid.transform.a), abs(grid.transform.e))
    hillshade(gx, gy, exaggeration(gx, gy))
    t_shade = time.perf_counter() - t

    looks = {"maquette + relief": ({}, {}),
             "without outlines": ({"outlines": False}, {}),
             "plain": ({"outlines": False, "vary_tones": False, "occlusion": False}, {"relief": False})}
    base_b, base_t = buildings.style, terrain.style
    times: dict[str, list[float]] = {name: [] for name in looks}
    for _ in range(3):                 # interleaved, so that a busy machine weighs on each alike
        for name, (b, t) in looks.items():
            buildings.style, terrain.style = base_b.replace(**b), base_t.replace(**t)
            times[name].append(_median_frame(plotter, 5))
    frame_ms = {name: 1000 * sorted(v)[1] for name, v in times.items()}
    part = mesh.cell_data["part"]
    n_tri = int((part == 1).sum() + 2 * (part == 0).sum())
    print(f"demo buildings: {len(frame):,} buildings, {n_tri:,} triangles, {len(lines.points) // 2:,} outline segments;"
          f" terrain {grid.values.size:,} cells")
    print(f"  maquette colours per vertex {1000 * t_colors:6.1f} ms")
    print(f"  outlines                    {1000 * t_lines:6.1f} ms")
    print(f"  terrain hillshade (grid)    {1000 * t_shade:6.1f} ms")
    print(f"  orbit at {size[0]}×{size[1]} (median of 3 × 5 frames, interleaved): "
          + ", ".join(f"{name} {ms:.0f} ms" for name, ms in frame_ms.items())
          + f"; ratio to plain {frame_ms['maquette + relief'] / frame_ms['plain']:.2f}")
    mirror.close()
    plotter.close()


if __name__ == "__main__":
    size = tuple(int(v) for v in sys.argv[1].split("x")) if len(sys.argv) > 1 else (1280, 720)
    main(size)
