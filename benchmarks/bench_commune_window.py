"""A commune's buildings out of a département's BD TOPO GeoPackage: read through the
spatial index within the commune's window (``clip``) against the whole layer.

The département is Olemps's real buildings (../shared/data, 2 273) repeated on a grid of
communes until it holds N buildings (default 300 000, a département's), with a commune
layer of the same grid; written once under the temp folder. Prints the seconds and the
memory each read takes, and the share of the département read.
    python benchmarks/bench_commune_window.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def departement(n: int, path: Path) -> Path:
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    import shapely
    from tests.delivered import write_bdtopo
    if path.exists():
        return path
    one = path.with_name("one.gpkg")
    write_bdtopo(SHARED, one)
    buildings = pyogrio.read_dataframe(one, layer="batiment")
    buildings = buildings[buildings["cleabs"].str.startswith("BATIMENT") & ~buildings["cleabs"].str.contains("_")]
    outline = pyogrio.read_dataframe(one, layer="commune").iloc[:1]
    copies = int(np.ceil(n / len(buildings)))
    side = int(np.ceil(np.sqrt(copies)))
    step = 5000.0                            # Olemps is 4.7 × 5.1 km: communes side by side
    parts, communes = [], []
    for k in range(copies):
        dx, dy = (k % side) * step, (k // side) * step
        move = lambda xy, dx=dx, dy=dy: xy + np.array([dx, dy])      # noqa: E731
        parts.append(buildings.assign(geometry=shapely.transform(buildings.geometry.values, move)))
        communes.append(outline.assign(code_insee=f"{12000 + k}", nom_officiel=f"Commune {k}",
                                       geometry=shapely.transform(outline.geometry.values, move)))
    batiment = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True).iloc[:n], crs="EPSG:2154")
    pyogrio.write_dataframe(batiment, path, layer="batiment", promote_to_multi=True)
    pyogrio.write_dataframe(gpd.GeoDataFrame(pd.concat(communes, ignore_index=True), crs="EPSG:2154"), path,
                            layer="commune", append=True)
    one.unlink()
    return path


def measure(what: str, fn) -> object:
    tracemalloc.start()
    t = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{what:<46} {seconds:7.2f} s  {peak / 1e6:8.0f} MB peak (Python)  {len(out):>8,} buildings")
    return out


def main() -> None:
    from importers.vector import VectorImporter
    from twin.io.area import find_area, outlines_in
    from twin.io.registry import file_info
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    folder = Path(tempfile.gettempdir()) / "twin-bench-commune"
    folder.mkdir(exist_ok=True)
    t = time.perf_counter()
    gpkg = departement(n, folder / f"BDT_3-3_GPKG_LAMB93_D012-{n}.gpkg")
    print(f"département GeoPackage: {n:,} buildings, {gpkg.stat().st_size / 1e6:.0f} MB "
          f"(ready in {time.perf_counter() - t:.1f} s)")
    t = time.perf_counter()
    sources = [outlines_in(gpkg, file_info(gpkg, layer="commune"))]
    middle = f"{12000 + int(np.ceil(n / 2273)) // 2}"
    area = find_area(sources, middle, 200.0, "EPSG:2154", folder)
    clip = area.write(folder / f"commune-{middle}.geojson")
    print(f"{'commune outline found and written':<46} {time.perf_counter() - t:7.2f} s")
    importer = VectorImporter()
    window = measure("commune window (clip, spatial index)",
                     lambda: importer.read(gpkg, layer="batiment", clip=clip, cut=False))
    whole = measure("whole département layer", lambda: importer.read(gpkg, layer="batiment"))
    print(f"the window reads {len(window) / len(whole):.2%} of the département's buildings")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
