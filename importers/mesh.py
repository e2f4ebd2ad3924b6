"""OBJ, PLY, STL and glTF/GLB meshes through trimesh: an architect's model of one project,
in its own coordinates (no CRS, often Y-up), placed by the layer. Each node or object of
the file is an object for picking; faces keep the colours of their materials; degenerate
faces (repeated corners, no area) are dropped and counted."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from twin.core.data import FileInfo, MeshModel, Surfaces
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.io.sniff import describe_content, head
from twin.core.i18n import message

_MAGIC = {".glb": (b"glTF",), ".ply": (b"ply",)}


def _load(path: Path):
    import trimesh
    try:
        loaded = trimesh.load(path, force="scene", process=False)
    except Exception as exc:      # trimesh raises many kinds on a bad file
        raise DataError(message("cannot be read as a 3D model ({}: {})").format(
                            type(exc).__name__, str(exc)[:200]), path=path,
                        hint=message("it looks like {}; the file may be truncated or not a mesh").format(
                                 describe_content(path))) from None
    meshes = [g for g in loaded.dump(concatenate=False) if isinstance(g, trimesh.Trimesh) and len(g.faces)]
    if not meshes:
        raise DataError(message("holds no triangle (an empty model, or only points and lines)"), path=path)
    return meshes


def _face_colors(mesh) -> np.ndarray:
    """(F, 3) uint8 from per-face or per-vertex colours, else the material's main colour."""
    visual = mesh.visual
    if visual.kind == "face":
        return np.asarray(visual.face_colors)[:, :3].astype(np.uint8)
    if visual.kind == "vertex":
        return np.asarray(visual.vertex_colors)[mesh.faces, :3].mean(axis=1).astype(np.uint8)
    material = getattr(visual, "material", None)
    main = getattr(material, "main_color", None)
    if main is not None:
        return np.tile(np.asarray(main)[:3].astype(np.uint8), (len(mesh.faces), 1))
    return np.tile(np.array([0xe8, 0xdc, 0xc8], np.uint8), (len(mesh.faces), 1))


class MeshImporter:
    name = "mesh"
    kind = "mesh"
    suffixes = (".obj", ".ply", ".stl", ".glb", ".gltf")

    def sniff(self, path: Path) -> bool:
        suffix = path.suffix.lower()
        magic = _MAGIC.get(suffix)
        if magic is not None:
            return head(path, 4).startswith(magic)
        text = head(path, 2048)
        if suffix == ".gltf":
            return text.lstrip()[:1] == b"{"
        if suffix == ".stl":     # binary STL has no magic: an 80-byte header then a count
            return text.lstrip()[:5].lower() == b"solid" or path.stat().st_size >= 84
        return suffix == ".obj" and any(line.split(b" ")[0] in (b"v", b"f", b"o", b"g", b"#", b"mtllib")
                                        for line in text.splitlines()[:20] if line.strip())

    def info(self, path: Path) -> FileInfo:
        meshes = _load(path)
        v = np.vstack([m.vertices for m in meshes])
        lo, hi = v.min(axis=0), v.max(axis=0)
        return FileInfo(path, "mesh", self.name, len(meshes), None, None,
                        {"faces": int(sum(len(m.faces) for m in meshes)), "vertices": len(v),
                         "model_extent": [float(x) for x in (*lo, *hi)],
                         "note": "model coordinates: place it with an anchor (and rotation, scale, up axis)"})

    def read(self, path: Path, feedback: Feedback) -> MeshModel:
        import pandas as pd
        meshes = _load(path)
        vertices, faces, owner, colors, dropped, offset = [], [], [], [], 0, 0
        for row, mesh in enumerate(meshes):
            f = np.asarray(mesh.faces, np.int64)
            v = np.asarray(mesh.vertices, np.float64)
            tri = v[f]
            area2 = np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
            good = np.isfinite(area2) & (area2 > 1e-12) & (f[:, 0] != f[:, 1]) & (f[:, 1] != f[:, 2]) & (f[:, 0] != f[:, 2])
            dropped += int((~good).sum())
            vertices.append(v)
            faces.append(f[good] + offset)
            owner.append(np.full(int(good.sum()), row, np.int64))
            colors.append(_face_colors(mesh)[good])
            offset += len(v)
        faces = np.concatenate(faces)
        if not len(faces):
            raise DataError(message("has only degenerate faces (no area)"), path=path)
        n = len(faces)
        surfaces = Surfaces(faces.ravel(), np.arange(n + 1, dtype=np.int64) * 3, np.arange(n + 1, dtype=np.int64),
                            np.concatenate(owner), np.zeros(n, np.uint8))
        names = [str(m.metadata.get("name") or m.metadata.get("node") or f"{path.stem}-{i}") for i, m in enumerate(meshes)]
        objects = pd.DataFrame({"id": names, "type": "Mesh", "faces": [len(o) for o in owner]})
        warnings = [f"{path.name}: {dropped} degenerate faces (no area) dropped"] if dropped else []
        return MeshModel(np.vstack(vertices), None, objects, {"": surfaces}, source=path, local=True,
                         face_rgb=np.concatenate(colors), warnings=warnings)

