"""``kind = "raster-drape"``: a single-band raster of values (a viewshed, hours of sun)
read with rasterio and laid on the scene's ground, one vertex per cell centre."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twin.core.crs import same_crs
from twin.core.data import RasterGrid
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.scene import Scene
from twin.core.i18n import message

MAX_CELLS = 4_000_000      # beyond, every k-th row and column: a drape need not be finer than the view
LIFT_M = 0.3               # above the terrain, under the draped vectors' labels


@dataclass
class DrapeData:
    grid: RasterGrid            # the values read (NaN: no data)
    xyz: np.ndarray             # (H, W, 3) float32 cell centres on the ground, relative to the origin
    values: np.ndarray          # (H, W) float32


class RasterDrapeKind:
    ground = False
    concurrent = True

    def read(self, layer, scene: Scene, fb: Feedback) -> RasterGrid:
        import rasterio
        from rasterio.enums import Resampling
        path = layer.source
        try:
            ds = rasterio.open(path)
        except (rasterio.errors.RasterioError, OSError) as exc:
            raise DataError(message("cannot be read as a raster ({})").format(exc), path=path,
                            hint=message("a drape is a single-band GeoTIFF of values")) from None
        with ds:
            crs = ds.crs.to_string() if ds.crs else None
            if crs is not None and not same_crs(crs, scene.crs):
                raise DataError(message("is in {}, the scene in {}").format(crs, scene.crs), path=path,
                                hint=message("reproject it to the scene's CRS (gdalwarp -t_srs)"))
            k = max(1, int(np.ceil(np.sqrt(ds.width * ds.height / MAX_CELLS))))
            if k > 1:
                fb.warn(message("{}: {}×{} cells, draped 1 in {} along each axis").format(
                    path.name, ds.width, ds.height, k))
            shape = (max(1, ds.height // k), max(1, ds.width // k))
            band = ds.read(1, out_shape=shape, masked=True, resampling=Resampling.nearest)
            values = band.astype(np.float32).filled(np.nan)
            transform = ds.transform * ds.transform.scale(ds.width / shape[1], ds.height / shape[0])
        return RasterGrid(values, transform, crs or scene.crs, path)

    def build(self, layer, grid: RasterGrid, scene: Scene, ground, fb: Feedback) -> DrapeData:
        xs, ys = grid.cell_centres()
        gx, gy = np.meshgrid(xs, ys)
        z = ground.sample(gx.ravel(), gy.ravel()).reshape(gx.shape) + LIFT_M
        origin = np.asarray(scene.origin or (0.0, 0.0, 0.0), float)
        xyz = np.stack([gx - origin[0], gy - origin[1], z - origin[2]], axis=-1).astype(np.float32)
        values = grid.values.astype(np.float32)
        if layer.hide_below is not None:
            values = np.where(values < layer.hide_below, np.nan, values)
        return DrapeData(grid, xyz, values)
