"""DTM / DSM / orthophoto rasters: GeoTIFF, ESRI ASCII grids, JPEG 2000 (BD ORTHO) and
GDAL VRT mosaics, through rasterio. Georeferencing missing from the file is completed
from the sidecars beside it (``twin.lod.rasters``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from twin.core.data import FileInfo, RasterGrid
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.io.sniff import head
from twin.lod.mosaic import UNDECLARED_NODATA
from twin.lod.rasters import open_tile, short_error
from twin.core.i18n import message

# The grid we keep in memory for a terrain: 4 M cells (a 1 km tile at 0.5 m) is plenty
# for a view, and a bigger raster is read decimated through its overviews.
MAX_CELLS = 4_000_000
JP2_MAGIC = (b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51")   # JP2 box, raw J2K codestream


class RasterImporter:
    name = "raster"
    kind = "raster"
    suffixes = (".tif", ".tiff", ".asc", ".jp2", ".j2k", ".vrt")

    def sniff(self, path: Path) -> bool:
        data = head(path, 64)
        if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+") or data.startswith(JP2_MAGIC):
            return True
        if path.suffix.lower() == ".vrt":
            return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<VRTDataset")
        return path.suffix.lower() == ".asc" and data.lower().lstrip().startswith((b"ncols", b"nrows"))

    def info(self, path: Path) -> FileInfo:
        tile = open_tile(path)
        t = tile.transform
        return FileInfo(
            path=path, kind="raster", importer=self.name, count=tile.width * tile.height,
            crs=tile.crs, bounds=tile.bounds,
            details={"width": tile.width, "height": tile.height, "bands": tile.count,
                     "dtype": tile.dtype, "nodata": tile.nodata,
                     "resolution": list(tile.resolution), "driver": tile.driver,
                     "georeferenced_by": tile.georeferenced_by,
                     "role": "image" if tile.is_image else "elevation",
                     "south_up": bool(t.e > 0)})

    def read(self, path: Path, feedback: Feedback | None = None, max_cells: int = MAX_CELLS) -> RasterGrid:
        import warnings

        import rasterio
        from rasterio.enums import Resampling
        from rasterio.errors import NotGeoreferencedWarning, RasterioError
        feedback = feedback or Feedback()
        tile = open_tile(path)          # a clear error when it cannot be opened or placed
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            ds = rasterio.open(path)
        with ds:
            scale = max(1.0, np.sqrt(ds.width * ds.height / max_cells))
            h, w = max(1, int(ds.height / scale)), max(1, int(ds.width / scale))
            if scale > 1:
                feedback.warn(message("{}: {}×{} raster read at 1/{:.1f} "
                                      "resolution ({}×{}) to keep the view fluid").format(
                    path.name, ds.width, ds.height, scale, w, h))
            image = ds.count >= 3
            try:
                if image:
                    data = ds.read([1, 2, 3], out_shape=(3, h, w), resampling=Resampling.average)
                    values = np.moveaxis(_to_uint8(data), 0, -1)
                else:
                    band = ds.read(1, out_shape=(h, w), masked=True, resampling=Resampling.bilinear)
                    values = band.astype(np.float32).filled(np.nan)
            except RasterioError as exc:
                raise DataError(message("pixel data cannot be read ({})").format(short_error(exc)), path=path,
                                hint=message("the file is probably truncated; fetch it again")) from None
            transform = tile.transform @ tile.transform.scale(ds.width / w, ds.height / h)
            crs = tile.crs
            declared_nodata = ds.nodata
        if not image:
            if declared_nodata is None and np.any(values <= UNDECLARED_NODATA):
                feedback.warn(message("{}: values of {:g} found with no nodata "
                                      "declared; treated as nodata").format(path.name, UNDECLARED_NODATA))
                values[values <= UNDECLARED_NODATA] = np.nan
            if not np.isfinite(values).any():
                raise DataError(message("holds no valid elevation (every cell is nodata)"), path=path)
        if transform.e > 0:  # south-up: flip to north-up so every grid reads the same way
            from affine import Affine
            values = values[::-1].copy()
            transform = Affine(transform.a, transform.b, transform.c, transform.d, -transform.e,
                               transform.f + transform.e * values.shape[0])
        return RasterGrid(values=values, transform=transform, crs=crs, source=path)


def _to_uint8(data: np.ndarray) -> np.ndarray:
    if data.dtype == np.uint8:
        return data
    data = data.astype(np.float32)
    lo, hi = np.nanpercentile(data, [1, 99])
    return np.clip((data - lo) / max(hi - lo, 1e-9) * 255, 0, 255).astype(np.uint8)
