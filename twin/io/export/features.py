"""Selected features written out for another tool: GeoJSON (WGS84, as RFC 7946 wants),
GeoPackage (the scene's CRS, attributes typed) or CSV (attributes and the geometry as
WKT, as QGIS writes it). Written beside the destination and renamed when whole."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from twin.core.errors import DataError
from twin.io.export.output import staged_file
from twin.core.i18n import message

FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG", ".csv": "CSV"}


def export_features(frame, rows, path: str | Path, layer_name: str = "selection") -> int:
    """Writes the rows ``rows`` (positions) of ``frame`` to ``path``; the format follows
    its suffix. Returns how many features were written."""
    path = Path(path)
    driver = FORMATS.get(path.suffix.lower())
    if driver is None:
        raise DataError(message("cannot export to a '{}' file").format(path.suffix), path=path,
                        hint=message("choose a name ending in .geojson, .gpkg or .csv"))
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        raise DataError(message("no feature is selected: nothing to export"), path=path,
                        hint=message("select rows in the attribute table or features in the view first"))
    part = frame.iloc[rows]
    part = part[[c for c in part.columns if not str(c).startswith("_")]]
    with staged_file(path) as tmp:
        try:
            if driver == "CSV":
                table = part.drop(columns=part.geometry.name) if hasattr(part, "geometry") else part
                if hasattr(part, "geometry"):
                    table = table.assign(WKT=part.geometry.to_wkt().to_numpy())
                table.to_csv(tmp, index=False, encoding="utf-8")
            else:
                if driver == "GeoJSON" and part.crs is not None:
                    part = part.to_crs("EPSG:4326")
                named = tmp.with_name(tmp.name + path.suffix)     # GDAL wants the suffix
                try:
                    part.to_file(named, driver=driver, layer=layer_name, engine="pyogrio")
                    os.replace(named, tmp)
                finally:
                    named.unlink(missing_ok=True)
        except (ValueError, TypeError, RuntimeError) as exc:   # pyogrio's and pandas' refusals
            raise DataError(message("the features cannot be written as {}: {}").format(driver, exc), path=path) from None
    return len(part)
