"""Joining a table (CSV, XLSX, Parquet) to a layer: by key and by location, reports, errors."""

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from tests.conftest import ROOT
from twin.core.errors import DataError, SceneFileError
from twin.core.layers.join import TableJoin
from twin.io.joins import apply_join, normalise_keys, read_table
from twin.core.layers import BuildingsLayer, HeightRule, VectorLayer
from twin.io.loading import load_scene_data
from twin.core.scene import Scene
from twin.io.scene_file import load_scene, save_scene, scene_from_toml, scene_to_dict

DEMO_BUILDINGS = ROOT / "assets" / "demo" / "arras-centre" / "batiment.gpkg"


def _communes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"insee": ["06088", "62041", "75118", "2A004"], "name": ["a", "b", "c", "d"]},
                            geometry=[shapely.box(i * 10, 0, i * 10 + 10, 10) for i in range(4)],
                            crs="EPSG:2154")


def test_keys_are_normalised_text():
    assert normalise_keys(pd.Series([6088, 1234, None])).tolist() == ["6088", "1234", pd.NA]
    assert normalise_keys(pd.Series([6088.0, np.nan])).tolist() == ["6088", pd.NA]
    got = normalise_keys(pd.Series([" 06088 ", "1234.0", "62041000ab0012", "", None, "0", "000"]))
    assert got.tolist() == ["6088", "1234", "62041000AB0012", pd.NA, pd.NA, "0", "0"]


def test_join_by_key_leading_zeros_ints_duplicates_and_unmatched_both_ways(tmp_path):
    table = pd.DataFrame({"code": [6088, 62041, 62041, 11111, None], "pop": [340_000, 41_000, 1, 5, 7],
                          "label": ["Nice", "Arras", "dup", "x", "no key"]})
    table.to_csv(tmp_path / "pop.csv", sep=";", index=False)
    out, report = apply_join(_communes(), TableJoin(table=tmp_path / "pop.csv", key="insee", table_key="code"),
                             "EPSG:2154")
    assert out["pop"].tolist()[:2] == [340_000, 41_000] and out["pop"].isna().tolist()[2:] == [True, True]
    assert out["label"].tolist()[:2] == ["Nice", "Arras"]          # the first row of 62041 wins
    assert out["insee"].tolist() == ["06088", "62041", "75118", "2A004"]   # the layer's ids untouched
    assert (report.rows, report.matched_rows, report.features, report.matched_features) == (5, 2, 4, 2)
    # the missing code made the column floats: "6088.0" in the CSV, matched to "06088"
    assert report.unmatched_rows == 1 and report.unmatched_examples == ("11111.0",)
    assert report.unmatched_features == 2
    assert report.duplicates == 1 and report.duplicate_examples == ("62041.0",)
    assert report.skipped == 1 and report.normalised == 2
    assert report.key_types == ("numbers", "text")
    assert report.columns == ("pop", "label")
    text = report.summary()
    assert "2 of 4 features" in text and "11111" in text and "first row kept" in text and "\n" not in text


def test_csv_ids_keep_their_zeros_and_numbers_become_numbers(tmp_path):
    (tmp_path / "t.csv").write_text("id;surface;nom\n06088;12,5;Nice\n00042;3;x\n", encoding="cp1252")
    frame = read_table(tmp_path / "t.csv", text_columns=["id"])
    assert frame["id"].tolist() == ["06088", "00042"]
    assert frame["surface"].tolist() == [12.5, 3.0]      # a ";" file has decimal commas
    assert frame["nom"].tolist() == ["Nice", "x"]


def test_xlsx_floats_and_parquet_and_columns_and_clashing_names(tmp_path):
    table = pd.DataFrame({"INSEE": [6088.0, 75118.0], "name": ["N", "P"], "n": [1, 2]})
    table.to_excel(tmp_path / "t.xlsx", sheet_name="data", index=False)
    join = TableJoin(table=tmp_path / "t.xlsx", sheet="data", key="insee", table_key="INSEE")
    out, report = apply_join(_communes(), join, "EPSG:2154")
    assert report.renamed == {"name": "name_t"} and out["name_t"].tolist()[::2] == ["N", "P"]
    assert out["name"].tolist() == ["a", "b", "c", "d"]
    table.to_parquet(tmp_path / "t.parquet")
    out, report = apply_join(_communes(), TableJoin(table=tmp_path / "t.parquet", key="insee",
                                                    table_key="INSEE", columns=("n",)), "EPSG:2154")
    assert report.columns == ("n",) and out["n"].tolist()[::2] == [1, 2]
    with pytest.raises(DataError, match="no sheet 'other'.*data"):
        apply_join(_communes(), TableJoin(table=tmp_path / "t.xlsx", sheet="other", key="insee",
                                          table_key="INSEE"), "EPSG:2154")


def test_merged_header_xlsx_is_explained(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["Identité", None, "Chiffres"])
    ws.append([None, None, None])
    ws.append(["06088", "Nice", 3])
    ws.merge_cells("A1:B1")
    wb.save(tmp_path / "merged.xlsx")
    with pytest.raises(DataError) as info:
        apply_join(_communes(), TableJoin(table=tmp_path / "merged.xlsx", key="insee", table_key="Identité"),
                   "EPSG:2154")
    assert "merged cells (A1:B1)" in info.value.message and "merged.xlsx" in info.value.message
    assert "unmerge" in info.value.hint


def test_missing_key_column_lists_the_columns(tmp_path):
    pd.DataFrame({"code_insee": ["06088"], "pop": [1]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(DataError) as info:
        apply_join(_communes(), TableJoin(table=tmp_path / "t.csv", key="insee"), "EPSG:2154")
    assert "no key column 'insee'" in info.value.message and "code_insee, pop" in info.value.hint
    with pytest.raises(DataError, match="has no field 'nope'.*insee, name"):
        apply_join(_communes(), TableJoin(table=tmp_path / "t.csv", key="nope", table_key="code_insee"),
                   "EPSG:2154")


def test_wrong_path_unreadable_file_and_nothing_matching(tmp_path):
    with pytest.raises(DataError, match="missing.csv: table not found"):
        apply_join(_communes(), TableJoin(table=tmp_path / "missing.csv", key="insee"), "EPSG:2154")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(DataError, match="broken.xlsx: cannot be read as a XLSX table"):
        apply_join(_communes(), TableJoin(table=tmp_path / "broken.xlsx", key="insee"), "EPSG:2154")
    pd.DataFrame({"insee": ["99001", "99002"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(DataError) as info:
        apply_join(_communes(), TableJoin(table=tmp_path / "t.csv", key="insee"), "EPSG:2154")
    assert "99001" in info.value.hint and "06088" in info.value.hint    # both sides' keys shown


def _with_hole() -> gpd.GeoDataFrame:
    ring = shapely.Polygon([(0, 0), (100, 0), (100, 100), (0, 100)], [[(40, 40), (60, 40), (60, 60), (40, 60)]])
    return gpd.GeoDataFrame({"id": ["ring", "east", "empty"]},
                            geometry=[ring, shapely.box(100, 0, 200, 100), shapely.box(0, 200, 50, 250)],
                            crs="EPSG:2154")


def test_join_by_location_counts_sums_and_means(tmp_path):
    pts = pd.DataFrame({"x": ["10", "20", "50", "150", "500", "abc", None],   # 50,50: in the hole
                        "y": [10, 20, 50, 50, 500, 1, 1],
                        "surface": ["1,5", "2,5", 100, 4, 8, 1, 1]})
    pts.to_csv(tmp_path / "shops.csv", sep=";", index=False)
    join = TableJoin(table=tmp_path / "shops.csv", by="location", x="x", y="y", crs="EPSG:2154",
                     value="surface", aggregate="sum")
    out, report = apply_join(_with_hole(), join, "EPSG:2154")
    assert out["shops_count"].tolist() == [2, 1, 0]
    assert out["surface_sum"].tolist() == [4.0, 4.0, 0.0]
    assert (report.rows, report.matched_rows, report.matched_features, report.skipped) == (7, 3, 2, 2)
    assert report.unmatched_rows == 2             # the one in the hole and the far one
    assert "3 of 7 points in 2 of 3 polygons" in report.summary()
    mean = TableJoin(table=tmp_path / "shops.csv", by="location", x="x", y="y", crs="EPSG:2154",
                     value="surface", aggregate="mean")
    out, _ = apply_join(_with_hole(), mean, "EPSG:2154")
    assert out["surface_mean"].tolist()[:2] == [2.0, 4.0] and np.isnan(out["surface_mean"].iloc[2])


def test_join_by_location_from_lon_lat_and_wkt(tmp_path):
    from pyproj import Transformer
    lon, lat = Transformer.from_crs(2154, 4326, always_xy=True).transform([10, 150], [10, 50])
    pd.DataFrame({"lon": lon, "lat": lat}).to_csv(tmp_path / "ll.csv", index=False)
    out, _ = apply_join(_with_hole(), TableJoin(table=tmp_path / "ll.csv", by="location", x="lon", y="lat"),
                        "EPSG:2154")
    assert out["ll_count"].tolist() == [1, 1, 0]
    pd.DataFrame({"geom": ["POINT (10 10)", "POINT (150 50)", "POLYGON ((1 1, 2 1, 2 2, 1 1))", "bad"]}
                 ).to_csv(tmp_path / "w.csv", index=False)
    out, report = apply_join(_with_hole(), TableJoin(table=tmp_path / "w.csv", by="location", wkt="geom",
                                                     crs="EPSG:2154"), "EPSG:2154")
    assert out["w_count"].tolist() == [2, 1, 0] and report.skipped == 1


def test_join_by_location_without_usable_coordinates(tmp_path):
    pd.DataFrame({"x": ["a", None], "y": ["b", "c"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(DataError, match="no row has usable coordinates in x/y"):
        apply_join(_with_hole(), TableJoin(table=tmp_path / "t.csv", by="location", x="x", y="y"), "EPSG:2154")
    pd.DataFrame({"lon": [1.0]}).to_csv(tmp_path / "u.csv", index=False)
    with pytest.raises(DataError, match="no coordinate column 'lat'"):
        apply_join(_with_hole(), TableJoin(table=tmp_path / "u.csv", by="location", x="lon", y="lat"), "EPSG:2154")


def test_a_join_record_checks_itself():
    with pytest.raises(ValueError, match="needs a table"):
        TableJoin(key="id")
    with pytest.raises(ValueError, match="needs key"):
        TableJoin(table="t.csv")
    with pytest.raises(ValueError, match="needs x and y"):
        TableJoin(table="t.csv", by="location")
    with pytest.raises(ValueError, match="needs value"):
        TableJoin(table="t.csv", by="location", x="a", y="b", aggregate="sum")


# -- real files ------------------------------------------------------------------------------

def test_join_to_the_demo_buildings_by_cleabs(tmp_path):
    frame = gpd.read_file(DEMO_BUILDINGS)
    ids = frame["cleabs"].to_numpy()[::3]
    table = pd.DataFrame({"id_bat": ids, "commerces": np.arange(len(ids)) % 4})
    table["id_bat"] = table["id_bat"].str.lower().radd("  ")     # hand-typed: case and spaces
    table = pd.concat([table, pd.DataFrame({"id_bat": ["BATIMENT_INCONNU"], "commerces": [9]})])
    table.to_excel(tmp_path / "commerces.xlsx", index=False)
    out, report = apply_join(frame, TableJoin(table=tmp_path / "commerces.xlsx", key="cleabs",
                                              table_key="id_bat"), "EPSG:2154")
    assert report.matched_features == len(ids) and report.unmatched_features == len(frame) - len(ids)
    assert report.unmatched_examples == ("BATIMENT_INCONNU",) and report.normalised == len(ids)
    assert out["commerces"].iloc[::3].tolist() == table["commerces"].iloc[:-1].tolist()
    assert out["commerces"].iloc[1::3].isna().all() and len(out) == len(frame)


def test_join_to_real_etalab_parcels_by_id_and_location(shared, tmp_path):
    path = shared / "cadastre" / "etalab_cadastre-75118-parcelles.json"
    if not path.is_file():
        pytest.skip(f"the Etalab parcels of Paris 18e are not at {path}")
    parcels = gpd.read_file(path).to_crs("EPSG:2154")
    table = pd.DataFrame({"id": parcels["id"].to_numpy()[:500], "logements": np.arange(500)})
    table.to_csv(tmp_path / "logements.csv", index=False)
    out, report = apply_join(parcels, TableJoin(table=tmp_path / "logements.csv", key="id"), "EPSG:2154")
    assert report.matched_features == 500 and out["logements"].iloc[:500].tolist() == list(range(500))
    # one point inside each of the first 1 000 parcels, in lon/lat, plus one in the sea
    inside = shapely.point_on_surface(parcels.geometry.values[:1000])
    lonlat = gpd.GeoSeries(inside, crs="EPSG:2154").to_crs("EPSG:4326")
    pts = pd.DataFrame({"lon": [*lonlat.x, -30.0], "lat": [*lonlat.y, 45.0], "m2": 1.0})
    pts.to_parquet(tmp_path / "points.parquet")
    join = TableJoin(table=tmp_path / "points.parquet", by="location", x="lon", y="lat", value="m2",
                     aggregate="sum")
    out, report = apply_join(parcels, join, "EPSG:2154")
    assert report.matched_rows == 1000 and report.unmatched_rows == 1
    assert out["points_count"].sum() == 1000 and out["m2_sum"].sum() == pytest.approx(1000.0)


# -- scene files and loading -------------------------------------------------------------------

_SCENE = '''format = 1
name = "join"
crs = "EPSG:2154"

[[layers]]
name = "Bâtiments"
kind = "buildings"
source = "{source}"
[layers.heights]
height_field = "h_table"
[layers.join]
table = "tables/hauteurs.csv"
key = "cleabs"
table_key = "id_bat"
columns = ["h_table", "usage"]

[[layers]]
name = "Zones"
kind = "vector"
source = "{source}"
[layers.join]
table = "tables/hauteurs.csv"
by = "location"
x = "x"
y = "y"
crs = "EPSG:2154"
value = "h_table"
aggregate = "mean"
'''


def _scene_dir(tmp_path) -> Path:
    frame = gpd.read_file(DEMO_BUILDINGS)
    (tmp_path / "tables").mkdir()
    inner = shapely.point_on_surface(frame.geometry.values[:50])
    pd.DataFrame({"id_bat": frame["cleabs"].to_numpy()[:50], "h_table": 42.0, "usage": "commerce",
                  "x": shapely.get_x(inner), "y": shapely.get_y(inner)}).to_csv(tmp_path / "tables" / "hauteurs.csv",
                                                                                index=False)
    (tmp_path / "scene.toml").write_text(_SCENE.format(source=DEMO_BUILDINGS.as_posix()), encoding="utf-8")
    return tmp_path / "scene.toml"


def test_scene_round_trip_keeps_the_join(tmp_path):
    scene = load_scene(_scene_dir(tmp_path))
    join = scene.layers.find("Bâtiments").join
    assert join.table == tmp_path / "tables" / "hauteurs.csv" and join.columns == ("h_table", "usage")
    out = tmp_path / "sub" / "copy.toml"
    out.parent.mkdir()
    save_scene(scene, out)
    assert 'table = "../tables/hauteurs.csv"' in out.read_text(encoding="utf-8")
    again = load_scene(out)
    assert again.layers.find("Bâtiments").join == join
    assert again.layers.find("Zones").join == scene.layers.find("Zones").join
    assert scene_to_dict(again, out.parent) == scene_to_dict(scene, out.parent)


def test_scene_file_join_errors_name_the_key():
    text = ('format = 1\n[[layers]]\nname = "V"\nkind = "vector"\nsource = "a.gpkg"\n'
            '[layers.join]\nkey = "id"\n')
    with pytest.raises(SceneFileError) as info:
        scene_from_toml(text, Path("/tmp/x.toml"))
    assert info.value.key == "layers[0].join" and "needs a table" in info.value.message
    with pytest.raises(SceneFileError) as info:
        scene_from_toml(text.replace('key = "id"', 'table = "t.csv"\nkey = "id"\nhow = "x"'), Path("/tmp/x.toml"))
    assert info.value.key == "layers[0].join.how" and info.value.line == 9
    with pytest.raises(SceneFileError, match="does not apply to a terrain layer"):
        scene_from_toml(text.replace('"vector"', '"terrain"'), Path("/tmp/x.toml"))


def test_load_scene_data_joins_before_extrusion_and_reports(tmp_path):
    scene = load_scene(_scene_dir(tmp_path))
    buildings, zones = load_scene_data(scene)
    assert buildings.error is None and zones.error is None
    frame = buildings.data.table.frame
    assert frame["usage"].iloc[:50].eq("commerce").all() and frame["usage"].iloc[50:].isna().all()
    assert (frame["height"].iloc[:50] == 42.0).all()               # the joined column made the heights
    assert (frame["height_source"].iloc[:50] == "attribute").all()
    assert any("hauteurs.csv: joined by key — 50 of" in w for w in buildings.warnings)
    zframe = zones.data.table.frame
    assert zframe["hauteurs_count"].sum() >= 50 and zframe["h_table_mean"].max() == 42.0
    assert any("joined by location" in w for w in zones.warnings)


def test_a_failing_join_fails_the_layer_whole(tmp_path):
    scene = Scene(name="x", crs="EPSG:2154")
    layer = VectorLayer(name="B", source=DEMO_BUILDINGS,
                        join=TableJoin(table=tmp_path / "absent.xlsx", key="cleabs"))
    ok = BuildingsLayer(name="C", source=DEMO_BUILDINGS, heights=HeightRule())
    scene.layers.append(layer)
    scene.layers.append(ok)
    bad, good = load_scene_data(scene)
    assert bad.data is None and "absent.xlsx: table not found" in bad.error
    assert good.error is None and "commerces" not in good.data.table.frame.columns
