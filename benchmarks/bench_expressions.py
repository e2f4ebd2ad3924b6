"""Expressions and the attribute table on N rows (default 100 000): parse, evaluate a
filter, a label and $area over the whole frame, then the table model's sort, filter and
selection mapping, as a planner's clicks cause them. Each figure is printed beside the
cost of the bare pandas/numpy step it rests on, so the ratio says what twin adds.

    python benchmarks/bench_expressions.py [N]
"""

from __future__ import annotations

import os
import sys
import time

import geopandas as gpd
import numpy as np
import shapely


def frame(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    x, y = 684000 + rng.uniform(0, 3000, n), 7021000 + rng.uniform(0, 3000, n)
    w = rng.uniform(6, 20, n)
    usage = rng.choice(np.array(["Résidentiel", "Commercial et services", "Industriel", None], dtype=object), n)
    return gpd.GeoDataFrame({"cleabs": [f"BATIMENT{i:016d}" for i in range(n)],
                             "usage_1": usage, "hauteur": np.where(rng.random(n) < 0.05, np.nan, rng.uniform(3, 40, n)),
                             "nombre_d_etages": rng.integers(1, 12, n).astype(float)},
                            geometry=shapely.box(x, y, x + w, y + w), crs="EPSG:2154").astype(
        {"cleabs": "str", "usage_1": "str"})          # text as pyogrio reads it


def timed(label: str, fn, baseline=None, repeat: int = 3):
    best = min(_once(fn) for _ in range(repeat))
    line = f"{label:<46} {best * 1000:9.1f} ms"
    if baseline is not None:
        base = min(_once(baseline) for _ in range(repeat))
        line += f"   (bare step {base * 1000:7.1f} ms, ×{best / max(base, 1e-9):.1f})"
    print(line)
    return best


def _once(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(n: int) -> None:
    from twin.core.expressions import label_texts, parse
    f = frame(n)
    print(f"{n:,} rows")
    text = "\"hauteur\" > 15 AND \"usage_1\" IN ('Résidentiel', 'Commercial et services') OR $area > 300"
    timed("parse", lambda: parse(text))
    expr = parse(text)
    timed("filter (mask) with $area", lambda: expr.mask(f),
          lambda: ((f["hauteur"] > 15) & f["usage_1"].isin(["Résidentiel", "Commercial et services"]))
          | (f.geometry.area > 300))
    simple = parse("\"hauteur\" > 15 AND \"usage_1\" = 'Résidentiel'")
    timed("filter (mask), two fields", lambda: simple.mask(f),
          lambda: (f["hauteur"] > 15) & (f["usage_1"] == "Résidentiel"))
    timed("label concat(..., round(...), ' m')", lambda: label_texts(f, "concat(\"usage_1\", ' ', round(\"hauteur\"), ' m')"),
          lambda: (f["usage_1"].fillna("") + " " + f["hauteur"].round().astype(str) + " m").to_list())

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from twin._qt.attribute_table import FeatureTableModel
    app = QApplication.instance() or QApplication([])
    model = FeatureTableModel()
    timed("table: set the frame", lambda: model.set_frame(f))
    col = model.columns.index("hauteur")
    timed("table: sort a number column", lambda: model.sort(col, Qt.DescendingOrder),
          lambda: f["hauteur"].sort_values(ascending=False, na_position="last", kind="stable"))
    col = model.columns.index("cleabs")
    timed("table: sort a text column", lambda: model.sort(col, Qt.AscendingOrder),
          lambda: f["cleabs"].sort_values(kind="stable"))
    mask = simple.mask(f)
    timed("table: filter (sorted)", lambda: model.set_filter(mask))
    rows = np.flatnonzero(mask)[: n // 10]
    timed("table: where selected rows stand", lambda: model.positions(rows))
    timed("table: 40 visible cells", lambda: [model.data(model.index(r, c)) for r in range(10) for c in range(4)])
    app.processEvents()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
