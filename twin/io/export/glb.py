"""One glTF binary: trimesh writes the geometry, the metadata extensions
(``EXT_mesh_features`` + ``EXT_structural_metadata``) and materials are added to its JSON.
The GLB stays in the scene frame, turned Y-up, placed by ``asset.extras.georeference``."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import trimesh

from twin import __version__
from twin.core.crs import transformer
from twin.core.layers import DataLayer
from twin.core.scene import Scene
from twin.io.export.output import Written, staged_file
from twin.io.export.triangles import Piece, piece_of, sources_of

# glTF is Y-up; twin (and 3D Tiles) Z-up: (x, y, z) → (x, z, −y), a rotation (winding kept)
Y_UP_TO_Z_UP = np.array([[1.0, 0, 0, 0], [0, 0, -1, 0], [0, 1, 0, 0], [0, 0, 0, 1]])

_SCHEMA = {"id": "twin", "classes": {"feature": {"name": "Feature", "properties": {
    "id": {"type": "STRING", "description": "the feature's identifier in its source data"},
    "height": {"type": "SCALAR", "componentType": "FLOAT32", "description": "LoD1 height (m)"}}}}}


def _y_up(xyz: np.ndarray) -> np.ndarray:
    return np.column_stack([xyz[:, 0], xyz[:, 2], -xyz[:, 1]]).astype(np.float32)


def glb_bytes(pieces: list[Piece], asset_extras: dict | None = None) -> bytes:
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


def _with_metadata(glb: bytes, pieces: dict[str, Piece], asset_extras: dict | None) -> bytes:
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

    _set_targets(tree)
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


def _set_targets(tree: dict) -> None:
    """Each geometry view says whether it holds vertices or indices (trimesh leaves it
    out), so a client can upload it to the GPU without guessing (the glTF validator hints)."""
    accessors, views = tree.get("accessors", []), tree.get("bufferViews", [])
    for mesh in tree.get("meshes", []):
        for prim in mesh["primitives"]:
            for accessor, target in [*((a, 34962) for a in prim["attributes"].values()),
                                     *([(prim["indices"], 34963)] if "indices" in prim else [])]:
                view = accessors[accessor].get("bufferView")
                if view is not None:
                    views[view]["target"] = target


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
    sources = sources_of(layers)
    pieces = [piece_of(s, np.arange(len(s.tris)), s.points, s.normals) for s in sources]
    data = glb_bytes(pieces, {"georeference": georeference(scene), "scene": scene.name})
    with staged_file(path) as tmp:
        tmp.write_bytes(data)
    return Written(path, len(pieces), sum(len(p.tris) for p in pieces),
                   sum(len(p.rows) for p in pieces if p.rows is not None), 1, len(data))
