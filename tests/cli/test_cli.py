"""The twin command as a user types it (a subprocess: exit codes, stdout, stderr)."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from tests.conftest import DEMO_SCENE
from twin import __version__


def twin(*args, check=False):
    proc = subprocess.run([sys.executable, "-m", "twin", *map(str, args)], capture_output=True,
                          text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_version_and_help():
    assert twin("--version", check=True).stdout.strip() == f"twin {__version__}"
    out = twin("--help", check=True).stdout
    for command in ("open", "render", "info"):
        assert command in out


def test_info_json_on_real_files(shared):
    out = twin("info", shared / "cadastre/bdtopo_v3_sample_12174/BATIMENT.shp", "--json", check=True).stdout
    info = json.loads(out)
    assert info["kind"] == "vector" and info["count"] == 2273 and info["crs"] == "EPSG:2154"
    assert len(info["bounds"]) == 4
    raster = json.loads(twin("info", shared / "dtm/ldm__DSM_test_data_77055_627760_LA93_IGN69_50CM.tif",
                             "--json", check=True).stdout)
    assert raster["kind"] == "raster" and raster["count"] == 10000


def test_info_crs_is_null_when_file_has_none(tmp_path):
    import geopandas as gpd
    import shapely
    gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(1, 2)]).to_file(tmp_path / "p.shp")
    info = json.loads(twin("info", tmp_path / "p.shp", "--json", check=True).stdout)
    assert info["crs"] is None and info["count"] == 1


@pytest.mark.parametrize("content", [b"", b"{\"type\": \"FeatureCollection\", \"feat", b"\x89PNG\r\n\x1a\nxxxx"])
def test_info_on_unreadable_file_is_one_line_and_status_2(tmp_path, content):
    path = tmp_path / "broken.geojson"
    path.write_bytes(content)
    proc = twin("info", path, "--json")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_render_demo_scene_from_a_bookmark(tmp_path):
    out = tmp_path / "view.png"
    twin("render", DEMO_SCENE, "--out", out, "--size", "320x200", "--bookmark", "Grand Place", check=True)
    img = np.asarray(Image.open(out).convert("RGB")).astype(int)
    assert img.shape == (200, 320, 3)
    # roofs (red-brown) and the terrain/parcels both show; not a blank sky
    red = (img[..., 0] > img[..., 2] + 40).mean()
    assert 0.05 < red < 0.9, red


def test_render_shows_and_hides_layers(tmp_path):
    out = tmp_path / "lidar.png"
    twin("render", DEMO_SCENE, "--out", out, "--size", "320x200", "--show", "LiDAR HD (nuage de points)",
         "--hide", "Bâtiments (LoD1)", "--hide", "Cadastre", "--hide", "Fond", check=True)
    img = np.asarray(Image.open(out).convert("RGB")).astype(int)
    # nothing but points over the sky: ground points (class 2, #a67c52-ish) and roof points
    # (#e0533f-ish), told by hue: eye-dome lighting shades them
    r, g, b = img[..., 0], img[..., 1], img[..., 2]
    brown = ((r > b + 30) & (g > b + 15) & (r - g < 50)).mean()
    roofs = ((r - g > 60) & (r > 110)).mean()
    assert brown > 0.05 and roofs > 0.05, (brown, roofs)
    proc = twin("render", DEMO_SCENE, "--out", out, "--hide", "Nope")
    assert proc.returncode == 2 and "no layer named 'Nope'" in proc.stderr and "'Parcelles'" in proc.stderr


def test_render_data_files_directly(tmp_path, shared):
    out = tmp_path / "dtm.png"
    twin("render", shared / "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif",
         shared / "dtm/ignpdaltools__ortho_test_data_rgb.tif", "--out", out, "--size", "160x120", check=True)
    img = np.asarray(Image.open(out).convert("RGB")).astype(int)
    sky = np.asarray([143, 179, 217])
    assert (np.abs(img - sky).max(axis=2) > 60).mean() > 0.1   # the textured terrain is there


def test_render_unknown_bookmark_and_bad_scene(tmp_path):
    proc = twin("render", DEMO_SCENE, "--out", tmp_path / "x.png", "--bookmark", "Nowhere")
    assert proc.returncode == 2 and "Nowhere" in proc.stderr and "Grand Place" in proc.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[[layers]]\nname = "x"\nkind = "terrain"\nsource = 3\n')
    proc = twin("render", bad, "--out", tmp_path / "x.png")
    assert proc.returncode == 2 and "line 5" in proc.stderr and "layers[0].source" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_render_with_only_missing_files_writes_nothing(tmp_path):
    scene = tmp_path / "s.toml"
    scene.write_text('format = 1\n[[layers]]\nname = "x"\nkind = "terrain"\nsource = "gone.tif"\n')
    proc = twin("render", scene, "--out", tmp_path / "x.png")
    assert proc.returncode == 2 and "gone.tif" in proc.stderr and not (tmp_path / "x.png").exists()


def test_open_without_a_display_says_so(monkeypatch):
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "twin", "open"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 2 and "no display" in proc.stderr and "Traceback" not in proc.stderr


def test_render_at_each_quality(tmp_path):
    """``--quality high`` forced on a machine without GPU still renders (slowly): ambient
    occlusion and multisampling change the picture, not what it shows."""
    images = {}
    for level in ("low", "high"):
        out = tmp_path / f"{level}.png"
        twin("render", DEMO_SCENE, "--out", out, "--size", "320x200", "--bookmark", "Grand Place",
             "--quality", level, check=True)
        images[level] = np.asarray(Image.open(out).convert("RGB")).astype(int)
    grey = {level: img.mean(axis=2).ravel() for level, img in images.items()}
    assert np.corrcoef(grey["low"], grey["high"])[0, 1] > 0.8          # the same town, shaded otherwise
    assert images["high"].mean() < images["low"].mean() - 1.0         # darker in the corners: SSAO
    proc = twin("render", DEMO_SCENE, "--out", tmp_path / "x.png", "--quality", "ultra")
    assert proc.returncode == 2 and "auto" in proc.stderr and "high" in proc.stderr
def test_render_furniture_and_language(tmp_path):
    plain, bare = tmp_path / "fr.png", tmp_path / "bare.png"
    twin("render", DEMO_SCENE, "--out", plain, "--size", "480x320", "--lang", "fr", check=True)
    twin("render", DEMO_SCENE, "--out", bare, "--size", "480x320", "--lang", "fr", "--no-furniture", check=True)
    a, b = (np.asarray(Image.open(p).convert("RGB")).astype(int) for p in (plain, bare))
    changed = (a != b).any(axis=2)
    rows, cols = np.nonzero(changed)
    assert changed.sum() > 300 and cols.max() < 160 and rows.min() > 320 - 160   # the lower left corner only
    proc = twin("render", DEMO_SCENE, "--out", tmp_path / "x.png", "--lang", "xx")
    assert proc.returncode == 2 and "--lang xx" in proc.stderr and "fr" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "x.png").exists()
