"""What importers hand over: plain numpy / GeoDataFrame records, in the file's own CRS."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


@dataclass
class FileInfo:
    """What an importer sees in a file, cheaply (``twin info``)."""

    path: Path
    kind: str                      # pointcloud | vector | raster | mesh
    importer: str
    count: int                     # points / features / objects / cells
    crs: str | None                # "EPSG:2154", a WKT, or None when the file has none
    bounds: tuple[float, float, float, float] | None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"path": str(self.path), "kind": self.kind, "importer": self.importer,
                "count": self.count, "crs": self.crs,
                "bounds": list(self.bounds) if self.bounds is not None else None, **self.details}


@dataclass
class RasterGrid:
    """A north-up grid: ``values[row, col]`` at pixel centres, NaN where there is no data.

    ``transform`` is a rasterio/affine Affine (north-up: negative e). ``values`` is either
    an elevation band (H, W) float32 or an image (H, W, 3) uint8 for orthophotos."""

    values: np.ndarray
    transform: Any
    crs: str | None
    source: Path | None = None

    @property
    def is_image(self) -> bool:
        return self.values.ndim == 3

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape[:2]

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        t = self.transform
        h, w = self.shape
        xs = (t.c, t.c + t.a * w)
        ys = (t.f, t.f + t.e * h)
        return min(xs), min(ys), max(xs), max(ys)

    def cell_centres(self) -> tuple[np.ndarray, np.ndarray]:
        """1-D x of columns and y of rows."""
        t = self.transform
        h, w = self.shape
        return t.c + t.a * (np.arange(w) + 0.5), t.f + t.e * (np.arange(h) + 0.5)


@dataclass
class VectorTable:
    """Features with attributes; null geometries already dropped and counted."""

    frame: Any                      # geopandas.GeoDataFrame
    crs: str | None
    source: Path | None = None
    skipped_null: int = 0
    repaired: int = 0
    dropped_invalid: int = 0

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """(x0, y0, x1, y1) of the features; None when there is none."""
        return tuple(map(float, self.frame.total_bounds)) if len(self.frame) else None


@dataclass
class PointCloud:
    """Points of one file (or the share of it a budget allows), in the file's CRS.

    Read from a LAS/LAZ file, the coordinates stay on the file's grid — int32 X, Y, Z with
    its ``scale`` and ``offset``, half the memory of float64 — as laspy keeps them: ``xyz``
    is computed from them the first time it is asked for, and the view takes its float32
    straight from them (``relative_to``), with no float64 copy in between."""

    coords: np.ndarray                    # (N, 3) float64, or int32 on the grid when ``scale`` is set
    classification: np.ndarray | None     # (N,) uint8
    intensity: np.ndarray | None          # (N,) uint16
    rgb: np.ndarray | None                # (N, 3) uint8
    crs: str | None
    source: Path | None = None
    total: int = 0                        # points in the file
    scale: np.ndarray | None = None       # (3,) coordinate = offset + coords × scale
    offset: np.ndarray | None = None
    _xyz: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.coords)

    @property
    def xyz(self) -> np.ndarray:
        """(N, 3) float64 coordinates."""
        if self.scale is None:
            return self.coords
        if self._xyz is None:
            self._xyz = self.coords * self.scale + self.offset
        return self._xyz

    def relative_to(self, origin) -> np.ndarray:
        """(N, 3) float32 coordinates minus ``origin``. On the file's grid the difference is
        taken in integers (exact), then scaled once to float32."""
        origin = np.asarray(origin, dtype=float)
        if self.scale is None or not len(self.coords):
            return (self.xyz - origin).astype(np.float32)
        base = np.round((origin - self.offset) / self.scale)
        lo, hi = self.coords.min(axis=0), self.coords.max(axis=0)
        if max(np.abs(base).max(), np.abs(hi - base).max(), np.abs(base - lo).max()) >= 2 ** 31:   # past int32
            return (self.xyz - origin).astype(np.float32)
        out = np.subtract(self.coords, base.astype(np.int32), dtype=np.int32).astype(np.float32)
        out *= self.scale.astype(np.float32)
        out += (self.offset + base * self.scale - origin).astype(np.float32)
        return out

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        if not len(self.coords):
            return (0.0, 0.0, 0.0, 0.0)
        lo, hi = self.coords[:, :2].min(axis=0), self.coords[:, :2].max(axis=0)
        if self.scale is not None:
            lo, hi = lo * self.scale[:2] + self.offset[:2], hi * self.scale[:2] + self.offset[:2]
        return float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])


@dataclass
class Hierarchy:
    """The nodes of one point cloud file's level-of-detail tree, as parallel arrays, in the
    file's CRS. Points of a node and of its ancestors are disjoint (COPC levels add up), so
    a view shows the union of the nodes it selects."""

    level: np.ndarray      # (M,) int32, 0 = root
    count: np.ndarray      # (M,) int64 points in the node
    lo: np.ndarray         # (M, 3) float64 bounds of the node's points
    hi: np.ndarray         # (M, 3)
    spacing: np.ndarray    # (M,) float64 typical distance between the node's points
    parent: np.ndarray     # (M,) int64, -1 for a root

    def __len__(self) -> int:
        return len(self.level)


SEMANTICS = ("none", "roof", "wall", "ground", "window", "door", "closure", "other")


@dataclass
class Surfaces:
    """Planar polygons (holes allowed) as flat vertex-index arrays: ring ``r`` is
    ``rings[ring_offsets[r]:ring_offsets[r + 1]]``; surface ``s`` has rings
    ``surface_rings[s]`` to ``surface_rings[s + 1]``, its exterior first."""

    rings: np.ndarray              # (K,) int64 vertex indices
    ring_offsets: np.ndarray       # (R + 1,) int64
    surface_rings: np.ndarray      # (S + 1,) int64
    surface_object: np.ndarray     # (S,) int64 row of the object the surface belongs to
    semantic: np.ndarray           # (S,) uint8 index into SEMANTICS

    def __len__(self) -> int:
        return len(self.surface_object)


@dataclass
class MeshModel:
    """3D objects — a CityJSON city model, an architect's OBJ/glTF — in the file's own
    coordinates: surfaces per level of detail ("" when the format has none), one row of
    attributes per object for picking. ``crs`` None with ``local`` True: model coordinates
    that must be placed (anchor, rotation, scale, up axis)."""

    vertices: np.ndarray           # (V, 3) float64
    crs: str | None
    objects: Any                   # pandas.DataFrame: id, type, attributes
    lods: dict[str, Surfaces]
    source: Path | None = None
    local: bool = False            # model coordinates (OBJ, glTF...), not map coordinates
    face_rgb: np.ndarray | None = None   # (S,) colours of the file's own materials, per surface of lods[""]
    warnings: list[str] = field(default_factory=list)

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        if not len(self.vertices):
            return None
        lo, hi = self.vertices[:, :2].min(axis=0), self.vertices[:, :2].max(axis=0)
        return float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])
