"""Metrics of a variant (exact for known shapes), PLU checks and the CSV export."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from tests.projects.urban_scene import CRS, X0, Y0, parcels_frame, town
from twin.core.errors import DataError
from twin.projects.edits import Demolish, NewBuilding, SetHeight
from twin.projects.model import Project, Projects, Variant
from twin.analysis.urban_metrics import COLUMNS_FR, check_plu, metrics_to_csv, variant_metrics
from twin.projects.plu import PluRules, PluZone

# a block of two parcels, 40 m × 20 m each, side by side along a street that runs along
# y = Y0 + 100 (nothing parcelled south of it): their street edge is the south one
P1 = shapely.box(X0 + 100, Y0 + 100, X0 + 140, Y0 + 120)
P2 = shapely.box(X0 + 140, Y0 + 100, X0 + 180, Y0 + 120)
BEHIND = shapely.box(X0 + 100, Y0 + 120, X0 + 180, Y0 + 150)    # the parcel behind both


def rect(x, y, w, h):
    return shapely.box(X0 + x, Y0 + y, X0 + x + w, Y0 + y + h)


def scene_with(*edits, plu: PluRules | None = None, **town_kwargs):
    town_kwargs.setdefault("parcels", parcels_frame([P1, P2, BEHIND]))
    scene = town(**town_kwargs)
    Projects.of(scene).add_project(Project("P", [Variant("A", list(edits))]))
    if plu is not None:
        Projects.of(scene).set_plu(plu)
    return scene


def test_metrics_of_a_known_building_are_exact():
    # 20 m × 10 m, 12 m, 4 floors, 6 m back from the street, on a 800 m² parcel
    scene = scene_with(NewBuilding("n1", rect(110, 106, 20, 10), height=12.0, floors=4, name="Collectif"))
    frame = variant_metrics(scene, "P", "A")
    row = frame.iloc[0]
    assert list(frame["building_id"]) == ["n1", "Total"]
    assert row["footprint_area"] == 200.0 and row["height"] == 12.0 and row["levels"] == 4
    assert row["floor_area"] == pytest.approx(4 * 200 * 0.8)                  # 640 m² of surface de plancher
    assert row["dwellings"] == math.floor(640 / 65)                           # 9
    assert row["parcels"] == "62041000AB0001" and row["parcel_area"] == 800.0
    assert row["emprise"] == pytest.approx(0.25)
    assert row["setback"] == pytest.approx(6.0)
    assert row["zone"] == "" and row["violations"] == ""
    total = frame.iloc[-1]
    assert total["footprint_area"] == 200.0 and total["floor_area"] == pytest.approx(640.0) and total["dwellings"] == 9


def test_levels_from_height_and_settings_from_the_rules():
    scene = scene_with(NewBuilding("n1", rect(110, 106, 20, 10), height=14.0, use="bureaux"),
                       NewBuilding("n2", rect(150, 106, 20, 10), height=12.0, roof="gable", roof_pitch=45.0),
                       plu=PluRules(floor_area_ratio=0.75, dwelling_size=50.0))
    frame = variant_metrics(scene, "P", "A").set_index("building_id")
    assert frame.loc["n1", "levels"] == 4 and frame.loc["n1", "dwellings"] == 0       # offices: no dwelling
    assert frame.loc["n1", "floor_area"] == pytest.approx(4 * 200 * 0.75)
    assert frame.loc["n2", "levels"] == 2                                             # 7 m under the eaves
    assert frame.loc["n2", "dwellings"] == math.floor(2 * 200 * 0.75 / 50)
    assert frame.loc["Total", "floor_area"] == pytest.approx(600 + 300)


def test_emprise_counts_the_buildings_kept_on_the_parcel():
    kept = gpd.GeoDataFrame({"height": [9.0], "ground_z": [50.0], "cleabs": ["OLD"]},
                            geometry=[rect(102, 130, 10, 16)], crs=CRS)   # 160 m² on the parcel behind
    zone = PluZone("UA", max_emprise=0.4)
    new = NewBuilding("n1", rect(130, 125, 40, 15), height=9.0)            # 600 m² on BEHIND (2 400 m²)
    scene = scene_with(new, buildings=kept, plu=PluRules(zones=(zone,)))
    row = variant_metrics(scene, "P", "A").iloc[0]
    assert row["parcels"] == "62041000AB0003"
    assert row["emprise"] == pytest.approx((600 + 160) / 2400)
    assert check_plu(scene, "P", "A") == []
    Projects.of(scene).add_edit("P", "A", NewBuilding("n2", rect(115, 125, 12, 20), height=9.0))
    violations = check_plu(scene, "P", "A")
    assert {v.building_id for v in violations} == {"n1", "n2"} and {v.rule for v in violations} == {"max_emprise"}
    assert violations[0].value == pytest.approx((600 + 160 + 240) / 2400) and violations[0].limit == 0.4
    Projects.of(scene).add_edit("P", "A", Demolish("d1", ("OLD",)))           # demolishing makes room again
    assert check_plu(scene, "P", "A") == []
    assert variant_metrics(scene, "P", "A")["emprise"][0] == pytest.approx(840 / 2400)


def test_height_violation_detected_and_compliant_design_not_flagged():
    zone = PluZone("UA", geometry=shapely.box(X0, Y0, X0 + 200, Y0 + 200), max_height=18.0)
    scene = scene_with(NewBuilding("n1", rect(110, 106, 20, 10), floors=6), plu=PluRules(zones=(zone,)))
    assert check_plu(scene, "P", "A") == []                      # 18 m: at the limit
    Projects.of(scene).replace_edit("P", "A", NewBuilding("n1", rect(110, 106, 20, 10), floors=7))
    (v,) = check_plu(scene, "P", "A")
    assert (v.building_id, v.rule, v.value, v.limit) == ("n1", "max_height", 21.0, 18.0)
    assert v.message_fr == "Hauteur 21,0 m > 18,0 m autorisés (zone UA)"
    frame = variant_metrics(scene, "P", "A")
    assert frame.loc[0, "violations"] == v.message_fr and frame.loc[0, "zone"] == "UA"


def test_raising_an_existing_building_is_checked_not_the_others():
    zone = PluZone("UA", max_height=10.0)                        # everywhere; BAT2 (12 m) has acquired rights
    scene = scene_with(SetHeight("h1", "BAT1", 15.0), plu=PluRules(zones=(zone,)))
    assert [(v.building_id, v.rule) for v in check_plu(scene, "P", "A")] == [("BAT1", "max_height")]
    assert list(variant_metrics(scene, "P", "A")["status"])[:1] == ["raised"]


def test_setback_from_the_street_edge_of_the_parcels():
    zone = PluZone("UB", setback=5.0)
    scene = scene_with(NewBuilding("n1", rect(110, 102, 20, 10), height=9.0), plu=PluRules(zones=(zone,)))
    (v,) = check_plu(scene, "P", "A")                             # 2 m from the street
    assert v.rule == "setback" and v.value == pytest.approx(2.0) and v.limit == 5.0
    assert "Recul de 2,0 m" in v.message_fr
    # 6 m from the street, 1 m from the shared side boundary with P2 and from the back: compliant
    Projects.of(scene).replace_edit("P", "A", NewBuilding("n1", rect(119, 106, 20, 13), height=9.0))
    assert check_plu(scene, "P", "A") == []


def test_setback_from_a_roads_layer_and_zones_from_a_layer():
    road = gpd.GeoDataFrame({"nom": ["Rue"]}, geometry=[shapely.box(X0, Y0 + 90, X0 + 200, Y0 + 97)], crs=CRS)
    zoning = gpd.GeoDataFrame({"libelle": ["UA", "UB"]}, crs=CRS, geometry=[
        shapely.box(X0, Y0, X0 + 140, Y0 + 200), shapely.box(X0 + 140, Y0, X0 + 200, Y0 + 200)])
    rules = PluRules(zones=(PluZone("UA", layer="Zonage", field="libelle", value="UA", setback=8.0),
                            PluZone("UB", layer="Zonage", field="libelle", value="UB", setback=2.0)),
                     roads="Voirie")
    scene = scene_with(NewBuilding("a", rect(110, 104, 20, 10), height=9.0),
                       NewBuilding("b", rect(150, 104, 20, 10), height=9.0),
                       plu=rules, extra_vectors={"Voirie": road, "Zonage": zoning})
    frame = variant_metrics(scene, "P", "A").set_index("building_id")
    assert frame.loc["a", "setback"] == pytest.approx(7.0) and frame.loc["a", "zone"] == "UA"
    assert [(v.building_id, v.rule) for v in check_plu(scene, "P", "A")] == [("a", "setback")]
    bad = PluRules(zones=(PluZone("UA", layer="Zonage", field="zone", value="UA"),))
    with pytest.raises(DataError, match="no field 'zone'"):
        check_plu(scene, "P", "A", rules=bad)


def test_zones_from_a_zoning_file_in_another_crs(tmp_path):
    zoning = gpd.GeoDataFrame({"libelle": ["UA", "UB"]}, crs=CRS, geometry=[
        shapely.box(X0, Y0, X0 + 140, Y0 + 200), shapely.box(X0 + 140, Y0, X0 + 200, Y0 + 200)]).to_crs(4326)
    path = tmp_path / "zone_urba.geojson"
    zoning.to_file(path, driver="GeoJSON")
    rules = PluRules(zones=(PluZone("UA", source=path, field="libelle", value="UA", max_height=10.0),
                            PluZone("UB", source=path, field="libelle", value="UB", max_height=15.0)))
    scene = scene_with(NewBuilding("a", rect(110, 104, 20, 10), height=12.0),
                       NewBuilding("b", rect(150, 104, 20, 10), height=12.0), plu=rules)
    assert list(variant_metrics(scene, "P", "A")["zone"][:2]) == ["UA", "UB"]
    assert [(v.building_id, v.limit) for v in check_plu(scene, "P", "A")] == [("a", 10.0)]
    with pytest.raises(DataError, match="not found"):
        check_plu(scene, "P", "A", PluRules(zones=(PluZone("UA", source=tmp_path / "no.json", field="f", value="v"),)))


def test_zone_rules_are_validated():
    with pytest.raises(ValueError, match="ratio"):
        PluZone("UA", max_emprise=80.0)
    with pytest.raises(ValueError, match="positive"):
        PluZone("UA", max_height=0.0)
    with pytest.raises(ValueError, match="field and value"):
        PluZone("UA", layer="Zonage")
    with pytest.raises(ValueError, match="one way"):
        PluZone("UA", geometry=shapely.box(0, 0, 1, 1), layer="Zonage", field="f", value="v")


def test_baseline_has_no_changed_building():
    frame = variant_metrics(scene_with(), None, None)
    assert list(frame["building_id"]) == ["Total"] and frame.loc[0, "footprint_area"] == 0.0


def test_csv_export_in_french(tmp_path):
    scene = scene_with(NewBuilding("n1", rect(110, 106, 20, 10), height=12.0, floors=4))
    frame = variant_metrics(scene, "P", "A")
    out = metrics_to_csv(frame, tmp_path / "metriques.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                      # a BOM: spreadsheets read UTF-8
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].split(";") == [COLUMNS_FR[c] for c in frame.columns]
    back = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Surface de plancher estimée (m²)"].tolist() == [640.0, 640.0]
    assert back["État"].tolist()[0] == "neuf" and back["Coefficient d'emprise au sol"][0] == 0.25
    assert list(tmp_path.iterdir()) == [out]                      # nothing left aside
    with pytest.raises(DataError, match="cannot be written"):
        metrics_to_csv(frame, tmp_path / "missing" / "m.csv")
