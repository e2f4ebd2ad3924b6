"""Layers as triangles: every layer's mesh fanned into triangles with a colour and a
feature per face, welded into the per-vertex arrays glTF wants. The GLB and the 3D Tiles
writers cut their meshes from these."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.core.errors import TwinError
from twin.core.layers import BuildingStyle, DataLayer
from twin.core.layers.style import hex_to_u8
from twin.geometry.extrude import ROOF
from twin.geometry.mesh import Mesh
from twin.core.i18n import message

ID_FIELDS = ("cleabs", "id", "identifiant", "gml_id", "fid", "ID")   # first found names features
NEUTRAL = "#cccccc"

_SRGB = np.arange(256) / 255.0
# glTF colours are linear; styles and files give sRGB
SRGB_TO_LINEAR = np.round(255 * np.where(_SRGB <= 0.04045, _SRGB / 12.92,
                                         ((_SRGB + 0.055) / 1.055) ** 2.4)).astype(np.uint8)


def mesh_of(layer: DataLayer) -> Mesh | None:
    """The layer's loaded mesh when it has triangles to give, else None."""
    mesh = getattr(layer.data, "mesh", None)
    if isinstance(mesh, Mesh) and mesh.faces is not None and len(mesh.faces) and not mesh.is_empty:
        return mesh
    return None


def cell_starts(faces: np.ndarray) -> np.ndarray:
    """Where each cell of a flat VTK array begins, without a Python loop over cells: from
    every position, where the next cell would start if one started there; pointer doubling
    follows that chain from 0 in log2(cells) vectorised steps."""
    n = len(faces)
    jump = np.append(np.minimum(np.arange(n) + faces + 1, n), n)
    head = np.zeros(n + 1, bool)
    head[0] = n > 0
    while jump[0] != n:
        head[jump[head]] = True
        jump = jump[jump]
    return np.flatnonzero(head[:n])


def triangulate(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Triangles (T, 3), the cell each came from and the number of cells. Cells are fanned,
    which is right for what twin meshes hold: triangles, wall and terrain quads, convex
    polygons."""
    faces = np.asarray(faces, dtype=np.int64)
    heads = cell_starts(faces)
    n_tri = np.maximum(faces[heads] - 2, 0)
    cell = np.repeat(np.arange(len(heads)), n_tri)
    first = heads[cell] + 1
    j = ranges(np.zeros(len(n_tri), np.int64), n_tri)
    return np.column_stack([faces[first], faces[first + 1 + j], faces[first + 2 + j]]), cell, len(heads)


def face_colors(layer: DataLayer, mesh: Mesh, n_cells: int) -> np.ndarray:
    """sRGB per cell: the mesh's own ``rgb``, else the style, walls and roofs apart where
    the mesh has extrude's ``part``."""
    rgb = mesh.cell_data.get("rgb")
    if rgb is not None and np.shape(rgb) == (n_cells, 3):
        return np.asarray(rgb, dtype=np.uint8)
    style = getattr(layer, "style", None)
    part = mesh.cell_data.get("part")
    if part is not None and len(part) == n_cells:
        wall = getattr(style, "color", None) or BuildingStyle.color
        roof = getattr(style, "roof_color", None) or BuildingStyle.roof_color
        return np.where((np.asarray(part) == ROOF)[:, None], hex_to_u8(roof), hex_to_u8(wall))
    return np.broadcast_to(hex_to_u8(getattr(style, "color", None) or NEUTRAL), (n_cells, 3))


@dataclass
class Source:
    """One layer, triangulated: what every GLB mesh or tile of it is cut from."""

    name: str
    kind: str
    points: np.ndarray             # (N, 3) float64, scene coordinates relative to the origin
    normals: np.ndarray | None     # (N, 3) when the mesh has smooth normals (terrain)
    tris: np.ndarray               # (T, 3) int64
    key: np.ndarray                # (T,) int64: linear rgb << 32 | feature + 1
    ids: np.ndarray | None         # (F,) str per feature row, None without features
    heights: np.ndarray | None     # (F,) float32
    id_field: str | None
    opacity: float

    @property
    def has_features(self) -> bool:
        return self.ids is not None


def source_of(layer: DataLayer, mesh: Mesh) -> Source:
    tris, cell, n_cells = triangulate(mesh.faces)
    rgb = SRGB_TO_LINEAR[face_colors(layer, mesh, n_cells)]
    packed = (rgb[:, 0].astype(np.int64) << 16) | (rgb[:, 1].astype(np.int64) << 8) | rgb[:, 2]
    feature = mesh.cell_data.get("feature")
    ids = heights = id_field = None
    if feature is not None:
        feature = np.asarray(feature, dtype=np.int64)
        frame = getattr(getattr(layer.data, "table", None), "frame", None)
        n = int(feature.max()) + 1 if len(feature) else 0
        if frame is not None and len(frame) >= n:
            id_field = next((c for c in ID_FIELDS if c in frame.columns), None)
            n = len(frame)
        ids = np.arange(n).astype(str)
        if id_field is not None:
            col = frame[id_field]
            ids = np.where(col.notna().to_numpy(), col.astype(str).to_numpy(), ids).astype(str)
        if frame is not None and "height" in frame.columns and len(frame) == n:
            heights = frame["height"].to_numpy(dtype=np.float32)
        tri_feature = feature[cell]
    else:
        tri_feature = np.full(len(tris), -1, np.int64)
    normals = mesh.point_data.get("Normals")
    return Source(name=layer.name, kind=layer.kind, points=mesh.points.astype(np.float64),
                   normals=None if normals is None else np.asarray(normals, np.float64),
                   tris=tris, key=(packed[cell] << 32) | (tri_feature + 1), ids=ids, heights=heights,
                   id_field=id_field, opacity=float(layer.opacity))


def sources_of(layers: list[DataLayer]) -> list[Source]:
    out = []
    for layer in layers:
        mesh = mesh_of(layer)
        if mesh is None:
            raise TwinError(message("layer '{}' holds no loaded 3D mesh to export").format(layer.name))
        source = source_of(layer, mesh)
        if len(source.tris):
            out.append(source)
    if not out:
        raise TwinError(message("nothing to export: the chosen layers hold no triangles"))
    return out


def weld(tris: np.ndarray, key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """glTF colours and ids are per vertex: one output vertex per (source point, key) pair
    in use, so a point shared by faces of two colours or two features is split. Returns
    the source point of each vertex, the triangles on them, and each vertex's key."""
    corner, ckey = tris.ravel(), np.repeat(key, 3)
    owner = np.full(int(corner.max()) + 1, -1, np.int64)
    owner[corner] = ckey
    if (owner[corner] == ckey).all():   # every point keeps one colour: only drop the unused
        src = np.flatnonzero(owner >= 0)
        remap = np.zeros(len(owner), np.int64)
        remap[src] = np.arange(len(src))
        return src, remap[tris], owner[src]
    _, kinds = np.unique(key, return_inverse=True)
    n_kinds = int(kinds.max()) + 1
    pairs, inverse = np.unique(corner * n_kinds + np.repeat(kinds, 3), return_inverse=True)
    src = pairs // n_kinds
    vkey = np.empty(len(pairs), np.int64)
    vkey[inverse] = ckey
    return src, inverse.reshape(-1, 3), vkey


@dataclass
class Piece:
    """One glTF mesh: a layer, or the part of it in one tile, in its output frame."""

    name: str
    xyz: np.ndarray                # (M, 3) float64, Z-up output frame
    tris: np.ndarray
    rgb: np.ndarray                # (M, 3) uint8, linear
    normals: np.ndarray | None     # (M, 3) Z-up output frame
    feature: np.ndarray | None     # (M,) local feature index
    rows: np.ndarray | None        # (K,) feature rows of the source, by local index
    source: Source


def piece_of(source: Source, tri_index: np.ndarray, xyz: np.ndarray, normals: np.ndarray | None) -> Piece:
    src, tris, vkey = weld(source.tris[tri_index], source.key[tri_index])
    packed = vkey >> 32
    rgb = np.column_stack([(packed >> 16) & 255, (packed >> 8) & 255, packed & 255]).astype(np.uint8)
    feature = rows = None
    if source.has_features:
        rows, feature = np.unique((vkey & 0xFFFFFFFF) - 1, return_inverse=True)
    return Piece(source.name, xyz[src], tris, rgb, None if normals is None else normals[src],
                  feature, rows, source)


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """np.concatenate([arange(s, s + c) ...]) without the loop."""
    total = int(counts.sum())
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
