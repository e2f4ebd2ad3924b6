"""LoD1 extrusion of thousands of footprints into one mesh, vectorised.

Roofs come from GEOS constrained Delaunay (holes respected) in one shapely call, walls
from consecutive ring vertices in numpy; no Python loop over buildings or vertices.
Wall quads get their own vertices so each wall is shaded flat."""

from __future__ import annotations

import numpy as np
import shapely

from twin.geometry.mesh import Mesh, fixed_cells

WALL, ROOF = 0, 1


def footprint_polygons(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Polygons (2-D, exterior CCW) and the feature index each came from."""
    parts, feature = shapely.get_parts(shapely.force_2d(geoms), return_index=True)
    keep = shapely.get_type_id(parts) == 3  # Polygon
    parts = shapely.orient_polygons(parts[keep])
    return parts, feature[keep]


def ground_under(polys: np.ndarray, feature: np.ndarray, n_features: int, sample) -> np.ndarray:
    """Lowest ground under each feature's footprint vertices (buildings never float)."""
    coords, ring = shapely.get_coordinates(shapely.get_exterior_ring(polys), return_index=True)
    z = sample(coords[:, 0], coords[:, 1])
    out = np.full(n_features, np.inf)
    np.fmin.at(out, feature[ring], z)  # NaN (no DTM there) ignored
    out[~np.isfinite(out)] = np.nan
    return out


def extrude(polys: np.ndarray, feature: np.ndarray, base: np.ndarray, top: np.ndarray,
            origin) -> Mesh:
    """``base``/``top`` are per feature (scene z); returns walls + flat roofs."""
    ox, oy, oz = origin

    # walls: one quad per ring segment
    rings = shapely.get_rings(polys)
    ring_poly = np.repeat(np.arange(len(polys)), shapely.get_num_interior_rings(polys) + 1)
    coords, ring_id = shapely.get_coordinates(rings, return_index=True)
    same = ring_id[:-1] == ring_id[1:]
    a, b = coords[:-1][same], coords[1:][same]
    seg_feature = feature[ring_poly[ring_id[:-1][same]]]
    zb, zt = base[seg_feature] - oz, top[seg_feature] - oz
    n_seg = len(a)
    wall = np.empty((n_seg, 4, 3))
    wall[:, 0, :2], wall[:, 1, :2], wall[:, 2, :2], wall[:, 3, :2] = a, b, b, a
    wall[:, :, 0] -= ox
    wall[:, :, 1] -= oy
    wall[:, 0, 2] = wall[:, 1, 2] = zb
    wall[:, 2, 2] = wall[:, 3, 2] = zt

    # roofs: constrained Delaunay triangles, turned counter-clockwise (normals up)
    tris = shapely.constrained_delaunay_triangles(polys)
    tcoords, tri_poly = shapely.get_coordinates(tris, return_index=True)
    tcoords = tcoords.reshape(-1, 4, 2)[:, :3]
    tri_feature = feature[tri_poly.reshape(-1, 4)[:, 0]]
    cross = ((tcoords[:, 1, 0] - tcoords[:, 0, 0]) * (tcoords[:, 2, 1] - tcoords[:, 0, 1])
             - (tcoords[:, 1, 1] - tcoords[:, 0, 1]) * (tcoords[:, 2, 0] - tcoords[:, 0, 0]))
    cw = cross < 0
    tcoords[cw] = tcoords[cw][:, ::-1]
    roof = np.empty((len(tcoords), 3, 3))
    roof[:, :, 0] = tcoords[:, :, 0] - ox
    roof[:, :, 1] = tcoords[:, :, 1] - oy
    roof[:, :, 2] = (top[tri_feature] - oz)[:, None]

    points = np.vstack([wall.reshape(-1, 3), roof.reshape(-1, 3)]).astype(np.float32)
    faces = np.concatenate([fixed_cells(n_seg, 4), fixed_cells(len(roof), 3, start=4 * n_seg)])
    cell_feature = np.concatenate([seg_feature, tri_feature]).astype(np.int32)
    part = np.concatenate([np.full(n_seg, WALL, np.uint8), np.full(len(roof), ROOF, np.uint8)])
    height = (top - base)[cell_feature].astype(np.float32)
    return Mesh(points=points, faces=faces,
                cell_data={"feature": cell_feature, "part": part, "height": height})
