"""Layer styles: small immutable records, replaced whole so one event says "restyle"."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{6})$")


def check_color(value: str) -> str:
    if not isinstance(value, str) or not _HEX.match(value):
        raise ValueError(f"colour must be '#rrggbb', got {value!r}")
    return value.lower()


def hex_to_u8(value: str):
    """'#rrggbb' → a (3,) uint8 array, as colour arrays per cell need it."""
    import numpy as np
    value = check_color(value)
    return np.array([int(value[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)


def hex_to_rgb(value: str) -> tuple[float, float, float]:
    return tuple(float(v) / 255.0 for v in hex_to_u8(value))


@dataclass(frozen=True)
class Style:
    def __post_init__(self):
        for f in fields(self):
            if f.name.endswith("color") and getattr(self, f.name) is not None:
                object.__setattr__(self, f.name, check_color(getattr(self, f.name)))

    def replace(self, **changes) -> "Style":
        from dataclasses import replace
        return replace(self, **changes)


@dataclass(frozen=True)
class TerrainStyle(Style):
    color: str = "#cfd6c4"
    color_by: str = "solid"          # solid | elevation | texture
    colormap: str = "gist_earth"
    relief: bool = True              # no orthophoto: hillshade and a height tint over ``color``


CLASSIFY = ("categorized", "quantile", "equal", "jenks")


def check_classes(style) -> None:
    if style.classify not in CLASSIFY:
        raise ValueError(f"classify must be one of {', '.join(CLASSIFY)}, got {style.classify!r}")
    if not 2 <= int(style.classes) <= 12:
        raise ValueError(f"classes must be between 2 and 12, got {style.classes}")


@dataclass(frozen=True)
class VectorStyle(Style):
    fill_color: str = "#f2e6c9"
    fill_opacity: float = 0.55
    edge_color: str = "#8a6d3b"
    line_width: float = 1.5
    label_field: str | None = None
    lift: float = 0.3                # metres above the ground, so the drape never z-fights
    color_field: str | None = None   # colour features by this attribute (else fill_color)
    classify: str = "quantile"       # categorized | quantile | equal | jenks
    classes: int = 5                 # graduated classes
    palette: str = ""                # a matplotlib colormap; "" = YlOrRd graduated, tab10/tab20 categorized
    extrude_field: str | None = None # polygons raised to this attribute's value × extrude_scale, in metres
    extrude_scale: float = 1.0
    surface: str = "auto"            # water: flat, blue, catching the light | plain | auto (water when named so)

    def __post_init__(self):
        super().__post_init__()
        check_classes(self)
        if self.surface not in ("auto", "plain", "water"):
            raise ValueError(f"surface must be auto, plain or water, got {self.surface!r}")
        if not 0 < float(self.extrude_scale) <= 1e6:
            raise ValueError(f"extrude_scale must be positive, got {self.extrude_scale}")


@dataclass(frozen=True)
class BuildingStyle(Style):
    color: str = "#f4ede0"           # walls and roofs of a maquette: warm, light, sober
    roof_color: str = "#c2b9ac"
    color_by: str = "solid"          # solid | height | attribute (color_field, classified)
    colormap: str = "YlOrRd"
    color_field: str | None = None
    classify: str = "quantile"       # categorized | quantile | equal | jenks
    classes: int = 5
    palette: str = ""
    vary_tones: bool = True          # solid: tones varied gently by use (usage_1) and age
    occlusion: bool = True           # walls darker toward the ground
    outlines: bool = True            # thin lines along roof edges and wall corners
    roof_ortho: bool = True          # roofs textured by the terrain's orthophoto when there is one

    def __post_init__(self):
        super().__post_init__()
        if self.color_by not in ("solid", "height", "attribute"):
            raise ValueError(f"color_by must be solid, height or attribute, got {self.color_by!r}")
        if self.color_by == "attribute" and not self.color_field:
            raise ValueError("color_by = \"attribute\" needs a color_field")
        check_classes(self)


@dataclass(frozen=True)
class PointCloudStyle(Style):
    color_by: str = "auto"             # auto (the file's rgb, else classification) | classification
                                       # | elevation | intensity | rgb
    colormap: str = "viridis"
    point_size: float = 2.0            # the smallest: points of a coarse level are drawn larger
    hidden_classes: tuple[int, ...] = ()
    # depth shading for unlit points: shapes read without normals; points are drawn as
    # large as their level's spacing, so EDL outlines surfaces, not each sparse point
    eye_dome_lighting: bool = True

    def __post_init__(self):
        super().__post_init__()
        if self.color_by not in ("auto", "classification", "elevation", "intensity", "rgb"):
            raise ValueError(f"color_by must be auto, classification, elevation, intensity or rgb, "
                             f"got {self.color_by!r}")
        if not 0.5 <= float(self.point_size) <= 20:
            raise ValueError(f"point_size must be between 0.5 and 20, got {self.point_size}")
        object.__setattr__(self, "hidden_classes", tuple(sorted({int(c) for c in self.hidden_classes})))
