"""``twin fetch``'s model against a local server answering as the Géoplateforme and Etalab's
cadastre do (tests/geopf_server.py), from real files: the plan, paging, resumed and
retried downloads, reruns, cancel, and each failure said with the service's name."""

import hashlib
import time

import pyogrio
import pytest
import rasterio

from tests.geopf_server import LIDAR_TILE, PAGE_CAP, serving
from twin.core.errors import Canceled, DataError
from twin.core.feedback import Feedback
from twin.io.fetch import http
from twin.io.fetch.commune import fetch, parse_what, plan
from twin.io.fetch.http import ServiceError


@pytest.fixture
def geopf(delivered, shared, monkeypatch, tmp_path_factory):
    with serving(delivered, shared, monkeypatch, tmp_path_factory.mktemp("geopf")) as server:
        yield server


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _served(server, path):
    return server.data.files[path]


def test_the_plan_of_a_commune_lists_its_tiles_with_their_sizes(geopf, tmp_path):
    p = plan("12174", tmp_path / "olemps", sizes=True, resolution=2.0)
    assert (p.code, p.name) == ("12174", "Olemps")
    by_what = {}
    for job in p.jobs:
        by_what.setdefault(job.what, []).append(job)
    assert [j.dest.name for j in by_what["lidar"]] == [LIDAR_TILE]
    assert by_what["lidar"][0].size == _served(geopf, f"/lidarhd/{LIDAR_TILE}").stat().st_size
    assert by_what["cadastre"][0].dest.name == "cadastre-12174-parcelles.json.gz"
    # the MNT tiles are those meeting the window, not all the index's within its box
    assert 0 < len(by_what["mnt"]) < len(geopf.data.layers["IGNF_MNT-LIDAR-HD:dalle"])
    assert all(j.size is None for j in by_what["mnt"])               # HEAD refused: the size stays unknown
    assert by_what["bdtopo"][0].features > 2273 and by_what["ortho"][0].approx
    agents = {headers.get("User-Agent") for _, _, headers in geopf.seen}
    assert agents == {http.USER_AGENT} and http.USER_AGENT.startswith("twin/")


def test_bdtopo_is_read_page_after_page_into_one_geopackage(geopf, tmp_path):
    p = plan("12174", tmp_path / "olemps", ["bdtopo"])
    *_, job = fetch(p)
    layers = dict(pyogrio.list_layers(job.dest))
    assert set(layers) == {"commune", "batiment", "zone_de_vegetation", "surface_hydrographique",
                           "troncon_de_route"}
    assert layers["batiment"] == "MultiPolygon Z"                  # BD TOPO is 3D
    buildings = pyogrio.read_dataframe(job.dest, layer="batiment")
    assert len(buildings) == 2273 > PAGE_CAP                      # all of Olemps's, over three pages
    assert {"cleabs", "hauteur", "usage_1"} <= set(buildings.columns)
    pages = [path for _, path, _ in geopf.seen if "BDTOPO_V3:batiment" in path]
    assert sum("STARTINDEX=" in path for path in pages) == 3
    commune = pyogrio.read_dataframe(job.dest, layer="commune")
    assert commune[["code_insee", "nom_officiel"]].values.tolist() == [["12174", "Olemps"]]


def test_a_503_then_success_waits_as_the_server_asks(geopf, tmp_path):
    geopf.faults["cadastre-12174"] = ["503", "503"]
    p = plan("12174", tmp_path / "o", ["cadastre"])
    start = time.monotonic()
    *_, job = fetch(p)
    assert time.monotonic() - start >= 2.0                          # Retry-After: 1, twice
    assert _sha(job.dest) == _sha(_served(geopf, "/cadastre/communes/12/12174/cadastre-12174-parcelles.json.gz"))


def test_a_download_dropped_midway_resumes_where_it_stopped(geopf, tmp_path):
    geopf.faults["/lidarhd/"] = ["drop"]
    *_, job = fetch(plan("12174", tmp_path / "o", ["lidar"]))
    assert job.status == "resumed" and _sha(job.dest) == _sha(_served(geopf, f"/lidarhd/{LIDAR_TILE}"))
    ranges = [h.get("Range") for _, path, h in geopf.seen if path.startswith("/lidarhd/")]
    size = job.dest.stat().st_size
    assert ranges == [None, f"bytes={size // 2}-"]
    assert not list(job.dest.parent.glob("*.part"))


def test_a_download_that_keeps_breaking_keeps_its_part_and_a_rerun_resumes(geopf, tmp_path, monkeypatch):
    monkeypatch.setattr(http, "RETRIES", 1)
    geopf.faults["/lidarhd/"] = ["drop", "drop"]
    with pytest.raises(ServiceError, match="IGN LiDAR HD downloads .*broke off 2 times.*it resumes"):
        fetch(plan("12174", tmp_path / "o", ["lidar"]))
    dest = tmp_path / "o" / "lidar" / LIDAR_TILE
    assert not dest.exists() and dest.with_name(dest.name + ".part").stat().st_size > 0
    *_, job = fetch(plan("12174", tmp_path / "o", ["lidar"]))
    assert job.status == "resumed" and _sha(dest) == _sha(_served(geopf, f"/lidarhd/{LIDAR_TILE}"))


def test_a_file_that_does_not_match_its_checksum_is_not_kept(geopf, tmp_path):
    geopf.faults["/lidarhd/"] = ["corrupt"]
    with pytest.raises(ServiceError, match=f"{LIDAR_TILE}: its sha256 checksum does not match the service's"):
        fetch(plan("12174", tmp_path / "o", ["lidar"]))
    assert not list((tmp_path / "o" / "lidar").glob("*"))            # neither the file nor its part
    *_, job = fetch(plan("12174", tmp_path / "o", ["lidar"]))          # fetched anew, whole
    assert _sha(job.dest) == _sha(_served(geopf, f"/lidarhd/{LIDAR_TILE}"))


def test_a_rerun_fetches_only_what_is_missing_or_changed(geopf, tmp_path):
    out = tmp_path / "o"
    fetch(plan("12174", out, ["bdtopo", "cadastre", "lidar"]))
    (out / "lidar" / LIDAR_TILE).unlink()
    geopf.seen.clear()
    jobs = fetch(plan("12174", out, ["bdtopo", "cadastre", "lidar"]))
    assert {j.what: j.status for j in jobs} == {"bdtopo": "unchanged", "cadastre": "unchanged",
                                                 "lidar": "downloaded"}
    asked = {path.split("?")[0]: h for _, path, h in geopf.seen}
    assert asked["/cadastre/communes/12/12174/cadastre-12174-parcelles.json.gz"]["If-None-Match"]
    assert not any("BDTOPO_V3" in path for _, path, _ in geopf.seen)   # the GeoPackage is not made again


def test_cancel_stops_and_leaves_no_file_as_if_complete(geopf, tmp_path):
    fb = Feedback(on_progress=lambda f, text: LIDAR_TILE in text and fb.cancel())
    with pytest.raises(Canceled):
        fetch(plan("12174", tmp_path / "o", ["lidar"]), fb)
    assert not (tmp_path / "o" / "lidar" / LIDAR_TILE).exists()


def test_the_orthophoto_is_one_tiled_geotiff_with_overviews(geopf, tmp_path, monkeypatch):
    from twin.io.fetch import commune
    monkeypatch.setattr(commune, "ORTHO_TILE", 1024)                 # several GetMap for a small image
    *_, job = fetch(plan("12174", tmp_path / "o", ["ortho"], resolution=2.0))
    assert job.dest.name == "ORTHO_12174_2M00.tif"
    with rasterio.open(job.dest) as src:
        assert (src.count, src.crs.to_epsg(), src.res) == (3, 2154, (2.0, 2.0))
        assert src.profile["tiled"] and src.overviews(1) == [2, 4, 8]   # down to 256 px
        assert src.read(1, out_shape=(64, 64)).std() > 10              # the photograph, not a blank
    assert sum("REQUEST=GetMap" in path for _, path, _ in geopf.seen) == 9


def test_an_orthophoto_interrupted_is_taken_up_where_it_stopped(geopf, tmp_path, monkeypatch):
    """The GetMap answers are kept until the image is whole: after the service failed on
    the fourth of nine, a rerun asks for the six left, and the image is the same as one
    made in one go; the answers kept are then removed."""
    from twin.io.fetch import commune
    monkeypatch.setattr(commune, "ORTHO_TILE", 1024)
    whole = fetch(plan("12174", tmp_path / "whole", ["ortho"], resolution=2.0))[-1].dest
    geopf.faults["REQUEST=GetMap"] = [None, None, None, "garbage"]
    with pytest.raises(ServiceError):
        fetch(plan("12174", tmp_path / "o", ["ortho"], resolution=2.0))
    kept = tmp_path / "o" / "ortho" / ".ORTHO_12174_2M00.pieces"
    assert len(list(kept.glob("*.img"))) == 3 and not (tmp_path / "o" / "ortho" / "ORTHO_12174_2M00.tif").exists()
    geopf.seen.clear()
    *_, job = fetch(plan("12174", tmp_path / "o", ["ortho"], resolution=2.0))
    assert sum("REQUEST=GetMap" in path for _, path, _ in geopf.seen) == 6
    with rasterio.open(job.dest) as a, rasterio.open(whole) as b:
        assert (a.read() == b.read()).all()
    assert not kept.exists()


def test_an_answer_not_as_documented_is_said_and_nothing_is_left(geopf, tmp_path):
    geopf.faults["REQUEST=GetMap"] = ["garbage"]
    with pytest.raises(ServiceError, match="WMS-R .*GetMap with something else than an image"):
        fetch(plan("12174", tmp_path / "o", ["ortho"], resolution=5.0))
    assert not list((tmp_path / "o" / "ortho").glob("*"))             # neither the image nor its part
    assert [p.name for p in (tmp_path / "o" / "bdtopo").glob("*")] == ["COMMUNE_12174.gpkg"]   # whole
    geopf.faults["CQL_FILTER"] = ["garbage"]
    with pytest.raises(ServiceError, match="Géoplateforme WFS .*not JSON .*Maintenance"):
        plan("12174", tmp_path / "o")


def test_a_commune_that_does_not_exist_and_a_bad_code_are_said(geopf, tmp_path):
    with pytest.raises(ServiceError, match="no commune 99999 in ADMIN EXPRESS — check the INSEE code"):
        plan("99999", tmp_path)
    with pytest.raises(DataError, match="'6200' is not an INSEE commune code .*not the postcode"):
        plan("6200", tmp_path)
    with pytest.raises(DataError, match="unknown lidars"):
        parse_what("bdtopo,lidars")


def test_a_slow_service_is_waited_for_then_given_up(geopf, tmp_path, monkeypatch):
    monkeypatch.setenv("TWIN_FETCH_TIMEOUT", "1")
    monkeypatch.setattr(http, "RETRIES", 1)
    monkeypatch.setattr(http, "BACKOFF_S", 0.1)
    geopf.faults["CQL_FILTER"] = ["slow"]
    assert plan("12174", tmp_path, []).name == "Olemps"               # once slow, then answered
    geopf.faults["CQL_FILTER"] = ["slow", "slow"]
    with pytest.raises(ServiceError, match="WFS .*did not answer within 1 s — .*TWIN_FETCH_TIMEOUT"):
        plan("12174", tmp_path, [])


def test_no_network_fails_at_once(monkeypatch, tmp_path):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("TWIN_GEOPF_URL", f"http://127.0.0.1:{port}")       # nothing listens there
    start = time.monotonic()
    with pytest.raises(ServiceError, match=f"Géoplateforme WFS \\(http://127.0.0.1:{port}/wfs/ows\\): cannot be "
                                           "reached .*TWIN_GEOPF_URL"):
        plan("62041", tmp_path)
    assert time.monotonic() - start < 2
