"""The bundled demo data is what its generator makes, and it loads as a town centre."""

import os
import runpy
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pytest

from tests.conftest import DEMO_SCENE, ROOT
from twin.io.loading import load_scene_data
from twin.io.scene_file import load_scene

DEMO = ROOT / "assets" / "demo" / "arras-centre"


# NumPy's quicksort is SIMD code chosen at run time (AVX2, AVX-512, NEON...) and each
# orders equal keys its own way: switching it off stands for another machine's CPU.
NO_SIMD = "X86_V3 X86_V4 AVX512_ICL AVX512_SPR AVX512_SKX AVX512F AVX2 ASIMDHP ASIMDDP SVE"


@pytest.mark.parametrize("cpu", ["this CPU", "no SIMD"])
def test_generator_writes_the_shipped_bytes(tmp_path, cpu):
    """Every file, the COPC and the GeoPackage included (its date is fixed), byte for byte."""
    generator = ROOT / "assets" / "demo" / "make_arras_centre.py"
    if cpu == "this CPU":
        runpy.run_path(str(generator))["main"](tmp_path)
    else:
        env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": NO_SIMD}
        subprocess.run([sys.executable, str(generator), str(tmp_path)], env=env, check=True,
                       capture_output=True)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in DEMO.iterdir())
    differ = [name for name in made if (tmp_path / name).read_bytes() != (DEMO / name).read_bytes()]
    assert not differ, f"{differ} differ from assets/demo/arras-centre: regenerate with the generator"


def test_demo_is_small_and_in_real_formats():
    total = sum(p.stat().st_size for p in DEMO.iterdir())
    assert total < 20 * 1024 * 1024
    par = gpd.read_file(DEMO / "parcelles.json")
    assert par.crs.to_epsg() == 4326
    assert par["id"].str.match(r"^62041000[A-Z]{2}\d{4}$").all()
    bat = gpd.read_file(DEMO / "batiment.gpkg")
    assert bat.crs.to_epsg() == 2154
    assert {"hauteur", "nombre_d_etages", "altitude_minimale_sol", "usage_1"} <= set(bat.columns)
    assert "Beffroi" in set(bat["toponyme"].dropna())


def test_demo_scene_loads_with_varied_heights_near_the_grand_place():
    scene = load_scene(DEMO_SCENE)
    results = load_scene_data(scene)
    assert all(r.error is None for r in results), [r.error for r in results]
    buildings = scene.layers.find("Bâtiments (LoD1)")
    frame = next(r.data for r in results if r.layer is buildings).table.frame
    assert frame["height"].max() >= 75                      # the belfry
    assert 3 <= frame["height"].min() and frame["height"].std() > 2
    sources = set(frame["height_source"])
    assert {"attribute", "floors", "default"} <= sources
    # the Grand'Place is open ground: no building within 40 m of its centre
    import shapely
    centre = shapely.Point(684131, 7021537)
    assert frame.geometry.distance(centre).min() > 40


def test_demo_lidar_sits_on_the_town_with_its_classes():
    scene = load_scene(DEMO_SCENE)
    lidar = scene.layers.find("LiDAR HD (nuage de points)")
    assert lidar.visible is False               # one tick away, not in the way of the maquette
    [result] = load_scene_data(scene, layers=[lidar])
    assert result.error is None and result.data.total == 360_000
    assert {2, 5, 6, 64}.issubset(result.data.classes)
    assert result.data.stream.tiles[0].crs == "EPSG:2154"


def test_demo_live_layers_load_and_show_the_day_of_the_scene():
    scene = load_scene(DEMO_SCENE)
    group = scene.layers.find("Données en direct")
    layers = list(group)
    results = load_scene_data(scene, layers=layers)
    assert all(r.error is None for r in results), [r.error for r in results]
    sensors, footfall, consumption = (r.data for r in results)
    when = scene.timeline.current                      # 21 June 2026, 12:00 in Paris
    noise = sensors.values_at("noise", when)
    assert len(noise) == 8 and np.isfinite(noise).all() and 45 < noise.mean() < 80
    counts, change = footfall.at(when)
    assert np.isfinite(counts).all() and counts.sum() > 500 and np.isfinite(change).all()
    daily = consumption.at(when, public=False)
    public = consumption.at(when, public=True)
    assert np.isfinite(daily).sum() == 40 and 0 < np.isfinite(public).sum() < 40
