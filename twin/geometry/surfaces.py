"""3D planar polygons with holes (CityJSON surfaces, mesh faces) → triangles, vectorised.

Each surface is projected on the coordinate plane its Newell normal faces most, triangulated
there by GEOS constrained Delaunay in one shapely call (holes respected, no new vertices),
and lifted back onto its own plane. Triangles (one ring of three vertices: every mesh face)
skip all that."""

from __future__ import annotations

import numpy as np
import shapely

from twin.core.data import Surfaces


def _ring_index(surfaces: Surfaces, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the kept surfaces: (ring ids, the surface of each ring, is-exterior)."""
    first, last = surfaces.surface_rings[:-1][keep], surfaces.surface_rings[1:][keep]
    counts = last - first
    surf = np.repeat(np.flatnonzero(keep), counts)
    ring = np.repeat(first, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    exterior = np.zeros(len(ring), bool)
    exterior[np.cumsum(counts) - counts] = True
    return ring, surf, exterior


def _gather(surfaces: Surfaces, rings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vertex ids of ``rings`` back to back, and each id's position in that list's ring."""
    lo, hi = surfaces.ring_offsets[rings], surfaces.ring_offsets[rings + 1]
    sizes = hi - lo
    ids = surfaces.rings[np.repeat(lo, sizes) + (np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes))]
    return ids, sizes


def newell_normals(vertices: np.ndarray, ids: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """(R, 3) unnormalised normal of each ring: robust for concave and slightly warped rings."""
    p = vertices[ids]
    starts = np.cumsum(sizes) - sizes
    nxt = np.arange(len(ids)) + 1
    nxt[np.cumsum(sizes) - 1] = starts            # each ring closes on its first vertex
    q = p[nxt]
    terms = np.column_stack([(p[:, 1] - q[:, 1]) * (p[:, 2] + q[:, 2]),
                             (p[:, 2] - q[:, 2]) * (p[:, 0] + q[:, 0]),
                             (p[:, 0] - q[:, 0]) * (p[:, 1] + q[:, 1])])
    return np.add.reduceat(terms, starts, axis=0) if len(ids) else np.zeros((0, 3))


def triangulate(vertices: np.ndarray, surfaces: Surfaces, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Triangles (T, 3, 3) of the kept surfaces, the surface of each, and how many surfaces
    were dropped as degenerate (no area, or a polygon GEOS cannot repair)."""
    n_rings = np.diff(surfaces.surface_rings)
    first_size = np.diff(surfaces.ring_offsets)[surfaces.surface_rings[:-1]] if len(surfaces) else np.zeros(0, int)
    simple = keep & (n_rings == 1) & (first_size == 3)
    complex_ = keep & ~simple

    ids = surfaces.rings[surfaces.ring_offsets[surfaces.surface_rings[:-1][simple]][:, None] + np.arange(3)]
    tri = vertices[ids]
    tri_surface = np.flatnonzero(simple)

    dropped = 0
    if complex_.any():
        ring, surf, exterior = _ring_index(surfaces, complex_)
        vid, sizes = _gather(surfaces, ring)
        normal = newell_normals(vertices, *_gather(surfaces, ring[exterior]))
        length = np.linalg.norm(normal, axis=1)
        flat = length > 1e-9
        dropped += int((~flat).sum())
        axis = np.argmax(np.abs(normal), axis=1)                 # the axis the plane faces most
        surf_ids = surf[exterior]
        by_surface = np.full(len(surfaces), -1)
        by_surface[surf_ids] = np.arange(len(surf_ids))
        k = by_surface[surf]                                      # each ring's exterior row
        ring_ok = flat[k]
        # 2-D coordinates: drop the dominant axis (a per-ring choice from its surface)
        keep_axes = np.array([[1, 2], [0, 2], [0, 1]])[axis[k]]
        pts = vertices[vid]
        owner = np.repeat(np.arange(len(ring)), sizes)
        xy = np.take_along_axis(pts, keep_axes[owner], axis=1)
        ring_sel = np.flatnonzero(ring_ok)
        if len(ring_sel):
            take = np.repeat(ring_ok, sizes)
            xy, sizes_ok = xy[take], sizes[ring_sel]
            closed = np.insert(xy, np.cumsum(sizes_ok), xy[np.cumsum(sizes_ok) - sizes_ok], axis=0)
            ring_offsets = np.concatenate([[0], np.cumsum(sizes_ok + 1)])
            surf_of_ring = surf[ring_sel]
            new_surface = np.concatenate([[True], surf_of_ring[1:] != surf_of_ring[:-1]])
            poly_offsets = np.concatenate([np.flatnonzero(new_surface), [len(ring_sel)]])
            polys = shapely.from_ragged_array(shapely.GeometryType.POLYGON, closed, (ring_offsets, poly_offsets))
            poly_surface = surf_of_ring[new_surface]
            bad = ~shapely.is_valid(polys)
            if bad.any():
                polys[bad] = shapely.make_valid(polys[bad], method="structure", keep_collapsed=False)
            parts, part_poly = shapely.get_parts(shapely.constrained_delaunay_triangles(polys), return_index=True)
            coords = shapely.get_coordinates(parts).reshape(-1, 4, 2)[:, :3]
            dropped += int(len(polys) - len(np.unique(part_poly)))
            s = poly_surface[part_poly]
            row = by_surface[s]
            n, ax = normal[row], axis[row]
            lifted = np.empty((len(coords), 3, 3))
            a_idx = np.array([[1, 2], [0, 2], [0, 1]])[ax]
            np.put_along_axis(lifted, np.repeat(a_idx[:, None, :], 3, axis=1), coords, axis=2)
            # the dropped coordinate from the plane n·p = n·c through the exterior's centroid
            ext_ids, ext_sizes = _gather(surfaces, ring[exterior])
            centroid = np.add.reduceat(vertices[ext_ids], np.cumsum(ext_sizes) - ext_sizes, axis=0) / ext_sizes[:, None]
            d = np.einsum("ij,ij->i", normal, centroid)[row]
            known = np.einsum("tvk,tk->tv", np.take_along_axis(lifted, np.repeat(a_idx[:, None, :], 3, axis=1), axis=2),
                              np.take_along_axis(n, a_idx, axis=1))
            np.put_along_axis(lifted, np.repeat(ax[:, None, None], 3, axis=1),
                              ((d[:, None] - known) / n[np.arange(len(n)), ax][:, None])[:, :, None], axis=2)
            # wind each triangle like its surface, so that normals point out of the solid
            face = np.cross(lifted[:, 1] - lifted[:, 0], lifted[:, 2] - lifted[:, 0])
            flip = np.einsum("ij,ij->i", face, n) < 0
            lifted[flip] = lifted[flip][:, ::-1]
            tri = np.concatenate([tri, lifted])
            tri_surface = np.concatenate([tri_surface, s])
    return tri, tri_surface, dropped
