"""``kind = "terrain"``: a DTM (GeoTIFF, ESRI ASCII) meshed, draped with an orthophoto
when the layer names one. The ground kind: read and built first, the others stand on it."""

from __future__ import annotations

from dataclasses import dataclass

from twin.core.data import RasterGrid
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.layers import TerrainLayer
from twin.core.scene import Scene
from twin.geometry.mesh import Mesh
from twin.geometry.terrain import terrain_mesh
from twin.io.kinds.base import FileKind, read_source


@dataclass
class TerrainData:
    grid: RasterGrid
    mesh: Mesh
    texture: RasterGrid | None
    bounds: tuple


def build_terrain(layer: TerrainLayer, grid: RasterGrid, scene: Scene, fb: Feedback) -> TerrainData:
    if grid.is_image:
        raise DataError("is an image (3 bands), not an elevation model", path=layer.source,
                        hint="use it as the terrain's texture, over a DTM")
    texture = None
    if layer.texture is not None:
        texture = read_source(layer, scene, fb, layer.texture)
        if not texture.is_image:
            raise DataError("is not an RGB image, so it cannot texture the terrain", path=layer.texture)
    mesh = terrain_mesh(grid, scene.origin, texture)
    return TerrainData(grid=grid, mesh=mesh, texture=texture, bounds=mesh.bounds(scene.origin))


class TerrainKind(FileKind):
    ground = True
    takes = RasterGrid

    def build(self, layer: TerrainLayer, raw: RasterGrid, scene: Scene, ground, fb: Feedback) -> TerrainData:
        return build_terrain(layer, raw, scene, fb)
