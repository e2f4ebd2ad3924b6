"""The buildings of a state — the town as loaded, or a project's variant applied to it —
as arrays (no Qt, no VTK): what the renderer draws, the metrics measure and the sun
analysis casts shadows from. Placed architect's models are read here too, once per
version of their file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import Polygon

from twin.projects.edits import Demolish, NewBuilding, PlacedModel, SetHeight
from twin.projects.model import Projects
from twin.projects.town import building_ids, buildings_layers, placed_hull, scene_ground

if TYPE_CHECKING:
    from twin.core.scene import Scene


@dataclass
class BuildingSet:
    """The buildings of one state, as arrays in scene CRS (one row per building).

    ``status``: existing, new, raised, lowered (an existing building with a SetHeight),
    model (a placed architect's model: footprint = convex hull, height = its z range).
    ``edit`` is the id of the edit that made or changed the row ("" for unchanged)."""

    ids: np.ndarray                 # str (object)
    footprints: np.ndarray          # shapely geometries, 2-D
    base_z: np.ndarray              # float, scene z of the ground under it
    heights: np.ndarray             # float, metres above base_z (to the ridge)
    roof: np.ndarray                # "flat" | "gable" | "hip" | "model" (object)
    status: np.ndarray              # see above (object)
    pitch: np.ndarray               # degrees, for gable/hip
    floors: np.ndarray              # levels given (float, NaN when unknown)
    floor_height: np.ndarray        # metres per storey
    use: np.ndarray                 # "logement", "bureaux"... ("" for existing)
    names: np.ndarray               # display name ("" for existing)
    edit: np.ndarray                # edit id ("" for unchanged)
    demolished: tuple[str, ...] = ()
    models: tuple = ()              # the PlacedModel edits, for the renderer

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def changed(self) -> np.ndarray:
        return self.status != "existing"


def _existing(scene: "Scene") -> dict[str, np.ndarray]:
    frames = [layer.data.table.frame for layer in buildings_layers(scene)]
    if not frames:
        return {"ids": np.array([], dtype=object), "footprints": np.array([], dtype=object),
                "base_z": np.zeros(0), "heights": np.zeros(0)}
    return {"ids": np.concatenate([building_ids(f) for f in frames]),
            "footprints": np.concatenate([shapely.force_2d(f.geometry.to_numpy()) for f in frames]),
            "base_z": np.concatenate([f["ground_z"].to_numpy(float) for f in frames]),
            "heights": np.concatenate([f["height"].to_numpy(float) for f in frames])}


def variant_buildings(scene: "Scene", project: str | None = None, variant: str | None = None) -> BuildingSet:
    """The buildings of the baseline (``project`` None) or of a variant: existing ones
    minus demolitions, heights changed, new buildings and placed models added, edits
    applied in order. A new building stands on the lowest terrain under its corners, else
    on the lowest ground of the buildings it replaces, else at z 0."""
    ex = _existing(scene)
    n = len(ex["ids"])
    cols: dict[str, list] = {
        "ids": list(ex["ids"]), "footprints": list(ex["footprints"]), "base_z": list(ex["base_z"]),
        "heights": list(ex["heights"]), "roof": ["flat"] * n, "status": ["existing"] * n,
        "pitch": [0.0] * n, "floors": [np.nan] * n, "floor_height": [3.0] * n, "use": [""] * n,
        "names": [""] * n, "edit": [""] * n}
    demolished: list[str] = []
    models: list[PlacedModel] = []
    if project is not None:
        edits = Projects.of(scene).variant(project, variant).edits
        row = {b: i for i, b in enumerate(cols["ids"])}
        removed: set[int] = set()
        ground = None
        for edit in edits:      # a handful of edits per variant
            if isinstance(edit, Demolish):
                for b in edit.building_ids:
                    if b in row and row[b] not in removed:
                        removed.add(row[b])
                        demolished.append(b)
            elif isinstance(edit, SetHeight):
                i = row.get(edit.building_id)
                if i is None or i in removed:
                    continue
                if i < n:        # an existing building (a new one keeps its status)
                    cols["status"][i] = "raised" if edit.height >= ex["heights"][i] else "lowered"
                    cols["edit"][i] = edit.id
                cols["heights"][i] = edit.height
            elif isinstance(edit, NewBuilding):
                ground = ground or scene_ground(scene)
                base = _new_base(edit.footprint, ground, ex, sorted(removed))
                row[edit.id] = len(cols["ids"])
                _append(cols, edit.id, edit.footprint, base, edit.total_height, edit.roof, "new",
                        float(edit.roof_pitch), float(edit.floors) if edit.floors else np.nan,
                        edit.floor_height, edit.use, edit.name, edit.id)
            elif isinstance(edit, PlacedModel):
                hull, zmin, zmax = placed_hull(scene, edit)
                models.append(edit)
                row[edit.id] = len(cols["ids"])
                _append(cols, edit.id, hull, zmin, zmax - zmin, "model", "model", 0.0, np.nan, 3.0,
                        "", edit.name, edit.id)
        keep = np.array([i not in removed for i in range(len(cols["ids"]))], dtype=bool)
    else:
        keep = np.ones(n, dtype=bool)

    def arr(key, dtype=object):
        out = np.empty(len(cols[key]), dtype=dtype)
        out[:] = cols[key]
        return out[keep]

    return BuildingSet(ids=arr("ids"), footprints=arr("footprints"), base_z=arr("base_z", float),
                       heights=arr("heights", float), roof=arr("roof"), status=arr("status"),
                       pitch=arr("pitch", float), floors=arr("floors", float),
                       floor_height=arr("floor_height", float), use=arr("use"), names=arr("names"),
                       edit=arr("edit"), demolished=tuple(demolished), models=tuple(models))


def _append(cols, *values) -> None:
    for key, value in zip(("ids", "footprints", "base_z", "heights", "roof", "status", "pitch", "floors",
                           "floor_height", "use", "names", "edit"), values):
        cols[key].append(value)


def _new_base(footprint: Polygon, ground, ex: dict, removed: list[int]) -> float:
    xy = shapely.get_coordinates(footprint.exterior)
    z = ground.sample(xy[:, 0], xy[:, 1], fill=False)
    if np.isfinite(z).any():
        return float(np.nanmin(z))
    if removed:
        idx = np.array(removed)
        idx = idx[idx < len(ex["ids"])]
        under = idx[shapely.intersects(ex["footprints"][idx], footprint)]
        if len(under) and np.isfinite(ex["base_z"][under]).any():
            return float(np.nanmin(ex["base_z"][under]))
    return 0.0
