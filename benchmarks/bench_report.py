"""`twin report` of the demo project (the CLI's defaults: sun study on 3 dates at 15-min
steps on a 1 m grid, views from the default viewpoints, 1600×900 renders), against the
sun-hours computations it makes, alone (`sun_hours_of_scene` of the existing town and of
each variant, same grid, dates and steps), in the same run: what the views, maps and pages
add.

    python benchmarks/bench_report.py [PROJECT]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # run as a script from anywhere


def main(project: str | None = None) -> None:
    from twin.analysis.sunhours import sun_hours_of_scene
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    from twin.projects.model import Projects
    from twin.report.build import NEIGHBOURHOOD_M, _project_footprint, build_report, default_dates
    t = time.perf_counter()
    scene = load_scene(ROOT / "scenes" / "arras-centre.toml")
    apply_results(load_scene_data(scene))
    loaded = time.perf_counter() - t
    project = project or Projects.of(scene).names[0]
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        out = build_report(scene, project, Path(tmp) / "report.pdf")
        report = time.perf_counter() - t
        kb = out.stat().st_size / 1e3
    proj = Projects.of(scene).project(project)
    bbox = _project_footprint(scene, proj).bounds(NEIGHBOURHOOD_M)
    dates = default_dates(scene)
    t = time.perf_counter()
    for date in dates:
        sun_hours_of_scene(scene, date, bbox=bbox)
        for variant in proj.variants:
            sun_hours_of_scene(scene, date, bbox=bbox, project=proj.name, variant=variant.name)
    sun = time.perf_counter() - t
    print(f"demo scene loaded in {loaded:.1f} s (not counted)")
    print(f"twin report of {project!r}: {report:.1f} s, {kb:.0f} kB PDF")
    print(f"  its sun-hours alone ({len(dates)} dates × the town and {len(proj.variants)} variant(s)): {sun:.1f} s "
          f"→ the report is {report / sun:.1f}× its sun study")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
