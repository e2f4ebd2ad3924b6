"""A scene made around data files given directly (``twin render dtm.tif parcelles.json``).

Each file becomes the layer its content suggests: an elevation raster a terrain (an RGB
raster its texture), polygons with a height-like attribute LoD1 buildings, any other
vector a draped layer."""

from __future__ import annotations

from pathlib import Path

from twin.crs import DEFAULT_CRS
from twin.errors import DataError
from twin.geometry.heights import ALIASES
from twin.layers import BuildingsLayer, TerrainLayer, VectorLayer
from twin.registry import registry
from twin.scene import Scene

_HEIGHT_FIELDS = {alias for key in ("hauteur", "altitude_maximale_toit", "nombre_d_etages")
                  for alias in ALIASES[key]}


def scene_from_files(paths: list[str | Path], crs: str = DEFAULT_CRS) -> Scene:
    paths = [Path(p).resolve() for p in paths]
    scene = Scene(name=", ".join(p.name for p in paths)[:80], crs=crs)
    images: list[Path] = []
    terrains: list[TerrainLayer] = []
    for path in paths:
        info = registry().find(path).info(path)
        if info.kind == "raster" and info.details.get("role") == "image":
            images.append(path)
        elif info.kind == "raster":
            terrains.append(scene.add_layer(TerrainLayer(path.stem, source=path)))
        elif info.kind == "vector":
            fields = {f.lower() for f in info.details.get("fields", [])}
            polygons = "polygon" in str(info.details.get("geometry_type", "")).lower()
            cls = BuildingsLayer if polygons and fields & _HEIGHT_FIELDS else VectorLayer
            scene.add_layer(cls(path.stem, source=path))
        else:
            raise DataError(f"{info.kind} files cannot be shown yet", path=path)
    for image in images:
        if terrains and terrains[0].texture is None:
            terrains[0].texture = image
        else:
            raise DataError("is an image; give it together with a DTM to drape it on the terrain",
                            path=image)
    return scene
