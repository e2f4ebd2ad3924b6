"""The built-in sensors overlay (plugins/sensors, registered through the public API):
positions from a file, readings from the store, colours by threshold at the timeline's
instant, following new readings live."""

from datetime import datetime, timezone

import numpy as np
import pytest

from tests.conftest import DEMO_SCENE, ROOT
from twin.feeds.readings import Reading
from twin.feeds.store import SqliteStore
from twin.io.loading import apply_results, load_scene_data
from twin.core.plugins import plugins
from twin.io.scene_file import load_scene

POSITIONS = """{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},
"features": [
 {"type": "Feature", "properties": {"sensor": "sono-1", "name": "Grand'Place", "hauteur": 20}, "geometry": {"type": "Point", "coordinates": [684131, 7021537]}},
 {"type": "Feature", "properties": {"sensor": "sono-2", "name": "Hôtel de Ville"}, "geometry": {"type": "Point", "coordinates": [684000, 7021300]}},
 {"type": "Feature", "properties": {"sensor": "sono-3", "name": "Rue Ronville"}, "geometry": {"type": "Point", "coordinates": [684300, 7021350]}}]}"""
T1 = datetime(2026, 6, 21, 8, 0, tzinfo=timezone.utc)
T2 = datetime(2026, 6, 21, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def sensors_scene(tmp_path):
    (tmp_path / "capteurs.geojson").write_text(POSITIONS, encoding="utf-8")
    with SqliteStore(tmp_path / "readings.db") as store:
        store.write([Reading("sono-1", "noise", T1, 48.0), Reading("sono-2", "noise", T1, 58.0),
                     Reading("sono-1", "noise", T2, 70.5), Reading("sono-3", "pm25", T1, 9.0)])
    text = DEMO_SCENE.read_text(encoding="utf-8").replace('"../assets/', f'"{ROOT}/assets/')
    text += '''
[[layers]]
name = "Bruit (LoRa)"
kind = "sensors"
source = "capteurs.geojson"
store = "readings.db"
quantity = "noise"
warn = 55.0
alarm = 65.0
max_age = "PT6H"
'''
    path = tmp_path / "scene.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sensors_are_a_builtin_plugin():
    record = plugins().record("builtin-sensors")
    assert record.builtin and record.state == "enabled"
    assert record.contributions.summary() == {"layer_kinds": ["sensors"]}


def test_positions_and_readings_at_an_instant(sensors_scene):
    scene = load_scene(sensors_scene)
    layer = scene.layers.find("Bruit (LoRa)")
    assert (layer.quantity, layer.warn, layer.alarm) == ("noise", 55.0, 65.0)
    results = load_scene_data(scene)
    assert all(r.error is None for r in results), [r.error for r in results]
    apply_results(results)
    data = layer.data
    assert data.ids.tolist() == ["sono-1", "sono-2", "sono-3"]
    assert np.all(data.points[:, 2] > 60) and np.all(data.points[:, 2] < 80)   # ground + 4 m
    layer.height_field = "mast"                                # each sensor's own height
    [bad] = [r for r in load_scene_data(scene) if r.layer is layer]
    assert "has no 'mast' column for the sensors' heights" in bad.error
    layer.height_field = "hauteur"                             # sono-1 has one, the others not
    [again] = [r for r in load_scene_data(scene) if r.layer is layer]
    assert np.allclose(again.data.points[:, 2] - data.points[:, 2], [16.0, 0.0, 0.0], atol=0.01)
    layer.height_field = ""
    before = data.values_at("noise", datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert np.isnan(before).all()
    at_t1 = data.values_at("noise", T1)
    assert at_t1[:2].tolist() == [48.0, 58.0] and np.isnan(at_t1[2])
    latest = data.values_at("noise", None)
    assert latest[0] == 70.5 and layer.levels(latest).tolist() == [3, 2, 0]
    # the layer's temporal settings: a reading older than max_age is a silent sensor
    assert layer.values(T2).tolist()[:2] == [70.5, 58.0]
    layer.max_age = "PT2H"
    assert np.isnan(layer.values(T2)[1])
    layer.time_offset = "-PT4H"           # this copy shows the state four hours earlier
    assert layer.values(T2).tolist()[:2] == [48.0, 58.0]
    layer.time_offset, layer.fixed_time = "", "2026-06-21T08:30:00Z"
    assert layer.values(T2).tolist()[:2] == [48.0, 58.0]


def test_history_and_legend(sensors_scene):
    scene = load_scene(sensors_scene)
    layer = scene.layers.find("Bruit (LoRa)")
    apply_results(load_scene_data(scene))
    layer.unit = "dB(A)"
    chart = layer.history_of(0, T2, public=False)           # sono-1 over the day before T2
    assert chart.title == "sono-1: noise" and chart.unit == "dB(A)" and chart.now == T2
    assert chart.traces[0].values.tolist() == [48.0, 70.5]
    assert [t[1] for t in chart.thresholds] == [55.0, 65.0]
    layer.history = "PT2H"
    assert layer.history_of(0, T2, public=False).traces[0].values.tolist() == [70.5]
    assert layer.history_of(2, T2, public=False).empty     # sono-3 never measured noise
    legend = layer.legend(public=False)
    assert legend.title == "Bruit (LoRa): noise (dB(A))"
    assert [label for _, label in legend.entries] == ["≥ 65 dB(A)", "55 – 65 dB(A)", "< 55 dB(A)",
                                                       "silent for over 6 h"]


def test_temporal_settings_are_checked_and_saved(sensors_scene, tmp_path):
    from twin.core.errors import TwinError
    from twin.io.scene_file import save_scene
    scene = load_scene(sensors_scene)
    layer = scene.layers.find("Bruit (LoRa)")
    layer.time_offset, layer.history = "-P7D", "P2D"
    save_scene(scene, tmp_path / "again.toml")
    again = load_scene(tmp_path / "again.toml").layers.find("Bruit (LoRa)")
    assert (again.time_offset, again.history, again.max_age) == ("-P7D", "P2D", "PT6H")
    text = (tmp_path / "again.toml").read_text(encoding="utf-8").replace('max_age = "PT6H"', 'max_age = "an hour"')
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(TwinError, match="max_age 'an hour' is not an ISO 8601 duration"):
        load_scene(tmp_path / "bad.toml")


def _colours(img):
    def share(rgb):
        return int((np.abs(img.astype(int) - rgb).max(axis=2) < 40).sum())
    return {"grey": share((0x9e, 0x9e, 0x9e)), "green": share((0x2e, 0x7d, 0x32)),
            "amber": share((0xf9, 0xa8, 0x25)), "red": share((0xc6, 0x28, 0x28))}


def _shot(plotter):
    plotter.render()
    return _colours(plotter.screenshot(return_img=True))


def test_colours_follow_the_timeline(sensors_scene):
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.camera import View
    scene = load_scene(sensors_scene)
    for name in ("Fond", "Cadastre", "Bâtiments (LoD1)", "Arbres", "Données en direct", "Ville participative"):
        scene.layers.find(name).visible = False
    apply_results(load_scene_data(scene))
    plotter = make_plotter((320, 240))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(View(position=(684150, 7020700, 700), focal_point=(684150, 7021420, 60)))
        scene.timeline.set_current(T1)
        at_t1 = _shot(plotter)
        assert at_t1["green"] > 20 and at_t1["amber"] > 20 and at_t1["grey"] > 20 and at_t1["red"] == 0
        scene.timeline.set_current(T2)
        at_t2 = _shot(plotter)
        assert at_t2["red"] > at_t1["green"] and at_t2["green"] == 0     # sono-1 went into alarm, larger
        # a new reading arrives in the store: the next poll shows it
        with SqliteStore(scene.layers.find("Bruit (LoRa)").data.store_path) as store:
            store.write([Reading("sono-3", "noise", T2, 50.0)])
        mirror.poll_live()
        assert _shot(plotter)["grey"] == 0
    finally:
        mirror.close()
        plotter.close()


def test_bad_sensor_layers_are_explained(tmp_path, sensors_scene):
    scene = load_scene(sensors_scene)
    layer = scene.layers.find("Bruit (LoRa)")
    layer.id_field = "device"
    [result] = [r for r in load_scene_data(scene) if r.layer is layer]
    assert "has no 'device' column naming each sensor" in result.error and "sensor, name" in result.error
    layer.id_field, layer.store = "sensor", ""
    [result] = [r for r in load_scene_data(scene) if r.layer is layer]
    assert "names no readings store" in result.error
