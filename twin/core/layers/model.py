"""3D models: a CityJSON city model, or an architect's OBJ / PLY / STL / glTF placed on
the map. Map data (CityJSON with a CRS) is reprojected like any layer; model coordinates
(meshes have no CRS, and are often Y-up) are placed by a ``Placement``: from the layer
(the scene file), else from a sidecar ``NAME.placement.toml`` beside the model."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from twin.core.layers.base import DataLayer, register_layer_kind
from twin.core.layers.style import Style
from twin.core.i18n import message

UP_AXES = ("z", "y")


@dataclass(frozen=True)
class Placement:
    """Where model coordinates go: their origin at ``anchor`` (x, y in ``crs``, default
    the scene's; without a z the model's lowest point sits on the ground there), turned
    ``rotation`` degrees counter-clockwise seen from above, scaled, ``up`` its up axis."""

    anchor: tuple = ()
    crs: str = ""
    rotation: float = 0.0
    scale: float = 1.0
    up: str = "z"

    def __post_init__(self):
        if self.anchor and len(self.anchor) not in (2, 3):
            raise ValueError(f"anchor must be [x, y] or [x, y, z], got {list(self.anchor)}")
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in self.anchor):
            raise ValueError(f"anchor must hold numbers, got {list(self.anchor)}")
        if not 0 < float(self.scale) <= 1e6:
            raise ValueError(f"scale must be positive, got {self.scale}")
        if self.up not in UP_AXES:
            raise ValueError(f"up must be one of {', '.join(UP_AXES)}, got {self.up!r}")

    @property
    def placed(self) -> bool:
        return bool(self.anchor)


def sidecar_path(source: Path) -> Path:
    return Path(source).with_name(Path(source).name + ".placement.toml")


def read_sidecar(source: Path) -> Placement | None:
    """The placement a sidecar gives, None without one; a bad sidecar is a clear error."""
    from twin.core.errors import DataError
    path = sidecar_path(source)
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        known = {"anchor", "crs", "rotation", "scale", "up"}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown key {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})")
        if "anchor" in data:
            data["anchor"] = tuple(data["anchor"])
        return Placement(**data)
    except (tomllib.TOMLDecodeError, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise DataError(message("placement sidecar is invalid: {}").format(exc), path=path,
                        hint=message("e.g. anchor = [684131.0, 7021537.0]  rotation = 30.0  up = \"y\"")) from None


@dataclass(frozen=True)
class ModelStyle(Style):
    color: str = "#e8dcc8"           # walls, and surfaces without a semantic
    roof_color: str = "#9c5b45"
    ground_color: str = "#8c8c8c"
    color_by: str = "auto"           # auto (semantics, else the file's colours, else object type) | solid

    def __post_init__(self):
        super().__post_init__()
        if self.color_by not in ("auto", "solid"):
            raise ValueError(f"color_by must be auto or solid, got {self.color_by!r}")


@dataclass(eq=False)
class ModelLayer(DataLayer):
    lod: str = ""                    # the level of detail shown ("2.2"); "" = each object's finest
    placement: Placement = field(default_factory=Placement)
    style: ModelStyle = field(default_factory=ModelStyle)
    kind: ClassVar[str] = "model"

    def effective_placement(self) -> Placement:
        """The layer's own placement, else the sidecar's, else none (map coordinates)."""
        if self.placement.placed or self.source is None:
            return self.placement
        return read_sidecar(Path(self.source)) or self.placement


register_layer_kind(ModelLayer)
