"""Trees: found in LiDAR vegetation points, or scattered in vegetation polygons where
there is no LiDAR (twin.geometry.trees), drawn as instanced crowns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from twin.core.layers.base import DataLayer, point_files, register_layer_kind, window_options
from twin.core.layers.style import Style

DENSITY = 150.0          # trees per hectare of a vegetation polygon


@dataclass(frozen=True)
class TreeStyle(Style):
    crown_color: str = "#4f7d35"     # the middle of the crowns' greens (a lighter and a darker one beside it)
    trunk_color: str = "#6b4f36"


@dataclass(eq=False)
class TreesLayer(DataLayer):
    """``source``: LiDAR (a LAS/LAZ/COPC file, folder or glob: a tree per crown of its
    vegetation classes, at its measured height) or vegetation polygons (BD TOPO
    ``zone_de_vegetation``: ``density`` trees per hectare, deterministic). ``layer`` and
    ``clip`` as for a vector layer; ``bbox`` (scene CRS) keeps the trees within it."""

    style: TreeStyle = field(default_factory=TreeStyle)
    layer: str | None = None
    clip: Path | None = None
    bbox: tuple[float, float, float, float] | None = None
    density: float = DENSITY
    kind: ClassVar[str] = "trees"

    def __post_init__(self):
        super().__post_init__()
        if self.clip is not None:
            self.clip = Path(self.clip)
        if not 0 < float(self.density) <= 2_000:
            raise ValueError(f"density must be between 0 and 2 000 trees per hectare, got {self.density}")
        self.density = float(self.density)
        if self.bbox is not None:
            self.bbox = tuple(float(v) for v in self.bbox)
            if len(self.bbox) != 4 or not (self.bbox[0] < self.bbox[2] and self.bbox[1] < self.bbox[3]):
                raise ValueError(f"bbox must be [xmin, ymin, xmax, ymax] with min < max, got {list(self.bbox)}")

    @property
    def from_lidar(self) -> bool:
        """True when the source is LiDAR tiles (else vegetation polygons)."""
        files = point_files(self.source) if self.source is not None else []
        return bool(files) and all(p.suffix.lower() in (".las", ".laz") for p in files)

    def read_options(self) -> dict:
        return window_options(self, cut=True)


register_layer_kind(TreesLayer)
