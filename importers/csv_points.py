"""Spreadsheet exports of points: a CSV with longitude/latitude (WGS84) or x/y columns, as
reporting apps, shop surveys and open-data portals give them. A CSV without such columns
is a table of readings or counts, not a layer: the sniff says no, and the file goes to a
sensors, footfall or consumption layer instead. Rows without usable coordinates are
skipped and counted, never guessed."""

from __future__ import annotations

import csv
from pathlib import Path

from twin.core.data import FileInfo, VectorTable
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.io.sniff import head
from twin.core.i18n import message

LON = ("lon", "lng", "long", "longitude")
LAT = ("lat", "latitude")
X = ("x", "coord_x", "easting")
Y = ("y", "coord_y", "northing")


def _header(path: Path) -> list[str]:
    text = head(path, 8192).decode("utf-8-sig", errors="replace")
    first = text.splitlines()[0] if text else ""
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [c.strip().lower() for c in next(csv.reader([first], dialect))]


def coordinate_columns(columns: list[str]) -> tuple[str, str, str | None] | None:
    """(x column, y column, CRS or None) from a header: lon/lat are WGS84; x/y the file's."""
    lower = {c.lower(): c for c in columns}
    for xs, ys, crs in ((LON, LAT, "EPSG:4326"), (X, Y, None)):
        x = next((lower[n] for n in xs if n in lower), None)
        y = next((lower[n] for n in ys if n in lower), None)
        if x and y:
            return x, y, crs
    return None


class CsvPointsImporter:
    name = "csv-points"
    kind = "vector"
    suffixes = (".csv",)

    def sniff(self, path: Path) -> bool:
        return coordinate_columns(_header(path)) is not None

    def explain(self, path: Path) -> tuple[str, str]:
        """Why a CSV is not a layer of points (the registry's error for it)."""
        return (f"is a table without coordinate columns (its columns: {', '.join(_header(path)[:8])})",
                "a table of readings or counts goes in a sensors, footfall or consumption layer; "
                "to show its rows as points, add lon and lat (or x and y) columns")

    def _frame(self, path: Path):
        import pandas as pd
        try:
            return pd.read_csv(path, sep=None, engine="python", dtype=str, encoding="utf-8-sig")
        except (OSError, ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise DataError(message("cannot be read as a CSV table ({})").format(exc), path=path,
                            hint=message("save it as CSV (UTF-8) from the spreadsheet")) from None

    def info(self, path: Path) -> FileInfo:
        frame = self._frame(path)
        x, y, crs = coordinate_columns(list(frame.columns))
        return FileInfo(path, "vector", self.name, len(frame), crs, None,
                        {"geometry_type": "Point", "fields": [c for c in frame.columns if c not in (x, y)],
                         "coordinates": [x, y]})

    def read(self, path: Path, feedback: Feedback | None = None) -> VectorTable:
        import geopandas as gpd
        import pandas as pd
        feedback = feedback or Feedback()
        frame = self._frame(path)
        x, y, crs = coordinate_columns(list(frame.columns))
        xs = pd.to_numeric(frame[x].str.replace(",", ".", regex=False), errors="coerce")
        ys = pd.to_numeric(frame[y].str.replace(",", ".", regex=False), errors="coerce")
        good = xs.notna() & ys.notna()
        if crs == "EPSG:4326":
            good &= xs.between(-180, 180) & ys.between(-90, 90)
        skipped = int((~good).sum())
        if not good.any():
            raise DataError(message("has no row with usable coordinates in '{}' and '{}'").format(x, y), path=path,
                            hint=message("write decimal numbers, e.g. 2.7776 and 50.2915 for longitude and "
                                         "latitude"))
        rows = frame.loc[good].drop(columns=[x, y]).reset_index(drop=True)
        points = gpd.points_from_xy(xs[good], ys[good])
        table = VectorTable(gpd.GeoDataFrame(rows, geometry=points, crs=crs), crs, source=path, skipped_null=skipped)
        if skipped:
            feedback.warn(message("{}: {} rows without usable coordinates skipped").format(path.name, skipped))
        return table
