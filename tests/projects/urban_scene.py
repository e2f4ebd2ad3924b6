"""A tiny loaded town for the urban projects tests: built in memory, no file read."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from affine import Affine

from twin.core.data import RasterGrid, VectorTable
from twin.geometry.mesh import Mesh
from twin.core.layers import BuildingsLayer, TerrainLayer, VectorLayer
from twin.io.kinds.buildings import BuildingsData
from twin.io.kinds.terrain import TerrainData
from twin.io.kinds.vector import VectorData
from twin.core.scene import Scene

CRS = "EPSG:2154"
X0, Y0 = 684000.0, 7021000.0          # the town's south-west corner; it covers 200 m × 200 m


def _empty_mesh() -> Mesh:
    return Mesh(points=np.zeros((0, 3), np.float32))


def buildings_frame(geoms, heights, ground, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"height": heights, "ground_z": ground, **columns}, geometry=list(geoms), crs=CRS)


def town(buildings: gpd.GeoDataFrame | None = None, parcels: gpd.GeoDataFrame | None = None,
         slope: float | None = 0.01, extra_vectors: dict | None = None) -> Scene:
    """A scene whose terrain rises ``slope`` m per m eastwards from z 50 at X0 (None: no
    terrain), with the given buildings and parcels layers already 'loaded'."""
    scene = Scene(name="Test town", crs=CRS, origin=(X0, Y0, 0.0))
    if slope is not None:
        xs = X0 + 1.0 + 2.0 * np.arange(100)
        values = np.tile(50.0 + slope * (xs - X0), (100, 1)).astype(np.float32)
        grid = RasterGrid(values, Affine(2.0, 0.0, X0, 0.0, -2.0, Y0 + 200.0), CRS)
        terrain = scene.add_layer(TerrainLayer("Terrain", source="dtm.tif"))
        terrain.data = TerrainData(grid=grid, mesh=_empty_mesh(), texture=None,
                                   bounds=(X0, Y0, 50.0, X0 + 200.0, Y0 + 200.0, 52.0))
    if buildings is None:
        buildings = buildings_frame(
            [shapely.box(X0 + 10, Y0 + 10, X0 + 20, Y0 + 20), shapely.box(X0 + 30, Y0 + 10, X0 + 40, Y0 + 22)],
            [9.0, 12.0], [50.1, 50.3], cleabs=["BAT1", "BAT2"])
    layer = scene.add_layer(BuildingsLayer("Bâtiments", source="bati.gpkg"))
    layer.data = BuildingsData(table=VectorTable(buildings, CRS), mesh=_empty_mesh(),
                               bounds=(*buildings.total_bounds[:2], 0.0, *buildings.total_bounds[2:], 30.0))
    for name, frame in {**({"Parcelles": parcels} if parcels is not None else {}), **(extra_vectors or {})}.items():
        vl = scene.add_layer(VectorLayer(name, source=f"{name}.json"))
        vl.data = VectorData(table=VectorTable(frame, CRS), drape=None,
                             bounds=(*frame.total_bounds[:2], 0.0, *frame.total_bounds[2:], 0.0))
    return scene


def parcels_frame(boxes, ids=None) -> gpd.GeoDataFrame:
    ids = ids or [f"62041000AB{i + 1:04d}" for i in range(len(boxes))]
    return gpd.GeoDataFrame({"id": ids, "section": ["AB"] * len(ids), "numero": [i[-4:] for i in ids]},
                            geometry=list(boxes), crs=CRS)
