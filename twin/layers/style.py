"""Layer styles: small immutable records, replaced whole so one event says "restyle"."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{6})$")


def check_color(value: str) -> str:
    if not isinstance(value, str) or not _HEX.match(value):
        raise ValueError(f"colour must be '#rrggbb', got {value!r}")
    return value.lower()


def hex_to_rgb(value: str) -> tuple[float, float, float]:
    value = check_color(value)
    return tuple(int(value[i:i + 2], 16) / 255.0 for i in (1, 3, 5))


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


@dataclass(frozen=True)
class VectorStyle(Style):
    fill_color: str = "#f2e6c9"
    fill_opacity: float = 0.55
    edge_color: str = "#8a6d3b"
    line_width: float = 1.5
    label_field: str | None = None
    lift: float = 0.3                # metres above the ground, so the drape never z-fights


@dataclass(frozen=True)
class BuildingStyle(Style):
    color: str = "#e8dcc8"
    roof_color: str = "#9c5b45"
    color_by: str = "solid"          # solid | height
    colormap: str = "YlOrRd"
