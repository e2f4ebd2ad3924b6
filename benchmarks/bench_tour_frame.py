"""Tour video, the demo's first tour at 1080p (`twin tour-export`): seconds per frame with
H.264 encoding, against drawing and reading back one still frame of the same scene at the
same size (the floor of any video frame) in the same run.

The tour is exported at ``FPS`` frames a second (default 2, so the benchmark takes minutes,
not the ten of a 25 fps export): each frame costs the same whatever the rate.

    python benchmarks/bench_tour_frame.py [FPS] [WIDTHxHEIGHT]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # run as a script from anywhere


def main(fps: float = 2.0, size: tuple[int, int] = (1920, 1080)) -> None:
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin._vtk.tour_video import export_tour, frame_count
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    from twin.present.tours import Tours
    scene = load_scene(ROOT / "scenes" / "arras-centre.toml")
    apply_results(load_scene_data(scene))
    tours = Tours.of(scene)
    tour = tours[next(iter(tours))]
    plotter = make_plotter(size)
    mirror = SceneMirror(scene, plotter)
    mirror.apply_view(None)
    plotter.render()
    still = []
    for _ in range(5):
        t = time.perf_counter()
        plotter.render()
        plotter.screenshot(return_img=True)
        still.append(time.perf_counter() - t)
    mirror.close()
    plotter.close()
    with tempfile.TemporaryDirectory() as tmp:
        result = export_tour(scene, tour, video=Path(tmp) / "tour.mp4", size=size, fps=fps)
        mb = result.video.stat().st_size / 1e6
    per_frame = result.seconds_per_frame
    full = frame_count(tour, 25.0)
    print(f"tour {tour.name!r} ({tour.duration:.0f} s), {size[0]}×{size[1]}, {result.frames} frames at {fps:g} fps "
          f"({mb:.1f} MB):")
    print(f"  {per_frame:.2f} s per frame (state, refinement, draw, read back, H.264) = "
          f"{per_frame / median(still):.1f}× one still frame drawn and read back ({1000 * median(still):.0f} ms)")
    print(f"  the tour at 25 fps ({full} frames): ≈ {full * per_frame / 60:.1f} min")


if __name__ == "__main__":
    fps = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    size = tuple(int(v) for v in sys.argv[2].split("x")) if len(sys.argv) > 2 else (1920, 1080)
    main(fps, size)
