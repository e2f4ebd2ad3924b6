"""A ready scene from a folder of a commune's files, in one step (``twin build-scene``).

Each file is recognised by what its importer sees, not by its name alone: LiDAR tiles
become one point cloud layer, elevation rasters the terrain (an orthophoto its texture),
BD TOPO BATIMENT (with HAUTEUR) LoD1 buildings, Etalab ``batiments`` buildings whose heights
the LiDAR measures, Etalab ``parcelles`` the draped parcels, CityJSON and placed meshes
model layers, any other vector a draped layer. Files that cannot be used are listed
with the reason, never silently dropped. Bookmarks are framed on the loaded terrain."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from twin.core.camera import Bookmark, View
from twin.core.crs import DEFAULT_CRS, transform_boxes
from twin.core.data import FileInfo
from twin.core.errors import DataError, TwinError, UnsupportedFileError
from twin.core.feedback import Feedback
from twin.geometry.heights import ALIASES
from twin.core.layers import (
    BuildingsLayer, HeightRule, LayerGroup, ModelLayer, PointCloudLayer, TerrainLayer, VectorLayer,
)
from twin.core.layers.model import read_sidecar
from twin.core.layers.style import BuildingStyle, TerrainStyle, VectorStyle
from twin.io.registry import file_info
from twin.core.scene import Scene

IGNORED = {".prj", ".dbf", ".shx", ".cpg", ".qix", ".sbn", ".sbx", ".xml", ".aux", ".md", ".txt", ".pdf",
           ".jpg", ".jpeg", ".png", ".mtl", ".toml", ".db", ".db-wal", ".db-shm", ".zip", ".qmd", ".ovr"}
_HEIGHTS = {alias.lower() for key in ("hauteur", "altitude_maximale_toit") for alias in ALIASES[key]}


@dataclass
class Found:
    path: Path
    role: str                  # lidar | dtm | ortho | parcels | buildings | footprints | model | vector | skipped
    info: FileInfo | None = None
    reason: str = ""


def classify(path: Path) -> Found:
    """What a file is for, from its content (``twin info``) and, to tell cadastre layers
    apart, its name and fields."""
    try:
        info = file_info(path)
    except UnsupportedFileError as exc:
        table = path.suffix.lower() in (".csv", ".parquet", ".xlsx")
        return Found(path, "skipped", reason="a table, not a map layer (a table of readings or counts goes in a "
                                             "sensors, footfall or consumption layer)" if table else exc.what)
    except TwinError as exc:
        return Found(path, "skipped", reason=exc.what)
    if info.kind == "pointcloud":
        return Found(path, "lidar", info)
    if info.kind == "raster":
        return Found(path, "ortho" if info.details.get("role") == "image" else "dtm", info)
    if info.kind == "mesh":
        if info.crs is None and info.importer != "cityjson" and read_sidecar(path) is None:
            return Found(path, "skipped", info, "a model in its own coordinates: give it a "
                                                 f"{path.name}.placement.toml sidecar (anchor, rotation, up)")
        return Found(path, "model", info)
    fields = {f.lower() for f in info.details.get("fields", [])}
    polygons = "polygon" in str(info.details.get("geometry_type", "")).lower()
    name = path.stem.lower()
    if polygons and fields & _HEIGHTS:
        return Found(path, "buildings", info)
    if polygons and ("batiment" in name or "building" in name):
        return Found(path, "footprints", info)
    if polygons and ("parcelle" in name or {"section", "numero"} <= fields):
        return Found(path, "parcels", info)
    return Found(path, "vector", info)


def survey(folder: Path) -> list[Found]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    found = []
    for path in files:
        suffixes = "".join(path.suffixes[-2:]).lower()
        if path.suffix.lower() in IGNORED or suffixes.endswith(".aux.xml"):
            continue
        found.append(classify(path))
    return found


def lidar_sources(tiles: list[Path]) -> list[Path]:
    """One source per folder of tiles: the folder (every LAS/LAZ in it is a tile, since
    the survey saw them all), or the file when it is alone. Largest first."""
    folders: dict[Path, list[Path]] = {}
    for tile in tiles:
        folders.setdefault(tile.parent, []).append(tile)
    groups = sorted(folders.values(), key=len, reverse=True)
    return [group[0] if len(group) == 1 else group[0].parent for group in groups]


def _in_scene_crs(bounds, crs: str | None, scene_crs: str):
    if bounds is None:
        return None
    if crs is None:
        return bounds
    lo, hi = transform_boxes([bounds[:2]], [bounds[2:]], crs, scene_crs)
    return (*lo[0], *hi[0])


def build_scene(folder: str | Path, crs: str = DEFAULT_CRS, name: str | None = None,
                feedback: Feedback | None = None) -> tuple[Scene, list[Found]]:
    """The scene for a commune's folder (paths absolute; ``save_scene`` makes them relative)."""
    fb = feedback or Feedback()
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise DataError("is not a folder", path=folder, hint="give the folder holding the commune's files")
    found = survey(folder)
    by_role: dict[str, list[Found]] = {}
    for f in found:
        by_role.setdefault(f.role, []).append(f)
    usable = [f for f in found if f.role != "skipped"]
    if not usable:
        raise DataError("holds no file twin can show", path=folder,
                        hint="expected LiDAR tiles, a DTM, cadastre or BD TOPO layers, CityJSON…")
    scene = Scene(name=name or folder.name, crs=crs)
    sources = lidar_sources([f.path for f in by_role.get("lidar", [])])

    base = LayerGroup("Fond")
    for i, f in enumerate(by_role.get("dtm", [])):
        base.append(TerrainLayer(f"Terrain — {f.path.stem}" if i else "Terrain", source=f.path,
                                 style=TerrainStyle(color="#c8d1b4")))
    terrains = list(base)
    for f in by_role.get("ortho", []):
        if terrains and terrains[0].texture is None:
            terrains[0].texture = f.path
        else:
            f.role, f.reason = "skipped", "an orthophoto with no terrain (DTM) to drape it on"
    if len(base):
        scene.add_layer(base)

    cadastre = LayerGroup("Cadastre")
    for f in by_role.get("parcels", []):
        cadastre.append(VectorLayer("Parcelles", source=f.path, style=VectorStyle(
            fill_color="#f2e6c9", fill_opacity=0.35, edge_color="#8a6d3b", line_width=1.0)))
    if len(cadastre):
        scene.add_layer(cadastre)

    rule = HeightRule(lidar=sources[0] if sources else None)    # measures what no attribute gives
    buildings = sorted(by_role.get("buildings", []), key=lambda f: -f.info.count)   # the town's own first
    footprints = by_role.get("footprints", [])
    for i, f in enumerate(buildings):
        scene.add_layer(BuildingsLayer("Bâtiments (LoD1)" if i == 0 else f"Bâtiments — {f.path.stem}",
                                       source=f.path, heights=rule, style=BuildingStyle()))
    for f in footprints:      # cadastre footprints: their heights come from the LiDAR when there is one
        layer = BuildingsLayer("Bâtiments (cadastre)", source=f.path, heights=rule, style=BuildingStyle())
        layer.visible = not buildings          # BD TOPO's, with measured heights, is better when both exist
        scene.add_layer(layer)

    models = [ModelLayer(f.path.name.split(".")[0], source=f.path) for f in by_role.get("model", [])]
    if models:
        group = LayerGroup("Maquettes 3D")
        for layer in models:
            group.append(layer)
        scene.add_layer(group)
    for f in by_role.get("vector", []):
        layer = VectorLayer(f.path.stem, source=f.path)
        layer.visible = False                  # context layers: shown on demand
        scene.add_layer(layer)
    for source in sources:
        cloud = PointCloudLayer(f"LiDAR — {source.name.split('.')[0]}", source=source)
        cloud.visible = not (buildings or footprints)     # heavy: shown on demand over a maquette
        scene.add_layer(cloud)

    _frame(scene, found, fb)
    return scene, found


def _frame(scene: Scene, found: list[Found], fb: Feedback) -> None:
    """Origin and bookmarks from the data's extent; heights from the terrain, loaded
    decimated (cheap), so that the views look at the ground and not below it."""
    import numpy as np
    from twin.io.loading import apply_results, load_scene_data
    boxes = []
    for roles in (("buildings", "footprints", "parcels", "model"), ("dtm",), ("lidar",), ("vector",)):
        boxes = [b for f in found if f.role in roles and f.info is not None
                 and (b := _in_scene_crs(f.info.bounds, f.info.crs, scene.crs)) is not None]
        if boxes:      # the town itself when there are buildings or parcels, else what there is
            break
    if not boxes:
        return
    boxes = np.asarray(boxes, float)
    focus = np.r_[boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)]
    scene.set_origin_from(*focus)
    terrains = [layer for layer in scene.data_layers() if isinstance(layer, TerrainLayer)]
    results = load_scene_data(scene, fb, terrains) if terrains else []
    apply_results(results)
    zs = [layer.data.grid.values for layer in terrains if layer.data is not None]
    finite = np.concatenate([z[np.isfinite(z)].ravel() for z in zs]) if zs else np.zeros(0)
    z0, z1 = (float(np.percentile(finite, 5)), float(np.percentile(finite, 95))) if len(finite) else (0.0, 30.0)
    box = (focus[0], focus[1], z0, focus[2], focus[3], z1 + 30)
    overview = View.looking_at(box)
    scene.camera.view = overview
    scene.add_bookmark(Bookmark("Vue d'ensemble", overview, "Toute la commune"))
    cx, cy = (focus[0] + focus[2]) / 2, (focus[1] + focus[3]) / 2
    side = max(min(focus[2] - focus[0], focus[3] - focus[1]) / 6, 150.0)
    scene.add_bookmark(Bookmark("Centre", View.looking_at((cx - side, cy - side, z0, cx + side, cy + side, z1 + 20),
                                                          elevation=30), "Le centre, à hauteur de toits"))
    scene.add_bookmark(Bookmark("Vue du nord", View.looking_at(box, azimuth=20.0, elevation=30.0)))
    for layer in terrains:      # the scene is a file to write, not a loaded scene
        layer.data = None


def report(found: list[Found], folder: Path) -> list[str]:
    lines = []
    for f in found:
        where = f.path.relative_to(folder) if f.path.is_relative_to(folder) else f.path
        lines.append(f"  {str(where):<48} {f.role}{f' — {f.reason}' if f.reason else ''}")
    return lines
