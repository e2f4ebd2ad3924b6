"""Vector features draped on the ground: filled polygons, outlines, lines and points.

Rings and lines are densified to the DTM resolution before sampling z, so outlines
follow the terrain; fills are constrained-Delaunay triangles lifted a little above it.
Those triangles join ring vertices across the polygon (no inner points are added), so a
fill's rings are densified more coarsely (``FILL_CELLS``): at the DTM's resolution, a
commune's parcels made 13 slivers a triangle more, 550 k of them, for the same look."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from twin.geometry.ground import Ground
from twin.geometry.mesh import Mesh, cell_array, fixed_cells

FILL_CELLS = 8      # DTM cells a fill's ring vertices may lie apart


@dataclass
class Drape:
    fill: Mesh | None          # polygons
    outline: Mesh | None       # polygon rings and line features
    points: Mesh | None        # point features
    anchors: np.ndarray        # (N, 3) one label anchor per feature, relative to origin


def _lift(x, y, ground: Ground, lift: float, origin) -> np.ndarray:
    return np.column_stack([x - origin[0], y - origin[1],
                            ground.sample(x, y) + lift - origin[2]]).astype(np.float32)


def _polylines(lines: np.ndarray, owner: np.ndarray, ground: Ground, lift: float, origin) -> Mesh | None:
    coords, idx = shapely.get_coordinates(lines, return_index=True)
    if len(coords) == 0:
        return None
    counts = np.bincount(idx, minlength=len(lines))
    keep = counts >= 2
    points = _lift(coords[:, 0], coords[:, 1], ground, lift, origin)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return Mesh(points=points, lines=cell_array(counts[keep], first[keep]),
                cell_data={"feature": owner[keep].astype(np.int32)})


def drape(geoms: np.ndarray, ground: Ground, origin, lift: float = 0.3,
          max_segment: float | None = None) -> Drape:
    geoms = shapely.force_2d(np.asarray(geoms))
    step = max_segment or max(ground.resolution or 5.0, 0.5)
    parts, feature = shapely.get_parts(geoms, return_index=True)
    kind = shapely.get_type_id(parts)
    polys, poly_feature = parts[kind == 3], feature[kind == 3]
    lines, line_feature = parts[(kind == 1) | (kind == 2)], feature[(kind == 1) | (kind == 2)]
    pts, pt_feature = parts[kind == 0], feature[kind == 0]

    fill = None
    outline_parts, outline_owner = [], []
    if len(polys):
        tris = shapely.constrained_delaunay_triangles(shapely.segmentize(polys, step * FILL_CELLS))
        tcoords, tri_poly = shapely.get_coordinates(tris, return_index=True)
        tcoords = tcoords.reshape(-1, 4, 2)[:, :3].reshape(-1, 2)
        n_tri = len(tcoords) // 3
        fill = Mesh(points=_lift(tcoords[:, 0], tcoords[:, 1], ground, lift, origin),
                    faces=fixed_cells(n_tri, 3),
                    cell_data={"feature": poly_feature[tri_poly.reshape(-1, 4)[:, 0]].astype(np.int32)})
        outline_parts.append(shapely.segmentize(shapely.get_rings(polys), step))
        outline_owner.append(np.repeat(poly_feature, shapely.get_num_interior_rings(polys) + 1))
    if len(lines):
        outline_parts.append(shapely.segmentize(lines, step))
        outline_owner.append(line_feature)
    outline = None
    if outline_parts:
        outline = _polylines(np.concatenate(outline_parts), np.concatenate(outline_owner),
                             ground, lift * 1.5, origin)
    points = None
    if len(pts):
        xy = shapely.get_coordinates(pts)
        points = Mesh(points=_lift(xy[:, 0], xy[:, 1], ground, lift, origin),
                      verts=fixed_cells(len(xy), 1),
                      cell_data={"feature": pt_feature.astype(np.int32)})
    anchor = shapely.point_on_surface(geoms)
    ax, ay = shapely.get_x(anchor), shapely.get_y(anchor)
    anchors = _lift(np.nan_to_num(ax), np.nan_to_num(ay), ground, lift * 3, origin)
    return Drape(fill=fill, outline=outline, points=points, anchors=anchors)
