"""A scene made around data files given directly (``twin render dtm.tif parcelles.json``).

Each file becomes the layer its content suggests: an elevation raster a terrain (an RGB
raster its texture), polygons with a height-like attribute LoD1 buildings, any other
vector a draped layer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from twin.core.crs import DEFAULT_CRS
from twin.core.data import FileInfo
from twin.core.errors import DataError
from twin.geometry.heights import ALIASES
from twin.core.layers import BuildingsLayer, DataLayer, ModelLayer, PointCloudLayer, TerrainLayer, VectorLayer
from twin.core.layers.base import POINT_SUFFIXES
from twin.io.registry import file_info
from twin.lod.rasters import raster_files
from twin.core.scene import Scene
from twin.core.i18n import message

_HEIGHT_FIELDS = {alias for key in ("hauteur", "altitude_maximale_toit", "nombre_d_etages")
                  for alias in ALIASES[key]}


def layer_for_file(path: Path, info: FileInfo) -> DataLayer | None:
    """The layer a file's content suggests; None for an image (it textures a terrain)."""
    if info.kind == "raster":
        return None if info.details.get("role") == "image" else TerrainLayer(path.stem, source=path)
    if info.kind == "vector":
        fields = {f.lower() for f in info.details.get("fields", [])}
        polygons = "polygon" in str(info.details.get("geometry_type", "")).lower()
        cls = BuildingsLayer if polygons and fields & _HEIGHT_FIELDS else VectorLayer
        several = len(info.details.get("layers") or ()) > 1      # BD TOPO's GeoPackage: its batiment
        return cls(path.name.split(".")[0], source=path, layer=info.details["layer"] if several else None)
    if info.kind == "pointcloud":
        return PointCloudLayer(path.name.split(".")[0], source=path)
    if info.kind == "mesh":
        return ModelLayer(path.name.split(".")[0], source=path)
    raise DataError(message("{} files cannot be shown yet").format(info.kind), path=path)


def merge_tiles(layers: list[DataLayer]) -> list[DataLayer]:
    """Point cloud tiles picked together become one layer sharing one budget, DTM tiles
    one seamless terrain: the folder when they are all the tiles of their kind in it,
    else each stays a layer of its own."""
    dtms = [layer for layer in layers if type(layer) is TerrainLayer]
    folder = _whole_folder([Path(layer.source) for layer in dtms], "elevation")
    if folder is not None:
        merged = TerrainLayer(f"{folder.name} ({len(dtms)} tiles)", source=folder)
        layers = [merged] + [layer for layer in layers if layer not in dtms]
    clouds = [layer for layer in layers if isinstance(layer, PointCloudLayer)]
    folders = {Path(layer.source).parent for layer in clouds}
    if len(clouds) < 2 or len(folders) != 1:
        return layers
    folder = folders.pop()
    if {Path(layer.source) for layer in clouds} != set(PointCloudLayer("", source=folder).files()):
        return layers
    merged = PointCloudLayer(f"{folder.name} ({len(clouds)} tiles)", source=folder)
    return [layer for layer in layers if layer not in clouds] + [merged]


def merge_images(images: list[Path]) -> list[Path]:
    """Orthophoto tiles picked together drape as one: their folder, when they are all the
    images in it."""
    folder = _whole_folder(images, "image")
    return [folder] if folder is not None else images


def _whole_folder(paths: list[Path], role: str) -> Path | None:
    folders = {path.parent for path in paths}
    if len(paths) < 2 or len(folders) != 1:
        return None
    folder = folders.pop()
    return folder if set(paths) == set(raster_files(folder, role)) else None


def scene_from_files(paths: list[str | Path], crs: str = DEFAULT_CRS) -> Scene:
    paths = [Path(p).resolve() for p in paths]
    scene = Scene(name=", ".join(p.name for p in paths)[:80], crs=crs)
    images: list[Path] = []
    layers: list[DataLayer] = []
    for path in paths:
        if path.is_dir():   # a folder of LiDAR tiles, or of DTM / orthophoto tiles
            tiles = PointCloudLayer(path.name, source=path)
            dtm, ortho = raster_files(path, "elevation"), raster_files(path, "image")
            if tiles.files():
                layers.append(tiles)
            elif dtm or ortho:
                layers += [TerrainLayer(path.name, source=path)] if dtm else []
                images += [path] if ortho else []
            else:
                raise DataError(message("holds no {} file nor raster tiles").format('/'.join(POINT_SUFFIXES)), path=path,
                                hint=message("give the data files themselves, or a folder of LiDAR, DTM or "
                                             "ortho tiles"))
            continue
        layer = layer_for_file(path, file_info(path))
        if layer is None:
            images.append(path)
        else:
            layers.append(layer)
    layers = merge_tiles(layers)
    images = merge_images(images)
    clouds = [layer for layer in layers if isinstance(layer, PointCloudLayer)]
    for layer in layers:
        if isinstance(layer, BuildingsLayer) and clouds:   # footprints given with LiDAR: it measures them
            layer.heights = replace(layer.heights, lidar=Path(clouds[0].source))
        scene.add_layer(layer)
    terrains = [layer for layer in scene.layers.leaves() if isinstance(layer, TerrainLayer)]
    for image in images:
        if terrains and terrains[0].texture is None:
            terrains[0].texture = image
        else:
            raise DataError(message("is an image; give it together with a DTM to drape it on the terrain"),
                            path=image)
    return scene


def load_scene_or_files(inputs: list[str], crs: str | None = None) -> Scene:
    """A scene file, or a scene made around data files (what ``twin open`` and ``render`` take)."""
    from twin.io.scene_file import load_scene
    if len(inputs) == 1 and inputs[0].lower().endswith(".toml"):
        return load_scene(inputs[0])
    return scene_from_files(inputs, crs=crs or "EPSG:2154")
