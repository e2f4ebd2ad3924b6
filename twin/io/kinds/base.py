"""Reading a layer's file through the importer registry into the scene CRS: what the
kinds read by file (terrain, vector, buildings, plugins' kinds) share. A file without a
CRS is assumed in the scene's, with a warning saying so; a kind that gets data it cannot
show says which data and which kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from twin.core.crs import crs_name, is_geographic, parse_crs, same_crs
from twin.core.data import MeshModel, RasterGrid, VectorTable
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.layers import DataLayer
from twin.core.scene import Scene
from twin.io.registry import guarded, registry
from twin.core.i18n import message

KIND_HINT = "change the layer's kind in the scene, or pick another file"


def source_crs(layer: DataLayer, file_crs: str | None, scene: Scene, bounds, fb: Feedback) -> str:
    """The CRS of what was read: the layer's, else the file's, else the scene's (warned)."""
    if layer.crs:
        return layer.crs
    if file_crs is not None:
        return file_crs
    assumed = scene.crs
    note = ""
    if bounds is not None and np.all(np.abs(bounds) <= 180) and not is_geographic(assumed):
        note = " " + message("— but its coordinates look like longitude/latitude (set crs = \"EPSG:4326\")")
    fb.warn(message("{}: no CRS in the file; assumed {} (the scene's){}. "
                    "Set crs on the layer if this is wrong.").format(layer.source.name, assumed, note))
    return assumed


def read_file(layer: DataLayer, path: Path, fb: Feedback) -> tuple[Any, Any]:
    """The importer of ``path`` and what it reads, in the file's own CRS; a point cloud is
    refused before reading (it is costly to read, and only point cloud layers show one)."""
    importer = registry().find(path)
    if importer.kind == "pointcloud":
        raise DataError(message("is a point cloud, which a {} layer cannot show").format(layer.kind), path=path,
                        hint=message(KIND_HINT))
    options = layer.read_options() if path == Path(layer.source) else {}
    return importer, guarded(importer, "read", path, importer.read, path, fb, **options)


def read_source(layer: DataLayer, scene: Scene, fb: Feedback, path: Path | None = None):
    """One file of a layer (its source by default) as a raster or a vector table in the
    scene CRS."""
    path = Path(path or layer.source)
    importer, raw = read_file(layer, path, fb)
    if isinstance(raw, RasterGrid):
        src = source_crs(layer, raw.crs, scene, raw.bounds, fb)
        return reproject_raster(raw, src, scene.crs)
    if isinstance(raw, VectorTable):
        frame = raw.frame
        bounds = tuple(frame.total_bounds) if len(frame) else None
        src = source_crs(layer, raw.crs, scene, bounds, fb)
        frame = frame.set_crs(parse_crs(src), allow_override=True)
        if not same_crs(src, scene.crs):
            frame = frame.to_crs(parse_crs(scene.crs))
        raw.frame, raw.crs = frame, crs_name(scene.crs)
        if len(frame) == 0:
            fb.warn(message("{}: the layer is empty (0 features)").format(path.name))
        return raw
    if isinstance(raw, MeshModel):
        raise DataError(message("is a 3D model, which a {} layer cannot show").format(layer.kind), path=path,
                        hint=message("add it as a model layer (kind = \"model\"), or with File → Add data"))
    raise DataError(message("holds {} data, which a {} layer cannot show").format(importer.kind, layer.kind), path=path)


def join_table(layer: DataLayer, raw, fb: Feedback):
    """Join the layer's ``[layers.join]`` table to what was read (in the scene CRS), before
    anything is built from it, so heights and styles can use the joined columns. A join
    that fails fails the layer: never a half-joined layer."""
    join = getattr(layer, "join", None)
    if join is None or not isinstance(raw, VectorTable):
        return raw
    from twin.io.joins import apply_join
    frame, report = apply_join(raw.frame, join, raw.crs, source=layer.source)
    raw.frame = frame
    fb.warn(report.summary())
    return raw


def filter_table(layer: DataLayer, raw, scene: Scene):
    """Only the features where the layer's ``filter`` expression is TRUE (as QGIS's
    provider filter: the others are not loaded, drawn nor listed)."""
    text = getattr(layer, "filter", "")
    if not text or not isinstance(raw, VectorTable):
        return raw
    from twin.core.expressions import ExpressionError, parse
    try:
        keep = parse(text).mask(raw.frame, crs=scene.crs)
    except ExpressionError as exc:
        raise DataError(message("its filter is refused: {}").format(exc.message), path=layer.source,
                        hint=message("correct the filter in the layer's properties (or the scene file's "
                                     "'filter')")) from None
    raw.frame = raw.frame[keep].reset_index(drop=True)
    return raw


def read_layer(layer: DataLayer, scene: Scene, fb: Feedback):
    """A layer's source read as twin reads its own: in the scene CRS, its join applied,
    its filter kept to."""
    return filter_table(layer, join_table(layer, read_source(layer, scene, fb), fb), scene)


def expect(layer: DataLayer, raw, cls: type):
    """``raw`` when it is the data ``layer`` shows, else the error naming both."""
    if not isinstance(raw, cls):
        if isinstance(raw, RasterGrid):
            what = message("is a raster, which a {} layer cannot show").format(layer.kind)
        elif isinstance(raw, VectorTable):
            what = message("is a vector layer, which a {} layer cannot show").format(layer.kind)
        elif isinstance(raw, MeshModel):
            what = message("is a 3D model, which a {} layer cannot show").format(layer.kind)
        else:
            what = message("is {}, which a {} layer cannot show").format(type(raw).__name__, layer.kind)
        raise DataError(what, path=layer.source,
                        hint=message(KIND_HINT))
    return raw


def reproject_raster(grid: RasterGrid, src: str, dst: str) -> RasterGrid:
    if same_crs(src, dst):
        return RasterGrid(grid.values, grid.transform, crs_name(dst), grid.source)
    from rasterio.warp import Resampling, calculate_default_transform, reproject
    h, w = grid.shape
    left, bottom, right, top = grid.bounds
    transform, width, height = calculate_default_transform(src, dst, w, h, left, bottom, right, top)
    bands = grid.values[..., None] if not grid.is_image else grid.values
    out = np.empty((height, width, bands.shape[2]), dtype=np.float32)
    for b in range(bands.shape[2]):
        dest = np.full((height, width), np.nan, dtype=np.float32)
        reproject(bands[..., b].astype(np.float32), dest, src_transform=grid.transform, src_crs=src,
                  dst_transform=transform, dst_crs=dst, resampling=Resampling.bilinear,
                  src_nodata=np.nan, dst_nodata=np.nan)
        out[..., b] = dest
    values = out[..., 0] if not grid.is_image else np.nan_to_num(out).astype(np.uint8)
    return RasterGrid(values, transform, crs_name(dst), grid.source)


class FileKind:
    """A kind whose layer's source is read through the importers as ``takes`` data;
    subclasses build it."""

    ground = False
    takes: type = VectorTable

    def read(self, layer: DataLayer, scene: Scene, fb: Feedback):
        return expect(layer, read_layer(layer, scene, fb), self.takes)


class LayerBuilds:
    """A kind registered without a loader (plugin API 1.0): its layer's source read through
    the importers (a raster or a vector table, in the scene CRS, joined), built by the
    layer's own ``build(data, scene, ground, feedback)``. Such layers are plugins' markers
    and figures over the ground (sensors, reports, shops): overlays."""

    ground = False
    overlay = True

    def read(self, layer: DataLayer, scene: Scene, fb: Feedback):
        return read_layer(layer, scene, fb)

    def build(self, layer: DataLayer, raw, scene: Scene, ground, fb: Feedback):
        return layer.build(raw, scene, ground, fb)
