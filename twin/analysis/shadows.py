"""Shadow polygons of buildings on flat ground at one instant (shapely 2, vectorised).

A prism of height h lit by a sun at elevation e casts the footprint swept along the
anti-solar direction by h / tan(e): the Minkowski sum of the footprint with that
segment, i.e. the union of the footprint, its translate and one parallelogram per ring
edge (holes included, so a courtyard is shaded where it should be).
"""

from __future__ import annotations

import numpy as np
import shapely

from twin.core.errors import TwinError
from twin.core.i18n import message


def shadow_length(height, elevation):
    """Ground length of the shadow of a vertical object (same unit as ``height``); inf at
    or below the horizon, where the shadow never ends."""
    height = np.asarray(height, float)
    if np.any(height < 0) or not np.all(np.isfinite(height)):
        raise TwinError(message("building heights must be finite and not negative"))
    el = np.radians(np.asarray(elevation, float))
    with np.errstate(divide="ignore"):
        return np.where(el > 0, height / np.tan(np.clip(el, 1e-12, None)), np.inf)


def shadow_polygons(footprints, heights, sun) -> np.ndarray:
    """One shadow polygon per footprint, in the footprints' coordinates.

    ``sun``: a unit vector toward the sun in scene axes, shape (3,) — from
    :func:`twin.analysis.sun.sun_vector`, which corrects true azimuth for grid north. With the sun
    at or below the horizon there are no building shadows (it is night everywhere):
    every result is an empty polygon."""
    footprints = np.asarray(footprints, dtype=object)
    heights = np.asarray(heights, float)
    if footprints.shape != heights.shape or footprints.ndim != 1:
        raise TwinError(message("{} footprints but {} heights").format(len(footprints), heights.size),
                        hint=message("give one height per footprint"))
    sun = np.asarray(sun, float).reshape(-1)
    if sun.shape != (3,) or not np.all(np.isfinite(sun)) or not np.any(sun):
        raise TwinError(message("sun direction {} is not a 3D direction").format(sun.tolist()))
    n = len(footprints)
    if n == 0 or sun[2] <= 0:
        return shapely.from_wkt(np.full(n, "POLYGON EMPTY", dtype=object))
    elevation = np.degrees(np.arctan2(sun[2], np.hypot(sun[0], sun[1])))
    length = shadow_length(heights, elevation)
    horizontal = np.hypot(sun[0], sun[1])
    away = -sun[:2] / horizontal if horizontal > 0 else np.zeros(2)   # sun overhead: no offset
    offset = length[:, None] * away[None, :]                           # (n, 2)

    polys, poly_of = shapely.get_parts(footprints, return_index=True)   # MultiPolygons apart
    if not np.all(shapely.get_type_id(polys) == shapely.GeometryType.POLYGON):
        raise TwinError(message("footprints must be polygons or multipolygons"))
    coords, owner = shapely.get_coordinates(polys, return_index=True)
    moved = shapely.transform(polys, lambda xy: xy + offset[poly_of[owner]])

    # one parallelogram per ring edge: a, b, b + d, a + d
    rings = shapely.get_rings(polys)
    ring_poly = np.repeat(np.arange(len(polys)), shapely.get_num_interior_rings(polys) + 1)
    ring_xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    same = ring_of[1:] == ring_of[:-1]
    a, b = ring_xy[:-1][same], ring_xy[1:][same]
    quad_owner = poly_of[ring_poly[ring_of[:-1][same]]]
    d = offset[quad_owner]
    quads = shapely.polygons(np.stack([a, b, b + d, a + d, a], axis=1))

    # union per building: pad the parts into rows and reduce each row in GEOS
    parts = np.concatenate([polys, moved, quads])
    part_owner = np.concatenate([poly_of, poly_of, quad_owner])
    order = np.argsort(part_owner, kind="stable")
    counts = np.bincount(part_owner, minlength=n)
    slot = np.arange(len(order)) - np.repeat(np.cumsum(counts) - counts, counts)
    table = np.full((n, counts.max()), None, dtype=object)
    table[part_owner[order], slot] = parts[order]
    return shapely.union_all(table, axis=1)
