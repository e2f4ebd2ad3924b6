"""Coordinate reference systems: parse, name, reproject into the scene CRS.

Scenes live in a projected CRS (Lambert-93 by default). Everything handed to VTK is
relative to the scene's local origin, because float32 keeps only ~0.5 m of precision
at 7,000,000 m northings and we want centimetres.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

DEFAULT_CRS = "EPSG:2154"
WGS84 = "EPSG:4326"


def parse_crs(value) -> CRS:
    """A pyproj CRS from "EPSG:2154", WKT, a pyproj/rasterio CRS... or ValueError."""
    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise ValueError(f"unknown coordinate reference system {str(value)[:80]!r}: {exc}") from None


def crs_name(crs) -> str | None:
    """'EPSG:2154' when the CRS has an authority code, else its WKT; None for no CRS."""
    if crs is None:
        return None
    crs = parse_crs(crs)
    auth = crs.to_authority(min_confidence=70)
    if auth:
        return f"{auth[0]}:{auth[1]}"
    return crs.to_wkt()


@lru_cache(maxsize=64)
def _transformer(src: str, dst: str) -> Transformer:
    return Transformer.from_crs(CRS.from_user_input(src), CRS.from_user_input(dst), always_xy=True)


def transformer(src, dst) -> Transformer:
    """A cached always-xy transformer (Transformers are costly to create)."""
    return _transformer(parse_crs(src).to_wkt(), parse_crs(dst).to_wkt())


def same_crs(a, b) -> bool:
    return parse_crs(a) == parse_crs(b)


def transform_xy(x, y, src, dst) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if same_crs(src, dst):
        return x, y
    return transformer(src, dst).transform(x, y)


def transform_boxes(lo, hi, src, dst) -> tuple[np.ndarray, np.ndarray]:
    """(N, 2) lower and upper x, y of boxes reprojected by their corners: a box stays a
    box that holds them."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    if same_crs(src, dst):
        return lo, hi
    cx = np.column_stack([lo[:, 0], hi[:, 0], hi[:, 0], lo[:, 0]]).ravel()
    cy = np.column_stack([lo[:, 1], lo[:, 1], hi[:, 1], hi[:, 1]]).ravel()
    x, y = transform_xy(cx, cy, src, dst)
    x, y = np.asarray(x).reshape(-1, 4), np.asarray(y).reshape(-1, 4)
    return np.column_stack([x.min(axis=1), y.min(axis=1)]), np.column_stack([x.max(axis=1), y.max(axis=1)])


def box_in(bounds, src, dst) -> tuple[float, float, float, float]:
    """One (xmin, ymin, xmax, ymax) box in another CRS (``src`` None: already in ``dst``)."""
    if src is None:
        return tuple(float(v) for v in bounds)
    lo, hi = transform_boxes([bounds[:2]], [bounds[2:4]], src, dst)
    return (*map(float, lo[0]), *map(float, hi[0]))


def boxes_meet(bounds, src, box, dst) -> bool:
    """Whether ``bounds`` (in ``src``) meets ``box`` (in ``dst``): a tile and a window."""
    b = box_in(bounds, src, dst)
    return b[0] <= box[2] and box[0] <= b[2] and b[1] <= box[3] and box[1] <= b[3]


def to_wgs84(x, y, src) -> tuple[np.ndarray, np.ndarray]:
    """Longitude, latitude of projected coordinates."""
    return transform_xy(x, y, src, WGS84)


def is_geographic(crs) -> bool:
    return parse_crs(crs).is_geographic
