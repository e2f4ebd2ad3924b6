"""Raster tiles as delivered (GeoTIFF, ESRI ASCII, JPEG 2000, VRT), opened with their
georeferencing completed from what lies beside them.

GDAL itself reads GeoTIFF tags, a JPEG 2000's GeoJP2/GMLJP2 boxes, world files (.j2w,
.wld, .tfw) and .aux.xml. It does not take the placement from a MapInfo ``.tab`` beside a
JPEG 2000, nor a CRS from a ``.prj`` beside an image: both are shipped with orthophotos
and read here. A tile in another CRS than the scene's is read through a GDAL warped
VRT, so windowed reads keep working. Reads happen in worker threads: every thread keeps
its own dataset handles (GDAL handles must not be shared between threads)."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from twin.core.crs import crs_name
from twin.core.errors import DataError
from twin.core.i18n import message

RASTER_SUFFIXES = (".tif", ".tiff", ".asc", ".jp2", ".j2k", ".vrt")
_HANDLES_PER_THREAD = 24


def short_error(exc: Exception) -> str:
    """GDAL's message without its repeated file name prefix."""
    text = str(exc)
    return text.replace(text.split(":")[0] + ":", "").strip()[:200] or type(exc).__name__


@dataclass(frozen=True)
class RasterTile:
    """One raster file: its grid (``transform`` may be south-up) and how it is read."""

    path: Path
    width: int
    height: int
    count: int
    dtype: str
    transform: object              # affine.Affine, completed from sidecars when needed
    crs: str | None
    nodata: float | None
    driver: str
    georeferenced_by: str          # "file" | "world file" | ".tab"
    overviews: int = 0
    # read through a GDAL warped VRT: (scene CRS, the file's CRS and transform, the
    # warped grid's transform, width and height)
    warp: tuple | None = None

    @property
    def is_image(self) -> bool:
        return self.count >= 3

    @property
    def resolution(self) -> tuple[float, float]:
        return abs(self.transform.a), abs(self.transform.e)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(minx, miny, maxx, maxy), ordered even for south-up grids."""
        t = self.transform
        xs, ys = (t.c, t.c + t.a * self.width), (t.f, t.f + t.e * self.height)
        return min(xs), min(ys), max(xs), max(ys)

    def reprojected(self, crs: str) -> "RasterTile":
        """This tile seen in ``crs``: GDAL warps what each window read needs."""
        from rasterio.warp import calculate_default_transform
        left, bottom, right, top = self.bounds
        transform, width, height = calculate_default_transform(
            self.crs, crs, self.width, self.height, left=left, bottom=bottom, right=right, top=top)
        warp = (crs, self.crs, self.transform, transform, width, height)
        return replace(self, width=width, height=height, transform=transform, crs=crs_name(crs),
                       warp=warp, overviews=0)

    def dataset(self):
        """This thread's open handle (a warped VRT for a reprojected tile)."""
        cache = getattr(_local, "handles", None)
        if cache is None:
            cache = _local.handles = OrderedDict()
        key = (self.path, self.warp)
        if key in cache:
            cache.move_to_end(key)
            return cache[key][-1]
        ds = _open(self.path)
        opened = [ds]
        if self.warp is not None:
            from rasterio.vrt import WarpedVRT
            opened.append(WarpedVRT(ds, **_warp_args(self.warp)))
        cache[key] = opened
        while len(cache) > _HANDLES_PER_THREAD:
            for handle in reversed(cache.popitem(last=False)[1]):
                handle.close()
        return opened[-1]


def _warp_args(warp: tuple) -> dict:
    from rasterio.enums import Resampling
    crs, src_crs, src_transform, transform, width, height = warp
    return {"crs": crs, "src_crs": src_crs, "src_transform": src_transform, "transform": transform,
            "width": width, "height": height, "resampling": Resampling.bilinear}


_local = threading.local()


def forget_handles(path: Path) -> None:
    """Close this thread's handles on ``path`` (a tile found unreadable)."""
    cache = getattr(_local, "handles", None) or {}
    for key in [k for k in cache if k[0] == path]:
        for handle in reversed(cache.pop(key)):
            handle.close()


def _open(path: Path):
    import rasterio
    from rasterio.errors import RasterioIOError
    try:
        return rasterio.open(path)
    except RasterioIOError as exc:
        raise DataError(message("cannot be read as a raster ({})").format(short_error(exc)), path=path,
                        hint=message("the file may be truncated or corrupt; fetch it again")) from None


def open_tile(path: str | Path) -> RasterTile:
    """The tile's grid and CRS, from the file or the sidecars beside it; a clear error
    when it has no georeferencing at all or a rotated grid."""
    import warnings

    from rasterio.errors import NotGeoreferencedWarning
    path = Path(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        with _open(path) as ds:
            transform, crs, how = _georeference(path, ds)
            tile = RasterTile(path=path, width=ds.width, height=ds.height, count=ds.count,
                              dtype=ds.dtypes[0], transform=transform, crs=crs, nodata=ds.nodata,
                              driver=ds.driver, georeferenced_by=how,
                              overviews=len(ds.overviews(1)) if ds.count else 0)
    if tile.transform.b or tile.transform.d:
        raise DataError(message("is a rotated grid, which twin cannot show"), path=path,
                        hint=message("warp it to a north-up grid first (gdalwarp)"))
    if tile.count == 0:
        raise DataError(message("holds no raster band"), path=path)
    return tile


def _georeference(path: Path, ds):
    """(transform, crs, how the placement was found)."""
    from affine import Affine
    transform, crs = ds.transform, crs_name(ds.crs) if ds.crs else None
    how = "file"
    if transform == Affine.identity():
        gcps, gcp_crs = ds.gcps
        if gcps:
            from rasterio.transform import from_gcps
            transform, crs = from_gcps(gcps), crs or (crs_name(gcp_crs) if gcp_crs else None)
        else:
            tab = _read_tab(path)
            if tab is None:
                raise DataError(
                    message("has no georeferencing: no coordinates in the file and no world file ({}) or "
                            "MapInfo .tab beside it").format(_world_names(path)), path=path,
                    hint=message("put the world file delivered with the tile beside it (same name), or "
                                 "export the image again with its georeferencing"))
            transform, tab_crs = tab
            crs, how = crs or tab_crs, ".tab"
    elif any(Path(f).suffix.lower() in _WORLD_SUFFIXES for f in ds.files):
        how = "world file"
    return transform, crs or _prj_crs(path), how


_WORLD_SUFFIXES = (".j2w", ".jgw", ".wld", ".tfw", ".tifw")


def _world_names(path: Path) -> str:
    s = path.suffix.lower()
    first_last = f".{s[1]}{s[-1]}w" if len(s) >= 3 else ".wld"
    return ", ".join(dict.fromkeys((first_last, ".wld")))


def _prj_crs(path: Path) -> str | None:
    """The CRS of an ESRI .prj beside the file (GDAL reads one only for some formats)."""
    for prj in (path.with_suffix(".prj"), path.with_suffix(".PRJ")):
        if prj.is_file():
            try:
                return crs_name(prj.read_text(errors="replace").strip())
            except ValueError:
                return None
    return None


_POINT = re.compile(r"\(\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*\)\s*\(\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*\)")
# MapInfo "CoordSys Earth Projection <type>, <datum>, ..." of the systems French data uses
_MAPINFO = {(3, 33): "EPSG:2154", (1, 33): "EPSG:4171", (1, 104): "EPSG:4326"}


def _read_tab(path: Path):
    """(transform, crs) from a MapInfo .tab's control points (pixel corners, as GDAL
    reads them for the formats it supports); None when there is no usable .tab."""
    tab = next((p for p in (path.with_suffix(".tab"), path.with_suffix(".TAB")) if p.is_file()), None)
    if tab is None:
        return None
    text = tab.read_text(errors="replace")
    pts = np.array([[float(v) for v in m.groups()] for m in _POINT.finditer(text)])
    if len(pts) < 3:
        raise DataError(message("its MapInfo file {} has {} control points; 3 are needed").format(
                            tab.name, len(pts)),
                        path=path, hint=message("give the image a world file (.j2w) instead"))
    design = np.column_stack([pts[:, 2], pts[:, 3], np.ones(len(pts))])
    (a, b, c), _, rank, _ = np.linalg.lstsq(design, pts[:, 0], rcond=None)
    (d, e, f), _, _, _ = np.linalg.lstsq(design, pts[:, 1], rcond=None)
    if rank < 3:
        raise DataError(message("the control points of {} are aligned: they do not place the image").format(
                            tab.name),
                        path=path, hint=message("give the image a world file (.j2w) instead"))
    from affine import Affine
    scale = max(abs(a), abs(e))
    b, d = (0.0 if abs(v) < 1e-9 * scale else v for v in (b, d))   # least-squares noise
    found = re.search(r"CoordSys\s+Earth\s+Projection\s+(\d+)\s*,\s*(\d+)", text, re.IGNORECASE)
    crs = _MAPINFO.get((int(found.group(1)), int(found.group(2)))) if found else None
    return Affine(a, b, c, d, e, f), crs


def raster_files(source: str | Path, role: str | None = None) -> list[Path]:
    """The raster tiles a source names: one file, a folder (the rasters in it) or a glob
    such as ``mnt/*.tif``; sorted. ``role`` ("elevation" or "image") keeps, in a folder
    or a glob, only the rasters of that kind (a folder may hold the DTM and the ortho)."""
    source = Path(source)
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() in RASTER_SUFFIXES)
    elif any(ch in source.name for ch in "*?["):
        files = sorted(p for p in source.parent.glob(source.name)
                       if p.is_file() and p.suffix.lower() in RASTER_SUFFIXES)
    else:
        return [source]
    if role is None:
        return files
    return [p for p in files if _band_role(p) in (role, None)]


def _band_role(path: Path) -> str | None:
    """"image" (3 bands or more), "elevation", or None when unreadable (kept, so that its
    error is reported with the others')."""
    import warnings

    import rasterio
    from rasterio.errors import NotGeoreferencedWarning, RasterioIOError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            with rasterio.open(path) as ds:
                return "image" if ds.count >= 3 else "elevation"
    except RasterioIOError:
        return None


def is_tile_set(source: str | Path) -> bool:
    """A folder, a glob or a VRT: several tiles shown as one."""
    source = Path(source)
    return source.is_dir() or any(ch in source.name for ch in "*?[") or source.suffix.lower() == ".vrt"


def check_same_crs(tiles: list[RasterTile]) -> str | None:
    """The tiles' common CRS (None when none says one); a DataError naming the odd tiles
    when they disagree."""
    from twin.core.crs import same_crs
    said = [t for t in tiles if t.crs is not None]
    if not said:
        return None
    groups: list[list[RasterTile]] = []
    for tile in said:
        group = next((g for g in groups if same_crs(g[0].crs, tile.crs)), None)
        if group is None:
            groups.append([tile])
        else:
            group.append(tile)
    if len(groups) == 1:
        return said[0].crs
    groups.sort(key=len, reverse=True)
    odd = [t for g in groups[1:] for t in g]
    names = ", ".join(f"{t.path.name} ({t.crs})" for t in odd[:8]) + (" …" if len(odd) > 8 else "")
    raise DataError(message("its tiles are in different CRSs: {}, the other {} in {}").format(
                        names, len(groups[0]), groups[0][0].crs), path=odd[0].path.parent,
                    hint=message("reproject the odd tiles into the others' CRS (gdalwarp), or give them as "
                                 "a layer of their own"))


def write_vrt(paths: list[Path], out: Path) -> Path:
    """A GDAL VRT mosaic of ``paths`` (north-up tiles of one CRS) at the finest tile's
    resolution: a subset of a folder's tiles as one source. Written aside, then renamed."""
    import os
    from xml.sax.saxutils import escape

    from rasterio.crs import CRS

    tiles = [open_tile(p) for p in paths]
    check_same_crs(tiles)
    if any(t.transform.e > 0 for t in tiles):
        raise DataError(message("holds south-up tiles, which a VRT mosaic cannot list"), path=paths[0].parent,
                        hint=message("give the folder of tiles instead"))
    first = tiles[0]
    res_x, res_y = float(min(t.resolution[0] for t in tiles)), float(min(t.resolution[1] for t in tiles))
    boxes = np.array([t.bounds for t in tiles])
    x0, y1 = float(boxes[:, 0].min()), float(boxes[:, 3].max())
    width = int(round((boxes[:, 2].max() - x0) / res_x))
    height = int(round((y1 - boxes[:, 1].min()) / res_y))
    dtype = {"uint8": "Byte", "uint16": "UInt16", "int16": "Int16", "int32": "Int32", "float32": "Float32",
             "float64": "Float64"}.get(first.dtype, "Float32")
    colours = ("Red", "Green", "Blue") if first.is_image else ("Gray",)
    bands = []
    for b, colour in enumerate(colours, start=1):
        sources = []
        for t in tiles:
            left, _, right, top = map(float, t.bounds)
            nodata = f"<NODATA>{t.nodata}</NODATA>" if t.nodata is not None else ""
            sources.append(
                f'<ComplexSource><SourceFilename relativeToVRT="0">{escape(str(Path(t.path).resolve()))}'
                f'</SourceFilename><SourceBand>{b}</SourceBand>'
                f'<SrcRect xOff="0" yOff="0" xSize="{t.width}" ySize="{t.height}"/>'
                f'<DstRect xOff="{(left - x0) / res_x!r}" yOff="{(y1 - top) / res_y!r}" '
                f'xSize="{(right - left) / res_x!r}" ySize="{t.height * t.resolution[1] / res_y!r}"/>'
                f'{nodata}</ComplexSource>')
        nodata = f"<NoDataValue>{first.nodata}</NoDataValue>" if first.nodata is not None else ""
        bands.append(f'<VRTRasterBand dataType="{dtype}" band="{b}">{nodata}<ColorInterp>{colour}</ColorInterp>'
                     + "".join(sources) + "</VRTRasterBand>")
    srs = f"<SRS>{escape(CRS.from_user_input(first.crs).to_wkt())}</SRS>" if first.crs else ""
    text = (f'<VRTDataset rasterXSize="{width}" rasterYSize="{height}">{srs}'
            f"<GeoTransform>{x0!r}, {res_x!r}, 0, {y1!r}, 0, {-res_y!r}</GeoTransform>"
            + "".join(bands) + "</VRTDataset>\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    aside = out.with_name(f".{out.name}.partial")
    aside.write_text(text, encoding="utf-8")
    os.replace(aside, out)
    return out
