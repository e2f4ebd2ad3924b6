"""The expression language on BD TOPO's and Etalab's real files and on small frames
built to pin NULL's three-valued logic and the parser's error positions."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from twin.core.expressions import ExpressionError, parse


@pytest.fixture(scope="module")
def lyon(request):
    from tests.conftest import SHARED
    return gpd.read_file(SHARED / "cadastre" / "bdtopo_lyon1" / "buildings_lyon1.geojson")


@pytest.fixture(scope="module")
def parcels():
    from tests.conftest import SHARED
    return gpd.read_file(SHARED / "cadastre" / "etalab_cadastre-75118-parcelles.json")


@pytest.fixture
def small():
    return gpd.GeoDataFrame({
        "h": [10.0, None, 20.0, 5.0],
        "usage": ["Résidentiel", "Commercial", None, "Résidentiel"],
        "n": pd.array([1, 2, None, 4], dtype="Int64"),
        "nom": ["Rue de l'Abbé", "Place des Héros", "rue Gambetta", "50%_off"],
        "ok": [True, False, True, None],
    }, geometry=[box(0, 0, 10, 20), box(0, 0, 3, 4), LineString([(0, 0), (3, 4)]), Point(1, 1)],
        crs="EPSG:2154")


def values(expr, frame):
    return parse(expr).evaluate(frame).astype(object).where(lambda s: s.notna(), None).tolist()


def test_filter_on_bdtopo_matches_pandas(lyon):
    expr = parse('"HAUTEUR" > 15 AND "USAGE1" = \'Résidentiel\'')
    assert expr.fields == ["HAUTEUR", "USAGE1"]
    expected = (lyon["HAUTEUR"] > 15) & (lyon["USAGE1"] == "Résidentiel")
    assert expected.sum() > 100
    np.testing.assert_array_equal(expr.mask(lyon), expected.to_numpy())


def test_in_like_and_is_null_on_bdtopo(lyon):
    usages = ("Résidentiel", "Commercial et services")
    np.testing.assert_array_equal(parse("\"USAGE1\" IN ('Résidentiel', 'Commercial et services')").mask(lyon),
                                  lyon["USAGE1"].isin(usages).to_numpy())
    # NOT IN keeps neither the listed values nor the NULLs
    not_in = parse("\"USAGE1\" NOT IN ('Résidentiel')").mask(lyon)
    np.testing.assert_array_equal(not_in, (lyon["USAGE1"].notna() & (lyon["USAGE1"] != "Résidentiel")).to_numpy())
    np.testing.assert_array_equal(parse('"NB_ETAGES" IS NULL').mask(lyon), lyon["NB_ETAGES"].isna().to_numpy())
    np.testing.assert_array_equal(parse('"NB_ETAGES" IS NOT NULL').mask(lyon), lyon["NB_ETAGES"].notna().to_numpy())
    like = parse("\"NATURE\" ILIKE 'indiff%'").mask(lyon)
    np.testing.assert_array_equal(like, lyon["NATURE"].str.lower().str.startswith("indiff").fillna(False).to_numpy())


def test_field_names_ignore_case_when_unambiguous(lyon):
    np.testing.assert_array_equal(parse("hauteur >= 9.2").mask(lyon), (lyon["HAUTEUR"] >= 9.2).to_numpy())


def test_area_in_metres_on_geographic_parcels(parcels):
    # Etalab's parcels are lon/lat; $area reads them in the scene's Lambert-93, where
    # their area is close to the cadastre's own "contenance" (m²)
    area = parse("$area").evaluate(parcels, crs="EPSG:2154").to_numpy(dtype=float)
    ratio = area / parcels["contenance"].to_numpy(dtype=float)
    assert np.nanmedian(ratio) == pytest.approx(1.0, abs=0.05)
    big = parse("$area > 1000 AND \"section\" = 'AA'").mask(parcels, crs="EPSG:2154")
    assert big.sum() == ((area > 1000) & (parcels["section"] == "AA").to_numpy()).sum() > 0


def test_parcel_ids_are_text_compared_exactly(parcels):
    hit = parse("\"id\" = '75118000AA0002'").mask(parcels)
    assert hit.sum() == 1 and parcels["id"][hit].iloc[0] == "75118000AA0002"
    # a number beside text is read as a number, as in QGIS: "numero" is text there
    assert parse('"numero" = 2').mask(parcels).sum() == (parcels["numero"].astype(int) == 2).sum()


def test_three_valued_logic(small):
    assert values('"h" > 8', small) == [True, None, True, False]
    assert values('"h" > 8 AND "usage" = \'Résidentiel\'', small) == [True, False, None, False]
    assert values('"h" > 8 OR "usage" = \'Résidentiel\'', small) == [True, None, True, True]
    assert values('NOT ("h" > 8)', small) == [False, None, False, True]
    assert values("NULL = NULL", small)[0] is None
    assert values("NULL IS NULL", small)[0] is True
    assert values("\"usage\" IN ('Commercial', NULL)", small) == [None, True, None, None]
    assert parse('"h" > 8').mask(small).tolist() == [True, False, True, False]


def test_arithmetic_text_and_functions(small):
    assert values('"h" * 2 + 1', small) == [21, None, 41, 11]
    assert values("7 % 3 + 7 // 2 + 2 ^ 3 ^ 2", small)[0] == 1 + 3 + 512
    assert values("-7 % 3", small)[0] == -1
    assert values('"h" / 0', small) == [None] * 4
    assert values("round(2.5) + round(-2.5) + round(1.2345, 2)", small)[0] == pytest.approx(1.23)
    assert values("'h=' || \"h\" || ' m'", small) == ["h=10 m", None, "h=20 m", "h=5 m"]
    assert values("concat('n', \"n\")", small) == ["n1", "n2", "n", "n4"]
    assert values('coalesce("h", "n", -1)', small) == [10, 2, 20, 5]
    assert values('upper("usage")', small) == ["RÉSIDENTIEL", "COMMERCIAL", None, "RÉSIDENTIEL"]
    assert values('length(lower("nom"))', small) == [13, 15, 12, 7]
    assert values("to_int('12') + to_real('0.5') + abs(-1)", small)[0] == 13.5
    assert values("CASE WHEN \"h\" >= 20 THEN 'haut' WHEN \"h\" >= 10 THEN 'moyen' ELSE 'bas' END", small) \
        == ["moyen", "bas", "haut", "bas"]
    assert values('if("ok", 1, 0)', small) == [1, 0, 1, 0]


def test_like_patterns(small):
    assert values("\"nom\" LIKE 'Rue %'", small) == [True, False, False, False]
    assert values("\"nom\" ILIKE 'rue %'", small) == [True, False, True, False]
    assert values("\"nom\" LIKE '__\\%\\_off'", small) == [False, False, False, True]
    assert values("\"nom\" LIKE '%l''Abbé'", small) == [True, False, False, False]
    assert values("\"nom\" NOT LIKE 'Rue %'", small) == [False, True, True, True]
    assert values("\"nom\" ~ 'H[ée]ros'", small) == [False, True, False, False]


def test_geometry_variables(small):
    assert values("$area", small) == [200, 12, 0, 0]
    assert values("$length", small) == [60, 14, 5, 0]
    assert values("$perimeter", small) == [60, 14, 0, 0]
    assert values("$x", small)[0] == 5


@pytest.mark.parametrize("text, position, words", [
    ('"hauteur" > ', 12, "ends too early"),
    ("'Résidentiel", 0, "unterminated string"),
    ('"hauteur > 2', 0, "unterminated field"),
    ("(1 + 2", 6, "expected ')'"),
    ("1 2", 2, "after a complete expression"),
    ('"h" @ 3', 4, "unexpected character '@'"),
    ("frobnicate(1)", 0, "unknown function frobnicate()"),
    ("round(1, 2, 3)", 0, "round() takes"),
    ("$volume > 2", 0, "unknown variable $volume"),
    ('"h" NOT 3', 8, "expected IN, LIKE or ILIKE"),
    ("CASE ELSE 1 END", 5, "expected WHEN"),
    ("", 0, "empty"),
])
def test_bad_syntax_is_refused_with_its_position(text, position, words):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert caught.value.position == position
    assert words in caught.value.reason
    assert caught.value.caret().splitlines()[1].index("^") == position


def test_missing_field_names_it_and_suggests(lyon):
    expr = parse("\"usage_1\" = 'Résidentiel' AND \"hauteurr\" > 3")
    with pytest.raises(ExpressionError) as caught:
        expr.evaluate(lyon)
    # the first missing field is named, with its position and a suggestion
    assert caught.value.position == 0 and "usage_1" in caught.value.reason
    assert "USAGE1" in caught.value.hint
    with pytest.raises(ExpressionError, match="hauteurr") as caught:
        parse('"hauteurr" > 3').check(lyon.columns)
    assert "HAUTEUR" in caught.value.hint


def test_a_text_is_not_a_condition_and_patterns_are_constant(small):
    with pytest.raises(ExpressionError, match="not a condition") as caught:
        parse('"usage" AND "h" > 2').mask(small)
    assert caught.value.position == 0
    with pytest.raises(ExpressionError, match="pattern") as caught:
        parse('"nom" LIKE "usage"').evaluate(small)
    assert caught.value.position == 11
    with pytest.raises(ExpressionError, match="geometries"):
        parse("$area").evaluate(pd.DataFrame({"a": [1]}))


def test_never_evaluates_python(small):
    with pytest.raises(ExpressionError):
        parse("__import__('os').system('true')")
    with pytest.raises(ExpressionError):
        parse('"h".__class__').evaluate(small)


def test_vectorised_on_a_large_frame():
    n = 200_000
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"h": rng.uniform(0, 40, n), "u": rng.choice(["a", "b", None], n)})
    mask = parse("\"h\" > 15 AND \"u\" IN ('a', 'b') OR round(\"h\") = 3").mask(frame)
    expected = ((frame["h"] > 15) & frame["u"].isin(["a", "b"])) | (np.floor(frame["h"] + 0.5) == 3)
    np.testing.assert_array_equal(mask, expected.to_numpy())
