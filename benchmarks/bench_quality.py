"""What each quality level costs: the demo scene lit by the real sun, offscreen, orbiting,
frame time per level in the same run (and the machine's GL renderer and the level it gets).

    python benchmarks/bench_quality.py [WIDTHxHEIGHT] [--shots DIR]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_demo_open import ROOT, open_first_frame  # noqa: E402

FRAMES = 8


def main(size=(1280, 720), shots: Path | None = None) -> None:
    from twin._vtk.quality import LEVELS, Quality, auto_level, detect, machine_kind
    from twin.analysis.sunlight import SunLight
    scene, plotter, mirror, _results, _phases = open_first_frame(ROOT / "scenes" / "arras-centre.toml", size)
    renderer = detect(plotter.ren_win)
    SunLight.of(scene).enabled = True          # shadow maps follow the real sun
    print(f"GL renderer: {renderer} ({machine_kind(renderer)}): auto gives {auto_level(renderer)} "
          f"when moving, {auto_level(renderer, still=True)} for a still")
    print(f"demo scene lit by the sun, {size[0]}×{size[1]}, median of {FRAMES} orbiting frames:")
    cam = plotter.camera
    base = None
    none = dict(multi_samples=0, fxaa=False, ssao=False, shadow_maps=False)
    alone = {f"{name} alone": Quality(name, **{**none, **change}) for name, change in (
        ("fxaa", {"fxaa": True}), ("msaa×8", {"multi_samples": 8}), ("ssao", {"ssao": True}),
        ("shadows", {"shadow_maps": True}))}
    for name, level in {**LEVELS, **alone}.items():
        mirror.quality.set(level)
        mirror.apply_view(scene.bookmark("Grand Place").view)    # each level from the same place
        plotter.render()                       # shaders compiled, maps allocated: not counted
        if shots is not None and name in LEVELS:
            shots.mkdir(parents=True, exist_ok=True)
            plotter.screenshot(str(shots / f"quality-{name}.png"))
        frames = []
        for _ in range(FRAMES):
            cam.azimuth = cam.azimuth + 2
            t = time.perf_counter()
            plotter.render()
            frames.append(time.perf_counter() - t)
        ms = 1000 * sorted(frames)[len(frames) // 2]
        base = base or ms
        passes = ", ".join(mirror.quality.passes) or "no pass"
        print(f"  {name:<14} {ms:7.0f} ms  ×{ms / base:4.1f}   {passes}")
    mirror.close()
    plotter.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    shots = Path(args[args.index("--shots") + 1]) if "--shots" in args else None
    sized = [a for a in args if "x" in a and a[0].isdigit()]
    main(tuple(int(v) for v in sized[0].split("x")) if sized else (1280, 720), shots)
