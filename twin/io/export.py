"""Export the maquette for the web: one glTF binary (GLB), or 3D Tiles 1.1 with glTF content.

Every layer whose data holds a twin ``Mesh`` (terrain, LoD1 buildings, 3D models) is
exported as it is drawn: polygons fanned into triangles, coloured per face (the mesh's
own ``rgb``, else the layer's style: walls and roofs apart), one mesh per layer (per tile)
with a per-vertex feature id. Thousands of buildings as thousands of glTF nodes would make
the JSON alone megabytes and slow every viewer; instead ``EXT_mesh_features`` points each
vertex at a row of an ``EXT_structural_metadata`` property table holding the building's
id (BD TOPO ``cleabs``, CityJSON id...) and height, which CesiumJS and other 3D Tiles
clients pick and style by.

The GLB stays in the scene's frame (metres relative to the scene origin, turned Y-up as
glTF wants) with the CRS and origin in ``asset.extras.georeference`` to place it again.
3D Tiles content lives in the east-north-up frame at the scene origin, which the root
tile's transform puts on the globe: every vertex is reprojected (scene CRS → ECEF → ENU)
rather than offset, since a projected CRS is neither north-aligned nor true to scale
(Lambert-93: up to 5° off north in Brittany, 1–2 mm/m off scale) and the globe curves
(8 cm at 1 km). Heights are written as the scene holds them (NGF-IGN69 altitudes in the
demo) and read as ellipsoidal heights: no geoid model is applied, so on a globe with
ellipsoidal terrain the maquette sits ~45–50 m low in France unless the viewer applies
the geoid.

Outputs are written beside their destination and renamed into place, so a failure never
leaves half a tileset or a truncated GLB behind."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import struct
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import trimesh

from twin import __version__
from twin.core.crs import transformer
from twin.core.errors import TwinError
from twin.core.feedback import Feedback
from twin.geometry.extrude import ROOF
from twin.geometry.mesh import Mesh
from twin.core.layers import BuildingStyle, DataLayer, LayerGroup, PointCloudLayer, TerrainLayer, VectorLayer
from twin.core.layers.style import hex_to_u8
from twin.core.scene import Scene

MAX_FEATURES = 1_000      # buildings per tile: ~1 MB of glTF each, a comfortable download
MAX_TRIANGLES = 60_000    # triangles per tile, for layers without features (terrain)
ID_FIELDS = ("cleabs", "id", "identifiant", "gml_id", "fid", "ID")   # first found names features
NEUTRAL = "#cccccc"

# glTF is Y-up; twin (and 3D Tiles) Z-up: (x, y, z) → (x, z, −y), a rotation (winding kept)
Y_UP_TO_Z_UP = np.array([[1.0, 0, 0, 0], [0, 0, -1, 0], [0, 1, 0, 0], [0, 0, 0, 1]])

_SRGB = np.arange(256) / 255.0
# glTF colours are linear; styles and files give sRGB
SRGB_TO_LINEAR = np.round(255 * np.where(_SRGB <= 0.04045, _SRGB / 12.92,
                                         ((_SRGB + 0.055) / 1.055) ** 2.4)).astype(np.uint8)

_SCHEMA = {"id": "twin", "classes": {"feature": {"name": "Feature", "properties": {
    "id": {"type": "STRING", "description": "the feature's identifier in its source data"},
    "height": {"type": "SCALAR", "componentType": "FLOAT32", "description": "LoD1 height (m)"}}}}}


@dataclass
class Written:
    """What an export wrote, for the command line and the benchmark."""

    path: Path
    layers: int
    triangles: int
    features: int
    files: int
    bytes: int


# -- choosing and loading -------------------------------------------------------------------

def mesh_of(layer: DataLayer) -> Mesh | None:
    """The layer's loaded mesh when it has triangles to give, else None."""
    mesh = getattr(layer.data, "mesh", None)
    if isinstance(mesh, Mesh) and mesh.faces is not None and len(mesh.faces) and not mesh.is_empty:
        return mesh
    return None


def _chosen(scene: Scene, names: list[str] | None) -> tuple[list[DataLayer], set[int]]:
    """The layers to try, and the ids of those named one by one: a layer named on its own
    must export, while a named group gives whichever of its layers hold a mesh."""
    skip = (VectorLayer, PointCloudLayer)   # draped lines and fills, points: never a mesh
    if not names:
        return [x for x in scene.data_layers() if x.effectively_visible and not isinstance(x, skip)], set()
    chosen: list[DataLayer] = []
    strict: set[int] = set()
    for name in names:
        layer = scene.layers.find(name)   # KeyError names the layers there are
        if isinstance(layer, LayerGroup):
            leaves = [x for x in layer.leaves() if isinstance(x, DataLayer) and not isinstance(x, skip)]
        elif isinstance(layer, skip):
            raise TwinError(f"layer '{layer.name}' is a {layer.kind} layer, with no 3D mesh to export",
                            hint="export terrain, buildings or model layers")
        else:
            leaves = [layer]
            strict.add(id(layer))
        chosen += [x for x in leaves if x not in chosen]
    return chosen, strict


def load_for_export(scene: Scene, names: list[str] | None = None,
                    feedback: Feedback | None = None) -> tuple[list[DataLayer], list[str]]:
    """Load, with no window, what an export needs: the chosen layers (default: the visible
    ones that may hold a mesh) and every terrain, since buildings stand on it.

    Returns the layers to export and the load errors of layers left out; a layer named on
    its own that cannot be exported is an error, not a warning."""
    from twin.io.loading import apply_results, load_scene_data
    chosen, strict = _chosen(scene, names)
    todo = chosen + [x for x in scene.data_layers() if isinstance(x, TerrainLayer) and x not in chosen]
    results = load_scene_data(scene, feedback, layers=todo) if todo else []
    apply_results(results)
    failed = {id(r.layer): r.error for r in results if r.error}
    layers, errors = [], []
    for layer in chosen:
        if id(layer) in failed:
            if id(layer) in strict:
                raise TwinError(f"layer '{layer.name}': {failed[id(layer)]}")
            errors.append(f"layer '{layer.name}': {failed[id(layer)]}")
        elif mesh_of(layer) is not None:
            layers.append(layer)
        elif id(layer) in strict:
            raise TwinError(f"layer '{layer.name}' ({layer.kind}) holds no 3D mesh to export")
    if not layers:
        shown = ", ".join(f"'{x.name}'" for x in scene.data_layers()) or "none"
        raise TwinError("nothing to export: no " + ("chosen" if names else "visible") +
                        " layer holds a 3D mesh (terrain, buildings, models)" +
                        (f"; {errors[0]}" if errors else ""),
                        hint=f"show one or name it with --layers (the layers: {shown})")
    return layers, errors


# -- layers as triangles --------------------------------------------------------------------

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
    j = _ranges(np.zeros(len(n_tri), np.int64), n_tri)
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
class _Source:
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


def _source(layer: DataLayer, mesh: Mesh) -> _Source:
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
    return _Source(name=layer.name, kind=layer.kind, points=mesh.points.astype(np.float64),
                   normals=None if normals is None else np.asarray(normals, np.float64),
                   tris=tris, key=(packed[cell] << 32) | (tri_feature + 1), ids=ids, heights=heights,
                   id_field=id_field, opacity=float(layer.opacity))


def _sources(layers: list[DataLayer]) -> list[_Source]:
    out = []
    for layer in layers:
        mesh = mesh_of(layer)
        if mesh is None:
            raise TwinError(f"layer '{layer.name}' holds no loaded 3D mesh to export")
        source = _source(layer, mesh)
        if len(source.tris):
            out.append(source)
    if not out:
        raise TwinError("nothing to export: the chosen layers hold no triangles")
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
class _Piece:
    """One glTF mesh: a layer, or the part of it in one tile, in its output frame."""

    name: str
    xyz: np.ndarray                # (M, 3) float64, Z-up output frame
    tris: np.ndarray
    rgb: np.ndarray                # (M, 3) uint8, linear
    normals: np.ndarray | None     # (M, 3) Z-up output frame
    feature: np.ndarray | None     # (M,) local feature index
    rows: np.ndarray | None        # (K,) feature rows of the source, by local index
    source: _Source


def _piece(source: _Source, tri_index: np.ndarray, xyz: np.ndarray, normals: np.ndarray | None) -> _Piece:
    src, tris, vkey = weld(source.tris[tri_index], source.key[tri_index])
    packed = vkey >> 32
    rgb = np.column_stack([(packed >> 16) & 255, (packed >> 8) & 255, packed & 255]).astype(np.uint8)
    feature = rows = None
    if source.has_features:
        rows, feature = np.unique((vkey & 0xFFFFFFFF) - 1, return_inverse=True)
    return _Piece(source.name, xyz[src], tris, rgb, None if normals is None else normals[src],
                  feature, rows, source)


# -- GLB ------------------------------------------------------------------------------------

def _y_up(xyz: np.ndarray) -> np.ndarray:
    return np.column_stack([xyz[:, 0], xyz[:, 2], -xyz[:, 1]]).astype(np.float32)


def glb_bytes(pieces: list[_Piece], asset_extras: dict | None = None) -> bytes:
    """trimesh writes the geometry; the metadata extensions and materials are added to its
    JSON after, as trimesh has no notion of them."""
    scene = trimesh.Scene()
    names = []
    for piece in pieces:
        name = piece.name if piece.name not in names else f"{piece.name} ({len(names)})"
        names.append(name)
        mesh = trimesh.Trimesh(vertices=_y_up(piece.xyz), faces=piece.tris, vertex_colors=piece.rgb,
                               vertex_normals=None if piece.normals is None else _y_up(piece.normals),
                               process=False, validate=False)
        if piece.feature is not None:
            mesh.vertex_attributes["_FEATURE_ID_0"] = piece.feature.astype(np.float32)
        scene.add_geometry(mesh, geom_name=name, node_name=name)
    glb = trimesh.exchange.gltf.export_glb(scene, include_normals=None)
    return _with_metadata(glb, dict(zip(names, pieces)), asset_extras)


def _with_metadata(glb: bytes, pieces: dict[str, _Piece], asset_extras: dict | None) -> bytes:
    json_len = struct.unpack_from("<I", glb, 12)[0]
    tree = json.loads(glb[20:20 + json_len])
    at = 20 + json_len
    binary = bytearray(glb[at + 8:at + 8 + struct.unpack_from("<I", glb, at)[0]])
    views = tree.setdefault("bufferViews", [])

    def view(data: bytes) -> int:   # property tables want 8-byte aligned views
        binary.extend(b"\0" * (-len(binary) % 8))
        views.append({"buffer": 0, "byteOffset": len(binary), "byteLength": len(data)})
        binary.extend(data)
        return len(views) - 1

    tables = []
    tree["materials"] = []
    for mesh in tree.get("meshes", []):
        piece = pieces[mesh["name"]]
        prim = mesh["primitives"][0]
        opaque = piece.source.opacity >= 1.0
        prim["material"] = len(tree["materials"])
        tree["materials"].append({
            "name": piece.name, "doubleSided": True, "alphaMode": "OPAQUE" if opaque else "BLEND",
            "pbrMetallicRoughness": {"baseColorFactor": [1.0, 1.0, 1.0, piece.source.opacity],
                                     "metallicFactor": 0.0, "roughnessFactor": 1.0}})
        mesh["extras"] = {"layer": piece.name, "kind": piece.source.kind,
                          **({"id_field": piece.source.id_field} if piece.source.id_field else {})}
        if piece.feature is None:
            continue
        ids = [s.encode("utf-8") for s in piece.source.ids[piece.rows]]
        offsets = np.concatenate([[0], np.cumsum([len(s) for s in ids])]).astype("<u4")
        properties = {"id": {"values": view(b"".join(ids)), "stringOffsets": view(offsets.tobytes()),
                             "stringOffsetType": "UINT32"}}
        if piece.source.heights is not None:
            properties["height"] = {"values": view(piece.source.heights[piece.rows].astype("<f4").tobytes())}
        prim["extensions"] = {"EXT_mesh_features": {"featureIds": [
            {"featureCount": len(piece.rows), "attribute": 0, "propertyTable": len(tables)}]}}
        tables.append({"name": piece.name, "class": "feature", "count": len(piece.rows),
                       "properties": properties})
    if tables:
        tree.setdefault("extensions", {})["EXT_structural_metadata"] = {"schema": _SCHEMA,
                                                                         "propertyTables": tables}
        tree["extensionsUsed"] = sorted(set(tree.get("extensionsUsed", []))
                                        | {"EXT_mesh_features", "EXT_structural_metadata"})
    tree["asset"]["generator"] = f"twin {__version__} (trimesh)"
    if asset_extras:
        tree["asset"]["extras"] = asset_extras
    tree["buffers"] = [{"byteLength": len(binary)}]
    binary.extend(b"\0" * (-len(binary) % 4))
    content = json.dumps(tree, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    content += b" " * (-len(content) % 4)
    total = 12 + 8 + len(content) + 8 + len(binary)
    return b"".join([struct.pack("<4sII", b"glTF", 2, total), struct.pack("<I4s", len(content), b"JSON"),
                     content, struct.pack("<I4s", len(binary), b"BIN\0"), bytes(binary)])


def georeference(scene: Scene) -> dict:
    """Enough to place a GLB back on the map (and what ``asset.extras`` says)."""
    lon, lat, h = transformer(scene.crs, "EPSG:4979").transform(*scene.origin)
    return {"crs": scene.crs, "origin": [float(v) for v in scene.origin], "units": "m", "up": "Y",
            "axes": "glTF x = scene x − origin x (east), y = scene z − origin z (up), "
                    "z = −(scene y − origin y) (south)",
            "origin_wgs84": [float(lon), float(lat), float(h)]}


def write_glb(scene: Scene, path: str | Path, layers: list[DataLayer]) -> Written:
    """One GLB: a mesh per layer, in the scene frame turned Y-up."""
    path = Path(path)
    sources = _sources(layers)
    pieces = [_piece(s, np.arange(len(s.tris)), s.points, s.normals) for s in sources]
    data = glb_bytes(pieces, {"georeference": georeference(scene), "scene": scene.name})
    with _staged_file(path) as tmp:
        tmp.write_bytes(data)
    return Written(path, len(pieces), sum(len(p.tris) for p in pieces),
                   sum(len(p.rows) for p in pieces if p.rows is not None), 1, len(data))


# -- 3D Tiles -------------------------------------------------------------------------------

@dataclass
class EnuFrame:
    """The east-north-up frame at the scene origin, where 3D Tiles content lives."""

    crs: str
    origin: np.ndarray             # scene coordinates of the frame's origin
    ecef: np.ndarray               # (3,) its ECEF position
    rotation: np.ndarray           # (3, 3) columns: east, north, up in ECEF

    @classmethod
    def at(cls, scene: Scene) -> "EnuFrame":
        origin = np.asarray(scene.origin, dtype=float)
        lon, lat, _ = np.radians(transformer(scene.crs, "EPSG:4979").transform(*origin))
        ecef = np.array(transformer(scene.crs, "EPSG:4978").transform(*origin), dtype=float)
        so, co, sa, ca = np.sin(lon), np.cos(lon), np.sin(lat), np.cos(lat)
        rotation = np.array([[-so, -sa * co, ca * co], [co, -sa * so, ca * so], [0.0, ca, sa]])
        if not np.isfinite(ecef).all():
            raise TwinError(f"the scene origin {tuple(origin)} cannot be placed on the globe from {scene.crs}",
                            hint="check the scene's CRS and origin")
        return cls(scene.crs, origin, ecef, rotation)

    def matrix(self) -> np.ndarray:
        """ENU → ECEF, 4×4."""
        m = np.eye(4)
        m[:3, :3], m[:3, 3] = self.rotation, self.ecef
        return m

    def enu(self, local: np.ndarray) -> np.ndarray:
        """Scene coordinates relative to the origin → this frame, exactly (reprojected)."""
        p = np.asarray(local, dtype=float) + self.origin
        x, y, z = transformer(self.crs, "EPSG:4978").transform(p[:, 0], p[:, 1], p[:, 2])
        # einsum, not @: OpenBLAS's threaded gemm takes 10× longer on an (N, 3) × (3, 3)
        return np.einsum("ij,jk->ik", np.column_stack([x, y, z]) - self.ecef, self.rotation)

    def turn(self, normals: np.ndarray) -> np.ndarray:
        """Normals from the scene frame into this one (the grid's convergence and scale at
        the origin; a few degrees at most, but a lit slope shows it)."""
        jac = self.enu(np.vstack([np.zeros(3), np.eye(3)]))
        jac = (jac[1:] - jac[0]).T                                 # d enu / d scene
        out = np.einsum("ij,jk->ik", normals, np.linalg.inv(jac))
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _box(lo: np.ndarray, hi: np.ndarray) -> list[float]:
    centre, half = (lo + hi) / 2, np.maximum((hi - lo) / 2, 0.005)
    return [float(v) for v in (*centre, half[0], 0, 0, 0, half[1], 0, 0, 0, half[2])]


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """np.concatenate([arange(s, s + c) ...]) without the loop."""
    total = int(counts.sum())
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)


def kd_leaves(xy: np.ndarray, weight: np.ndarray, max_units: int | None,
              max_weight: int) -> list[tuple[str, np.ndarray]]:
    """Split units (buildings, or triangles of a terrain) at the median of their longer
    horizontal extent until a leaf holds at most ``max_units`` of them and ``max_weight``
    triangles; returns (address, unit indices) per leaf, addresses as "0110"."""
    leaves = []

    def split(idx: np.ndarray, address: str) -> None:
        small = int(weight[idx].sum()) <= max_weight and (max_units is None or len(idx) <= max_units)
        if small or len(idx) == 1:
            leaves.append((address, idx))
            return
        pts = xy[idx]
        axis = int(np.argmax(np.ptp(pts, axis=0)))
        half = len(idx) // 2
        order = np.argpartition(pts[:, axis], half)
        split(idx[order[:half]], address + "0")
        split(idx[order[half:]], address + "1")

    split(np.arange(len(xy)), "")
    return leaves


def write_3dtiles(scene: Scene, folder: str | Path, layers: list[DataLayer], *, force: bool = False,
                  max_features: int = MAX_FEATURES, max_triangles: int = MAX_TRIANGLES,
                  feedback: Feedback | None = None) -> Written:
    """A 3D Tiles 1.1 tileset: per layer a kd-tree of tiles, leaves holding at most
    ``max_features`` buildings (or ``max_triangles`` terrain triangles) as GLB content."""
    folder = Path(folder)
    fb = feedback or Feedback()
    sources = _sources(layers)
    frame = EnuFrame.at(scene)
    total = sum(len(s.tris) for s in sources)
    n_tris = n_features = n_files = n_bytes = 0
    with _staged_folder(folder, force) as tmp:
        children = []
        for k, source in enumerate(sources):
            (tmp / "content" / str(k)).mkdir(parents=True)
            xyz = frame.enu(source.points)
            normals = None if source.normals is None else frame.turn(source.normals)
            tri_xy = xyz[source.tris].mean(axis=1)[:, :2]
            if source.has_features:   # a building is never cut: units are features
                units, unit = np.unique(source.key & 0xFFFFFFFF, return_inverse=True)
                count = np.bincount(unit, minlength=len(units))
                xy = np.column_stack([np.bincount(unit, tri_xy[:, i], len(units)) for i in (0, 1)]) / count[:, None]
                leaves = kd_leaves(xy, count, max_features, max_triangles)
            else:
                unit, count = np.arange(len(source.tris)), np.ones(len(source.tris), np.int64)
                leaves = kd_leaves(tri_xy, count, None, max_triangles)
            order = np.argsort(unit, kind="stable")
            starts = np.cumsum(count) - count
            tiles = {}
            for address, idx in leaves:
                piece = _piece(source, order[_ranges(starts[idx], count[idx])], xyz, normals)
                uri = f"content/{k}/t{address}.glb"
                data = glb_bytes([piece])
                (tmp / uri).write_bytes(data)
                lo, hi = piece.xyz.min(axis=0), piece.xyz.max(axis=0)
                tiles[address] = ({"boundingVolume": {"box": _box(lo, hi)}, "geometricError": 0.0,
                                   "content": {"uri": uri}}, lo, hi)
                n_tris += len(piece.tris)
                n_features += 0 if piece.rows is None else len(piece.rows)
                n_files, n_bytes = n_files + 1, n_bytes + len(data)
                fb.progress(n_tris / total, f"Writing {source.name}")
            children.append(_tree(tiles, source.name))
        lo = np.min([c[1] for c in children], axis=0)
        hi = np.max([c[2] for c in children], axis=0)
        error = float(np.linalg.norm(hi - lo))
        tileset = {
            "asset": {"version": "1.1", "generator": f"twin {__version__}",
                      "extras": {"georeference": {**georeference(scene), "up": "Z", "axes":
                                 "content in the east-north-up frame at the origin (root transform)"},
                                 "scene": scene.name}},
            "geometricError": error,
            "root": {"transform": [float(v) for v in frame.matrix().T.ravel()],   # column-major
                     "boundingVolume": {"box": _box(lo, hi)}, "geometricError": error, "refine": "ADD",
                     "children": [c[0] for c in children]}}
        text = json.dumps(tileset, ensure_ascii=False, separators=(",", ":"))
        (tmp / "tileset.json").write_text(text, encoding="utf-8")
    return Written(folder, len(sources), n_tris, n_features, n_files + 1, n_bytes + len(text.encode()))


def _tree(tiles: dict[str, tuple], name: str) -> tuple[dict, np.ndarray, np.ndarray]:
    """Leaves by kd address → the nested tiles above them. A tile without content stands
    for all below it: its error is its size, so a subtree fades out only when it would be
    a speck on screen (LoD1 has no coarser level to show instead)."""
    for length in range(max(map(len, tiles)), 0, -1):
        for address in sorted(a for a in list(tiles) if len(a) == length):
            parent = address[:-1]
            if parent in tiles:
                continue
            kids = [tiles.pop(a) for a in (parent + "0", parent + "1") if a in tiles]
            lo = np.min([k[1] for k in kids], axis=0)
            hi = np.max([k[2] for k in kids], axis=0)
            tiles[parent] = ({"boundingVolume": {"box": _box(lo, hi)},
                              "geometricError": float(np.linalg.norm(hi - lo)),
                              "children": [k[0] for k in kids]}, lo, hi)
    tile, lo, hi = tiles[""]
    tile["extras"] = {"layer": name}
    return tile, lo, hi


# -- writing in place -----------------------------------------------------------------------

def _cannot_write(path: Path, exc: OSError) -> TwinError:
    return TwinError(f"cannot write here ({exc.strerror or exc})", path=path,
                     hint="choose a folder you can write to")


def check_outputs(glb: Path | None = None, tiles: Path | None = None, force: bool = False) -> None:
    """Refuse a bad destination before minutes of loading; the writers check again."""
    if glb is not None and Path(glb).is_dir():
        raise TwinError("is a folder; give a file name such as maquette.glb", path=glb)
    if tiles is None:
        return
    folder = Path(tiles)
    if folder.exists() and not folder.is_dir():
        raise TwinError("is a file; 3D Tiles are written to a folder", path=folder)
    if folder.is_dir() and any(folder.iterdir()):
        if not force:
            raise TwinError("exists and is not empty", path=folder,
                            hint="pass --force to replace a previous export, or choose another folder")
        if not (folder / "tileset.json").is_file():   # --force on the wrong folder must not delete
            raise TwinError("is not empty and holds no tileset.json: twin replaces only its own exports",
                            path=folder, hint="choose another folder")


def _aside(path: Path, what: str) -> Path:
    return path.with_name(f".{path.name}.{what}-{secrets.token_hex(4)}")


@contextmanager
def _staged_file(path: Path) -> Iterator[Path]:
    """Yields a temporary name beside ``path``, renamed onto it once written."""
    check_outputs(glb=path)
    tmp = _aside(path, "tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield tmp
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


@contextmanager
def _staged_folder(folder: Path, force: bool) -> Iterator[Path]:
    """Yields a temporary folder beside ``folder`` that replaces it once complete: only an
    empty folder or, with ``force``, a previous export (it has a tileset.json)."""
    check_outputs(tiles=folder, force=force)
    tmp = _aside(folder, "tmp")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp.mkdir()
        yield tmp
        old = _aside(folder, "old")
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _cannot_write(folder, exc) from None
        raise
