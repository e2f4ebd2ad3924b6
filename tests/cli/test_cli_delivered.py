"""`twin build-scene --commune` and `twin info` on files as IGN and Etalab deliver them
(tests/delivered.py), as a user types the commands."""

import json

from tests.cli.test_cli import twin
from tests.delivered import ARCHIVE, GPKG_NAME


def test_info_lists_the_layers_of_a_bdtopo_geopackage(delivered):
    gpkg = delivered / "bdtopo" / GPKG_NAME
    proc = twin("info", gpkg, "--json", check=True)
    assert proc.stderr == ""                                    # no pyogrio warning on the terminal
    info = json.loads(proc.stdout)
    assert info["layer"] == "batiment" and info["count"] == 3 * 2273
    assert info["layers"][0] == {"name": "aerodrome", "count": 1, "geometry_type": "Polygon"}
    communes = json.loads(twin("info", gpkg, "--layer", "commune", "--json", check=True).stdout)
    assert (communes["layer"], communes["count"], communes["crs"]) == ("commune", 4, "EPSG:2154")
    text = twin("info", gpkg, check=True).stdout
    assert "layers:    7" in text and "troncon_de_route" in text
    wrong = twin("info", gpkg, "--layer", "batiments")
    assert wrong.returncode == 2 and "has no layer 'batiments'" in wrong.stderr and "Traceback" not in wrong.stderr


def test_build_scene_of_one_commune_then_info_on_the_scene(delivered, tmp_path):
    folder = tmp_path / "d012"
    folder.mkdir()
    for name in (f"archives/{ARCHIVE}", "cadastre-75118-parcelles.json.gz",
                 "mnt/RGEALTI_FXX_0661_6363_MNT_LAMB93_IGN69.tif"):
        (folder / name.rsplit("/", 1)[-1]).symlink_to(delivered / name)
    out = tmp_path / "scenes" / "olemps.toml"
    proc = twin("build-scene", "--from", folder, "--commune", "12174", "--buffer", "100", "--out", out, check=True)
    assert "outside the commune (12174 Olemps)" in proc.stdout and "documentation or metadata" in proc.stdout
    assert (tmp_path / "scenes" / "olemps.data" / "commune-12174.geojson").is_file()
    info = json.loads(twin("info", out, "--json", check=True).stdout)
    assert (info["kind"], info["name"], info["crs"]) == ("scene", "Olemps", "EPSG:2154")
    layers = {layer["name"]: layer for layer in info["layers"]}
    assert layers["Bâtiments (LoD1)"]["count"] == 2273 and layers["Bâtiments (LoD1)"]["kind"] == "buildings"
    assert layers["Terrain"]["count"] == 600 * 600                  # cells
    assert all(layer["error"] is None for layer in info["layers"])
    missing = twin("build-scene", "--from", folder, "--commune", "62041", "--out", tmp_path / "arras.toml")
    assert missing.returncode == 2 and "no commune 62041" in missing.stderr
    assert "12174 — Olemps" in missing.stderr and not (tmp_path / "arras.toml").exists()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / f"{ARCHIVE}.001").symlink_to(delivered / "broken" / f"{ARCHIVE}.001")
    failed = twin("build-scene", "--from", broken, "--commune", "12174", "--out", tmp_path / "b.toml")
    assert failed.returncode == 2 and "no commune outline here" in failed.stderr and "Traceback" not in failed.stderr
    assert f"{ARCHIVE}: is incomplete or damaged" in failed.stderr and "last part may be missing" in failed.stderr
    listed = twin("build-scene", "--from", broken, "--out", tmp_path / "b.toml")
    assert listed.returncode == 2 and "holds no file twin can show" in listed.stderr
