"""On-screen furniture: what the legend, the label placement, the scale bar and the north
arrow cost per frame, on the demo while orbiting and on synthetic labels against VTK's own
decluttering (pyvista's add_point_labels: vtkPointSetToLabelHierarchy +
vtkLabelPlacementMapper). Ratios in the same run say more than the times on a busy machine.

    python benchmarks/bench_furniture.py [WIDTHxHEIGHT]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * sorted(times)[len(times) // 2]


def demo(size) -> None:
    from benchmarks.bench_demo_open import open_first_frame
    _scene, plotter, mirror, _results, _phases = open_first_frame(ROOT / "scenes" / "arras-centre.toml", size)
    cam = plotter.camera

    def frame():
        cam.azimuth = cam.azimuth + 3
        plotter.ren_win.Render()

    def furniture_pass():                  # what runs before each frame that moved
        cam.azimuth = cam.azimuth + 3
        mirror.legends.place()
        mirror.furniture.update()
        mirror.labels.place([*mirror.furniture.boxes, *([mirror.legends.box] if mirror.legends.box else [])])

    props = [mirror.legends.shapes, *mirror.legends.texts, mirror.furniture.shapes, mirror.furniture.length,
             mirror.furniture.north, *(s.assembly for s in mirror.labels.sets)]
    shown = [p.GetVisibility() for p in props]

    def toggle(on: bool) -> None:
        mirror.furniture.visible = on
        for p, v in zip(props, shown):
            p.SetVisibility(v and on)
    times = {True: [], False: []}
    for i in range(20):                       # interleaved: the machine's load hits both alike
        toggle(i % 2 == 0)
        times[i % 2 == 0].append(_median_ms(frame, 1))
    toggle(True)
    with_all, without = (sorted(times[k])[5] for k in (True, False))
    pass_ms = _median_ms(furniture_pass, 50)
    labels = sum(len(s.actors) for s in mirror.labels.sets)
    box = mirror.legends.box
    share = (box[2] - box[0]) * (box[3] - box[1]) / (size[0] * size[1]) if box else 0.0
    print(f"demo at {size[0]}×{size[1]}: legend {100 * share:.1f} % of the view, {labels} labels")
    print(f"  orbit frame with legend, labels, furniture {with_all:6.1f} ms  (median of 10)")
    print(f"  orbit frame without them                   {without:6.1f} ms")
    print(f"  placement pass alone (legend, furniture, labels) {pass_ms:5.2f} ms")
    mirror.close()
    plotter.close()


def synthetic(size, n: int) -> None:
    """n labels scattered on a 2 km square seen at an angle: our placement against VTK's."""
    import pyvista as pv
    from twin._vtk.labels import LabelPlacer, add_labels
    from twin._vtk.offscreen import make_plotter
    rng = np.random.default_rng(0)
    anchors = np.c_[rng.uniform(-1000, 1000, (n, 2)), np.zeros(n)]
    texts = [f"Rue n° {i}: {rng.integers(0, 60)} % vacant" for i in range(n)]
    results = {}
    for way in ("numpy greedy (twin)", "vtkLabelPlacementMapper"):
        plotter = make_plotter(size)
        plotter.add_mesh(pv.Plane(i_size=2000, j_size=2000), color="#cccccc")
        plotter.camera.position, plotter.camera.focal_point = (0, -2200, 1500), (0, 0, 0)
        plotter.camera.up = (0, 0, 1)
        if way.startswith("numpy"):
            add_labels(plotter, anchors, texts, rng.uniform(0, 1, n), background="white")
            placer = LabelPlacer.of(plotter.renderer)
            plotter.ren_win.AddObserver("StartEvent", lambda *_: placer.place())
        else:
            plotter.add_point_labels(anchors, texts, font_size=12, shape_color="white", shape_opacity=0.75,
                                     show_points=False, always_visible=True, render=False)
        plotter.ren_win.Render()
        cam = plotter.camera

        def frame():
            cam.azimuth = cam.azimuth + 2
            plotter.ren_win.Render()
        results[way] = _median_ms(frame, 10)
        if way.startswith("numpy"):
            def placement():
                cam.azimuth = cam.azimuth + 2
                placer.place()
            results["  of which the placement pass"] = _median_ms(placement, 20)
            results["  labels shown"] = int(placer.sets[0].shown.sum())
        plotter.close()
    print(f"{n} labels at {size[0]}×{size[1]}, orbiting (median of 10 frames):")
    for way, ms in results.items():
        print(f"  {way:28s} {ms:7.1f} ms per frame" if isinstance(ms, float) else f"  {way:28s} {ms:5d}")


def main() -> None:
    size = tuple(int(v) for v in sys.argv[1].split("x")) if len(sys.argv) > 1 else (1280, 720)
    demo(size)
    for n in (200, 2000):
        synthetic(size, n)


if __name__ == "__main__":
    main()
