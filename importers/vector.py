"""Vector layers (Etalab cadastre GeoJSON, BD TOPO, any OGR format) via pyogrio."""

from __future__ import annotations

from pathlib import Path

from twin.core.crs import crs_name
from twin.core.data import FileInfo, VectorTable
from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.io.sniff import describe_content, head, looks_like_json

_SIGNATURES = {
    ".gpkg": lambda data: data.startswith(b"SQLite format 3\x00"),
    ".shp": lambda data: data.startswith(b"\x00\x00\x27\x0a"),
    ".fgb": lambda data: data.startswith(b"fgb"),
}


def shapefile_encoding(path: Path) -> str | None:
    """The DBF's text encoding when no .cpg says it.

    Without a .cpg GDAL assumes ISO-8859-1, which garbles the UTF-8 that BD TOPO exports
    carry (Olemps: "Bâtiment" → "BÃ¢timent"). A DBF whose bytes decode as UTF-8 and are
    not plain ASCII is UTF-8; otherwise it is the Windows code page of older exports."""
    if path.suffix.lower() != ".shp" or path.with_suffix(".cpg").exists() or path.with_suffix(".CPG").exists():
        return None
    dbf = next((p for p in (path.with_suffix(".dbf"), path.with_suffix(".DBF")) if p.exists()), None)
    if dbf is None:
        return None
    raw = dbf.read_bytes()
    records = raw[int.from_bytes(raw[8:10], "little"):]  # after the header and field list
    if records.isascii():
        return None
    try:
        records.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _error(path: Path, exc: Exception) -> DataError:
    text = str(exc).split("\n")[0][:200]
    if path.suffix.lower() == ".gml" and b"citygml" in head(path, 4096).lower():
        return DataError("is CityGML, a 3D city model twin reads as CityJSON", path=path,
                         hint="convert it with citygml-tools (citygml-tools to-cityjson FILE) and add the "
                              ".json it writes")
    if path.suffix.lower() in (".json", ".geojson") and looks_like_json(path):
        return DataError(f"is not valid GeoJSON ({text})", path=path,
                         hint="the file is probably truncated or not GeoJSON; fetch it again")
    return DataError(f"cannot be read as a vector layer ({text}); it looks like "
                     f"{describe_content(path)}", path=path,
                     hint="check the file is complete and in a GIS format (GeoJSON, GeoPackage, Shapefile)")


class VectorImporter:
    name = "vector"
    kind = "vector"
    suffixes = (".geojson", ".json", ".gpkg", ".shp", ".fgb", ".gml", ".kml")

    def sniff(self, path: Path) -> bool:
        suffix = path.suffix.lower()
        if suffix in (".json", ".geojson"):
            return looks_like_json(path)
        check = _SIGNATURES.get(suffix)
        if check is not None:
            return check(head(path, 16))
        return suffix in self.suffixes

    def info(self, path: Path) -> FileInfo:
        import pyogrio
        try:
            meta = pyogrio.read_info(path, encoding=shapefile_encoding(path))
            layers = [str(row[0]) for row in pyogrio.list_layers(path)]
        except Exception as exc:  # pyogrio raises several GDAL-derived types
            raise _error(path, exc) from None
        count = int(meta["features"])
        bounds = meta.get("total_bounds")
        if count <= 0 or bounds is None:
            bounds = None
        else:
            bounds = tuple(float(v) for v in bounds)
        return FileInfo(
            path=path, kind="vector", importer=self.name, count=max(count, 0),
            crs=crs_name(meta["crs"]) if meta.get("crs") else None, bounds=bounds,
            details={"geometry_type": meta.get("geometry_type"), "driver": meta.get("driver"),
                     "fields": list(meta.get("fields", [])), "layers": layers,
                     "encoding": meta.get("encoding")})

    def read(self, path: Path, feedback: Feedback | None = None) -> VectorTable:
        import geopandas as gpd
        import shapely
        feedback = feedback or Feedback()
        try:
            frame = gpd.read_file(path, engine="pyogrio", encoding=shapefile_encoding(path))
        except Exception as exc:
            raise _error(path, exc) from None
        feedback.check()
        crs = crs_name(frame.crs) if frame.crs is not None else None
        geoms = frame.geometry.values
        null = shapely.is_missing(geoms) | shapely.is_empty(geoms)
        frame = frame.loc[~null].reset_index(drop=True)
        invalid = ~shapely.is_valid(frame.geometry.values)
        repaired = int(invalid.sum())
        if repaired:
            frame.loc[invalid, frame.geometry.name] = shapely.make_valid(frame.geometry.values[invalid])
        still_empty = shapely.is_empty(frame.geometry.values)
        frame = frame.loc[~still_empty].reset_index(drop=True)
        table = VectorTable(frame=frame, crs=crs, source=path, skipped_null=int(null.sum()),
                            repaired=repaired, dropped_invalid=int(still_empty.sum()))
        if table.skipped_null:
            feedback.warn(f"{path.name}: {table.skipped_null} features without geometry skipped")
        if repaired:
            feedback.warn(f"{path.name}: {repaired} invalid geometries repaired (make_valid)")
        return table
