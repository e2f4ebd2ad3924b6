"""``kind = "terrain"``: a DTM (GeoTIFF, ESRI ASCII, JPEG 2000, VRT) meshed, draped with
an orthophoto when the layer names one. Tiles (a folder, a glob, a VRT) and rasters too
big for one mesh are read as one seamless terrain drawn by chunks that refine near the
camera (``twin.io.kinds.terrain_tiles``). The ground kind: read and built first, the others
stand on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from twin.core.data import RasterGrid
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.layers import TerrainLayer
from twin.core.scene import Scene
from twin.geometry.mesh import Mesh
from twin.geometry.terrain import terrain_mesh
from twin.io.kinds.base import FileKind, read_source
from twin.io.kinds.terrain_tiles import TerrainTiles, read_terrain_tiles, terrain_stream, wants_tiles
from twin.core.i18n import message


@dataclass
class TerrainData:
    grid: RasterGrid
    mesh: Mesh
    texture: RasterGrid | None
    bounds: tuple
    stream: Any = None     # twin.lod.terrain.TerrainStream: chunks that refine near the camera


def build_terrain(layer: TerrainLayer, grid: RasterGrid | TerrainTiles, scene: Scene, fb: Feedback) -> TerrainData:
    if isinstance(grid, TerrainTiles):   # drawn by chunks; the overview's mesh serves export
        mesh = terrain_mesh(grid.grid, scene.origin)
        return TerrainData(grid=grid.grid, mesh=mesh, texture=None, bounds=mesh.bounds(scene.origin),
                           stream=terrain_stream(layer, grid, scene, fb))
    if grid.is_image:
        raise DataError(message("is an image (3 bands), not an elevation model"), path=layer.source,
                        hint=message("use it as the terrain's texture, over a DTM"))
    texture = None
    if layer.texture is not None:
        texture = read_source(layer, scene, fb, layer.texture)
        if not texture.is_image:
            raise DataError(message("is not an RGB image, so it cannot texture the terrain"), path=layer.texture)
    mesh = terrain_mesh(grid, scene.origin, texture)
    return TerrainData(grid=grid, mesh=mesh, texture=texture, bounds=mesh.bounds(scene.origin))


class TerrainKind(FileKind):
    ground = True
    concurrent = True      # read and built in a thread beside the other layers
    takes = RasterGrid

    def read(self, layer: TerrainLayer, scene: Scene, fb: Feedback):
        if wants_tiles(layer):
            return read_terrain_tiles(layer, scene, fb)
        return super().read(layer, scene, fb)

    def build(self, layer: TerrainLayer, raw: RasterGrid | TerrainTiles, scene: Scene, ground,
              fb: Feedback) -> TerrainData:
        return build_terrain(layer, raw, scene, fb)
