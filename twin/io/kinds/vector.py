"""``kind = "vector"``: any OGR layer (parcels, streets, zones...) draped on the ground;
its polygons kept with the ground under each, so a style can extrude them by a column."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.core.data import VectorTable
from twin.core.feedback import Feedback
from twin.core.layers import VectorLayer
from twin.core.scene import Scene
from twin.geometry.drape import Drape, drape
from twin.geometry.extrude import footprint_polygons, ground_under
from twin.geometry.ground import Ground
from twin.io.kinds.base import FileKind


@dataclass
class VectorData:
    table: VectorTable
    drape: Drape
    bounds: tuple | None
    polygons: tuple | None = None   # (polygons, feature of each, lowest ground per feature, origin): to extrude by an attribute


def build_vector(layer: VectorLayer, table: VectorTable, scene: Scene, ground: Ground) -> VectorData:
    d = drape(table.frame.geometry.values, ground, scene.origin, lift=layer.style.lift)
    meshes = [m for m in (d.fill, d.outline, d.points) if m is not None]
    bounds = _union([m.bounds(scene.origin) for m in meshes])
    polys, feature = footprint_polygons(table.frame.geometry.values)
    polygons = None
    if len(polys):
        base = ground_under(polys, feature, len(table.frame), ground.sample)
        polygons = (polys, feature, np.where(np.isfinite(base), base, ground.fallback), scene.origin)
    return VectorData(table=table, drape=d, bounds=bounds, polygons=polygons)


def _union(boxes) -> tuple | None:
    """The 3D box around ``boxes`` (None ones ignored); None when there is none."""
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    arr = np.asarray(boxes, dtype=float)
    return (*arr[:, :3].min(axis=0), *arr[:, 3:].max(axis=0))


class VectorKind(FileKind):
    concurrent = True      # read and built in a thread beside the other layers
    overlay = True         # drawn over the ground: loaded once the first frame is drawn
    def build(self, layer: VectorLayer, raw: VectorTable, scene: Scene, ground: Ground, fb: Feedback) -> VectorData:
        return build_vector(layer, raw, scene, ground)
