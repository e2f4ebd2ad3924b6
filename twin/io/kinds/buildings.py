"""``kind = "buildings"``: footprints extruded to LoD1 blocks from the ground, their
heights from attributes, measured from LiDAR, or floors × storey height (the layer's
HeightRule); each footprint learns its height, where it came from and its ground."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from twin.core.data import VectorTable
from twin.core.errors import TwinError
from twin.core.feedback import Feedback
from twin.core.i18n import message
from twin.core.layers import BuildingsLayer
from twin.core.scene import Scene
from twin.geometry.extrude import extrude, footprint_polygons, ground_under
from twin.geometry.ground import Ground
from twin.geometry.heights import SOURCES, find_column, resolve_heights
from twin.geometry.mesh import Mesh
from twin.io.kinds.base import FileKind
from twin.io.heights_cache import measure_heights_cached
from twin.io.lidar_heights import LidarHeights


@dataclass
class BuildingsData:
    table: VectorTable              # frame gains height, height_source, ground_z
    mesh: Mesh
    bounds: tuple | None
    height_sources: dict[str, int] = field(default_factory=dict)


def build_buildings(layer: BuildingsLayer, table: VectorTable, scene: Scene, ground: Ground,
                    fb: Feedback | None = None) -> BuildingsData:
    frame = table.frame
    polys, feature = footprint_polygons(frame.geometry.values)
    n = len(frame)
    # ground: the DTM under the footprint, else BD TOPO's ground altitude, else the fallback
    base = dtm_z = ground_under(polys, feature, n, lambda x, y: ground.sample(x, y, fill=False))
    col = find_column(frame, "altitude_minimale_sol")
    if col is not None:
        base = np.where(np.isfinite(base), base, pd.to_numeric(frame[col], errors="coerce").to_numpy(float))
    base = np.where(np.isfinite(base), base, ground.fallback)
    height, source = resolve_heights(frame, base, layer.heights)
    lidar = {}
    if layer.heights.lidar is not None:
        measured = _lidar_heights(layer, frame, source, dtm_z, scene, fb or Feedback())
        height, source = resolve_heights(frame, base, layer.heights, measured.usable)
        lidar = measured.columns()
    frame = frame.assign(height=np.round(height, 2), height_source=np.asarray(SOURCES)[source],
                         ground_z=np.round(base, 2), **lidar)
    table.frame = frame
    mesh = extrude(polys, feature, base, base + height, scene.origin)
    counts = {name: int((source == i).sum()) for i, name in enumerate(SOURCES)}
    return BuildingsData(table=table, mesh=mesh, bounds=mesh.bounds(scene.origin), height_sources=counts)


def _lidar_heights(layer: BuildingsLayer, frame, source, dtm_z, scene: Scene, fb: Feedback) -> LidarHeights:
    """Measured only where no attribute gives the height (floors or default would); a
    LiDAR that cannot be read leaves those rules in place, with a warning, rather than
    failing the buildings."""
    guessed = np.isin(source, (SOURCES.index("floors"), SOURCES.index("default")))
    try:
        return measure_heights_cached(frame.geometry.values, layer.heights.lidar, scene.crs, dtm_z,
                                      only=guessed, feedback=fb)
    except TwinError as exc:
        fb.warn(message("{} (LiDAR heights skipped: heights come from the other rules)").format(exc.message))
        return LidarHeights.empty(len(frame))


class BuildingsKind(FileKind):
    concurrent = True      # read and built in a thread beside the other layers
    def build(self, layer: BuildingsLayer, raw: VectorTable, scene: Scene, ground: Ground,
              fb: Feedback) -> BuildingsData:
        return build_buildings(layer, raw, scene, ground, fb)
