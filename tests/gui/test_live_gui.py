"""Time-aware layers in the app: picking opens a feature's history chart, which follows
the timeline; legends follow visibility; a flood of live readings through a real broker
and ingester costs one redraw per poll, not one per message."""

import threading
import time
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
import vtk
from PySide6.QtCore import QPoint

from tests.plugins.test_sensors import sensors_scene  # noqa: F401  (a fixture, shared)
from twin._vtk.convert import to_polydata
from twin.io.scene_file import load_scene


@pytest.fixture
def window(demo_window):
    return demo_window((1200, 800), data="now")


def _on_screen(win, xyz) -> QPoint | None:
    """Widget position of an origin-relative point, None when off the view."""
    coord = vtk.vtkCoordinate()
    coord.SetCoordinateSystemToWorld()
    coord.SetValue(*map(float, xyz))
    x, y = coord.GetComputedDisplayValue(win.view.renderer)
    ratio = win.view.devicePixelRatioF()
    pos = QPoint(int(x / ratio), int(win.view.height() - y / ratio))
    inside = 20 < pos.x() < win.view.width() - 20 and 20 < pos.y() < win.view.height() - 20
    return pos if inside else None


def test_picking_a_sensor_charts_its_history_and_the_chart_follows_the_timeline(window, qtbot):
    layer = window.scene.layers.find("Bruit (capteurs LoRa)")
    row, pos = next((i, p) for i, xyz in enumerate(layer.data.points) if (p := _on_screen(window, xyz)))
    window.pick_at(pos)
    panel = window.history
    assert window.history_dock.isVisible() and panel.target == (layer, row)
    sensor = layer.data.ids[row]
    assert panel.message.text() == f"{sensor}: noise" and panel.history.unit == "dB(A)"
    values = panel.history.traces[0].values
    assert len(values) == 6 * 24 + 1 and 35 < values.mean() < 75      # a day of 10-minute readings, ends included
    assert [a.get_ylabel() for a in panel.figure.axes] == ["dB(A)"]
    assert len(panel.figure.axes[0].lines) >= 3                         # series and two thresholds
    # a burst of timeline steps (playing) costs one throttled redraw, at the last instant
    draws = panel.draws
    start = window.scene.timeline.current
    for k in range(1, 21):
        window.scene.timeline.set_current(start - timedelta(minutes=10 * k))
    qtbot.waitUntil(lambda: panel.history.now == start - timedelta(minutes=200), timeout=3000)
    assert panel.draws == draws + 1
    # the attributes table shows the sensor's row too
    table = window.attributes
    assert sensor in {table.item(r, 1).text() for r in range(table.rowCount())}


def test_a_consumption_pick_and_the_public_rule(window, qtbot):
    scene = window.scene
    scene.layers.find("Bruit (capteurs LoRa)").visible = False
    scene.layers.find("Bâtiments (LoD1)").visible = False       # the same footprints, drawn plain
    layer = scene.layers.find("Consommation électrique (jour)")
    layer.visible = True
    data = layer.data
    blocks = to_polydata(data.mesh)
    small = ~data.shown(public=True) & data.shown(public=False)
    picked = None
    for row in np.flatnonzero(data.column >= 0):
        points = blocks.extract_cells(np.flatnonzero(blocks.cell_data["feature"] == row)).points
        top = points[points[:, 2] >= points[:, 2].max() - 0.01]
        pos = _on_screen(window, top.mean(axis=0))           # the middle of its roof
        if pos is None:
            continue
        got = window.mirror.pick(*window._display_xy(pos))
        if got is not None and got.layer is layer and got.feature == row:
            picked = (row, pos)
            if small[row]:
                break
    assert picked is not None, "no consumption building found on screen"
    row, pos = picked
    assert small[row], "the demo view should show a building with fewer than 10 delivery points"
    window.pick_at(pos)
    panel = window.history
    assert panel.history.traces[0].style == "bar" and np.isfinite(panel.history.traces[0].values).all()
    assert panel.message.text().endswith("consumption per day")
    scene.public = True                                   # a kiosk: small buildings show nothing
    qtbot.waitUntil(lambda: panel.draws >= 2, timeout=3000)
    assert panel.history is None and "no figures" in panel.message.text()
    assert any(legend.title.startswith("Consommation") for legend in window.mirror.legends.shown)
    consumption = next(legend for legend in window.mirror.legends.shown if legend.title.startswith("Consommation"))
    assert consumption.entries[-1][1] == "no data or under 10 delivery points"



def test_a_flood_through_a_real_broker_costs_one_redraw_per_poll(qtbot, sensors_scene, tmp_path):
    """3 000 uplinks as fast as Mosquitto takes them, ingested into the store the window
    reads: the window redraws on its timers (live poll, timeline tick), never per message,
    keeps answering, and ends showing the last values."""
    import json

    from tests.feeds.broker import Mosquitto
    from tests.feeds.test_mqtt import publisher
    from twin._qt.main_window import MainWindow
    from twin.feeds.mqtt import MqttIngester
    from twin.feeds.store import SqliteStore
    broker = Mosquitto(tmp_path / "broker").start()
    scene = load_scene(sensors_scene)
    layer = scene.layers.find("Bruit (LoRa)")
    for name in ("Fond", "Cadastre", "Bâtiments (LoD1)", "Arbres", "Données en direct", "Ville participative"):
        scene.layers.find(name).visible = False        # software GL: keep frames short
    store = SqliteStore(tmp_path / "readings.db")
    ingester = MqttIngester(broker.url, ["v3/+/devices/+/up"], store, {"LAeq": "noise"})
    threading.Thread(target=ingester.run, daemon=True).start()
    win = MainWindow(scene)
    qtbot.addWidget(win)
    win.resize(800, 600)
    win.show()
    qtbot.waitUntil(lambda: win.loader is None and layer.data is not None, timeout=60000)
    scene.timeline.live = True
    qtbot.waitUntil(lambda: ingester.status.connected, timeout=10000)
    time.sleep(0.3)                                            # subscribed

    n, t0 = 3000, datetime.now(timezone.utc) - timedelta(seconds=30)
    final = {"sono-1": 70.0, "sono-2": 58.0, "sono-3": 40.0}

    def flood():
        pub = publisher(broker.port)
        for i in range(n):
            sensor = f"sono-{i % 3 + 1}"
            value = final[sensor] if i >= n - 3 else (40.0 if (i // 3) % 2 else 72.0)
            body = {"end_device_ids": {"device_id": sensor},
                    "received_at": (t0 + timedelta(milliseconds=i)).isoformat(),
                    "uplink_message": {"decoded_payload": {"LAeq": value}}}
            pub.publish("v3/arras/devices/x/up", json.dumps(body), qos=1)
        pub.loop_stop()

    gaps, last = [], [time.monotonic()]

    def beat():
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now
    from PySide6.QtCore import QTimer
    heartbeat = QTimer(interval=10)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    frames = win.mirror.frames
    started = time.monotonic()
    sender = threading.Thread(target=flood)
    sender.start()
    visual = win.mirror.visuals[id(layer)]
    try:
        qtbot.waitUntil(lambda: ingester.status.totals.stored == n, timeout=60000)
        qtbot.waitUntil(lambda: visual._levels.tolist() == [3, 2, 1], timeout=5000)
    finally:
        heartbeat.stop()
        sender.join()
        ingester.stop()
        broker.stop()
    seconds = time.monotonic() - started
    renders = win.mirror.frames - frames
    assert renders < n / 30, (renders, seconds)                # timers' pace, not 3 000 repaints
    assert max(gaps) < 1.0, max(gaps)                           # the window kept answering
    win.close()
    store.close()


def test_temporal_settings_are_edited_in_the_properties_panel(window, qtbot):
    layer = window.scene.layers.find("Bruit (capteurs LoRa)")
    visual = window.mirror.visuals[id(layer)]
    window.properties.set_layer(layer)
    edits = window.properties.time_edits
    assert set(edits) == {"time_offset", "fixed_time", "history", "max_age"}
    assert edits["max_age"].text() == "PT30M"
    before = visual._levels.copy()
    edits["time_offset"].setText("-PT12H")               # the night before: quieter
    edits["time_offset"].editingFinished.emit()
    assert layer.time_offset == "-PT12H"
    assert not np.array_equal(visual._levels, before)   # redrawn at the shifted instant
    edits["history"].setText("a week")                   # refused, explained, not applied
    edits["history"].editingFinished.emit()
    assert layer.history == "P1D" and "not an ISO 8601 duration" in edits["history"].toolTip()
    row = 0
    window.history.show_feature(layer, row)
    draws = window.history.draws
    edits["history"].setText("PT6H")
    edits["history"].editingFinished.emit()
    qtbot.waitUntil(lambda: window.history.draws > draws, timeout=3000)
    assert len(window.history.history.traces[0].values) == 6 * 6 + 1


def test_the_timeline_range_is_fitted_to_the_data_and_edited(window):
    bar, t = window.timeline_bar, window.scene.timeline
    window.scene.layers.find("Ville participative").visible = False   # its reports span all June
    assert (t.start, t.end) == (None, None) and bar.start.text() == "(none)"
    bar.fit.click()                                             # the visible sensors' replay
    assert (t.start, t.end) == (datetime(2026, 6, 19, 22, tzinfo=timezone.utc),
                                datetime(2026, 6, 21, 21, 50, tzinfo=timezone.utc))
    assert bar.start.dateTime().toString("dd/MM/yyyy HH:mm") == "20/06/2026 00:00"     # Paris time
    window.scene.layers.find("Fréquentation (passages par heure)").visible = True
    bar.fit.click()                                             # two weeks of footfall as well
    assert t.start == datetime(2026, 6, 7, 22, tzinfo=timezone.utc) and t.end.day == 21
    t.set_range("2026-06-20T00:00:00Z", "2026-06-21T00:00:00Z")  # the model drives the bar
    assert bar.end.dateTime().toString("dd/MM/yyyy HH:mm") == "21/06/2026 02:00"
    assert t.current == datetime(2026, 6, 21, tzinfo=timezone.utc)   # kept inside the range
    bar.end.setDateTime(bar.start.dateTime().addDays(-1))       # an end before the start: refused
    bar.end.editingFinished.emit()
    assert "start must be before its end" in bar.message.text() and t.end.day == 21
    t.playing, t.loop = True, True
    t.tick(3600 * 30 / t.speed)                                 # past the end: back to the start
    assert t.current == t.start


def test_a_plugin_layers_settings_are_edited_in_the_properties_panel(window, qtbot):
    layer = window.scene.layers.find("Bruit (capteurs LoRa)")
    visual = window.mirror.visuals[id(layer)]
    window.properties.set_layer(layer)
    edits = window.properties.setting_edits
    assert {"quantity", "unit", "warn", "alarm", "height", "id_field"} <= set(edits)
    assert edits["warn"].text() == "60" and edits["alarm"].text() == "68"
    before = visual._levels.copy()
    edits["warn"].setText("40")                       # every sensor above 40 dB(A) turns amber
    edits["warn"].editingFinished.emit()
    assert layer.warn == 40.0 and not np.array_equal(visual._levels, before)
    qtbot.wait(50)
    edits = window.properties.setting_edits           # the form was rebuilt
    edits["alarm"].setText("20")                      # below warn: refused, explained, not applied
    edits["alarm"].editingFinished.emit()
    assert layer.alarm == 68.0 and "is below warn" in edits["alarm"].toolTip()
    edits["warn"].setText("loud")
    edits["warn"].editingFinished.emit()
    assert layer.warn == 40.0 and "could not convert" in edits["warn"].toolTip()
