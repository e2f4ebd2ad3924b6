"""Vector processing (no Qt, no VTK): features chosen by an expression, features cut to
a mask, and writing the result as GeoPackage, GeoJSON or CSV, whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import shapely

from twin.core.data import VectorTable
from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.core.params import Mask
from twin.core.i18n import message

WRITABLE = (".gpkg", ".geojson", ".csv")


def read_vectors(path: str | Path, feedback: Feedback | None = None) -> VectorTable:
    """A vector file through the importers (GeoPackage, GeoJSON, Shapefile, CSV with
    coordinates…), in its own CRS."""
    from twin.io.registry import guarded, registry
    path = Path(path)
    importer = registry().find(path)
    if importer.kind != "vector":
        raise DataError(message("holds {} data, not vector features").format(importer.kind), path=path,
                        hint=message("give a GeoPackage, GeoJSON, Shapefile or CSV of features"))
    return guarded(importer, "read", path, importer.read, path, feedback or Feedback())


def mask_geometry(mask: Mask, crs: str | None, feedback: Feedback | None = None) -> shapely.Geometry:
    """The mask's area in ``crs``: its box, or the union of its file's polygons."""
    if mask.geometry is not None:
        return mask.geometry
    from twin.core.crs import same_crs, transformer
    table = read_vectors(mask.source, feedback)
    geoms = np.asarray(table.frame.geometry.values, dtype=object)
    polys = geoms[np.isin(shapely.get_type_id(geoms), (3, 6))]
    if not len(polys):
        raise DataError(message("has no polygons to clip with"), path=mask.source,
                        hint=message("give a file of polygons, or a box \"XMIN YMIN XMAX YMAX\""))
    area = shapely.union_all(shapely.make_valid(polys))
    if crs is not None and table.crs is not None and not same_crs(table.crs, crs):
        area = shapely.transform(area, lambda xy: np.column_stack(transformer(table.crs, crs).transform(
            xy[:, 0], xy[:, 1])))
    return area


def extract(table: VectorTable, where: str) -> VectorTable:
    """The features for which the expression ``where`` is true (twin.core.expressions,
    QGIS syntax; NULL counts as false, as in a QGIS filter)."""
    from twin.core.expressions import ExpressionError, parse
    fields = [c for c in table.frame.columns if c != table.frame.geometry.name]
    name = table.source.name if table.source else "the layer"
    try:
        expression = parse(where)
        expression.check(table.frame.columns)
    except ExpressionError as exc:
        raise TwinError(message("the expression {!r} cannot be used on {}: {}").format(where, name, exc.what),
                        hint=exc.hint or f"its fields: {', '.join(map(str, fields[:30]))}") from None
    try:
        keep = expression.mask(table.frame, table.crs)
    except ExpressionError as exc:
        raise TwinError(message("the expression {!r} fails on {}: {}").format(where, name, exc.what), hint=exc.hint) from None
    return VectorTable(table.frame[keep].copy(), table.crs, table.source)


def clip(table: VectorTable, area: shapely.Geometry) -> VectorTable:
    """The features meeting ``area`` (in the table's CRS), cut to it."""
    frame = table.frame
    geoms = np.asarray(frame.geometry.values, dtype=object)
    shapely.prepare(area)
    meets = shapely.intersects(area, geoms)
    cut = shapely.intersection(geoms[meets], area)
    kept = ~shapely.is_empty(cut)
    out = frame[meets][kept].copy()
    out = out.set_geometry(cut[kept], crs=frame.crs)
    return VectorTable(out, table.crs, table.source)


def write_vectors(table: VectorTable, path: str | Path) -> Path:
    """GeoPackage, GeoJSON (WGS84 lon/lat, as the format wants) or CSV (geometry as WKT),
    written beside then renamed over ``path``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in WRITABLE:
        raise DataError(message("cannot write {}").format(suffix or 'files without a suffix'), path=path,
                        hint=message("end the name with {}").format(', '.join(WRITABLE)))
    frame = table.frame
    if table.crs is not None and frame.crs is None:
        frame = frame.set_crs(table.crs)
    tmp = path.with_name(f".{path.name}.part{suffix}")
    try:
        if suffix == ".csv":
            out = frame.drop(columns=frame.geometry.name)
            out.insert(0, "wkt", shapely.to_wkt(np.asarray(frame.geometry.values, dtype=object), rounding_precision=3))
            out.to_csv(tmp, index=False)
        elif suffix == ".geojson":
            (frame.to_crs("EPSG:4326") if frame.crs is not None else frame).to_file(
                tmp, driver="GeoJSON", engine="pyogrio")
        else:
            frame.to_file(tmp, driver="GPKG", layer=path.stem, engine="pyogrio")
        os.replace(tmp, path)
    except Exception as exc:   # pyogrio / fiona / OS errors of many kinds
        tmp.unlink(missing_ok=True)
        raise DataError(message("cannot be written ({}: {})").format(type(exc).__name__, exc), path=path,
                        hint=message("check the folder exists and is writable")) from None
    return path
