"""The PLU rules a project is checked against (no Qt, no VTK): zones with their limits,
and how floor area and dwellings are estimated. They are project data, kept in the scene
file's ``[plu]`` table (``twin.projects.section``); ``twin.analysis.urban_metrics`` checks
variants against them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely

FLOOR_AREA_RATIO = 0.8
DWELLING_SIZE = 65.0


@dataclass(frozen=True)
class PluZone:
    """One zone of the PLU: its geometry (scene CRS) inline, or the features whose
    ``field`` equals ``value`` in the scene's vector layer named ``layer`` or in the file
    ``source`` (a Géoportail de l'Urbanisme zone_urba export, any CRS), or none of these
    (everywhere)."""

    name: str
    geometry: Any = None
    max_height: float | None = None      # metres, to the ridge
    max_emprise: float | None = None     # ratio 0–1 of the parcel(s)
    setback: float | None = None         # metres from the street alignment, at least
    layer: str = ""
    field: str = ""
    value: str = ""
    source: Path | None = None

    def __post_init__(self):
        if not self.name:
            raise ValueError("a PLU zone needs a name")
        if self.source is not None:
            object.__setattr__(self, "source", Path(self.source))
        for key in ("max_height", "setback"):
            v = getattr(self, key)
            if v is not None and (not math.isfinite(v) or v < 0 or (key == "max_height" and v == 0)):
                raise ValueError(f"{key} must be a positive number of metres, got {v}")
        if self.max_emprise is not None and not 0 < self.max_emprise <= 1:
            raise ValueError(f"max_emprise is a ratio of the parcel between 0 and 1, got {self.max_emprise}")
        if self.geometry is not None:
            if shapely.get_type_id(self.geometry) not in (3, 6) or not shapely.is_valid(self.geometry):
                raise ValueError(f"the zone's geometry must be a valid polygon or multipolygon "
                                 f"({shapely.is_valid_reason(self.geometry)})")
        if (self.layer or self.source) and not (self.field and self.value != ""):
            raise ValueError("a zone read from a layer or a file needs field and value "
                             "(e.g. field = \"libelle\", value = \"UA\")")
        if sum((self.geometry is not None, bool(self.layer), self.source is not None)) > 1:
            raise ValueError("give the zone's geometry one way: wkt, layer or source")


@dataclass(frozen=True)
class PluRules:
    zones: tuple = ()
    floor_area_ratio: float = FLOOR_AREA_RATIO
    dwelling_size: float = DWELLING_SIZE
    parcels: str = ""            # the parcels layer's name ("" = the first with Etalab fields)
    roads: str = ""              # a layer of roads / public space giving the alignment ("" = from parcels)

    def __post_init__(self):
        object.__setattr__(self, "zones", tuple(self.zones))
        if not 0 < self.floor_area_ratio <= 1:
            raise ValueError(f"floor_area_ratio must be between 0 and 1, got {self.floor_area_ratio}")
        if not self.dwelling_size > 0:
            raise ValueError(f"dwelling_size must be positive (m²), got {self.dwelling_size}")
        names = [z.name for z in self.zones]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"two PLU zones are named {dup[0]!r}")
