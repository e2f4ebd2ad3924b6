"""The real rasters of ../shared/data/dtm reshaped as IGN delivers them: cut into tiles,
converted to JPEG 2000 with or without georeferencing, listed in a VRT."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import rasterio
from rasterio.errors import NotGeoreferencedWarning
from rasterio.windows import Window

DTM = "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif"
DSM = "dtm/ldm__DSM_test_data_77055_627760_LA93_IGN69_50CM.tif"
ORTHO = "dtm/ignpdaltools__ortho_test_data_rgb.tif"


def split(src: Path, folder: Path, n: int = 2, crs=None, prefix: str = "tile") -> list[Path]:
    """``src`` cut into n × n tiles (rasterio windows), written as GeoTIFFs into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    with rasterio.open(src) as ds:
        rows = np.linspace(0, ds.height, n + 1).astype(int)
        cols = np.linspace(0, ds.width, n + 1).astype(int)
        for j in range(n):
            for i in range(n):
                window = Window(cols[i], rows[j], cols[i + 1] - cols[i], rows[j + 1] - rows[j])
                profile = dict(ds.profile, width=int(window.width), height=int(window.height),
                               transform=ds.window_transform(window))
                if crs is not None:
                    profile["crs"] = crs
                path = folder / f"{prefix}_{j}_{i}.tif"
                with rasterio.open(path, "w", **profile) as out:
                    out.write(ds.read(window=window))
                paths.append(path)
    return paths


def to_jp2(src: Path, out: Path, georeferenced: bool = True, world_file: bool = False,
           lossless: bool = True, crs: str = "EPSG:2154") -> Path:
    """``src`` as a JPEG 2000 in ``crs`` (BD ORTHO's Lambert-93: the test ortho's own tag
    names no datum); without georeferencing the placement can go to a .j2w."""
    with rasterio.open(src) as ds:
        data, transform = ds.read(), ds.transform
    profile = dict(driver="JP2OpenJPEG", width=data.shape[2], height=data.shape[1], count=data.shape[0],
                   dtype=data.dtype)
    if georeferenced:
        profile.update(crs=crs, transform=transform)
    if lossless:
        profile.update(QUALITY=100, REVERSIBLE="YES")
    out.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        with rasterio.open(out, "w", **profile) as dst:
            dst.write(data)
    for aux in out.parent.glob(out.name + ".aux.xml"):
        aux.unlink()
    if world_file:   # the world file names the centre of the first pixel
        t = transform
        out.with_suffix(".j2w").write_text(f"{t.a}\n0\n0\n{t.e}\n{t.c + t.a / 2}\n{t.f + t.e / 2}\n")
    return out


def vrt(tiles: list[Path], out: Path) -> Path:
    """A GDAL VRT mosaic of single-band tiles, written as GDAL writes them."""
    with rasterio.open(tiles[0]) as first:
        res, crs, dtype, nodata = first.res, first.crs, first.dtypes[0], first.nodata
    boxes = []
    for path in tiles:
        with rasterio.open(path) as ds:
            boxes.append((ds.bounds, ds.width, ds.height))
    left = min(b.left for b, _, _ in boxes)
    top = max(b.top for b, _, _ in boxes)
    width = int(round((max(b.right for b, _, _ in boxes) - left) / res[0]))
    height = int(round((top - min(b.bottom for b, _, _ in boxes)) / res[1]))
    sources = "".join(
        f"""<ComplexSource><SourceFilename relativeToVRT="1">{p.name}</SourceFilename><SourceBand>1</SourceBand>
<SrcRect xOff="0" yOff="0" xSize="{w}" ySize="{h}"/>
<DstRect xOff="{round((b.left - left) / res[0])}" yOff="{round((top - b.top) / res[1])}" xSize="{w}" ySize="{h}"/>
<NODATA>{nodata}</NODATA></ComplexSource>""" for p, (b, w, h) in zip(tiles, boxes))
    out.write_text(f"""<VRTDataset rasterXSize="{width}" rasterYSize="{height}">
<SRS>{crs.to_wkt()}</SRS>
<GeoTransform>{left}, {res[0]}, 0, {top}, 0, {-res[1]}</GeoTransform>
<VRTRasterBand dataType="{dtype.capitalize()}" band="1"><NoDataValue>{nodata}</NoDataValue>
{sources}</VRTRasterBand></VRTDataset>""")
    return out


def heights(src: Path) -> np.ndarray:
    """The raster's band with its nodata as NaN."""
    with rasterio.open(src) as ds:
        return ds.read(1, masked=True).astype(np.float32).filled(np.nan)
