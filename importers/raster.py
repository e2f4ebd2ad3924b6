"""DTM / DSM / orthophoto rasters: GeoTIFF and ESRI ASCII grids, through rasterio."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from twin.core.crs import crs_name
from twin.core.data import FileInfo, RasterGrid
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.io.sniff import head

# The grid we keep in memory for a terrain: 4 M cells (a 1 km tile at 0.5 m) is plenty
# for a view, and a bigger raster is read decimated through its overviews.
MAX_CELLS = 4_000_000
# IGN and ESRI nodata conventions that files sometimes use without declaring them.
UNDECLARED_NODATA = -9999.0


def _open(path: Path):
    import rasterio
    from rasterio.errors import RasterioIOError
    try:
        return rasterio.open(path)
    except RasterioIOError as exc:
        raise DataError(f"cannot be read as a raster ({_short(exc)})", path=path,
                        hint="the file may be truncated or corrupt; fetch it again") from None


def _short(exc: Exception) -> str:
    return str(exc).replace(str(exc).split(":")[0] + ":", "").strip()[:200] or type(exc).__name__


class RasterImporter:
    name = "raster"
    kind = "raster"
    suffixes = (".tif", ".tiff", ".asc")

    def sniff(self, path: Path) -> bool:
        data = head(path, 16)
        if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
            return True
        return path.suffix.lower() == ".asc" and data.lower().lstrip().startswith((b"ncols", b"nrows"))

    def info(self, path: Path) -> FileInfo:
        with _open(path) as ds:
            t = ds.transform
            return FileInfo(
                path=path, kind="raster", importer=self.name, count=ds.width * ds.height,
                crs=crs_name(ds.crs) if ds.crs else None,
                bounds=_ordered(ds.bounds),
                details={"width": ds.width, "height": ds.height, "bands": ds.count,
                         "dtype": ds.dtypes[0], "nodata": ds.nodata,
                         "resolution": [abs(t.a), abs(t.e)], "driver": ds.driver,
                         "role": "image" if ds.count >= 3 else "elevation",
                         "south_up": bool(t.e > 0)})

    def read(self, path: Path, feedback: Feedback | None = None, max_cells: int = MAX_CELLS) -> RasterGrid:
        from rasterio.enums import Resampling
        from rasterio.errors import RasterioError
        feedback = feedback or Feedback()
        with _open(path) as ds:
            scale = max(1.0, np.sqrt(ds.width * ds.height / max_cells))
            h, w = max(1, int(ds.height / scale)), max(1, int(ds.width / scale))
            if scale > 1:
                feedback.warn(f"{path.name}: {ds.width}×{ds.height} raster read at 1/{scale:.1f} "
                              f"resolution ({w}×{h}) to keep the view fluid")
            image = ds.count >= 3
            try:
                if image:
                    data = ds.read([1, 2, 3], out_shape=(3, h, w), resampling=Resampling.average)
                    values = np.moveaxis(_to_uint8(data), 0, -1)
                else:
                    band = ds.read(1, out_shape=(h, w), masked=True, resampling=Resampling.bilinear)
                    values = band.astype(np.float32).filled(np.nan)
            except RasterioError as exc:
                raise DataError(f"pixel data cannot be read ({_short(exc)})", path=path,
                                hint="the file is probably truncated; fetch it again") from None
            transform = ds.transform @ ds.transform.scale(ds.width / w, ds.height / h)
            crs = crs_name(ds.crs) if ds.crs else None
            declared_nodata = ds.nodata
        if not image:
            if declared_nodata is None and np.any(values <= UNDECLARED_NODATA):
                feedback.warn(f"{path.name}: values of {UNDECLARED_NODATA:g} found with no nodata "
                              f"declared; treated as nodata")
                values[values <= UNDECLARED_NODATA] = np.nan
            if not np.isfinite(values).any():
                raise DataError("holds no valid elevation (every cell is nodata)", path=path)
        if transform.e > 0:  # south-up: flip to north-up so every grid reads the same way
            from affine import Affine
            values = values[::-1].copy()
            transform = Affine(transform.a, transform.b, transform.c, transform.d, -transform.e,
                               transform.f + transform.e * values.shape[0])
        return RasterGrid(values=values, transform=transform, crs=crs, source=path)


def _ordered(b) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) even for south-up grids, whose rasterio bounds are flipped."""
    return (float(min(b.left, b.right)), float(min(b.bottom, b.top)),
            float(max(b.left, b.right)), float(max(b.bottom, b.top)))


def _to_uint8(data: np.ndarray) -> np.ndarray:
    if data.dtype == np.uint8:
        return data
    data = data.astype(np.float32)
    lo, hi = np.nanpercentile(data, [1, 99])
    return np.clip((data - lo) / max(hi - lo, 1e-9) * 255, 0, 255).astype(np.uint8)
