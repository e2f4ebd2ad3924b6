"""3D Tiles 1.1: per layer a kd-tree of glTF tiles in the east-north-up frame at the
scene origin, every vertex reprojected there, the root transform placing it in ECEF."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from twin import __version__
from twin.core.crs import transformer
from twin.core.errors import TwinError
from twin.core.feedback import Feedback
from twin.core.layers import DataLayer
from twin.core.scene import Scene
from twin.io.export.glb import georeference, glb_bytes
from twin.io.export.output import Written, staged_folder
from twin.io.export.triangles import piece_of, ranges, sources_of
from twin.core.i18n import message

MAX_FEATURES = 1_000      # buildings per tile: ~1 MB of glTF each, a comfortable download
MAX_TRIANGLES = 60_000    # triangles per tile, for layers without features (terrain)


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
            raise TwinError(message("the scene origin {} cannot be placed on the globe from {}").format(
                                tuple(origin), scene.crs),
                            hint=message("check the scene's CRS and origin"))
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
    sources = sources_of(layers)
    frame = EnuFrame.at(scene)
    total = sum(len(s.tris) for s in sources)
    n_tris = n_features = n_files = n_bytes = 0
    with staged_folder(folder, force) as tmp:
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
                piece = piece_of(source, order[ranges(starts[idx], count[idx])], xyz, normals)
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
