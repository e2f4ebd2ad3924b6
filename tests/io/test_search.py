"""Search without Qt: coordinates, parcel ids and names on the demo scene, and the address
geocoder against a local HTTP server answering as the national address service does
(never the internet), down, failing or too slow."""

from __future__ import annotations

import pytest

from tests.geocoder_server import nothing_listening, serving
from twin.io.geocoder import GeocoderUnavailable, geocode
from twin.io.search import normalise_parcel_id, parse_coordinates, search_offline

@pytest.fixture
def server(monkeypatch):
    with serving(monkeypatch) as handler:
        yield handler


@pytest.fixture
def closed_port(monkeypatch):
    nothing_listening(monkeypatch)


@pytest.fixture(scope="module")
def demo():
    from tests.conftest import DEMO_SCENE
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    return scene


@pytest.mark.parametrize("text, expected", [
    ("62041000AB0012", "62041000AB0012"), ("62041 000 AB 0012", "62041000AB0012"),
    ("62041000ab12", "62041000AB0012"), ("2A004000A 0012", "2A0040000A0012"),
    ("62041", None), ("rue Gambetta", None),
])
def test_parcel_ids_are_recognised_and_normalised(text, expected):
    assert normalise_parcel_id(text) == expected


def test_coordinates_in_lambert93_and_wgs84():
    l93 = parse_coordinates("684131.5 7021537", "EPSG:2154")
    assert (l93.x, l93.y, l93.kind) == (684131.5, 7021537.0, "coordinates")
    assert parse_coordinates("7021537; 684131,5", "EPSG:2154").x == 684131.5
    lat_lon = parse_coordinates("50.2910, 2.7775", "EPSG:2154")
    lon_lat = parse_coordinates("2.7775 50.2910", "EPSG:2154")
    assert lat_lon.x == pytest.approx(lon_lat.x) and lat_lon.y == pytest.approx(lon_lat.y)
    assert lat_lon.x == pytest.approx(684124, abs=2) and lat_lon.y == pytest.approx(7021481, abs=2)
    assert parse_coordinates("12 rue Gambetta", "EPSG:2154") is None
    assert parse_coordinates("5000 5000", "EPSG:2154") is None


def test_a_parcel_id_lands_on_its_parcel(demo):
    places = search_offline(demo, "62041 000 AA 2")
    frame = demo.layers.find("Parcelles").data.table.frame
    parcel = frame[frame["id"] == "62041000AA0002"].geometry.iloc[0]
    assert len(places) == 1 and places[0].kind == "parcel"
    assert parcel.contains(__import__("shapely").Point(places[0].x, places[0].y))
    assert places[0].bounds == pytest.approx(parcel.bounds)
    assert search_offline(demo, "62041000ZZ9999") == []


def test_streets_and_places_of_the_loaded_layers(demo):
    street = search_offline(demo, "rue gambetta")
    assert street[0].label == "Rue Gambetta" and street[0].kind == "street" and street[0].score == 1.0
    # accents and case aside, one answer per name
    heros = search_offline(demo, "HEROS")
    assert [p.label for p in heros].count("Place des Héros") == 1
    assert search_offline(demo, "beffroi")[0].source == "Bâtiments (LoD1)"
    assert search_offline(demo, "xyzzy") == []


def test_geocoder_answers_in_the_scene_crs(server):
    places = geocode("grand'place arras", "EPSG:2154", near=(684100.0, 7021500.0))
    assert places[0].label == "Grand'Place 62000 Arras" and places[0].kind == "street"
    assert (places[0].x, places[0].y) == (684181.43, 7021573.8)     # Lambert-93 x, y taken as given
    path, query = server.seen[-1]
    assert path == "/geocodage/search" and query["q"] == ["grand'place arras"]
    assert float(query["lat"][0]) == pytest.approx(50.29, abs=0.01)
    # without x/y the WGS84 geometry is reprojected
    taillerie = geocode("taillerie", "EPSG:2154")[0]
    assert taillerie.kind == "address" and taillerie.x == pytest.approx(684187, abs=30)
    assert geocode("nowhere at all", "EPSG:2154") == []


def test_geocoder_failures_are_clear(server, monkeypatch):
    server.status = 503
    with pytest.raises(GeocoderUnavailable, match="HTTP 503"):
        geocode("arras", "EPSG:2154")
    server.status, server.body = 200, b"<html>maintenance</html>"
    with pytest.raises(GeocoderUnavailable, match="not the GeoJSON"):
        geocode("arras", "EPSG:2154")
    server.body, server.delay = None, 1.0
    with pytest.raises(GeocoderUnavailable, match="cannot be reached"):
        geocode("arras", "EPSG:2154", timeout=0.2)


def test_no_network_is_said_plainly(closed_port):
    with pytest.raises(GeocoderUnavailable, match="cannot be reached") as caught:
        geocode("arras", "EPSG:2154", timeout=1.0)
    assert "loaded layers" in caught.value.hint
