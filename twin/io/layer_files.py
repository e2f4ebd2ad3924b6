"""What the layer menu writes and reads: a vector layer's features (GeoJSON, GeoPackage), a
point cloud's points inside a box (LAS, LAZ, COPC), a layer's style (a small TOML file).

Every file is written aside and renamed when whole: a failed or cancelled export never
leaves half a file where the user asked for one."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import numpy as np
import pyogrio

import tomli_w

from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.layers import Layer, PointCloudLayer
from twin.core.layers.style import Style
from twin.core.i18n import message

VECTOR_DRIVERS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG"}
CHUNK = 1_000_000          # points decoded at a time: memory stays flat whatever the tiles


def _aside(path: Path) -> Path:
    """A temporary name beside ``path`` keeping its suffixes (drivers go by them)."""
    return path.with_name(f".{path.stem}.part{os.getpid()}{''.join(path.suffixes[-1:])}")


def export_vector(layer: Layer, path: str | Path) -> int:
    """The layer's features as loaded (in their CRS) to GeoJSON or a GeoPackage; how many."""
    path = Path(path)
    table = getattr(layer.data, "table", None)
    if table is None:
        raise DataError(message("layer '{}' has no features loaded to export").format(layer.name), path=path,
                        hint=message("load the layer first (it may be hidden and not read yet)"))
    driver = VECTOR_DRIVERS.get(path.suffix.lower())
    if driver is None:
        raise DataError(message("cannot write '{}' files").format(path.suffix), path=path, hint=message("use .geojson or .gpkg"))
    frame = table.frame
    if frame.crs is None and table.crs:
        frame = frame.set_crs(table.crs)
    tmp = _aside(path)
    try:
        options = {"layer": layer.name} if driver == "GPKG" else {}
        frame.to_file(tmp, driver=driver, engine="pyogrio", **options)
        os.replace(tmp, path)
    except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise DataError(message("cannot write ({})").format(getattr(exc, 'strerror', None) or exc), path=path,
                        hint=message("choose a folder you can write to")) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return len(frame)


def export_points(layer: PointCloudLayer, path: str | Path, box: tuple[float, float, float, float],
                  feedback: Feedback | None = None) -> int:
    """The points of the layer's files inside ``box`` (xmin, ymin, xmax, ymax, scene CRS),
    read chunk by chunk, to LAS or LAZ — or COPC (``.copc.laz``), organised afterwards by
    twin.lod.prepare. Every dimension is kept; how many points were written."""
    import laspy

    from twin.lod.las import laz_backend
    path, feedback = Path(path), feedback or Feedback()
    xmin, ymin, xmax, ymax = map(float, box)
    if not (xmin < xmax and ymin < ymax):
        raise DataError(message("the box ({:g}, {:g}) – ({:g}, {:g}) is empty").format(xmin, ymin, xmax, ymax), path=path,
                        hint=message("give the lower-left corner first, then the upper-right one"))
    copc = path.name.lower().endswith(".copc.laz")
    if path.suffix.lower() not in (".las", ".laz"):
        raise DataError(message("cannot write '{}' point files").format(path.suffix), path=path, hint=message("use .las, .laz or .copc.laz"))
    files = layer.files()
    if not files:
        raise DataError(message("layer '{}' has no point files").format(layer.name), path=layer.source)
    headers = []
    for file in files:
        with laspy.open(file) as reader:
            headers.append(reader.header)
    formats = {(h.point_format.id, h.version.minor) for h in headers}
    if len(formats) > 1:
        raise DataError(message("the tiles of '{}' mix point formats {}").format(layer.name, sorted(formats)), path=path,
                        hint=message("export the tiles of one format at a time"))
    total = sum(h.point_count for h in headers)
    header = laspy.LasHeader(point_format=headers[0].point_format, version=headers[0].version)
    header.scales, header.offsets = headers[0].scales, np.array([xmin, ymin, headers[0].offsets[2]])
    for vlr in headers[0].vlrs:       # the CRS (WKT or GeoKeys) travels with the points
        if "copc" not in vlr.user_id.lower() and "laszip" not in vlr.user_id.lower():
            header.vlrs.append(vlr)
    laz = path.suffix.lower() == ".laz"
    tmp = _aside(path.with_name(path.name.replace(".copc.laz", ".laz")) if copc else path)
    written = done = 0
    try:
        with laspy.open(tmp, mode="w", header=header, do_compress=laz,
                        laz_backend=laz_backend() if laz else None) as writer:
            for file in files:
                with laspy.open(file, laz_backend=laz_backend()) as reader:
                    for chunk in reader.chunk_iterator(CHUNK):
                        feedback.progress(done / max(total, 1), f"{file.name}: {written:,} points kept")
                        x, y = np.asarray(chunk.x), np.asarray(chunk.y)
                        keep = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
                        if keep.any():
                            writer.write_points(chunk[keep])
                            written += int(keep.sum())
                        done += len(chunk)
        if not written:
            raise DataError(message("no point of '{}' lies inside the box").format(layer.name), path=path,
                            hint=message("draw the box over the points (its coordinates are in the scene's "
                                         "CRS)"))
        if copc:
            _to_copc(tmp, path, feedback)
        else:
            os.replace(tmp, path)
    except OSError as exc:
        raise DataError(message("cannot write ({})").format(getattr(exc, 'strerror', None) or exc), path=path,
                        hint=message("choose a folder you can write to")) from exc
    finally:
        tmp.unlink(missing_ok=True)
    feedback.progress(1.0, f"{written:,} points written")
    return written


def _to_copc(src: Path, path: Path, feedback: Feedback) -> None:
    from twin.lod.prepare import prepare_tile
    feedback.progress(0.95, "COPC")
    tmp = _aside(path)
    try:
        result = prepare_tile(src, path.parent, force=True, output=tmp)
        if result.error:
            raise DataError(message("could not organise the points as COPC ({})").format(result.error), path=path)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# -- styles ----------------------------------------------------------------------------------
def save_style(layer: Layer, path: str | Path) -> None:
    """``[style]`` with the layer's kind: another layer of that kind can load it."""
    from twin.io.scene_file import _record_dict
    path = Path(path)
    style = getattr(layer, "style", None)
    if not isinstance(style, Style):
        raise DataError(message("layer '{}' has no style to save").format(layer.name), path=path)
    tmp = _aside(path)
    try:
        tmp.write_bytes(tomli_w.dumps({"kind": layer.kind, "opacity": layer.opacity,
                                       "style": _record_dict(style)}).encode("utf-8"))
        os.replace(tmp, path)
    except OSError as exc:
        raise DataError(message("cannot write ({})").format(exc.strerror or exc), path=path) from exc
    finally:
        tmp.unlink(missing_ok=True)


def load_style(layer: Layer, path: str | Path) -> tuple[Style, float]:
    """The style (and opacity) a style file gives ``layer``, checked key by key; the layer
    itself is left unchanged (the caller applies it, undoably)."""
    from twin.io.scene_file import _LineIndex, _Reader
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(message("cannot be read ({})").format(getattr(exc, 'strerror', None) or exc), path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataError(message("is not a valid TOML style file ({})").format(exc), path=path) from exc
    style = getattr(layer, "style", None)
    if not isinstance(style, Style):
        raise DataError(message("layer '{}' takes no style").format(layer.name), path=path)
    reader = _Reader(path, _LineIndex(text))
    kind = reader.get(data, (), "kind", str)
    if kind != layer.kind:
        reader.fail(("kind",), message("this style is for a {} layer, and '{}' is a {} layer").format(
                                   kind, layer.name, layer.kind),
                    hint=message("load it on a layer of the same kind"))
    reader.no_unknown(data, (), {"kind", "opacity", "style"})
    opacity = reader.get(data, (), "opacity", float, layer.opacity)
    if not 0.0 <= opacity <= 1.0:
        reader.fail(("opacity",), message("opacity must be between 0 and 1, got {}").format(opacity))
    return reader.record(type(style), reader.table(data, (), "style"), ("style",)), opacity
