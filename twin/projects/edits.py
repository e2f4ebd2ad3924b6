"""The edits of an urban project (no Qt, no VTK): frozen dataclasses, each with a stable
string ``id``: ``NewBuilding`` (a footprint in scene CRS with a height or floors and a
roof), ``PlacedModel`` (an architect's glTF/OBJ placed by a ``Placement``), ``Demolish``
(existing building ids), ``SetHeight`` (one building's new height). Construction checks
what an edit can check alone (valid polygon, positive height); what needs the loaded
scene is checked by ``twin.projects.town.validate_edit``. Projects and variants, which
are made of edits, are in ``twin.projects.model``.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon

from twin.core.errors import DataError
from twin.geometry.roofs import roof_rise
from twin.core.layers import Placement
from twin.core.i18n import message


BASELINE = "Existant"
COMPONENT = "projects"      # the scene component's name
ROOFS = ("flat", "gable", "hip")
STATUSES = ("existing", "new", "raised", "lowered", "model")
MAX_PITCH = 75.0


class EditError(DataError):
    """An edit that cannot be applied as it is (bad footprint, height, mesh, unknown id)."""


def new_id(prefix: str = "e") -> str:
    """A short unique edit id (stable once written in the scene file)."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


# -- edits ------------------------------------------------------------------------------------

def check_footprint(footprint: Any, what: str = "footprint") -> Polygon:
    """A valid 2-D polygon, or an EditError naming the problem; never repaired silently
    (``make_valid`` would change the design behind the architect's back)."""
    if not isinstance(footprint, Polygon):
        kind = getattr(footprint, "geom_type", type(footprint).__name__)
        raise EditError(message("the {} must be one polygon, got {}").format(what, kind),
                        hint=message("draw one closed outline; split a multi-part design into several "
                                     "buildings"))
    if footprint.is_empty or len(footprint.exterior.coords) < 4:
        raise EditError(message("the {} is empty or has fewer than 3 corners").format(what), hint=message("draw at least 3 corners"))
    if not np.isfinite(shapely.get_coordinates(footprint)).all():
        raise EditError(message("the {} has coordinates that are not numbers").format(what))
    footprint = shapely.force_2d(footprint)
    if not footprint.is_valid:
        reason = shapely.is_valid_reason(footprint)
        if reason.startswith("Self-intersection"):
            raise EditError(message("the {} crosses itself ({})").format(what, reason),
                            hint=message("redraw it so that its edges do not cross; it is not repaired "
                                         "automatically"))
        raise EditError(message("the {} is not a valid polygon ({})").format(what, reason),
                        hint=message("redraw it; it is not repaired automatically"))
    if footprint.area <= 0.0:
        raise EditError(message("the {} has no area").format(what))
    return footprint


def read_footprint(path: Path, crs: str) -> Polygon:
    """The one polygon of a small vector file (an architect's or a surveyor's footprint),
    in the scene's CRS; refused with the reason when the file cannot say where it is."""
    from twin.core.feedback import Feedback
    from twin.io.registry import guarded, registry
    importer = registry().find(path)
    table = guarded(importer, "read", path, importer.read, path, Feedback())
    frame = getattr(table, "frame", None)
    if frame is None or not len(frame):
        raise DataError(message("holds no polygon"), path=path, hint=message("export the footprint as one polygon "
                                                                    "(GeoJSON, GPKG)"))
    if table.crs is None:
        raise DataError(message("has no CRS, so its place on the map is unknown"), path=path,
                        hint=message("save it with its CRS (the scene's is {})").format(crs))
    polys = frame.set_crs(table.crs, allow_override=True).to_crs(crs).geometry
    polys = polys[polys.geom_type.isin(["Polygon", "MultiPolygon"])]
    if len(polys) != 1:
        raise DataError(message("holds {} polygons; a footprint is one").format(len(polys)), path=path,
                        hint=message("keep only the building's footprint in the file"))
    geom = polys.iloc[0]
    if not np.isfinite(shapely.get_coordinates(geom)).all():
        raise DataError(message("its coordinates do not fit its CRS ({}): they cannot be placed").format(
                            table.crs), path=path,
                        hint=message("a GeoJSON without a crs member is longitude/latitude; save it with "
                                     "its real CRS (e.g. EPSG:2154)"))
    return geom.geoms[0] if geom.geom_type == "MultiPolygon" and len(geom.geoms) == 1 else geom


def _positive(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise EditError(message("{} must be a positive number of metres, got {!r}").format(what, value),
                        hint=message("give e.g. 12.0"))
    return float(value)


@dataclass(frozen=True)
class NewBuilding:
    """A new building: ``height`` (metres, to the ridge for a pitched roof) or ``floors``
    × ``floor_height``; gable and hip roofs rise at ``roof_pitch`` degrees from the
    eaves (see twin.geometry.roofs)."""

    id: str
    footprint: Polygon
    height: float | None = None
    floors: int | None = None
    roof: str = "flat"
    roof_pitch: float = 35.0
    floor_height: float = 3.0
    use: str = "logement"
    name: str = ""

    def __post_init__(self):
        _check_id(self.id)
        object.__setattr__(self, "footprint", check_footprint(self.footprint))
        if self.height is None and self.floors is None:
            raise EditError(message("a new building needs a height or a number of floors"),
                            hint=message("give height (metres) or floors"))
        if self.floors is not None and (isinstance(self.floors, bool) or not isinstance(self.floors, int)
                                        or self.floors <= 0):
            raise EditError(message("floors must be a positive whole number, got {!r}").format(self.floors))
        if self.height is not None:
            object.__setattr__(self, "height", _positive(self.height, "the height"))
        object.__setattr__(self, "floor_height", _positive(self.floor_height, "the floor height"))
        if self.roof not in ROOFS:
            raise EditError(message("unknown roof type {!r}").format(self.roof), hint=message("use one of: {}").format(
                                                                         ', '.join(ROOFS)))
        if isinstance(self.roof_pitch, bool) or not isinstance(self.roof_pitch, (int, float)) \
                or not 0 < self.roof_pitch <= MAX_PITCH:
            raise EditError(message("the roof pitch must be between 0 and {:g} degrees, got {!r}").format(
                                MAX_PITCH, self.roof_pitch))
        if self.roof != "flat":
            rise = self.total_height - self.eaves_height
            if rise >= self.total_height:
                raise EditError(message("a {} roof pitched at {:g}° rises {:.1f} m, more than the "
                                        "building's {:.1f} m").format(
                                    self.roof, self.roof_pitch, rise, self.total_height),
                                hint=message("lower the pitch, raise the height, or choose a flat roof"))

    @property
    def total_height(self) -> float:
        """Metres from the ground to the top (ridge for a pitched roof)."""
        return float(self.height) if self.height is not None else self.floors * self.floor_height

    @property
    def eaves_height(self) -> float:
        if self.roof == "flat":
            return self.total_height
        return self.total_height - float(roof_rise(np.array([self.footprint]), float(self.roof_pitch))[0])

    @property
    def levels(self) -> int:
        """Floors given, else whole storeys under the eaves (an attic is not counted)."""
        if self.floors is not None:
            return int(self.floors)
        return int(math.floor(self.eaves_height / self.floor_height + 1e-9))


@dataclass(frozen=True)
class PlacedModel:
    """An architect's model (glTF/GLB, OBJ, PLY, STL) in its own coordinates, placed."""

    id: str
    source: Path
    placement: Placement = field(default_factory=Placement)
    name: str = ""

    def __post_init__(self):
        _check_id(self.id)
        object.__setattr__(self, "source", Path(self.source))
        if not self.placement.placed:
            raise EditError(message("the model has no anchor, so it cannot be placed"), path=self.source,
                            hint=message("give the placement an anchor [x, y] in the scene's CRS"))


@dataclass(frozen=True)
class Demolish:
    id: str
    building_ids: tuple[str, ...]

    def __post_init__(self):
        _check_id(self.id)
        ids = tuple(str(b) for b in self.building_ids)
        if not ids:
            raise EditError(message("a demolition needs at least one building id"))
        object.__setattr__(self, "building_ids", ids)


@dataclass(frozen=True)
class SetHeight:
    id: str
    building_id: str
    height: float

    def __post_init__(self):
        _check_id(self.id)
        object.__setattr__(self, "building_id", str(self.building_id))
        object.__setattr__(self, "height", _positive(self.height, "the new height"))


Edit = NewBuilding | PlacedModel | Demolish | SetHeight
EDIT_KINDS = {"new_building": NewBuilding, "model": PlacedModel, "demolish": Demolish, "set_height": SetHeight}


def edit_kind(edit: Edit) -> str:
    return next(k for k, cls in EDIT_KINDS.items() if isinstance(edit, cls))


def _check_id(value) -> None:
    if not isinstance(value, str) or not value.strip():
        raise EditError(message("an edit needs a non-empty string id, got {!r}").format(value))
