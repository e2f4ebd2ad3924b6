"""``kind = "model"``: a CityJSON city model or an architect's mesh. Map coordinates are
reprojected when read; the chosen level of detail is triangulated, placed in the scene and
coloured by semantics (roof, wall, ground...), by the file's own materials, or by object
type, with each triangle knowing its object for picking."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from twin.core.crs import crs_name, transform_xy
from twin.core.data import SEMANTICS, MeshModel, VectorTable
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.geometry.ground import Ground
from twin.geometry.mesh import Mesh, fixed_cells
from twin.geometry.surfaces import triangulate
from twin.core.layers.model import ModelLayer, Placement
from twin.core.layers.style import hex_to_u8
from twin.core.scene import Scene
from twin.io.kinds.base import expect, read_file, source_crs
from twin.core.i18n import message

TYPE_COLORS = {   # CityGML/CityJSON object types, as planners' maps colour them
    "TINRelief": "#c8d1b4", "Road": "#b4b4b4", "Railway": "#9a9a9a", "TransportSquare": "#c4c4c4",
    "WaterBody": "#7fa8d1", "PlantCover": "#8fbf7a", "SolitaryVegetationObject": "#6f9f5a",
    "LandUse": "#d9d2b4", "Bridge": "#a0a0a0", "BridgePart": "#a0a0a0", "Tunnel": "#8a8a8a",
    "CityFurniture": "#7a7a8a", "GenericCityObject": "#c9b99a",
}
SEMANTIC_EXTRA = {"window": "#6e8fb0", "door": "#7a5230"}
ROOF_SLOPE = 0.7          # a face whose normal is this close to vertical counts as roof


@dataclass
class ModelData:
    table: VectorTable             # one row per object (id, type, attributes)
    mesh: Mesh                     # triangles; cell_data feature (object row), part (semantic), rgb
    bounds: tuple | None
    lods: list[str]                # the levels of detail in the file
    lod: str                       # what is shown ("finest" when each object shows its own)
    dropped: int = 0               # degenerate surfaces left out
    notes: list[str] = field(default_factory=list)
    raw: MeshModel | None = field(default=None, repr=False)   # to rebuild for another LoD or place
    ground: Ground | None = field(default=None, repr=False)
    key: tuple = ()                # (lod, placement, style) it was built with


def refresh_model(layer: ModelLayer, data: ModelData, scene: Scene) -> bool:
    """Rebuild in place when the layer's LoD, placement or style changed since (editing a
    placement in the app moves the model at once, without reading the file again)."""
    if _key(layer) == data.key or data.raw is None:
        return False
    new = build_model(layer, data.raw, scene, data.ground, Feedback())
    data.__dict__.update(new.__dict__)
    return True


def _key(layer: ModelLayer) -> tuple:
    return layer.lod, layer.effective_placement(), layer.style


def choose_surfaces(model: MeshModel, lod: str) -> tuple[list[tuple[str, np.ndarray]], str]:
    """(LoD, surface mask) pairs to draw: the asked LoD, or each object's finest."""
    if lod:
        if lod not in model.lods:
            raise DataError(message("has no LoD {!r}").format(lod), path=model.source,
                            hint=message("its levels of detail: {}").format(
                                     ', '.join(sorted(model.lods)) or 'none'))
        s = model.lods[lod]
        return [(lod, np.ones(len(s), bool))], lod
    order = sorted(model.lods, key=lambda name: (name != "", _lod_key(name)))   # "" (unknown) first, finest last
    finest = np.full(len(model.objects), -1)
    for rank, name in enumerate(order):
        finest[np.unique(model.lods[name].surface_object)] = rank
    picks = [(name, finest[model.lods[name].surface_object] == rank) for rank, name in enumerate(order)]
    return [(name, mask) for name, mask in picks if mask.any()], "finest"


def _lod_key(name: str) -> tuple:
    try:
        return tuple(int(p) for p in name.split("."))
    except ValueError:
        return (0,)


def place(xyz: np.ndarray, placement: Placement, scene: Scene, ground: Ground) -> np.ndarray:
    """Model coordinates → scene coordinates (up axis, scale, rotation, anchor)."""
    out = xyz.copy()
    if placement.up == "y":                        # glTF, most OBJ: (x, y up, z towards you)
        out = np.column_stack([xyz[:, 0], -xyz[:, 2], xyz[:, 1]])
    out *= float(placement.scale)
    a = np.radians(placement.rotation)
    c, s = np.cos(a), np.sin(a)
    out[:, :2] = out[:, :2] @ np.array([[c, s], [-s, c]])
    ax, ay = placement.anchor[0], placement.anchor[1]
    if placement.crs:
        ax, ay = (float(v) for v in transform_xy(ax, ay, placement.crs, scene.crs))
    az = placement.anchor[2] if len(placement.anchor) == 3 else float(ground.sample([ax], [ay])[0]) - out[:, 2].min()
    return out + np.array([ax, ay, az])


def _colors(model: MeshModel, layer: ModelLayer, tri: np.ndarray, semantic: np.ndarray,
            obj: np.ndarray, face_rgb: np.ndarray | None) -> np.ndarray:
    style = layer.style
    wall, roof, ground = hex_to_u8(style.color), hex_to_u8(style.roof_color), hex_to_u8(style.ground_color)
    rgb = np.tile(wall, (len(tri), 1))
    if style.color_by == "solid":
        return rgb
    types = model.objects["type"].astype(str).to_numpy()[obj]
    for name, color in TYPE_COLORS.items():
        rgb[types == name] = hex_to_u8(color)
    if face_rgb is not None:
        rgb = face_rgb.copy()
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    up = normal[:, 2] / np.maximum(np.linalg.norm(normal, axis=1), 1e-12)
    building = np.isin(types, ["Building", "BuildingPart", "BuildingInstallation"])
    plain = semantic == 0
    rgb[plain & building & (up > ROOF_SLOPE)] = roof        # LoD1 has no semantics: roofs by slope
    for code, color in (("roof", roof), ("wall", wall), ("ground", ground),
                        *((k, hex_to_u8(v)) for k, v in SEMANTIC_EXTRA.items())):
        rgb[semantic == SEMANTICS.index(code)] = color
    return rgb


def build_model(layer: ModelLayer, model: MeshModel, scene: Scene, ground: Ground, fb: Feedback) -> ModelData:
    picks, shown = choose_surfaces(model, layer.lod)
    tris, semantic, obj, colors, dropped = [], [], [], [], 0
    closure = SEMANTICS.index("closure")
    for name, mask in picks:
        surfaces = model.lods[name]
        mask = mask & (surfaces.semantic != closure)     # closures seal solids; they are not walls
        tri, surface, lost = triangulate(model.vertices, surfaces, mask)
        dropped += lost
        tris.append(tri)
        semantic.append(surfaces.semantic[surface])
        obj.append(surfaces.surface_object[surface])
        if model.face_rgb is not None and name == "":
            colors.append(model.face_rgb[surface])
    tri = np.concatenate(tris) if tris else np.zeros((0, 3, 3))
    if not len(tri):
        raise DataError(message("has no surface with an area to draw"), path=layer.source,
                        hint=message("its surfaces may all be degenerate (no area) or closure surfaces"))
    semantic, obj = np.concatenate(semantic), np.concatenate(obj)
    face_rgb = np.concatenate(colors) if len(colors) == len(picks) and colors else None
    placement = layer.effective_placement()
    xyz = tri.reshape(-1, 3)
    if model.local:
        if not placement.placed:
            raise DataError(message("is a model in its own coordinates, with no place on the map"), path=layer.source,
                            hint=message("give the layer a placement (anchor = [x, y] in Lambert-93, "
                                         "rotation, scale, up) in the scene or the properties panel, or a "
                                         "sidecar {}.placement.toml").format(layer.source.name))
        xyz = place(xyz, placement, scene, ground)
    points = (xyz - np.asarray(scene.origin)).astype(np.float32)
    rgb = _colors(model, layer, tri, semantic, obj, face_rgb)
    mesh = Mesh(points=points, faces=fixed_cells(len(tri), 3),
                cell_data={"feature": obj.astype(np.int32), "part": semantic, "rgb": rgb})
    notes = list(model.warnings)
    if dropped:
        notes.append(f"{layer.source.name}: {dropped} degenerate surfaces (no area) left out")
    for note in notes:
        fb.warn(note)
    return ModelData(VectorTable(model.objects, scene.crs, source=layer.source), mesh,
                     mesh.bounds(scene.origin), sorted(model.lods, key=_lod_key), shown, dropped, notes,
                     model, ground, _key(layer))


def read_model(layer: ModelLayer, scene: Scene, fb: Feedback) -> MeshModel:
    """Map coordinates (a CityJSON's CRS, or the layer's) into the scene's; heights kept.
    Model coordinates (a mesh, or anything given a placement) are placed when built."""
    _, raw = read_file(layer, Path(layer.source), fb)
    raw = expect(layer, raw, MeshModel)
    if raw.local or layer.effective_placement().placed:
        raw.local = True
        return raw
    src = source_crs(layer, raw.crs, scene, raw.bounds, fb)
    x, y = transform_xy(raw.vertices[:, 0], raw.vertices[:, 1], src, scene.crs)
    raw.vertices = np.column_stack([x, y, raw.vertices[:, 2]])
    raw.crs = crs_name(scene.crs)
    return raw


class ModelKind:
    ground = False
    concurrent = True      # read and built in a thread beside the other layers

    def read(self, layer: ModelLayer, scene: Scene, fb: Feedback) -> MeshModel:
        return read_model(layer, scene, fb)

    def build(self, layer: ModelLayer, raw: MeshModel, scene: Scene, ground: Ground, fb: Feedback) -> ModelData:
        return build_model(layer, raw, scene, ground, fb)
