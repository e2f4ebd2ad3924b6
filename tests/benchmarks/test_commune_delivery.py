"""The synthetic commune delivery (benchmarks/commune_delivery.py), generated small: the
files read back with pyogrio, rasterio and laspy as IGN's and Etalab's do (layers,
fields, CRS, counts, names), the products agree with each other, and one seed writes
the same bytes twice."""

from __future__ import annotations

import gzip
import json
import re

import numpy as np
import pytest

from benchmarks.commune_delivery import generate, main, plan

SCALE = 0.002          # 600 buildings, 30 communes, 40² MNT tiles, a 400² ortho, 8 000 points a tile
BATIMENT_FIELDS = [
    "cleabs", "nature", "usage_1", "usage_2", "construction_legere", "etat_de_l_objet", "date_creation",
    "date_modification", "date_d_apparition", "date_de_confirmation", "sources", "identifiants_sources",
    "methode_d_acquisition_planimetrique", "methode_d_acquisition_altimetrique", "precision_planimetrique",
    "precision_altimetrique", "nombre_de_logements", "nombre_d_etages", "materiaux_des_murs",
    "materiaux_de_la_toiture", "hauteur", "altitude_minimale_sol", "altitude_minimale_toit",
    "altitude_maximale_toit", "altitude_maximale_sol", "origine_du_batiment", "appariement_fichiers_fonciers",
    "identifiants_rnb"]


@pytest.fixture(scope="module")
def twice(tmp_path_factory):
    root = tmp_path_factory.mktemp("delivery")
    first = generate(root / "a", seed=7, scale=SCALE, feedback=lambda _: None)
    generate(root / "b", seed=7, scale=SCALE, feedback=lambda _: None)
    return root / "a", root / "b", first


@pytest.fixture(scope="module")
def delivery(twice):
    folder, _, manifest = twice
    return folder, manifest


def _one(folder, pattern):
    found = sorted(folder.rglob(pattern))
    assert len(found) == 1, found
    return found[0]


def test_the_full_size_is_the_issue_s():
    p = plan(1.0)
    assert p["buildings"] >= 300_000 and p["communes"] >= 30
    assert p["mnt_pixels"] == 2000 and p["mnt_resolution"] == 0.5
    assert p["ortho_resolution"] == 0.2          # 10 000 × 10 000 pixels over the 2 km window


def test_bd_topo_layers_fields_and_crs(delivery):
    import pyogrio
    folder, m = delivery
    gpkg = _one(folder, "*.gpkg")
    assert re.fullmatch(r"BDT_3-3_GPKG_LAMB93_D062-ED\d{4}-\d\d-\d\d\.gpkg", gpkg.name)
    layers = pyogrio.list_layers(gpkg)
    assert [name for name, _ in layers] == ["aerodrome", "batiment", "commune", "surface_hydrographique",
                                            "troncon_de_route", "zone_de_vegetation"]
    info = pyogrio.read_info(gpkg, layer="batiment")
    assert list(info["fields"]) == BATIMENT_FIELDS
    assert info["geometry_type"] == "MultiPolygon Z" and info["crs"] == "EPSG:2154"
    assert info["features"] == m["counts"]["batiment"] == 600
    bat = pyogrio.read_dataframe(gpkg, layer="batiment")
    assert bat.cleabs.str.fullmatch(r"BATIMENT\d{16}").all() and bat.cleabs.is_unique
    assert bat.geometry.is_valid.all()
    # never overlapping footprints, heights where IGN has them, floors on about a third
    assert not bat.sindex.query(bat.geometry.values, predicate="overlaps").size
    assert 0.9 < bat.hauteur.notna().mean() < 1.0 and 0.2 < bat.nombre_d_etages.notna().mean() < 0.5
    known = bat.hauteur.notna() & (bat.hauteur > 0)
    assert np.allclose(bat.altitude_minimale_toit[known] - bat.altitude_minimale_sol[known], bat.hauteur[known], atol=0.11)
    assert (bat.altitude_maximale_toit[known] >= bat.altitude_minimale_toit[known]).all()
    communes = pyogrio.read_dataframe(gpkg, layer="commune")
    assert len(communes) == m["communes"] >= 30 and communes.code_insee.is_unique
    arras = communes[communes.code_insee == "62041"]
    assert arras.nom_officiel.tolist() == ["Arras"]
    # the communes tile the land: no overlap, and every building is in one
    assert communes.geometry.area.sum() == pytest.approx(communes.union_all().area, rel=1e-6)
    x0, y0, x1, y1 = arras.total_bounds
    assert 682_000 < x0 < x1 < 686_000 and 7_020_000 < y0 < y1 < 7_023_000       # inside the 12 tiles
    window = pyogrio.read_dataframe(gpkg, layer="batiment", bbox=tuple(arras.total_bounds))
    assert m["commune"]["buildings"] <= len(window) < len(bat)
    roads = pyogrio.read_info(gpkg, layer="troncon_de_route")
    assert roads["geometry_type"] == "LineString Z" and "insee_commune_gauche" in roads["fields"]


def test_etalab_parcels_as_served(delivery):
    import pyogrio
    folder, m = delivery
    path = _one(folder, "cadastre-62041-parcelles.json.gz")
    lines = gzip.decompress(path.read_bytes()).decode().split("\n")
    assert lines[0] == '{"type":"FeatureCollection","features":['
    assert lines[-1].endswith("]}") and all(line.endswith(",") for line in lines[1:-1])
    features = [json.loads(line.rstrip(",").removesuffix("]}")) for line in lines[1:]]
    assert len(features) == m["counts"]["parcelles"] > 50
    keys = {"id", "commune", "prefixe", "section", "numero", "contenance", "arpente", "created", "updated"}
    for f in features:
        p = f["properties"]
        assert set(p) <= keys and set(p) >= keys - {"contenance"}
        assert f["id"] == p["id"] == p["commune"] + p["prefixe"] + p["section"].rjust(2, "0") + p["numero"].zfill(4)
        assert p["commune"] == "62041" and p["created"] <= p["updated"]
    assert len({f["id"] for f in features}) == len(features)
    frame = pyogrio.read_dataframe(f"/vsigzip/{path}")
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(features)
    lon, lat = frame.geometry.representative_point().x, frame.geometry.representative_point().y
    assert lon.between(2.70, 2.84).all() and lat.between(50.26, 50.32).all()     # around Arras
    coords = re.findall(r"\[(-?\d+\.\d+),(-?\d+\.\d+)\]", lines[1])
    assert coords and all(len(c.split(".")[1]) <= 7 for pair in coords for c in pair)


def test_mnt_tiles_named_and_georeferenced_as_lidar_hd(delivery):
    import rasterio
    folder, m = delivery
    tiles = sorted(folder.rglob("*_MNT_*.tif"))
    assert len(tiles) == 12
    nodata_somewhere = False
    for path in tiles:
        match = re.fullmatch(r"LHD_FXX_(\d{4})_(\d{4})_MNT_A_(\d+)M(\d\d)_LAMB93_IGN69\.tif", path.name)
        assert match, path.name
        with rasterio.open(path) as src:
            assert src.crs.to_epsg() == 2154 and src.nodata == -99999 and src.dtypes == ("float32",)
            assert src.width == src.height == m["mnt_pixels"]
            assert src.bounds.left == int(match[1]) * 1000 and src.bounds.top == int(match[2]) * 1000
            assert src.res[0] == pytest.approx(int(match[3]) + int(match[4]) / 100)
            z = src.read(1)
        valid = z[z != -99999]
        assert valid.size and 30 < valid.min() and valid.max() < 120
        nodata_somewhere |= bool((z == -99999).any())
    assert nodata_somewhere


def test_ortho_is_a_georeferenced_jpeg_2000(delivery):
    import rasterio
    folder, m = delivery
    path = _one(folder, "*.jp2")
    assert re.fullmatch(r"62-\d{4}-0683-7023-LA93-\d+M\d\d-E080\.jp2", path.name)
    with rasterio.open(path) as src:
        assert src.driver == "JP2OpenJPEG" and src.count == 3 and src.dtypes == ("uint8",) * 3
        assert src.crs.to_epsg() == 2154 and src.res == (m["ortho_resolution"],) * 2
        assert tuple(src.bounds) == pytest.approx(tuple(m["ortho_window"]))
        assert src.overviews(1)
        img = src.read()
    assert img.std() > 10                                # a picture, not a flat colour


def test_copc_tiles_and_their_roofs_on_the_buildings(delivery):
    import laspy
    import pyogrio
    import shapely
    folder, m = delivery
    tiles = sorted(folder.rglob("*.copc.laz"))
    assert len(tiles) == 12
    assert all(re.fullmatch(r"LHD_FXX_\d{4}_\d{4}_PTS_C_LAMB93_IGN69\.copc\.laz", t.name) for t in tiles)
    for path in tiles:
        with laspy.CopcReader.open(path) as reader:                # a COPC hierarchy
            assert reader.header.point_format.id == 6 and 0 < reader.header.point_count <= m["points"]
        with laspy.open(path) as reader:                    # twin prepare writes the WKT as an EVLR
            assert reader.header.parse_crs().to_epsg() == 2154
    las = laspy.read(_one(folder, "LHD_FXX_0684_7022_PTS_C_LAMB93_IGN69.copc.laz"))
    assert las.header.point_count == m["points"]                     # a tile inside the survey
    assert {2, 6} <= set(np.unique(las.classification))
    assert las.x.min() >= 684_000 and las.x.max() <= 685_000 and las.y.min() >= 7_021_000
    bat = pyogrio.read_dataframe(_one(folder, "*.gpkg"), layer="batiment", bbox=(684_000, 7_021_000, 685_000, 7_022_000))
    bat = bat[bat.hauteur.notna()]
    roof = np.asarray(las.classification) == 6
    pts = shapely.points(np.asarray(las.x)[roof], np.asarray(las.y)[roof])
    hit_point, hit_building = shapely.STRtree(bat.geometry.values).query(pts, predicate="within")
    assert len(hit_point) > 0.9 * roof.sum()
    z = np.asarray(las.z)[roof][hit_point]
    lo, hi = bat.altitude_minimale_toit.to_numpy()[hit_building], bat.altitude_maximale_toit.to_numpy()[hit_building]
    assert np.mean((z > lo - 0.2) & (z < hi + 0.2)) > 0.97


def test_one_seed_writes_the_same_bytes(twice):
    a, b, manifest = twice
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.name != "delivery.toml")
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.name != "delivery.toml")
    differ = [str(f) for f in files if (a / f).read_bytes() != (b / f).read_bytes()]
    assert differ == []                   # only delivery.toml differs: it records how long each part took
    assert sorted(map(str, files)) == sorted(manifest["files"])


def test_bad_arguments_are_refused_with_the_reason(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--out", str(tmp_path / "x"), "--scale", "0"])
    assert exc.value.code == 2 and "--scale must be in (0, 1]" in capsys.readouterr().err
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(SystemExit, match="not a delivery"):
        generate(foreign, scale=SCALE, feedback=lambda _: None)
    assert (foreign / "notes.txt").read_text() == "keep me" and len(list(tmp_path.iterdir())) == 1


def test_the_benchmark_reports_every_step_even_those_twin_cannot_do_yet(delivery, capsys):
    """bench_commune on the small delivery: the bare readings are figures; a twin step is
    either a figure or a failure carrying twin's own message, never a traceback."""
    from benchmarks.bench_commune import main as bench
    folder, m = delivery
    assert bench(["--delivery", str(folder), "--seed", "7", "--scale", str(SCALE), "--frames", "3",
                  "--timeout", "300", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    steps = {row["step"].strip(): row for row in result["steps"]}
    assert result["delivery"]["buildings"] == m["counts"]["batiment"]           # reused, not regenerated
    assert all(row["ok"] and row["value"] > 0 for name, row in steps.items() if name.startswith(("pyogrio", "rasterio", "laspy")))
    for row in result["steps"]:
        assert row["ok"] or (row["error"] and "Traceback" not in row["error"]), row
    build = steps["build-scene --commune 62041"]
    assert build["ok"] or build["error"].startswith(("twin: error", "twin:")), build


def test_the_bd_topo_can_stay_in_ign_s_7z(tmp_path, delivery):
    """--archive: the same GeoPackage, in IGN's archive and folders, the same bytes twice."""
    import py7zr
    plain, _ = delivery
    packed = [generate(tmp_path / name, seed=7, scale=SCALE, archive=True, feedback=lambda _: None)
              for name in ("a", "b")]
    archive = _one(tmp_path / "a", "*.7z")
    assert re.fullmatch(r"BDTOPO_3-3_TOUSTHEMES_GPKG_LAMB93_D062_\d{4}-\d\d-\d\d\.7z", archive.name)
    assert not list((tmp_path / "a").rglob("*.gpkg")) and packed[0]["archive"]
    assert archive.read_bytes() == _one(tmp_path / "b", "*.7z").read_bytes()
    with py7zr.SevenZipFile(archive) as z:
        names = [n for n in z.getnames() if n.endswith(".gpkg")]
        z.extractall(tmp_path / "out")
    assert names == [str(_one(plain, "*.gpkg").relative_to(plain))]
    assert (tmp_path / "out" / names[0]).read_bytes() == _one(plain, "*.gpkg").read_bytes()
