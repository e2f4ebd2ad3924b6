"""Water surfaces: which vector layers are water, and their polygons laid flat at the
water's level rather than draped over the DTM's bumps.

A pond, a lake or a canal reach has one level: the lowest ground along its banks (LiDAR
DTMs are flattened or noisy under water; the banks are not). A river descending over
more than ``FLAT_SPREAD`` along one polygon keeps the draped shape, so it never sinks
under the terrain upstream."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from twin.geometry.mesh import Mesh

WATER_COLOR = "#6aaee6"
FLAT_SPREAD = 3.0            # m of ground along one polygon's banks beyond which it is a river, draped
WATER_LAYERS = {"surface_hydrographique", "plan_d_eau", "water", "waterbody", "water_area"}
_WATER_WORD = re.compile(r"(^|[^a-z])(eau|eaux|water|hydro|hydrographique|lac|etang|étang|plan_d_eau)([^a-z]|$)")


def is_water(layer) -> bool:
    """A vector layer drawn as water: said by its style (``surface``), or, left on
    "auto", recognised by its layer or file name (BD TOPO's surface_hydrographique)."""
    surface = getattr(layer.style, "surface", "plain")
    if surface != "auto":
        return surface == "water"
    names = [str(getattr(layer, "layer", None) or "").lower(), str(layer.name).lower()]
    if layer.source is not None:
        names.append(Path(layer.source).name.split(".")[0].lower())
    return any(n in WATER_LAYERS or _WATER_WORD.search(n) for n in names if n)


def lay_flat(fill: Mesh) -> Mesh:
    """``fill`` (draped triangles, three vertices of their own each) with each still polygon's vertices at its water level; a "normal" per vertex
    so that the surface catches the light."""
    tri_feature = np.asarray(fill.cell_data["feature"], np.int64)
    vertex_feature = np.repeat(tri_feature, 3)
    z = fill.points[:, 2].astype(float)
    n = int(tri_feature.max()) + 1 if len(tri_feature) else 0
    low, high = np.full(n, np.inf), np.full(n, -np.inf)
    np.minimum.at(low, vertex_feature, z)
    np.maximum.at(high, vertex_feature, z)
    still = (high - low) <= FLAT_SPREAD
    points = fill.points.copy()
    flat = still[vertex_feature]
    points[flat, 2] = low[vertex_feature[flat]].astype(np.float32)
    normals = np.zeros_like(points)
    normals[:, 2] = 1.0
    return Mesh(points=points, faces=fill.faces, cell_data={**fill.cell_data, "still": still[tri_feature]},
                point_data={"Normals": normals})
