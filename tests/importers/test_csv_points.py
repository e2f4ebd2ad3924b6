"""CSV points: lon/lat or x/y columns, bad rows skipped and counted, tables refused with
the reason."""

import pytest

from twin.core.errors import UnsupportedFileError
from twin.core.feedback import Feedback
from twin.io.registry import file_info, registry


def test_lon_lat_rows_and_bad_ones(tmp_path):
    path = tmp_path / "signalements.csv"
    path.write_text("id;categorie;Longitude;Latitude\n1;voirie;2,7776;50,2915\n2;propreté;;50.29\n"
                    "3;éclairage;2.7801;50.2902\n4;voirie;200;50.29\n", encoding="utf-8")
    info = file_info(path)
    assert (info.importer, info.kind, info.count, info.crs) == ("csv-points", "vector", 4, "EPSG:4326")
    warnings = []
    table = registry().find(path).read(path, Feedback(on_warning=warnings.append))
    assert table.frame["id"].tolist() == ["1", "3"] and table.skipped_null == 2
    assert table.frame.geometry.x.iloc[0] == pytest.approx(2.7776)          # a decimal comma read
    assert warnings == ["signalements.csv: 2 rows without usable coordinates skipped"]
    assert table.frame["categorie"].tolist() == ["voirie", "éclairage"]


def test_xy_columns_have_no_crs_and_tables_are_refused(tmp_path):
    xy = tmp_path / "commerces.csv"
    xy.write_text("nom,x,y\nBoulangerie,684131.5,7021537.2\n", encoding="utf-8")
    assert file_info(xy).crs is None
    table = tmp_path / "comptages.csv"
    table.write_text("zone,time,count\nz1,2026-06-21T10:00:00Z,5\n", encoding="utf-8")
    with pytest.raises(UnsupportedFileError, match="table without coordinate columns.*zone, time, count"):
        file_info(table)
    empty = tmp_path / "none.csv"
    empty.write_text("lon,lat,name\n,,a\n", encoding="utf-8")
    from twin.core.errors import DataError
    with pytest.raises(DataError, match="no row with usable coordinates"):
        registry().find(empty).read(empty, Feedback())
