"""The town as loaded, as projects see it: its buildings' ids, its ground, the outline of a
placed architect's model, and the checks an edit needs the loaded scene for (inside its
extent, ids that exist, a mesh that reads and places)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from twin.core.errors import TwinError
from twin.core.layers import BuildingsLayer, TerrainLayer
from twin.projects.edits import Demolish, Edit, EditError, NewBuilding, PlacedModel, SetHeight
from twin.core.i18n import message

if TYPE_CHECKING:
    from twin.core.scene import Scene


def placed_model_extent(scene: "Scene", edit: PlacedModel):
    """The placed model's outline seen from above (convex hull), or an EditError."""
    hull, _, _ = placed_hull(scene, edit)
    return hull


def placed_hull(scene: "Scene", edit: PlacedModel):
    try:
        stat = edit.source.stat()
    except OSError:
        raise EditError(message("model file not found"), path=edit.source, hint=message("check the path")) from None
    xyz = _read_model(edit.source, stat.st_mtime_ns, stat.st_size)
    from twin.io.kinds.models import place
    try:
        placed = place(xyz, edit.placement, scene, scene_ground(scene))
    except (TwinError, ValueError) as exc:
        raise EditError(message("the model cannot be placed: {}").format(exc), path=edit.source,
                        hint=message("check the placement's anchor and crs")) from None
    if not np.isfinite(placed).all():
        raise EditError(message("the model cannot be placed (its coordinates become infinite)"), path=edit.source,
                        hint=message("check the placement's anchor, crs and scale"))
    hull = shapely.convex_hull(shapely.multipoints(placed[:, :2]))
    if hull.area <= 0:
        raise EditError(message("the placed model has no extent seen from above"), path=edit.source)
    return hull, float(placed[:, 2].min()), float(placed[:, 2].max())


@lru_cache(maxsize=16)
def _read_model(path: Path, mtime: int, size: int) -> np.ndarray:
    """The vertices of a model file through the importers, kept while the file is unchanged."""
    from twin.core.data import MeshModel
    from twin.core.feedback import Feedback
    from twin.io.registry import guarded, registry
    importer = registry().find(path)
    raw = guarded(importer, "read", path, importer.read, path, Feedback())
    if not isinstance(raw, MeshModel):
        raise EditError(message("is {} data, not a 3D model").format(importer.kind), path=path,
                        hint=message("import a glTF/GLB, OBJ, PLY or STL model"))
    if not len(raw.vertices):
        raise EditError(message("holds no vertex"), path=path)
    return np.asarray(raw.vertices, dtype=float)


def scene_ground(scene: "Scene"):
    """The scene's ground from its loaded terrain layers (flat at 0 without any)."""
    from twin.geometry.ground import Ground
    grids = [layer.data.grid for layer in scene.data_layers()
             if isinstance(layer, TerrainLayer) and getattr(layer.data, "grid", None) is not None]
    return Ground(grids, fallback=0.0 if not grids else None)


# -- the buildings of a state ----------------------------------------------------------------

def building_ids(frame) -> np.ndarray:
    """Ids of a buildings table, as strings: ``cleabs`` (BD TOPO), else ``id``, else the
    row number. Demolitions and height changes name buildings by these."""
    for col in ("cleabs", "id"):
        if col in frame.columns:
            return frame[col].astype(str).to_numpy(dtype=object)
    return np.arange(len(frame)).astype(str).astype(object)


def buildings_layers(scene: "Scene") -> list:
    """Loaded buildings layers (their data has a table with height and ground_z)."""
    return [layer for layer in scene.data_layers() if isinstance(layer, BuildingsLayer)
            and getattr(getattr(layer.data, "table", None), "frame", None) is not None]


def existing_ids(scene: "Scene") -> np.ndarray:
    frames = [layer.data.table.frame for layer in buildings_layers(scene)]
    return np.concatenate([building_ids(f) for f in frames]) if frames else np.array([], dtype=object)


# -- checks against the scene ----------------------------------------------------------------

def validate_edit(edit: Edit, scene: "Scene | None", earlier: tuple = ()) -> None:
    """What an edit cannot check alone: inside the scene's extent, ids that exist, a mesh
    that reads and places. Skipped for what the scene has not loaded yet (no extent, no
    buildings layer): the check then happens when a variant is shown."""
    if scene is None:
        return
    extent = scene_extent(scene)
    if isinstance(edit, NewBuilding) and extent is not None and not edit.footprint.within(extent):
        raise EditError(message("the footprint lies outside the scene"), hint=_extent_hint(extent))
    if isinstance(edit, PlacedModel):
        placed = placed_model_extent(scene, edit)
        if extent is not None and not placed.intersects(extent):
            raise EditError(message("once placed, the model lies outside the scene"), path=edit.source,
                            hint=message("check its anchor and crs; {}").format(_extent_hint(extent)))
    if isinstance(edit, (Demolish, SetHeight)):
        known = set(existing_ids(scene)) | {e.id for e in earlier if isinstance(e, NewBuilding)}
        if not known:
            return
        wanted = edit.building_ids if isinstance(edit, Demolish) else (edit.building_id,)
        missing = [b for b in wanted if b not in known]
        if missing:
            raise EditError(message("no building with id {!r} in the scene").format(missing[0]),
                            hint=message("pick the building in the view, or check the id (cleabs for BD "
                                         "TOPO)"))


def scene_extent(scene: "Scene"):
    """The loaded layers' extent as a box in scene CRS, None before anything is loaded."""
    b = scene.bounds()
    return None if b is None else shapely.box(b[0], b[1], b[3], b[4])


def _extent_hint(extent) -> str:
    x0, y0, x1, y1 = extent.bounds
    return f"the scene covers x {x0:.0f}–{x1:.0f}, y {y0:.0f}–{y1:.0f}; draw it there"
