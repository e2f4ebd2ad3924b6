"""Meshes of project buildings with flat, gable or hip roofs, vectorised over buildings.

Flat roofs are the LoD1 extrusion (twin.geometry.extrude). A gable or hip roof is built
on the footprint's minimum rotated rectangle: the ridge runs along its long side, the
roof rises at ``pitch`` degrees from the eaves, ``height`` is eaves + roof (to the
ridge). The walls follow the footprint up to the eaves; for a footprint that is not a
rectangle the roof still covers the whole rectangle (an overhang where the footprint is
narrower) and the gable walls stand on the rectangle's short sides — a sketch of the
volume, as an LoD2 roof from a footprint alone can only be.

Cell data: ``feature`` (the building's index in the input, to colour violations),
``part`` (WALL or ROOF, gable ends being walls and hip ends roof), ``height``.
"""

from __future__ import annotations

import numpy as np
import shapely

from twin.geometry.extrude import ROOF, WALL, extrude, footprint_polygons
from twin.geometry.mesh import Mesh, fixed_cells

PITCHED = ("gable", "hip")


def _rectangles(footprints: np.ndarray) -> np.ndarray:
    """(k, 4, 2) corners of each minimum rotated rectangle, counter-clockwise, c0→c1 a long side."""
    rects = shapely.orient_polygons(shapely.minimum_rotated_rectangle(footprints))
    coords, owner = shapely.get_coordinates(shapely.get_exterior_ring(rects), return_index=True)
    if len(coords) != 5 * len(footprints):
        raise ValueError("a footprint has no area, so it has no roof rectangle")
    c = coords.reshape(-1, 5, 2)[:, :4]
    e0 = np.linalg.norm(c[:, 1] - c[:, 0], axis=1)
    e1 = np.linalg.norm(c[:, 2] - c[:, 1], axis=1)
    shift = (e1 > e0).astype(np.int64)
    order = (np.arange(4)[None, :] + shift[:, None]) % 4
    return np.take_along_axis(c, order[:, :, None], axis=1)


def roof_rise(footprints: np.ndarray, pitch) -> np.ndarray:
    """Metres from eaves to ridge of a gable or hip roof at ``pitch`` degrees."""
    c = _rectangles(np.asarray(footprints))
    width = np.linalg.norm(c[:, 2] - c[:, 1], axis=1)
    return np.tan(np.radians(np.asarray(pitch, dtype=float))) * width / 2


def building_mesh(footprints, base_z, heights, roofs, pitch, origin) -> Mesh:
    """One mesh for buildings given as arrays (scene CRS; ``roofs`` "flat" | "gable" |
    "hip", anything else is flat; ``pitch`` degrees, scalar or per building)."""
    footprints = np.asarray(footprints, dtype=object)
    n = len(footprints)
    base = np.asarray(base_z, dtype=float)
    height = np.asarray(heights, dtype=float)
    roofs = np.asarray(roofs, dtype=object)
    pitch = np.broadcast_to(np.asarray(pitch, dtype=float), (n,))
    ox, oy, oz = origin
    pitched = np.isin(roofs, PITCHED)

    rise = np.zeros(n)
    if pitched.any():
        rise[pitched] = np.minimum(roof_rise(footprints[pitched], pitch[pitched]), height[pitched])
    eaves = base + height - rise

    # walls (and flat roofs): the extrusion, pitched buildings stopping at their eaves
    polys, feature = footprint_polygons(footprints)
    body = extrude(polys, feature, base, eaves, origin)
    n_quads = int((body.cell_data["part"] == WALL).sum())
    quads = body.points[:4 * n_quads].reshape(-1, 4, 3)
    tris = body.points[4 * n_quads:].reshape(-1, 3, 3)
    quad_feature = body.cell_data["feature"][:n_quads]
    tri_feature = body.cell_data["feature"][n_quads:]
    flat_top = ~pitched[tri_feature]            # a pitched building's flat lid is hidden: dropped
    tris, tri_feature = tris[flat_top], tri_feature[flat_top]
    tri_part = np.full(len(tris), ROOF, np.uint8)

    if pitched.any():
        idx = np.flatnonzero(pitched)
        c = _rectangles(footprints[idx])                          # (k, 4, 2)
        long = c[:, 1] - c[:, 0]
        u = long / np.linalg.norm(long, axis=1)[:, None]
        width = np.linalg.norm(c[:, 2] - c[:, 1], axis=1)
        inset = np.where(roofs[idx] == "hip", width / 2, 0.0)[:, None] * u
        r0 = (c[:, 0] + c[:, 3]) / 2 + inset
        r1 = (c[:, 1] + c[:, 2]) / 2 - inset
        z_eaves, z_top = eaves[idx] - oz, (base + height)[idx] - oz

        def p(xy, z):
            return np.column_stack([xy[:, 0] - ox, xy[:, 1] - oy, z])

        c0, c1, c2, c3 = (p(c[:, i], z_eaves) for i in range(4))
        q0, q1 = p(r0, z_top), p(r1, z_top)
        roof_tris = np.stack([np.stack(t, axis=1) for t in (
            (c0, c1, q1), (c0, q1, q0),          # the slope over the long side c0-c1
            (c2, c3, q0), (c2, q0, q1),          # the opposite slope
            (c3, c0, q0), (c1, c2, q1),          # the ends: gable walls, or hips
        )], axis=1)                              # (k, 6, 3, 3), counter-clockwise from outside
        end_part = np.where(roofs[idx] == "hip", ROOF, WALL).astype(np.uint8)
        parts = np.column_stack([np.full((len(idx), 4), ROOF, np.uint8), end_part, end_part])
        tris = np.concatenate([tris, roof_tris.reshape(-1, 3, 3).astype(np.float32)])
        tri_feature = np.concatenate([tri_feature, np.repeat(idx, 6).astype(np.int32)])
        tri_part = np.concatenate([tri_part, parts.ravel()])

    points = np.vstack([quads.reshape(-1, 3), tris.reshape(-1, 3)]).astype(np.float32)
    faces = np.concatenate([fixed_cells(len(quads), 4), fixed_cells(len(tris), 3, start=4 * len(quads))])
    cell_feature = np.concatenate([quad_feature, tri_feature]).astype(np.int32)
    part = np.concatenate([np.full(len(quads), WALL, np.uint8), tri_part])
    return Mesh(points=points, faces=faces,
                cell_data={"feature": cell_feature, "part": part,
                           "height": height[cell_feature].astype(np.float32)})
