"""The example third-party plugin (tests/example_plugin, installed for the tests by
scripts/setup.sh) end to end: discovered, its importer opens a file, its layer kind loads
from a scene file and draws, its own scene file section is kept, its algorithm, command and
live source run; plus the CLI."""

import json
import subprocess
import sys
import time

import numpy as np
import pytest

from tests.conftest import DEMO_SCENE, ROOT
from twin.io.loading import apply_results, load_scene_data
from twin.core.plugins import plugins
from twin.io.registry import file_info
from twin.io.scene_file import load_scene

STATIONS = """id,name,lon,lat,altitude,opened
1,Grand'Place,2.777594,50.291500,68,2019-03-01
2,Gare,2.781377,50.288481,66,2024-09-15
3,Citadelle,2.774346,50.293855,70,
"""


@pytest.fixture
def stations(tmp_path):
    path = tmp_path / "meteo.stations.csv"
    path.write_text(STATIONS, encoding="utf-8")
    return path


@pytest.fixture
def scene_file(tmp_path, stations):
    text = DEMO_SCENE.read_text(encoding="utf-8").replace('"../assets/', f'"{ROOT}/assets/')
    text += f'''
[[layers]]
name = "Stations météo"
kind = "pins"
source = "{stations}"
height = 40.0
'''
    path = tmp_path / "with-stations.toml"
    path.write_text(text, encoding="utf-8")
    return path


def twin(*args):
    return subprocess.run([sys.executable, "-m", "twin", *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def test_the_example_is_discovered_with_all_it_contributes():
    record = plugins().record("twin-example")
    assert record.state == "enabled" and record.version == "0.4.0" and not record.builtin
    assert record.contributions.summary() == {
        "importers": ["example-stations (.stations.csv)"], "layer_kinds": ["pins"],
        "sources": ["example.replay"], "panels": ["Stations"], "algorithms": ["example.density"],
        "commands": ["stations"], "scene_components": ["example.stations (stations)"]}
    assert plugins().record("builtin-importers").builtin


def test_its_importer_layer_kind_and_algorithm_work_on_a_scene(scene_file, stations):
    assert file_info(stations).importer == "example-stations" and file_info(stations).count == 3
    scene = load_scene(scene_file)
    pins = scene.layers.find("Stations météo")
    assert pins.kind == "pins" and pins.height == 40.0
    results = load_scene_data(scene)      # with the terrain the pins stand on
    [result] = [r for r in results if r.layer is pins]
    assert result.error is None
    apply_results(results)
    # stood on the terrain of Arras (≈ 60-70 m), 40 m tall
    assert np.allclose(result.data.top[:, 2] - result.data.base[:, 2], 40.0)
    assert 55 < result.data.base[:, 2].min() and result.data.base[:, 2].max() < 80
    density = plugins().algorithms()["example.density"]
    out = density(scene, layer=pins, cell=400.0)
    assert out["features"] == 3 and 2 <= out["cells"] <= 3
    with pytest.raises(Exception, match="must be at least 1.0"):
        density(scene, layer=pins, cell=0.5)
    with pytest.raises(Exception, match="needs a layer"):
        density(scene, layer="Stations météo")
    with pytest.raises(Exception, match="'layer' is required"):
        density(scene)
    from twin.api import Canceled, Feedback
    stop = Feedback()
    stop.cancel()
    with pytest.raises(Canceled):                     # its progress reports honour cancel
        density(scene, stop, layer=pins, cell=400.0)
    # the plugin's own setting survives the scene file
    from twin.io.scene_file import save_scene
    pins.height = 55.5
    save_scene(scene, scene_file.with_name("again.toml"))
    assert load_scene(scene_file.with_name("again.toml")).layers.find("Stations météo").height == 55.5


def test_its_scene_section_is_read_checked_and_written_back(scene_file, tmp_path):
    from twin.core.errors import SceneFileError
    from twin.io.scene_file import save_scene
    from twin_example.settings import StationSettings
    assert StationSettings.of(load_scene(scene_file)) == StationSettings()      # none: the defaults
    text = scene_file.read_text(encoding="utf-8")
    with_section = tmp_path / "watched.toml"
    with_section.write_text(text + '\n[stations]\nnetwork = "Réseau météo d\'Arras"\nwatch = ["Gare"]\n',
                            encoding="utf-8")
    scene = load_scene(with_section)
    assert StationSettings.of(scene) == StationSettings("Réseau météo d'Arras", ("Gare",))
    again = load_scene(save_scene(scene, tmp_path / "again.toml"))
    assert StationSettings.of(again) == StationSettings.of(scene)
    assert (tmp_path / "again.toml").read_text(encoding="utf-8").rstrip().endswith(
        '[stations]\nnetwork = "Réseau météo d\'Arras"\nwatch = [\n    "Gare",\n]')
    # a mistake in it is reported like any other: file, key, line
    bad = tmp_path / "bad.toml"
    bad.write_text(text + "\n[stations]\nwatch = [1]\n", encoding="utf-8")
    with pytest.raises(SceneFileError, match=r"line \d+, key 'stations.watch': watch must be a list of station names"):
        load_scene(bad)


def test_its_pins_draw_offscreen(scene_file):
    from twin._vtk.offscreen import render_scene
    from twin.core.camera import View
    scene = load_scene(scene_file)
    for name in ("Fond", "Cadastre", "Bâtiments (LoD1)", "Arbres", "Données en direct", "Ville participative"):
        scene.layers.find(name).visible = False
    apply_results(load_scene_data(scene))
    view = View(position=(684130, 7020300, 700), focal_point=(684130, 7021500, 80))
    def balls_and_poles():
        img = render_scene(scene, None, size=(320, 240), view=view)
        red = (img[..., 0] > 180) & (img[..., 1] < 90) & (img[..., 2] < 90)    # the balls
        blue = (img[..., 2] > 150) & (img[..., 0] < 60)                         # the poles
        return red.sum(), blue.sum()
    scene.timeline.set_current("2026-06-21T10:00:00Z")
    red_all, blue_all = balls_and_poles()
    assert red_all >= 30 and blue_all > 20
    # a timeline-aware overlay: in 2020 the station at the Gare (opened 2024) is not there yet
    scene.timeline.set_current("2020-01-01T00:00:00Z")
    red_2020, _ = balls_and_poles()
    assert 0.4 * red_all < red_2020 < 0.85 * red_all


def test_its_live_source_replays_readings(tmp_path):
    readings = tmp_path / "r.csv"
    readings.write_text("sensor,time,value\nnoise-1,2026-06-21T10:00:00Z,54.5\nnoise-1,2026-06-21T10:01:00Z,61\n")
    source = plugins().sources()["example.replay"](readings)
    got = []
    source.start(got.append)
    deadline = time.monotonic() + 10
    while len(got) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    source.stop()
    assert [r["value"] for r in got] == [54.5, 61.0]


def test_cli_lists_plugins_and_runs_their_command(stations, tmp_path):
    proc = twin("plugins", "--json")
    assert proc.returncode == 0, proc.stderr
    by_name = {p["name"]: p for p in json.loads(proc.stdout)}
    assert by_name["twin-example"]["state"] == "enabled" and by_name["twin-example"]["version"] == "0.4.0"
    importers = [name.split(" ")[0] for name in by_name["builtin-importers"]["contributes"]["importers"]]
    assert importers == ["raster", "cityjson", "vector", "pointcloud", "mesh", "csv-points"]   # CityJSON before GeoJSON
    proc = twin("stations", stations)
    assert proc.returncode == 0 and proc.stdout.startswith("3 stations")
    text = twin("plugins").stdout
    assert "twin-example 0.4.0: enabled" in text and "algorithms: example.density" in text


def test_cli_disables_and_enables_a_plugin(tmp_path):
    env_dir = tmp_path / "config"
    import os
    env = {**os.environ, "TWIN_CONFIG_DIR": str(env_dir)}
    run = lambda *a: subprocess.run([sys.executable, "-m", "twin", *a], capture_output=True, text=True, env=env)
    assert run("plugins", "disable", "twin-example").returncode == 0
    assert 'disabled = [\n    "twin-example",\n]' in (env_dir / "settings.toml").read_text()
    listed = {p["name"]: p for p in json.loads(run("plugins", "--json").stdout)}
    assert listed["twin-example"]["state"] == "disabled"
    assert run("stations", "x").returncode == 2          # its command is gone with it
    assert run("plugins", "enable", "twin-example").returncode == 0
    assert {p["name"]: p["state"] for p in json.loads(run("plugins", "--json").stdout)}["twin-example"] == "enabled"
    bad = run("plugins", "disable", "nope")
    assert bad.returncode == 2 and "no plugin named 'nope'" in bad.stderr


def test_twin_run_gives_a_script_the_model(tmp_path, scene_file):
    script = tmp_path / "indicator.py"
    script.write_text(
        "pins = scene.layers.find('Stations météo')\n"
        "result = algorithms['example.density'](scene, layer=pins, cell=1000.0)\n"
        "buildings = scene.layers.find('Bâtiments (LoD1)').data.table.frame\n"
        "print(result['features'], len(buildings), round(buildings['height'].max()), args)\n")
    proc = twin("run", script, scene_file, "--args", "a", "b")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "3 3499 75 ['a', 'b']"
    broken = tmp_path / "broken.py"
    broken.write_text("x = 1\nscene.layers.find('nope')\n")
    proc = twin("run", broken, scene_file)
    assert proc.returncode == 1 and "broken.py\", line 2" in proc.stderr
    assert "no layer named 'nope'" in proc.stderr and "twin/cli/main.py" not in proc.stderr
    assert twin("run", tmp_path / "missing.py").returncode == 2
