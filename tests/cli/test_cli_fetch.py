"""`twin fetch` then `twin build-scene`, as a user types them, against the local
Géoplateforme and cadastre (tests/geopf_server.py): a scene with buildings, parcels and
terrain, from files fetched over HTTP."""

import json
import socket
import time

from tests.cli.test_cli import twin
from tests.geopf_server import LIDAR_TILE, serving


def test_fetch_then_build_scene_gives_buildings_parcels_and_terrain(delivered, shared, monkeypatch, tmp_path):
    out = tmp_path / "olemps"
    with serving(delivered, shared, monkeypatch, tmp_path / "server") as server:
        dry = twin("fetch", "--commune", "12174", "--out", out, "--dry-run", "--ortho-resolution", "2", check=True)
        assert "12174 — Olemps" in dry.stdout and f"lidar/{LIDAR_TILE}" in dry.stdout
        assert "cadastre/cadastre-12174-parcelles.json.gz                cadastre  965.7 kB" in dry.stdout
        assert "total: " in dry.stdout and not out.exists()            # nothing written
        server.faults["/mnt/"] = ["503", "drop"]                          # a bad moment, then it works
        done = twin("fetch", "--commune", "12174", "--out", out, "--ortho-resolution", "2", check=True)
        assert "bdtopo/BDTOPO_12174.gpkg" in done.stdout and "ortho/ORTHO_12174_2M00.tif" in done.stdout
        assert f"build the scene with: twin build-scene --from {out} --commune 12174" in done.stdout
        again = twin("fetch", "--commune", "12174", "--out", out, "--what", "bdtopo,lidar", check=True)
        assert again.stdout.count("unchanged") == 2
    scene = tmp_path / "olemps.toml"
    twin("build-scene", "--from", out, "--commune", "12174", "--out", scene, check=True)
    info = json.loads(twin("info", scene, "--json", check=True).stdout)
    layers = {layer["name"]: layer for layer in info["layers"]}
    assert info["name"] == "Olemps" and all(layer["error"] is None for layer in info["layers"])
    assert layers["Bâtiments (LoD1)"]["count"] == 2273
    assert layers["Parcelles"]["count"] > 1000
    assert layers["Terrain"]["kind"] == "terrain" and layers["Terrain"]["count"] > 0


def test_dry_run_with_the_services_unreachable_fails_fast(monkeypatch, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("TWIN_GEOPF_URL", f"http://127.0.0.1:{port}")
    start = time.monotonic()
    proc = twin("fetch", "--commune", "62041", "--out", tmp_path / "arras", "--dry-run")
    assert proc.returncode == 2 and time.monotonic() - start < 10
    assert "IGN Géoplateforme WFS" in proc.stderr and "cannot be reached" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "arras").exists()
