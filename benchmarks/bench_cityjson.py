"""CityJSON import speed on the real Delft file (570 objects, 36 271 surfaces): the
importer alone, and the whole model layer (triangulated, coloured, placed), against a bare
``json.load`` of the same file in the same run (the floor any CityJSON reader pays).

    python benchmarks/bench_cityjson.py [PATH] [REPEATS]   (default ../shared/data's Delft, 5)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DELFT = ROOT.parent / "shared" / "data" / "buildings" / "cityjson" / "cjio__delft.json"


def best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(path: Path, repeats: int) -> None:
    from importers.cityjson import CityJSONImporter
    from twin.core.feedback import Feedback
    from twin.core.layers import ModelLayer
    from twin.io.loading import load_scene_data
    from twin.core.scene import Scene
    if not path.is_file():
        sys.exit(f"{path}: not found (give a CityJSON file)")
    importer = CityJSONImporter()
    model = importer.read(path, Feedback())
    n = len(model.objects)

    def layer():
        scene = Scene(crs="EPSG:28992")
        scene.add_layer(ModelLayer("m", source=path))
        [result] = load_scene_data(scene)
        assert result.error is None, result.error

    raw = best(lambda: json.loads(path.read_text(encoding="utf-8")), repeats)
    read = best(lambda: importer.read(path, Feedback()), repeats)
    whole = best(layer, repeats)
    surfaces = sum(len(s) for s in model.lods.values())
    print(f"{path.name}: {n} objects, {surfaces:,} surfaces, {len(model.vertices):,} vertices; best of {repeats}")
    print(f"  bare json.load                      {raw * 1000:7.1f} ms  {n / raw:9,.0f} objects/s")
    print(f"  importer (flat surfaces, semantics) {read * 1000:7.1f} ms  {n / read:9,.0f} objects/s  "
          f"({raw / read:.2f}× the bare parse)")
    print(f"  model layer (+ reprojection, triangles, colours) {whole * 1000:7.1f} ms  {n / whole:9,.0f} objects/s")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]) if args else DELFT, int(args[1]) if len(args) > 1 else 5)
