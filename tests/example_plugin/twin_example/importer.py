"""``*.stations.csv``: id,name,lon,lat,altitude — WGS84 points."""

from __future__ import annotations

from pathlib import Path

from twin.api import DataError, FileInfo, VectorTable

COLUMNS = ("id", "name", "lon", "lat", "altitude")


class StationsImporter:
    name = "example-stations"
    kind = "vector"
    suffixes = (".stations.csv",)

    def sniff(self, path: Path) -> bool:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.readline().strip().lower().startswith("id,name,lon,lat")

    def _frame(self, path: Path):
        import geopandas as gpd
        import pandas as pd
        try:
            df = pd.read_csv(path)
        except Exception as exc:
            raise DataError(f"cannot be read as CSV ({exc})", path=path) from None
        missing = [c for c in COLUMNS if c not in df.columns]
        if missing:
            raise DataError(f"has no column {', '.join(missing)}", path=path,
                            hint=f"the header must be {','.join(COLUMNS)}")
        return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.lon, df.lat), crs="EPSG:4326")

    def info(self, path: Path) -> FileInfo:
        frame = self._frame(path)
        return FileInfo(path=path, kind="vector", importer=self.name, count=len(frame),
                        crs="EPSG:4326", bounds=tuple(frame.total_bounds),
                        details={"fields": list(frame.columns.drop("geometry")), "geometry_type": "Point"})

    def read(self, path: Path, feedback=None) -> VectorTable:
        return VectorTable(self._frame(path), "EPSG:4326", path)
